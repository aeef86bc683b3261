package search_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/planportal/planportal/generator/internal/sitetest"
	"github.com/planportal/planportal/generator/search"
)

// TestHitDateAsStated: a hit shows its document's 发布日期 as the front matter states it: a
// source that gives only the year (金坛, 新城区: published = "2025") shows 2025, never an
// invented 2025-01-01; such a date still sorts, and is found by a date range, as the first day
// it can be.
func TestHitDateAsStated(t *testing.T) {
	ix, docs := bundledIndex(t)
	published := regexp.MustCompile(`(?m)^published = "([^"]*)"`)
	stated := map[string]string{} // document URL → the date its front matter writes
	partial := 0
	for _, d := range docs {
		src, err := os.ReadFile(filepath.Join(sitetest.Root(), filepath.FromSlash(d.Path)))
		if err != nil {
			t.Fatal(err)
		}
		m := published.FindSubmatch(src)
		if m == nil {
			t.Fatalf("%s: no published in its front matter", d.Path)
		}
		stated[d.URL] = string(m[1])
		if len(m[1]) < len("2006-01-02") {
			partial++
		}
	}
	if partial < 2 {
		t.Fatalf("%d bundled documents state only part of their date; the test expects 金坛 and 新城区", partial)
	}
	seen := map[string]bool{}
	for _, req := range []search.Request{{Q: "卫生"}, {Q: "卫生", Sort: "date"}, {Q: "卫生", From: "2025-01-01", To: "2025-12-31"}} {
		resp := allHits(t, ix, req)
		for _, h := range resp.Hits {
			if want := stated[h.DocURL]; h.Published != want {
				t.Errorf("%+v: %s shows %q, its source states %q", req, h.URL, h.Published, want)
			}
			seen[h.DocURL] = true
		}
		if req.Sort == "date" {
			for i := 1; i < len(resp.Hits); i++ {
				// 2025 sorts as 2025-01-01: after every dated day of 2025, and prefix order is that order
				if a, b := resp.Hits[i-1].Published, resp.Hits[i].Published; a < b {
					t.Errorf("sort=date: %s (%s) before %s (%s)", resp.Hits[i-1].URL, a, resp.Hits[i].URL, b)
				}
			}
		}
	}
	for u, p := range stated {
		if len(p) < len("2006-01-02") && !seen[u] {
			t.Errorf("%s (published %q) is not among the hits for 卫生 in 2025", u, p)
		}
	}
}
