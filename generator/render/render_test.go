package render_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
)

// readPages returns every HTML file under dir by slash path.
func readPages(t *testing.T, dir string) map[string]string {
	t.Helper()
	pages := map[string]string{}
	for _, f := range outputFiles(t, dir) {
		if strings.HasSuffix(f, ".html") {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
			if err != nil {
				t.Fatal(err)
			}
			pages[f] = string(data)
		}
	}
	if len(pages) == 0 {
		t.Fatalf("no HTML pages under %s", dir)
	}
	return pages
}

func renderFixture(t *testing.T) (*site.Site, string) {
	t.Helper()
	cfg, s := loadSite(t, fixtureDir)
	return s, renderSite(t, cfg, s, themeDir)
}

func TestOutputMinified(t *testing.T) {
	_, out := renderFixture(t)
	indent := regexp.MustCompile(`\n[ \t]+`)
	wsRun := regexp.MustCompile(`>\s{2,}<`)
	for name, html := range readPages(t, out) {
		if loc := indent.FindStringIndex(html); loc != nil {
			t.Errorf("%s: indentation run at byte %d: %q", name, loc[0], html[max(0, loc[0]-40):min(len(html), loc[1]+40)])
		}
		if i := strings.Index(html, "<!--"); i >= 0 {
			t.Errorf("%s: HTML comment at byte %d", name, i)
		}
		// Whitespace between inline elements (label, input, button) is significant, so the
		// minifier keeps one character of it, but never a run.
		if loc := wsRun.FindStringIndex(html); loc != nil {
			t.Errorf("%s: whitespace run between tags at byte %d: %q", name, loc[0], html[loc[0]:loc[1]])
		}
		if !strings.HasPrefix(strings.ToLower(html), "<!doctype html>") {
			t.Errorf("%s: does not start with <!doctype html>: %.40q", name, html)
		}
	}
	for _, f := range outputFiles(t, out) {
		if path.Ext(f) != ".css" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("/*")) || indent.Match(data) {
			t.Errorf("%s is not minified", f)
		}
	}
}

var (
	stylesheetRE = regexp.MustCompile(`<link rel="stylesheet" href="([^"]*)">`)
	assetRefRE   = regexp.MustCompile(`(?:href|src)="(/assets/[^"]*)"`)
	styleURLRE   = regexp.MustCompile(`^/assets/style\.([0-9a-f]{8})\.css$`)
)

// stylesheet returns the one stylesheet URL a page links, failing the test if it has none or
// several.
func stylesheet(t *testing.T, name, html string) string {
	t.Helper()
	m := stylesheetRE.FindAllStringSubmatch(html, -1)
	if len(m) != 1 {
		t.Errorf("%s: %d stylesheet links, want 1", name, len(m))
		return ""
	}
	return m[0][1]
}

func TestAssetsFingerprinted(t *testing.T) {
	_, out := renderFixture(t)
	// Every asset is named by the hash of what was written.
	for _, f := range outputFiles(t, out) {
		if !strings.HasPrefix(f, "assets/") {
			continue
		}
		m := fingerprintRE.FindStringSubmatch(path.Base(f))
		if m == nil {
			t.Errorf("%s: name has no 8-hex fingerprint", f)
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if want := hex.EncodeToString(sum[:4]); m[2] != want {
			t.Errorf("%s: fingerprint %s, but the file's content hashes to %s", f, m[2], want)
		}
	}
	// Every page links the stylesheet by its fingerprinted name, and every /assets/ URL exists.
	seen := map[string]bool{}
	for name, html := range readPages(t, out) {
		css := stylesheet(t, name, html)
		if css != "" && !styleURLRE.MatchString(css) {
			t.Errorf("%s: stylesheet %q is not /assets/style.<8 hex>.css", name, css)
		}
		seen[css] = true
		for _, m := range assetRefRE.FindAllStringSubmatch(html, -1) {
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(m[1]))); err != nil {
				t.Errorf("%s: links %s, which was not written: %v", name, m[1], err)
			}
		}
	}
	if len(seen) != 1 {
		t.Errorf("pages link %d different stylesheets, want 1: %v", len(seen), seen)
	}
}

func TestFingerprintFollowsCSS(t *testing.T) {
	cfg, s := loadSite(t, fixtureDir)
	theme := filepath.Join(t.TempDir(), "default")
	if err := os.CopyFS(theme, os.DirFS(themeDir)); err != nil {
		t.Fatal(err)
	}

	styleOf := func() string {
		t.Helper()
		out := renderSite(t, cfg, s, theme)
		css := stylesheet(t, "index.html", readPages(t, out)["index.html"])
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(css))); err != nil {
			t.Errorf("stylesheet %s not written: %v", css, err)
		}
		return css
	}
	before := styleOf()
	if again := styleOf(); again != before {
		t.Errorf("same CSS, different names: %s then %s", before, again)
	}
	cssFile := filepath.Join(theme, "static", "style.css")
	data, err := os.ReadFile(cssFile)
	if err != nil {
		t.Fatal(err)
	}
	// A comment alone would be minified away and must not change the name.
	if err := os.WriteFile(cssFile, append(append([]byte{}, data...), "\n/* only a comment */\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := styleOf(); got != before {
		t.Errorf("a CSS comment changed the fingerprint (%s to %s); it should hash the minified file", before, got)
	}
	if err := os.WriteFile(cssFile, append(data, "\n.fingerprint-test{color:#123456}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	after := styleOf()
	if after == before || !styleURLRE.MatchString(after) {
		t.Errorf("after changing style.css the stylesheet is %s (was %s); want a new /assets/style.<8 hex>.css", after, before)
	}
}

// genSite builds a site of n tiny documents, content/plans/doc-000.md … published one day
// apart (doc-000 oldest), handed to site.Build in a scrambled order.
func genSite(t *testing.T, n int) (*config.Config, *site.Site) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(fixtureDir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	loader := content.NewLoader(content.Options{KnownTheme: func(s string) bool { return cfg.ThemeBySlug(s) != nil }})
	day0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]*content.Document, n)
	for k := 0; k < n; k++ {
		i := (k*37 + 11) % n // a permutation when gcd(37, n) = 1
		src := fmt.Sprintf("+++\ntitle = \"文件%03d\"\nagency = \"机构%d\"\npublished = %q\n+++\n\n1. 第%d号文件的第一条。\n",
			i, i%4, day0.AddDate(0, 0, i).Format("2006-01-02"), i)
		d, diags := loader.Parse(fmt.Sprintf("content/plans/doc-%03d.md", i), []byte(src))
		for _, dg := range diags {
			if !dg.Warning {
				t.Fatal(dg)
			}
		}
		docs[k] = d
	}
	return cfg, site.Build(cfg, docs, site.Options{})
}

var (
	docLinkRE  = regexp.MustCompile(`(?:<a class="doc-title"|<th scope="row"><a) href="([^"]*)">`) // a list's or a table's
	datetimeRE = regexp.MustCompile(`<time datetime="([^"]*)">`)
	anchorRE   = regexp.MustCompile(`<a [^>]*>`)
	hrefRE     = regexp.MustCompile(`href="([^"]*)"`)
)

// relLinks returns the hrefs of the <a> elements with rel=rel.
func relLinks(html, rel string) []string {
	var out []string
	for _, a := range anchorRE.FindAllString(html, -1) {
		if strings.Contains(a, ` rel="`+rel+`"`) {
			if m := hrefRE.FindStringSubmatch(a); m != nil {
				out = append(out, m[1])
			}
		}
	}
	return out
}

func docURLs(first, last int) []string {
	var out []string
	for i := first; i >= last; i-- {
		out = append(out, fmt.Sprintf("/plans/doc-%03d/", i))
	}
	return out
}

func TestListingPagination(t *testing.T) {
	n := 2*render.PageSize + 20 // 120: pages of 50, 50 and 20
	cfg, s := genSite(t, n)
	pages := readPages(t, renderSite(t, cfg, s, themeDir))

	type want struct {
		file       string
		url        string
		docs       []string
		prev, next []string
	}
	ps := render.PageSize
	wants := []want{
		{"plans/index.html", "/plans/", docURLs(n-1, n-ps), nil, []string{"/plans/page/2/"}},
		{"plans/page/2/index.html", "/plans/page/2/", docURLs(n-ps-1, n-2*ps), []string{"/plans/"}, []string{"/plans/page/3/"}},
		{"plans/page/3/index.html", "/plans/page/3/", docURLs(n-2*ps-1, 0), []string{"/plans/page/2/"}, nil},
	}
	for i, w := range wants {
		html, ok := pages[w.file]
		if !ok {
			t.Errorf("%s not rendered", w.file)
			continue
		}
		var got []string
		for _, m := range docLinkRE.FindAllStringSubmatch(html, -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != strings.Join(w.docs, " ") {
			t.Errorf("%s lists %d documents %v…, want %d: %v…", w.file, len(got), head(got), len(w.docs), head(w.docs))
		}
		if g := relLinks(html, "prev"); fmt.Sprint(g) != fmt.Sprint(w.prev) {
			t.Errorf("%s: rel=prev %v, want %v", w.file, g, w.prev)
		}
		if g := relLinks(html, "next"); fmt.Sprint(g) != fmt.Sprint(w.next) {
			t.Errorf("%s: rel=next %v, want %v", w.file, g, w.next)
		}
		canon := `<link rel="canonical" href="https://plans.example.gov.cn` + w.url + `">`
		if !strings.Contains(html, canon) {
			t.Errorf("%s: no %s", w.file, canon)
		}
		count := fmt.Sprintf("共 %d 篇文件，第 %d/%d 页", n, i+1, len(wants))
		if !strings.Contains(html, count) {
			t.Errorf("%s: no %q", w.file, count)
		}
	}
	if !strings.Contains(pages["plans/page/2/index.html"], "<title>工作计划（第2页） - ") {
		t.Errorf("plans/page/2/: title does not say 第2页")
	}
	for _, f := range []string{"plans/page/1/index.html", "plans/page/4/index.html"} {
		if _, ok := pages[f]; ok {
			t.Errorf("%s rendered; want only /plans/, /plans/page/2/ and /plans/page/3/", f)
		}
	}
	// The table sorted oldest first is pre-rendered, paginated the same way, and noindex.
	asc := pages["plans/sort/published-asc/index.html"]
	var got []string
	for _, m := range docLinkRE.FindAllStringSubmatch(asc, -1) {
		got = append(got, m[1])
	}
	var oldest []string
	for i := 0; i < ps; i++ {
		oldest = append(oldest, fmt.Sprintf("/plans/doc-%03d/", i))
	}
	if strings.Join(got, " ") != strings.Join(oldest, " ") {
		t.Errorf("plans/sort/published-asc/ lists %v…, want %v…", head(got), head(oldest))
	}
	if !strings.Contains(asc, `<meta name="robots" content="noindex">`) || !strings.Contains(asc, `href="/plans/sort/published-asc/page/2/"`) {
		t.Errorf("plans/sort/published-asc/: not noindex, or no link to its page 2")
	}
	if !strings.Contains(pages["plans/index.html"], `aria-sort="descending"`) {
		t.Errorf("plans/: the 发布日期 column is not marked as the sorted one")
	}
	// No document states a 成文日期, so ordering by it lists them as the default order does:
	// those orders are not rendered again, and their links go to the default.
	if _, ok := pages["plans/sort/written-desc/index.html"]; ok {
		t.Errorf("plans/sort/written-desc/ rendered, though it lists the documents as /plans/ does")
	}
	if !strings.Contains(pages["plans/index.html"], `<a href="/plans/" rel="nofollow" title="按成文日期从`) {
		t.Errorf("plans/: the 成文日期 header does not link to /plans/")
	}
	// Every document page was rendered, and the three listing pages in the two orders that
	// differ: n + 3×2 pages under plans/ (the other kinds of page are tested elsewhere).
	inPlans := 0
	for f := range pages {
		if strings.HasPrefix(f, "plans/") {
			inPlans++
		}
	}
	if want := n + 3*2; inPlans != want {
		t.Errorf("%d pages rendered under plans/, want %d", inPlans, want)
	}
}

func head(s []string) []string { return s[:min(3, len(s))] }

func TestHomeLatest(t *testing.T) {
	for _, n := range []int{3, render.HomeLatest, render.HomeLatest + 7} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			cfg, s := genSite(t, n)
			home := readPages(t, renderSite(t, cfg, s, themeDir))["index.html"]
			var got []string
			for _, m := range docLinkRE.FindAllStringSubmatch(home, -1) {
				got = append(got, m[1])
			}
			want := docURLs(n-1, max(0, n-render.HomeLatest))
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("home lists %d documents %v…, want the %d newest, newest first: %v…", len(got), head(got), len(want), head(want))
			}
			var prev string
			for _, m := range datetimeRE.FindAllStringSubmatch(home, -1) {
				if prev != "" && m[1] > prev {
					t.Errorf("home: %s listed after %s; want newest first", m[1], prev)
				}
				prev = m[1]
			}
			if more := fmt.Sprintf(`<a href="/plans/">查看全部工作计划（%d）</a>`, n); !strings.Contains(home, more) {
				t.Errorf("home: no %s", more)
			}
		})
	}
}

func TestNotFoundPage(t *testing.T) {
	_, out := renderFixture(t)
	html := readPages(t, out)["404.html"]
	if html == "" {
		t.Fatal("404.html not rendered")
	}
	for _, want := range []string{`<html lang="zh-CN">`, "<h1>页面未找到</h1>", "<title>页面未找到 - 卫生健康规划计划公开平台</title>", `<a href="/">返回首页</a>`} {
		if !strings.Contains(html, want) {
			t.Errorf("404.html: no %s", want)
		}
	}
	stylesheet(t, "404.html", html)
}

var (
	idRE       = regexp.MustCompile(`\sid="([^"]*)"`)
	fragmentRE = regexp.MustCompile(`href="#([^"]*)"`)
)

// TestAnchors checks that every page's ids are unique, that every in-page link has a target,
// and that every section and item of every document has its anchor as id and a permalink.
func TestAnchors(t *testing.T) {
	s, out := renderFixture(t)
	pages := readPages(t, out)
	for name, html := range pages {
		ids := map[string]int{}
		for _, m := range idRE.FindAllStringSubmatch(html, -1) {
			ids[m[1]]++
		}
		for id, n := range ids {
			if n > 1 {
				t.Errorf("%s: id %q used %d times", name, id, n)
			}
		}
		for _, m := range fragmentRE.FindAllStringSubmatch(html, -1) {
			if ids[m[1]] == 0 {
				t.Errorf("%s: link to #%s, which no element has as id", name, m[1])
			}
		}
	}
	for _, d := range s.Documents {
		name := strings.TrimPrefix(d.URL, "/") + "index.html"
		html := pages[name]
		items := render.Body(t, s, d).AllItems()
		if len(items) == 0 {
			t.Errorf("%s: fixture document has no items", d.Path)
		}
		for _, it := range items {
			a := regexp.QuoteMeta(it.Anchor)
			want := regexp.MustCompile(`<div class="item" id="` + a + `">\s*<a class="num" href="#` + a + `" title="本条链接" tabindex="-1">` + regexp.QuoteMeta(it.Marker) + `</a>`)
			if !want.MatchString(html) {
				t.Errorf("%s: item %s: no %s", name, it.Anchor, want)
			}
		}
		var secs func([]*content.Section)
		secs = func(list []*content.Section) {
			for _, sec := range list {
				if !strings.Contains(html, fmt.Sprintf(`id="%s"`, sec.Anchor)) || !strings.Contains(html, fmt.Sprintf(`<a class="anchor" href="#%s"`, sec.Anchor)) {
					t.Errorf("%s: section %s has no id or permalink", name, sec.Anchor)
				}
				secs(sec.Sections)
			}
		}
		for _, p := range d.Parts() {
			secs(p.Sections)
		}
	}
}

// TestRawHTMLEscaped checks that HTML written in Markdown shows as text (markup.unsafe is false).
func TestRawHTMLEscaped(t *testing.T) {
	_, out := renderFixture(t)
	html := readPages(t, out)["plans/haian-2025/index.html"]
	// The page's own scripts are not the content's: its JSON-LD (whose text cannot hold a <)
	// and the theme's external reading-options script.
	html = regexp.MustCompile(`<script type="application/ld\+json">[^<]*</script>`).ReplaceAllString(html, "")
	html = regexp.MustCompile(`<script src="/assets/a11y\.[0-9a-f]+\.js" defer></script>`).ReplaceAllString(html, "")
	for _, bad := range []string{"<script", `<div class="note"`} {
		if strings.Contains(html, bad) {
			t.Errorf("raw HTML %s reached the page unescaped", bad)
		}
	}
	// The minifier may write > and " in text either as they are or as references.
	gt, quot := `(?:>|&gt;)`, `(?:"|&#34;|&quot;)`
	for _, want := range []string{
		`&lt;script` + gt + `alert\(` + quot + `x` + quot + `\)&lt;/script` + gt,
		`&lt;div class=` + quot + `note` + quot + gt + `不允许原样输出的块级 HTML&lt;/div` + gt,
	} {
		if !regexp.MustCompile(want).MatchString(html) {
			t.Errorf("escaped raw HTML %s not shown as text", want)
		}
	}
}

// TestLabelReasons: each theme label of a document page carries, in its link after the
// theme's name, the reason the passage carries the theme: the phrase of the theme's keywords
// as it stands in the passage's own text (依据“phrase”), not the sentence around it, which the
// page shows just above; or, for a theme an editor's directive gave, 编辑标注. The page has one
// option, reached by the keyboard, that shows every reason (tests/e2e checks what it shows).
func TestLabelReasons(t *testing.T) {
	cfg, s := loadSite(t, fixtureDir)
	pages := readPages(t, renderSite(t, cfg, s, themeDir))
	keyword := map[string]map[string]bool{} // theme name → its keywords
	for _, th := range cfg.Themes {
		keyword[th.Name] = map[string]bool{}
		for _, k := range th.Keywords {
			keyword[th.Name][k] = true
		}
	}
	phraseRE := regexp.MustCompile(`^依据“([^<>”]+)”$`)
	directives, phrases := 0, 0
	for _, d := range s.Documents {
		html := pages[strings.TrimPrefix(d.URL, "/")+"index.html"]
		texts := map[string]string{}
		render.Body(t, s, d).Passages(func(p content.Passage) { texts[p.Anchor()] = p.Text() })
		labelRE := regexp.MustCompile(`<li><a href="[^"]*#` + regexp.QuoteMeta(site.DocID(d)) + `-([a-z0-9-]+)"(?: tabindex="-1")?>([^<]+)<span class="?why"?>(.*?)</span></a>`)
		n := 0
		for _, m := range labelRE.FindAllStringSubmatch(html, -1) {
			n++
			anchor, name, why := m[1], m[2], m[3]
			if why == "编辑标注的主题" {
				directives++
				continue
			}
			mm := phraseRE.FindStringSubmatch(why)
			if mm == nil {
				t.Errorf("%s#%s %s: reason %q is not 依据“phrase”", d.URL, anchor, name, why)
				continue
			}
			phrases++
			if !keyword[name][mm[1]] {
				t.Errorf("%s#%s %s: phrase %q is none of the theme's keywords", d.URL, anchor, name, mm[1])
			}
			if text := html2text(texts[anchor]); !strings.Contains(text, html2text(mm[1])) {
				t.Errorf("%s#%s %s: phrase %q is not in the passage's text %q", d.URL, anchor, name, mm[1], text)
			}
		}
		if chips := strings.Count(html, `<span class="why"`) + strings.Count(html, `<span class=why`); n != chips {
			t.Errorf("%s: %d chips read, %d on the page", d.URL, n, chips)
		}
		if n > 0 && !regexp.MustCompile(`<input type="?checkbox"? id="?opt-why"?>`).MatchString(html) {
			t.Errorf("%s: %d chips and no option that shows their reasons", d.URL, n)
		}
	}
	t.Logf("%d labels with a phrase, %d from a directive", phrases, directives)
	if directives == 0 || phrases < 5 {
		t.Errorf("%d labels with a phrase, %d from a directive: the fixture proves little", phrases, directives)
	}
}

// html2text undoes the escaping the minifier may leave in text.
func html2text(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&quot;", `"`, "&#39;", "'").Replace(s)
}

// An item's responsibility note is shown as labels after the item's text, not as raw text.
func TestAnnotationLabels(t *testing.T) {
	_, out := renderFixture(t)
	html := readPages(t, out)["plans/haian-2025/index.html"]
	i := strings.Index(html, "建立结余留用机制。")
	if i < 0 {
		t.Fatal("item 2 not rendered")
	}
	item := html[i:]
	item = item[:strings.Index(item, `class="item"`)]
	if strings.Contains(item, "分管领导：") || strings.Contains(item, "（") {
		t.Errorf("the note is shown as raw text: %s", item)
	}
	dl := regexp.MustCompile(`<dl class="?note"?>(.*?)</dl>`).FindStringSubmatch(item)
	if dl == nil {
		t.Fatalf("no note labels after the item's text: %s", item)
	}
	for _, want := range []string{"<dt>分管领导</dt>", "徐通生", "<dt>责任科室</dt>", "医政医管科", "人事科"} {
		if !strings.Contains(dl[1], want) {
			t.Errorf("note labels %s lack %s", dl[1], want)
		}
	}
}

// TestHeaderMarksItsPart: the header marks the part of the site a page belongs to (首页, 主题,
// 地区, 指标) and no other; a build makes the header once per layout and kind of group
// (chrome) and reuses it, so a page that shared another's header would show here.
func TestHeaderMarksItsPart(t *testing.T) {
	_, out := renderFixture(t)
	current := regexp.MustCompile(`<a href="([^"]*)" aria-current="page">`)
	seen := map[string]int{}
	for name, html := range readPages(t, out) {
		start, end := strings.Index(html, `<header class="site-header">`), strings.Index(html, "</header>")
		if start < 0 || end < start {
			t.Errorf("%s: no site header", name)
			continue
		}
		want := ""
		switch first, _, _ := strings.Cut(name, "/"); first {
		case "index.html":
			want = "/"
		case "themes", "regions", "indicators":
			want = "/" + first + "/"
			if strings.Contains(name, "/files/") { // a theme's table of files is a listing
				want = ""
			}
		}
		var got []string
		for _, m := range current.FindAllStringSubmatch(html[start:end], -1) {
			got = append(got, m[1])
		}
		if want == "" && len(got) > 0 || want != "" && (len(got) != 1 || got[0] != want) {
			t.Errorf("%s: header marks %q as current, want %q", name, got, want)
		}
		seen[want]++
	}
	for _, part := range []string{"", "/", "/themes/", "/regions/", "/indicators/"} {
		if seen[part] == 0 {
			t.Errorf("no page of part %q in the fixture's output", part)
		}
	}
}
