package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/planportal/planportal/generator/search"
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

// memSegment is a segment of records held in memory, each with a kind, a document, a seq
// and a text, read without allocating.
type memSegment struct{ docURLs, seqs, texts [][]byte }

var kindItem = []byte(search.KindItem)

func (m memSegment) Count() uint64            { return uint64(len(m.texts)) }
func (m memSegment) Deleted() *roaring.Bitmap { return nil }
func (m memSegment) Terms(string) (Terms, error) {
	return nil, fmt.Errorf("memSegment has no terms")
}
func (m memSegment) VisitStored(rec uint64, visit func(field string, value []byte) bool) error {
	_ = visit("kind", kindItem) && visit("doc_url", m.docURLs[rec]) && visit("seq", m.seqs[rec]) && visit("text", m.texts[rec])
	return nil
}

// TestLoadPartCopiesTextOnce checks that reading a segment copies its records' text into the
// part once: a buffer grown record by record was copied over and over (by a quarter each
// time at this size, about five times the text in all), so that reading the records of a
// 5,000-plan index cost 11 times what 1,000 plans did. The text must come out the same, each
// record's field where its offsets say.
func TestLoadPartCopiesTextOnce(t *testing.T) {
	const n = 20000
	texts := make([]string, n)
	seg := memSegment{make([][]byte, n), make([][]byte, n), make([][]byte, n)}
	total := 0
	for i := range texts {
		texts[i] = strings.Repeat("卫生健康", 40+i%50) + strconv.Itoa(i)
		total += len(search.Canon(texts[i]))
		seg.docURLs[i] = fmt.Appendf(nil, "/plans/d%d/", i/10)
		seg.seqs[i] = strconv.AppendUint(nil, uint64(i), 36)
		seg.texts[i] = []byte(texts[i])
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p, err := loadPart(seg, func(uint32) bool { return false })
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range texts {
		if got := p.field(uint32(i), fText); got != search.Canon(want) {
			t.Fatalf("record %d: text %q, want %q", i, got, want)
		}
	}
	if len(p.buf) != total {
		t.Fatalf("part text is %d bytes, want %d", len(p.buf), total)
	}
	// Each value is converted and made canonical (about 2.25 times the text between them)
	// and copied into the part once; the records' offsets and documents come to a fraction
	// of the text more. Past 4.5 times the text are copies of the copy (7.9 times before).
	t.Logf("%.1f times the text allocated", float64(after.TotalAlloc-before.TotalAlloc)/float64(total))
	if got := after.TotalAlloc - before.TotalAlloc; got > uint64(total)*9/2 {
		t.Errorf("reading %d bytes of text allocated %d bytes (%.1f times the text)", total, got, float64(got)/float64(total))
	}
}

// TestSpilledPartHoldsNoText checks that a part whose text is spilled (PartWriter.SpillText)
// holds none of it while its records are fed: the text goes to the writer as each record is
// added, canonical, in the order of the part's offsets, and the parts file written from it
// (PartWriter.Text: the positions and text read from the file) is the one written from the
// text kept. Kept, the text (a second
// copy of the corpus's) was the largest thing an index build held at the end of its feeding.
func TestSpilledPartHoldsNoText(t *testing.T) {
	const n = 20000
	seg := memSegment{make([][]byte, n), make([][]byte, n), make([][]byte, n)}
	total := 0
	for i := range seg.texts {
		text := strings.Repeat("卫生健康ＡＢＣ", 20+i%30) + strconv.Itoa(i)
		total += len(search.Canon(text))
		seg.docURLs[i] = fmt.Appendf(nil, "/plans/d%d/", i/10)
		seg.seqs[i] = strconv.AppendUint(nil, uint64(i), 36)
		seg.texts[i] = []byte(text)
	}
	spill, err := os.Create(filepath.Join(t.TempDir(), "text"))
	if err != nil {
		t.Fatal(err)
	}
	defer spill.Close()
	feed := func(pw *PartWriter) {
		for i := range uint64(n) {
			if err := pw.Add(func(visit func(string, []byte) bool) error { return seg.VisitStored(i, visit) }); err != nil {
				t.Fatal(err)
			}
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	parts := NewPartsWriter(nil, 1)
	spilled := parts.Part(0)
	w := bufio.NewWriter(spill)
	spilled.SpillText(w)
	feed(spilled)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(spilled)
	// The records' offsets, documents and seqs stay (about 100 bytes a record here, a fifth
	// of the text); kept, the text with its strings' headers and its slices' room to grow
	// came to 2.0 times the text.
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("fed: %d bytes held for %d bytes of text", held, total)
	if held > int64(total)/4 {
		t.Fatalf("a spilled part holds %d bytes once fed, for %d bytes of text", held, total)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := spilled.Finish(); err != nil {
		t.Fatal(err)
	}
	fi, err := spill.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := spilled.Text(spill, fi.Size()-1); err == nil {
		t.Errorf("a part was given its text with a byte missing")
	}
	if err := spilled.Text(spill, fi.Size()); err != nil {
		t.Fatal(err)
	}
	kept := NewPartsWriter(nil, 1)
	feed(kept.Part(0))
	if err := kept.Part(0).Finish(); err != nil {
		t.Fatal(err)
	}
	if text, err := os.ReadFile(spill.Name()); err != nil || kept.Part(0).p.buf != string(text) {
		t.Fatalf("the text spilled (%d bytes, %v) is not the text a part keeps (%d bytes)", len(text), err, len(kept.Part(0).p.buf))
	}
	// The parts file, written from the spilled text read in order, is the one written from
	// the text held: the same text, positions and byte frequencies.
	var fromSpill, fromKept bytes.Buffer
	if err := parts.Write(&fromSpill); err != nil {
		t.Fatal(err)
	}
	if err := kept.Write(&fromKept); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fromSpill.Bytes(), fromKept.Bytes()) {
		t.Errorf("the parts file of the spilled part (%d bytes) is not the one of the part that kept its text (%d bytes)", fromSpill.Len(), fromKept.Len())
	}
}
