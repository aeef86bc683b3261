package render_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
)

// TestThemeTable: a theme lists its documents as the policy-library table too, at
// /themes/<slug>/files/, paginated, newest first by 发布日期 and by 成文日期 (a theme's table
// leaves out the oldest-first orders); the theme page and its table link to each other, and
// the editors' untagged items have no table.
func TestThemeTable(t *testing.T) {
	cfg, err := config.Load(filepath.Join(fixtureDir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	loader := content.NewLoader(content.Options{KnownTheme: func(s string) bool { return cfg.ThemeBySlug(s) != nil }})
	// Document i is published on day0+i and written i days before day0, so the newest written
	// is the oldest published; every even one is about 儿科 (theme children): 65 documents.
	const n = 2*render.PageSize + 30
	day0 := time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)
	var docs []*content.Document
	var children []string // the theme's documents, newest published first
	for i := n - 1; i >= 0; i-- {
		text := "加强基层卫生建设。"
		if i%2 == 0 {
			text = "加强儿科医疗服务能力建设。"
			children = append(children, fmt.Sprintf("/plans/doc-%03d/", i))
		}
		src := fmt.Sprintf("+++\ntitle = \"文件%03d\"\nagency = \"机构%d\"\npublished = %q\nwritten = %q\n+++\n\n1. %s\n",
			i, i%4, day0.AddDate(0, 0, i).Format("2006-01-02"), day0.AddDate(0, 0, -i).Format("2006-01-02"), text)
		d, diags := loader.Parse(fmt.Sprintf("content/plans/doc-%03d.md", i), []byte(src))
		for _, dg := range diags {
			if !dg.Warning {
				t.Fatal(dg)
			}
		}
		docs = append(docs, d)
	}
	pages := readPages(t, renderSite(t, cfg, site.Build(cfg, docs, site.Options{}), themeDir))
	listed := func(file string) []string {
		html, ok := pages[file]
		if !ok {
			t.Fatalf("%s not rendered", file)
		}
		var got []string
		for _, m := range docLinkRE.FindAllStringSubmatch(html, -1) {
			got = append(got, m[1])
		}
		return got
	}
	ps := render.PageSize
	reversed := func(s []string) []string {
		out := make([]string, len(s))
		for i, v := range s {
			out[len(s)-1-i] = v
		}
		return out
	}
	for file, want := range map[string][]string{
		"themes/children/files/index.html":                          children[:ps],
		"themes/children/files/page/2/index.html":                   children[ps:],
		"themes/children/files/sort/written-desc/index.html":        reversed(children)[:ps],
		"themes/children/files/sort/written-desc/page/2/index.html": reversed(children)[ps:],
	} {
		if got := listed(file); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s lists %d documents %v…, want %d: %v…", file, len(got), head(got), len(want), head(want))
		}
	}
	for f := range pages {
		if strings.HasPrefix(f, "themes/children/files/sort/") && !strings.HasPrefix(f, "themes/children/files/sort/written-desc/") {
			t.Errorf("%s rendered: a theme's table has no oldest-first order", f)
		}
		if strings.HasPrefix(f, "themes/untagged/files/") {
			t.Errorf("%s rendered: the untagged items are for editors and have no table", f)
		}
	}
	first := pages["themes/children/files/index.html"]
	for _, want := range []string{
		`<a href="/themes/children/files/sort/written-desc/" rel="nofollow" title="按成文日期从新到旧排序">成文日期`,
		`aria-sort="descending">发布日期`,  // sorted, and no link to an order not rendered
		`<a href="/themes/children/">`, // back to the theme's sentences
		`href="/themes/children/feed.xml"`,
		`<link rel="canonical" href="https://plans.example.gov.cn/themes/children/files/">`,
	} {
		if !strings.Contains(first, want) {
			t.Errorf("themes/children/files/: no %s", want)
		}
	}
	if !strings.Contains(pages["themes/children/files/sort/written-desc/index.html"], `<meta name="robots" content="noindex">`) {
		t.Errorf("themes/children/files/sort/written-desc/ is not noindex")
	}
	if !strings.Contains(pages["themes/children/index.html"], `<a href="/themes/children/files/">`) {
		t.Errorf("themes/children/: no link to the theme's table")
	}
}
