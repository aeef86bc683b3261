package engine

import (
	"bufio"
	"bytes"
	"slices"
	"testing"
	"unsafe"
)

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
		p := &part{n: uint32(n), seq: slices.Clone(tc.seq)}
		p.index(make([]uint32, n*nFields+1), make([]uint32, n), make([]uint32, n))
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

// TestMetas: a part's meta read from a parts file is the meta written, whether it is used
// where it lies (aligned, on a little-endian machine) or decoded (anywhere else).
func TestMetas(t *testing.T) {
	want := []recMeta{
		{off: [nFields + 1]uint32{0, 3, 3, 9, 20}, doc: 0, set: 1, seq: 7},
		{off: [nFields + 1]uint32{20, 20, 26, 26, 1 << 30}, doc: noDoc, set: 0, seq: 1<<32 - 1},
	}
	var buf bytes.Buffer
	pw := &partWriter{bw: bufio.NewWriter(&buf)}
	for _, m := range want {
		pw.meta(m)
	}
	pw.bw.Flush()
	// One []uint64 gives 8-aligned bytes; from byte 1 of it they are not.
	mem := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(make([]uint64, buf.Len()/8+1)))), buf.Len()+8)
	for _, at := range []int{0, 1} {
		data := mem[at : at+buf.Len()]
		copy(data, buf.Bytes())
		r := &partReader{data: data}
		got := r.metas(len(want))
		if r.err != nil || !slices.Equal(got, want) {
			t.Errorf("at byte %d: read %+v (%v), want %+v", at, got, r.err, want)
		}
		inPlace := unsafe.Pointer(unsafe.SliceData(got)) == unsafe.Pointer(unsafe.SliceData(data))
		if wantInPlace := littleEndian && at == 0; inPlace != wantInPlace {
			t.Errorf("at byte %d: used in place %v, want %v", at, inPlace, wantInPlace)
		}
	}
}
