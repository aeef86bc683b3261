package render

import (
	"fmt"
	"slices"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// pageKind is one type of page: the theme layout it is rendered with, the pages of it the
// site has (none for a page made on request, like search results), each handed to emit as it
// is made so that a render holds the pages it is writing and not the whole site's, and the
// URLs it owns whole
// besides: a URL ending in / owns every URL under it (the theme pages own /themes/, even
// those of a theme that has none yet), any other owns its file and what would lie under it.
type pageKind struct {
	layout string
	pages  func(r *Renderer, s *site.Site, emit func(*Page))
	owns   []string
}

// pageKinds is the list of the site's page types. A new type of page is a layout in the theme
// and one entry here: the theme must have every layout listed, the full render and the live
// preview render exactly these pages, the sitemap lists them, and no document may take their
// URLs (Conflicts).
var pageKinds = []pageKind{
	{"home", homePages, nil},
	{"404", notFoundPages, nil},
	{"list", sectionPages, nil},
	{"themes", themeIndexPages, nil},
	{"theme", themePages, []string{urls.Themes}},
	{"groups", groupIndexPages, groupURLs()},
	{"document", documentPages, nil},
	{"units", unitIndexPages, nil},
	{"unit", unitPages, []string{urls.Units}},
	{"indicators", indicatorPages, []string{urls.Indicators}},
	{"subject", subjectPages, nil},                   // under /indicators/, which indicators owns
	{"search", nil, []string{urls.Search, urls.API}}, // rendered per request by the search handler
}

// groupKinds are the listings of documents by agency, region and year.
var groupKinds = []struct {
	kind, url, name string
	groups          func(*site.Site) []*site.Group
}{
	{"regions", urls.Regions, "地区", func(s *site.Site) []*site.Group { return s.Regions }},
	{"agencies", urls.Agencies, "发布机构", func(s *site.Site) []*site.Group { return s.Agencies }},
	{"years", urls.Years, "年份", func(s *site.Site) []*site.Group { return s.Years }},
}

// groupURLs are the URLs of the listings of documents by agency, region and year.
func groupURLs() []string {
	var out []string
	for _, k := range groupKinds {
		out = append(out, k.url)
	}
	return out
}

// eachPageJob calls fn with every page of the site and the file it goes to, in the order of
// pageKinds, each page made when its turn comes.
func (r *Renderer) eachPageJob(s *site.Site, fn func(pageJob)) {
	for _, k := range pageKinds {
		if k.pages == nil {
			continue
		}
		k.pages(r, s, func(p *Page) {
			if p.Layout == "" {
				p.Layout = k.layout
			}
			fn(pageAt(p))
		})
	}
}

// pageAt is the job of rendering a page into the file that serves its URL.
func pageAt(p *Page) pageJob { return pageJob{file: urls.File(p.URL), page: p} }

func (r *Renderer) page(s *site.Site, title, url string) *Page {
	return &Page{Site: s, Config: r.cfg, Title: title, URL: url}
}

func homePages(r *Renderer, s *site.Site, emit func(*Page)) {
	home := r.page(s, "", urls.Home)
	home.Description = r.cfg.Description
	home.ColumnName = "首页"
	home.Crumbs = []Crumb{{"首页", ""}}
	home.List = &List{Documents: s.Documents[:min(len(s.Documents), HomeLatest)], Total: len(s.Documents)}
	emit(home)
}

func notFoundPages(r *Renderer, s *site.Site, emit func(*Page)) {
	nf := r.page(s, "页面未找到", urls.NotFound)
	nf.NoIndex = true
	nf.Crumbs = []Crumb{{"首页", urls.Home}, {"页面未找到", ""}}
	emit(nf)
}

func sectionPages(r *Renderer, s *site.Site, emit func(*Page)) {
	for _, sec := range s.Sections {
		for _, p := range r.listPages(s, sec.URL, sec.Name, sec.Documents, nil, site.Orderings) {
			emit(p)
		}
	}
}

func documentPages(r *Renderer, s *site.Site, emit func(*Page)) {
	for _, d := range s.Documents {
		emit(documentPage(r, s, d))
	}
}

// documentPage is a published document's page.
func documentPage(r *Renderer, s *site.Site, d *content.Document) *Page {
	p := r.page(s, d.Meta.Title, d.URL)
	// The page shows the document's text, which the site gives (Body): d is the head its
	// lists hold. Once the site has let the text go, the page is the error (Page.err).
	p.Doc = d
	if body, err := s.Body(d); err != nil {
		p.err = err
	} else {
		p.Doc = body
	}
	p.Links = s.LinksOf(d)
	p.Description = d.Meta.Summary
	if p.Description == "" {
		p.Description = fmt.Sprintf("%s %s发布的%s。", d.Meta.Agency, d.Meta.Published.Chinese(), d.Meta.Title)
		if !d.Meta.Original() {
			p.Description = fmt.Sprintf("%s（%s，%s）。", d.Meta.Title, d.Meta.Nature, d.Meta.Published.Chinese())
		}
	}
	p.ColumnName = r.cfg.SectionName(d.Section)
	p.Crumbs = []Crumb{{"首页", urls.Home}}
	if d.Section != "" {
		p.Crumbs = append(p.Crumbs, Crumb{p.ColumnName, urls.Section(d.Section)})
	}
	p.Crumbs = append(p.Crumbs, Crumb{d.Meta.Title, ""})
	return p
}

// themeIndexPages is the index of themes.
func themeIndexPages(r *Renderer, s *site.Site, emit func(*Page)) {
	idx := r.page(s, "主题分类", urls.Themes)
	idx.ColumnName = "主题"
	idx.Description = fmt.Sprintf("按主题浏览%d个主题下的文件与条目，比较各地的工作安排。", len(s.Themes))
	idx.Crumbs = []Crumb{{"首页", urls.Home}, {"主题", ""}}
	emit(idx)
}

// themePages are each theme's pages and those of the untagged items.
func themePages(r *Renderer, s *site.Site, emit func(*Page)) {
	home, themesCrumb := Crumb{"首页", urls.Home}, Crumb{"主题", urls.Themes}
	for _, t := range append(append([]*site.Theme(nil), s.Themes...), s.Untagged) {
		for _, tp := range t.Pages {
			title := t.Name
			if tp.N > 1 {
				title = fmt.Sprintf("%s（第%d页）", t.Name, tp.N)
			}
			p := r.page(s, title, tp.URL)
			p.ColumnName, p.Theme, p.ThemePage = "主题", t, tp
			p.NoIndex = t == s.Untagged // for editors refining keywords, not for the public
			p.Crumbs = []Crumb{home, themesCrumb, {title, ""}}
			p.Description = fmt.Sprintf("主题“%s”：%d篇文件中的%d个条目，按地区比较。%s", t.Name, t.Documents, t.Items, t.Description)
			if tp.N > 1 {
				p.Crumbs = []Crumb{home, themesCrumb, {t.Name, t.URL}, {fmt.Sprintf("第%d页", tp.N), ""}}
			}
			p.Pager = pager(tp.N, len(t.Pages), func(n int) string { return t.Pages[n-1].URL })
			emit(p)
		}
		if t.Table == "" {
			continue
		}
		// The theme's documents as the policy-library table, as every listing has it.
		for _, lp := range r.listPages(s, t.Table, t.Name+"：文件列表", s.ThemeDocuments(t.Slug), []Crumb{themesCrumb, {t.Name, t.URL}}, site.NewestFirst) {
			lp.ColumnName, lp.Theme = "主题", t
			emit(lp)
		}
	}
}

// groupIndexPages are the indexes of agencies, regions and years, each followed by its
// groups' listings.
func groupIndexPages(r *Renderer, s *site.Site, emit func(*Page)) {
	home := Crumb{"首页", urls.Home}
	for _, k := range groupKinds {
		gs := k.groups(s)
		p := r.page(s, "按"+k.name+"浏览", k.url)
		p.ColumnName, p.Groups, p.GroupKind = k.name, gs, k.kind
		if k.kind == "regions" {
			p.Groups = s.RegionRoots // the index shows the hierarchy from the top
		}
		p.Crumbs = []Crumb{home, {k.name, ""}}
		p.Description = fmt.Sprintf("按%s浏览：共%d个%s。", k.name, len(gs), k.name)
		emit(p)
		for _, g := range gs {
			name := g.Name
			if k.kind == "years" {
				name += "年"
			}
			crumbs := []Crumb{{k.name, k.url}}
			if k.kind == "regions" {
				for _, a := range g.Ancestors() {
					crumbs = append(crumbs, Crumb{a.Name, a.URL})
				}
			}
			for _, lp := range r.listPages(s, g.URL, name, g.Documents, crumbs, site.Orderings) {
				if k.kind != "years" {
					lp.Group = g // its feed, its place in the hierarchy
				}
				lp.GroupKind, lp.Scope = k.kind, scopeOf(k.kind, g)
				emit(lp)
			}
		}
	}
}

// listPages paginates a listing of documents, the policy-library table, in each of orders
// (site.Orderings, or site.NewestFirst), the default order first: url, url/page/2/, … newest
// published first, then url/sort/<key>/ and its pages for each other order, PageSize entries a
// page (layout "list"). The other orders are noindex: the same documents, for readers, not for
// crawlers.
func (r *Renderer) listPages(s *site.Site, url, title string, docs []*content.Document, parents []Crumb, orders []site.Ordering) []*Page {
	var out []*Page
	// An order that lists the documents as an earlier one does (any order of one document;
	// by 成文日期 when it follows 发布日期) is not rendered again: its link goes to that one.
	same := map[string]string{} // ordering key → the key of the ordering rendered for it
	var seen [][]*content.Document
	var seenKeys []string
	for _, o := range orders {
		sorted := o.Sorted(docs)
		if i := slices.IndexFunc(seen, func(d []*content.Document) bool { return slices.Equal(d, sorted) }); i >= 0 {
			same[o.Key] = seenKeys[i]
			continue
		}
		seen, seenKeys = append(seen, sorted), append(seenKeys, o.Key)
		same[o.Key] = o.Key
		t := title
		if o.Key != "" {
			t = title + "（" + o.Label + "）"
		}
		for _, p := range r.orderedPages(s, urls.Sorted(url, o.Key), t, sorted, parents) {
			p.List.Order = o
			p.NoIndex = o.Key != ""
			out = append(out, p)
		}
	}
	for _, p := range out {
		p.List.Heads = sortHeads(url, p.List.Order, same, orders)
	}
	return out
}

// SortHead is a date column of the table: its label, whether the table is in its order and
// which way, and the link that sorts by it (newest first, or the other way round when the
// table is in its order already; "" when that order is not rendered). Sorted
// marks the column the page was rendered for (aria-sort); Current may hold for both columns
// when the two orders list the same.
type SortHead struct {
	Label   string
	Current bool
	Sorted  bool
	Desc    bool
	URL     string
	Next    string // what the link does: 按成文日期从新到旧排序
}

// sortHeads are the 成文日期 and 发布日期 columns' headers of a listing at url in order o, one
// of orders; same maps each ordering to the one rendered for it, so a page in order o stands
// for every ordering that lists the documents as o does.
func sortHeads(url string, o site.Ordering, same map[string]string, orders []site.Ordering) []SortHead {
	var out []SortHead
	for _, field := range []string{"written", "published"} {
		h := SortHead{Label: content.FieldByKey(field).Label, Sorted: o.Field == field}
		for _, t := range orders {
			if t.Field == field && same[t.Key] == o.Key && (!h.Current || t == o) {
				h.Current, h.Desc = true, t.Desc
			}
		}
		wantDesc := !(h.Current && h.Desc) // a click on a column in its order reverses it
		for _, t := range orders {
			if t.Field == field && t.Desc == wantDesc {
				h.URL, h.Next = urls.Sorted(url, same[t.Key]), t.Label+"排序"
			}
		}
		out = append(out, h)
	}
	return out
}

// orderedPages paginates one ordering of a listing: url, then url/page/2/, ….
func (r *Renderer) orderedPages(s *site.Site, url, title string, docs []*content.Document, parents []Crumb) []*Page {
	pages := max(1, (len(docs)+PageSize-1)/PageSize)
	pageURL := func(n int) string { return urls.Page(url, n) }
	var out []*Page
	for n := 1; n <= pages; n++ {
		lo, hi := (n-1)*PageSize, min(n*PageSize, len(docs))
		l := &List{Documents: docs[lo:hi], Page: n, Pages: pages, Total: len(docs)}
		if n > 1 {
			l.Prev = pageURL(n - 1)
		}
		if n < pages {
			l.Next = pageURL(n + 1)
		}
		t := title
		if n > 1 {
			t = fmt.Sprintf("%s（第%d页）", title, n)
		}
		p := r.page(s, t, pageURL(n))
		p.Layout, p.ColumnName, p.List = "list", title, l
		p.Description = fmt.Sprintf("%s：共%d篇文件，第%d页。", title, len(docs), n)
		if pages == 1 {
			p.Description = fmt.Sprintf("%s：共%d篇文件。", title, len(docs))
		}
		p.Crumbs = append(append([]Crumb{{"首页", urls.Home}}, parents...), Crumb{title, ""})
		p.Pager = pager(n, pages, pageURL)
		out = append(out, p)
	}
	return out
}

// SearchParam is a hidden parameter of a search box scoped to a listing.
type SearchParam struct{ Name, Value string }

// scopeOf is what a search from a group's listing is filtered by: its province, the regions
// within a smaller place, its agency or its year (the search facets' parameters).
func scopeOf(kind string, g *site.Group) []SearchParam {
	switch {
	case kind == "agencies":
		return []SearchParam{{"agency", g.Key}}
	case kind == "years":
		return []SearchParam{{"year", g.Key}}
	case g.Level == site.LevelProvince:
		return []SearchParam{{"province", g.Place}}
	}
	var out []SearchParam
	for _, r := range g.RegionNames() {
		out = append(out, SearchParam{"region", r})
	}
	return out
}

// UnitIndexPageSize is about how many units and leaders one page of the index of units
// lists: an agency's are never split, so a page may hold more when one agency names more.
const UnitIndexPageSize = 300

// unitIndexPages is the index of the units and leaders responsibility notes name, by agency,
// paginated: /units/, /units/page/2/, ….
func unitIndexPages(r *Renderer, s *site.Site, emit func(*Page)) {
	var chunks [][]site.UnitGroup
	n := 0
	for _, g := range s.UnitGroups() {
		size := len(g.Leaders) + len(g.Units)
		if len(chunks) == 0 || (n > 0 && n+size > r.unitsPerPage) {
			chunks, n = append(chunks, nil), 0
		}
		chunks[len(chunks)-1] = append(chunks[len(chunks)-1], g)
		n += size
	}
	pages := max(1, len(chunks))
	pageURL := func(k int) string { return urls.Page(urls.Units, k) }
	for k := 1; k <= pages; k++ {
		title := "责任单位与负责领导"
		if k > 1 {
			title = fmt.Sprintf("%s（第%d页）", title, k)
		}
		p := r.page(s, title, pageURL(k))
		p.Layout, p.ColumnName = "units", "责任单位"
		if len(chunks) > 0 {
			p.UnitGroups = chunks[k-1]
		}
		p.Crumbs = []Crumb{{"首页", urls.Home}, {"责任单位", ""}}
		if k > 1 {
			p.Crumbs = []Crumb{{"首页", urls.Home}, {"责任单位", urls.Units}, {fmt.Sprintf("第%d页", k), ""}}
		}
		p.Description = fmt.Sprintf("工作要点逐条标注的责任单位与分管领导：共%d个，按发布机构列出。", len(s.Units))
		p.Pager = pager(k, pages, pageURL)
		emit(p)
	}
}

// unitPages are the pages of each unit and leader: the items that name it, across plans.
func unitPages(r *Renderer, s *site.Site, emit func(*Page)) {
	for _, u := range s.Units {
		p := r.page(s, u.Name+"（"+u.Agency+"）", u.URL)
		p.ColumnName, p.Unit = "责任单位", u
		p.Crumbs = []Crumb{{"首页", urls.Home}, {"责任单位", urls.Units}, {u.Name, ""}}
		p.Description = fmt.Sprintf("%s %s负责的%d个条目，见于%d篇文件。", u.Agency, u.Name, len(u.Entries), len(u.Documents))
		emit(p)
	}
}

// IndicatorPageSize is the number of targets on one page of a list of indicators. A row is
// about 120 bytes and what every page repeats (head, header, intro, the table's head, pager,
// footer) about 5 KB: at 100 rows that was a third of the lists' bytes (a target is on four to
// five lists), at 200 it is a fifth, and a page of 200 rows is about 25 KB (5 KB gzipped) and
// 1,200 elements.
const IndicatorPageSize = 200

// indicatorPages are the list of every target and the lists by theme, region and year (the
// filters a reader picks by following a link: no script), each paginated.
func indicatorPages(r *Renderer, s *site.Site, emit func(*Page)) {
	for _, l := range append([]*site.IndicatorList{s.Indicators}, append(append(append([]*site.IndicatorList{}, s.IndicatorsBy.Themes...), s.IndicatorsBy.Regions...), s.IndicatorsBy.Years...)...) {
		title := "指标一览"
		if l.Kind != "" {
			title = "指标一览：" + l.Name
		}
		for _, p := range r.indicatorListPages(s, l, title) {
			p.Crumbs = []Crumb{{"首页", urls.Home}, {"指标", urls.Indicators}, {p.Title, ""}}
			if l.Kind == "" {
				p.Crumbs = []Crumb{{"首页", urls.Home}, {p.Title, ""}}
			}
			p.Description = fmt.Sprintf("%s：工作要点中的%d项量化指标（目标值、单位、年份与出处）。", title, len(l.Indicators))
			emit(p)
		}
	}
	// The regions are many: one page lists them, rather than every list page.
	regions := r.page(s, "指标一览：按地区", urls.IndicatorList("regions", ""))
	regions.ColumnName = "指标"
	regions.Crumbs = []Crumb{{"首页", urls.Home}, {"指标", urls.Indicators}, {"按地区", ""}}
	regions.Description = fmt.Sprintf("按地区浏览量化指标：%d个地区。", len(s.IndicatorsBy.Regions))
	emit(regions)
}

// indicatorListPages paginates a list of targets: its URL, then URL/page/2/, …, with
// r.indicatorsPerPage rows a page.
func (r *Renderer) indicatorListPages(s *site.Site, l *site.IndicatorList, title string) []*Page {
	n := len(l.Indicators)
	pages := max(1, (n+r.indicatorsPerPage-1)/r.indicatorsPerPage)
	pageURL := func(k int) string { return urls.Page(l.URL, k) }
	var out []*Page
	for k := 1; k <= pages; k++ {
		t := title
		if k > 1 {
			t = fmt.Sprintf("%s（第%d页）", title, k)
		}
		p := r.page(s, t, pageURL(k))
		p.ColumnName, p.Indicators = "指标", l
		p.IndicatorRows = l.Indicators[(k-1)*r.indicatorsPerPage : min(k*r.indicatorsPerPage, n)]
		p.Pager = pager(k, pages, pageURL)
		out = append(out, p)
	}
	return out
}

// subjectPages compare a configured subject's targets across regions and years, in pages
// of the same length as the lists of targets.
func subjectPages(r *Renderer, s *site.Site, emit func(*Page)) {
	for _, l := range s.IndicatorsBy.Subjects {
		for _, p := range r.indicatorListPages(s, l, l.Name+"：各地目标对比") {
			p.Crumbs = []Crumb{{"首页", urls.Home}, {"指标", urls.Indicators}, {l.Name, ""}}
			if p.URL != l.URL {
				p.Crumbs = []Crumb{{"首页", urls.Home}, {"指标", urls.Indicators}, {l.Name, l.URL}, {p.Title, ""}}
			}
			p.Description = fmt.Sprintf("%s：%d个地区、年份的目标值对比，附原文出处。", l.Name, len(l.Indicators))
			emit(p)
		}
	}
}
