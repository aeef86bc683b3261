package server

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
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
