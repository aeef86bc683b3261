package engine

import "github.com/planportal/planportal/generator/search"

// What the external tests (package engine_test: they build and open indexes of their own)
// read of the engine's internals.

// Stats returns the figures scoring uses: the number of live records (idf) and, by indexed
// field, its mean length where it is not empty (BM25's length norm).
func Stats(ix *Index) (records int, meanLen map[string]float64) {
	meanLen = map[string]float64{}
	for f, name := range indexedFields {
		meanLen[name] = ix.avgLen[f]
	}
	return ix.records, meanLen
}

// Scan is a term compiled as a query compiles it, and the text of the records of the index's
// first part, for timing the scan alone.
type Scan struct {
	pat pattern
	p   *part
}

// NewScan compiles term for the first part of ix.
func NewScan(ix *Index, term string) *Scan {
	return &Scan{pat: compilePattern(search.TermRuns(term), &ix.byteFreq), p: ix.parts[0]}
}

// Records is the number of records of the part, deleted ones included.
func (s *Scan) Records() int { return int(s.p.n) }

// Text returns the canonical text of a record's text field.
func (s *Scan) Text(rec uint32) string { return s.p.field(rec, fText) }

// Count counts the term in canonical text.
func (s *Scan) Count(txt string) int { return s.pat.count(txt) }

// Pivot is the byte of the term the scan looks for first.
func (s *Scan) Pivot() int { return s.pat.pivot }

// MatchCheck runs query q (no filters) up to the collecting of its candidates, and reports
// for each candidate whether partRun.matches (what a hit failing one filter only is counted
// by) and partRun.score (what every other hit is ranked by) say it matches: matched by
// score, and the candidates on which the two disagree.
func MatchCheck(ix *Index, q string) (candidates, matched int, disagree []uint32, err error) {
	qr := ix.compile(search.Parse(q, ix.syn), &filter{}, 10, false)
	var runs []*partRun
	df := make([]uint64, len(qr.terms))
	for pi, p := range ix.parts {
		pr, err := qr.newPartRun(int32(pi), p)
		if err != nil {
			return 0, 0, nil, err
		}
		if err := pr.candidates(); err != nil {
			return 0, 0, nil, err
		}
		for ti, c := range pr.cands {
			df[ti] += c.GetCardinality()
		}
		runs = append(runs, pr)
	}
	qr.weigh(df)
	for _, pr := range runs {
		if err := pr.prepare(); err != nil {
			return 0, 0, nil, err
		}
		if err := pr.context(); err != nil {
			return 0, 0, nil, err
		}
		if !pr.match() {
			continue
		}
		if err := pr.exclude(); err != nil {
			return 0, 0, nil, err
		}
		for it := pr.cand.Iterator(); it.HasNext(); {
			rec := it.Next()
			d := pr.p.meta[rec].doc
			if d == noDoc || pr.exDocs != nil && pr.exDocs[d] {
				continue
			}
			candidates++
			_, ok := pr.score(rec, d)
			if ok {
				matched++
			}
			if ok != pr.matches(rec, d) {
				disagree = append(disagree, rec)
			}
		}
	}
	return candidates, matched, disagree, nil
}
