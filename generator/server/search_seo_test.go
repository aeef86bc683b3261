package server

import (
	"strings"
	"testing"
)

// TestSearchPageIndexing: a plain keyword search with results is indexable with its own
// canonical URL; every other search page is noindex.
func TestSearchPageIndexing(t *testing.T) {
	srv := searchServer(t, true)
	for _, tt := range []struct {
		query     string
		indexable bool
	}{
		{qs("q", "儿科"), true},
		{qs("q", "  儿科 "), true},
		{qs("q", "儿科", "region", "海安市"), false},
		{qs("q", "儿科", "page", "2"), false},
		{qs("q", "儿科", "sort", "date"), false},
		{qs("q", "没有这个词语的文件"), false},
		{qs("q", ""), false},
		{"", false},
		{qs("q", "儿科", "q", "托育"), false},
	} {
		status, _, body := get(t, srv, "/search/", tt.query)
		if status != 200 {
			t.Errorf("%s: status %d", tt.query, status)
			continue
		}
		noindex := strings.Contains(body, `<meta name="robots" content="noindex">`)
		canonical := strings.Contains(body, `<link rel="canonical" href="`)
		if noindex == tt.indexable || canonical != tt.indexable {
			t.Errorf("%q: noindex %v canonical %v, want indexable %v", tt.query, noindex, canonical, tt.indexable)
		}
		if tt.indexable && !strings.Contains(body, `/search/?q=%E5%84%BF%E7%A7%91">`) {
			t.Errorf("%q: canonical is not the normalised query", tt.query)
		}
	}
}
