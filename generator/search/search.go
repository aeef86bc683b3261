package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

// Limits on requests.
const (
	DefaultSize = 20
	MaxSize     = 100
	// MaxResultWindow bounds page × size, so deep paging cannot make the server collect and
	// sort the whole index.
	MaxResultWindow = 10000
	maxFilterValues = 20
	maxFacetTerms   = 50
)

// Index is an open search index: its shards, and what queries need of every record held in
// memory (see engine.go).
type Index struct {
	shards  []bleve.Index
	readers []index.IndexReader
	parts   []*part
	syn     *Synonyms
	// facetNames maps a facet code (its position) to "name=value"; codeOf is the reverse.
	facetNames []string
	codeOf     map[string]uint32
	records    int              // live records, for idf
	avgLen     [nFields]float64 // mean length of each field where it is not empty
	byteFreq   [256]uint64      // how often each byte occurs in the text (patterns' pivots)
}

// Open opens the index directory at path read-only; any number of processes may open it at
// once. It reads every record's text, facets and date into memory (about the size of the
// corpus's text). Queries are expanded by syn, or, when syn is nil, by the synonyms the index
// was built with.
func Open(path string, syn *Synonyms) (*Index, error) {
	b, err := os.ReadFile(filepath.Join(path, manifestName))
	if err != nil {
		return nil, fmt.Errorf("open search index: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != indexFormat || len(m.Shards) == 0 {
		return nil, fmt.Errorf("open search index %s: unknown format; rebuild it with 'planportal build'", path)
	}
	if syn == nil {
		syn = NewSynonyms(m.Synonyms)
	}
	ix := &Index{syn: syn, facetNames: m.Facets, codeOf: map[string]uint32{}}
	for i, f := range m.Facets {
		ix.codeOf[f] = uint32(i)
	}
	var lens, counts [nFields]float64
	for _, name := range m.Shards {
		if strings.ContainsAny(name, `/\`) || name == ".." {
			ix.Close()
			return nil, fmt.Errorf("open search index %s: bad shard name %q", path, name)
		}
		s, err := bleve.OpenUsing(filepath.Join(path, name), map[string]interface{}{"read_only": true})
		if err != nil {
			ix.Close()
			return nil, fmt.Errorf("open search index %s: %w", path, err)
		}
		ix.shards = append(ix.shards, s)
		adv, err := s.Advanced()
		if err != nil {
			ix.Close()
			return nil, fmt.Errorf("open search index %s: %w", path, err)
		}
		r, err := adv.Reader()
		if err != nil {
			ix.Close()
			return nil, fmt.Errorf("open search index %s: %w", path, err)
		}
		ix.readers = append(ix.readers, r)
		snap, ok := r.(*scorch.IndexSnapshot)
		if !ok {
			ix.Close()
			return nil, fmt.Errorf("open search index %s: not a scorch index", path)
		}
		for _, ss := range snap.Segments() {
			p, err := loadPart(ss.Segment(), ss.Deleted(), ix.isTheme)
			if err != nil {
				ix.Close()
				return nil, fmt.Errorf("open search index %s: %w", path, err)
			}
			ix.parts = append(ix.parts, p)
			for i := 0; i < len(p.buf); i += 7 { // a sample is enough
				ix.byteFreq[p.buf[i]]++
			}
			for rec := uint32(0); rec < p.n; rec++ {
				if p.docOf[rec] == noDoc {
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
	}
	for f := range lens {
		ix.avgLen[f] = 1
		if counts[f] > 0 {
			ix.avgLen[f] = lens[f] / counts[f]
		}
	}
	return ix, nil
}

// Close closes every shard.
func (ix *Index) Close() error {
	var first error
	for _, r := range ix.readers {
		if err := r.Close(); err != nil && first == nil {
			first = err
		}
	}
	for _, s := range ix.shards {
		if err := s.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Request is one search: the query, filters, paging and order.
type Request struct {
	Q string
	// Filters by facet name (theme, agency, region, province, year, category, validity); the
	// values of one filter are alternatives.
	Filters  map[string][]string
	From, To string // YYYY-MM-DD, inclusive
	Page     int    // from 1
	Size     int    // at most MaxSize
	Sort     string // "" or "relevance", or "date"
}

// Response is the JSON the endpoint returns.
type Response struct {
	Query  string             `json:"query"`
	Total  uint64             `json:"total"`
	Page   int                `json:"page"`
	Size   int                `json:"size"`
	TookMS float64            `json:"took_ms"`
	Hits   []Hit              `json:"hits"`
	Facets map[string][]Facet `json:"facets"`
	Sort   string             `json:"sort"`
}

// Hit is one result: an item, or a whole document.
type Hit struct {
	URL       string        `json:"url"`
	DocURL    string        `json:"doc_url"`
	Title     string        `json:"title"`
	Section   string        `json:"section"`
	Item      string        `json:"item"`
	Kind      string        `json:"kind"`
	Snippet   template.HTML `json:"snippet"`
	Agency    string        `json:"agency"`
	Region    string        `json:"region"`
	Published string        `json:"published"`
	Themes    []string      `json:"themes"`
	Score     float64       `json:"score"`
}

// Facet is one value of a facet with its number of hits.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// RequestError is a problem with what the client sent (HTTP 400).
type RequestError struct{ Msg string }

func (e *RequestError) Error() string { return e.Msg }

// IsRequestError reports whether err is the client's fault.
func IsRequestError(err error) bool {
	var re *RequestError
	return errors.As(err, &re)
}

func badRequest(format string, a ...any) error { return &RequestError{fmt.Sprintf(format, a...)} }

// FilterNames lists the filters a request may carry, in display order.
func FilterNames() []string { return append([]string(nil), facetFields...) }

// Normalize validates a request and fills in defaults.
func (r *Request) Normalize() error {
	r.Q = strings.TrimSpace(r.Q)
	if r.Q == "" {
		return badRequest("empty query: give q, e.g. q=儿科")
	}
	if n := len([]rune(r.Q)); n > MaxQueryLen {
		return badRequest("query is %d characters long; at most %d allowed", n, MaxQueryLen)
	}
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Page < 1 {
		return badRequest("page must be 1 or more")
	}
	if r.Size < 1 || r.Size > MaxSize {
		return badRequest("size must be from 1 to %d", MaxSize)
	}
	if r.Page > MaxResultWindow/r.Size { // page × size, without overflowing
		return badRequest("page × size must be at most %d; narrow the query with filters", MaxResultWindow)
	}
	switch r.Sort {
	case "", "relevance":
		r.Sort = "relevance"
	case "date":
	default:
		return badRequest("sort must be relevance or date")
	}
	for name, vals := range r.Filters {
		if !contains(facetFields, name) {
			return badRequest("unknown filter %q", name)
		}
		if len(vals) > maxFilterValues {
			return badRequest("too many values for filter %s (at most %d)", name, maxFilterValues)
		}
	}
	for _, d := range []struct{ name, val string }{{"from", r.From}, {"to", r.To}} {
		if d.val == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.val); err != nil {
			return badRequest("%s must be a date YYYY-MM-DD, got %q", d.name, d.val)
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Search runs a request.
func (ix *Index) Search(ctx context.Context, r Request) (*Response, error) {
	start := time.Now()
	if err := r.Normalize(); err != nil {
		return nil, err
	}
	resp := &Response{Query: r.Q, Page: r.Page, Size: r.Size, Sort: r.Sort, Hits: []Hit{}, Facets: map[string][]Facet{}}
	q := Parse(r.Q, ix.syn)
	if n := q.Terms(); n > MaxTerms {
		return nil, badRequest("query has %d terms; at most %d allowed", n, MaxTerms)
	}
	if q.Empty() {
		resp.TookMS = ms(time.Since(start))
		for _, f := range facetFields {
			resp.Facets[f] = []Facet{}
		}
		return resp, nil
	}
	fl, err := ix.filter(r)
	if err != nil {
		return nil, err
	}
	total, top, facetHits, err := ix.run(ctx, q, fl, r.Page*r.Size, r.Sort == "date")
	if err != nil {
		return nil, err
	}
	resp.Total = total
	marks := q.Highlights()
	for _, s := range top[min(len(top), (r.Page-1)*r.Size):] {
		h, err := ix.hit(s, marks)
		if err != nil {
			return nil, err
		}
		resp.Hits = append(resp.Hits, h)
	}
	byFacet := map[string][]Facet{}
	for code, n := range facetHits {
		if n == 0 {
			continue
		}
		if name, val, ok := strings.Cut(ix.facetNames[code], "="); ok {
			byFacet[name] = append(byFacet[name], Facet{Value: val, Count: n})
		}
	}
	for _, f := range facetFields {
		resp.Facets[f] = topFacets(byFacet[f], f == "year")
	}
	resp.TookMS = ms(time.Since(start))
	return resp, nil
}

// topFacets returns the maxFacetTerms values with the most hits, most first; ties by value
// (years newest first). A corpus may have thousands of agencies: only the kept ones are
// sorted.
func topFacets(all []Facet, newestFirst bool) []Facet {
	before := func(a, b Facet) bool {
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if newestFirst {
			return a.Value > b.Value
		}
		return a.Value < b.Value
	}
	out := make([]Facet, 0, min(len(all), maxFacetTerms))
	for _, f := range all {
		if len(out) == maxFacetTerms && !before(f, out[len(out)-1]) {
			continue
		}
		i := sort.Search(len(out), func(i int) bool { return before(f, out[i]) })
		if len(out) < maxFacetTerms {
			out = append(out, Facet{})
		}
		copy(out[i+1:], out[i:len(out)-1])
		out[i] = f
	}
	return out
}

// filter resolves a request's filters to facet codes and its date range to days.
func (ix *Index) filter(r Request) (*filter, error) {
	fl := &filter{}
	names := make([]string, 0, len(r.Filters))
	for name := range r.Filters {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if len(r.Filters[name]) == 0 {
			continue
		}
		allowed := make([]bool, len(ix.facetNames))
		for _, v := range r.Filters[name] {
			if c, ok := ix.codeOf[name+"="+v]; ok {
				allowed[c] = true
			}
		}
		fl.allowed = append(fl.allowed, allowed)
	}
	day := func(s string) int32 {
		if s == "" {
			return 0
		}
		t, _ := time.Parse("2006-01-02", s)
		switch {
		case t.Year() < 1:
			return 1
		case t.Year() > 9999:
			return 99991231
		}
		v, _ := strconv.Atoi(t.Format("20060102"))
		return int32(max(v, 1))
	}
	fl.from, fl.to = day(r.From), day(r.To)
	return fl, nil
}

func ms(d time.Duration) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64), 64)
	return v
}

// isTheme reports whether a facet code is a theme's.
func (ix *Index) isTheme(code uint32) bool {
	return int(code) < len(ix.facetNames) && strings.HasPrefix(ix.facetNames[code], "theme=")
}
