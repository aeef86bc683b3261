package render_test

import (
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/internal/sitetest"
	"github.com/planportal/planportal/generator/site"
)

// atom is what RFC 4287 requires of a feed and its entries, decoded loosely so that missing or
// repeated elements can be counted.
type atom struct {
	XMLName xml.Name `xml:"feed"`
	IDs     []string `xml:"id"`
	Titles  []string `xml:"title"`
	Updated []string `xml:"updated"`
	Authors []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Authors []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		IDs     []string `xml:"id"`
		Titles  []string `xml:"title"`
		Updated []string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func absolute(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && u.Host != ""
}

// TestFeeds checks every feed of the fixture site against RFC 4287's requirements: one id,
// title and updated per feed and entry, ids absolute IRIs and unique, dates RFC 3339, a self
// link, an author for every entry, at most config.DefaultFeedLimit entries, newest first,
// each linking to a page that was built.
func TestFeeds(t *testing.T) {
	_, out := renderFixture(t)
	var feeds []string
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "feed.xml" {
			feeds = append(feeds, p)
		}
		return err
	})
	for _, want := range []string{"feed.xml", "themes/children/feed.xml", "regions"} {
		found := false
		for _, f := range feeds {
			rel, _ := filepath.Rel(out, f)
			found = found || strings.HasPrefix(filepath.ToSlash(rel), want)
		}
		if !found {
			t.Errorf("no feed %s", want)
		}
	}
	for _, f := range feeds {
		rel, _ := filepath.Rel(out, f)
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `<feed xmlns="http://www.w3.org/2005/Atom"`) {
			t.Errorf("%s: not in the Atom namespace", rel)
		}
		// Nothing said twice: an entry's date once (updated, no equal published), the
		// site's description in the site's feed only, links and categories closed in their
		// own tag.
		if n := strings.Count(string(b), "<subtitle>"); n != 0 && rel != "feed.xml" || n != 1 && rel == "feed.xml" {
			t.Errorf("%s: %d subtitles, want the site's description in the site's feed only", rel, n)
		}
		for _, twice := range []string{"<published>", "></link>", "></category>"} {
			if strings.Contains(string(b), twice) {
				t.Errorf("%s: %s says what is said already", rel, twice)
			}
		}
		var a atom
		if err := xml.Unmarshal(b, &a); err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if len(a.IDs) != 1 || !absolute(a.IDs[0]) || len(a.Titles) != 1 || len(a.Updated) != 1 || len(a.Authors) == 0 {
			t.Errorf("%s: feed needs one absolute id, one title, one updated and an author: %v %v %v %v", rel, a.IDs, a.Titles, a.Updated, a.Authors)
		}
		self := false
		for _, l := range a.Links {
			self = self || (l.Rel == "self" && absolute(l.Href))
		}
		if !self {
			t.Errorf("%s: no absolute rel=self link", rel)
		}
		if len(a.Entries) == 0 || len(a.Entries) > config.DefaultFeedLimit {
			t.Errorf("%s: %d entries", rel, len(a.Entries))
		}
		ids := map[string]bool{}
		var prev time.Time
		for i, e := range a.Entries {
			if len(e.IDs) != 1 || !absolute(e.IDs[0]) || ids[e.IDs[0]] || len(e.Titles) != 1 || e.Titles[0] == "" || len(e.Updated) != 1 {
				t.Errorf("%s: entry %d: ids %v titles %v updated %v", rel, i, e.IDs, e.Titles, e.Updated)
				continue
			}
			ids[e.IDs[0]] = true
			up, err := time.Parse(time.RFC3339, e.Updated[0])
			if err != nil {
				t.Errorf("%s: entry %d: %v", rel, i, err)
			}
			if i > 0 && up.After(prev) {
				t.Errorf("%s: entry %d is newer than the one before", rel, i)
			}
			prev = up
			if len(e.Links) != 1 || e.Links[0].Rel != "alternate" {
				t.Errorf("%s: entry %d: links %v", rel, i, e.Links)
				continue
			}
			u, _ := url.Parse(e.Links[0].Href)
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(u.Path), "index.html")); err != nil {
				t.Errorf("%s: entry %d links to %s, which was not built", rel, i, u.Path)
			}
		}
	}
}

// TestFeedAuthorOnce: an agency's and a unit's feed names the agency once, as the feed's
// author, which RFC 4287 gives every entry that has none; the portal's feeds (the site's, a
// theme's, a region's) name each entry's (and the publisher: TestPortalFeedsKeepPublisher).
// The agencies are the fixture's front matter's.
func TestFeedAuthorOnce(t *testing.T) {
	_, out := renderFixture(t)
	agencyOf := map[string]string{ // the fixture's plans' agency fields
		"haian-2025": "海安市卫生健康委员会", "minimal": "示例县卫生健康局", "shiyan-2025": "示例市卫生健康委员会",
	}
	checked := map[string]int{}
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "feed.xml" {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var a atom
		if err := xml.Unmarshal(b, &a); err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if len(a.Authors) != 1 || a.Authors[0].Name == "" {
			t.Errorf("%s: feed authors %v, want one", rel, a.Authors)
			return nil
		}
		agencies := map[string]bool{}
		for i, e := range a.Entries {
			if len(e.Links) != 1 {
				continue // TestFeeds
			}
			u, _ := url.Parse(e.Links[0].Href)
			slug := strings.Trim(strings.TrimPrefix(u.Path, "/plans/"), "/")
			want := agencyOf[slug]
			if want == "" {
				t.Errorf("%s: entry %d links %s, not a fixture plan", rel, i, u.Path)
				continue
			}
			agencies[want] = true
			got := a.Authors[0].Name // RFC 4287, 4.2.1
			if len(e.Authors) > 0 {
				got = e.Authors[0].Name
			}
			if len(e.Authors) > 1 || got != want {
				t.Errorf("%s: entry %d (%s) by %v, feed %q: want %s", rel, i, slug, e.Authors, a.Authors[0].Name, want)
			}
		}
		kind, _, _ := strings.Cut(rel, "/")
		if n := strings.Count(string(b), "<author>"); (kind == "units" || kind == "agencies") && n != 1 {
			t.Errorf("%s: %d authors in one agency's feed, want the feed's only", rel, n)
		}
		if kind == "units" || kind == "agencies" {
			checked[kind]++
		}
		return nil
	})
	if checked["units"] == 0 || checked["agencies"] == 0 {
		t.Errorf("feeds checked %v: want units' and agencies'", checked)
	}
}

// readFeed parses the feed at path and lists the paths its entries link to.
func readFeed(t *testing.T, path string) (a atom, links []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Entries {
		for _, l := range e.Links {
			u, _ := url.Parse(l.Href)
			links = append(links, u.Path)
		}
	}
	return a, links
}

// TestFeedLimit: config.toml's feed_limit is how many entries a feed holds, the newest by the
// published date each document states, and 0 is all of them. The fixture's plans are
// published 2025-03-04 (haian-2025), 2025-01-15 (shiyan-2025) and 2024-09-10 (minimal).
func TestFeedLimit(t *testing.T) {
	for _, tc := range []struct {
		limit int
		want  []string
	}{
		{2, []string{"/plans/haian-2025/", "/plans/shiyan-2025/"}},
		{1, []string{"/plans/haian-2025/"}},
		{0, []string{"/plans/haian-2025/", "/plans/shiyan-2025/", "/plans/minimal/"}},
	} {
		cfg, s := loadSite(t, fixtureDir)
		cfg.FeedLimit = tc.limit
		out := renderSite(t, cfg, s, themeDir)
		a, got := readFeed(t, filepath.Join(out, "feed.xml"))
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("feed_limit = %d: feed.xml lists %v, want %v", tc.limit, got, tc.want)
		}
		// The feed is as new as its newest entry, whatever the limit leaves out.
		if len(a.Updated) != 1 || a.Updated[0] != "2025-03-04T00:00:00+08:00" {
			t.Errorf("feed_limit = %d: updated %v, want 2025-03-04", tc.limit, a.Updated)
		}
	}
}

// TestSitemap: every built HTML page is in the sitemap with an absolute URL and a date, and
// robots.txt points at it.
func TestSitemap(t *testing.T) {
	_, out := renderFixture(t)
	b, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(b, &sm); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, u := range sm.URLs {
		p, err := url.Parse(u.Loc)
		if err != nil || !p.IsAbs() {
			t.Errorf("loc %q is not absolute", u.Loc)
			continue
		}
		if _, err := time.Parse("2006-01-02", u.Lastmod); err != nil {
			t.Errorf("%s: lastmod %q", u.Loc, u.Lastmod)
		}
		listed[p.Path] = true
	}
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(out, filepath.Dir(p))
		path := "/"
		if rel != "." {
			path = "/" + filepath.ToSlash(rel) + "/"
		}
		b, _ := os.ReadFile(p)
		noindex := strings.Contains(string(b), `<meta name="robots" content="noindex">`)
		if !listed[path] && !noindex {
			t.Errorf("%s is not in the sitemap", path)
		}
		if listed[path] && noindex {
			t.Errorf("%s is noindex but in the sitemap", path)
		}
		return nil
	})
	robots, _ := os.ReadFile(filepath.Join(out, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: http") || !strings.Contains(string(robots), "Disallow: /api/") {
		t.Errorf("robots.txt:\n%s", robots)
	}
}

// The feeds of the site, a theme and a region are the portal's (its publisher's), whatever
// agencies their newest entries happen to come from: only an agency's and a unit's feed is
// one agency's (feeds.go oneAuthor's own comment).
func TestPortalFeedsKeepPublisher(t *testing.T) {
	cfg, s := loadSite(t, fixtureDir)
	cfg.FeedLimit = 1
	publisher := cfg.Publisher
	if publisher == "" {
		publisher = cfg.Title
	}
	out := renderSite(t, cfg, s, themeDir)
	for _, f := range []string{"feed.xml", "regions/jiangsusheng/feed.xml", "themes/reform/feed.xml"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		var a atom
		if err := xml.Unmarshal(b, &a); err != nil {
			t.Fatal(err)
		}
		if len(a.Authors) != 1 || a.Authors[0].Name != publisher {
			t.Errorf("%s: feed author %v, want the portal's %q", f, a.Authors, publisher)
		}
	}
}

// A theme the configuration does not name (content loaded without the taxonomy's check, as
// an import or a test loads it) is labelled by Config.ThemeName, the one place that names a
// theme, in the feeds and the page's schema.org keywords alike: both left it out, so that a
// document's feed entry showed a bare slug beside labelled ones and its keywords lost it.
func TestUnknownThemeLabelled(t *testing.T) {
	dir := sitetest.Write(t, `-- config.toml --
title = "测试平台"
base_url = "https://plans.example.gov.cn/"
language = "zh-CN"
theme = "default"

[[themes]]
slug = "reform"
name = "医改与医共体"
keywords = ["医共体"]
-- content/plans/a.md --
+++
title = "甲市2025年卫生健康工作要点"
agency = "甲市卫生健康委员会"
region = "甲市"
published = "2025-03-01"
themes = ["reform", "rural-health"]
+++

## 一、重点工作

1. 推进紧密型县域医共体建设，完善乡村医疗卫生服务体系。
`)
	cfg, err := config.Load(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := content.NewLoader(content.Options{}).LoadDir(dir)
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("%v %v", err, res.Errors)
	}
	s := site.Build(cfg, res.Documents, site.Options{})
	if got := s.Analysis(res.Documents[0]).Themes(); !slices.Contains(got, "rural-health") {
		t.Fatalf("document themes %v: the fixture no longer carries a theme the configuration does not know", got)
	}
	out := renderSite(t, cfg, s, themeDir)
	b, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Entries []struct {
			Categories []struct {
				Term  string `xml:"term,attr"`
				Label string `xml:"label,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{}
	for _, e := range f.Entries {
		for _, c := range e.Categories {
			labels[c.Term] = c.Label
		}
	}
	for slug, want := range map[string]string{"reform": "医改与医共体", "rural-health": cfg.ThemeName("rural-health")} {
		if labels[slug] != want {
			t.Errorf("feed.xml: category %s labelled %q, want %q (Config.ThemeName)", slug, labels[slug], want)
		}
	}
	h := readPages(t, out)["plans/a/index.html"]
	m := ldRE.FindStringSubmatch(h)
	if m == nil {
		t.Fatal("no JSON-LD on the document page")
	}
	var ld struct{ Keywords []string }
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatal(err)
	}
	if want := []string{"医改与医共体", cfg.ThemeName("rural-health")}; !slices.Equal(ld.Keywords, want) {
		t.Errorf("JSON-LD keywords %v, want %v (Config.ThemeName of each theme)", ld.Keywords, want)
	}
}

// TestFeedsReachAYear: a feed holds the entries of the year before its newest one
// (render.FeedReach), whatever feed_limit allows, and the listing page it links to keeps the
// older ones. The fixture's agency publishes on 2025-03-01, 2024-06-01 and 2024-02-29, and
// names its 医政科 in a note of each: the last plan is 366 days older than the first.
func TestFeedsReachAYear(t *testing.T) {
	plan := func(slug, date, item string) string {
		return `-- content/plans/` + slug + `.md --
+++
title = "` + slug + `"
agency = "甲市卫生健康委员会"
region = "甲市"
published = "` + date + `"
+++

## 一、重点工作

1. ` + item + `（责任科室：医政科）
`
	}
	dir := sitetest.Write(t, `-- config.toml --
title = "测试平台"
base_url = "https://plans.example.gov.cn/"
language = "zh-CN"
theme = "default"
feed_limit = 0

[[themes]]
slug = "reform"
name = "医改与医共体"
keywords = ["医共体"]
`+plan("jia-2025", "2025-03-01", "推进紧密型县域医共体建设。")+plan("jia-2024", "2024-06-01", "推进医共体信息平台建设。")+
		plan("jia-2023", "2024-02-29", "完善医共体绩效考核办法。"))
	cfg, s := loadSite(t, dir)
	out := renderSite(t, cfg, s, themeDir)
	pages := readPages(t, out)
	for _, list := range []string{"agencies/", "regions/", "units/"} {
		var feed, page string
		_ = filepath.WalkDir(filepath.Join(out, list), func(p string, d os.DirEntry, err error) error {
			if err == nil && d.Name() == "feed.xml" && feed == "" {
				feed = p
			}
			return err
		})
		if feed == "" {
			t.Fatalf("no feed under %s", list)
		}
		rel, _ := filepath.Rel(out, filepath.Dir(feed))
		page = pages[filepath.ToSlash(rel)+"/index.html"]
		_, got := readFeed(t, feed)
		if want := "/plans/jia-2025/ /plans/jia-2024/"; strings.Join(got, " ") != want {
			t.Errorf("%s/feed.xml lists %v, want the plans of the year before 2025-03-01: %s", rel, got, want)
		}
		if !strings.Contains(page, `/plans/jia-2023/`) {
			t.Errorf("%s: the listing page no longer links the plan the feed leaves out", rel)
		}
	}
}
