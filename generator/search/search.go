package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
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

// Field boosts: a match in the title counts most, then headings, metadata, then text.
var boosts = map[string]float64{"title_s": 4, "heading_s": 2, "meta_s": 1.5, "text": 1}

// Index is an open search index: its shards, searched together through an alias.
type Index struct {
	idx    bleve.IndexAlias
	shards []bleve.Index
	syn    *Synonyms
	// facetNames maps a stored facet code (its base-36 position) to "name=value".
	facetNames []string
}

// Open opens the index directory at path read-only; any number of processes may open it at
// once.
func Open(path string, syn *Synonyms) (*Index, error) {
	b, err := os.ReadFile(filepath.Join(path, manifestName))
	if err != nil {
		return nil, fmt.Errorf("open search index: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != indexFormat || len(m.Shards) == 0 {
		return nil, fmt.Errorf("open search index %s: unknown format; rebuild it with 'planportal build'", path)
	}
	ix := &Index{syn: syn}
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
	}
	ix.idx = bleve.NewIndexAlias(ix.shards...)
	ix.facetNames = m.Facets
	return ix, nil
}

// Close closes every shard.
func (ix *Index) Close() error {
	var first error
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
	bq := ix.buildQuery(q, r)
	req := bleve.NewSearchRequestOptions(bq, r.Size, (r.Page-1)*r.Size, false)
	req.Fields = []string{"*"}
	// Relevance sorts by score alone: a tie-break on another field would read that field's doc
	// value for every hit, which is most of a query's cost.
	if r.Sort == "date" {
		req.SortBy([]string{"-published", "-_score"})
	}
	// Every facet comes from the one "facets" field. Each shard reports only its top values,
	// and a value rare in one shard and common in another would be undercounted, so every
	// shard is asked for all of them; each facet keeps its top maxFacetTerms after merging.
	req.AddFacet("facets", bleve.NewFacetRequest("facets", max(maxFacetTerms*len(facetFields), len(ix.facetNames))))
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	// An alias over several shards reports a shard's failure (a timeout, a bad query) in the
	// status, not as an error; partial results must not pass for complete ones.
	if res.Status != nil && res.Status.Failed > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for name, e := range res.Status.Errors {
			return nil, fmt.Errorf("search shard %s: %w", name, e)
		}
		return nil, errors.New("search: a shard failed")
	}
	resp.Total = res.Total
	marks := q.Highlights()
	for _, h := range res.Hits {
		resp.Hits = append(resp.Hits, toHit(h, marks))
	}
	byFacet := map[string][]Facet{}
	if fr, ok := res.Facets["facets"]; ok && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			code, err := strconv.ParseInt(t.Term, 36, 64)
			if err != nil || code < 0 || int(code) >= len(ix.facetNames) {
				continue
			}
			if name, val, ok := strings.Cut(ix.facetNames[code], "="); ok {
				byFacet[name] = append(byFacet[name], Facet{Value: val, Count: t.Count})
			}
		}
	}
	for _, f := range facetFields {
		list := byFacet[f]
		if list == nil {
			list = []Facet{}
		}
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Count != list[j].Count {
				return list[i].Count > list[j].Count
			}
			if f == "year" {
				return list[i].Value > list[j].Value
			}
			return list[i].Value < list[j].Value
		})
		if len(list) > maxFacetTerms {
			list = list[:maxFacetTerms]
		}
		resp.Facets[f] = list
	}
	resp.TookMS = ms(time.Since(start))
	return resp, nil
}

func ms(d time.Duration) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64), 64)
	return v
}

// buildQuery turns a parsed query and filters into a bleve query.
func (ix *Index) buildQuery(q Query, r Request) query.Query {
	var must []query.Query
	for _, g := range q.Groups {
		var alts []query.Query
		for _, t := range g {
			alts = append(alts, ix.termQuery(t))
		}
		must = append(must, disjunction(alts))
	}
	names := make([]string, 0, len(r.Filters))
	for name := range r.Filters {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		var alts []query.Query
		for _, v := range r.Filters[name] {
			tq := bleve.NewTermQuery(v)
			tq.SetField(fieldOf(name))
			alts = append(alts, tq)
		}
		if len(alts) > 0 {
			must = append(must, disjunction(alts))
		}
	}
	if r.From != "" || r.To != "" {
		var from, to time.Time
		// bleve stores dates as int64 nanoseconds (1677–2262) and fails on a bound outside
		// that range; clamping keeps the meaning (no document lies outside it).
		clamp := func(t time.Time) time.Time {
			if t.Before(query.MinRFC3339CompatibleTime) {
				return query.MinRFC3339CompatibleTime
			}
			if t.After(query.MaxRFC3339CompatibleTime) {
				return query.MaxRFC3339CompatibleTime
			}
			return t
		}
		if r.From != "" {
			from, _ = time.Parse("2006-01-02", r.From)
			from = clamp(from)
		}
		if r.To != "" {
			to, _ = time.Parse("2006-01-02", r.To)
			to = clamp(to.Add(24*time.Hour - time.Nanosecond))
		}
		incl := true
		dq := bleve.NewDateRangeInclusiveQuery(from, to, &incl, &incl)
		dq.SetField("published")
		must = append(must, dq)
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(must...)
	for _, t := range q.Excluded {
		bq.AddMustNot(ix.termQuery(t))
	}
	return bq
}

// termQuery matches a term, or any of its synonyms, as a contiguous string in any searchable
// field, with the field's boost.
func (ix *Index) termQuery(t Term) query.Query {
	var alts []query.Query
	for _, a := range t.Alternatives {
		pt := phraseTerms(a)
		if pt == nil {
			continue
		}
		for _, f := range []string{"title_s", "heading_s", "meta_s", "text"} {
			if q := ix.fieldPhrase(f, pt, boosts[f]); q != nil {
				alts = append(alts, q)
			}
		}
	}
	if len(alts) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return disjunction(alts)
}

// maxPrefixTerms bounds how many index terms a lone character expands to inside a phrase.
const maxPrefixTerms = 2000

// fieldPhrase matches a phrase in one field; nil when it cannot match there.
func (ix *Index) fieldPhrase(field string, terms []phraseTerm, boost float64) query.Query {
	if len(terms) == 1 {
		var q interface {
			query.Query
			SetField(string)
			SetBoost(float64)
		}
		if terms[0].prefix {
			q = bleve.NewPrefixQuery(terms[0].term)
		} else {
			q = bleve.NewTermQuery(terms[0].term)
		}
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	multi := make([][]string, len(terms))
	for i, t := range terms {
		switch {
		case t.term == "":
			multi[i] = []string{""}
		case t.prefix:
			multi[i] = ix.expandPrefix(field, t.term)
			if len(multi[i]) == 0 {
				return nil
			}
		default:
			multi[i] = []string{t.term}
		}
	}
	pq := query.NewMultiPhraseQuery(multi, field)
	pq.SetBoost(boost)
	return pq
}

// expandPrefix lists the field's terms, in any shard, that start with prefix.
func (ix *Index) expandPrefix(field, prefix string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ix.shards {
		d, err := s.FieldDictPrefix(field, []byte(prefix))
		if err != nil {
			continue
		}
		for e, err := d.Next(); err == nil && e != nil && len(out) < maxPrefixTerms; e, err = d.Next() {
			if !seen[e.Term] {
				seen[e.Term] = true
				out = append(out, e.Term)
			}
		}
		d.Close()
	}
	return out
}

func disjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func toHit(h *search.DocumentMatch, marks []string) Hit {
	str := func(k string) string {
		s, _ := h.Fields[k].(string)
		return s
	}
	hit := Hit{
		URL: str("url"), DocURL: str("doc_url"), Title: str("title"), Section: str("section"),
		Item: str("item"), Kind: str("kind"), Agency: str("agency"), Region: str("region"),
		Score: math.Round(h.Score*1e6) / 1e6, Themes: []string{},
	}
	switch v := h.Fields["themes"].(type) {
	case string:
		hit.Themes = []string{v}
	case []interface{}:
		for _, t := range v {
			if s, ok := t.(string); ok {
				hit.Themes = append(hit.Themes, s)
			}
		}
	}
	if p := str("published"); len(p) >= 10 {
		hit.Published = p[:10]
	}
	// The snippet comes from the first field that shows a match: the text, then the headings,
	// the title, the metadata.
	for _, f := range []string{"text", "heading_s", "title_s", "meta_s"} {
		if s, ok := Snippet(str(f), marks, SnippetLen); ok {
			hit.Snippet = s
			return hit
		}
	}
	hit.Snippet, _ = Snippet(str("text"), marks, SnippetLen)
	if hit.Snippet == "" {
		hit.Snippet = template.HTML(template.HTMLEscapeString(hit.Title))
	}
	return hit
}
