package engine

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/planportal/planportal/generator/search"
)

// alt is one alternative of a term (the term or a synonym), compiled.
type alt struct {
	pat pattern
	// token, when set, is the alternative's only index term and the whole of it (a bigram
	// like 儿科, or a Latin word): the postings list is then exact, and its frequencies are
	// the counts, so the record's text need not be read.
	token  string
	exact  []string // index terms every match holds in the field (bigrams, words)
	prefix []string // lone Han characters: every match holds an index term starting with each
	// lone is set when the alternative is one Han character (癌) and nothing else. Each of its
	// occurrences in a text starts exactly one index term (the bigram it begins, or the
	// character alone where its run ends: search.Tokens), and no other term starts with it;
	// so the frequencies of the terms it prefixes add up to its count, and the text need not
	// be read either (see prefixCounts).
	lone bool
	// chain, when set, holds the bigrams of an alternative of three Han characters or more
	// (医共体: 医共 共体), by which a part's positions count it (positions.go).
	chain []uint64
}

// cterm is a compiled query term.
type cterm struct {
	alts []alt
	idf  float64
}

// exact reports whether every alternative of the term is an index term: its postings are
// then exactly the records that hold it, in each field.
func (t *cterm) exact() bool {
	for i := range t.alts {
		if t.alts[i].token == "" {
			return false
		}
	}
	return len(t.alts) > 0
}

func (ix *Index) compileTerm(t search.Term) *cterm {
	freq := &ix.byteFreq
	ct := &cterm{}
	for _, a := range t.Alternatives {
		runs := search.TermRuns(a)
		if runs == nil {
			continue
		}
		c := alt{pat: compilePattern(runs, freq)}
		c.chain = chainKeys(&c.pat)
		if len(runs) == 1 {
			switch n := len([]rune(runs[0])); {
			case search.RunClass(runs[0]) == search.Word, search.RunClass(runs[0]) == search.Han && n == 2:
				c.token = runs[0]
			case search.RunClass(runs[0]) == search.Han && n == 1:
				c.lone = true
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
		// The rarest index terms first: candidates are their intersection, which then starts
		// small and is found empty soonest (most chains of common bigrams that a typo's
		// corrections try occur nowhere).
		slices.SortStableFunc(c.exact, func(a, b string) int { return cmp.Compare(ix.vocab.count(a), ix.vocab.count(b)) })
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
	// counts holds, for a lone character's alternative (alt.lone), its count in each record
	// of each field, from the postings; nil for the others, and where the character prefixes
	// more than maxPrefixTerms terms in a field (its text is checked then).
	counts [][nFields]*tfList
	// chains holds, for an alternative with a chain of bigrams in a part with positions, a
	// chain for each field (nil in a field where one of its bigrams occurs nowhere); nil for
	// the others.
	chains [][nFields]*chain
	byPos  []bool // by alternative: counted by chains
	// dense holds each alternative's candidates as a bit per record when the term has
	// several alternatives (a roaring Contains per record costs a binary search).
	dense [][]uint64
}

func (pq *partQuery) newTermState(t *cterm, cands []*roaring.Bitmap) (*termState, error) {
	ts := &termState{cands: cands, cursors: make([][nFields]*cursor, len(t.alts)), counts: make([][nFields]*tfList, len(t.alts)),
		chains: make([][nFields]*chain, len(t.alts)), byPos: make([]bool, len(t.alts))}
	if len(t.alts) > 1 {
		ts.dense = make([][]uint64, len(t.alts))
		for i, c := range cands {
			ts.dense[i] = bitsPool.get(int(pq.p.n+63) / 64)
			setBits(ts.dense[i], c)
		}
	}
	for i := range t.alts {
		if keys := t.alts[i].chain; keys != nil && pq.p.pos != nil {
			for f := range indexedFields {
				ts.chains[i][f] = newChain(&pq.p.pos[f], keys)
			}
			ts.byPos[i] = true
			continue
		}
		if t.alts[i].lone {
			var lists [nFields]*tfList
			all := true
			for f := range indexedFields {
				l, err := pq.prefixCounts(f, t.alts[i].prefix[0])
				if err != nil {
					return nil, err
				}
				all = all && l != nil
				lists[f] = l
			}
			if all {
				ts.counts[i] = lists
			}
			continue
		}
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

// fromPostings reports whether alternative i is scored from the postings (or the part's
// positions) alone, its records' text unread.
func (ts *termState) fromPostings(t *cterm, i int) bool {
	return t.alts[i].token != "" || ts.counts[i][0] != nil || ts.byPos[i]
}

// tfList is a term's count in each record of one field, read in ascending record order
// (as a cursor is): dense by record, or sorted (record, count) pairs.
type tfList struct {
	dense []uint32
	pairs []uint64 // record<<32 | count, ascending
	i     int
}

// freq returns the count in rec; calls must come with rec ascending.
func (l *tfList) freq(rec uint32) int {
	if l.dense != nil {
		return int(l.dense[rec])
	}
	for l.i < len(l.pairs) && uint32(l.pairs[l.i]>>32) < rec {
		l.i++
	}
	if l.i < len(l.pairs) && uint32(l.pairs[l.i]>>32) == rec {
		return int(uint32(l.pairs[l.i]))
	}
	return 0
}

// prefixCounts returns, for one field, how often each record holds an index term that starts
// with prefix, summed over those terms; nil when there are more than maxPrefixTerms of them.
func (pq *partQuery) prefixCounts(f int, prefix string) (*tfList, error) {
	var terms []string
	size := 0 // postings in all
	over := false
	if err := pq.dicts[f].Prefixed(prefix, func(term string, records uint64) bool {
		if len(terms) == maxPrefixTerms {
			over = true
			return false
		}
		terms = append(terms, term)
		size += int(records)
		return true
	}); err != nil {
		return nil, err
	}
	if over {
		return nil, nil
	}
	// Many postings are added up by record in an array, few are sorted: sorting a common
	// character's (医: most records of a part) would cost more than the text it spares.
	l := &tfList{}
	if len(terms) > 1 && size > int(pq.p.n)/16 {
		l.dense = make([]uint32, pq.p.n)
	} else {
		l.pairs = make([]uint64, 0, size)
	}
	for _, term := range terms {
		ps, err := pq.dicts[f].Postings(term)
		if err != nil {
			return nil, err
		}
		if ps == nil {
			continue
		}
		for next := uint32(0); ; {
			at, n, ok := ps.Advance(next)
			if !ok {
				break
			}
			if l.dense != nil {
				l.dense[at] += uint32(n)
			} else {
				l.pairs = append(l.pairs, uint64(at)<<32|uint64(uint32(n)))
			}
			if at == math.MaxUint32 {
				break
			}
			next = at + 1
		}
	}
	if len(terms) > 1 && l.pairs != nil {
		// Several terms' postings, one after another: into record order, a record's counts
		// added up.
		slices.Sort(l.pairs)
		out := l.pairs[:0]
		for _, x := range l.pairs {
			if k := len(out) - 1; k >= 0 && out[k]>>32 == x>>32 {
				out[k] += uint64(uint32(x))
				continue
			}
			out = append(out, x)
		}
		l.pairs = out
	}
	return l, nil
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

// ownScore scores a term on a record's own fields; 0 when it does not occur there. m is the
// record's meta: its field offsets are read once, not once per alternative and field.
func (ix *Index) ownScore(p *part, t *cterm, ts *termState, rec uint32, m *recMeta) float64 {
	off := m.off
	best := 0.0
	for i := range t.alts {
		a := &t.alts[i]
		if ts.dense != nil && ts.dense[i][rec/64]&(1<<(rec%64)) == 0 {
			continue
		}
		s := 0.0
		for f := 0; f < nFields; f++ {
			var tf int
			n := int(off[f+1] - off[f])
			switch {
			case a.token != "":
				tf = ts.cursors[i][f].freq(rec)
			case ts.counts[i][f] != nil:
				tf = ts.counts[i][f].freq(rec)
			case ts.byPos[i]:
				// Positions are those of the canonical text: a field shorter than the term
				// (an item's title is empty) cannot hold it, and its streams are not read.
				if n >= len(a.pat.segs[0]) {
					tf = ts.chains[i][f].count(rec)
				}
			case n > 0:
				tf = a.pat.count(p.buf[off[f]:off[f+1]])
			}
			if tf == 0 {
				continue
			}
			l := float64(n) / ix.avgLen[f]
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
