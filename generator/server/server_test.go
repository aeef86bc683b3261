package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

const (
	indexHTML    = "<!doctype html><title>首页</title><h1>卫生健康规划计划公开</h1>\n"
	planHTML     = "<!doctype html><title>plan x</title><p>2025年工作要点</p>\n"
	notFoundHTML = "<!doctype html><title>404</title><p>页面不存在</p>\n"
	secret       = "TOP-SECRET-OUTSIDE-ROOT"
	dotSecret    = "DOTFILE-SECRET"
)

var (
	siteCSS = strings.Repeat("body { margin: 0; font-family: sans-serif; }\n", 200)
	binData = string(bytes.Repeat([]byte{0, 1, 2, 3, 250, 251}, 500))
)

// newRoot builds a small site in a temporary directory and returns its path. A file outside
// the root and dotfiles inside it must never be served.
func newRoot(t *testing.T) string {
	t.Helper()
	parent := t.TempDir()
	root := filepath.Join(parent, "public")
	files := map[string]string{
		"index.html":          indexHTML,
		"404.html":            notFoundHTML,
		"plans/x/index.html":  planHTML,
		"plans/x/data.bin":    binData,
		"assets/site.css":     siteCSS,
		"assets/app.js":       "console.log('hi');\n",
		"assets/img/logo.png": "\x89PNG\r\n\x1a\nnot really",
		"empty/readme.txt":    "no index here",
		".hidden":             dotSecret,
		".git/config":         dotSecret,
		"plans/.draft.html":   dotSecret,
		".well-known/x.txt":   dotSecret,
	}
	writeFiles(t, root, files)
	writeFiles(t, parent, map[string]string{"secret.txt": secret, "etc/passwd": secret})
	return root
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// do runs one request through the handler. target is a raw request-URI, parsed the way the
// server parses it (so %2e%2e stays encoded until the URL is decoded).
func do(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestStaticServesFiles(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	for _, tc := range []struct {
		path  string
		body  string
		ctype string
	}{
		{"/", indexHTML, "text/html; charset=utf-8"},
		{"/index.html", indexHTML, "text/html; charset=utf-8"},
		{"/plans/x/", planHTML, "text/html; charset=utf-8"},
		{"/plans/x/index.html", planHTML, "text/html; charset=utf-8"},
		{"/plans//x/", planHTML, "text/html; charset=utf-8"},
		{"/plans/x/?q=1", planHTML, "text/html; charset=utf-8"},
		{"/assets/site.css", siteCSS, "text/css; charset=utf-8"},
		{"/plans/x/data.bin", binData, "application/octet-stream"},
		{"/empty/readme.txt", "no index here", "text/plain; charset=utf-8"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			rec := do(t, h, "GET", tc.path, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d, want 200", rec.Code)
			}
			if got := rec.Body.String(); got != tc.body {
				t.Errorf("body %.60q, want %.60q", got, tc.body)
			}
			if got := rec.Header().Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type %q, want %q", got, tc.ctype)
			}
		})
	}
}

func TestStaticRedirectsDirectories(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	for _, tc := range []struct{ target, location string }{
		{"/plans/x", "/plans/x/"},
		{"/plans/x?q=医共体&page=2", "/plans/x/?q=医共体&page=2"},
		{"/plans/x?q=%E5%8C%BB&a=1", "/plans/x/?q=%E5%8C%BB&a=1"},
		{"/plans", "/plans/"},
		{"/plans/./x", "/plans/x/"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			rec := do(t, h, "GET", tc.target, nil)
			if rec.Code != http.StatusMovedPermanently {
				t.Fatalf("status %d, want 301", rec.Code)
			}
			// Compare decoded: http.Redirect percent-encodes non-ASCII bytes.
			got, err := url.Parse(rec.Header().Get("Location"))
			if err != nil {
				t.Fatal(err)
			}
			want, _ := url.Parse(tc.location)
			if got.Path != want.Path || got.Host != "" || !reflect.DeepEqual(got.Query(), want.Query()) {
				t.Errorf("Location %q, want %q", rec.Header().Get("Location"), tc.location)
			}
			checkSecurityHeaders(t, rec.Header())
		})
	}
}

func TestStaticNotFound(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	for _, path := range []string{"/nope", "/plans/y/", "/plans/x/missing.html", "/empty/", "/assets/", "/index.html/x"} {
		t.Run(path, func(t *testing.T) {
			rec := do(t, h, "GET", path, nil)
			if rec.Code != http.StatusNotFound {
				t.Fatalf("status %d, want 404", rec.Code)
			}
			if got := rec.Body.String(); got != notFoundHTML {
				t.Errorf("body %q, want the 404.html page", got)
			}
			if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
				t.Errorf("Content-Type %q, want text/html", got)
			}
			if got := rec.Header().Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control %q, want no-cache", got)
			}
			checkSecurityHeaders(t, rec.Header())
		})
	}

	t.Run("no 404.html", func(t *testing.T) {
		root := newRoot(t)
		if err := os.Remove(filepath.Join(root, "404.html")); err != nil {
			t.Fatal(err)
		}
		rec := do(t, &Static{Root: root}, "GET", "/nope", nil)
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "not found") {
			t.Errorf("status %d body %q, want a plain 404", rec.Code, rec.Body)
		}
	})
}

func TestStaticTraversalAndDotfiles(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	for _, target := range []string{
		"/../secret.txt",
		"/../../../../etc/passwd",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/%2e%2e%2fsecret.txt",
		"/..%2fsecret.txt",
		"/..%2f..%2f..%2fetc%2fpasswd",
		"/plans/../../secret.txt",
		"/plans/x/..%2f..%2f..%2fsecret.txt",
		"/..%5csecret.txt",
		"/..\\secret.txt",
		"/plans%5c..%5c..%5csecret.txt", // backslashes are separators on Windows
		"/plans\\..\\..\\secret.txt",
		"/plans/x%5c..%5c.draft.html",
		"/c:%5cWindows%5cwin.ini",
		"/con",
		"/%252e%252e/secret.txt",
		"//secret.txt",
		"/etc/passwd",
		"/.hidden",
		"/%2ehidden",
		"/.git/config",
		"/.git/",
		"/.git",
		"/%2egit/config",
		"/plans/.draft.html",
		"/plans/x/../.draft.html",
		"/.well-known/x.txt",
		"/assets/../.hidden",
		"/.hidden%00",
		"/%00",
	} {
		t.Run(target, func(t *testing.T) {
			for _, method := range []string{"GET", "HEAD"} {
				rec := do(t, h, method, target, nil)
				body := rec.Body.String()
				if strings.Contains(body, secret) || strings.Contains(body, dotSecret) {
					t.Fatalf("%s %s served a file it must not: status %d body %q", method, target, rec.Code, body)
				}
				if rec.Code != http.StatusNotFound {
					t.Errorf("%s %s: status %d, want 404", method, target, rec.Code)
				}
				if method == "GET" && body != notFoundHTML {
					t.Errorf("GET %s: body %q, want the 404 page", target, body)
				}
			}
		})
	}
}

// TestStaticTraversalOnTheWire sends raw request lines, which no client library normalises.
func TestStaticTraversalOnTheWire(t *testing.T) {
	srv := httptest.NewServer(&Static{Root: newRoot(t)})
	defer srv.Close()
	for _, target := range []string{"/../secret.txt", "/%2e%2e/%2e%2e/secret.txt", "/.hidden", "/..%2f..%2fetc/passwd"} {
		resp, body := rawRequest(t, srv, "GET "+target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		if strings.Contains(body, secret) || strings.Contains(body, dotSecret) {
			t.Errorf("GET %s served a forbidden file: %q", target, body)
		}
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, resp.StatusCode)
		}
	}
}

// rawRequest writes req on a new connection and returns the parsed response and the raw bytes
// after the header.
func rawRequest(t *testing.T, srv *httptest.Server, req string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil) // nil request: the body is read as for GET
	if err != nil {
		t.Fatal(err)
	}
	// Read what follows the header raw, without trusting the framing headers.
	rest, _ := io.ReadAll(br)
	resp.Body.Close()
	return resp, string(rest)
}

func TestStaticMethods(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"} {
		t.Run(method, func(t *testing.T) {
			rec := do(t, h, method, "/", nil)
			if rec.Code != http.StatusMethodNotAllowed {
				t.Fatalf("status %d, want 405", rec.Code)
			}
			allow := rec.Header().Get("Allow")
			if !strings.Contains(allow, "GET") || !strings.Contains(allow, "HEAD") {
				t.Errorf("Allow %q, want GET and HEAD", allow)
			}
			if strings.Contains(rec.Body.String(), "卫生健康") {
				t.Errorf("%s returned the page: %q", method, rec.Body)
			}
			checkSecurityHeaders(t, rec.Header())
		})
	}
}

func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "object-src 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("Content-Security-Policy %q allows unsafe scripts", csp)
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q, want nosniff", got)
	}
	if got := h.Get("Referrer-Policy"); got == "" || got == "unsafe-url" {
		t.Errorf("Referrer-Policy %q", got)
	}
	if got := h.Get("X-Frame-Options"); got != "DENY" {
		t.Errorf("X-Frame-Options %q, want DENY", got)
	}
}

func TestStaticHeaders(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	for _, tc := range []struct {
		path, cache string
	}{
		{"/", "no-cache"},
		{"/plans/x/", "no-cache"},
		{"/index.html", "no-cache"},
		{"/assets/site.css", "public, max-age=31536000, immutable"},
		{"/assets/app.js", "public, max-age=31536000, immutable"},
		{"/assets/img/logo.png", "public, max-age=31536000, immutable"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			rec := do(t, h, "GET", tc.path, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			checkSecurityHeaders(t, rec.Header())
			if got := rec.Header().Get("Cache-Control"); got != tc.cache {
				t.Errorf("Cache-Control %q, want %q", got, tc.cache)
			}
			if rec.Header().Get("Last-Modified") == "" {
				t.Error("no Last-Modified")
			}
		})
	}
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("body is not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gzip body is corrupt: %v", err)
	}
	return string(out)
}

// unbrotli decodes a brotli body.
func unbrotli(t *testing.T, b []byte) string {
	t.Helper()
	out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatalf("brotli body is corrupt: %v", err)
	}
	return string(out)
}

// Text is compressed with the best encoding the client accepts (brotli, then gzip), honouring
// q-values; binary files and clients that accept neither get the plain bytes.
func TestStaticCompression(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	for _, tc := range []struct {
		path, accept string
		encoding     string // "" for none
		body         string
	}{
		{"/", "gzip", "gzip", indexHTML},
		{"/plans/x/", "gzip, deflate, br", "br", planHTML},
		{"/assets/site.css", "gzip", "gzip", siteCSS},
		{"/assets/app.js", "br;q=1.0, gzip;q=0.8", "br", "console.log('hi');\n"},
		{"/assets/app.js", "br;q=0, gzip", "gzip", "console.log('hi');\n"},
		{"/", "gzip;q=0, br", "br", indexHTML},
		{"/", "*", "br", indexHTML},
		{"/", "gzip;q=0, *", "br", indexHTML},
		{"/", "br;q=0, gzip;q=0", "", indexHTML},
		{"/", "identity, *;q=0", "", indexHTML},
		{"/", "", "", indexHTML},
		{"/assets/site.css", "identity", "", siteCSS},
		{"/assets/site.css", "deflate", "", siteCSS},
		{"/plans/x/data.bin", "gzip, br", "", binData},
		{"/assets/img/logo.png", "gzip", "", "\x89PNG\r\n\x1a\nnot really"},
	} {
		t.Run(tc.path+" "+tc.accept, func(t *testing.T) {
			hdr := map[string]string{}
			if tc.accept != "" {
				hdr["Accept-Encoding"] = tc.accept
			}
			rec := do(t, h, "GET", tc.path, hdr)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			enc := rec.Header().Get("Content-Encoding")
			if enc != tc.encoding {
				t.Fatalf("Content-Encoding %q, want %q", enc, tc.encoding)
			}
			if cl := rec.Header().Get("Content-Length"); enc != "" && cl != "" && cl != "0" {
				// A Content-Length for the uncompressed file would be wrong.
				if cl == strconv.Itoa(len(tc.body)) {
					t.Errorf("Content-Length %s is the uncompressed size", cl)
				}
			}
			var body string
			switch enc {
			case "gzip":
				body = gunzip(t, rec.Body.Bytes())
			case "br":
				body = unbrotli(t, rec.Body.Bytes())
			default:
				body = rec.Body.String()
			}
			if body != tc.body {
				t.Errorf("body %.60q, want %.60q", body, tc.body)
			}
			if !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Accept-Encoding") {
				t.Errorf("Vary %q lacks Accept-Encoding", rec.Header().Values("Vary"))
			}
			// Each encoding is its own sequence of bytes, with its own strong ETag, and a
			// client that has it gets 304.
			tag := rec.Header().Get("ETag")
			if enc != "" && !strings.HasSuffix(tag, "-"+enc+`"`) {
				t.Errorf("ETag %q of a %s answer lacks its suffix", tag, enc)
			}
			if tag != "" {
				hdr["If-None-Match"] = tag
				if again := do(t, h, "GET", tc.path, hdr); again.Code != http.StatusNotModified {
					t.Errorf("If-None-Match %s: status %d, want 304", tag, again.Code)
				}
			}
		})
	}
}

// TestStaticGzipOverHTTP fetches through a real server with a client that does not decompress.
func TestStaticGzipOverHTTP(t *testing.T) {
	srv := httptest.NewServer(&Static{Root: newRoot(t)})
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, path := range []string{"/", "/assets/site.css"} {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: Content-Encoding %q", path, resp.Header.Get("Content-Encoding"))
		}
		want := indexHTML
		if path != "/" {
			want = siteCSS
		}
		if got := gunzip(t, raw); got != want {
			t.Errorf("%s: decompressed body differs from the file", path)
		}
		if path != "/" && len(raw) >= len(siteCSS) {
			t.Errorf("%s: %d compressed bytes for a %d-byte repetitive file", path, len(raw), len(siteCSS))
		}
	}
}

func TestStaticHead(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	for _, tc := range []struct {
		path, accept string
		status       int
	}{
		{"/", "", 200},
		{"/", "gzip", 200},
		{"/assets/site.css", "gzip", 200},
		{"/plans/x/data.bin", "", 200},
		{"/nope", "", 404},
		{"/nope", "gzip", 404},
	} {
		t.Run(tc.path+" "+tc.accept, func(t *testing.T) {
			hdr := map[string]string{}
			if tc.accept != "" {
				hdr["Accept-Encoding"] = tc.accept
			}
			rec := do(t, h, "HEAD", tc.path, hdr)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d", rec.Code, tc.status)
			}
			if rec.Body.Len() != 0 {
				t.Errorf("HEAD response has a %d-byte body", rec.Body.Len())
			}
			get := do(t, h, "GET", tc.path, hdr)
			for _, k := range []string{"Content-Type", "Content-Encoding", "Cache-Control", "Content-Security-Policy"} {
				if rec.Header().Get(k) != get.Header().Get(k) {
					t.Errorf("%s: HEAD %q, GET %q", k, rec.Header().Get(k), get.Header().Get(k))
				}
			}
		})
	}
}

// TestStaticHeadOnTheWire checks that nothing follows the header of a HEAD response, and that a
// Content-Length, if sent, is the one GET would send.
func TestStaticHeadOnTheWire(t *testing.T) {
	srv := httptest.NewServer(&Static{Root: newRoot(t)})
	defer srv.Close()
	for _, accept := range []string{"", "Accept-Encoding: gzip\r\n"} {
		for _, path := range []string{"/", "/assets/site.css"} {
			head, rest := rawRequest(t, srv, "HEAD "+path+" HTTP/1.1\r\nHost: x\r\n"+accept+"Connection: close\r\n\r\n")
			if rest != "" {
				t.Errorf("HEAD %s (%q): %d bytes after the header", path, accept, len(rest))
			}
			get, body := rawRequest(t, srv, "GET "+path+" HTTP/1.1\r\nHost: x\r\n"+accept+"Connection: close\r\n\r\n")
			if cl := head.Header.Get("Content-Length"); cl != "" && get.Header.Get("Content-Length") != "" && cl != get.Header.Get("Content-Length") {
				t.Errorf("HEAD %s (%q): Content-Length %s, GET's is %s", path, accept, cl, get.Header.Get("Content-Length"))
			}
			if body == "" {
				t.Errorf("GET %s (%q): empty body", path, accept)
			}
		}
	}
}

func TestStaticRange(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	for _, tc := range []struct {
		path, rng, accept string
		status            int
		body              string
	}{
		{"/assets/site.css", "bytes=0-3", "", 206, siteCSS[:4]},
		{"/assets/site.css", "bytes=5-10", "gzip", 206, siteCSS[5:11]},
		{"/assets/site.css", "bytes=-6", "gzip", 206, siteCSS[len(siteCSS)-6:]},
		{"/plans/x/data.bin", "bytes=100-", "", 206, binData[100:]},
		{"/", "bytes=0-8", "gzip", 206, indexHTML[:9]},
		{"/assets/site.css", "bytes=999999-", "", 416, ""},
	} {
		t.Run(tc.path+" "+tc.rng+" "+tc.accept, func(t *testing.T) {
			hdr := map[string]string{"Range": tc.rng}
			if tc.accept != "" {
				hdr["Accept-Encoding"] = tc.accept
			}
			rec := do(t, h, "GET", tc.path, hdr)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d (body %.80q)", rec.Code, tc.status, rec.Body)
			}
			if rec.Header().Get("Content-Encoding") != "" {
				t.Errorf("a range response is %s-encoded", rec.Header().Get("Content-Encoding"))
			}
			if tc.status != 206 {
				return
			}
			if got := rec.Body.String(); got != tc.body {
				t.Errorf("body %q, want %q", got, tc.body)
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Range"), "bytes ") {
				t.Errorf("Content-Range %q", rec.Header().Get("Content-Range"))
			}
		})
	}
	rec := do(t, h, "GET", "/assets/site.css", nil)
	if rec.Header().Get("Accept-Ranges") != "bytes" {
		t.Errorf("Accept-Ranges %q, want bytes", rec.Header().Get("Accept-Ranges"))
	}
}

func TestStaticConditional(t *testing.T) {
	h := &Static{Root: newRoot(t)}
	first := do(t, h, "GET", "/assets/site.css", map[string]string{"Accept-Encoding": "gzip"})
	lm := first.Header().Get("Last-Modified")
	rec := do(t, h, "GET", "/assets/site.css", map[string]string{"Accept-Encoding": "gzip", "If-Modified-Since": lm})
	if rec.Code != http.StatusNotModified {
		t.Fatalf("status %d, want 304", rec.Code)
	}
	if rec.Body.Len() != 0 || rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("304 has a body (%d bytes) or Content-Encoding %q", rec.Body.Len(), rec.Header().Get("Content-Encoding"))
	}
}

// TestStaticRootSwap replaces the served directory the way publish does (rename a new
// directory into place) and checks the next request, on the same keep-alive connection, sees
// the new version.
func TestStaticRootSwap(t *testing.T) {
	root := newRoot(t)
	srv := httptest.NewServer(&Static{Root: root})
	defer srv.Close()
	client := srv.Client()
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/"); code != 200 || body != indexHTML {
		t.Fatalf("before the swap: %d %q", code, body)
	}
	if code, _ := get("/plans/x/"); code != 200 {
		t.Fatalf("before the swap /plans/x/: %d", code)
	}

	next := filepath.Join(filepath.Dir(root), ".public.tmp-next")
	writeFiles(t, next, map[string]string{
		"index.html":         "<p>new home</p>",
		"plans/y/index.html": "<p>new plan y</p>",
		"404.html":           "<p>new 404</p>",
	})
	old := filepath.Join(filepath.Dir(root), ".public.old")
	if err := os.Rename(root, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, root); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(old); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		path string
		code int
		body string
	}{
		{"/", 200, "<p>new home</p>"},
		{"/plans/y/", 200, "<p>new plan y</p>"},
		{"/plans/x/", 404, "<p>new 404</p>"},
	} {
		if code, body := get(tc.path); code != tc.code || body != tc.body {
			t.Errorf("after the swap %s: %d %q, want %d %q", tc.path, code, body, tc.code, tc.body)
		}
	}
}

func TestCheckRoot(t *testing.T) {
	if err := CheckRoot(newRoot(t)); err != nil {
		t.Errorf("CheckRoot of a built site: %v", err)
	}
	empty := t.TempDir()
	if err := CheckRoot(empty); !errors.Is(err, ErrNoSite) {
		t.Errorf("CheckRoot of an empty dir: %v, want ErrNoSite", err)
	}
	if err := CheckRoot(filepath.Join(empty, "missing")); !errors.Is(err, ErrNoSite) {
		t.Errorf("CheckRoot of a missing dir: %v, want ErrNoSite", err)
	}
}
