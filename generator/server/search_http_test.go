package server

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/bench"
	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/internal/cputime"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/site"
)

// searchFixture is the repository's own content, loaded once, and its renderer.
var searchFixture struct {
	once sync.Once
	cfg  *config.Config
	site *site.Site
	rend *render.Renderer
	err  error
}

// searchServer indexes the content into a temporary directory and serves /api/search and
// /search/ on 127.0.0.1, as the CLI mounts them; withIndex false serves with no index.
func searchServer(t *testing.T, withIndex bool) *httptest.Server {
	t.Helper()
	sh := &Search{Renderer: fixtureRenderer(t)}
	if withIndex {
		sh.Index = fixtureIndex(t)
	}
	return serveSearch(t, sh)
}

// fixtureRenderer loads the repository's content and theme once.
func fixtureRenderer(t testing.TB) *render.Renderer {
	t.Helper()
	f := &searchFixture
	f.once.Do(func() {
		cfg, res, err := build.Load(build.Options{Source: "../.."})
		if err != nil {
			f.err = err
			return
		}
		f.cfg, f.site = cfg, site.Build(cfg, res.Documents, site.Options{})
		f.rend, f.err = render.New(f.cfg, "../../themes/default")
	})
	if f.err != nil {
		t.Fatal(f.err)
	}
	return f.rend
}

// fixtureIndex indexes the repository's content into a temporary directory and opens it.
func fixtureIndex(t *testing.T) search.Index {
	t.Helper()
	fixtureRenderer(t)
	f := &searchFixture
	dir := filepath.Join(t.TempDir(), "search.bleve")
	if _, err := build.Index(dir, f.site, 0); err != nil {
		t.Fatal(err)
	}
	ix, err := bleveindex.Open(dir, search.NewSynonyms(f.cfg.Search.Synonyms))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// serveSearch serves sh's /api/search and /search/ on 127.0.0.1, as the CLI mounts them.
func serveSearch(t *testing.T, sh *Search) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/api/search", sh.API)
	mux.HandleFunc("/search/", sh.Page)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	if u, _ := url.Parse(srv.URL); u.Hostname() != "127.0.0.1" {
		t.Fatalf("test server listens on %s, want 127.0.0.1", u.Host)
	}
	return srv
}

// get sends GET path?rawQuery exactly as given (no re-encoding) and returns status, headers
// and body.
func get(t *testing.T, srv *httptest.Server, path, rawQuery string) (int, http.Header, string) {
	t.Helper()
	return send(t, srv, http.MethodGet, path, rawQuery)
}

func send(t *testing.T, srv *httptest.Server, method, path, rawQuery string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.RawQuery = rawQuery
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s?%.100s: %v (did the handler panic?)", method, path, rawQuery, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s?%.100s: reading body: %v", method, path, rawQuery, err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

func qs(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

// apiJSON calls /api/search, wants status, and decodes the body.
func apiJSON(t *testing.T, srv *httptest.Server, rawQuery string, status int) map[string]any {
	t.Helper()
	code, h, body := get(t, srv, "/api/search", rawQuery)
	if code != status {
		t.Fatalf("/api/search?%.200s: status %d, want %d: %.300s", rawQuery, code, status, body)
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("/api/search?%.100s: Content-Type %q", rawQuery, ct)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("/api/search?%.100s: body is not a JSON object: %v: %.300s", rawQuery, err, body)
	}
	return m
}

func wantError(t *testing.T, m map[string]any, what string) {
	t.Helper()
	msg, ok := m["error"].(string)
	if !ok || msg == "" {
		t.Errorf("%s: no error message in %v", what, m)
	}
	// Chinese first, as every message people read: the English follows after "；".
	if r, _ := utf8.DecodeRuneInString(msg); ok && msg != "" && !unicode.Is(unicode.Han, r) {
		t.Errorf("%s: error message %q does not start in Chinese", what, msg)
	}
	for k, v := range m {
		if p, ok := v.(string); k == "param" && ok && p != "" {
			continue // the parameter at fault
		}
		if k != "error" {
			t.Errorf("%s: error body has other fields: %v", what, m)
		}
	}
}

func TestSearchAPIShape(t *testing.T) {
	srv := searchServer(t, true)
	m := apiJSON(t, srv, qs("q", "儿科", "size", "100"), 200)
	num := func(k string) float64 {
		v, ok := m[k].(float64)
		if !ok {
			t.Errorf("%s is %T, want a number", k, m[k])
		}
		return v
	}
	if m["query"] != "儿科" {
		t.Errorf("query = %v", m["query"])
	}
	total, page, size := num("total"), num("page"), num("size")
	num("took_ms")
	if page != 1 || size != 100 || total < 1 {
		t.Errorf("total %v page %v size %v", total, page, size)
	}
	hits, ok := m["hits"].([]any)
	if !ok || len(hits) == 0 || float64(len(hits)) != total {
		t.Fatalf("hits: %T %d (total %v)", m["hits"], len(hits), total)
	}
	strFields := []string{"url", "doc_url", "title", "section", "item", "snippet", "agency", "region", "published"}
	for _, h := range hits {
		hit, ok := h.(map[string]any)
		if !ok {
			t.Fatalf("hit is %T", h)
		}
		for _, k := range strFields {
			if _, ok := hit[k].(string); !ok {
				t.Errorf("hit.%s is %T, want a string: %v", k, hit[k], hit)
			}
		}
		if _, ok := hit["score"].(float64); !ok {
			t.Errorf("hit.score is %T", hit["score"])
		}
		themes, ok := hit["themes"].([]any)
		if !ok {
			t.Errorf("hit.themes is %T", hit["themes"])
		}
		for _, th := range themes {
			if _, ok := th.(string); !ok {
				t.Errorf("theme %v is %T", th, th)
			}
		}
		if p, _ := hit["published"].(string); !regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`).MatchString(p) {
			t.Errorf("published %q", p)
		}
		if u, _ := hit["url"].(string); !strings.HasPrefix(u, "/") {
			t.Errorf("url %q", u)
		}
		if s, _ := hit["snippet"].(string); !strings.Contains(s, "<mark>儿科</mark>") || strings.Contains(s, "<script") {
			t.Errorf("snippet %q", s)
		}
	}
	facets, ok := m["facets"].(map[string]any)
	if !ok {
		t.Fatalf("facets is %T", m["facets"])
	}
	for _, name := range []string{"theme", "agency", "region", "province", "year", "category", "validity"} {
		list, ok := facets[name].([]any)
		if !ok {
			t.Errorf("facets.%s is %T", name, facets[name])
			continue
		}
		if len(list) == 0 {
			t.Errorf("facets.%s is empty", name)
		}
		sum := 0.0
		for _, e := range list {
			f, ok := e.(map[string]any)
			if !ok {
				t.Fatalf("facet entry %T", e)
			}
			if _, ok := f["value"].(string); !ok {
				t.Errorf("facets.%s value %T", name, f["value"])
			}
			c, ok := f["count"].(float64)
			if !ok || c < 1 {
				t.Errorf("facets.%s count %v", name, f["count"])
			}
			sum += c
			// Facet counts equal the number of hits carrying the value.
			n := 0
			for _, h := range hits {
				hit := h.(map[string]any)
				switch name {
				case "agency", "region":
					if hit[name] == f["value"] {
						n++
					}
				case "year":
					if strings.HasPrefix(hit["published"].(string), f["value"].(string)) {
						n++
					}
				case "theme":
					for _, th := range hit["themes"].([]any) {
						if th == f["value"] {
							n++
						}
					}
				default:
					n = int(c)
				}
			}
			if float64(n) != c {
				t.Errorf("facets.%s %v: count %v, %d hits carry it", name, f["value"], c, n)
			}
		}
		if name != "theme" && sum != total {
			t.Errorf("facets.%s counts sum to %v, total %v", name, sum, total)
		}
	}

	// No hits: empty arrays, not null.
	m = apiJSON(t, srv, qs("q", "不存在的词语组合"), 200)
	if hits, ok := m["hits"].([]any); !ok || len(hits) != 0 || m["total"] != 0.0 {
		t.Errorf("no hits: hits %v total %v", m["hits"], m["total"])
	}
	if fs, ok := m["facets"].(map[string]any); !ok {
		t.Errorf("no hits: facets %v", m["facets"])
	} else {
		for k, v := range fs {
			if l, ok := v.([]any); !ok || len(l) != 0 {
				t.Errorf("no hits: facets.%s = %v", k, v)
			}
		}
	}
	// A query with nothing to search for (only punctuation or exclusions) is not an error.
	for _, q := range []string{"，。", "-儿科", "OR", `""`} {
		m = apiJSON(t, srv, qs("q", q), 200)
		if hits, ok := m["hits"].([]any); !ok || len(hits) != 0 {
			t.Errorf("q=%s: hits %v", q, m["hits"])
		}
	}
}

// TestSearchAPISemantics: the API passes filters, paging, sorting and dates through.
func TestSearchAPISemantics(t *testing.T) {
	srv := searchServer(t, true)
	hitsOf := func(m map[string]any) []map[string]any {
		var out []map[string]any
		for _, h := range m["hits"].([]any) {
			out = append(out, h.(map[string]any))
		}
		return out
	}
	all := apiJSON(t, srv, qs("q", "卫生", "size", "100"), 200)
	// Repeated filter values are alternatives.
	regions := all["facets"].(map[string]any)["region"].([]any)
	r0, r1 := regions[0].(map[string]any), regions[1].(map[string]any)
	m := apiJSON(t, srv, qs("q", "卫生", "size", "100", "region", r0["value"].(string), "region", r1["value"].(string)), 200)
	if m["total"] != r0["count"].(float64)+r1["count"].(float64) {
		t.Errorf("two regions: total %v, want %v + %v", m["total"], r0["count"], r1["count"])
	}
	for _, h := range hitsOf(m) {
		if h["region"] != r0["value"] && h["region"] != r1["value"] {
			t.Errorf("two regions: hit region %v", h["region"])
		}
	}
	// Unknown filter value: zero hits. Unknown parameter: ignored.
	if m := apiJSON(t, srv, qs("q", "卫生", "agency", "没有这个机构"), 200); m["total"] != 0.0 {
		t.Errorf("unknown agency: total %v", m["total"])
	}
	if m := apiJSON(t, srv, qs("q", "卫生", "colour", "red", "Region", "x"), 200); m["total"] != all["total"] {
		t.Errorf("unknown parameters changed the total: %v vs %v", m["total"], all["total"])
	}
	// Empty filter values are ignored.
	if m := apiJSON(t, srv, qs("q", "卫生", "region", "", "theme", " "), 200); m["total"] != all["total"] {
		t.Errorf("empty filter values: %v vs %v", m["total"], all["total"])
	}
	// sort=date.
	m = apiJSON(t, srv, qs("q", "卫生", "size", "100", "sort", "date"), 200)
	hs := hitsOf(m)
	for i := 1; i < len(hs); i++ {
		if hs[i-1]["published"].(string) < hs[i]["published"].(string) {
			t.Errorf("sort=date: %v before %v", hs[i-1]["published"], hs[i]["published"])
		}
	}
	// Dates, inclusive.
	m = apiJSON(t, srv, qs("q", "儿科", "size", "100", "from", "2025-01-18", "to", "2025-01-22"), 200)
	every := apiJSON(t, srv, qs("q", "儿科", "size", "100"), 200)
	if len(hitsOf(every)) != int(every["total"].(float64)) {
		t.Fatalf("儿科 has more than a page of hits: the date check below needs them all")
	}
	want := 0
	for _, h := range hitsOf(every) {
		if p := h["published"].(string); p >= "2025-01-18" && p <= "2025-01-22" {
			want++
		}
	}
	if m["total"] != float64(want) || want == 0 {
		t.Errorf("from/to: total %v, want %d", m["total"], want)
	}
	// Paging: pages of 3 add up to the list of 100.
	var paged []string
	for page := 1; page <= 200; page++ {
		m := apiJSON(t, srv, qs("q", "卫生", "size", "3", "page", fmt.Sprint(page)), 200)
		if m["page"] != float64(page) || m["size"] != 3.0 {
			t.Fatalf("page %v size %v", m["page"], m["size"])
		}
		hs := hitsOf(m)
		for _, h := range hs {
			paged = append(paged, h["url"].(string))
		}
		if len(hs) < 3 {
			break
		}
	}
	var full []string
	for _, h := range hitsOf(all) {
		full = append(full, h["url"].(string))
	}
	if len(full) == 100 {
		paged = paged[:min(100, len(paged))]
	}
	if strings.Join(paged, " ") != strings.Join(full, " ") {
		t.Errorf("pages of 3 differ from one page of 100 (%d vs %d)", len(paged), len(full))
	}
	// HEAD answers like GET, without a body.
	code, _, body := send(t, srv, http.MethodHead, "/api/search", qs("q", "儿科"))
	if code != 200 || body != "" {
		t.Errorf("HEAD: %d %q", code, body)
	}
}

// TestSearchAPICrossFieldAndPlus: 海安 儿科 finds the items of 海安's plan that say 儿科 (海安
// is in the document's title and metadata, not in the items), and 互联网+ keeps its plus.
func TestSearchAPICrossFieldAndPlus(t *testing.T) {
	srv := searchServer(t, true)
	m := apiJSON(t, srv, qs("q", "海安 儿科", "size", "100"), 200)
	hits := m["hits"].([]any)
	if m["total"].(float64) == 0 || len(hits) == 0 {
		t.Fatalf("海安 儿科: total %v", m["total"])
	}
	for _, h := range hits {
		h := h.(map[string]any)
		if h["doc_url"] != "/plans/haian-2025/" || h["region"] != "海安市" || !strings.Contains(h["snippet"].(string), "<mark>儿科</mark>") {
			t.Errorf("海安 儿科: hit %v %v %v", h["url"], h["region"], h["snippet"])
		}
	}
	plus := apiJSON(t, srv, qs("q", "互联网+", "size", "100"), 200)
	all := apiJSON(t, srv, qs("q", "互联网", "size", "100"), 200)
	if p, a := plus["total"].(float64), all["total"].(float64); p == 0 || p >= a {
		t.Errorf("互联网+: %v hits, 互联网: %v", p, a)
	}
	for _, h := range plus["hits"].([]any) {
		if s := h.(map[string]any)["snippet"].(string); !strings.Contains(s, "<mark>互联网+</mark>") {
			t.Errorf("互联网+: snippet %s", s)
		}
	}
}

func TestSearchAPIBadRequests(t *testing.T) {
	srv := searchServer(t, true)
	q256 := strings.Repeat("儿", 256)
	apiJSON(t, srv, qs("q", q256), 200)
	apiJSON(t, srv, qs("q", strings.Repeat("a", 256)), 200)
	apiJSON(t, srv, qs("q", "儿科", "page", "1", "size", "100"), 200)
	apiJSON(t, srv, qs("q", "儿科", "page", "100", "size", "100"), 200)
	apiJSON(t, srv, qs("q", "儿科", "sort", "relevance"), 200)
	apiJSON(t, srv, qs("q", "儿科", "foo", "bar"), 200) // unknown parameters are ignored
	bad := []struct{ name, raw string }{
		{"no q", ""},
		{"empty q", "q="},
		{"blank q", qs("q", " \t\u3000 ")},
		{"257 characters", qs("q", q256+"儿")},
		{"257 letters", qs("q", strings.Repeat("a", 257))},
		{"page=0", qs("q", "儿科", "page", "0")},
		{"page=-1", qs("q", "儿科", "page", "-1")},
		{"page=abc", qs("q", "儿科", "page", "abc")},
		{"page=1.5", qs("q", "儿科", "page", "1.5")},
		{"page huge", qs("q", "儿科", "page", "99999999999999999999")},
		{"page overflow", qs("q", "儿科", "page", "4611686018427387904", "size", "4")},
		{"page×size over the window", qs("q", "儿科", "page", "101", "size", "100")},
		{"size=0", qs("q", "儿科", "size", "0")},
		{"size=101", qs("q", "儿科", "size", "101")},
		{"size=-1", qs("q", "儿科", "size", "-1")},
		{"size=x", qs("q", "儿科", "size", "x")},
		{"sort=foo", qs("q", "儿科", "sort", "foo")},
		{"from=2025-13-01", qs("q", "儿科", "from", "2025-13-01")},
		{"to=2025-02-30", qs("q", "儿科", "to", "2025-02-30")},
		{"from=yesterday", qs("q", "儿科", "from", "yesterday")},
		{"21 values", strings.Repeat("region=a&", 21) + "q=x"},
		{"invalid UTF-8", "q=%ff"},
		{"lone surrogate", "q=%ed%a0%80"},
		{"invalid UTF-8 in a filter", "q=x&region=%c3"},
		{"bad escape", "q=%"},
		{"bad escape 2", "q=%zz"},
		{"semicolon", "q=a;b"},
		{"5000-byte query string", "q=" + strings.Repeat("a", 5000)},
		{"long filter", "q=x&agency=" + strings.Repeat("%E5%84%BF", 500)},
	}
	for _, c := range bad {
		m := apiJSON(t, srv, c.raw, http.StatusBadRequest)
		wantError(t, m, c.name)
	}
	// The error says what is wrong.
	m := apiJSON(t, srv, qs("q", q256+"儿"), http.StatusBadRequest)
	if msg, _ := m["error"].(string); !strings.Contains(msg, "256") {
		t.Errorf("long q: error %q does not give the limit", msg)
	}
	// Out-of-range dates are valid requests.
	all := apiJSON(t, srv, qs("q", "儿科"), 200)["total"]
	for _, c := range []struct {
		raw  string
		want any
	}{{qs("q", "儿科", "from", "1000-01-01"), all}, {qs("q", "儿科", "to", "9999-12-31"), all}, {qs("q", "儿科", "to", "0001-01-01"), 0.0}} {
		if got := apiJSON(t, srv, c.raw, 200)["total"]; got != c.want {
			t.Errorf("%s: total %v, want %v", c.raw, got, c.want)
		}
	}
	// Methods.
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		for _, path := range []string{"/api/search", "/search/"} {
			code, h, _ := send(t, srv, method, path, qs("q", "儿科"))
			if code != http.StatusMethodNotAllowed || !strings.Contains(h.Get("Allow"), "GET") {
				t.Errorf("%s %s: %d, Allow %q", method, path, code, h.Get("Allow"))
			}
		}
	}
}

// oddQueries yields n queries built from quotes, dashes, OR, control characters, emoji,
// mixed scripts and very long tokens.
func oddQueries(n int) []string {
	rng := rand.New(rand.NewSource(42))
	atoms := []string{`"`, `“`, `”`, `＂`, "-", "－", "--", "OR", " OR ", " ", "\u3000", "\t", "\n", "\x00", "\x01", "\x1f",
		"\x7f", "🙂", "👨‍👩‍👧", "\U0010FFFF", "\uFFFD", "\u200b", "\u202e", "儿科", "癌", "家医", "ＡＩ", "AI", "DeepSeek", "2025",
		"，", "、", "。", "<script>", "&amp;", "%", "%ff", "+", "*", "?", "\\", "'", ";", "(", ")", "[", "]", "{", "}",
		"e\u0301", "ｶﾀｶﾅ", "한국", "ひら", "𠀀", strings.Repeat("a", 300), strings.Repeat("儿", 300), strings.Repeat("儿科", 60),
		strings.Repeat("-", 50), strings.Repeat(`"`, 51), strings.Repeat("OR ", 40)}
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		for k := rng.Intn(8) + 1; k > 0; k-- {
			b.WriteString(atoms[rng.Intn(len(atoms))])
		}
		out = append(out, b.String())
	}
	return out
}

// TestSearchNeverFails: nothing a client sends yields a 5xx (or a dropped connection, which
// is what a handler panic becomes).
func TestSearchNeverFails(t *testing.T) {
	srv := searchServer(t, true)
	var raws []string
	for i, q := range oddQueries(300) {
		v := url.Values{"q": {q}}
		switch i % 6 {
		case 1:
			v.Set("page", []string{"0", "-3", "2", "1e3", "", "99999999999", " 1"}[i%7])
		case 2:
			v.Set("size", []string{"0", "1", "100", "101", "-0", "+5", "0x10"}[i%7])
		case 3:
			v.Set("sort", []string{"date", "relevance", "", "DATE", q}[i%5])
		case 4:
			v.Set("from", []string{"2025-01-01", "0000-00-00", "9999-99-99", "2025-1-1", q, "1000-01-01"}[i%6])
			v.Set("to", []string{"2025-12-31", "2262-04-12", "", q, "0001-01-01", "9999-12-31"}[i%6])
		case 5:
			for _, f := range search.FilterNames() {
				v.Add(f, q)
			}
		}
		raws = append(raws, v.Encode())
	}
	raws = append(raws,
		"q=%ed%a0%80", "q=%ff%fe", "q=%c0%af", "q=%e5%84", "q=%00", "q=%", "q=%%", "q=%2", "q=a%zzb", "q=;", "q=a&q=b",
		"q=%E5%84%BF%E7%A7%91&page=4611686018427387904&size=4", "q=x&page=9223372036854775807&size=100",
		"q=x&page=-9223372036854775808", "q=x&size=9223372036854775807", "q=x&from=-0001-01-01", "q=x&to=+2025-01-01",
		"q="+strings.Repeat("%E5%84%BF", 256), "q="+strings.Repeat("%E5%84%BF", 257), "q="+strings.Repeat("a", 4090),
		"q="+strings.Repeat("a", 10000), strings.Repeat("&", 3000), "=", "q", "q=x&=y", "q=x&"+strings.Repeat("theme=x&", 30),
		"q=%22%E5%84%BF", "q=-", "q=OR", "q=%E2%80%9C%E2%80%9D", "q=x+OR+-y+-%22z%22",
	)
	for _, path := range []string{"/api/search", "/search/"} {
		for _, raw := range raws {
			code, h, body := get(t, srv, path, raw)
			if code >= 500 {
				t.Errorf("GET %s?%.120s: status %d: %.200s", path, raw, code, body)
				continue
			}
			if path == "/api/search" {
				var m map[string]any
				if err := json.Unmarshal([]byte(body), &m); err != nil {
					t.Errorf("GET %s?%.120s: not JSON: %.200s", path, raw, body)
				}
				if code == 400 {
					wantError(t, m, raw)
				}
				if code == 200 {
					for _, hit := range m["hits"].([]any) {
						s := hit.(map[string]any)["snippet"].(string)
						if strings.Count(s, "<mark>") != strings.Count(s, "</mark>") || strings.Contains(s, "<script") {
							t.Errorf("GET %s?%.120s: snippet %q", path, raw, s)
						}
					}
				}
			} else {
				if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
					t.Errorf("GET %s?%.120s: Content-Type %q", path, raw, h.Get("Content-Type"))
				}
				if scripts(body) != 0 || countTag(body, "img") != 0 {
					t.Errorf("GET %s?%.120s: the page holds a <script> or <img> element", path, raw)
				}
				if !utf8.ValidString(body) {
					t.Errorf("GET %s?%.120s: the page is not valid UTF-8", path, raw)
				}
			}
		}
	}
}

// scripts counts the script elements of a page but the theme's own reading-options script
// (an external, deferred /assets/a11y.*.js that the page works without).
func scripts(body string) int {
	return countTag(body, "script") - strings.Count(body, `<script src="/assets/a11y.`)
}

// tagNames lexes HTML roughly (text, tags, quoted attribute values, comments) and returns
// the names of the elements it opens, lower-cased. Text inside a quoted attribute value is
// not markup, so <script> there (as the minifier may leave it) is no tag.
func tagNames(body string) []string {
	var out []string
	for i := 0; i < len(body); i++ {
		if body[i] != '<' {
			continue
		}
		if strings.HasPrefix(body[i:], "<!--") {
			end := strings.Index(body[i:], "-->")
			if end < 0 {
				break
			}
			i += end + 2
			continue
		}
		j := i + 1
		for j < len(body) && (body[j] >= 'a' && body[j] <= 'z' || body[j] >= 'A' && body[j] <= 'Z' || body[j] >= '0' && body[j] <= '9' || body[j] == '!') {
			j++
		}
		if j == i+1 {
			continue // "</x" closes, "< " is text
		}
		out = append(out, strings.ToLower(body[i+1:j]))
		var quote byte
		for ; j < len(body); j++ {
			c := body[j]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				i = j
				j = len(body)
			}
		}
	}
	return out
}

func TestTagNames(t *testing.T) {
	got := strings.Join(tagNames(`<!doctype html><p title='<script>' data-x="<img>">a < b</p><!-- <script> --><SCRIPT src=x></script><img src=x>`), " ")
	if got != "!doctype p script img" {
		t.Errorf("tagNames: %s", got)
	}
}

func countTag(body, name string) int {
	n := 0
	for _, t := range tagNames(body) {
		if t == name {
			n++
		}
	}
	return n
}

var (
	hitLinkRE   = regexp.MustCompile(`<a class="?hit-title"? href="?([^" >]+)"?`)
	facetLinkRE = regexp.MustCompile(`href="?(/search/\?[^" >]*)"?`)
	summaryRE   = regexp.MustCompile(`(?:找到|列出) <strong>(\d+)</strong> (?:条结果|份文件)`)
)

func pageTotal(t *testing.T, body string) int {
	t.Helper()
	m := summaryRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no result count on the page: %.500s", body)
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n
}

func TestSearchPage(t *testing.T) {
	srv := searchServer(t, true)
	code, h, body := get(t, srv, "/search/", qs("q", "儿科"))
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, %q", code, h.Get("Content-Type"))
	}
	if scripts(body) != 0 {
		t.Errorf("the search page holds a <script>: it must work without JavaScript, and needs none")
	}
	if countTag(body, "form") == 0 || countTag(body, "input") == 0 || countTag(body, "mark") == 0 {
		t.Errorf("the lexer finds no form, input or mark: %v", tagNames(body)[:min(20, len(tagNames(body)))])
	}
	if !strings.Contains(body, "<mark>儿科</mark>") {
		t.Errorf("no marked snippet")
	}
	if strings.Contains(body, "&lt;mark&gt;") {
		t.Errorf("snippet marks escaped twice")
	}
	// The results are the API's, linking to their anchors.
	api := apiJSON(t, srv, qs("q", "儿科"), 200)
	links := hitLinkRE.FindAllStringSubmatch(body, -1)
	hits := api["hits"].([]any)
	if len(links) != len(hits) || len(links) == 0 {
		t.Fatalf("%d result links on the page, %d hits from the API", len(links), len(hits))
	}
	anchored := 0
	for i, l := range links {
		href := html.UnescapeString(l[1])
		hit := hits[i].(map[string]any)
		if href != hit["link"] || !strings.HasPrefix(href, hit["url"].(string)+":~:text=") {
			t.Errorf("link %d: %s, API url %s link %s: want the link, the url with a text fragment", i, href, hit["url"], hit["link"])
		}
		if strings.Contains(href, "#s") || strings.Contains(href, "#i") || strings.Contains(href, "#a") {
			anchored++
		}
		if hit["kind"] == "item" && !strings.Contains(href, "#") {
			t.Errorf("item hit links to %s, with no anchor", href)
		}
	}
	if anchored == 0 {
		t.Errorf("no result links to an anchor")
	}
	if n := pageTotal(t, body); float64(n) != api["total"] {
		t.Errorf("page says %d results, API %v", n, api["total"])
	}
	// The form keeps the query.
	if !strings.Contains(body, `name="q"`) || !strings.Contains(body, `value="儿科"`) {
		t.Errorf("the form does not keep the query")
	}

	// Facet links narrow the results: follow a region link.
	var regionLink string
	for _, m := range facetLinkRE.FindAllStringSubmatch(body, -1) {
		if l := html.UnescapeString(m[1]); strings.Contains(l, "region=") {
			regionLink = l
			break
		}
	}
	if regionLink == "" {
		t.Fatalf("no region facet link on the page")
	}
	u, err := url.Parse(regionLink)
	if err != nil {
		t.Fatal(err)
	}
	region := u.Query().Get("region")
	if u.Query().Get("q") != "儿科" || region == "" {
		t.Fatalf("facet link %s loses the query or the value", regionLink)
	}
	code, _, narrowed := get(t, srv, u.Path, u.RawQuery)
	if code != 200 {
		t.Fatalf("following %s: %d", regionLink, code)
	}
	n := pageTotal(t, narrowed)
	if n == 0 || float64(n) >= api["total"].(float64) {
		t.Errorf("region %s: %d results of %v; a facet link must narrow", region, n, api["total"])
	}
	if !strings.Contains(narrowed, "已筛选") {
		t.Errorf("the narrowed page does not show the active filter")
	}
	narrowedAPI := apiJSON(t, srv, u.RawQuery+"&size=100", 200)
	if narrowedAPI["total"] != float64(n) {
		t.Errorf("page %d results, API %v", n, narrowedAPI["total"])
	}
	for _, hit := range narrowedAPI["hits"].([]any) {
		if r := hit.(map[string]any)["region"]; r != region {
			t.Errorf("region=%s returned a hit in %v", region, r)
		}
	}
	// The count shown by the facet is the number of results after following it.
	for _, f := range api["facets"].(map[string]any)["region"].([]any) {
		if fm := f.(map[string]any); fm["value"] == region && fm["count"] != float64(n) {
			t.Errorf("facet said %v for %s, following it gave %d", fm["count"], region, n)
		}
	}
	// The active filter's link removes it again.
	var removeLink string
	for _, m := range facetLinkRE.FindAllStringSubmatch(narrowed, -1) {
		l := html.UnescapeString(m[1])
		lu, _ := url.Parse(l)
		if lu != nil && lu.Query().Get("q") == "儿科" && !lu.Query().Has("region") && !lu.Query().Has("sort") {
			removeLink = l
			break
		}
	}
	if removeLink == "" {
		t.Errorf("no link removing the region filter")
	} else {
		lu, _ := url.Parse(removeLink)
		_, _, back := get(t, srv, lu.Path, lu.RawQuery)
		if m := pageTotal(t, back); float64(m) != api["total"] {
			t.Errorf("after removing the filter: %d results, want %v", m, api["total"])
		}
	}

	// The date order link works.
	code, _, byDate := get(t, srv, "/search/", qs("q", "儿科", "sort", "date"))
	if code != 200 || pageTotal(t, byDate) != pageTotal(t, body) {
		t.Errorf("sort=date page: %d", code)
	}

	// An empty query shows the empty form.
	for _, raw := range []string{"", "q=", qs("q", "  ")} {
		code, _, empty := get(t, srv, "/search/", raw)
		if code != 200 || !strings.Contains(empty, `name="q"`) || strings.Contains(empty, `class="hit"`) ||
			strings.Contains(empty, "search-error") || scripts(empty) != 0 {
			t.Errorf("/search/?%s: status %d or wrong page", raw, code)
		}
	}
	// Without a keyword or a filter another bad parameter is still an error, named.
	for _, raw := range []string{qs("size", "100000"), qs("sort", "foo"), qs("page", "0"), qs("from", "yesterday")} {
		param, _, _ := strings.Cut(raw, "=")
		if code, _, page := get(t, srv, "/search/", raw); code != 400 || !strings.Contains(page, "无法搜索") {
			t.Errorf("/search/?%s: status %d, want 400 with the error", raw, code)
		}
		if m := apiJSON(t, srv, raw, http.StatusBadRequest); m["param"] != param {
			t.Errorf("/api/search?%s: error names %v, want %s", raw, m["param"], param)
		}
	}
	// Markup in the query is escaped everywhere.
	for _, raw := range []string{qs("q", `<script>alert(1)</script>"><img src=x>`), qs("q", `'><img src=x>`),
		qs("q", "儿科", "region", `"><script>x</script>`), qs("q", "儿科", "from", `"><img src=x>`)} {
		code, _, xss := get(t, srv, "/search/", raw)
		if code >= 500 || scripts(xss) != 0 || countTag(xss, "img") != 0 {
			t.Errorf("markup in %s: status %d, tags %v", raw, code, tagNames(xss))
		}
	}
	// A bad request renders the page with the error, status 400.
	code, _, long := get(t, srv, "/search/", qs("q", strings.Repeat("儿", 257)))
	if code != 400 || !strings.Contains(long, "无法搜索") || !strings.Contains(long, "256") {
		t.Errorf("over-long q: status %d, page without the error", code)
	}
	if !strings.Contains(long, `name="q"`) {
		t.Errorf("the error page has no search form")
	}
	code, _, badPage := get(t, srv, "/search/", qs("q", "儿科", "page", "abc"))
	if code != 400 || !strings.Contains(badPage, "无法搜索") {
		t.Errorf("page=abc: status %d", code)
	}
	// HEAD: headers only.
	code, _, headBody := send(t, srv, http.MethodHead, "/search/", qs("q", "儿科"))
	if code != 200 || headBody != "" {
		t.Errorf("HEAD: %d, %d bytes", code, len(headBody))
	}
}

// TestSearchPagePaging: the pager's links lead through all the results.
func TestSearchPagePaging(t *testing.T) {
	srv := searchServer(t, true)
	api := apiJSON(t, srv, qs("q", "卫生", "size", "100"), 200)
	total := int(api["total"].(float64))
	raw := qs("q", "卫生", "size", "7")
	seen := map[string]bool{}
	pagerRE := regexp.MustCompile(`href="?([^" >]+)"? rel="?next"?`)
	for i := 0; i < 100; i++ {
		code, _, body := get(t, srv, "/search/", raw)
		if code != 200 {
			t.Fatalf("page %d: %d", i+1, code)
		}
		for _, l := range hitLinkRE.FindAllStringSubmatch(body, -1) {
			href := html.UnescapeString(l[1])
			if seen[href] {
				t.Errorf("%s on two pages", href)
			}
			seen[href] = true
		}
		m := pagerRE.FindStringSubmatch(body)
		if m == nil {
			break
		}
		u, err := url.Parse(html.UnescapeString(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		raw = u.RawQuery
	}
	if len(seen) != total {
		t.Errorf("the pager led through %d results of %d", len(seen), total)
	}
}

// TestSearchWithoutIndex: no index built → 503 with a message, never a panic; the empty form
// still works.
func TestSearchWithoutIndex(t *testing.T) {
	srv := searchServer(t, false)
	m := apiJSON(t, srv, qs("q", "x"), http.StatusServiceUnavailable)
	wantError(t, m, "no index")
	code, h, body := get(t, srv, "/search/", qs("q", "x"))
	if code != http.StatusServiceUnavailable || !strings.HasPrefix(h.Get("Content-Type"), "text/html") ||
		!strings.Contains(body, "搜索服务暂时不可用") {
		t.Errorf("/search/?q=x without index: %d %q", code, h.Get("Content-Type"))
	}
	if code, _, body := get(t, srv, "/search/", ""); code != 200 || !strings.Contains(body, `name="q"`) {
		t.Errorf("/search/ without index: %d", code)
	}
	// Bad requests are still the client's: 400, not 503.
	apiJSON(t, srv, "q=", http.StatusBadRequest)
	apiJSON(t, srv, "q=%ff", http.StatusBadRequest)
	for _, raw := range oddQueries(50) {
		for _, path := range []string{"/api/search", "/search/"} {
			if code, _, _ := get(t, srv, path, qs("q", raw)); code >= 500 && code != http.StatusServiceUnavailable {
				t.Errorf("%s?q=%q without index: %d", path, raw, code)
			}
		}
	}
}

// BenchmarkLargeAPI answers the load test's mix of requests (generator/bench.Mix) through the
// /api/search handler, in parallel, without kept answers and compressed with gzip as the load
// test's client asks, on the index named by PLANPORTAL_BENCH_INDEX (a built generated
// corpus): the server's own cost per request, without the network.
func BenchmarkLargeAPI(b *testing.B) {
	path := os.Getenv("PLANPORTAL_BENCH_INDEX")
	if path == "" {
		b.Skip("set PLANPORTAL_BENCH_INDEX to a built index (planportal gencorpus + build)")
	}
	cfg, err := config.Load("../../config.toml")
	if err != nil {
		b.Fatal(err)
	}
	ix, err := bleveindex.Open(path, search.NewSynonyms(cfg.Search.Synonyms))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	sh := &Search{Index: ix, Renderer: fixtureRenderer(b), NoKeep: true}
	get := func(v url.Values) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/api/search?"+v.Encode(), nil)
		r.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		sh.API(w, r)
		return w
	}
	mix, err := bench.Mix(func(v url.Values) (*search.Response, error) {
		r := httptest.NewRequest("GET", "/api/search?"+v.Encode(), nil)
		w := httptest.NewRecorder()
		sh.API(w, r)
		var resp search.Response
		if w.Code != http.StatusOK {
			return nil, fmt.Errorf("%s: %d %s", v.Encode(), w.Code, w.Body)
		}
		return &resp, json.Unmarshal(w.Body.Bytes(), &resp)
	}, bench.ThemeKeywords(cfg))
	if err != nil {
		b.Fatal(err)
	}
	var next atomic.Int64
	cpu := cputime.Process()
	b.ResetTimer()
	defer func() { b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op") }()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			v := mix[int(next.Add(1))%len(mix)]
			if w := get(v); w.Code != http.StatusOK {
				b.Fatalf("%s: %d %s", v.Encode(), w.Code, w.Body)
			}
		}
	})
}
