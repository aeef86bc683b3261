package engine

import (
	"math/rand/v2"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestUnionInto checks the union altCandidates makes of its fields' records in the largest of
// them against roaring's own, wherever the largest lies.
func TestUnionInto(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 4))
	for round := 0; round < 50; round++ {
		var bms, copies []*roaring.Bitmap
		for k := rng.IntN(5); k >= 0; k-- {
			b := roaring.New()
			for n := rng.IntN(3000); n > 0; n-- {
				b.Add(rng.Uint32N(200000))
			}
			bms, copies = append(bms, b), append(copies, b.Clone())
		}
		want := roaring.FastOr(copies...)
		if got := unionInto(bms); !got.Equals(want) {
			t.Fatalf("round %d: union of %d bitmaps has %d records, want %d", round, len(copies), got.GetCardinality(), want.GetCardinality())
		}
	}
	if !unionInto(nil).IsEmpty() {
		t.Fatal("the union of no bitmap is not empty")
	}
}
