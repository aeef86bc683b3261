package engine

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"unsafe"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/planportal/planportal/generator/search"
)

// The records an index holds in memory can be kept in a file written once, when the index is
// built (WriteParts), and read back when it opens (OpenMapped) instead of every stored record
// of every segment: an index opens in a fraction of the time, and the text, by far the
// largest part, and every record's meta are used where they lie in the file. Package
// bleveindex maps the file into memory, so replicas on one host share one copy of them in the
// page cache rather than each holding its own.
//
// The format, little-endian: the magic, the number of parts, then per part its record count,
// seqBits, every record's meta (recMeta's eight uint32, from an offset that is a multiple of
// 8, so that a little-endian machine uses them in place), the seqs meta cannot hold, its other
// arrays (each a uint32 length and the values), its text, unaligned, and its positions
// (positions.go: 1, then by field the number of its bigrams k, padding to a multiple of 8, the
// k keys (uint64), the k+1 offsets of their streams and of their skips (uint32), the number of
// skips and the skips (2 uint32 each), the streams' length and the streams; or 0 where the
// part has none); then what
// the index reads of all parts at once: the bytes' frequencies (256 uint64) and the Han
// vocabulary, the number of its bigrams and each bigram's two characters and count (3 uint32),
// in bigramOrder. A replica that reads them here maps a few hundred kilobytes instead of
// sampling the whole text and walking every term dictionary.

// partsMagic starts a parts file; the digit is the format's version (2: the meta as it is in
// memory, the frequencies and the vocabulary; 3: each part's bigram positions, positions.go).
const partsMagic = "planportal-parts-3\n"

// ErrStaleParts is returned when a parts file does not describe the segments it is opened
// with (another build's, or damaged): the caller opens without it.
var ErrStaleParts = errors.New("parts file does not match the index")

// WriteParts writes what ix holds in memory of each of its segments, for OpenMapped.
func (ix *Index) WriteParts(w io.Writer) error { return ix.writeParts(w, nil) }

// spilledText is a part's text where it was spilled (PartWriter.SpillText): the part holds
// none, and its positions and text in the parts file are read from there, in order.
type spilledText struct {
	r    io.ReaderAt
	size int64
}

// records returns the fields of each record of part p in turn, read from the text.
func (t *spilledText) records(p *part) func(rec uint32) ([nFields]string, error) {
	r := bufio.NewReaderSize(io.NewSectionReader(t.r, 0, t.size), 1<<16)
	var buf []byte
	return func(rec uint32) (f [nFields]string, err error) {
		m := &p.meta[rec]
		buf = slices.Grow(buf[:0], int(m.off[nFields]-m.off[0]))[:m.off[nFields]-m.off[0]]
		if _, err := io.ReadFull(r, buf); err != nil {
			return f, fmt.Errorf("part text: %w", err)
		}
		for k := range f {
			f[k] = view(buf[m.off[k]-m.off[0] : m.off[k+1]-m.off[0]])
		}
		return f, nil
	}
}

// writeParts is WriteParts; the text of part i is spilled[i] where it is not nil.
func (ix *Index) writeParts(w io.Writer, spilled []*spilledText) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	pw := &partWriter{bw: bw}
	pw.str(partsMagic)
	pw.u32(uint32(len(ix.parts)))
	// Each part's positions are made from its text on a core of their own (the build's index
	// phase had 2 shards: both at once), and written after it.
	type positions struct {
		pos *posTables // nil: none
		err error
	}
	made := make([]chan positions, len(ix.parts))
	for i, p := range ix.parts {
		made[i] = make(chan positions, 1)
		go func() {
			var pos positions
			if i < len(spilled) && spilled[i] != nil {
				pos.pos, pos.err = buildPositionsOf(p.n, spilled[i].records(p))
			} else {
				pos.pos, pos.err = buildPositionsOf(p.n, p.records)
			}
			made[i] <- pos
		}()
	}
	for i, p := range ix.parts {
		if p.deleted != nil {
			return errors.New("write parts: a segment has deleted records")
		}
		pw.u32(p.n)
		pw.u32(uint32(int32(p.seqBits)))
		for pw.pos%metaAlign != 0 {
			pw.bytes([]byte{0})
		}
		for _, m := range p.meta {
			pw.meta(m)
		}
		pw.u32(uint32(len(p.seq)))
		for _, v := range p.seq {
			pw.u64(v)
		}
		pw.u32(uint32(len(p.docs)))
		for _, d := range p.docs {
			pw.u32(d.rec)
			pw.u32(uint32(d.day))
			pw.u32s(d.facets)
		}
		urls := make([]string, len(p.docs))
		for u, d := range p.docByURL {
			urls[d] = u
		}
		for _, u := range urls {
			pw.u32(uint32(len(u)))
			pw.str(u)
		}
		var rb bytes.Buffer
		if _, err := p.docRecs.WriteTo(&rb); err != nil {
			return err
		}
		pw.u32(uint32(rb.Len()))
		pw.bytes(rb.Bytes())
		pw.u32s(p.recsOff)
		pw.u32s(p.recs)
		pw.u32(uint32(len(p.sets)))
		for _, s := range p.sets {
			pw.u32s(s)
		}
		if i < len(spilled) && spilled[i] != nil {
			t := spilled[i]
			pw.u32(uint32(t.size))
			if _, err := io.Copy(pw.bw, io.NewSectionReader(t.r, 0, t.size)); err != nil {
				return fmt.Errorf("part text: %w", err)
			}
			pw.pos += t.size
		} else {
			pw.u32(uint32(len(p.buf)))
			pw.str(p.buf)
		}
		pos := <-made[i]
		if pos.err != nil {
			return pos.err
		}
		pw.positions(pos.pos)
	}
	for _, f := range ix.byteFreq {
		pw.u64(f)
	}
	pw.u32(uint32(len(ix.vocab.bigrams)))
	for _, b := range ix.vocab.bigrams {
		pw.u32(uint32(b.bg[0]))
		pw.u32(uint32(b.bg[1]))
		pw.u32(b.n)
	}
	return bw.Flush()
}

// PartsWriter writes the parts file of an index whose segments are being built, from what
// they are built from, instead of reading every record back from them (WriteParts of the
// index opened): part i is given segment i's records, in the order of their numbers, as
// the stored values a segment's VisitStored would give (Part.Add), and the number of records
// that hold each term of each of its fields (Part.Term). Each part is fed by one goroutine
// at a time; Write writes the file once every part is finished.
type PartsWriter struct {
	ix    *Index
	parts []*PartWriter
}

// PartWriter is one part of a PartsWriter.
type PartWriter struct {
	b    *partBuilder
	df   bigramDF
	p    *part
	done bool
	// spilled is where the part's text is, when it was spilled (SpillText, Text), and freq
	// the counts of its bytes Index.add samples.
	spilled *spilledText
	freq    *[256]uint64
}

// NewPartsWriter returns the writer of a parts file of n parts, for an index of the facets
// given (a record's facet codes are places in facets).
func NewPartsWriter(facets []string, n int) *PartsWriter {
	w := &PartsWriter{ix: newIndex(facets, nil, nil)}
	for range n {
		w.parts = append(w.parts, &PartWriter{b: newPartBuilder(w.ix.isTheme, 0), df: bigramDF{}})
	}
	return w
}

// Part returns part i.
func (w *PartsWriter) Part(i int) *PartWriter { return w.parts[i] }

// Add adds the part's next record, whose stored values values gives (as Segment.VisitStored
// does; none for a deleted record).
func (pw *PartWriter) Add(values func(visit func(field string, v []byte) bool) error) error {
	return pw.b.add(values)
}

// Canonical returns the canonical text (search.Canon) of indexed field ("title_s",
// "heading_s", "meta_s" or "text") of the record added last, as the part holds it: "" for
// another field, and for "title_s" unless that record is a document's (its title). The
// index's builder reads the record's terms off it (search.ScanCanonIndexTerms) rather than
// scan its text again. A part that spills its text (SpillText) holds it only until the next
// record is added: what is kept of it must be copied.
func (pw *PartWriter) Canonical(field string) string {
	if i := slices.Index(indexedFields[:], field); i >= 0 && pw.b != nil {
		return pw.b.last[i]
	}
	return ""
}

// Term counts term of field, which records records of the part hold.
func (pw *PartWriter) Term(field, term string, records uint64) {
	if slices.Contains(indexedFields[:], field) {
		pw.df.add(term, records)
	}
}

// SpillText makes the part write its records' canonical text to w as they are added, instead
// of holding it: once the part is finished, the caller gives where w put it to Text, before
// Write, which reads it from there, in order. Called before the first record is added.
func (pw *PartWriter) SpillText(w io.Writer) { pw.b.spill = w }

// Finish ends the part: no record is added after it.
func (pw *PartWriter) Finish() error {
	spilled, freq := pw.b.spill != nil, pw.b.freq
	p, size, err := pw.b.finish()
	if err != nil {
		return err
	}
	pw.p, pw.b, pw.done = p, nil, true
	if spilled {
		pw.spilled = &spilledText{size: int64(size)}
		pw.freq = freq
	}
	return nil
}

// Text gives a finished part the text it spilled (SpillText): every byte written there, from
// r's first on, read when the parts file is written, so that the part never holds it.
func (pw *PartWriter) Text(r io.ReaderAt, size int64) error {
	if !pw.done || pw.spilled == nil {
		return errors.New("part text: the part is not finished, or holds its text")
	}
	if size != pw.spilled.size {
		return fmt.Errorf("part text: %d bytes for %d spilled", size, pw.spilled.size)
	}
	pw.spilled.r = r
	return nil
}

// Write writes the parts file to out.
func (w *PartsWriter) Write(out io.Writer) error {
	df := bigramDF{}
	var spilled []*spilledText
	for _, pw := range w.parts {
		if !pw.done || pw.spilled != nil && pw.spilled.r == nil {
			return errors.New("write parts: a part is not finished, or has not its text back")
		}
		w.ix.add(pw.p)
		if pw.freq != nil {
			for c, n := range pw.freq {
				w.ix.byteFreq[c] += n
			}
		}
		spilled = append(spilled, pw.spilled)
		for bg, n := range pw.df {
			df[bg] += n
		}
	}
	w.ix.vocab = df.vocab()
	return w.ix.writeParts(out, spilled)
}

// metaAlign is the alignment of a part's meta in a parts file.
const metaAlign = 8

// partWriter writes a parts file, counting its bytes (where a part's meta falls decides its
// padding).
type partWriter struct {
	bw  *bufio.Writer
	pos int64
	// tmp holds a number as it is written: a local array passed to the bufio.Writer
	// escaped to the heap, an allocation per number.
	tmp [8]byte
}

func (w *partWriter) bytes(b []byte) {
	w.bw.Write(b)
	w.pos += int64(len(b))
}

func (w *partWriter) str(s string) {
	w.bw.WriteString(s)
	w.pos += int64(len(s))
}

func (w *partWriter) u32(v uint32) {
	binary.LittleEndian.PutUint32(w.tmp[:4], v)
	w.bytes(w.tmp[:4])
}

func (w *partWriter) u64(v uint64) {
	binary.LittleEndian.PutUint64(w.tmp[:], v)
	w.bytes(w.tmp[:])
}

// u32s writes an array: its length and its values.
func (w *partWriter) u32s(vs []uint32) {
	w.u32(uint32(len(vs)))
	for _, v := range vs {
		w.u32(v)
	}
}

// meta writes a record's meta as its eight uint32 (partReader.metas reads them).
func (w *partWriter) meta(m recMeta) {
	for _, v := range m.off {
		w.u32(v)
	}
	w.u32(m.doc)
	w.u32(m.set)
	w.u32(m.seq)
}

// OpenMapped is New with the records read from data, a parts file WriteParts wrote for
// these segments (mapped into memory by the caller): each part's text and meta are used in
// place, so data must stay valid and unchanged until the index is closed. It returns ErrStaleParts if
// data does not describe segs.
func OpenMapped(segs []Segment, data []byte, facets []string, syn *search.Synonyms, closer io.Closer) (*Index, error) {
	if !bytes.HasPrefix(data, []byte(partsMagic)) {
		return nil, ErrStaleParts
	}
	r := &partReader{data: data, pos: len(partsMagic)}
	if n := r.u32(); r.err != nil || int(n) != len(segs) {
		return nil, fmt.Errorf("%w: %d parts for %d segments", ErrStaleParts, n, len(segs))
	}
	ix := newIndex(facets, syn, closer)
	for _, seg := range segs {
		p, err := r.readPart(seg)
		if err != nil {
			return nil, err
		}
		for _, d := range p.docs {
			if !codesIn(d.facets, len(facets)) {
				return nil, ErrStaleParts
			}
		}
		for _, s := range p.sets {
			if !codesIn(s, len(facets)) {
				return nil, ErrStaleParts
			}
		}
		if !p.docRecs.IsEmpty() && p.docRecs.Maximum() >= p.n {
			return nil, ErrStaleParts
		}
		ix.parts = append(ix.parts, p)
	}
	if b := r.bytes(8 * len(ix.byteFreq)); r.err == nil {
		for i := range ix.byteFreq {
			ix.byteFreq[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	}
	v, err := r.readVocab()
	if err != nil {
		return nil, err
	}
	if r.pos != len(data) {
		return nil, ErrStaleParts
	}
	ix.count()
	ix.vocab = v
	return ix, nil
}

// readVocab reads the vocabulary, checking that it holds Han bigrams only, each once, in
// bigramOrder.
func (r *partReader) readVocab() (*vocab, error) {
	n := int(r.u32())
	b := r.bytes(12 * n)
	if r.err != nil {
		return nil, r.err
	}
	bigrams := make([]bigramCount, n)
	for i := range bigrams {
		bc := bigramCount{[2]rune{rune(binary.LittleEndian.Uint32(b[12*i:])), rune(binary.LittleEndian.Uint32(b[12*i+4:]))},
			binary.LittleEndian.Uint32(b[12*i+8:])}
		if search.ClassOf(bc.bg[0]) != search.Han || search.ClassOf(bc.bg[1]) != search.Han || bc.n == 0 ||
			i > 0 && bigramOrder(bigrams[i-1], bc) >= 0 {
			return nil, ErrStaleParts
		}
		bigrams[i] = bc
	}
	return newVocab(bigrams), nil
}

func codesIn(codes []uint32, n int) bool {
	for _, c := range codes {
		if int(c) >= n {
			return false
		}
	}
	return true
}

// partReader reads a parts file.
type partReader struct {
	data []byte
	pos  int
	err  error
}

func (r *partReader) u32() uint32 {
	if r.err != nil || r.pos+4 > len(r.data) {
		r.err = ErrStaleParts
		return 0
	}
	v := binary.LittleEndian.Uint32(r.data[r.pos:])
	r.pos += 4
	return v
}

func (r *partReader) bytes(n int) []byte {
	if r.err != nil || n < 0 || r.pos+n > len(r.data) {
		r.err = ErrStaleParts
		return nil
	}
	b := r.data[r.pos : r.pos+n : r.pos+n]
	r.pos += n
	return b
}

// u32s reads an array of at most max values.
func (r *partReader) u32s(max int) []uint32 {
	n := int(r.u32())
	if n > max {
		r.err = ErrStaleParts
	}
	b := r.bytes(4 * n)
	if r.err != nil {
		return nil
	}
	out := make([]uint32, n)
	if littleEndian && n > 0 { // the bytes as they are: one copy, not a decode a value
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&out[0])), 4*n), b)
		return out
	}
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

// readPart reads the next part, for segment seg, checking it against the segment.
func (r *partReader) readPart(seg Segment) (*part, error) {
	n := r.u32()
	if r.err != nil || uint64(n) != seg.Count() {
		return nil, fmt.Errorf("%w: %d records, the segment has %d", ErrStaleParts, n, seg.Count())
	}
	if d := seg.Deleted(); d != nil && !d.IsEmpty() {
		return nil, fmt.Errorf("%w: the segment has deleted records", ErrStaleParts)
	}
	p := &part{seg: seg, n: n, seqBits: int(int32(r.u32()))}
	if p.seqBits < -1 || p.seqBits > 32 {
		r.err = ErrStaleParts
	}
	if pad := (metaAlign - r.pos%metaAlign) % metaAlign; r.err == nil {
		r.bytes(pad)
	}
	p.meta = r.metas(int(n))
	ns := int(r.u32())
	if p.seqBits < 0 && ns != int(n) || p.seqBits >= 0 && ns != 0 {
		r.err = ErrStaleParts
	}
	if b := r.bytes(8 * ns); r.err == nil {
		p.seq = make([]uint64, ns)
		for i := range p.seq {
			p.seq[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	}
	nd := int(r.u32())
	if nd > int(n) {
		r.err = ErrStaleParts
	}
	if r.err == nil {
		p.docs = make([]docInfo, nd)
	}
	for i := 0; i < nd && r.err == nil; i++ {
		p.docs[i] = docInfo{rec: r.u32(), day: int32(r.u32()), facets: r.u32s(1 << 20)}
	}
	if r.err == nil {
		p.docByURL = make(map[string]uint32, nd)
	}
	for i := 0; i < nd && r.err == nil; i++ {
		p.docByURL[string(r.bytes(int(r.u32())))] = uint32(i)
	}
	p.docRecs = roaring.New()
	if b := r.bytes(int(r.u32())); r.err == nil {
		if _, err := p.docRecs.FromBuffer(b); err != nil {
			r.err = ErrStaleParts
		}
		p.docRecs = p.docRecs.Clone() // not tied to the mapped bytes' layout
	}
	p.recsOff = r.u32s(nd + 1)
	p.recs = r.u32s(int(n))
	nsets := int(r.u32())
	if nsets > int(n)+1 {
		r.err = ErrStaleParts
	}
	for i := 0; i < nsets && r.err == nil; i++ {
		p.sets = append(p.sets, r.u32s(1<<20))
	}
	text := r.bytes(int(r.u32()))
	if r.err != nil {
		return nil, r.err
	}
	p.buf = unsafe.String(unsafe.SliceData(text), len(text))
	p.pos = r.positions()
	if r.err != nil {
		return nil, r.err
	}
	// The arrays must agree with one another and the text, or a query would read out of
	// bounds: a parts file is checked as any input is.
	if len(p.meta) != int(n) || len(p.recsOff) != nd+1 {
		return nil, ErrStaleParts
	}
	for i := range p.meta {
		m := &p.meta[i]
		for f := 0; f < nFields; f++ {
			if m.off[f] > m.off[f+1] {
				return nil, ErrStaleParts
			}
		}
		if int(m.off[nFields]) > len(p.buf) || m.doc != noDoc && int(m.doc) >= nd || int(m.set) >= len(p.sets) {
			return nil, ErrStaleParts
		}
	}
	for i, o := range p.recsOff {
		if int(o) > len(p.recs) || i > 0 && o < p.recsOff[i-1] {
			return nil, ErrStaleParts
		}
	}
	for _, rec := range p.recs {
		if rec >= n {
			return nil, ErrStaleParts
		}
	}
	for _, d := range p.docs {
		if d.rec != noDoc && d.rec >= n {
			return nil, ErrStaleParts
		}
	}
	return p, nil
}

// littleEndian reports whether this machine stores numbers as a parts file does.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// metas reads n records' meta: in place, on a little-endian machine (the mapped file's pages,
// shared with every replica on the host, not memory of this one), else decoded.
func (r *partReader) metas(n int) []recMeta {
	const size = int(unsafe.Sizeof(recMeta{}))
	b := r.bytes(n * size)
	if r.err != nil || n == 0 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(unsafe.SliceData(b)))%unsafe.Alignof(recMeta{}) == 0 {
		return unsafe.Slice((*recMeta)(unsafe.Pointer(unsafe.SliceData(b))), n)
	}
	out := make([]recMeta, n)
	for i := range out {
		var v [size / 4]uint32
		for j := range v {
			v[j] = binary.LittleEndian.Uint32(b[size*i+4*j:])
		}
		copy(out[i].off[:], v[:nFields+1])
		out[i].doc, out[i].set, out[i].seq = v[nFields+1], v[nFields+2], v[nFields+3]
	}
	return out
}
