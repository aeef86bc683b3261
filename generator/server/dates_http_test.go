package server

import (
	"strings"
	"testing"
)

// TestSearchDateAsStated: 金坛's plan states no day, only the year (published = "2025" in its
// front matter): the search page and the API show 2025, never a 2025-01-01 the source does not
// state, and browsing newest first still lists it.
func TestSearchDateAsStated(t *testing.T) {
	srv := searchServer(t, true)
	for _, q := range []string{qs("q", "金坛区", "agency", "常州市金坛区卫生健康局"), qs("agency", "常州市金坛区卫生健康局")} {
		m := apiJSON(t, srv, q, 200)
		hits, _ := m["hits"].([]any)
		if len(hits) == 0 {
			t.Fatalf("/api/search?%s: no hits for 金坛", q)
		}
		for _, h := range hits {
			if p := h.(map[string]any)["published"]; p != "2025" {
				t.Errorf("/api/search?%s: %v published %q, want 2025 as the source states it", q, h.(map[string]any)["url"], p)
			}
		}
		code, _, body := get(t, srv, "/search/", q)
		if code != 200 {
			t.Fatalf("/search/?%s: status %d", q, code)
		}
		if strings.Contains(body, "2025-01-01") || !strings.Contains(body, `<time datetime="2025">2025</time>`) {
			t.Errorf("/search/?%s: the hits do not show the date as 2025: %.400s", q, body[strings.Index(body, `class="hits"`)+0:])
		}
	}
}
