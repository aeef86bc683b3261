package varbuf

import (
	"encoding/binary"
	"testing"
)

// TestGrowthCopiesAboutOnce: a list of over a million bytes grown a uvarint at a time is
// copied at most twice its size in all, and holds what binary.AppendUvarint would. (Grown by
// binary.AppendUvarint, whose append grows a large slice by about a quarter, it was copied
// 4.0 times its size.)
func TestGrowthCopiesAboutOnce(t *testing.T) {
	const n = 1 << 20
	var b, want []byte
	moves := 0
	for i := 0; i < n; i++ {
		before := cap(b)
		old := len(b)
		b = AppendUvarint(b, uint64(i%300))
		if cap(b) != before && old > 0 {
			moves += old
		}
		want = binary.AppendUvarint(want, uint64(i%300))
	}
	if string(b) != string(want) {
		t.Fatal("AppendUvarint's bytes differ from binary.AppendUvarint's")
	}
	if moves > 2*len(b) {
		t.Errorf("growing a list of %d bytes copied %d bytes (%.2fx its size), want at most twice", len(b), moves, float64(moves)/float64(len(b)))
	}
	if cap(b) > 2*len(b)+64 {
		t.Errorf("capacity %d for %d bytes, want at most twice", cap(b), len(b))
	}
}
