package render_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/internal/sitetest"
	"github.com/planportal/planportal/generator/render"
)

// Two regions' plans, each with targets; 签约率 is configured as an alias of a subject. 乙市
// lies in a province: its targets are listed under its own place, not the province.
const indicatorsSite = `-- config.toml --
title = "测试"
base_url = "https://example.gov.cn/"
[[themes]]
slug = "primary-care"
name = "基层卫生"
keywords = ["家庭医生", "签约"]
[[themes]]
slug = "elderly"
name = "老年健康"
keywords = ["家庭病床"]
[[subjects]]
slug = "signing"
name = "家庭医生签约服务覆盖率"
aliases = ["签约率"]
theme = "primary-care"
-- content/plans/a.md --
+++
title = "甲市2025年工作要点"
agency = "甲市卫生健康委员会"
region = "甲市"
published = "2025-03-01"
+++

1. 2025年家庭医生签约服务覆盖率不低于65%。

2. 建设家庭病床170张，为65岁以上老年人免费体检。
-- content/plans/b.md --
+++
title = "乙市2024年工作要点"
agency = "乙市卫生健康委员会"
province = "乙省"
region = "乙市"
published = "2024-03-01"
+++

1. 全人群签约率达到45%以上。
`

var (
	// A row's cells may leave out their end tags (fragments.go writes them without), so a
	// cell ends where the next begins, the last with its link or the row. A list's row
	// whose item the row above links has no fourth cell: the one above spans it (rowspan).
	rowRE = regexp.MustCompile(`(?s)<tr><td>(.*?)(?:</td>)?<td>(.*?)(?:</td>)?<td>(.*?)(?:</td>)?(?:<td(?: rowspan="?(\d+)"?)?>(.*?</a>)(?:</td>)?)?(?:</tr>)?(?:<tr>|</tbody>)`)
	// docHeadRE is the head of a document's rows in a list of targets: its title linked,
	// its region.
	docHeadRE = regexp.MustCompile(`<th colspan="?4"? scope="?rowgroup"?><a href="?([^" >]*)"?>(.*?)</a>(?:（(.*?)）)?</th>`)
)

// rows reads a table of targets as subject|target|year|the fourth column: a document page's
// clause, a list's region, which the list says once for the document's rows, at their head.
// A list's row must link an item of the document that heads it, in its own cell or in one
// that spans it from a row above.
func rows(t *testing.T, html string) []string {
	t.Helper()
	var out []string
	for _, group := range strings.Split(html, "<tbody>") {
		head := docHeadRE.FindStringSubmatch(group)
		link, spanned := "", 0
		// A row's match ends where the next row begins: the next one starts there.
		for rest := group; ; {
			m := rowRE.FindStringSubmatchIndex(rest)
			if m == nil {
				break
			}
			sub := func(k int) string {
				if m[2*k] < 0 {
					return ""
				}
				return rest[m[2*k]:m[2*k+1]]
			}
			whole := sub(0)
			switch {
			case sub(5) != "":
				link, spanned = sub(5), 0
				if n := sub(4); n != "" {
					k, err := strconv.Atoi(n)
					if err != nil || k < 2 {
						t.Errorf("row %q spans %q rows", whole, n)
					}
					spanned = k - 1
				}
			case spanned > 0:
				spanned--
			default:
				t.Errorf("row %q has no fourth cell and none spans it", whole)
			}
			last := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(link, "")
			if head != nil {
				if h := hrefRE.FindStringSubmatch(link); h == nil || !strings.HasPrefix(h[1], head[1]+"#") {
					t.Errorf("row %q links %v, not an item of %s, which heads it", whole, h, head[1])
				}
				last = head[3]
			}
			out = append(out, strings.Join([]string{sub(1), sub(2), sub(3), last}, "|"))
			next := m[1]
			if strings.HasSuffix(whole, "<tr>") {
				next -= len("<tr>")
			}
			rest = rest[next:]
		}
		if spanned > 0 {
			t.Errorf("a cell spans %d rows more than its group has", spanned)
		}
	}
	return out
}

// The document page's 指标一览, the list of all targets, its filters by theme, region and
// year (plain links, no script) and the subject's comparison across regions show the
// targets the plans state, by hand from the fixture above.
func TestIndicatorPages(t *testing.T) {
	cfg, s := loadSite(t, sitetest.Write(t, indicatorsSite))
	pages := readPages(t, renderSite(t, cfg, s, themeDir))
	check := func(page string, want ...string) {
		t.Helper()
		html, ok := pages[page]
		if !ok {
			t.Errorf("%s not rendered", page)
			return
		}
		if got := rows(t, html); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s rows:\n%s\nwant:\n%s", page, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	check("plans/a/index.html",
		"家庭医生签约服务覆盖率|≥ 65%|2025|第1条",
		"家庭病床|= 170张||第2条")
	signingA := "家庭医生签约服务覆盖率|≥ 65%|2025|甲市"
	bedsA := "家庭病床|= 170张|2025|甲市"
	signingB := "全人群签约率|≥ 45%|2024|乙市"
	check("indicators/index.html", signingA, bedsA, signingB)
	check("indicators/themes/primary-care/index.html", signingA, signingB)
	check("indicators/themes/elderly/index.html", bedsA)
	check("indicators/regions/yishi/index.html", signingB)
	check("indicators/years/2024/index.html", signingB)
	check("indicators/years/2025/index.html", signingA, bedsA)
	// The comparison: one row per region and year, regions in the order of the regions
	// listing (by pinyin: 甲 jiǎ before 乙 yǐ).
	cmpRE := regexp.MustCompile(`<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>`)
	var got []string
	for _, m := range cmpRE.FindAllStringSubmatch(pages["indicators/subjects/signing/index.html"], -1) {
		got = append(got, strings.Join(m[1:], "|"))
	}
	if want := "甲市|2025|≥ 65%|家庭医生签约服务覆盖率 乙市|2024|≥ 45%|全人群签约率"; strings.Join(got, " ") != want {
		t.Errorf("comparison rows %q, want %q", got, want)
	}
	if idx := pages["indicators/index.html"]; !strings.Contains(idx, `href="/indicators/themes/elderly/"`) || strings.Count(idx, "<script") != strings.Count(idx, `<script src="/assets/a11y.`) {
		t.Errorf("the list of targets does not filter by plain links")
	}
	if a := pages["plans/a/index.html"]; !strings.Contains(a, `href="#i1"`) || !strings.Contains(a, `href="#i2"`) {
		t.Errorf("the 指标一览 table does not link its items")
	}
	// The target column is styled by its place, not by a class on each of its cells
	// (style.css: .targets:not(.by-subject) td:nth-child(2), .by-subject td:nth-child(3)):
	// every table of targets has 目标 at that place.
	tableRE := regexp.MustCompile(`(?s)<table class="?(targets(?: by-subject)?)"?>.*?<thead><tr>(.*?)</tr>`)
	headRE := regexp.MustCompile(`<th scope="?col"?>(.*?)</th>`)
	tables := 0
	for _, page := range []string{"plans/a/index.html", "indicators/index.html", "indicators/themes/primary-care/index.html", "indicators/subjects/signing/index.html"} {
		for _, m := range tableRE.FindAllStringSubmatch(pages[page], -1) {
			tables++
			place := 2
			if m[1] == "targets by-subject" {
				place = 3
			}
			heads := headRE.FindAllStringSubmatch(m[2], -1)
			if len(heads) < place || heads[place-1][1] != "目标" {
				t.Errorf("%s: table %q has %v, not 目标, in column %d, which style.css styles as the target", page, m[1], heads, place)
			}
		}
	}
	if tables != 4 {
		t.Errorf("%d tables of targets, want one on each of the 4 pages", tables)
	}
	if css, err := os.ReadFile(filepath.Join(themeDir, "static", "style.css")); err != nil || !strings.Contains(string(css), ".targets:not(.by-subject) td:nth-child(2), .by-subject td:nth-child(3)") {
		t.Errorf("style.css does not style the target column by its place (%v)", err)
	}
}

// pagedIndicators renders indicatorsSite one target a page, so that its lists have pages.
func pagedIndicators(t *testing.T) map[string]string {
	t.Helper()
	cfg, s := loadSite(t, sitetest.Write(t, indicatorsSite))
	r, err := render.New(cfg, themeDir)
	if err != nil {
		t.Fatal(err)
	}
	render.SetPageSizes(r, render.UnitIndexPageSize, 1)
	out := t.TempDir()
	if _, err := r.Render(s, &render.DirOutput{Dir: out}, nil); err != nil {
		t.Fatal(err)
	}
	pages := readPages(t, out)
	return pages
}

// A subject's comparison is paginated like the lists of targets: its rows, page after page,
// are the whole comparison in order.
func TestSubjectPaginated(t *testing.T) {
	pages := pagedIndicators(t)
	cmpRE := regexp.MustCompile(`<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>`)
	var got []string
	for _, name := range []string{"indicators/subjects/signing/index.html", "indicators/subjects/signing/page/2/index.html"} {
		rows := cmpRE.FindAllStringSubmatch(pages[name], -1)
		if len(rows) != 1 {
			t.Errorf("%s: %d rows, want 1", name, len(rows))
		}
		for _, m := range rows {
			got = append(got, strings.Join(m[1:], "|"))
		}
	}
	if want := "甲市|2025|≥ 65% 乙市|2024|≥ 45%"; strings.Join(got, " ") != want {
		t.Errorf("comparison rows %q, want %q", got, want)
	}
	if _, ok := pages["indicators/subjects/signing/page/3/index.html"]; ok {
		t.Errorf("a third page for two rows")
	}
}

// The filters of a list of targets are on its first page; a later page links to them (on the
// first page of the same list) instead of repeating every theme, year and subject.
func TestIndicatorFiltersOnFirstPage(t *testing.T) {
	pages := pagedIndicators(t)
	navRE := regexp.MustCompile(`(?s)<nav class="?filters"?( id="?filters"?)? aria-label="?筛选指标"?>(.*?)</nav>`)
	hrefRE := regexp.MustCompile(`href="?([^" >]+)`)
	later := 0
	for name, html := range pages {
		if !strings.HasPrefix(name, "indicators/") {
			continue
		}
		m := navRE.FindStringSubmatch(html)
		if m == nil {
			t.Errorf("%s: no filters", name)
			continue
		}
		var links []string
		for _, h := range hrefRE.FindAllStringSubmatch(m[2], -1) {
			links = append(links, h[1])
		}
		first, _, paged := strings.Cut(name, "page/")
		if !paged {
			// The first page holds them all: all targets, each theme and year, and each
			// subject's comparison (the fixture's: 2 themes, 2 years, 1 subject).
			for _, want := range []string{"/indicators/", "/indicators/themes/primary-care/", "/indicators/themes/elderly/", "/indicators/years/2025/", "/indicators/years/2024/", "/indicators/subjects/signing/"} {
				if !slices.Contains(links, want) {
					t.Errorf("%s: filters lack %s: %v", name, want, links)
				}
			}
			if m[1] == "" {
				t.Errorf("%s: the filters have no id for later pages to link to", name)
			}
			continue
		}
		later++
		if want := "/" + strings.TrimSuffix(first, "/") + "/#filters"; len(links) != 1 || links[0] != want {
			t.Errorf("%s: filters %v, want one link to %s", name, links, want)
		}
		if _, ok := pages[first+"index.html"]; !ok {
			t.Errorf("%s: no first page %sindex.html", name, first)
		}
	}
	if later == 0 {
		t.Fatal("no later page of a list of targets: the test proves nothing")
	}
}

// A pager's numbered link is named 第N页 for a screen reader, N being the number it shows and
// the page it links.
func TestPagerLinkNames(t *testing.T) {
	pages := pagedIndicators(t)
	html := pages["indicators/page/2/index.html"]
	nav := regexp.MustCompile(`(?s)<nav class="?pager"?.*?</nav>`).FindString(html)
	links := regexp.MustCompile(`<li><a href="?([^" >]+)"?([^>]*)>([^<]*)</a>`).FindAllStringSubmatch(nav, -1)
	if len(links) == 0 {
		t.Fatalf("no numbered links in the pager of indicators/page/2/: %s", nav)
	}
	for _, m := range links {
		href, attrs, text := m[1], m[2], m[3]
		if want := ` aria-label="第` + text + `页"`; attrs != want {
			t.Errorf("pager link %s shows %q with %q, want%s", href, text, attrs, want)
		}
		want := "/indicators/page/" + text + "/"
		if text == "1" {
			want = "/indicators/"
		}
		if href != want {
			t.Errorf("pager link %q goes to %s, want %s", text, href, want)
		}
	}
}

// onePlanSite is a site of one plan, 甲市's, whose items are body.
func onePlanSite(body string) string {
	return "-- config.toml --\ntitle = \"测试\"\nbase_url = \"https://example.gov.cn/\"\n" +
		"-- content/plans/a.md --\n+++\ntitle = \"甲市2025年工作要点\"\nagency = \"甲市卫生健康委员会\"\nregion = \"甲市\"\npublished = \"2025-03-01\"\n+++\n\n" + body
}

// A full page of a list of targets is mostly its targets: what every page repeats (head,
// header, intro, the link to the filters, the table's head, the pager, footer) is at most a
// fifth of its bytes. A target is on four to five lists (all, its themes, region, year), and
// at 100 rows a page this repeated part was 30-45% of the lists' bytes (issue 16: output
// size).
func TestIndicatorPageMostlyTargets(t *testing.T) {
	var b strings.Builder
	n := 3*render.IndicatorPageSize + 7
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d. 2025年第%d片区家庭医生签约服务覆盖率不低于%d%%。\n\n", i, i, 40+i%50)
	}
	cfg, s := loadSite(t, sitetest.Write(t, onePlanSite(b.String())))
	pages := readPages(t, renderSite(t, cfg, s, themeDir))
	html, ok := pages["indicators/page/2/index.html"]
	if !ok {
		t.Fatalf("no indicators/page/2/ for %d targets", n)
	}
	got := rows(t, html)
	if len(got) != render.IndicatorPageSize {
		t.Fatalf("%d rows on a full page, want %d", len(got), render.IndicatorPageSize)
	}
	start, end := strings.Index(html, "<tbody>"), strings.LastIndex(html, "</tbody>")
	if start < 0 || end < start {
		t.Fatal("no rows of targets on indicators/page/2/")
	}
	if repeated := len(html) - (end - start); 5*repeated > len(html) {
		t.Errorf("indicators/page/2/: %d of its %d bytes (%.0f%%) are not its %d targets' rows", repeated, len(html), 100*float64(repeated)/float64(len(html)), len(got))
	}
}

// An item that states several targets is linked once on a list of targets and on its
// document's 指标一览, by a cell that spans their rows, and every row still reads as its
// item's (rows checks the span). The document's page carries the item's text once, in its
// body: its table names the item (第1条), not the clause a target was read from.
func TestIndicatorListLinksItemOnce(t *testing.T) {
	cfg, s := loadSite(t, sitetest.Write(t, onePlanSite(`1. 2025年家庭医生签约服务覆盖率不低于65%，每千人口托位数达到4.5个，建设家庭病床170张。

2. 2025年人均预期寿命达到82.6岁以上。
`)))
	pages := readPages(t, renderSite(t, cfg, s, themeDir))
	html := pages["indicators/index.html"]
	want := []string{"家庭医生签约服务覆盖率|≥ 65%|2025|甲市", "每千人口托位数|= 4.5个|2025|甲市", "家庭病床|= 170张|2025|甲市", "人均预期寿命|≥ 82.6岁|2025|甲市"}
	if got := rows(t, html); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for link, n := range map[string]int{`href="/plans/a/#i1"`: 1, `href="/plans/a/#i2"`: 1, ` rowspan="3"`: 1} {
		if got := strings.Count(html, link); got != n {
			t.Errorf("%s %d times on indicators/, want %d", link, got, n)
		}
	}
	doc := pages["plans/a/index.html"]
	want = []string{"家庭医生签约服务覆盖率|≥ 65%|2025|第1条", "每千人口托位数|= 4.5个|2025|第1条", "家庭病床|= 170张|2025|第1条", "人均预期寿命|≥ 82.6岁|2025|第2条"}
	if got := rows(t, doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the document's 指标一览 rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for link, n := range map[string]int{`<a href="#i1" tabindex="-1">`: 1, ` rowspan="3"`: 1} {
		if got := strings.Count(doc, link); got != n {
			t.Errorf("%s %d times on the document's page, want %d", link, got, n)
		}
	}
	// The page's main part before its citation (the head's description and the JSON-LD quote
	// the opening too): the text, then the table of targets.
	main := doc[strings.Index(doc, "<main"):strings.Index(doc, `<section class="doc-cite"`)]
	for _, clause := range []string{"家庭医生签约服务覆盖率不低于65%", "每千人口托位数达到4.5个", "建设家庭病床170张", "人均预期寿命达到82.6岁以上"} {
		if got := strings.Count(main, clause); got != 1 {
			t.Errorf("%q %d times on the document's page, want once (its text)", clause, got)
		}
	}
}
