package server

import (
	"html"
	"net/url"
	"strings"
	"testing"
)

// TestSearchPageBrowse: filters without a keyword list documents on the page, without
// JavaScript, for region, agency, year, theme and category, as the API does; two values of
// one facet are both shown as removable chips, and the other values stay listed.
func TestSearchPageBrowse(t *testing.T) {
	srv := searchServer(t, true)
	all := apiJSON(t, srv, qs("q", "卫生", "size", "1"), 200)["facets"].(map[string]any)
	for _, name := range []string{"region", "agency", "year", "theme", "category"} {
		fs := all[name].([]any)
		if len(fs) == 0 {
			t.Fatalf("no %s values", name)
		}
		val := fs[0].(map[string]any)["value"].(string)
		api := apiJSON(t, srv, qs(name, val, "size", "100"), 200)
		total := api["total"].(float64)
		if total == 0 {
			t.Errorf("browse %s=%s: no documents", name, val)
		}
		for _, h := range api["hits"].([]any) {
			if k := h.(map[string]any)["kind"]; k != "doc" {
				t.Errorf("browse %s=%s: a %v hit, want documents", name, val, k)
			}
		}
		code, _, body := get(t, srv, "/search/", qs(name, val))
		if code != 200 || scripts(body) != 0 {
			t.Fatalf("browse page %s=%s: status %d, %d scripts", name, val, code, scripts(body))
		}
		if n := pageTotal(t, body); float64(n) != total {
			t.Errorf("browse page %s=%s: %d documents, API %v", name, val, n, total)
		}
		if !strings.Contains(body, "浏览文件") || len(hitLinkRE.FindAllStringSubmatch(body, -1)) == 0 {
			t.Errorf("browse page %s=%s lists nothing", name, val)
		}
	}
	// Two regions: both chips, each removing only itself; a third region still offered.
	regions := all["region"].([]any)
	if len(regions) < 3 {
		t.Fatalf("too few regions: %v", regions)
	}
	a, b := regions[0].(map[string]any)["value"].(string), regions[1].(map[string]any)["value"].(string)
	raw := qs("q", "卫生", "region", a) + "&" + qs("region", b)
	code, _, body := get(t, srv, "/search/", raw)
	if code != 200 {
		t.Fatalf("two regions: %d", code)
	}
	chips := body[strings.Index(body, `class="active-filters"`):]
	chips = chips[:strings.Index(chips, "</ul>")]
	for _, keep := range []string{a, b} {
		found := false
		for _, m := range facetLinkRE.FindAllStringSubmatch(chips, -1) {
			u, _ := url.Parse(html.UnescapeString(m[1]))
			if rs := u.Query()["region"]; len(rs) == 1 && rs[0] == keep {
				found = true // the chip of the other region removes only that one
			}
		}
		if !found {
			t.Errorf("no chip removing one region and keeping %s", keep)
		}
	}
	third := regions[2].(map[string]any)["value"].(string)
	if !strings.Contains(body, ">"+third+"</a>") {
		t.Errorf("with %s and %s chosen, %s is no longer offered", a, b, third)
	}
}

// TestSearchPageTyped: the page says how a pinyin query was read, offers suggestions that
// run when nothing is found, and a bad parameter is a 400 that names it.
func TestSearchPageTyped(t *testing.T) {
	srv := searchServer(t, true)
	_, _, body := get(t, srv, "/search/", qs("q", "erke"))
	if !strings.Contains(body, "按拼音 <b lang=\"zh-Latn\">erke</b> 搜索：<strong>儿科</strong>") {
		t.Errorf("the pinyin query erke is not announced as 儿科")
	}
	if n := pageTotal(t, body); float64(n) != apiJSON(t, srv, qs("q", "儿科"), 200)["total"] {
		t.Errorf("erke: %d results, not 儿科's", n)
	}
	_, _, body = get(t, srv, "/search/", qs("q", "家庭医声签约"))
	i := strings.Index(body, "您是不是要找")
	if i < 0 {
		t.Fatalf("no suggestions for 家庭医声签约")
	}
	m := facetLinkRE.FindStringSubmatch(body[i:])
	if m == nil {
		t.Fatalf("the suggestion is not a link")
	}
	u, _ := url.Parse(html.UnescapeString(m[1]))
	if u.Query().Get("q") != "家庭医生签约" {
		t.Errorf("suggestion %s, want q=家庭医生签约", m[1])
	}
	if code, _, ran := get(t, srv, u.Path, u.RawQuery); code != 200 || pageTotal(t, ran) == 0 {
		t.Errorf("following the suggestion: %d, %d results", code, pageTotal(t, ran))
	}
	for _, c := range []struct{ param, raw string }{{"year", qs("year", "abc")}, {"theme", qs("theme", "nope")}, {"from", qs("region", "海安市", "from", "x")}} {
		m := apiJSON(t, srv, c.raw, 400)
		if m["param"] != c.param {
			t.Errorf("%s: param %v, want %s", c.raw, m["param"], c.param)
		}
		if code, _, page := get(t, srv, "/search/", c.raw); code != 400 || !strings.Contains(page, "参数 "+c.param) {
			t.Errorf("/search/?%s: %d, the page does not name %s", c.raw, code, c.param)
		}
	}
}
