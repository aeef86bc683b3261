package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/urls"
)

// Search serves GET /api/search (JSON) and GET /search/ (a page rendered on the server, so it
// works without JavaScript).
type Search struct {
	Index    search.Searcher // nil when no index is available: requests get 503
	Renderer *render.Renderer
	Timeout  time.Duration
	// Log receives unexpected errors; nil uses the standard logger.
	Log *log.Logger
	// MaxInFlight is how many searches run at once (0: GOMAXPROCS: a search is CPU-bound, so
	// more at once than cores only slices them and stretches the slowest), and MaxQueue how many
	// more wait for one to end (0: 64×MaxInFlight, at least 256: a search takes milliseconds,
	// so a few hundred readers at once only wait; the load test of make bench has 200). A
	// search beyond both is answered 503 with Retry-After at once, so that a flood cannot pile
	// up goroutines and memory.
	MaxInFlight, MaxQueue int

	kept answers // the latest answers, when Index is Versioned
	// NoKeep turns the kept answers off: every request searches (benchmarks time searches).
	NoKeep bool

	limitOnce sync.Once
	slots     chan struct{} // a token per running search
	waiting   atomic.Int64  // searches waiting for a slot
}

// errBusy is the answer when every slot and the queue are taken.
var errBusy = errors.New("搜索服务繁忙，请稍后再试；search is busy, try again shortly")

// acquire takes a slot for one search, waiting in the queue if there is room there; release
// gives it back.
func (s *Search) acquire(ctx context.Context) (release func(), err error) {
	s.limitOnce.Do(func() {
		n := s.MaxInFlight
		if n <= 0 {
			n = runtime.GOMAXPROCS(0)
		}
		s.slots = make(chan struct{}, n)
		if s.MaxQueue <= 0 {
			s.MaxQueue = max(256, 64*n)
		}
	})
	release = func() { <-s.slots }
	select {
	case s.slots <- struct{}{}:
		return release, nil
	default:
	}
	if s.waiting.Add(1) > int64(s.MaxQueue) {
		s.waiting.Add(-1)
		return nil, errBusy
	}
	defer s.waiting.Add(-1)
	select {
	case s.slots <- struct{}{}:
		return release, nil
	case <-ctx.Done():
		return nil, errBusy
	}
}

// maxRawQuery bounds the whole query string before it is parsed.
const maxRawQuery = 4096

var facetLabels = map[string]string{
	"theme": "主题分类", "agency": "发布机构", "region": "地区", "province": "省份",
	"year": "年份", "category": "体裁", "validity": "有效性",
}

// parseRequest reads and validates a request's query string. Paging, sort and dates are
// search.Request.Normalize's to check; the filter values are checked here, against the
// site's configuration, because the search package answers an unknown value with no hits (a
// caller inside the program may ask), while a value no page links to is a client's mistake.
func (s *Search) parseRequest(r *http.Request) (search.Request, error) {
	req, err := parseQuery(r)
	if err != nil {
		return req, err
	}
	cfg := s.Renderer.Config()
	for _, slug := range req.Filters["theme"] {
		if cfg.ThemeBySlug(slug) == nil {
			return req, search.BadParam("theme", "参数 theme 不是本站的主题分类；theme %q is not a configured theme (the themes are: %s)", slug, strings.Join(cfg.ThemeSlugs(), ", "))
		}
	}
	for _, y := range req.Filters["year"] {
		if !isYear(y) {
			return req, search.BadParam("year", "参数 year 应为四位数字的年份，如 2025；year must be four digits, got %q", y)
		}
	}
	// A filter of a field with a fixed set of values (有效性) takes only those; the others
	// (agency, region …) name what the documents say, and a value none has finds nothing.
	for _, name := range search.FilterNames() {
		f := content.FieldByKey(name)
		if f == nil || f.Kind != content.KindEnum {
			continue
		}
		for _, v := range req.Filters[name] {
			if !slices.Contains(f.Values, v) {
				return req, search.BadParam(name, "参数 %s 应为 %s 之一；%s must be one of %s, got %q", name, strings.Join(f.Values, "、"), name, strings.Join(f.Values, ", "), v)
			}
		}
	}
	return req, nil
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func parseQuery(r *http.Request) (search.Request, error) {
	var req search.Request
	if len(r.URL.RawQuery) > maxRawQuery {
		return req, &search.RequestError{Msg: fmt.Sprintf("查询字符串过长（最多 %d 字节）；query string too long (at most %d bytes)", maxRawQuery, maxRawQuery)}
	}
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return req, &search.RequestError{Msg: "查询字符串格式有误；malformed query string"}
	}
	for k, vals := range v {
		for _, s := range vals {
			if !utf8.ValidString(s) {
				return req, search.BadParam(k, "参数 %s 不是有效的 UTF-8 文本；parameter %s is not valid UTF-8", k, k)
			}
		}
	}
	req.Q = v.Get("q")
	req.Sort = v.Get("sort")
	req.From, req.To = v.Get("from"), v.Get("to")
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &req.Page}, {"size", &req.Size}} {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return req, search.BadParam(p.name, "参数 %s 应为整数；%s must be a whole number, got %q", p.name, p.name, s)
			}
			// 0 in a Request means "the default"; given explicitly it is out of range.
			if n < 1 {
				return req, search.BadParam(p.name, "参数 %s 应不小于 1；%s must be 1 or more, got %d", p.name, p.name, n)
			}
			*p.dst = n
		}
	}
	for _, name := range search.FilterNames() {
		for _, val := range v[name] {
			if val = strings.TrimSpace(val); val != "" {
				if req.Filters == nil {
					req.Filters = map[string][]string{}
				}
				req.Filters[name] = append(req.Filters[name], val)
			}
		}
	}
	return req, nil
}

// answer runs a search, or returns the answer kept from an earlier run of the same request on
// the same version of the index.
func (s *Search) answer(r *http.Request, req search.Request) (*answer, error) {
	if s.Index == nil {
		// A bad request is the client's to fix whether or not an index exists.
		if err := req.Normalize(); err != nil {
			return nil, err
		}
		return nil, errNoIndex
	}
	if err := req.Normalize(); err != nil {
		return nil, err
	}
	vi, _ := s.Index.(Versioned)
	if s.NoKeep {
		vi = nil
	}
	var version, key string
	if vi != nil {
		version, key = vi.Version(), requestKey(req)
		if a := s.kept.get(version, key); a != nil {
			return a, nil
		}
	}
	ctx := r.Context()
	if s.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.Timeout)
		defer cancel()
	}
	release, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	resp, err := s.Index.Search(ctx, req)
	if err != nil {
		return nil, err
	}
	a := newAnswer(resp)
	// Kept only if the index did not change while it searched: then the answer is of version.
	if vi != nil && vi.Version() == version {
		a.key = key
		s.kept.put(version, a)
	}
	return a, nil
}

var errNoIndex = search.ErrNoIndex

func (s *Search) logf(format string, a ...any) {
	if s.Log != nil {
		s.Log.Printf(format, a...)
	} else {
		log.Printf(format, a...)
	}
}

// API serves GET /api/search, compressed for clients that accept brotli or gzip.
func (s *Search) API(w http.ResponseWriter, r *http.Request) {
	SetSecurityHeaders(w.Header())
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	WithCompression(s.api)(w, r)
}

func (s *Search) api(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "只接受 GET 或 HEAD 请求；method not allowed"})
		return
	}
	req, err := s.parseRequest(r)
	var a *answer
	if err == nil {
		a, err = s.answer(r, req)
	}
	switch {
	case err == nil:
		// The ETag is strong: it is of these bytes, which a repeated request gets again (the
		// answer is kept) for as long as the index is the same.
		writeBody(w, r, http.StatusOK, a.etag, a.json)
	case search.IsRequestError(err):
		body := map[string]string{"error": err.Error()}
		var re *search.RequestError
		if errors.As(err, &re) && re.Param != "" {
			body["param"] = re.Param
		}
		writeJSON(w, http.StatusBadRequest, body)
	case errors.Is(err, errNoIndex):
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
	case errors.Is(err, errBusy):
		w.Header().Set("Retry-After", "1")
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
	default:
		s.logf("search %q: %v", r.URL.RawQuery, err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "搜索暂时不可用，请稍后再试；search is temporarily unavailable"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.WriteHeader(status)
	_, _ = w.Write(encodeJSON(v))
}

func encodeJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return b.Bytes()
}

// Page serves GET /search/?q=….
func (s *Search) Page(w http.ResponseWriter, r *http.Request) {
	SetSecurityHeaders(w.Header())
	if !AllowRead(w, r) {
		return
	}
	req, err := s.parseRequest(r)
	view := &render.SearchView{Q: strings.TrimSpace(req.Q), Sort: req.Sort, From: req.From, To: req.To, Browsing: req.Browsing()}
	status := http.StatusOK
	if err == nil && (view.Q != "" || req.Browsing()) {
		var a *answer
		if a, err = s.answer(r, req); err == nil {
			view.Resp = a.resp
		}
	} else if err == nil {
		// No keyword and no filter: the empty form, unless another parameter is bad
		// (/search/?size=100000 is as wrong here as with a keyword).
		if perr := req.Normalize(); perr != search.ErrEmpty {
			err = perr
		}
	}
	switch {
	case err == nil:
	case search.IsRequestError(err):
		status = http.StatusBadRequest
		view.Error = "无法搜索：" + err.Error()
	default:
		if errors.Is(err, errBusy) {
			w.Header().Set("Retry-After", "1")
		} else if !errors.Is(err, errNoIndex) {
			s.logf("search page %q: %v", r.URL.RawQuery, err)
		}
		status = http.StatusServiceUnavailable
		view.Error = "搜索服务暂时不可用，请稍后再试。"
	}
	if view.Resp != nil {
		s.decorate(view, r.URL.Query())
	}
	page := s.Renderer.SearchPage(view)
	// A plain keyword search with results (/search/?q=儿科) is a page worth finding from a
	// search engine: it is indexable, with the normalised query as its canonical URL. Filtered,
	// sorted, paged, failed and empty searches are an endless space of near-duplicates: noindex,
	// and the links to them are nofollow.
	if plainSearch(r.URL.Query()) && err == nil && view.Resp != nil && view.Resp.Total > 0 {
		page.URL = urls.SearchWith(url.Values{"q": {view.Q}})
	} else {
		page.NoIndex = true
	}
	html, rerr := s.Renderer.RenderPage(page)
	if rerr != nil {
		s.logf("search page: %v", rerr)
		http.Error(w, "search page unavailable", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	WithCompression(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, r, status, BodyETag(html), html)
	})(w, r)
}

// plainSearch reports whether a query string is a keyword alone.
func plainSearch(q url.Values) bool {
	if len(q) != 1 || len(q["q"]) != 1 {
		return false
	}
	return strings.TrimSpace(q.Get("q")) != ""
}

// decorate adds the facet links, the active filters, paging and sort links to a view.
func (s *Search) decorate(v *render.SearchView, q url.Values) {
	link := func(change func(url.Values)) string {
		c := url.Values{}
		for k, vals := range q {
			c[k] = append([]string(nil), vals...)
		}
		c.Del("page")
		change(c)
		return urls.SearchWith(c)
	}
	cfg := s.Renderer.Config()
	label := func(name, value string) string {
		if name == "theme" {
			return cfg.ThemeName(value)
		}
		if name == "year" {
			return value + "年"
		}
		return value
	}
	for _, name := range search.FilterNames() {
		fv := render.FacetView{Name: name, Label: facetLabels[name]}
		active := map[string]bool{}
		for _, val := range q[name] {
			active[val] = true
		}
		for _, f := range v.Resp.Facets[name] {
			val := f.Value
			item := render.FacetValue{Param: name, Facet: facetLabels[name], Value: val, Label: label(name, val), Count: f.Count, Active: active[val]}
			if item.Active {
				item.URL = link(func(c url.Values) { c[name] = without(c[name], val) })
			} else {
				item.URL = link(func(c url.Values) { c.Add(name, val) })
			}
			fv.Values = append(fv.Values, item)
		}
		for _, val := range q[name] {
			v.Active = append(v.Active, render.FacetValue{Param: name, Facet: facetLabels[name], Value: val, Label: label(name, val),
				URL: link(func(c url.Values) { c[name] = without(c[name], val) })})
		}
		v.Facets = append(v.Facets, fv)
	}
	// A term typed in pinyin: the others read alike are one click away, as are the
	// suggestions for a search that found nothing.
	for _, p := range v.Resp.Pinyin {
		pv := render.PinyinView{Pinyin: p.Pinyin, Term: p.Term}
		for _, o := range p.Others {
			pv.Others = append(pv.Others, render.Link{Text: o, URL: link(func(c url.Values) { c.Set("q", o) })})
		}
		v.Pinyin = append(v.Pinyin, pv)
	}
	for _, sg := range v.Resp.Suggestions {
		v.Suggestions = append(v.Suggestions, render.Link{Text: sg.Query, URL: link(func(c url.Values) { c.Set("q", sg.Query) })})
	}
	v.RelevanceURL = link(func(c url.Values) { c.Del("sort") })
	v.DateURL = link(func(c url.Values) { c.Set("sort", "date") })
	resp := v.Resp
	v.Pages = int((resp.Total + uint64(resp.Size) - 1) / uint64(resp.Size))
	if max := search.MaxResultWindow / resp.Size; v.Pages > max {
		v.Pages = max
	}
	pageLink := func(n int) string {
		return link(func(c url.Values) {
			if n > 1 {
				c.Set("page", strconv.Itoa(n))
			}
		})
	}
	if resp.Page > 1 {
		v.Prev = pageLink(resp.Page - 1)
	}
	if resp.Page < v.Pages {
		v.Next = pageLink(resp.Page + 1)
	}
}

func without(list []string, v string) []string {
	var out []string
	for _, x := range list {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}
