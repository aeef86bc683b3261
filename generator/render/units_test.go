package render_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/internal/sitetest"
	"github.com/planportal/planportal/generator/render"
)

// unitsSite: two agencies each name a 办公室; one item has a leader, a lead unit, a
// cooperating unit and a deadline; an annex section names its leader in a paragraph. Item 1
// is item 13 of content/plans/haian-2025.md, whose lead is its first sentence.
const unitsSite = `-- config.toml --
title = "测试"
base_url = "https://example.gov.cn/"
-- content/plans/a.md --
+++
title = "甲市2025年工作要点"
agency = "甲市卫生健康委员会"
region = "甲市"
published = "2025-03-01"
+++

## 一、工作

1. 深化薪酬制度改革。加强与人社、财政部门的沟通协调，合理确定公立医院薪酬水平，完善内部绩效考核办法，逐步实现公立医院收入分配的科学化和规范化。（分管领导：王一；责任科室：办公室）

2. 建设家庭病床170张。（牵头单位：医政科；配合单位：办公室；完成时限：2025年6月底前）

# 附件：行动

## 行动一：巡诊行动

牵头负责人：王一

开展专家巡诊，覆盖全部乡镇卫生院，提升基层诊疗水平和群众满意度。
-- content/plans/b.md --
+++
title = "乙市2025年工作要点"
agency = "乙市卫生健康委员会"
region = "乙市"
published = "2025-04-01"
+++

1. 做好值班工作。**（分管领导：李二；责任科室：办公室）**
`

var (
	noteLinkRE = regexp.MustCompile(`<dl class="?note"?>(.*?)</dl>`)
	aHrefRE    = regexp.MustCompile(`<a href="?([^" >]+)"?(?: tabindex="?-1"?)?>([^<]+)</a>`)
)

// Every name in a note links to its unit's or leader's page, which lists the items naming it
// (and only those) and has a feed; two agencies' 办公室 are two pages.
func TestUnitPages(t *testing.T) {
	cfg, s := loadSite(t, sitetest.Write(t, unitsSite))
	out := renderSite(t, cfg, s, themeDir)
	pages := readPages(t, out)
	// The expected entries, by hand: unit page → item texts it must list.
	want := map[string][]string{
		"甲市卫生健康委员会/办公室": {"深化薪酬制度改革。", "建设家庭病床170张。"},
		"甲市卫生健康委员会/医政科": {"建设家庭病床170张。"},
		"甲市卫生健康委员会/王一":  {"深化薪酬制度改革。", "行动一：巡诊行动"},
		"乙市卫生健康委员会/办公室": {"做好值班工作。"},
		"乙市卫生健康委员会/李二":  {"做好值班工作。"},
	}
	linked := map[string]string{} // agency/name → URL
	for _, doc := range []struct{ page, agency string }{{"plans/a/index.html", "甲市卫生健康委员会"}, {"plans/b/index.html", "乙市卫生健康委员会"}} {
		for _, dd := range noteLinkRE.FindAllStringSubmatch(pages[doc.page], -1) {
			for _, a := range aHrefRE.FindAllStringSubmatch(dd[1], -1) {
				linked[doc.agency+"/"+a[2]] = a[1]
			}
		}
	}
	if len(linked) != len(want) {
		t.Errorf("note links %v, want one per unit and leader of %v", linked, want)
	}
	if linked["甲市卫生健康委员会/办公室"] == linked["乙市卫生健康委员会/办公室"] {
		t.Errorf("two agencies' 办公室 share the page %s", linked["甲市卫生健康委员会/办公室"])
	}
	for key, items := range want {
		u := linked[key]
		if !strings.HasPrefix(u, "/units/") {
			t.Errorf("%s: linked to %q, want a page under /units/", key, u)
			continue
		}
		html, ok := pages[strings.TrimPrefix(u, "/")+"index.html"]
		if !ok {
			t.Errorf("%s: %s not rendered", key, u)
			continue
		}
		entries := regexp.MustCompile(`<a class="?entry-link"?`).FindAllStringIndex(html, -1)
		if len(entries) != len(items) {
			t.Errorf("%s: %d entries, want %d", key, len(entries), len(items))
		}
		for _, it := range items {
			if !strings.Contains(html, it) {
				t.Errorf("%s: %s does not list %s", key, u, it)
			}
		}
		if !strings.Contains(html, `type="application/atom+xml"`) && !strings.Contains(html, `type=application/atom+xml`) {
			t.Errorf("%s: page does not link its feed", key)
		}
		feed, err := os.ReadFile(filepath.Join(out, strings.TrimPrefix(u, "/"), "feed.xml"))
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		var f struct {
			Entries []struct {
				Title   string `xml:"title"`
				Summary string `xml:"summary"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(feed, &f); err != nil || len(f.Entries) != len(items) {
			t.Errorf("%s: feed %v, %d entries, want one per item: %v", key, err, len(f.Entries), items)
			continue
		}
		// The feed lists the unit's items, as its page does.
		var got []string
		for _, e := range f.Entries {
			got = append(got, e.Summary)
		}
		for _, it := range items {
			if !slices.Contains(got, it) {
				t.Errorf("%s: feed entries %v lack the item %s", key, got, it)
			}
		}
	}
	idx := pages["units/index.html"]
	for key, u := range linked {
		if !strings.Contains(idx, u) {
			t.Errorf("the index of units does not link %s (%s)", key, u)
		}
	}
	// The notes' links leave the long document pages' tab order; each agency's page lists its
	// leaders and units with links a keyboard reaches.
	agencyPage := map[string]string{}
	for name, h := range pages {
		if m := h1RE.FindStringSubmatch(h); m != nil && strings.HasPrefix(name, "agencies/") && strings.Count(name, "/") == 2 {
			agencyPage[m[1]] = h
		}
	}
	for key, u := range linked {
		agency, _, _ := strings.Cut(key, "/")
		h, ok := agencyPage[agency]
		if !ok {
			t.Errorf("no page for the agency %s", agency)
			continue
		}
		if !regexp.MustCompile(`<a href="?` + regexp.QuoteMeta(u) + `"?>`).MatchString(h) {
			t.Errorf("%s's page does not link %s (%s) as a tab stop", agency, key, u)
		}
	}
}

var (
	unitLinkRE = regexp.MustCompile(`<li><a href="?(/units/[^" >]+/)"?>`)
	agencyH2RE = regexp.MustCompile(`<h2 id="?ug\d+-h"?>([^<]+)</h2>`)
)

// The index of units is paginated by agency: every unit and leader is linked from exactly one
// page, an agency's are never split across pages, and the pages link each other.
func TestUnitIndexPaginated(t *testing.T) {
	cfg, s := loadSite(t, sitetest.Write(t, unitsSite))
	r, err := render.New(cfg, themeDir)
	if err != nil {
		t.Fatal(err)
	}
	// 甲市 names three (王一, 办公室, 医政科), 乙市 two (李二, 办公室): with two a page,
	// each agency has a page of its own, 甲市's over the limit rather than split.
	render.SetPageSizes(r, 2, render.IndicatorPageSize)
	out := t.TempDir()
	if _, err := r.Render(s, &render.DirOutput{Dir: out}, nil); err != nil {
		t.Fatal(err)
	}
	pages := readPages(t, out)
	index := []string{"units/index.html", "units/page/2/index.html"}
	if _, ok := pages["units/page/3/index.html"]; ok {
		t.Errorf("a third page of units for two agencies")
	}
	seen := map[string]int{}
	agencies := map[string][]string{}
	for _, name := range index {
		html, ok := pages[name]
		if !ok {
			t.Fatalf("%s not rendered", name)
		}
		for _, m := range unitLinkRE.FindAllStringSubmatch(html, -1) {
			seen[m[1]]++
		}
		for _, m := range agencyH2RE.FindAllStringSubmatch(html, -1) {
			agencies[name] = append(agencies[name], m[1])
		}
	}
	if got := strings.Join(agencies[index[0]], " ") + " | " + strings.Join(agencies[index[1]], " "); got != "甲市卫生健康委员会 | 乙市卫生健康委员会" && got != "乙市卫生健康委员会 | 甲市卫生健康委员会" {
		t.Errorf("agencies by page: %s, want one agency a page", got)
	}
	var units []string
	for name := range pages {
		if strings.HasPrefix(name, "units/") && !strings.HasPrefix(name, "units/page/") && name != "units/index.html" {
			units = append(units, "/"+strings.TrimSuffix(name, "index.html"))
		}
	}
	if len(units) != 5 {
		t.Fatalf("%d unit pages %v, want 5", len(units), units)
	}
	for _, u := range units {
		if seen[u] != 1 {
			t.Errorf("%s linked %d times from the index pages, want once", u, seen[u])
		}
	}
	if !strings.Contains(pages[index[0]], `href="/units/page/2/" rel="next"`) && !strings.Contains(pages[index[0]], `href=/units/page/2/ rel=next`) {
		t.Errorf("the first page of units does not link the second")
	}
}

// A unit's page and feed name each item by its lead (content.Lead) and link to the item on
// its document's page, where the whole text is; they do not repeat the text.
func TestUnitPagesShowLeads(t *testing.T) {
	cfg, s := loadSite(t, sitetest.Write(t, unitsSite))
	out := renderSite(t, cfg, s, themeDir)
	pages := readPages(t, out)
	doc := pages["plans/a/index.html"]
	rest := "加强与人社、财政部门的沟通协调" // item 1 past its first sentence
	if !strings.Contains(doc, rest) {
		t.Fatalf("the document's page lacks item 1's whole text")
	}
	unit := "units/jiashiweishengjiankangweiyuanhui-bangongshi/"
	html, ok := pages[unit+"index.html"]
	if !ok {
		t.Fatalf("%s not rendered", unit)
	}
	links := regexp.MustCompile(`<a class="?entry-link"? href="?([^" >]+)"?>(.*?)</a>`).FindAllStringSubmatch(html, -1)
	tag := regexp.MustCompile(`<[^>]+>`)
	var got []string
	for _, l := range links {
		got = append(got, l[1]+" "+tag.ReplaceAllString(l[2], ""))
	}
	want := []string{"/plans/a/#s1-i1 1.深化薪酬制度改革。", "/plans/a/#s1-i2 2.建设家庭病床170张。"}
	if !slices.Equal(got, want) {
		t.Errorf("%s: entries %q, want %q", unit, got, want)
	}
	if strings.Contains(html, rest) {
		t.Errorf("%s repeats item 1's text past its lead", unit)
	}
	for _, l := range links {
		_, anchor, _ := strings.Cut(l[1], "#")
		if !regexp.MustCompile(`id="?` + anchor + `[" >]`).MatchString(doc) {
			t.Errorf("%s links %s, which is no id on the document's page", unit, l[1])
		}
	}
	feed, err := os.ReadFile(filepath.Join(out, unit, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Entries []struct {
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(feed, &f); err != nil || len(f.Entries) != 2 || f.Entries[0].Summary != "深化薪酬制度改革。" {
		t.Errorf("%s feed: %v %+v, want the leads as summaries, the first 深化薪酬制度改革。", unit, err, f.Entries)
	}
}
