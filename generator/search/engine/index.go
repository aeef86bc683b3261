// Package engine answers search requests (package search) exactly: every record's canonical
// text, facets and date are held in memory, candidates come from the index's postings, and
// each candidate is checked, scored and counted on what is in memory (see engine.go). It
// reads an index through its Segment interface, which package bleveindex implements; it
// imports no part of bleve.
package engine

import (
	"context"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/urls"
)

// facetFields are the facets a response lists, in order.
var facetFields = search.FilterNames()

// Index is an open search index: what queries need of every record, held in memory (see
// engine.go), and the segments it was read from. It is a search.Index.
type Index struct {
	parts []*part
	// owned holds the segments: an index patched from another (Patch) shares its segments,
	// which close when the last index using them does.
	owned  []*shared
	closed *atomic.Bool // of this handle
	syn    *search.Synonyms
	// facetNames maps a facet code (its position) to "name=value"; codeOf is the reverse.
	facetNames []string
	codeOf     map[string]uint32
	// codesOf maps a "name=value" folded as the text is (search.NormalizeString: 澳門 as 澳门)
	// to the codes of the values that fold so: what a filter typed either way selects.
	codesOf  map[string][]uint32
	facetOf  []int    // facet code → its facet's place in facetFields (-1: none)
	facetVal []string // facet code → its value
	// facetRank is a code's place among its facet's values in the order that breaks ties
	// between equal counts: by value, years newest first.
	facetRank []int32
	records   int              // live records, for idf
	avgLen    [nFields]float64 // mean length of each field where it is not empty
	byteFreq  [256]uint64      // how often each byte occurs in the text (patterns' pivots)
	vocab     *vocab           // the Han bigrams, for pinyin and suggestions
}

// New reads every record of the segments into memory (about the size of the corpus's text)
// and answers queries from them, expanded by syn. facets names the facet codes the records
// store: code i is facets[i], "name=value". Close closes closer, which holds the segments;
// if New fails, closing it is left to the caller.
func New(segs []Segment, facets []string, syn *search.Synonyms, closer io.Closer) (*Index, error) {
	ix := newIndex(facets, syn, closer)
	for _, seg := range segs {
		p, err := loadPart(seg, ix.isTheme)
		if err != nil {
			return nil, err
		}
		ix.add(p)
	}
	if err := ix.finish(); err != nil {
		return nil, err
	}
	return ix, nil
}

func newIndex(facets []string, syn *search.Synonyms, closer io.Closer) *Index {
	ix := &Index{syn: syn, closed: new(atomic.Bool)}
	if closer != nil {
		ix.owned = []*shared{newShared(closer)}
	}
	ix.setFacets(facets)
	return ix
}

// setFacets sets the facet codes: code i is facets[i].
func (ix *Index) setFacets(facets []string) {
	ix.facetNames, ix.codeOf, ix.codesOf = facets, make(map[string]uint32, len(facets)), make(map[string][]uint32, len(facets))
	ix.facetOf, ix.facetVal = make([]int, len(facets)), make([]string, len(facets))
	for i, f := range facets {
		ix.codeOf[f] = uint32(i)
		folded := search.NormalizeString(f)
		ix.codesOf[folded] = append(ix.codesOf[folded], uint32(i))
		name, val, _ := strings.Cut(f, "=")
		ix.facetOf[i], ix.facetVal[i] = slices.Index(facetFields, name), val
	}
	codes := make([]int, len(facets))
	for i := range codes {
		codes[i] = i
	}
	sort.Slice(codes, func(i, j int) bool {
		a, b := codes[i], codes[j]
		if ix.facetOf[a] != ix.facetOf[b] {
			return ix.facetOf[a] < ix.facetOf[b]
		}
		if ix.facetOf[a] >= 0 && facetFields[ix.facetOf[a]] == "year" {
			return ix.facetVal[a] > ix.facetVal[b]
		}
		return ix.facetVal[a] < ix.facetVal[b]
	})
	ix.facetRank = make([]int32, len(facets))
	for r, c := range codes {
		ix.facetRank[c] = int32(r)
	}
}

// add adds a part to the index.
func (ix *Index) add(p *part) {
	ix.parts = append(ix.parts, p)
	for i := 0; i < len(p.buf); i += 7 { // a sample is enough
		ix.byteFreq[p.buf[i]]++
	}
}

// finish counts what scoring needs and reads the vocabulary from the term dictionaries, once
// the parts are added (an index opened from a parts file reads both from it).
func (ix *Index) finish() error {
	ix.count()
	v, err := readVocab(ix.parts)
	if err != nil {
		return err
	}
	ix.vocab = v
	return nil
}

// count counts the live records and the mean length of each field, for scoring, and lists
// each part's document records by facet code, for browsing (a part patched has its list
// made anew: Patch).
func (ix *Index) count() {
	var lens, counts [nFields]float64
	ix.records = 0
	for _, p := range ix.parts {
		for rec := uint32(0); rec < p.n; rec++ {
			if p.meta[rec].doc == noDoc || p.deleted != nil && p.deleted.Contains(rec) {
				continue
			}
			ix.records++
			for f := 0; f < nFields; f++ {
				if l := len(p.field(rec, f)); l > 0 {
					lens[f] += float64(l)
					counts[f]++
				}
			}
		}
	}
	for _, p := range ix.parts {
		if p.browse == nil {
			p.browse = newBrowseIndex(p, len(ix.facetNames))
		}
	}
	for f := range lens {
		ix.avgLen[f] = 1
		if counts[f] > 0 {
			ix.avgLen[f] = lens[f] / counts[f]
		}
	}
}

// Close closes the segments, or, for segments another open index shares, leaves them to it.
// Closing twice does nothing.
func (ix *Index) Close() error {
	if ix.closed.Swap(true) {
		return nil
	}
	var first error
	for _, o := range ix.owned {
		if err := o.release(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Search runs a request.
func (ix *Index) Search(ctx context.Context, r search.Request) (*search.Response, error) {
	start := time.Now()
	if err := r.Normalize(); err != nil {
		return nil, err
	}
	resp := &search.Response{Query: r.Q, Page: r.Page, Size: r.Size, Sort: r.Sort, Hits: []search.Hit{}, Facets: map[string][]search.Facet{}}
	q := search.Parse(r.Q, ix.syn)
	resp.Pinyin = ix.readPinyin(&q)
	if n := q.Terms(); n > search.MaxTerms {
		return nil, search.BadParam("q", "参数 q 有 %d 个词，最多 %d 个；q has %d terms, at most %d allowed", n, search.MaxTerms, n, search.MaxTerms)
	}
	fl, err := ix.filter(r)
	if err != nil {
		return nil, err
	}
	if q.Empty() && fl.none() {
		resp.TookMS = ms(time.Since(start))
		for _, f := range facetFields {
			resp.Facets[f] = []search.Facet{}
		}
		return resp, nil
	}
	total, top, facetHits, err := ix.run(ctx, q, fl, r.Page*r.Size, r.Sort == "date")
	if err != nil {
		return nil, err
	}
	resp.Total = total
	if total == 0 && !q.Empty() {
		resp.Suggestions = ix.suggest(q, r.Q)
	}
	marks := q.Highlights()
	for _, s := range top[min(len(top), (r.Page-1)*r.Size):] {
		h, err := ix.hit(s, marks)
		if err != nil {
			return nil, err
		}
		resp.Hits = append(resp.Hits, h)
	}
	for f, top := range ix.topFacets(facetHits) {
		resp.Facets[facetFields[f]] = top
	}
	facetHitsPool.put(facetHits)
	resp.TookMS = ms(time.Since(start))
	return resp, nil
}

// topFacets lists each facet's search.MaxFacetTerms values with the most hits (facetHits, by
// code), most first; ties by value (years newest first). One pass over the codes keeps each
// facet's best: a corpus has thousands of regions and agencies, and only a few are listed, so
// a value is compared by its count and rank (facetRank), and placed only if it makes the
// list.
func (ix *Index) topFacets(facetHits []uint32) [][]search.Facet {
	type entry struct {
		count uint32
		rank  int32
		code  uint32
	}
	before := func(a, b entry) bool { return a.count > b.count || a.count == b.count && a.rank < b.rank }
	tops := make([][]entry, len(facetFields))
	for code, n := range facetHits {
		f := ix.facetOf[code]
		if n == 0 || f < 0 {
			continue
		}
		top, e := tops[f], entry{n, ix.facetRank[code], uint32(code)}
		if len(top) == search.MaxFacetTerms && !before(e, top[len(top)-1]) {
			continue
		}
		i := len(top)
		for i > 0 && before(e, top[i-1]) {
			i--
		}
		if len(top) < search.MaxFacetTerms {
			top = append(top, entry{})
		}
		copy(top[i+1:], top[i:len(top)-1])
		top[i] = e
		tops[f] = top
	}
	out := make([][]search.Facet, len(facetFields))
	for f, top := range tops {
		out[f] = make([]search.Facet, len(top))
		for i, e := range top {
			out[f][i] = search.Facet{Value: ix.facetVal[e.code], Count: int(e.count)}
		}
	}
	return out
}

func ms(d time.Duration) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64), 64)
	return v
}

// isTheme reports whether a facet code is a theme's.
func (ix *Index) isTheme(code uint32) bool {
	return int(code) < len(ix.facetNames) && strings.HasPrefix(ix.facetNames[code], "theme=")
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
	h.Link = h.URL
	for _, f := range []string{text, heading, title, meta} {
		if sn, first := search.SnippetMatch(f, marks, search.SnippetLen); first.Text != "" {
			h.Snippet, h.Link = sn, urls.TextFragment(h.URL, first.Prefix, first.Text, first.Suffix)
			return h, nil
		}
	}
	h.Snippet, _ = search.Snippet(text, marks, search.SnippetLen)
	if h.Snippet == "" {
		h.Snippet, _ = search.Snippet(h.Title, nil, search.SnippetLen)
	}
	return h, nil
}
