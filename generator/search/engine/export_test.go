package engine

import (
	"fmt"
	"maps"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/planportal/planportal/generator/search"
)

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

// LoneCheck compiles each term as a query does and, for each of its alternatives that is one
// Han character (alt.lone), compares in every part, field and live record its count from the
// postings (prefixCounts: what scoring reads instead of the text) with its count in the
// canonical text (pattern.count: what scoring read before) and with the number of its runes
// there. Every record where one of the three is not 0 is compared. It returns the lone
// alternatives seen, the (record, field) pairs holding them, and a description of each
// disagreement; an alternative whose counts could not come from the postings is one too.
func LoneCheck(ix *Index, terms []string) (lone, held int, bad []string, err error) {
	var alts []alt
	for _, term := range terms {
		for _, a := range ix.compileTerm(search.Term{Text: term, Alternatives: []string{term}}).alts {
			if a.lone {
				alts = append(alts, a)
			}
		}
	}
	lone = len(alts)
	for _, p := range ix.parts {
		pq, err := newPartQuery(p)
		if err != nil {
			return 0, 0, nil, err
		}
		for f := range indexedFields {
			// Each character's records in this field by its runes, in one pass over the text.
			byRunes := map[rune]map[uint32]int{}
			for rec := uint32(0); rec < p.n; rec++ {
				if p.deleted != nil && p.deleted.Contains(rec) {
					continue
				}
				for _, r := range p.field(rec, f) {
					if byRunes[r] == nil {
						byRunes[r] = map[uint32]int{}
					}
					byRunes[r][rec]++
				}
			}
			for _, a := range alts {
				ch := []rune(a.prefix[0])[0]
				l, err := pq.prefixCounts(f, a.prefix[0])
				if err != nil {
					return 0, 0, nil, err
				}
				if l == nil {
					bad = append(bad, fmt.Sprintf("%s: field %s has too many terms for the postings", a.prefix[0], indexedFields[f]))
					continue
				}
				recs := map[uint32]bool{}
				for rec := range byRunes[ch] {
					recs[rec] = true
				}
				for _, x := range l.pairs {
					recs[uint32(x>>32)] = true
				}
				for rec, n := range l.dense {
					if n != 0 {
						recs[uint32(rec)] = true
					}
				}
				sorted := slices.Sorted(maps.Keys(recs))
				for _, rec := range sorted {
					if p.deleted != nil && p.deleted.Contains(rec) {
						continue
					}
					held++
					txt := p.field(rec, f)
					fromPostings, fromText, runes := l.freq(rec), a.pat.count(txt), byRunes[ch][rec]
					if fromPostings != fromText || runes != fromText {
						bad = append(bad, fmt.Sprintf("%s in %s of record %d: %d by the postings, %d by the text (%d runes)", a.prefix[0], indexedFields[f], rec, fromPostings, fromText, runes))
					}
				}
			}
		}
	}
	return lone, held, bad, nil
}

// HanChars returns every distinct Han character (search.ClassOf) of the canonical text of the
// index's records.
func HanChars(ix *Index) []string {
	seen := map[rune]bool{}
	var out []string
	for _, p := range ix.parts {
		for _, r := range string(p.buf) {
			if !seen[r] && search.ClassOf(r) == search.Han {
				seen[r] = true
				out = append(out, string(r))
			}
		}
	}
	return out
}

// ChainCheck compiles each term as a query does and, for each of its alternatives counted by
// positions (alt.chain), compares in every part, field and live record its count by the
// part's positions (what scoring reads) with its count in the canonical text. It returns the
// (record, field) pairs holding one, and a description of each disagreement; a part without
// positions, or an alternative not counted by them, is one too.
func ChainCheck(ix *Index, terms []string) (held int, bad []string) {
	for _, term := range terms {
		for _, a := range ix.compileTerm(search.Term{Text: term, Alternatives: []string{term}}).alts {
			if a.chain == nil {
				bad = append(bad, term+": not counted by positions")
				continue
			}
			for pi, p := range ix.parts {
				if p.pos == nil {
					bad = append(bad, fmt.Sprintf("part %d has no positions", pi))
					continue
				}
				for f := range indexedFields {
					ch := newChain(&p.pos[f], a.chain)
					for rec := uint32(0); rec < p.n; rec++ {
						if p.deleted != nil && p.deleted.Contains(rec) {
							continue
						}
						byPos, byText := ch.count(rec), a.pat.count(p.field(rec, f))
						if byText > 0 {
							held++
						}
						if byPos != byText {
							bad = append(bad, fmt.Sprintf("%s in %s of record %d of part %d: %d by positions, %d on the text", term, indexedFields[f], rec, pi, byPos, byText))
						}
					}
				}
			}
		}
	}
	return held, bad
}

// HanText returns the canonical text of every part, as runes.
func HanText(ix *Index) []rune {
	var out []rune
	for _, p := range ix.parts {
		out = append(out, []rune(p.buf)...)
	}
	return out
}

// WithoutPositions returns ix's parts as an index that counts every term on the text, as an
// index opened from its segments does, and whether every part of ix had positions.
func WithoutPositions(ix *Index) (*Index, bool) {
	out := *ix
	out.parts = nil
	all := true
	for _, p := range ix.parts {
		q := *p
		all = all && q.pos != nil
		q.pos = nil
		out.parts = append(out.parts, &q)
	}
	return &out, all
}

// WithoutBrowseIndex returns ix's parts as an index that browses by walking every document,
// as a browse with a date range does.
func WithoutBrowseIndex(ix *Index) *Index {
	out := *ix
	out.parts = nil
	for _, p := range ix.parts {
		q := *p
		q.browse = nil
		out.parts = append(out.parts, &q)
	}
	return &out
}

// VocabCounts returns the Han vocabulary of ix: each bigram with its count.
func VocabCounts(ix *Index) map[string]uint32 {
	out := make(map[string]uint32, len(ix.vocab.df))
	for bg, n := range ix.vocab.df {
		out[string(bg[:])] = n
	}
	return out
}

// WatchRecords returns ix's parts as an index whose segments' Terms.Records are watched, and
// a function that reports how many bitmaps Records has returned so far and how many of them
// differ now from what they held when returned (Records' bitmaps may be the index's own:
// nothing may change them). Not safe for concurrent queries.
func WatchRecords(ix *Index) (*Index, func() (given, changed int)) {
	w := &recordsWatch{}
	out := *ix
	out.parts = nil
	for _, p := range ix.parts {
		q := *p
		q.seg = watchedSegment{Segment: p.seg, w: w}
		out.parts = append(out.parts, &q)
	}
	return &out, func() (int, int) {
		changed := 0
		for i, b := range w.given {
			if !b.Equals(w.copies[i]) {
				changed++
			}
		}
		return len(w.given), changed
	}
}

type recordsWatch struct{ given, copies []*roaring.Bitmap }

type watchedSegment struct {
	Segment
	w *recordsWatch
}

func (s watchedSegment) Terms(field string) (Terms, error) {
	t, err := s.Segment.Terms(field)
	if err != nil {
		return nil, err
	}
	return watchedTerms{Terms: t, w: s.w}, nil
}

type watchedTerms struct {
	Terms
	w *recordsWatch
}

func (t watchedTerms) Records(term string) (*roaring.Bitmap, error) {
	b, err := t.Terms.Records(term)
	if err == nil {
		t.w.given, t.w.copies = append(t.w.given, b), append(t.w.copies, b.Clone())
	}
	return b, err
}
