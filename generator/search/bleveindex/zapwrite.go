package bleveindex

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/vellum"
	zap "github.com/blevesearch/zapx/v16"
	"github.com/golang/snappy"

	"github.com/planportal/planportal/generator/internal/keytable"
	"github.com/planportal/planportal/generator/internal/varbuf"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/engine"
)

// A shard's segment is written here, from postings counted as its records are fed, rather
// than by bleve's Builder, which analysed records into a map of term frequencies each, made
// them into a zap segment batch by batch (a dictionary, bitmaps, and frequency and norm
// chunks per batch) and merged the batches again at the end: three quarters of a shard's
// time at 1,000 plans. The segment is a zap v16 segment as zapx's New and Persist write one (written to
// the file as it is made, not in memory first; TestZapShardAsBuilder reads it back through
// bleve), with the fields the mapping gives a record (NewMapping): _id (the record's
// URL, indexed and stored), text, title_s, heading_s and meta_s indexed with frequencies and
// norms, without term vectors or doc values, and seq stored. The shard's directory around it
// (index_meta.json, and root.bolt with the mapping) is bleve's Builder's, for one placeholder
// record whose segment this one replaces.

// zapFields are the fields of a shard's segment, in zapx's order: _id first, then by name.
var zapFields = [...]string{"_id", "heading_s", "meta_s", "seq", "text", "title_s"}

// Places of the fields in zapFields that are not a record's indexed fields (recordFields).
const (
	zapID  = 0
	zapSeq = 3
)

// zapPlace is each field's place in zapFields.
var zapPlace = func() map[string]int {
	m := map[string]int{}
	for i, f := range zapFields {
		m[f] = i
	}
	return m
}()

// zapShard counts a shard's postings as its records are added, in the order they are added
// (a record's number in the segment is its place in it).
type zapShard struct {
	ids, seqs []string
	fields    [len(zapFields)]zapPostings // indexed fields (not _id, seq)
	// spill, if not nil, takes the postings of every run of records (postingsRun in a build)
	// as the next record is added (see postingsSpill); writeSegment merges them back, term
	// by term.
	spill *postingsSpill
}

// postingsRun is how many records' postings a shard holds before it writes them to its
// spill file (zapShard.spill): about 12 MB of them at 5,000 plans.
const postingsRun = 1 << 15

// postingsSpill is the file a shard's postings go to while it is fed, a run of records at a
// time (zapShard.flush), in the index's staging directory, removed once its segment is
// written: the postings, 18 KiB a plan, were the largest thing the index's builders held at
// the end of the feeding once the parts' text went to a file (issue 16). A run holds, field
// by field, the terms that records of the run hold, in the order of the terms (the order the
// segment writes them in), each as its pid, the length of its entries and the entries, encoded
// as zapPostings.add encodes them: the first record's distance from the term's last record of
// the runs before it, so that a term's entries of every run, read in turn, are the entries it
// would have had in memory.
type postingsSpill struct {
	name string
	f    *os.File
	w    *bufio.Writer
	pos  int64
	run  uint32                     // records a run holds
	runs [][len(zapFields)][2]int64 // each run's section of the file, by field
	tmp  []byte
}

// spillTo makes the shard write its postings to the file name every run records.
func (s *zapShard) spillTo(name string, run int) {
	s.spill = &postingsSpill{name: name, run: uint32(max(1, run))}
}

// close removes the shard's spill file, if any.
func (s *zapShard) close() {
	if s.spill != nil && s.spill.f != nil {
		s.spill.f.Close()
		os.Remove(s.spill.name)
		s.spill.f = nil
	}
}

// flush writes the postings of the records added since the last flush to the spill file, as
// a run, and lets them go.
func (s *zapShard) flush() error {
	sp := s.spill
	if sp.f == nil {
		f, err := os.Create(sp.name)
		if err != nil {
			return err
		}
		sp.f, sp.w = f, bufio.NewWriterSize(f, 1<<16)
	}
	var run [len(zapFields)][2]int64
	var pids []uint32
	write := func(b []byte) { sp.w.Write(b) }
	for f := range s.fields {
		p := &s.fields[f]
		run[f][0] = sp.pos
		pids = pids[:0]
		for pid := range p.post {
			l := &p.post[pid]
			if l.freq > 0 { // the last record's entry: no record after it is in this run
				p.arena.Uvarint(&l.enc, uint64(l.rec-l.prev))
				p.arena.Uvarint(&l.enc, uint64(l.freq))
				l.prev, l.freq = l.rec, 0
			}
			if l.enc.Len() > 0 {
				pids = append(pids, uint32(pid))
			}
		}
		slices.SortFunc(pids, func(a, b uint32) int { return strings.Compare(p.terms[a], p.terms[b]) })
		for _, pid := range pids {
			l := &p.post[pid]
			sp.tmp = binary.AppendUvarint(binary.AppendUvarint(sp.tmp[:0], uint64(pid)), uint64(l.enc.Len()))
			sp.w.Write(sp.tmp)
			p.arena.Write(l.enc, write)
			sp.pos += int64(len(sp.tmp)) + int64(l.enc.Len())
			l.enc = varbuf.Chain{}
		}
		p.arena.Reset() // every term's chain is empty: the next run reuses its blocks
		run[f][1] = sp.pos
	}
	sp.runs = append(sp.runs, run)
	return nil
}

// zapPostings are one field's postings: for each term (its pid, in the order first met) the
// records holding it, ascending, with how often each holds it; and each record's number of
// terms in the field (its norm), 0 where it has none. A term's records but its last are
// kept as uvarints (the record's distance from the one before, then the frequency), two or
// three bytes a record where a pair of uint32 took eight: at 5,000 plans a shard holds
// about 12 million of them until it is written.
type zapPostings struct {
	// pid holds the terms of more than seven bytes, short the others by shortKey: nearly
	// every term is a bigram (six bytes) or a short word, and a uint64 key is found without
	// hashing the term's bytes, which took a quarter of the index phase's time.
	pid   map[string]uint32
	short keytable.Table[uint32]
	terms []string
	post  []termPostings
	lens  []uint32
	// arena holds the terms' entries (termPostings.enc) until they are spilled: no pointer
	// for the collector to mark, none written per entry, nothing copied as a list grows.
	arena varbuf.Arena
}

// termPostings are a term's records but its last (enc), its last record, its frequency
// there so far (0: none yet), and the record before it, the last in enc: together, so that a
// term met reads one place in memory, not two.
type termPostings struct {
	enc             varbuf.Chain
	rec, freq, prev uint32
}

// add adds record u to the shard, its indexed fields' canonical text made here (addCanon).
func (s *zapShard) add(u *search.Record) error { return s.addCanon(u, nil) }

// addCanon adds record u to the shard, reading its terms off the canonical text of each of
// its indexed fields (search.ScanCanonIndexTerms), which canon gives by the field's name when
// it is not nil and not "" (the record's part has made it: engine.PartWriter.Canonical),
// else search.Canon makes.
func (s *zapShard) addCanon(u *search.Record, canon func(field string) string) error {
	rec := uint32(len(s.ids))
	if s.spill != nil && rec > 0 && rec%s.spill.run == 0 {
		if err := s.flush(); err != nil {
			return err
		}
	}
	s.ids = append(s.ids, u.URL)
	s.seqs = append(s.seqs, u.Seq)
	for _, f := range recordFields(u) {
		if f.indexed && f.value != "" {
			c := ""
			if canon != nil {
				c = canon(f.name)
			}
			if c == "" {
				c = search.Canon(f.value)
			}
			s.fields[zapPlace[f.name]].add(rec, c)
		}
	}
	return nil
}

// shortKey returns a term of one to seven bytes as a key of its own: its bytes and its
// length (never 0, which keytable cannot hold); false for a longer or empty term.
func shortKey(term string) (uint64, bool) {
	if len(term) > 7 || len(term) == 0 {
		return 0, false
	}
	k := uint64(len(term)) << 56
	for i, c := range term {
		k |= uint64(c) << (8 * i)
	}
	return k, true
}

// add adds the terms of record rec's canonical text c (search.Canon) of the field.
func (p *zapPostings) add(rec uint32, c string) {
	if p.pid == nil {
		p.pid = map[string]uint32{}
	}
	n := uint32(0)
	search.ScanCanonIndexTerms(c, func(term string) {
		n++
		var pid uint32
		var ok bool
		key, short := shortKey(term)
		var slot *uint32
		if short {
			var added bool
			slot, added = p.short.Get(key)
			pid, ok = *slot, !added
		} else {
			pid, ok = p.pid[term]
		}
		if !ok {
			t := strings.Clone(term) // not the record's text, which a term would keep alive
			pid = uint32(len(p.terms))
			if short {
				*slot = pid
			} else {
				p.pid[t] = pid
			}
			p.terms = append(p.terms, t)
			p.post = append(p.post, termPostings{})
		}
		l := &p.post[pid]
		switch {
		case l.freq > 0 && l.rec == rec:
			l.freq++
			return
		case l.freq > 0:
			p.arena.Uvarint(&l.enc, uint64(l.rec-l.prev))
			p.arena.Uvarint(&l.enc, uint64(l.freq))
			l.prev = l.rec
		}
		l.rec, l.freq = rec, 1
	})
	for uint32(len(p.lens)) < rec {
		p.lens = append(p.lens, 0)
	}
	p.lens = append(p.lens, n)
}

// postings appends to post term pid's records, each followed by its frequency: those of its
// entries spilled (the runs' in turn), then those it holds; spilled, with those it holds
// appended, is returned for the next term's.
func (p *zapPostings) postings(post []uint32, pid uint32, spilled []byte) ([]uint32, []byte) {
	l := &p.post[pid]
	spilled = p.arena.Append(spilled, l.enc)
	post, _ = decodeEntries(post, spilled, 0)
	if l.freq > 0 { // 0: its last record went to a run (zapShard.flush)
		post = append(post, l.rec, l.freq)
	}
	return post, spilled
}

// decodeEntries appends to post the records and frequencies of entries b, encoded as
// zapPostings.add encodes them after the record rec, and returns the last record.
func decodeEntries(post []uint32, b []byte, rec uint32) ([]uint32, uint32) {
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		f, m := binary.Uvarint(b[n:])
		if n <= 0 || m <= 0 {
			break
		}
		b = b[n+m:]
		rec += uint32(d)
		post = append(post, rec, uint32(f))
	}
	return post, rec
}

// runCursor reads one run's terms of a field from the spill file, in the order of the terms.
type runCursor struct {
	r    *bufio.Reader
	pid  uint32 // the next term's pid
	done bool
}

func (c *runCursor) next() error {
	pid, err := binary.ReadUvarint(c.r)
	if err == io.EOF {
		c.done = true
		return nil
	}
	c.pid = uint32(pid)
	return err
}

// entries appends the entries of the cursor's term to b and moves to the next term.
func (c *runCursor) entries(b []byte) ([]byte, error) {
	n, err := binary.ReadUvarint(c.r)
	if err != nil {
		return b, err
	}
	at := len(b)
	b = slices.Grow(b, int(n))[:at+int(n)]
	if _, err := io.ReadFull(c.r, b[at:]); err != nil {
		return b, err
	}
	return b, c.next()
}

// writeShard writes the shard's index directory at path: bleve's, for a placeholder record,
// with the segment of s in place of the placeholder's; and gives pw the number of records of
// each term of its indexed fields (writeDict).
func (s *zapShard) writeShard(path string, pw *engine.PartWriter) error {
	b, err := bleve.NewBuilder(path, NewMapping(), map[string]interface{}{"buildPathPrefix": filepath.Dir(path)})
	if err != nil {
		return err
	}
	if err := b.Index("placeholder", map[string]interface{}{"seq": "0"}); err != nil {
		b.Close()
		return err
	}
	if err := b.Close(); err != nil {
		return err
	}
	// The Builder's single segment is 000000000002.zap (scorch's name for the segment of a
	// first batch), which root.bolt names.
	segPath := filepath.Join(path, "store", "000000000002.zap")
	if _, err := os.Stat(segPath); err != nil {
		return fmt.Errorf("%s: the builder's segment is not where expected: %w", path, err)
	}
	tmp := segPath + ".new"
	if err := s.writeSegment(tmp, pw); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, segPath)
}

// writeSegment writes s as a zap v16 segment file, as zapx's New and Persist lay one out, and
// gives pw its dictionaries' counts (writeDict); pw may be nil.
func (s *zapShard) writeSegment(name string, pw *engine.PartWriter) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if sp := s.spill; sp != nil && sp.f != nil {
		if err := sp.w.Flush(); err != nil {
			return err
		}
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := zap.NewCountHashWriter(bw) // write errors stay in bw, returned by Flush
	stored := s.writeStored(w)
	var addrs [len(zapFields)]uint64
	e, err := newZapEncoder(uint64(len(s.ids)))
	if err != nil {
		return err
	}
	for f := range zapFields {
		var err error
		switch f {
		case zapID:
			e.count = nil
			addrs[f], err = e.writeIDs(w, s.ids)
		default:
			e.count = nil
			if pw != nil {
				name := zapFields[f]
				e.count = func(term string, records uint64) { pw.Term(name, term, records) }
			}
			addrs[f], err = e.writeField(w, &s.fields[f], s.runs(f))
		}
		if err != nil {
			return err
		}
	}
	var offsets [len(zapFields)]uint64
	for f, name := range zapFields {
		offsets[f] = uint64(w.Count())
		e.uvarints(w, uint64(len(name)))
		w.Write([]byte(name))
		// Two sections, as zapx registers them without vector support: the inverted index,
		// and the synonyms (none).
		e.uvarints(w, 2)
		binary.Write(w, binary.BigEndian, uint16(zap.SectionInvertedTextIndex))
		binary.Write(w, binary.BigEndian, addrs[f])
		binary.Write(w, binary.BigEndian, uint16(zap.SectionSynonymIndex))
		binary.Write(w, binary.BigEndian, uint64(0))
	}
	fieldsIndex := uint64(w.Count())
	e.uvarints(w, uint64(len(zapFields)))
	for _, o := range offsets {
		binary.Write(w, binary.BigEndian, o)
	}
	// The footer (zapx's persistFooter): the number of records, where the stored index and
	// the fields index are (twice: the fields and the sections index are one), no doc values,
	// the chunk mode, the version, and the CRC of everything before it.
	for _, v := range []uint64{uint64(len(s.ids)), stored, fieldsIndex, fieldsIndex, 0} {
		binary.Write(w, binary.BigEndian, v)
	}
	binary.Write(w, binary.BigEndian, zap.DefaultChunkMode)
	binary.Write(w, binary.BigEndian, zap.Version)
	binary.Write(bw, binary.BigEndian, w.Sum32())
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Sync()
}

// writeStored writes the stored values of every record (its _id and seq) and their index,
// whose offset it returns.
func (s *zapShard) writeStored(w *zap.CountHashWriter) uint64 {
	offsets := make([]uint64, len(s.ids))
	var meta, data, compressed []byte
	var head [2 * binary.MaxVarintLen64]byte
	for i, id := range s.ids {
		seq := s.seqs[i]
		meta = binary.AppendUvarint(meta[:0], uint64(len(id)))
		// seq: field, type (text), start, length, no array positions
		for _, v := range []uint64{zapSeq, 't', 0, uint64(len(seq)), 0} {
			meta = binary.AppendUvarint(meta, v)
		}
		data = append(data[:0], seq...)
		compressed = snappy.Encode(compressed[:cap(compressed)], data)
		offsets[i] = uint64(w.Count())
		n := binary.PutUvarint(head[:], uint64(len(meta)))
		n += binary.PutUvarint(head[n:], uint64(len(id)+len(compressed)))
		w.Write(head[:n])
		w.Write(meta)
		w.Write([]byte(id))
		w.Write(compressed)
	}
	at := uint64(w.Count())
	for _, o := range offsets {
		binary.Write(w, binary.BigEndian, o)
	}
	return at
}

// zapEncoder writes the postings of a segment's fields.
type zapEncoder struct {
	docs   uint64
	fst    *vellum.Builder
	roar   []byte // a term's records as a serialised roaring bitmap (roaringBytes)
	chunk  []byte
	chunks []uint64
	recs   []uint32
	post   []uint32
	fstBuf bytes.Buffer
	tmp    []byte
	// spilled holds the entries of the term being written that went to the shard's runs.
	spilled []byte
	// count, if not nil, is given each term of the field being written with its number of
	// records (writeDict).
	count func(term string, records uint64)
}

func newZapEncoder(docs uint64) (*zapEncoder, error) {
	e := &zapEncoder{docs: docs}
	var err error
	e.fst, err = vellum.New(&e.fstBuf, nil)
	return e, err
}

func (e *zapEncoder) uvarints(w *zap.CountHashWriter, vs ...uint64) {
	e.tmp = e.tmp[:0]
	for _, v := range vs {
		e.tmp = binary.AppendUvarint(e.tmp, v)
	}
	w.Write(e.tmp)
}

// writeIDs writes the _id field: each record's id, once, frequency and norm 1.
func (e *zapEncoder) writeIDs(w *zap.CountHashWriter, ids []string) (uint64, error) {
	order := sortedOrder(ids)
	post := make([]uint32, 2)
	return e.writeDict(w, len(order), func(k int) (string, []uint32, func(uint32) uint32) {
		rec := order[k]
		post[0], post[1] = rec, 1
		return ids[rec], post, func(uint32) uint32 { return 1 }
	})
}

// runs returns a cursor on each run's terms of field f, in the order of the runs.
func (s *zapShard) runs(f int) []*runCursor {
	if s.spill == nil {
		return nil
	}
	var cs []*runCursor
	for _, run := range s.spill.runs {
		at, end := run[f][0], run[f][1]
		c := &runCursor{r: bufio.NewReaderSize(io.NewSectionReader(s.spill.f, at, end-at), 1<<15)}
		cs = append(cs, c)
	}
	return cs
}

// writeField writes an indexed field's postings and dictionary, with the entries of its
// terms in runs.
func (e *zapEncoder) writeField(w *zap.CountHashWriter, p *zapPostings, runs []*runCursor) (uint64, error) {
	var rerr error
	for _, c := range runs {
		if err := c.next(); err != nil {
			return 0, err
		}
	}
	order := sortedOrder(p.terms)
	at, err := e.writeDict(w, len(order), func(k int) (string, []uint32, func(uint32) uint32) {
		pid := order[k]
		e.spilled = e.spilled[:0]
		for _, c := range runs {
			if !c.done && c.pid == pid && rerr == nil {
				e.spilled, rerr = c.entries(e.spilled)
			}
		}
		e.post, e.spilled = p.postings(e.post[:0], pid, e.spilled)
		return p.terms[pid], e.post, func(rec uint32) uint32 { return p.lens[rec] }
	})
	if err == nil {
		err = rerr
	}
	return at, err
}

// writeDict writes n terms' postings, in order (term k: its records each followed by its
// frequency, and the norm of a record), their dictionary, and the field's record of where
// its dictionary is, whose offset it returns.
func (e *zapEncoder) writeDict(w *zap.CountHashWriter, n int, term func(k int) (string, []uint32, func(rec uint32) uint32)) (uint64, error) {
	e.fstBuf.Reset()
	if err := e.fst.Reset(&e.fstBuf); err != nil {
		return 0, err
	}
	for k := 0; k < n; k++ {
		t, post, norm := term(k)
		if e.count != nil {
			e.count(t, uint64(len(post)/2))
		}
		// A term of one record, once (most bigrams, every _id) is its record and norm in the
		// dictionary itself, as zapx's merge writes it (FSTValEncode1Hit, see one).
		n := one(post, norm)
		if n > 0 {
			if err := e.fst.Insert([]byte(t), zap.FSTValEncode1Hit(uint64(post[0]), n)); err != nil {
				return 0, err
			}
			continue
		}
		// The frequencies and norms, in chunks of records (zapx's DefaultChunkMode).
		size := e.docs / (uint64(len(post)/2)/1024 + 1)
		if size == 0 {
			return 0, fmt.Errorf("chunk size 0 for %d records of %d", len(post)/2, e.docs)
		}
		e.chunks = e.chunks[:0]
		for range (e.docs-1)/size + 1 {
			e.chunks = append(e.chunks, 0)
		}
		e.chunk, e.recs = e.chunk[:0], e.recs[:0]
		for i := 0; i < len(post); i += 2 {
			rec := post[i]
			e.recs = append(e.recs, rec)
			// The frequency, shifted (no locations), and the norm: zapx stores the field's
			// length as the norm's bits.
			e.chunk = binary.AppendUvarint(e.chunk, uint64(post[i+1])<<1)
			e.chunk = binary.AppendUvarint(e.chunk, uint64(norm(rec)))
			e.chunks[uint64(rec)/size] = uint64(len(e.chunk)) // the chunk's end
		}
		// Chunks without records end where the one before them does.
		for c := 1; c < len(e.chunks); c++ {
			e.chunks[c] = max(e.chunks[c], e.chunks[c-1])
		}
		tfOffset := uint64(w.Count())
		e.tmp = binary.AppendUvarint(e.tmp[:0], uint64(len(e.chunks)))
		for _, c := range e.chunks {
			e.tmp = binary.AppendUvarint(e.tmp, c)
		}
		w.Write(e.tmp)
		w.Write(e.chunk)
		postings := uint64(w.Count())
		// The records' bitmap is written where it goes, as roaring writes the bitmap of
		// them (roaringBytes): made as a roaring.Bitmap, its containers were allocated and
		// filled term by term (137 MB at 5,000 plans) only to be written once.
		e.roar = roaringBytes(e.roar[:0], e.recs)
		e.uvarints(w, tfOffset, 0, uint64(len(e.roar)))
		w.Write(e.roar)
		if err := e.fst.Insert([]byte(t), postings); err != nil {
			return 0, err
		}
	}
	if err := e.fst.Close(); err != nil {
		return 0, err
	}
	dict := uint64(w.Count())
	e.uvarints(w, uint64(e.fstBuf.Len()))
	w.Write(e.fstBuf.Bytes())
	at := uint64(w.Count())
	// No doc values (their start and end: fieldNotUninverted), and the dictionary.
	e.uvarints(w, math.MaxUint64, math.MaxUint64, dict)
	return at, nil
}

// one returns the norm of the record of postings post if it is the one record, holding the
// term once, and both record and norm fit in 31 bits (zapx's FSTValEncode1Hit), else 0: zapx
// reads a norm of 0 there as no record, and a record that holds a term has at least one.
func one(post []uint32, norm func(rec uint32) uint32) uint64 {
	const max31 = 1<<31 - 1
	if len(post) != 2 || post[1] != 1 || post[0] > max31 {
		return 0
	}
	if n := uint64(norm(post[0])); n <= max31 {
		return n
	}
	return 0
}

// sortedOrder returns the places of terms in the order of their terms.
func sortedOrder(terms []string) []uint32 {
	order := make([]uint32, len(terms))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(terms[a], terms[b]) })
	return order
}

// Roaring's serialised form of a bitmap without run containers (RoaringFormatSpec): the
// cookie and the number of containers, each container's key (the records' high 16 bits) and
// cardinality less one, each container's offset from the start, then the containers: an
// array of the low 16 bits (uint16s) for at most roaringArrayMax records, else a bitmap of
// 65536 bits; all little-endian.
const (
	roaringCookieNoRuns = 12346
	roaringArrayMax     = 4096
)

// roaringBytes appends to b the bitmap of recs (ascending, distinct) as roaring.Bitmap's
// WriteTo writes the bitmap AddMany makes of them: AddMany keeps a container an array up to
// roaringArrayMax values, makes it a bitmap at the next and a run when it is full, and WriteTo
// writes no run container unless the bitmap was run-optimised or has a full container
// (TestRoaringBytes).
func roaringBytes(b []byte, recs []uint32) []byte {
	n := 0 // containers
	for i := 0; i < len(recs); {
		j := containerEnd(recs, i)
		if j-i == 1<<16 {
			// AddMany makes a full container a run, which WriteTo writes in another form:
			// written by roaring itself (a term of every one of 65,536 records in a row).
			bm := roaring.New()
			bm.AddMany(recs)
			buf := bytes.NewBuffer(b)
			bm.WriteTo(buf)
			return buf.Bytes()
		}
		n++
		i = j
	}
	b = binary.LittleEndian.AppendUint32(b, roaringCookieNoRuns)
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	for i := 0; i < len(recs); {
		j := containerEnd(recs, i)
		b = binary.LittleEndian.AppendUint16(b, uint16(recs[i]>>16))
		b = binary.LittleEndian.AppendUint16(b, uint16(j-i-1))
		i = j
	}
	off := uint32(8 + 8*n)
	for i := 0; i < len(recs); {
		j := containerEnd(recs, i)
		b = binary.LittleEndian.AppendUint32(b, off)
		if j-i > roaringArrayMax {
			off += 8192
		} else {
			off += uint32(2 * (j - i))
		}
		i = j
	}
	for i := 0; i < len(recs); {
		j := containerEnd(recs, i)
		if j-i > roaringArrayMax {
			at := len(b)
			b = append(b, make([]byte, 8192)...)
			words := b[at:]
			for _, r := range recs[i:j] {
				words[(r&0xffff)>>3] |= 1 << (r & 7)
			}
		} else {
			for _, r := range recs[i:j] {
				b = binary.LittleEndian.AppendUint16(b, uint16(r))
			}
		}
		i = j
	}
	return b
}

// containerEnd returns the end of the records from i on that share recs[i]'s high 16 bits.
func containerEnd(recs []uint32, i int) int {
	hi := recs[i] >> 16
	j := i + 1
	for j < len(recs) && recs[j]>>16 == hi {
		j++
	}
	return j
}
