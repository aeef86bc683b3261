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
	// Browsing is set when filters list documents without a keyword.
	Browsing bool
	// Pinyin tells, per term typed in pinyin, the Han term searched and links to the others
	// read alike.
	Pinyin []PinyinView
	// Suggestions are links to queries that find something, when this one finds nothing.
	Suggestions []Link
}

// Link is a text with the URL it leads to.
type Link struct {
	Text, URL string
}

// PinyinView is a term typed in pinyin and what it was read as (按拼音 erke 搜索：儿科).
type PinyinView struct {
	Pinyin, Term string
	Others       []Link
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
	switch {
	case v.Q != "":
		title = "搜索：" + v.Q
	case v.Browsing:
		title = "浏览文件"
	}
	p := &Page{Config: r.cfg, Layout: "search", Title: title, URL: urls.Search, ColumnName: "搜索", Search: v,
		Crumbs: []Crumb{{"首页", urls.Home}, {"搜索", ""}}, Description: "在全部文件中检索关键词，按主题、机构、地区和年份筛选。"}
	return p
}

// Config returns the configuration the renderer was made with.
func (r *Renderer) Config() *config.Config { return r.cfg }
