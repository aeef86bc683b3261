package render

import (
	"fmt"

	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// groupKinds are the listings of documents by agency, region and year.
var groupKinds = []struct {
	kind, url, name string
	groups          func(*site.Site) []*site.Group
}{
	{"regions", urls.Regions, "地区", func(s *site.Site) []*site.Group { return s.Regions }},
	{"agencies", urls.Agencies, "发布机构", func(s *site.Site) []*site.Group { return s.Agencies }},
	{"years", urls.Years, "年份", func(s *site.Site) []*site.Group { return s.Years }},
}

// taxonomyJobs lists the theme pages (the index, each theme's pages, the untagged items) and
// the agency, region and year indexes and listings.
func (r *Renderer) taxonomyJobs(s *site.Site) []pageJob {
	home := Crumb{"首页", urls.Home}
	themesCrumb := Crumb{"主题", urls.Themes}
	idx := &Page{Site: s, Config: r.cfg, Layout: "themes", Title: "主题分类", URL: urls.Themes, ColumnName: "主题",
		Description: fmt.Sprintf("按主题浏览%d个主题下的文件与条目，比较各地的工作安排。", len(s.Themes)),
		Crumbs:      []Crumb{home, {"主题", ""}}}
	jobs := []pageJob{pageAt(idx)}
	for _, t := range append(append([]*site.Theme(nil), s.Themes...), s.Untagged) {
		for _, tp := range t.Pages {
			title := t.Name
			if tp.N > 1 {
				title = fmt.Sprintf("%s（第%d页）", t.Name, tp.N)
			}
			p := &Page{Site: s, Config: r.cfg, Layout: "theme", Title: title, URL: tp.URL, ColumnName: "主题",
				Theme: t, ThemePage: tp, Crumbs: []Crumb{home, themesCrumb, {title, ""}},
				Description: fmt.Sprintf("主题“%s”：%d篇文件中的%d个条目，按地区比较。%s", t.Name, t.Documents, t.Items, t.Description)}
			if tp.N > 1 {
				p.Crumbs = []Crumb{home, themesCrumb, {t.Name, t.URL}, {fmt.Sprintf("第%d页", tp.N), ""}}
			}
			p.Pager = pager(tp.N, len(t.Pages), func(n int) string { return t.Pages[n-1].URL })
			jobs = append(jobs, pageAt(p))
		}
	}
	for _, k := range groupKinds {
		gs := k.groups(s)
		p := &Page{Site: s, Config: r.cfg, Layout: "groups", Title: "按" + k.name + "浏览", URL: k.url, ColumnName: k.name,
			Groups: gs, GroupKind: k.kind, Crumbs: []Crumb{home, {k.name, ""}},
			Description: fmt.Sprintf("按%s浏览：共%d个%s。", k.name, len(gs), k.name)}
		jobs = append(jobs, pageAt(p))
		for _, g := range gs {
			name := g.Name
			if k.kind == "years" {
				name += "年"
			}
			for _, j := range r.listJobs(s, g.URL, name, g.Documents, []Crumb{{k.name, k.url}}) {
				if k.kind != "years" {
					j.page.Group = g // its feed
				}
				jobs = append(jobs, j)
			}
		}
	}
	return jobs
}
