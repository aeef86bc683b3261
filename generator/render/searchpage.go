package render

import (
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/urls"
)

// SearchView is what the search page shows: the query, its results or its error, and the
// facets as filter links. The server builds it; the theme's search.html lays it out.
type SearchView struct {
	Q      string
	Sort   string
	Error  string
	Resp   *search.Response
	Facets []FacetView
	// Active lists the filters in force, each with the URL that removes it.
	Active []FacetValue
	// SortURLs switch the order, keeping everything else.
	RelevanceURL, DateURL string
	Prev, Next            string
	Pages                 int
	From, To              string
}

// FacetView is one facet (主题, 发布机构, …) with its values.
type FacetView struct {
	Name   string // the filter's query parameter: theme, agency, …
	Label  string // 主题分类
	Values []FacetValue
}

// FacetValue is one value of a facet, with the URL that toggles it as a filter.
type FacetValue struct {
	Param  string // the filter's query parameter (theme)
	Facet  string // label of its facet, for the list of active filters
	Value  string
	Label  string
	Count  int
	URL    string
	Active bool
}

// SearchPage returns the page for a search view, ready for RenderPage.
func (r *Renderer) SearchPage(v *SearchView) *Page {
	title := "搜索"
	if v.Q != "" {
		title = "搜索：" + v.Q
	}
	p := &Page{Config: r.cfg, Layout: "search", Title: title, URL: urls.Search, ColumnName: "搜索", Search: v,
		Crumbs: []Crumb{{"首页", urls.Home}, {"搜索", ""}}, Description: "在全部文件中检索关键词，按主题、机构、地区和年份筛选。"}
	return p
}

// Config returns the configuration the renderer was made with.
func (r *Renderer) Config() *config.Config { return r.cfg }
