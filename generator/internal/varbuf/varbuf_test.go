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
		Put(&b, uint64(i%300))
		if cap(b) != before && old > 0 {
			moves += old
		}
		want = binary.AppendUvarint(want, uint64(i%300))
	}
	if string(b) != string(want) {
		t.Fatal("Put's bytes differ from binary.AppendUvarint's")
	}
	if moves > 2*len(b) {
		t.Errorf("growing a list of %d bytes copied %d bytes (%.2fx its size), want at most twice", len(b), moves, float64(moves)/float64(len(b)))
	}
	if cap(b) > 2*len(b)+64 {
		t.Errorf("capacity %d for %d bytes, want at most twice", cap(b), len(b))
	}
}

// TestPut: Put appends what binary.AppendUvarint appends, in the array it has while that
// has room for any uvarint (a list appended to in place), in a new one only when it has not.
func TestPut(t *testing.T) {
	var b, want []byte
	for i := 0; i < 1<<16; i++ {
		v := uint64(i%300) << (i % 50)
		room := cap(b) - len(b)
		var first *byte
		if len(b) > 0 {
			first = &b[0]
		}
		Put(&b, v)
		want = binary.AppendUvarint(want, v)
		grew := first != nil && &b[0] != first
		if grew != (room < binary.MaxVarintLen64 && first != nil) {
			t.Fatalf("value %d: grown %v with room for %d bytes", i, grew, room)
		}
	}
	if string(b) != string(want) {
		t.Fatal("Put's bytes differ from binary.AppendUvarint's")
	}
}
