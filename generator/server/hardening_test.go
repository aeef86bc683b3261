package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/search"
)

// Every filter value is checked: a year that is not four digits or a theme the site does not
// configure is the client's mistake (400), and the message names the parameter, in Chinese
// first.
func TestSearchBadFilterValues(t *testing.T) {
	srv := searchServer(t, true)
	slug := searchFixture.cfg.ThemeSlugs()[0]
	apiJSON(t, srv, qs("q", "儿科", "theme", slug), 200)
	apiJSON(t, srv, qs("q", "儿科", "year", "2025"), 200)
	for _, c := range []struct{ param, raw string }{
		{"year", qs("q", "儿科", "year", "abcd")},
		{"year", qs("q", "儿科", "year", "25")},
		{"year", qs("q", "儿科", "year", "20250")},
		{"theme", qs("q", "儿科", "theme", "no-such-theme")},
		{"theme", qs("q", "儿科", "theme", slug, "theme", "<script>")},
	} {
		m := apiJSON(t, srv, c.raw, http.StatusBadRequest)
		wantError(t, m, c.raw)
		msg, _ := m["error"].(string)
		if !strings.Contains(msg, c.param) {
			t.Errorf("%s: error %q does not name %s", c.raw, msg, c.param)
		}
		if r, _ := utf8.DecodeRuneInString(msg); r < 0x4e00 || r > 0x9fff {
			t.Errorf("%s: error %q does not start in Chinese", c.raw, msg)
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
