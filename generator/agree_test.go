package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/search"
)

var (
	themeDocRE   = regexp.MustCompile(`<article class="theme-doc" id="[^"]+">\s*<h3><a href="([^"]+)">`)
	themeEntryRE = regexp.MustCompile(`<li id="[^"]+"><a href="([^"#]+)#([^"]+)"`)
	nextPageRE   = regexp.MustCompile(`<a[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*rel="next"[^>]*href="([^"]+)"`)
	metaThemesRE = regexp.MustCompile(`(?s)<div class="meta-themes"><dt>主题分类</dt><dd>(.*?)</dd>`)
	themeLinkRE  = regexp.MustCompile(`href="/themes/([^/"]+)/`)
	articleTagRE = regexp.MustCompile(`<meta property="article:tag" content="([^"]*)">`)
	keywordsRE   = regexp.MustCompile(`<meta name="Keywords" content="([^"]*)">`)
)

// passageText is the text of a passage (item or paragraph) as its document page shows it:
// the item's own text, without its theme labels and sub-items.
func passageText(page, anchor string) string {
	i := strings.Index(page, ` id="`+anchor+`"`)
	if i < 0 {
		return ""
	}
	rest := page[i:]
	rest = rest[strings.Index(rest, ">")+1:]
	end := len(rest)
	for _, stop := range []string{`<ul class="labels"`, `<div class="item"`, `</div>`, `</p>`} {
		if j := strings.Index(rest, stop); j >= 0 && j < end {
			end = j
		}
	}
	text := rest[:end]
	// The passage's responsibility note, shown as labels right after its text, is searchable
	// too (医政医管科 finds the items it answers for).
	if after := strings.TrimPrefix(rest[end:], "</p>"); strings.HasPrefix(after, `<dl class="note">`) {
		text += " " + after[:strings.Index(after, "</dl>")]
	}
	return tagsRE.ReplaceAllString(text, "")
}

// TestThemesAgree: for every theme of the bundled content, the theme's pages, each document's
// 主题分类 row and the search theme filter tell the same story. A document is on the theme
// page exactly when its row names the theme; and for each of the theme's keywords, the
// filtered search finds exactly the passages the theme pages list whose text holds it, and no
// document the theme pages do not list.
func TestThemesAgree(t *testing.T) {
	dest := buildBundled(t)
	cfg, err := config.Load(filepath.Join(repoRoot, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	mux, closeIndex, err := newMux(build.Options{Source: repoRoot, Index: filepath.Join(filepath.Dir(dest), "search.bleve")}, dest, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer closeIndex()
	read := func(u string) string {
		b, err := os.ReadFile(pageFile(dest, u))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// Every document's row.
	rows := map[string]map[string]bool{} // doc URL → themes
	for _, d := range readSources(t) {
		u := d.url
		m := metaThemesRE.FindStringSubmatch(read(u))
		if m == nil {
			t.Fatalf("%s has no 主题分类 row", u)
		}
		rows[u] = map[string]bool{}
		var names []string
		for _, l := range themeLinkRE.FindAllStringSubmatch(m[1], -1) {
			rows[u][l[1]] = true
			names = append(names, cfg.ThemeBySlug(l[1]).Name)
		}
		// The meta tags search engines and the government site-search crawlers read
		// (article:tag, Keywords) name the same themes as the row, in its order.
		page := read(u)
		var tags []string
		for _, m := range articleTagRE.FindAllStringSubmatch(page, -1) {
			tags = append(tags, m[1])
		}
		if got, want := strings.Join(tags, ","), strings.Join(names, ","); got != want {
			t.Errorf("%s: article:tag names %q; its 主题分类 row %q", u, got, want)
		}
		keywords := ""
		if m := keywordsRE.FindStringSubmatch(page); m != nil {
			keywords = m[1]
		}
		if want := strings.Join(names, ","); keywords != want {
			t.Errorf("%s: Keywords meta %q; its 主题分类 row %q", u, keywords, want)
		}
	}
	syn := search.NewSynonyms(cfg.Search.Synonyms)
	checked, keywords := 0, 0
	for _, th := range cfg.Themes {
		docs, passages := map[string]bool{}, map[string]string{} // passage URL → its text
		for u := "/themes/" + th.Slug + "/"; u != ""; {
			page := read(u)
			for _, m := range themeDocRE.FindAllStringSubmatch(page, -1) {
				docs[m[1]] = true
			}
			for _, m := range themeEntryRE.FindAllStringSubmatch(page, -1) {
				passages[m[1]+"#"+m[2]] = passageText(read(m[1]), m[2])
			}
			u = ""
			if m := nextPageRE.FindStringSubmatch(page); m != nil {
				u = m[1] + m[2]
			}
		}
		for du, themes := range rows {
			if themes[th.Slug] != docs[du] {
				t.Errorf("%s: 主题分类 names %s: %v; the theme pages list it: %v", du, th.Slug, themes[th.Slug], docs[du])
			}
		}
		for _, k := range th.Keywords {
			want := map[string]bool{}
			for p, text := range passages {
				for _, alt := range syn.Expand(k) { // 慢病 finds 慢性病 too
					if strings.Contains(search.NormalizeString(text), search.NormalizeString(alt)) {
						want[p] = true
					}
				}
			}
			got := map[string]bool{}
			for page := 1; ; page++ {
				rec := httptest.NewRecorder()
				mux.ServeHTTP(rec, httptest.NewRequest("GET", fmt.Sprintf("/api/search?size=100&page=%d&theme=%s&q=%s", page, th.Slug, url.QueryEscape(`"`+k+`"`)), nil))
				var resp struct {
					Total int
					Hits  []struct {
						URL    string `json:"url"`
						DocURL string `json:"doc_url"`
						Kind   string `json:"kind"`
					}
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
					t.Fatalf("%s %s: %v: %s", th.Slug, k, err, rec.Body.String())
				}
				for _, h := range resp.Hits {
					if !docs[h.DocURL] {
						t.Errorf("theme=%s&q=%s finds %s, a document its pages do not list", th.Slug, k, h.URL)
					}
					if h.Kind == search.KindItem || h.Kind == search.KindParagraph {
						got[h.URL] = true
					}
				}
				if page*100 >= resp.Total {
					break
				}
			}
			for p := range want {
				if !got[p] {
					t.Errorf("theme=%s&q=%s misses %s, which the theme page lists", th.Slug, k, p)
				}
			}
			for p := range got {
				if !want[p] {
					t.Errorf("theme=%s&q=%s finds %s, which the theme pages do not list with %s", th.Slug, k, p, k)
				}
			}
			if len(want) > 0 {
				keywords++
			}
			checked += len(want)
		}
	}
	if keywords < 50 || checked < 300 {
		t.Errorf("only %d passages under %d keywords checked: the test proves little", checked, keywords)
	}
	t.Logf("%d themes, %d documents, %d keywords with passages, %d passage checks", len(cfg.Themes), len(rows), keywords, checked)
}
