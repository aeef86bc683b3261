package engine

import (
	"context"
	"math"
	"runtime"
	"sync"

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
//     (pattern.go): the check is exact, so totals, facets and precision are exact. A term of
//     three Han characters or more is counted from its bigrams' positions instead, where the
//     part has them (positions.go), with the same result.
//  3. Facet codes, the date and the document of every record are in memory too: filters,
//     facet counts and sort=date cost an array lookup per hit.
//  4. Only the page's hits read their stored fields, for display and snippets.
//
// The files: part.go holds what New loads of each segment; term.go compiles a query's terms
// and scores one term on a record; candidates.go finds candidates in the postings; filter.go
// resolves and applies filters; topk.go keeps the best hits; this file runs a query over the
// parts, phase by phase (partRun); index.go loads the segments (New), answers a request
// and shows its hits.

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
	facetHits []uint32 // by facet code: hits of one code fit, as the records of a part do
	// browse is set when the query has no term but filters: every document they let
	// through is a hit.
	browse bool
}

// compile compiles a parsed query's terms.
func (ix *Index) compile(q search.Query, fl *filter, k int, byDate bool) *query {
	qr := &query{ix: ix, fl: fl, top: &topK{k: k, byDate: byDate}, facetHits: facetHitsPool.get(len(ix.facetNames)),
		browse: q.Empty() && !fl.none()}
	for _, g := range q.Groups {
		var cg []*cterm
		for _, t := range g {
			ct := ix.compileTerm(t)
			cg = append(cg, ct)
			qr.terms = append(qr.terms, ct)
		}
		qr.groups = append(qr.groups, cg)
	}
	for _, t := range q.Excluded {
		qr.excluded = append(qr.excluded, ix.compileTerm(t))
	}
	return qr
}

// run evaluates a parsed query over every part: the total, the best hits up to k, and the
// hit count of every facet code.
func (ix *Index) run(ctx context.Context, q search.Query, fl *filter, k int, byDate bool) (uint64, []scored, []uint32, error) {
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
		err := pr.run(ctx)
		pr.release()
		if err != nil {
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
	// termStates holds every term's state (as q.terms), whose bitsets release gives back.
	termStates []*termState
	// textCands marks the records some alternative must check on the text (the others are
	// scored from postings): only those are touched ahead; nil when none.
	textCands []uint64
	// By group: the records it matches on their own, and the documents it matches in
	// context (nil: none).
	own     []*roaring.Bitmap
	ctxDocs [][]bool
	anyCtx  bool
	exact   bool            // every term is exact (cterm.exact)
	cand    *roaring.Bitmap // the records left to check
	// shared is set while cand is a group's own records (own), which may be a term's
	// candidates or the index's postings: it is then changed into a new bitmap, not in place.
	shared bool
	exDocs []bool // the documents an excluded term drops (nil: none)
	// By document, the filters its codes let through (filter.docLets; nil: no filter); by
	// theme set, those its themes let through, decided as sets come (setKnown: decided) where
	// a filter allows themes (themed), else nil.
	lets    []uint32
	setLets []uint32
	// fails holds, by filter, the records that match and fail that filter alone, counted by
	// document and theme set (nil: none yet): they count for its facet's codes (collect).
	fails []*hitCounts
}

// setKnown marks a theme set's filters decided in partRun.setLets.
const setKnown = 1 << 30

func (qr *query) newPartRun(pi int32, p *part) (*partRun, error) {
	pq, err := newPartQuery(p)
	if err != nil {
		return nil, err
	}
	return &partRun{partQuery: pq, q: qr, pi: pi}, nil
}

// release gives the run's bitsets back to their pool (bitsPool) once it is done.
func (pr *partRun) release() {
	for _, ts := range pr.termStates {
		if ts == nil {
			continue
		}
		for i, d := range ts.dense {
			bitsPool.put(d)
			ts.dense[i] = nil
		}
	}
	bitsPool.put(pr.textCands)
	pr.textCands = nil
}

// run runs the phases after candidates.
func (pr *partRun) run(ctx context.Context) error {
	if ok, err := pr.browse(ctx); ok {
		return err
	}
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
	pr.termStates = states
	index := map[*cterm]int{}
	for i, t := range pr.q.terms {
		index[t] = i
		ts, err := pr.newTermState(t, pr.altCands[i])
		if err != nil {
			return err
		}
		states[i] = ts
		for ai := range t.alts {
			if !ts.fromPostings(t, ai) {
				if pr.textCands == nil {
					pr.textCands = bitsPool.get(int(pr.p.n+63) / 64)
				}
				setBits(pr.textCands, pr.altCands[i][ai])
			}
		}
	}
	pr.exact = true
	for _, t := range pr.q.terms {
		pr.exact = pr.exact && t.exact()
	}
	pr.states = make([][]*termState, len(pr.q.groups))
	pr.own = make([]*roaring.Bitmap, len(pr.q.groups))
	for gi, g := range pr.q.groups {
		cands := make([]*roaring.Bitmap, len(g))
		for ti, t := range g {
			pr.states[gi] = append(pr.states[gi], states[index[t]])
			cands[ti] = pr.cands[index[t]]
		}
		pr.own[gi] = union(cands, nil)
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
// at least one on their own, not deleted. A query without a group (filters alone: browsing)
// matches every document's own record. It reports whether anything may match.
func (pr *partRun) match() bool {
	if len(pr.q.groups) == 0 {
		if !pr.q.browse {
			return false
		}
		pr.cand = pr.p.docRecs.Clone()
	}
	for gi := range pr.q.groups {
		m := pr.own[gi]
		if pr.ctxDocs[gi] != nil {
			m = roaring.Or(m, pr.p.recordsOf(pr.ctxDocs[gi]))
		}
		if pr.cand == nil {
			pr.cand, pr.shared = m, true
		} else {
			pr.and(m)
		}
	}
	if pr.cand == nil {
		return false
	}
	if pr.anyCtx {
		pr.and(roaring.FastOr(pr.own...))
	}
	if pr.p.deleted != nil {
		pr.andNot(pr.p.deleted)
	}
	return true
}

// and keeps the records left to check that b holds: in place, or in a new bitmap while they
// are not the run's own (shared).
func (pr *partRun) and(b *roaring.Bitmap) {
	if pr.shared {
		pr.cand, pr.shared = roaring.And(pr.cand, b), false
	} else {
		pr.cand.And(b)
	}
}

// andNot drops the records b holds from those left to check, as and does.
func (pr *partRun) andNot(b *roaring.Bitmap) {
	if pr.shared {
		pr.cand, pr.shared = roaring.AndNot(pr.cand, b), false
	} else {
		pr.cand.AndNot(b)
	}
}

// exclude drops a record when an excluded term is in its own text, and marks the documents
// whose title or metadata hold one (儿科 -海安 drops what 儿科 海安 finds).
func (pr *partRun) exclude() error {
	if len(pr.q.excluded) == 0 {
		return nil
	}
	p, excluded := pr.p, pr.q.excluded
	// A term whose alternatives are all index terms (县域) is where its postings say: those
	// records are dropped as they are. The others are checked on the text.
	drop := roaring.New()
	var maybe []*roaring.Bitmap
	var checked []*cterm
	for _, t := range excluded {
		b, err := pr.termCandidates(t, allFields)
		if err != nil {
			return err
		}
		if t.exact() {
			drop.Or(b)
		} else {
			maybe, checked = append(maybe, b), append(checked, t)
		}
	}
	drop.And(pr.cand)
	if len(checked) > 0 {
		m := roaring.And(pr.cand, roaring.FastOr(maybe...))
		m.AndNot(drop)
		for it := m.Iterator(); it.HasNext(); {
			rec := it.Next()
			for _, t := range checked {
				if inOwn(p, t, rec, allFields...) {
					drop.Add(rec)
					break
				}
			}
		}
	}
	pr.andNot(drop)
	var err error
	pr.exDocs, _, err = pr.contextDocs(excluded)
	return err
}

// filter decides, once per document, which filters it passes (a record's own themes are
// decided in collect, once per theme set, where a filter allows themes).
func (pr *partRun) filter() {
	fl := pr.q.fl
	if fl.none() {
		return
	}
	pr.lets = make([]uint32, len(pr.p.docs))
	for d := range pr.p.docs {
		pr.lets[d] = fl.docLets(&pr.p.docs[d])
	}
	if fl.themed(pr.q.ix.isTheme) {
		pr.setLets = make([]uint32, len(pr.p.sets))
	}
	pr.fails = make([]*hitCounts, len(fl.allowed))
}

// miss tells which filters record of document d and theme set set fails (filter.miss).
func (pr *partRun) miss(d, set uint32) int {
	l := pr.lets[d]
	if pr.setLets != nil && set != 0 {
		sl := pr.setLets[set]
		if sl == 0 {
			sl = pr.q.fl.lets(pr.p.sets[set]) | setKnown
			pr.setLets[set] = sl
		}
		l |= sl &^ setKnown
	}
	return pr.q.fl.miss(l)
}

// fail counts a record that matches and fails filter k alone, for that filter's facet.
func (pr *partRun) fail(k int, d, set uint32) {
	fc := pr.fails[k]
	if fc == nil {
		fc = getHitCounts(len(pr.p.docs), len(pr.p.sets))
		pr.fails[k] = fc
	}
	fc.docs[d]++
	fc.sets[set]++
}

// addFails adds the records that fail one filter alone to the counts of that filter's facet.
func (pr *partRun) addFails() {
	for k, fc := range pr.fails {
		if fc != nil {
			pr.addHitCounts(fc, codesOf(pr.q.fl.facet[k]))
		}
	}
}

// collect checks and scores every candidate, keeps the best in the query's topK and adds the
// hits to the query's total and facet counts.
func (pr *partRun) collect(ctx context.Context) error {
	p, q := pr.p, pr.q
	hc := getHitCounts(len(p.docs), len(p.sets))
	docHits, setHits := hc.docs, hc.sets
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
			m := &p.meta[rec]
			d, set := m.doc, m.set
			if d == noDoc || pr.exDocs != nil && pr.exDocs[d] {
				continue
			}
			miss := passes
			if pr.lets != nil {
				if miss = pr.miss(d, set); miss == missMany {
					continue
				}
			}
			if miss != passes {
				// It only counts for the facet whose filter it fails: whether it matches is
				// all that is asked, not its score.
				if pr.matches(rec, d) {
					pr.fail(miss, d, set)
				}
				continue
			}
			score, ok := pr.score(rec, d)
			if !ok {
				continue
			}
			total++
			docHits[d]++
			setHits[set]++
			// The build order (seq) is read only for a hit that may be kept: it breaks ties.
			if day := p.docs[d].day; q.top.admits(score, day) {
				q.top.push(scored{score: score, day: day, part: pr.pi, rec: rec, seq: p.seqOf(rec, m)})
			}
		}
	}
	runtime.KeepAlive(sink)
	q.total += total
	pr.addHitCounts(hc, everyCode)
	pr.addFails()
	return nil
}

// codeSel selects the facet codes that counts by document and theme set are added to: every
// code, every code but those of one facet (by its place in facetFields), or that facet's alone.
type codeSel struct {
	facet int // -1: none
	only  bool
}

var everyCode = codeSel{facet: -1}

func codesOf(f int) codeSel  { return codeSel{facet: f, only: true} }
func codesBut(f int) codeSel { return codeSel{facet: f} }
func (s codeSel) has(f int) bool {
	if s.only {
		return f == s.facet
	}
	return s.facet < 0 || f != s.facet
}

// addHitCounts adds the hits counted by document and theme set (hc) to the query's counts of
// the codes sel selects, and puts the counts back in their pool.
func (pr *partRun) addHitCounts(hc *hitCounts, sel codeSel) {
	p, q := pr.p, pr.q
	facetOf := q.ix.facetOf
	// A code's facet is looked up only when sel asks (a hit's codes are many: most queries
	// count every code).
	add := func(codes []uint32, c uint32) {
		for _, code := range codes {
			if int(code) < len(q.facetHits) && (sel.facet < 0 || sel.has(facetOf[code])) {
				q.facetHits[code] += c
			}
		}
	}
	// Each count is read once, and set back to 0 as it is, for the next query (hitCounts).
	for k, c := range hc.sets {
		if c > 0 {
			hc.sets[k] = 0
			add(p.sets[k], c)
		}
	}
	for d, c := range hc.docs {
		if c > 0 {
			hc.docs[d] = 0
			add(p.docs[d].facets, c)
		}
	}
	hitCountsPool.Put(hc) // every count is 0 again (an error before drops them instead)
}

// Per-query arrays as long as a part's records or the index's facet codes, made for every
// query whatever it finds, were about a fifth of the bytes the load test's queries allocated at
// 20,000 plans (i16br), a share that grows with the corpus: a query's bitsets (termState.dense,
// partRun.textCands, a bit per record: 60 KB each at 20,000 plans), given back when its run of
// a part is done (partRun.release), and its counts by facet code (query.facetHits), given back
// by Search once read, come from pools instead.
var (
	bitsPool      slicePool[uint64]
	facetHitsPool slicePool[uint32]
)

// slicePool is a pool of slices whose elements are 0 when they are taken.
type slicePool[T uint32 | uint64] struct{ p sync.Pool }

// get returns a slice of n elements, all 0.
func (sp *slicePool[T]) get(n int) []T {
	if s, _ := sp.p.Get().(*[]T); s != nil && cap(*s) >= n {
		w := (*s)[:n]
		clear(w)
		return w
	}
	return make([]T, n)
}

// put gives back a slice of get (nil: none); nothing may read it after.
func (sp *slicePool[T]) put(s []T) {
	if s != nil {
		sp.p.Put(&s)
	}
}

// hitCounts are the hits of one query in one part by document and by theme set (collect).
// Made for every query, they were 31% of the bytes a query allocated (102 of 329 KB on the
// 5,000-plan corpus, whose parts have ~10,000 theme sets each: items vary sentence by
// sentence): collect takes them from a pool, every count 0 (up to their capacity), and puts
// them back after it has read each count and set it back to 0.
type hitCounts struct{ docs, sets []uint32 }

var hitCountsPool sync.Pool // of *hitCounts

// getHitCounts returns counts for docs documents and sets theme sets, all 0.
func getHitCounts(docs, sets int) *hitCounts {
	hc, _ := hitCountsPool.Get().(*hitCounts)
	if hc == nil {
		hc = &hitCounts{}
	}
	if cap(hc.docs) < docs {
		hc.docs = make([]uint32, docs)
	}
	if cap(hc.sets) < sets {
		hc.sets = make([]uint32, sets)
	}
	hc.docs, hc.sets = hc.docs[:docs], hc.sets[:sets]
	return hc
}

// touch reads ahead what scoring a batch of candidates will read. Candidates lie far apart
// in memory (the text of 5,000 plans is ~100 MB): touching first lets the cache misses
// overlap instead of queueing one after another in the scans.
func (pr *partRun) touch(batch []uint32) byte {
	p := pr.p
	var lo, hi [32]uint32
	var sink byte
	for j, rec := range batch {
		m := &p.meta[rec]
		lo[j], hi[j] = m.off[0], m.off[nFields]
	}
	for j := range batch {
		if n, r := hi[j]-lo[j], batch[j]; n > 0 && pr.textCands != nil && pr.textCands[r/64]&(1<<(r%64)) != 0 {
			// One load for each line of the text (up to touchBytes): loading a short
			// record's last line over and over, as a fixed count of loads did, only took
			// places in the load queue that other records' lines could have had.
			for x := uint32(0); x < min(touchBytes, n); x += 64 {
				sink ^= p.buf[lo[j]+x]
			}
		}
	}
	return sink
}

// matches reports whether record rec of document d matches, as score's ok does. When every
// term is exact (its postings are where it occurs: 儿科, AI), every candidate left does (each
// group's own records or context documents, one group at least on its own: see match), and
// nothing is read or scored; otherwise it is score's answer.
func (pr *partRun) matches(rec, d uint32) bool {
	if pr.exact {
		return true
	}
	_, ok := pr.score(rec, d)
	return ok
}

// score scores record rec of document d: every group must match on its own or in context,
// one at least on its own; ok is false when it does not.
func (pr *partRun) score(rec, d uint32) (score float64, ok bool) {
	if len(pr.q.groups) == 0 {
		return 0, true // browsing: every record let through matches
	}
	ownAny := false
	m := &pr.p.meta[rec]
	for gi, g := range pr.q.groups {
		s := 0.0
		for ti, t := range g {
			s += pr.q.ix.ownScore(pr.p, t, pr.states[gi][ti], rec, m)
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
