package engine

import (
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/planportal/planportal/generator/internal/varbuf"
	"github.com/planportal/planportal/generator/search"
)

// part is one segment with what queries need of each of its records, in memory.
type part struct {
	seg     Segment
	deleted *roaring.Bitmap // nil: none
	n       uint32
	buf     string // canonical text of every record's fields
	// seq is each record's position in the build's order (documents newest first, then their
	// records in order): ties in score rank by it, never by the segments' record numbers, which
	// differ from build to build of the same content. Kept only when meta cannot hold it
	// (seqBits < 0).
	seq      []uint64
	docs     []docInfo
	docByURL map[string]uint32 // a document's number by its URL
	docRecs  *roaring.Bitmap   // the records that are documents (kind doc)
	recsOff  []uint32          // records of document d: recs[recsOff[d]:recsOff[d+1]]
	recs     []uint32
	// Themes are per record (an item carries its own), the other facets per document:
	// docInfo.facets holds a document's codes but its themes, and a record's meta names its
	// theme codes in sets. The distinct theme combinations are few (a few hundred), so a hit
	// costs a read of 4 bytes and counting facets one increment per set.
	sets [][]uint32
	// meta holds, by record, what scoring a candidate reads of it besides its text: its
	// fields' offsets, document, theme set and seq, together in 32 bytes (a query's
	// candidates lie far apart: one cache miss per candidate, not one per array). An index
	// opened from a parts file uses it where it lies in the file.
	meta []recMeta
	// seqBits is how many low bits of recMeta.seq hold the record's position in its
	// document (seq's low 24 bits), the others its document's (seq>>24); -1 when a part's
	// seqs do not fit in 32 bits so packed, and p.seq is read instead.
	seqBits int
	// pos holds where each Han bigram occurs in each record (positions.go), as the parts
	// file holds them; nil when the part was read from its segment.
	pos *[nFields]posField
	// browse lists the live document records by facet code (browse.go); made once the
	// index's facet codes are known (Index.count).
	browse *browseIndex
}

// recMeta is a record's field offsets, document, theme set and seq (see part.meta).
type recMeta struct {
	off [nFields + 1]uint32 // field f is buf[off[f]:off[f+1]]
	doc uint32
	set uint32
	seq uint32 // seq packed (part.seqBits); 32 bytes: two records a cache line, none across two
}

// index fills meta from every record's field offsets (field f of record r is
// buf[off[r*nFields+f]:off[r*nFields+f+1]]), document (noDoc: deleted), theme set and p.seq,
// and drops p.seq when meta holds it.
func (p *part) index(off, docOf, recSet []uint32) {
	p.meta = make([]recMeta, p.n)
	var maxDoc, maxPos uint64
	for _, s := range p.seq {
		maxDoc, maxPos = max(maxDoc, s>>24), max(maxPos, s&(1<<24-1))
	}
	p.seqBits = bits.Len64(maxPos)
	if bits.Len64(maxDoc)+p.seqBits > 32 {
		p.seqBits = -1
	}
	for r := range p.meta {
		m := &p.meta[r]
		copy(m.off[:], off[r*nFields:r*nFields+nFields+1])
		m.doc, m.set = docOf[r], recSet[r]
		if s := p.seq[r]; p.seqBits >= 0 {
			m.seq = uint32(s>>24<<p.seqBits | s&(1<<24-1))
		}
	}
	if p.seqBits >= 0 {
		p.seq = nil
	}
}

// seqOf returns the seq of record rec, whose meta is m: from m when the part's seqs are
// packed there (no other cache line to read), from p.seq otherwise.
func (p *part) seqOf(rec uint32, m *recMeta) uint64 {
	if p.seqBits < 0 {
		return p.seq[rec]
	}
	s := uint64(m.seq)
	return s>>p.seqBits<<24 | s&(1<<p.seqBits-1)
}

type docInfo struct {
	rec    uint32   // the document's own record, or noDoc
	day    int32    // YYYYMMDD, 0 when unknown
	facets []uint32 // facet codes
}

func (p *part) field(rec uint32, f int) string {
	m := &p.meta[rec]
	return p.buf[m.off[f]:m.off[f+1]]
}

// loadPart reads every stored record of a segment once.
func loadPart(seg Segment, isTheme func(code uint32) bool) (*part, error) {
	n := seg.Count()
	if n >= noDoc {
		return nil, fmt.Errorf("segment of %d records is too large", n)
	}
	deleted := seg.Deleted()
	if deleted != nil && deleted.IsEmpty() {
		deleted = nil
	}
	b := newPartBuilder(isTheme, int(n))
	for i := uint64(0); i < n; i++ {
		var err error
		if deleted == nil || !deleted.Contains(uint32(i)) {
			err = b.add(func(visit func(field string, v []byte) bool) error { return seg.VisitStored(i, visit) })
		} else {
			err = b.add(func(func(string, []byte) bool) error { return nil })
		}
		if err != nil {
			return nil, err
		}
	}
	p, _, err := b.finish()
	if err != nil {
		return nil, err
	}
	p.seg, p.deleted = seg, deleted
	return p, nil
}

// partBuilder makes a part from its records' stored values, a record at a time in the order
// of their numbers: loadPart reads them from a segment, and PartsWriter is given them as the
// segment is built (a record without values is a deleted one).
type partBuilder struct {
	isTheme func(code uint32) bool
	p       *part
	off     []uint32
	docOf   []uint32
	// Every record's canonical fields are kept until the last is read, then copied into one
	// buffer of their size: a buffer grown as they come was copied over and over (a slice
	// this large grows by a quarter at a time), five times the text in all, each copy on
	// memory fresh from the system (4.4 s of a 5,000-plan build; 0.4 s at 1,000).
	fields [][nFields]string
	size   int
	// spill, if not nil, takes every record's canonical fields as they are added, in place of
	// fields: the text is the caller's to give back once the part is finished
	// (PartWriter.SpillText), rather than a second copy of the corpus's text held in memory
	// while the records are fed (23 KiB a plan, the largest thing an index build held at the
	// end of its feeding, issue 16).
	spill io.Writer
	// freq counts the bytes of the spilled text as Index.add samples a part's text: every
	// seventh from its first.
	freq   *[256]uint64
	docIdx map[string]uint32
	own    [][]uint32 // every record's facet codes, until compared with its document's
	// last holds the canonical fields of the record added last (PartWriter.Canonical); a
	// spilled part's are in canonBuf, valid until the next record is added.
	last     [nFields]string
	canonBuf []byte
	// The values of the record being read.
	kind, docURL, title, day []byte
	facets                   []uint32
}

// newPartBuilder returns a builder of a part of about n records.
func newPartBuilder(isTheme func(code uint32) bool, n int) *partBuilder {
	return &partBuilder{isTheme: isTheme, p: &part{docRecs: roaring.New()},
		off: make([]uint32, 0, n*nFields+1), docOf: make([]uint32, 0, n), fields: make([][nFields]string, 0, n),
		docIdx: map[string]uint32{}, own: make([][]uint32, 0, n)}
}

// add adds the next record, whose stored values values gives (as Segment.VisitStored does).
func (b *partBuilder) add(values func(visit func(field string, v []byte) bool) error) error {
	p := b.p
	i := uint32(len(b.docOf))
	if i >= noDoc-1 {
		return fmt.Errorf("segment of %d records is too large", i+1)
	}
	var f [nFields]string
	var seq uint64
	b.kind, b.docURL, b.title, b.day, b.facets = b.kind[:0], b.docURL[:0], b.title[:0], b.day[:0], b.facets[:0]
	// A spilled part's fields are made in one buffer, reused from record to record: the
	// part keeps none of them (canon).
	b.canonBuf = b.canonBuf[:0]
	var at [nFields][2]int
	canon := func(k int, v string) {
		if b.spill == nil {
			f[k] = search.Canon(v)
			return
		}
		at[k][0] = len(b.canonBuf)
		b.canonBuf = search.AppendCanon(b.canonBuf, v)
		at[k][1] = len(b.canonBuf)
	}
	err := values(func(field string, v []byte) bool {
		switch field {
		case "kind":
			b.kind = append(b.kind, v...)
		case "doc_url":
			b.docURL = append(b.docURL, v...)
		case "title":
			b.title = append(b.title, v...)
		case "day":
			b.day = append(b.day, v...)
		case "seq":
			if q, err := strconv.ParseUint(string(v), 36, 64); err == nil {
				seq = q
			}
		case "heading_s":
			canon(fHeading, view(v))
		case "meta_s":
			canon(fMeta, view(v))
		case "text":
			canon(fText, view(v))
		case "facets":
			if c, err := strconv.ParseUint(string(v), 36, 32); err == nil {
				b.facets = append(b.facets, uint32(c))
			}
		}
		return true
	})
	if err != nil {
		return err
	}
	p.seq = append(varbuf.Doubled(p.seq), seq)
	isDoc := string(b.kind) == search.KindDoc
	if isDoc {
		canon(fTitle, view(b.title))
	}
	if b.spill != nil {
		for k := range f {
			f[k] = view(b.canonBuf[at[k][0]:at[k][1]])
		}
	}
	b.last = f
	for k := range f {
		b.off = append(varbuf.Doubled(b.off), uint32(b.size))
		b.size += len(f[k])
	}
	if uint64(b.size) >= math.MaxUint32 {
		return fmt.Errorf("segment text over 4 GB")
	}
	if b.spill != nil {
		if b.freq == nil {
			b.freq = new([256]uint64)
		}
		at := b.size
		for k := len(f) - 1; k >= 0; k-- {
			at -= len(f[k])
		}
		for _, t := range f {
			for i := (at + 6) / 7 * 7; i < at+len(t); i += 7 {
				b.freq[t[i-at]]++
			}
			at += len(t)
			if _, err := io.WriteString(b.spill, t); err != nil {
				return err
			}
		}
	} else {
		b.fields = append(varbuf.Doubled(b.fields), f)
	}
	if len(b.kind) == 0 { // deleted
		b.docOf = append(varbuf.Doubled(b.docOf), noDoc)
		b.own = append(varbuf.Doubled(b.own), nil)
		return nil
	}
	d, ok := b.docIdx[string(b.docURL)]
	if !ok {
		d = uint32(len(p.docs))
		b.docIdx[string(b.docURL)] = d
		p.docs = append(p.docs, docInfo{rec: noDoc, day: parseDay(b.day), facets: append([]uint32(nil), b.facets...)})
	}
	b.docOf = append(varbuf.Doubled(b.docOf), d)
	b.own = append(varbuf.Doubled(b.own), append([]uint32(nil), b.facets...))
	if isDoc {
		p.docs[d].rec = i
		p.docs[d].facets = b.own[i]
		p.docRecs.Add(i)
	}
	return nil
}

// view returns b as a string without copying it, for a call that keeps nothing of it (Canon
// returns a string of its own): string(b) copied every record's text once more than the part
// keeps (94 MB at 5,000 plans).
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// finish returns the part of the records added (its seg is the caller's to set), and the
// size of its text; a builder that spilled its text (partBuilder.spill) leaves the part's
// text empty, for the caller to set.
func (b *partBuilder) finish() (*part, int, error) {
	p, isTheme, docOf, fields := b.p, b.isTheme, b.docOf, b.fields
	n := len(docOf)
	p.n = uint32(n)
	// Split every record's codes into its themes (a shared set) and the rest (its document's).
	recSet := make([]uint32, n)
	p.sets = [][]uint32{nil}
	setOf := map[string]uint32{"": 0}
	var key strings.Builder
	for i, fs := range b.own {
		var themes []uint32
		for _, c := range fs {
			if isTheme(c) {
				themes = append(themes, c)
			}
		}
		slices.Sort(themes)
		key.Reset()
		for _, c := range themes {
			key.WriteString(strconv.FormatUint(uint64(c), 36))
			key.WriteByte(',')
		}
		k, ok := setOf[key.String()]
		if !ok {
			k = uint32(len(p.sets))
			setOf[key.String()] = k
			p.sets = append(p.sets, themes)
		}
		recSet[i] = k
	}
	for d := range p.docs {
		p.docs[d].facets = slices.DeleteFunc(p.docs[d].facets, isTheme)
	}
	p.docByURL = b.docIdx
	off := append(b.off, uint32(b.size))
	if b.spill == nil {
		var buf strings.Builder
		buf.Grow(b.size)
		for i := range fields {
			for _, s := range fields[i] {
				buf.WriteString(s)
			}
			fields[i] = [nFields]string{} // let the record's strings go as they are copied
		}
		p.buf = buf.String()
	}
	p.recsOff = make([]uint32, len(p.docs)+1)
	for _, d := range docOf {
		if d != noDoc {
			p.recsOff[d+1]++
		}
	}
	for d := range p.docs {
		p.recsOff[d+1] += p.recsOff[d]
	}
	p.recs = make([]uint32, p.recsOff[len(p.docs)])
	fill := append([]uint32(nil), p.recsOff[:len(p.docs)]...)
	for r, d := range docOf {
		if d != noDoc {
			p.recs[fill[d]] = uint32(r)
			fill[d]++
		}
	}
	p.index(off, docOf, recSet)
	size := b.size
	*b = partBuilder{}
	return p, size, nil
}

// parseDay reads YYYY-MM-DD as YYYYMMDD, and a date its source states in part, YYYY-MM or
// YYYY, as its first day; 0 when it is not a date.
func parseDay(b []byte) int32 {
	s := string(b)
	switch len(s) {
	case 4:
		s += "-01-01"
	case 7:
		s += "-01"
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	v, err := strconv.Atoi(s[:4] + s[5:7] + s[8:10])
	if err != nil {
		return 0
	}
	return int32(v)
}

// recordsOf returns every record of the documents marked in docs.
func (p *part) recordsOf(docs []bool) *roaring.Bitmap {
	bm := roaring.New()
	for d, ok := range docs {
		if ok {
			bm.AddMany(p.recs[p.recsOff[d]:p.recsOff[d+1]])
		}
	}
	return bm
}
