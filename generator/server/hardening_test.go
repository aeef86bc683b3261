package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/search"
)

// Every filter value is checked: a year that is not four digits, a theme the site does not
// configure or a 有效性 that is not one of the field's values is the client's mistake (400),
// and the message names the parameter, in Chinese first. (An agency or region no document has
// is not malformed: it finds nothing, as issue 3 specifies.)
func TestSearchBadFilterValues(t *testing.T) {
	srv := searchServer(t, true)
	slug := searchFixture.cfg.ThemeSlugs()[0]
	apiJSON(t, srv, qs("q", "儿科", "theme", slug), 200)
	apiJSON(t, srv, qs("q", "儿科", "year", "2025"), 200)
	apiJSON(t, srv, qs("q", "儿科", "validity", "有效"), 200)
	for _, c := range []struct{ param, raw string }{
		{"year", qs("q", "儿科", "year", "abcd")},
		{"year", qs("q", "儿科", "year", "25")},
		{"year", qs("q", "儿科", "year", "20250")},
		{"theme", qs("q", "儿科", "theme", "no-such-theme")},
		{"theme", qs("q", "儿科", "theme", slug, "theme", "<script>")},
		{"page", qs("q", "儿科", "page", "abc")},
		{"page", qs("q", "儿科", "page", "0")},
		{"size", qs("q", "儿科", "size", "101")},
		{"size", qs("q", "儿科", "size", "-1")},
		{"page", qs("q", "儿科", "page", "101", "size", "100")},
		{"sort", qs("q", "儿科", "sort", "oldest")},
		{"validity", qs("q", "儿科", "validity", "永久有效")},
		{"validity", qs("q", "儿科", "validity", "有效", "validity", "valid")},
		{"from", qs("q", "儿科", "from", "2025-13-01")},
		{"to", qs("q", "儿科", "to", "yesterday")},
		{"region", strings.Repeat("region=a&", 21) + "q=x"},
		{"q", qs("q", " ")},
		{"q", qs("q", strings.Repeat("儿", 257))},
		{"region", "q=x&region=%c3"},
	} {
		m := apiJSON(t, srv, c.raw, http.StatusBadRequest)
		wantError(t, m, c.raw)
		msg, _ := m["error"].(string)
		if m["param"] != c.param {
			t.Errorf("%s: param %v, want %s", c.raw, m["param"], c.param)
		}
		if !strings.Contains(msg, c.param) {
			t.Errorf("%s: error %q does not name %s", c.raw, msg, c.param)
		}
		if r, _ := utf8.DecodeRuneInString(msg); r < 0x4e00 || r > 0x9fff {
			t.Errorf("%s: error %q does not start in Chinese", c.raw, msg)
		}
		if c.raw == qs("q", " ") {
			continue // the search page without a query is the empty search form
		}
		if code, _, body := get(t, srv, "/search/", c.raw); code != http.StatusBadRequest || !strings.Contains(body, c.param) {
			t.Errorf("/search/?%s: status %d, want 400 naming %s", c.raw, code, c.param)
		}
	}
}

// getWith sends GET path?rawQuery with the given request headers; the body is returned as
// sent (not decompressed).
func getWith(t *testing.T, srv *httptest.Server, path, rawQuery string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.RawQuery = rawQuery
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// The API and the search page are compressed for clients that accept gzip, and say that the
// answer varies with Accept-Encoding, so that a cache in between keeps both.
func TestSearchGzip(t *testing.T) {
	srv := searchServer(t, true)
	for _, path := range []string{"/api/search", "/search/"} {
		raw := qs("q", "儿科")
		plain, plainBody := getWith(t, srv, path, raw)
		if !strings.Contains(plain.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: Vary %q without gzip", path, plain.Header.Get("Vary"))
		}
		resp, body := getWith(t, srv, path, raw, "Accept-Encoding", "gzip")
		if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: Content-Encoding %q, Vary %q, want gzip and Accept-Encoding", path, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if path == "/api/search" {
			// took_ms differs between two answers: compare the hits.
			var a, b struct{ Hits []search.Hit }
			if json.Unmarshal(got, &a) != nil || json.Unmarshal(plainBody, &b) != nil || len(a.Hits) == 0 || !reflect.DeepEqual(a, b) {
				t.Errorf("%s: gzipped answer differs from the plain one", path)
			}
		} else if n := pageTotal(t, string(got)); n == 0 || n != pageTotal(t, string(plainBody)) {
			t.Errorf("%s: gzipped page differs from the plain one", path)
		}
	}
}

// Static pages carry a strong ETag of their content: the same bytes, the same ETag, even in
// another file or after a rebuild rewrote the file; other bytes, another ETag. A client that
// has the page gets 304 and no body; the gzipped page has an ETag of its own.
func TestStaticETag(t *testing.T) {
	dir := t.TempDir()
	page := "<!doctype html><title>儿科</title><p>" + strings.Repeat("儿科医疗服务", 50)
	writeFiles(t, dir, map[string]string{"index.html": "home", "a/index.html": page, "b/index.html": page})
	s := &Static{Root: dir}
	a := do(t, s, http.MethodGet, "/a/", nil)
	tag := a.Header().Get("ETag")
	if a.Code != 200 || !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) {
		t.Fatalf("/a/: status %d, ETag %q, want 200 and a strong ETag", a.Code, tag)
	}
	if b := do(t, s, http.MethodGet, "/b/", nil).Header().Get("ETag"); b != tag {
		t.Errorf("same content, ETags %q and %q", tag, b)
	}
	if h := do(t, s, http.MethodGet, "/", nil).Header().Get("ETag"); h == tag || h == "" {
		t.Errorf("other content, ETag %q (the page's is %q)", h, tag)
	}
	nm := do(t, s, http.MethodGet, "/a/", map[string]string{"If-None-Match": tag})
	if nm.Code != http.StatusNotModified || nm.Body.Len() != 0 {
		t.Errorf("If-None-Match %s: status %d, %d bytes, want 304 and none", tag, nm.Code, nm.Body.Len())
	}
	gz := do(t, s, http.MethodGet, "/a/", map[string]string{"Accept-Encoding": "gzip"})
	gtag := gz.Header().Get("ETag")
	if gz.Header().Get("Content-Encoding") != "gzip" || gtag == tag || gtag == "" {
		t.Errorf("gzipped: ETag %q, the plain page's %q: want another", gtag, tag)
	}
	if c := do(t, s, http.MethodGet, "/a/", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": gtag}).Code; c != http.StatusNotModified {
		t.Errorf("gzipped, If-None-Match %s: status %d, want 304", gtag, c)
	}
	// A rebuild that changes the page changes its ETag (even of the same size, in the same second).
	writeFiles(t, dir, map[string]string{"a/index.html": strings.Replace(page, "儿科</title>", "妇幼</title>", 1)})
	if c := do(t, s, http.MethodGet, "/a/", map[string]string{"If-None-Match": tag}); c.Code != 200 || c.Header().Get("ETag") == tag {
		t.Errorf("after a change: status %d, ETag %q, want 200 and another ETag", c.Code, c.Header().Get("ETag"))
	}
}

// versioned is an index that names its version, as SiteIndex does in serve; searches counts
// the searches that reached it.
type versioned struct {
	search.Index
	version  atomic.Pointer[string]
	searches atomic.Int64
}

func (v *versioned) Version() string { return *v.version.Load() }

func (v *versioned) Search(ctx context.Context, r search.Request) (*search.Response, error) {
	v.searches.Add(1)
	return v.Index.Search(ctx, r)
}

// API answers carry a strong ETag of their bytes: a repeated search gets the same bytes
// (took_ms included) from the kept answer, without searching again, and a client that has
// them gets 304; another search, or the same one on another version of the index, gets
// another answer and ETag.
func TestSearchETag(t *testing.T) {
	ix := &versioned{Index: fixtureIndex(t)}
	v1 := "build-1"
	ix.version.Store(&v1)
	srv := serveSearch(t, &Search{Index: ix, Renderer: fixtureRenderer(t)})
	raw := qs("q", "儿科")
	first, body1 := getWith(t, srv, "/api/search", raw, "Accept-Encoding", "identity")
	tag := first.Header.Get("ETag")
	if tag == "" || strings.HasPrefix(tag, "W/") {
		t.Fatalf("/api/search: ETag %q, want a strong one", tag)
	}
	again, body2 := getWith(t, srv, "/api/search", raw, "Accept-Encoding", "identity")
	if again.Header.Get("ETag") != tag || !bytes.Equal(body1, body2) {
		t.Errorf("the same search twice: ETags %q and %q, bodies equal: %v", tag, again.Header.Get("ETag"), bytes.Equal(body1, body2))
	}
	if n := ix.searches.Load(); n != 1 {
		t.Errorf("the same search twice reached the index %d times, want 1 (the answer is kept)", n)
	}
	if BodyETag(body1) != tag {
		t.Errorf("ETag %q is not of the body (%q)", tag, BodyETag(body1))
	}
	if other, _ := getWith(t, srv, "/api/search", qs("q", "妇幼")); other.Header.Get("ETag") == tag {
		t.Errorf("another search has the same ETag %q", tag)
	}
	resp, body := getWith(t, srv, "/api/search", raw, "If-None-Match", tag, "Accept-Encoding", "identity")
	if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("If-None-Match %s: status %d, %d bytes, want 304", tag, resp.StatusCode, len(body))
	}
	// The search page shows the kept answer too: the same page, the same ETag.
	p1, _ := getWith(t, srv, "/search/", raw)
	if p2, _ := getWith(t, srv, "/search/", raw); p1.Header.Get("ETag") == "" || p1.Header.Get("ETag") != p2.Header.Get("ETag") {
		t.Errorf("the search page twice: ETags %q and %q", p1.Header.Get("ETag"), p2.Header.Get("ETag"))
	}
	// A new version of the index: the kept answers are not used.
	v2 := "build-2"
	ix.version.Store(&v2)
	before := ix.searches.Load()
	getWith(t, srv, "/api/search", raw)
	if ix.searches.Load() != before+1 {
		t.Errorf("after the index changed, the search was not run again")
	}
	// An index that cannot name its version ("" while a reload is due) keeps nothing.
	none := ""
	ix.version.Store(&none)
	before = ix.searches.Load()
	getWith(t, srv, "/api/search", raw)
	getWith(t, srv, "/api/search", raw)
	if ix.searches.Load() != before+2 {
		t.Errorf("with no version, %d of 2 searches reached the index", ix.searches.Load()-before)
	}
}

// slowSearcher holds every search until release is closed.
type slowSearcher struct {
	entered chan struct{}
	release chan struct{}
}

func (s *slowSearcher) Search(ctx context.Context, r search.Request) (*search.Response, error) {
	s.entered <- struct{}{}
	<-s.release
	return &search.Response{Query: r.Q, Page: 1, Size: search.DefaultSize, Hits: []search.Hit{}, Facets: map[string][]search.Facet{}}, nil
}

// With every slot and the queue taken, a search is answered 503 with Retry-After at once,
// on the API and the page; those that ran and waited all finish with 200 once it frees.
func TestSearchConcurrencyLimit(t *testing.T) {
	searchServer(t, false) // loads the fixture's renderer
	slow := &slowSearcher{entered: make(chan struct{}, 10), release: make(chan struct{})}
	sh := &Search{Index: slow, Renderer: searchFixture.rend, MaxInFlight: 2, MaxQueue: 1}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/search", sh.API)
	mux.HandleFunc("/search/", sh.Page)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	raw := qs("q", "儿科")
	codes := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func() {
			resp, err := srv.Client().Get(srv.URL + "/api/search?" + raw)
			if err != nil {
				codes <- 0
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		}()
	}
	<-slow.entered
	<-slow.entered
	for deadline := time.Now().Add(10 * time.Second); sh.waiting.Load() != 1; { // the third waits in the queue
		if time.Now().After(deadline) {
			close(slow.release)
			t.Fatal("the third search does not wait for a slot")
		}
		time.Sleep(time.Millisecond)
	}
	for _, path := range []string{"/api/search", "/search/"} {
		resp, _ := getWith(t, srv, path, raw)
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("%s when saturated: status %d, Retry-After %q, want 503 and a delay", path, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
	close(slow.release)
	for i := 0; i < 3; i++ {
		if c := <-codes; c != http.StatusOK {
			t.Errorf("a search that ran or waited: status %d, want 200", c)
		}
	}
}

// The access log has a line per request in the Common Log Format.
func TestAccessLog(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.html": "home", "a/index.html": "儿科"})
	var log bytes.Buffer
	srv := httptest.NewServer(AccessLog(&log, &Static{Root: dir}))
	defer srv.Close()
	getWith(t, srv, "/a/", "x=1", "Accept-Encoding", "identity")
	getWith(t, srv, "/missing", "")
	clf := regexp.MustCompile(`^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "([^"]*)" (\d{3}) (\d+)$`)
	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	want := []struct{ req, status, bytes string }{{"GET /a/?x=1 HTTP/1.1", "200", "6"}, {"GET /missing HTTP/1.1", "404", ""}}
	if len(lines) != len(want) {
		t.Fatalf("access log has %d lines, want %d: %q", len(lines), len(want), log.String())
	}
	for i, w := range want {
		m := clf.FindStringSubmatch(lines[i])
		if m == nil || m[1] != w.req || m[2] != w.status || (w.bytes != "" && m[3] != w.bytes) {
			t.Errorf("line %q: want request %q, status %s", lines[i], w.req, w.status)
		}
	}
}

func TestBeyondLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": false, "[::1]:8080": false, "localhost:8080": false, "127.0.0.2:80": false,
		":8080": true, "0.0.0.0:8080": true, "[::]:8080": true, "192.168.1.5:8080": true, "example.org:80": true,
	} {
		if got := BeyondLoopback(addr); got != want {
			t.Errorf("BeyondLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// With NoKeep (serve --keep-answers=false, which make bench uses to time searches), every
// request searches: none is answered from the kept answers.
func TestNoKeepSearchesEveryTime(t *testing.T) {
	ix := &versioned{Index: fixtureIndex(t)}
	v := "build-1"
	ix.version.Store(&v)
	srv := serveSearch(t, &Search{Index: ix, Renderer: fixtureRenderer(t), NoKeep: true})
	for i := 0; i < 3; i++ {
		getWith(t, srv, "/api/search", qs("q", "儿科"))
	}
	if n := ix.searches.Load(); n != 3 {
		t.Errorf("3 requests reached the index %d times, want 3", n)
	}
}
