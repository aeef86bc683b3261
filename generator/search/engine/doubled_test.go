package engine

import (
	"testing"

	"github.com/planportal/planportal/generator/internal/varbuf"
)

// TestDoubledCopiesAboutOnce: a per-record list of a part built without a size (as the index
// build feeds records) grown one element at a time to 100,000 records is copied at most
// twice its length in all, and keeps every element. (Grown by append alone, which grows a
// large slice by about a quarter, it is copied some four times its length.)
func TestDoubledCopiesAboutOnce(t *testing.T) {
	const n = 100_000
	var s [][nFields]string
	moved := 0
	for i := range n {
		if len(s) == cap(s) {
			moved += len(s)
		}
		var f [nFields]string
		f[0] = string(rune('a' + i%26))
		s = append(varbuf.Doubled(s), f)
	}
	for i := range s {
		if s[i][0] != string(rune('a'+i%26)) {
			t.Fatalf("element %d is %q, want %q", i, s[i][0], string(rune('a'+i%26)))
		}
	}
	if len(s) != n || moved > 2*n {
		t.Errorf("%d elements, copied %d in growing (%.2fx), want %d and at most twice", len(s), moved, float64(moved)/n, n)
	}
}
