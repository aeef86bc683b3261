package main

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// TestServeAccessLog: `serve --access-log FILE` writes a Common Log Format line per request,
// search included.
func TestServeAccessLog(t *testing.T) {
	dest := buildBundled(t)
	index := filepath.Join(filepath.Dir(dest), "search.bleve")
	logFile := filepath.Join(t.TempDir(), "access.log")
	s := startServe(t, "--source", repoRoot, "--dest", dest, "--index", index, "--access-log", logFile)
	for _, p := range []string{"/plans/", "/api/search?q=%E5%84%BF%E7%A7%91&year=abcd"} {
		resp, err := http.Get(s.base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	want := []*regexp.Regexp{
		regexp.MustCompile(`(?m)^127\.0\.0\.1 - - \[[^\]]+\] "GET /plans/ HTTP/1\.1" 200 \d+$`),
		regexp.MustCompile(`(?m)^127\.0\.0\.1 - - \[[^\]]+\] "GET /api/search\?q=%E5%84%BF%E7%A7%91&year=abcd HTTP/1\.1" 400 \d+$`),
	}
	var b []byte
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		b, _ = os.ReadFile(logFile)
		if want[0].Match(b) && want[1].Match(b) {
			return
		}
	}
	t.Errorf("access log %s lacks a line per request:\n%s", logFile, b)
}
