package engine

import (
	"math/rand/v2"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestUnion checks the union altCandidates makes of its fields' records against roaring's
// own, wherever the largest lies and whichever bitmaps are the caller's own, and that it
// changes none of the others (they may be the index's postings lists).
func TestUnion(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 4))
	for round := 0; round < 100; round++ {
		var bms, copies []*roaring.Bitmap
		var own []bool
		for k := rng.IntN(5); k >= 0; k-- {
			b := roaring.New()
			for n := rng.IntN(3000); n > 0; n-- {
				b.Add(rng.Uint32N(200000))
			}
			bms, copies, own = append(bms, b), append(copies, b.Clone()), append(own, rng.IntN(2) == 0)
		}
		want := roaring.FastOr(copies...)
		if got := union(bms, own); !got.Equals(want) {
			t.Fatalf("round %d: union of %d bitmaps has %d records, want %d", round, len(copies), got.GetCardinality(), want.GetCardinality())
		}
		for i, b := range bms {
			if !own[i] && !b.Equals(copies[i]) {
				t.Fatalf("round %d: bitmap %d of %d, not the caller's own, was changed", round, i, len(bms))
			}
		}
	}
	if !union(nil, nil).IsEmpty() {
		t.Fatal("the union of no bitmap is not empty")
	}
}
