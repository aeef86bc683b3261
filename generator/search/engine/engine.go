package engine

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/planportal/planportal/generator/search"
)

// How a query runs. bleve's query machinery scores every hit through generic searchers and
// reads doc values for facets and sorting, about 40 ms of CPU for a common term on 5,000
// plans. Instead:
//
//  1. Candidates come from the index's postings as roaring bitmaps: a term's records are those
//     holding all of its bigrams (and words) in one field; no positions are read.
//  2. Each candidate is checked and scored on its canonical text, which New loads into memory
//     (pattern.go): the check is exact, so totals, facets and precision are exact.
//  3. Facet codes, the date and the document of every record are in memory too: filters,
//     facet counts and sort=date cost an array lookup per hit.
//  4. Only the page's hits read their stored fields, for display and snippets.

// Searchable fields, in the order a record's text is held.
const (
	fTitle = iota
	fHeading
	fMeta
	fText
	nFields
)

var indexedFields = [nFields]string{"title_s", "heading_s", "meta_s", "text"}

// Ranking: each field adds weight × (floor + (1−floor) × saturation), where saturation
// grows with the number of occurrences and falls with the field's length (BM25's k1 and b),
// and lies in (0, 1). The floors put any title or heading match (at least 3 or 2) above any
// match in the text alone (less than 1); a match in the document's title or metadata that
// only completes an AND (context) adds a little. All of it is multiplied by the term's idf.
var (
	fieldWeight = [nFields]float64{6, 4, 2, 1}
	fieldFloor  = [nFields]float64{0.5, 0.5, 0.5, 0}
)

const (
	bm25K1        = 1.2
	bm25B         = 0.75
	contextWeight = 0.25
	noDoc         = math.MaxUint32
	// maxPrefixTerms bounds how many index terms a lone character expands to when it is the
	// whole term; past it every record is a candidate (still exact, only slower).
	maxPrefixTerms = 5000
	// touchBytes is how much of a candidate's text is touched ahead of its check.
	touchBytes = 768
)

// part is one segment with what queries need of each of its records, in memory.
type part struct {
	seg     Segment
	deleted *roaring.Bitmap // nil: none
	n       uint32
	buf     string   // canonical text of every record's fields
	off     []uint32 // field f of record r: buf[off[r*nFields+f]:off[r*nFields+f+1]]
	docOf   []uint32 // record → document (noDoc: deleted)
	// seq is each record's position in the build's order (documents newest first, then their
	// records in order): ties in score rank by it, never by the segments' record numbers, which
	// differ from build to build of the same content.
	seq     []uint64
	docs    []docInfo
	docRecs *roaring.Bitmap // the records that are documents (kind doc)
	recsOff []uint32        // records of document d: recs[recsOff[d]:recsOff[d+1]]
	recs    []uint32
	// Themes are per record (an item carries its own), the other facets per document:
	// docInfo.facets holds a document's codes but its themes, and recSet[r] names record r's
	// theme codes in sets. The distinct theme combinations are few (a few hundred), so a hit
	// costs a read of 4 bytes and counting facets one increment per set.
	recSet []uint32
	sets   [][]uint32
}

// passWith reports whether a record with the document's codes plus the given theme codes
// passes the filter.
func (fl *filter) passWith(d *docInfo, themes []uint32) bool {
	if fl.from != 0 && d.day < fl.from || fl.to != 0 && (d.day > fl.to || d.day == 0) {
		return false
	}
	for _, allowed := range fl.allowed {
		ok := false
		for _, c := range d.facets {
			if int(c) < len(allowed) && allowed[c] {
				ok = true
				break
			}
		}
		for _, c := range themes {
			if ok {
				break
			}
			ok = int(c) < len(allowed) && allowed[c]
		}
		if !ok {
			return false
		}
	}
	return true
}

type docInfo struct {
	rec    uint32   // the document's own record, or noDoc
	day    int32    // YYYYMMDD, 0 when unknown
	facets []uint32 // facet codes
}

func (p *part) field(rec uint32, f int) string {
	i := int(rec)*nFields + f
	return p.buf[p.off[i]:p.off[i+1]]
}

// loadPart reads every stored record of a segment once.
func loadPart(seg Segment, isTheme func(code uint32) bool) (*part, error) {
	n := seg.Count()
	if n >= noDoc {
		return nil, fmt.Errorf("segment of %d records is too large", n)
	}
	deleted := seg.Deleted()
	p := &part{seg: seg, n: uint32(n), deleted: deleted, docRecs: roaring.New()}
	if deleted != nil && deleted.IsEmpty() {
		p.deleted = nil
	}
	p.off = make([]uint32, 0, int(n)*nFields+1)
	p.docOf = make([]uint32, n)
	p.seq = make([]uint64, n)
	var buf strings.Builder
	docIdx := map[string]uint32{}
	var f [nFields]string
	var kind, docURL, title, day []byte
	var facets []uint32
	own := make([][]uint32, n) // every record's facet codes, until compared with its document's
	for i := uint64(0); i < n; i++ {
		f = [nFields]string{}
		kind, docURL, title, day, facets = kind[:0], docURL[:0], title[:0], day[:0], facets[:0]
		if p.deleted == nil || !p.deleted.Contains(uint32(i)) {
			err := seg.VisitStored(i, func(field string, v []byte) bool {
				switch field {
				case "kind":
					kind = append(kind, v...)
				case "doc_url":
					docURL = append(docURL, v...)
				case "title":
					title = append(title, v...)
				case "day":
					day = append(day, v...)
				case "seq":
					if q, err := strconv.ParseUint(string(v), 36, 64); err == nil {
						p.seq[i] = q
					}
				case "heading_s":
					f[fHeading] = search.Canon(string(v))
				case "meta_s":
					f[fMeta] = search.Canon(string(v))
				case "text":
					f[fText] = search.Canon(string(v))
				case "facets":
					if c, err := strconv.ParseUint(string(v), 36, 32); err == nil {
						facets = append(facets, uint32(c))
					}
				}
				return true
			})
			if err != nil {
				return nil, err
			}
		}
		isDoc := string(kind) == search.KindDoc
		if isDoc {
			f[fTitle] = search.Canon(string(title))
		}
		for k := range f {
			p.off = append(p.off, uint32(buf.Len()))
			buf.WriteString(f[k])
		}
		if buf.Len() >= math.MaxUint32 {
			return nil, fmt.Errorf("segment text over 4 GB")
		}
		if len(kind) == 0 { // deleted
			p.docOf[i] = noDoc
			continue
		}
		d, ok := docIdx[string(docURL)]
		if !ok {
			d = uint32(len(p.docs))
			docIdx[string(docURL)] = d
			p.docs = append(p.docs, docInfo{rec: noDoc, day: parseDay(day), facets: append([]uint32(nil), facets...)})
		}
		p.docOf[i] = d
		own[i] = append([]uint32(nil), facets...)
		if isDoc {
			p.docs[d].rec = uint32(i)
			p.docs[d].facets = own[i]
			p.docRecs.Add(uint32(i))
		}
	}
	// Split every record's codes into its themes (a shared set) and the rest (its document's).
	p.recSet = make([]uint32, n)
	p.sets = [][]uint32{nil}
	setOf := map[string]uint32{"": 0}
	var key strings.Builder
	for i, fs := range own {
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
		p.recSet[i] = k
	}
	for d := range p.docs {
		p.docs[d].facets = slices.DeleteFunc(p.docs[d].facets, isTheme)
	}
	p.off = append(p.off, uint32(buf.Len()))
	p.buf = buf.String()
	p.recsOff = make([]uint32, len(p.docs)+1)
	for _, d := range p.docOf {
		if d != noDoc {
			p.recsOff[d+1]++
		}
	}
	for d := range p.docs {
		p.recsOff[d+1] += p.recsOff[d]
	}
	p.recs = make([]uint32, p.recsOff[len(p.docs)])
	fill := append([]uint32(nil), p.recsOff[:len(p.docs)]...)
	for r, d := range p.docOf {
		if d != noDoc {
			p.recs[fill[d]] = uint32(r)
			fill[d]++
		}
	}
	return p, nil
}

// parseDay reads YYYY-MM-DD as YYYYMMDD; 0 when it is not a date.
func parseDay(b []byte) int32 {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return 0
	}
	v, err := strconv.Atoi(string(b[:4]) + string(b[5:7]) + string(b[8:10]))
	if err != nil {
		return 0
	}
	return int32(v)
}

// alt is one alternative of a term (the term or a synonym), compiled.
type alt struct {
	pat pattern
	// token, when set, is the alternative's only index term and the whole of it (a bigram
	// like 儿科, or a Latin word): the postings list is then exact, and its frequencies are
	// the counts, so the record's text need not be read.
	token  string
	exact  []string // index terms every match holds in the field (bigrams, words)
	prefix []string // lone Han characters: every match holds an index term starting with each
}

// cterm is a compiled query term.
type cterm struct {
	alts []alt
	idf  float64
}

func compileTerm(t search.Term, freq *[256]uint64) *cterm {
	ct := &cterm{}
	for _, a := range t.Alternatives {
		runs := search.TermRuns(a)
		if runs == nil {
			continue
		}
		c := alt{pat: compilePattern(runs, freq)}
		if len(runs) == 1 {
			switch n := len([]rune(runs[0])); {
			case search.RunClass(runs[0]) == search.Word, search.RunClass(runs[0]) == search.Han && n == 2:
				c.token = runs[0]
			}
		}
		for _, tk := range search.QueryTokens(strings.Join(runs, " ")) {
			rs := []rune(tk.Term)
			switch {
			case search.ClassOf(rs[0]) == search.Punct:
			case len(rs) == 1 && search.ClassOf(rs[0]) == search.Han:
				c.prefix = append(c.prefix, tk.Term)
			default:
				c.exact = append(c.exact, tk.Term)
			}
		}
		ct.alts = append(ct.alts, c)
	}
	// An alternative that contains another one (县域医共体 holds 医共体) adds nothing: wherever
	// it occurs the shorter one does, at least as often, so it neither finds more nor scores
	// higher.
	var kept []alt
	for i, b := range ct.alts {
		redundant := false
		for j, a := range ct.alts {
			if i == j || len(a.pat.segs) != 1 || a.pat.wordStart || a.pat.wordEnd {
				continue
			}
			for _, seg := range b.pat.segs {
				if strings.Contains(seg, a.pat.segs[0]) && (len(seg) > len(a.pat.segs[0]) || len(b.pat.segs) > 1 || j < i) {
					redundant = true
				}
			}
		}
		if !redundant {
			kept = append(kept, b)
		}
	}
	ct.alts = kept
	return ct
}

// cursor walks a postings list (with frequencies) along with the candidates, which come
// in ascending order.
type cursor struct {
	it      Postings
	at      uint32 // the record of the current posting, once started
	n       int    // the term's frequency there
	started bool
	done    bool
}

// freq returns how often the term occurs in rec; calls must come with rec ascending.
func (c *cursor) freq(rec uint32) int {
	if c == nil {
		return 0
	}
	for !c.done && (!c.started || c.at < rec) {
		at, n, ok := c.it.Advance(rec)
		if !ok {
			c.done = true
			return 0
		}
		c.at, c.n, c.started = at, n, true
	}
	if !c.done && c.at == rec {
		return c.n
	}
	return 0
}

// termState is one term's state in one part during a query: its alternatives' candidates,
// and cursors for alternatives scored from postings.
type termState struct {
	cands   []*roaring.Bitmap
	cursors [][nFields]*cursor
	// dense holds each alternative's candidates as a bit per record when the term has
	// several alternatives (a roaring Contains per record costs a binary search).
	dense [][]uint64
}

func (pq *partQuery) newTermState(t *cterm, cands []*roaring.Bitmap) (*termState, error) {
	ts := &termState{cands: cands, cursors: make([][nFields]*cursor, len(t.alts))}
	if len(t.alts) > 1 {
		ts.dense = make([][]uint64, len(t.alts))
		for i, c := range cands {
			ts.dense[i] = make([]uint64, (pq.p.n+63)/64)
			setBits(ts.dense[i], c)
		}
	}
	for i := range t.alts {
		if t.alts[i].token == "" {
			continue
		}
		for f := range indexedFields {
			ps, err := pq.dicts[f].Postings(t.alts[i].token)
			if err != nil {
				return nil, err
			}
			if ps != nil {
				ts.cursors[i][f] = &cursor{it: ps}
			}
		}
	}
	return ts, nil
}

// setBits sets the bits of a roaring bitmap's members in a plain bitset.
func setBits(d []uint64, b *roaring.Bitmap) {
	var buf [256]uint32
	for it := b.ManyIterator(); ; {
		k := it.NextMany(buf[:])
		if k == 0 {
			return
		}
		for _, r := range buf[:k] {
			d[r/64] |= 1 << (r % 64)
		}
	}
}

// ownScore scores a term on a record's own fields; 0 when it does not occur there.
func (ix *Index) ownScore(p *part, t *cterm, ts *termState, rec uint32) float64 {
	best := 0.0
	for i := range t.alts {
		a := &t.alts[i]
		if ts.dense != nil && ts.dense[i][rec/64]&(1<<(rec%64)) == 0 {
			continue
		}
		s := 0.0
		for f := 0; f < nFields; f++ {
			var tf int
			txt := p.field(rec, f)
			if a.token != "" {
				tf = ts.cursors[i][f].freq(rec)
			} else if len(txt) > 0 {
				tf = a.pat.count(txt)
			}
			if tf == 0 {
				continue
			}
			l := float64(len(txt)) / ix.avgLen[f]
			sat := float64(tf) / (float64(tf) + bm25K1*(1-bm25B+bm25B*l))
			s += fieldWeight[f] * (fieldFloor[f] + (1-fieldFloor[f])*sat)
		}
		best = max(best, s)
	}
	return best * t.idf
}

// inOwn reports whether any alternative of t occurs in one of the record's fields.
func inOwn(p *part, t *cterm, rec uint32, fields ...int) bool {
	for i := range t.alts {
		for _, f := range fields {
			if t.alts[i].pat.in(p.field(rec, f)) {
				return true
			}
		}
	}
	return false
}

var allFields = []int{fTitle, fHeading, fMeta, fText}

// partQuery is one query's view of one part.
type partQuery struct {
	p     *part
	dicts [nFields]Terms
}

func newPartQuery(p *part) (*partQuery, error) {
	pq := &partQuery{p: p}
	for f, name := range indexedFields {
		d, err := p.seg.Terms(name)
		if err != nil {
			return nil, err
		}
		pq.dicts[f] = d
	}
	return pq, nil
}

// postings returns the records holding an index term in a field.
func (pq *partQuery) postings(f int, term string) (*roaring.Bitmap, error) {
	return pq.dicts[f].Records(term)
}

// prefixed returns the records holding, in a field, an index term that starts with prefix.
func (pq *partQuery) prefixed(f int, prefix string) (*roaring.Bitmap, error) {
	bm := roaring.New()
	n, all := 0, false
	var err error
	ierr := pq.dicts[f].Prefixed(prefix, func(term string) bool {
		if n++; n > maxPrefixTerms {
			all = true
			return false
		}
		var b *roaring.Bitmap
		if b, err = pq.postings(f, term); err != nil {
			return false
		}
		bm.Or(b)
		return true
	})
	switch {
	case ierr != nil:
		return nil, ierr
	case err != nil:
		return nil, err
	case all:
		bm.AddRange(0, uint64(pq.p.n))
	}
	return bm, nil
}

// altCandidates returns the records that may hold an alternative in one of the fields: those
// holding all its index terms in one field. Every record that holds it is among them.
func (pq *partQuery) altCandidates(a *alt, fields []int) (*roaring.Bitmap, error) {
	out := roaring.New()
	for _, f := range fields {
		var bm *roaring.Bitmap
		and := func(b *roaring.Bitmap) {
			if bm == nil {
				bm = b
			} else {
				bm.And(b)
			}
		}
		for _, t := range a.exact {
			b, err := pq.postings(f, t)
			if err != nil {
				return nil, err
			}
			if and(b); bm.IsEmpty() {
				break
			}
		}
		if len(a.exact) == 0 {
			for _, t := range a.prefix {
				b, err := pq.prefixed(f, t)
				if err != nil {
					return nil, err
				}
				if and(b); bm.IsEmpty() {
					break
				}
			}
		}
		if bm != nil {
			out.Or(bm)
		}
	}
	return out, nil
}

func (pq *partQuery) termCandidates(t *cterm, fields []int) (*roaring.Bitmap, error) {
	out, _, err := pq.termAltCandidates(t, fields)
	return out, err
}

// termAltCandidates returns the candidates of a term and of each of its alternatives.
func (pq *partQuery) termAltCandidates(t *cterm, fields []int) (*roaring.Bitmap, []*roaring.Bitmap, error) {
	out := roaring.New()
	alts := make([]*roaring.Bitmap, len(t.alts))
	for i := range t.alts {
		b, err := pq.altCandidates(&t.alts[i], fields)
		if err != nil {
			return nil, nil, err
		}
		alts[i] = b
		out.Or(b)
	}
	return out, alts, nil
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

// contextDocs marks the documents whose title or metadata hold one of the terms.
func (pq *partQuery) contextDocs(terms []*cterm) ([]bool, bool, error) {
	p := pq.p
	var docs []bool
	any := false
	for _, t := range terms {
		cand, err := pq.termCandidates(t, []int{fTitle, fMeta})
		if err != nil {
			return nil, false, err
		}
		cand.And(p.docRecs)
		for it := cand.Iterator(); it.HasNext(); {
			rec := it.Next()
			if inOwn(p, t, rec, fTitle, fMeta) {
				if docs == nil {
					docs = make([]bool, len(p.docs))
				}
				docs[p.docOf[rec]] = true
				any = true
			}
		}
	}
	return docs, any, nil
}

// filter is a request's filters and date range, resolved to facet codes and days.
type filter struct {
	allowed [][]bool // per filter: facet code → allowed
	from    int32
	to      int32
}

func (fl *filter) none() bool { return fl == nil || len(fl.allowed) == 0 && fl.from == 0 && fl.to == 0 }

func (fl *filter) pass(d *docInfo) bool { return fl.passWith(d, nil) }

// scored is one hit while collecting.
type scored struct {
	score float64
	day   int32
	part  int32
	rec   uint32
	seq   uint64
}

// topK keeps the k best hits seen, in a heap with the worst at the top.
type topK struct {
	k      int
	byDate bool
	h      []scored
}

// before reports whether a ranks before b.
func (t *topK) before(a, b *scored) bool {
	if t.byDate && a.day != b.day {
		return a.day > b.day
	}
	if a.score != b.score {
		return a.score > b.score
	}
	return a.seq < b.seq
}

func (t *topK) push(s scored) {
	if len(t.h) < t.k {
		t.h = append(t.h, s)
		for i := len(t.h) - 1; i > 0; {
			up := (i - 1) / 2
			if !t.before(&t.h[up], &t.h[i]) {
				break
			}
			t.h[up], t.h[i] = t.h[i], t.h[up]
			i = up
		}
		return
	}
	if t.k == 0 || !t.before(&s, &t.h[0]) {
		return
	}
	t.h[0] = s
	for i := 0; ; {
		l, r, worst := 2*i+1, 2*i+2, i
		if l < len(t.h) && t.before(&t.h[worst], &t.h[l]) {
			worst = l
		}
		if r < len(t.h) && t.before(&t.h[worst], &t.h[r]) {
			worst = r
		}
		if worst == i {
			break
		}
		t.h[i], t.h[worst] = t.h[worst], t.h[i]
		i = worst
	}
}

// sorted returns the kept hits, best first.
func (t *topK) sorted() []scored {
	out := append([]scored(nil), t.h...)
	sort.Slice(out, func(i, j int) bool { return t.before(&out[i], &out[j]) })
	return out
}

// query is one query over the whole index: its compiled terms, and what every part adds to
// (the best hits, the total, the facet counts).
type query struct {
	ix       *Index
	groups   [][]*cterm // every group must match; one term of a group is enough
	terms    []*cterm   // the terms of every group, in order
	excluded []*cterm
	fl       *filter
	// ctxScore is what a group adds to a record's score where it matches only in context (its
	// document's title or metadata); known once every term's idf is.
	ctxScore  []float64
	top       *topK
	total     uint64
	facetHits []int // by facet code
}

// compile compiles a parsed query's terms.
func (ix *Index) compile(q search.Query, fl *filter, k int, byDate bool) *query {
	qr := &query{ix: ix, fl: fl, top: &topK{k: k, byDate: byDate}, facetHits: make([]int, len(ix.facetNames))}
	for _, g := range q.Groups {
		var cg []*cterm
		for _, t := range g {
			ct := compileTerm(t, &ix.byteFreq)
			cg = append(cg, ct)
			qr.terms = append(qr.terms, ct)
		}
		qr.groups = append(qr.groups, cg)
	}
	for _, t := range q.Excluded {
		qr.excluded = append(qr.excluded, compileTerm(t, &ix.byteFreq))
	}
	return qr
}

// run evaluates a parsed query over every part: the total, the best hits up to k, and the
// hit count of every facet code.
func (ix *Index) run(ctx context.Context, q search.Query, fl *filter, k int, byDate bool) (uint64, []scored, []int, error) {
	qr := ix.compile(q, fl, k, byDate)
	// The candidates of every term in every part come first, and from them each term's idf
	// over the whole index (so that scores do not depend on how it was sharded).
	runs := make([]*partRun, len(ix.parts))
	df := make([]uint64, len(qr.terms))
	for pi, p := range ix.parts {
		if err := ctx.Err(); err != nil {
			return 0, nil, nil, err
		}
		pr, err := qr.newPartRun(int32(pi), p)
		if err != nil {
			return 0, nil, nil, err
		}
		if err := pr.candidates(); err != nil {
			return 0, nil, nil, err
		}
		for ti, c := range pr.cands {
			df[ti] += c.GetCardinality()
		}
		runs[pi] = pr
	}
	qr.weigh(df)
	for _, pr := range runs {
		if err := pr.run(ctx); err != nil {
			return 0, nil, nil, err
		}
	}
	return qr.total, qr.top.sorted(), qr.facetHits, nil
}

// weigh sets each term's idf from the number of records that may hold it (df, by term), and
// from them what a match in context scores.
func (qr *query) weigh(df []uint64) {
	n := float64(qr.ix.records)
	for ti, t := range qr.terms {
		d := float64(df[ti])
		t.idf = math.Log(1 + (n-d+0.5)/(d+0.5))
	}
	qr.ctxScore = make([]float64, len(qr.groups))
	for gi, g := range qr.groups {
		for _, t := range g {
			qr.ctxScore[gi] = max(qr.ctxScore[gi], contextWeight*t.idf)
		}
	}
}

// partRun is a query's evaluation over one part, one method per phase:
//
//	candidates  each term's records, from the postings (all parts', before idf is known)
//	prepare     how each term will be scored: cursors on postings, or checks on the text
//	context     each group's records, and the documents whose title or metadata hold it
//	match       the records that may match every group
//	exclude     less those an excluded term drops
//	filter      the documents the request's filters let through
//	collect     each candidate checked and scored (score), the best kept, facets counted
type partRun struct {
	*partQuery
	q  *query
	pi int32
	// By term (as q.terms): its candidates, each alternative's, and its scoring state.
	cands    []*roaring.Bitmap
	altCands [][]*roaring.Bitmap
	states   [][]*termState // by group and term (as q.groups)
	// textCands marks the records some alternative must check on the text (the others are
	// scored from postings): only those are touched ahead; nil when none.
	textCands []uint64
	// By group: the records it matches on their own, and the documents it matches in
	// context (nil: none).
	own     []*roaring.Bitmap
	ctxDocs [][]bool
	anyCtx  bool
	cand    *roaring.Bitmap // the records left to check
	exDocs  []bool          // the documents an excluded term drops (nil: none)
	pass    []bool          // by document: whether the filters let it through (nil: all)
}

func (qr *query) newPartRun(pi int32, p *part) (*partRun, error) {
	pq, err := newPartQuery(p)
	if err != nil {
		return nil, err
	}
	return &partRun{partQuery: pq, q: qr, pi: pi}, nil
}

// run runs the phases after candidates.
func (pr *partRun) run(ctx context.Context) error {
	if err := pr.prepare(); err != nil {
		return err
	}
	if err := pr.context(); err != nil {
		return err
	}
	if !pr.match() {
		return nil
	}
	if err := pr.exclude(); err != nil {
		return err
	}
	pr.filter()
	return pr.collect(ctx)
}

// candidates finds the records that may hold each term, and each of its alternatives.
func (pr *partRun) candidates() error {
	pr.cands = make([]*roaring.Bitmap, len(pr.q.terms))
	pr.altCands = make([][]*roaring.Bitmap, len(pr.q.terms))
	for ti, t := range pr.q.terms {
		b, ab, err := pr.termAltCandidates(t, allFields)
		if err != nil {
			return err
		}
		pr.cands[ti], pr.altCands[ti] = b, ab
	}
	return nil
}

// prepare sets up each term's scoring state and marks the records checked on their text.
func (pr *partRun) prepare() error {
	states := make([]*termState, len(pr.q.terms))
	index := map[*cterm]int{}
	for i, t := range pr.q.terms {
		index[t] = i
		ts, err := pr.newTermState(t, pr.altCands[i])
		if err != nil {
			return err
		}
		states[i] = ts
		for ai, a := range t.alts {
			if a.token == "" {
				if pr.textCands == nil {
					pr.textCands = make([]uint64, (pr.p.n+63)/64)
				}
				setBits(pr.textCands, pr.altCands[i][ai])
			}
		}
	}
	pr.states = make([][]*termState, len(pr.q.groups))
	pr.own = make([]*roaring.Bitmap, len(pr.q.groups))
	for gi, g := range pr.q.groups {
		pr.own[gi] = roaring.New()
		for _, t := range g {
			pr.states[gi] = append(pr.states[gi], states[index[t]])
			pr.own[gi].Or(pr.cands[index[t]])
		}
	}
	return nil
}

// context finds, with two groups or more, the documents where a group matches the title or
// metadata, so that it may match there while another matches the record's own text (海安
// 儿科).
func (pr *partRun) context() error {
	pr.ctxDocs = make([][]bool, len(pr.q.groups))
	if len(pr.q.groups) < 2 {
		return nil
	}
	for gi, g := range pr.q.groups {
		docs, ok, err := pr.contextDocs(g)
		if err != nil {
			return err
		}
		pr.ctxDocs[gi] = docs
		pr.anyCtx = pr.anyCtx || ok
	}
	return nil
}

// match intersects the groups: the records each group may match on their own or in context,
// at least one on their own, not deleted. It reports whether the query has any group.
func (pr *partRun) match() bool {
	for gi := range pr.q.groups {
		m := pr.own[gi]
		if pr.ctxDocs[gi] != nil {
			m = roaring.Or(m, pr.p.recordsOf(pr.ctxDocs[gi]))
		}
		if pr.cand == nil {
			pr.cand = m.Clone()
		} else {
			pr.cand.And(m)
		}
	}
	if pr.cand == nil {
		return false
	}
	if pr.anyCtx {
		pr.cand.And(roaring.FastOr(pr.own...))
	}
	if pr.p.deleted != nil {
		pr.cand.AndNot(pr.p.deleted)
	}
	return true
}

// exclude drops a record when an excluded term is in its own text, and marks the documents
// whose title or metadata hold one (儿科 -海安 drops what 儿科 海安 finds).
func (pr *partRun) exclude() error {
	if len(pr.q.excluded) == 0 {
		return nil
	}
	p, excluded := pr.p, pr.q.excluded
	pqEx := make([]*roaring.Bitmap, 0, len(excluded))
	for _, t := range excluded {
		b, err := pr.termCandidates(t, allFields)
		if err != nil {
			return err
		}
		pqEx = append(pqEx, b)
	}
	maybe := roaring.And(pr.cand, roaring.FastOr(pqEx...))
	drop := roaring.New()
	for it := maybe.Iterator(); it.HasNext(); {
		rec := it.Next()
		for _, t := range excluded {
			if inOwn(p, t, rec, allFields...) {
				drop.Add(rec)
				break
			}
		}
	}
	pr.cand.AndNot(drop)
	var err error
	pr.exDocs, _, err = pr.contextDocs(excluded)
	return err
}

// filter decides, once per document, whether the filters let it through (a record with
// themes of its own is decided in collect).
func (pr *partRun) filter() {
	if pr.q.fl.none() {
		return
	}
	pr.pass = make([]bool, len(pr.p.docs))
	for d := range pr.p.docs {
		pr.pass[d] = pr.q.fl.pass(&pr.p.docs[d])
	}
}

// collect checks and scores every candidate, keeps the best in the query's topK and adds the
// hits to the query's total and facet counts.
func (pr *partRun) collect(ctx context.Context) error {
	p, q := pr.p, pr.q
	docHits := make([]uint32, len(p.docs))
	setHits := make([]uint32, len(p.sets))
	var total uint64
	batch := make([]uint32, 32)
	var sink byte
	for mi, nb := pr.cand.ManyIterator(), 0; ; nb++ {
		k := mi.NextMany(batch)
		if k == 0 {
			break
		}
		if nb&127 == 127 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		sink ^= pr.touch(batch[:k])
		for _, rec := range batch[:k] {
			d := p.docOf[rec]
			if d == noDoc || pr.exDocs != nil && pr.exDocs[d] {
				continue
			}
			set := p.recSet[rec]
			if pr.pass != nil && !(set == 0 && pr.pass[d] || set != 0 && q.fl.passWith(&p.docs[d], p.sets[set])) {
				continue
			}
			score, ok := pr.score(rec, d)
			if !ok {
				continue
			}
			total++
			docHits[d]++
			setHits[set]++
			q.top.push(scored{score: score, day: p.docs[d].day, part: pr.pi, rec: rec, seq: p.seq[rec]})
		}
	}
	runtime.KeepAlive(sink)
	q.total += total
	for k, c := range setHits {
		if c == 0 {
			continue
		}
		for _, code := range p.sets[k] {
			if int(code) < len(q.facetHits) {
				q.facetHits[code] += int(c)
			}
		}
	}
	for d, c := range docHits {
		if c > 0 {
			for _, code := range p.docs[d].facets {
				if int(code) < len(q.facetHits) {
					q.facetHits[code] += int(c)
				}
			}
		}
	}
	return nil
}

// touch reads ahead what scoring a batch of candidates will read. Candidates lie far apart
// in memory (the text of 5,000 plans is ~100 MB): touching first lets the cache misses
// overlap instead of queueing one after another in the scans.
func (pr *partRun) touch(batch []uint32) byte {
	p := pr.p
	var lo, hi [32]uint32
	var sink byte
	for j, rec := range batch {
		i := int(rec) * nFields
		lo[j], hi[j] = p.off[i], p.off[i+nFields]
		sink ^= byte(p.docOf[rec])
	}
	for j := range batch {
		if n, r := hi[j]-lo[j], batch[j]; n > 0 && pr.textCands != nil && pr.textCands[r/64]&(1<<(r%64)) != 0 {
			// A fixed number of touches keeps branches predictable, so the loads run ahead
			// together.
			for x := uint32(0); x < touchBytes; x += 64 {
				sink ^= p.buf[lo[j]+min(x, n-1)]
			}
		}
	}
	return sink
}

// score scores record rec of document d: every group must match on its own or in context,
// one at least on its own; ok is false when it does not.
func (pr *partRun) score(rec, d uint32) (score float64, ok bool) {
	ownAny := false
	for gi, g := range pr.q.groups {
		s := 0.0
		for ti, t := range g {
			s += pr.q.ix.ownScore(pr.p, t, pr.states[gi][ti], rec)
		}
		switch {
		case s > 0:
			ownAny = true
		case pr.ctxDocs[gi] != nil && pr.ctxDocs[gi][d]:
			s = pr.q.ctxScore[gi]
		default:
			return 0, false
		}
		score += s
	}
	return score, ownAny
}

// hit reads a record's stored fields for display.
func (ix *Index) hit(s scored, marks []string) (search.Hit, error) {
	p := ix.parts[s.part]
	h := search.Hit{Score: math.Round(s.score*1e6) / 1e6, Themes: []string{}}
	var text, heading, meta, title string
	err := p.seg.VisitStored(uint64(s.rec), func(field string, v []byte) bool {
		switch field {
		case "url":
			h.URL = string(v)
		case "doc_url":
			h.DocURL = string(v)
		case "title":
			h.Title = string(v)
		case "section":
			h.Section = string(v)
		case "item":
			h.Item = string(v)
		case "kind":
			h.Kind = string(v)
		case "agency":
			h.Agency = string(v)
		case "region":
			h.Region = string(v)
		case "themes":
			h.Themes = append(h.Themes, string(v))
		case "day":
			h.Published = string(v)
		case "text":
			text = string(v)
		case "heading_s":
			heading = string(v)
		case "meta_s":
			meta = string(v)
		}
		return true
	})
	if err != nil {
		return h, err
	}
	if h.Kind == search.KindDoc {
		title = h.Title
	}
	// The snippet comes from the first field that shows a match: the text, then the heading,
	// the title, the metadata.
	for _, f := range []string{text, heading, title, meta} {
		if sn, ok := search.Snippet(f, marks, search.SnippetLen); ok {
			h.Snippet = sn
			return h, nil
		}
	}
	h.Snippet, _ = search.Snippet(text, marks, search.SnippetLen)
	if h.Snippet == "" {
		h.Snippet, _ = search.Snippet(h.Title, nil, search.SnippetLen)
	}
	return h, nil
}
