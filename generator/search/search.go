// Package search is what the portal's search is about, free of how an index stores it:
// requests, parsed queries and synonyms, responses and their hits and facets, the records
// made of each document and its analysis, the normalisation and tokenisation every term and
// text go through, snippets, and Live, which follows an index directory through rebuilds.
//
// Search is exact for Chinese: a term matches where its characters stand together in the
// text, never where they are scattered. Package engine answers requests from records held in
// memory; package bleveindex builds the index directories it reads them from, with bleve, and
// opens them.
package search

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"time"
)

// Limits on requests.
const (
	DefaultSize = 20
	MaxSize     = 100
	// MaxResultWindow bounds page × size, so deep paging cannot make the server collect and
	// sort the whole index.
	MaxResultWindow = 10000
	maxFilterValues = 20
	// MaxFacetTerms is how many values of each facet a response lists at most: those with
	// the most hits.
	MaxFacetTerms = 50
)

// Searcher answers search requests.
type Searcher interface {
	Search(ctx context.Context, r Request) (*Response, error)
}

// Index is an open search index: engine.Index is one.
type Index interface {
	Searcher
	// Close releases the index; it answers no request after.
	Close() error
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
	// Pinyin lists the terms typed in pinyin and the Han terms searched for them.
	Pinyin []PinyinMatch `json:"pinyin,omitempty"`
	// Suggestions are offered when nothing is found (您是不是要找).
	Suggestions []Suggestion `json:"suggestions,omitempty"`
}

// Hit is one result: an item, or a whole document.
type Hit struct {
	URL string `json:"url"`
	// Link is URL with a text fragment that has the browser mark the first match on the
	// landing page (#s1-i26:~:text=家庭医生签约); URL when the hit shows no match.
	Link      string        `json:"link"`
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

// RequestError is a problem with what the client sent (HTTP 400): Param names the query
// parameter at fault (q, page, year…), when one is.
type RequestError struct {
	Param string
	Msg   string
}

func (e *RequestError) Error() string { return e.Msg }

// BadParam is a RequestError about parameter param.
func BadParam(param, format string, a ...any) error {
	return &RequestError{Param: param, Msg: fmt.Sprintf(format, a...)}
}

// IsRequestError reports whether err is the client's fault.
func IsRequestError(err error) bool {
	var re *RequestError
	return errors.As(err, &re)
}

// FilterNames lists the filters a request may carry, in display order.
func FilterNames() []string { return append([]string(nil), facetFields...) }

// Browsing reports whether a request lists documents by filters alone, without a keyword.
func (r *Request) Browsing() bool {
	if strings.TrimSpace(r.Q) != "" {
		return false
	}
	for _, vals := range r.Filters {
		if len(vals) > 0 {
			return true
		}
	}
	return r.From != "" || r.To != ""
}

// Normalize validates a request and fills in defaults. A request with neither a keyword nor a
// filter is an error of q (ErrEmpty), reported after any other parameter's: size=100000 alone
// is an error of size.
func (r *Request) Normalize() error {
	r.Q = strings.TrimSpace(r.Q)
	if err := r.normalizeParams(); err != nil {
		return err
	}
	if r.Q == "" && !r.Browsing() {
		return ErrEmpty
	}
	return nil
}

// ErrEmpty is Normalize's error for a request with neither a keyword nor a filter.
var ErrEmpty = BadParam("q", "参数 q 为空，请输入搜索词（如 q=儿科），或给出筛选条件（如 region=海安市）；empty query: give q (e.g. q=儿科) or a filter (e.g. region=海安市)")

// normalizeParams is Normalize but for the check that the request asks for something.
func (r *Request) normalizeParams() error {
	if n := len([]rune(r.Q)); n > MaxQueryLen {
		return BadParam("q", "参数 q 有 %d 个字符，最多 %d 个；q is %d characters long, at most %d allowed", n, MaxQueryLen, n, MaxQueryLen)
	}
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Page < 1 {
		return BadParam("page", "参数 page 应不小于 1；page must be 1 or more")
	}
	if r.Size < 1 || r.Size > MaxSize {
		return BadParam("size", "参数 size 应在 1 到 %d 之间；size must be from 1 to %d", MaxSize, MaxSize)
	}
	if r.Page > MaxResultWindow/r.Size { // page × size, without overflowing
		return BadParam("page", "参数 page × size 最多 %d，请用筛选条件缩小范围；page × size must be at most %d: narrow the query with filters", MaxResultWindow, MaxResultWindow)
	}
	switch r.Sort {
	case "":
		r.Sort = "relevance"
		if r.Q == "" {
			r.Sort = "date" // browsing lists the newest first, as the 政策文件库 does
		}
	case "relevance":
		r.Sort = "relevance"
	case "date":
	default:
		return BadParam("sort", "参数 sort 应为 relevance 或 date；sort must be relevance or date")
	}
	for name, vals := range r.Filters {
		if !contains(facetFields, name) {
			return BadParam(name, "未知的筛选参数 %s；unknown filter %q", name, name)
		}
		if len(vals) > maxFilterValues {
			return BadParam(name, "参数 %s 的取值过多（最多 %d 个）；too many values for filter %s (at most %d)", name, maxFilterValues, name, maxFilterValues)
		}
	}
	for _, d := range []struct{ name, val string }{{"from", r.From}, {"to", r.To}} {
		if d.val == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.val); err != nil {
			return BadParam(d.name, "参数 %s 应为 YYYY-MM-DD 格式的日期；%s must be a date YYYY-MM-DD, got %q", d.name, d.name, d.val)
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
