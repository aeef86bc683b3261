package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

func taxonomyConfig() *config.Config {
	cfg := config.Default()
	cfg.Themes = []config.Theme{
		{Slug: "children", Name: "儿科", Keywords: []string{"儿科"}},
		{Slug: "elderly", Name: "老年", Keywords: []string{"老年"}},
		{Slug: "tcm", Name: "中医药", Keywords: []string{"中医"}},
	}
	return cfg
}

// plan parses a document with the given region, date and items.
func plan(t *testing.T, slug, region, date string, items ...string) *content.Document {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\nagency = %q\nregion = %q\npublished = %q\n+++\n", slug+"标题", region+"卫健委", region, date)
	for i, it := range items {
		fmt.Fprintf(&b, "%d. %s\n\n", i+1, it)
	}
	d, diags := content.NewLoader(content.Options{}).Parse("content/plans/"+slug+".md", []byte(b.String()))
	for _, dg := range diags {
		if !dg.Warning {
			t.Fatal(dg)
		}
	}
	return d
}

func TestThemePages(t *testing.T) {
	docs := []*content.Document{
		plan(t, "a-2024", "甲市", "2024-05-01", "发展儿科。", "其他。"),
		plan(t, "b-2025", "乙市", "2025-02-01", "儿科建设。", "老年服务。", "儿科人才。"),
		plan(t, "a-2025", "甲市", "2025-03-01", "儿科服务。", "没有主题。"),
	}
	s := Build(taxonomyConfig(), docs, Options{})
	var children *Theme
	for _, th := range s.Themes {
		if th.Slug == "children" {
			children = th
		}
	}
	if children == nil || children.Items != 4 || children.Documents != 3 || len(children.Pages) != 1 {
		t.Fatalf("children theme: %+v", children)
	}
	// Places ordered by their newest document; documents newest first within a place.
	var got []string
	for _, g := range children.Pages[0].Groups {
		for _, d := range g.Documents {
			var anchors []string
			for _, e := range mustEntries(t, d) {
				anchors = append(anchors, e.URL)
			}
			got = append(got, g.Name+":"+strings.Join(anchors, ","))
		}
	}
	want := []string{"甲市:/plans/a-2025/#i1", "甲市:/plans/a-2024/#i1", "乙市:/plans/b-2025/#i1,/plans/b-2025/#i3"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("children page:\n got %v\nwant %v", got, want)
	}
	if s.Untagged.Items != 2 {
		t.Errorf("untagged items = %d, want 2 (其他 and 没有主题)", s.Untagged.Items)
	}
	l := s.LinksOf(docs[1])
	if u := l.PassageURL("children", "i3"); u != "/themes/children/#plans-b-2025-i3" {
		t.Errorf("PassageURL = %q", u)
	}
	if u := l.PassageURL("tcm", "i1"); u != "" {
		t.Errorf("PassageURL of a theme not carried = %q, want empty", u)
	}
	// Neighbours in the region: a-2025 is newer than a-2024.
	if la := s.LinksOf(docs[0]); urlOf(la.Newer) != docs[2].URL || la.Older != nil {
		t.Errorf("a-2024 neighbours: newer %v older %v", la.Newer, la.Older)
	}
}

// TestThemePagination: a page holds at least ThemePageSize entries unless it is the last, and a
// document's entries are never split across pages.
func TestThemePagination(t *testing.T) {
	var docs []*content.Document
	for i := 0; i < 80; i++ {
		items := []string{"儿科一。", "儿科二。", "儿科三。"}
		docs = append(docs, plan(t, fmt.Sprintf("d%02d", i), fmt.Sprintf("地区%d", i%4), fmt.Sprintf("2025-01-%02d", i%28+1), items...))
	}
	s := Build(taxonomyConfig(), docs, Options{})
	th := s.Themes[0]
	if th.Items != 240 {
		t.Fatalf("items %d", th.Items)
	}
	seen := map[string]string{}
	for i, p := range th.Pages {
		n := 0
		for gi, g := range p.Groups {
			if g.Continued != (i > 0 && gi == 0 && seen["g:"+g.ID] != "") {
				t.Errorf("page %d group %s: Continued = %v", p.N, g.Name, g.Continued)
			}
			seen["g:"+g.ID] = p.URL
			for _, d := range g.Documents {
				if prev, ok := seen[d.ID]; ok {
					t.Errorf("%s on %s and %s", d.ID, prev, p.URL)
				}
				seen[d.ID] = p.URL
				n += len(mustEntries(t, d))
				if got := s.LinksOf(d.Doc).PassageURL("children", "i1"); got != p.URL+"#"+d.ID+"-i1" {
					t.Errorf("PassageURL %q, want on %s", got, p.URL)
				}
			}
		}
		if i < len(th.Pages)-1 && (n < ThemePageSize || n >= ThemePageSize+3) {
			t.Errorf("page %d has %d entries", p.N, n)
		}
	}
	if len(th.Pages) != 3 || th.Pages[1].URL != "/themes/children/page/2/" {
		t.Errorf("%d pages, second %s", len(th.Pages), th.Pages[1].URL)
	}
}

func TestRelated(t *testing.T) {
	docs := []*content.Document{
		plan(t, "x", "甲", "2025-01-01", "儿科。", "儿科。", "老年。"),
		plan(t, "same-themes-same-year", "乙", "2025-02-01", "儿科。", "儿科。", "老年。"),
		plan(t, "same-themes-old", "丙", "2023-02-01", "儿科。", "儿科。", "老年。"),
		plan(t, "other-theme", "丁", "2025-03-01", "中医。", "中医。"),
		plan(t, "half", "戊", "2025-01-05", "老年。", "老年。"),
	}
	s := Build(taxonomyConfig(), docs, Options{})
	var got []string
	for _, r := range s.LinksOf(docs[0]).Related() {
		got = append(got, r.Doc.Slug+":"+strings.Join(r.Shared, ","))
	}
	want := "same-themes-same-year:children,elderly same-themes-old:children,elderly half:elderly"
	if strings.Join(got, " ") != want {
		t.Errorf("related:\n got %v\nwant %s", got, want)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"海安市": "haianshi", "重庆市": "chongqingshi", "长沙市卫生健康委员会": "changshashiweishengjiankangweiyuanhui",
		"厦门市": "xiamenshi", "湖州市 卫健委": "huzhoushi-weijianwei", "A区(2025)": "aqu-2025", "": "",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
	got := slugs([]string{"海安市", "——", "海安是"}, map[string]string{"重庆市": "cq"})
	if got["海安市"] != "haianshi" || !strings.HasPrefix(got["海安是"], "haianshi-") || got["——"] == "" {
		t.Errorf("collisions: %v", got)
	}
	if got := slugs([]string{"重庆市"}, map[string]string{"重庆市": "cq"}); got["重庆市"] != "cq" {
		t.Errorf("override: %v", got)
	}
}

// TestThemeEntrySentence: a theme page's entry is the sentence that carries the theme, its
// phrase apart to be marked, cut with … around it; another theme of the same passage shows
// its own sentence.
func TestThemeEntrySentence(t *testing.T) {
	item := "加强基层卫生队伍建设，开展全员培训。" +
		"推进医疗服务能力提升，扩大优质资源覆盖面，加快建设区域儿科诊疗中心和危重新生儿救治中心，完善转诊网络，提升县域内就诊率和群众满意度。" +
		"发展老年医学。"
	s := Build(taxonomyConfig(), []*content.Document{plan(t, "a", "甲市", "2025-03-01", item)}, Options{})
	entry := func(slug string) Entry {
		for _, th := range s.Themes {
			if th.Slug == slug {
				return mustEntries(t, th.Pages[0].Groups[0].Documents[0])[0]
			}
		}
		t.Fatalf("no theme %s", slug)
		return Entry{}
	}
	c := entry("children")
	if c.Phrase != "儿科" || !strings.HasSuffix(c.Before, "加快建设区域") || !strings.HasPrefix(c.After, "诊疗中心") || !c.CutBefore || !c.CutAfter || c.Text != "" {
		t.Errorf("children: %+v", c)
	}
	if n := len([]rune(c.Before)); n > reasonBefore {
		t.Errorf("children: %d characters before the phrase", n)
	}
	if !strings.Contains(item, c.Before+c.Phrase+c.After) {
		t.Errorf("children: %q is not in the item", c.Before+c.Phrase+c.After)
	}
	e := entry("elderly")
	if e.Phrase != "老年" || e.Before != "发展" || e.After != "医学。" || !e.CutBefore || e.CutAfter {
		t.Errorf("elderly: %+v", e)
	}
}

// TestRelatedTies: among documents as close as each other (the same themes, the same year),
// the newest come first, and only RelatedMax of them.
func TestRelatedTies(t *testing.T) {
	docs := []*content.Document{plan(t, "x", "甲", "2025-06-01", "儿科。", "老年。")}
	for _, day := range []string{"03", "09", "01", "07", "05", "08", "02"} {
		docs = append(docs, plan(t, "d"+day, "乙", "2025-01-"+day, "儿科。", "老年。"))
	}
	s := Build(taxonomyConfig(), docs, Options{})
	var got []string
	for _, r := range s.LinksOf(docs[0]).Related() {
		got = append(got, r.Doc.Slug)
	}
	if want := "d09 d08 d07 d05 d03"; strings.Join(got, " ") != want {
		t.Errorf("related %v, want %s", got, want)
	}
}

// mustEntries is d's entries; an error fails the test.
func mustEntries(t testing.TB, d *ThemeDoc) []Entry {
	t.Helper()
	es, err := d.Entries()
	if err != nil {
		t.Fatal(err)
	}
	return es
}
