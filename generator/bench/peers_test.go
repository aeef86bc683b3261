package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The peers' site is a fair counterpart of planportal's: Hugo writes a page per document of
// the corpus, with its title and its text, and Pagefind indexes those pages. Skipped where the
// tools are not installed (make bench-tools).
func TestPeersBuildEveryDocument(t *testing.T) {
	p := FindPeers(filepath.Join("..", "..", "bin", "tools"))
	if p.Hugo == "" || p.Pagefind == "" {
		t.Skip(strings.Join(p.Notes, "; "))
	}
	site := filepath.Join("..", "..")
	work := t.TempDir()
	run, err := measurePeers(p, site, work)
	if err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(work, "hugo")
	if run.Hugo.Wall <= 0 || run.Pagefind.Wall <= 0 || run.Output <= 0 {
		t.Fatalf("nothing measured: %+v", run)
	}
	docs, _ := filepath.Glob(filepath.Join(site, "content", "plans", "*.md"))
	if len(docs) == 0 {
		t.Fatal("no bundled documents")
	}
	for _, d := range docs {
		slug := strings.TrimSuffix(filepath.Base(d), ".md")
		page, err := os.ReadFile(filepath.Join(keep, "public", "plans", slug, "index.html"))
		if err != nil {
			t.Errorf("%s: Hugo wrote no page: %v", slug, err)
			continue
		}
		src, _ := os.ReadFile(d)
		if !strings.Contains(string(page), "<main data-pagefind-body><h1>") || !strings.Contains(string(src), firstLine(page)) {
			t.Errorf("%s: Hugo's page (%d bytes) has no indexed body with the document's text", slug, len(page))
		}
	}
	if _, err := os.Stat(filepath.Join(keep, "public", "pagefind", "pagefind.js")); err != nil {
		t.Errorf("Pagefind wrote no index: %v", err)
	}
}

// firstLine is the text of the first paragraph of a Hugo page, as it stands in the Markdown.
func firstLine(page []byte) string {
	s := string(page)
	i := strings.Index(s, "<p>")
	if i < 0 {
		return "\x00no paragraph"
	}
	s = s[i+3:]
	if j := strings.IndexAny(s, "<\n"); j >= 0 {
		s = s[:j]
	}
	return s
}
