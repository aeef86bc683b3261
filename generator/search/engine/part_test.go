package engine

import "testing"

// TestSeqOf checks that a record's seq read from its meta is the seq it was stored with, when
// the part's seqs fit in meta's 32 bits and when they do not (then p.seq is read).
func TestSeqOf(t *testing.T) {
	for _, tc := range []struct {
		name   string
		seq    []uint64
		packed bool
	}{
		{"none", []uint64{}, true},
		{"small", []uint64{0, 1, 1 << 24, 1<<24 | 7, 5000<<24 | 255, 3<<24 | 1}, true},
		{"a document's last record", []uint64{1<<24 - 1, 255<<24 | 1<<24 - 1}, true},
		{"32 bits exactly", []uint64{0, (1<<30-1)<<24 | 1, 3}, true},
		{"too many to pack", []uint64{0, 1<<20<<24 | 1<<23, 2<<24 | 5}, false},
		{"a huge document number", []uint64{1<<39<<24 | 3, 0}, false},
	} {
		n := len(tc.seq)
		p := &part{n: uint32(n), seq: tc.seq, off: make([]uint32, n*nFields+1), docOf: make([]uint32, n), recSet: make([]uint32, n)}
		p.index()
		if got := p.seqBits >= 0; got != tc.packed {
			t.Errorf("%s: packed %v, want %v", tc.name, got, tc.packed)
		}
		for r, want := range tc.seq {
			if got := p.seqOf(uint32(r), &p.meta[r]); got != want {
				t.Errorf("%s: record %d: seq %#x, want %#x", tc.name, r, got, want)
			}
		}
	}
}
