package site

import (
	"sort"
	"strings"

	"github.com/planportal/planportal/generator/content"
)

// Region levels, by depth: a province (or a municipality), a city (or a municipality's
// district), a county or district.
const (
	LevelProvince = 1
	LevelCity     = 2
	LevelCounty   = 3
)

// placePath is where a document belongs, from its front matter: province, city, region,
// each once (a provincial document's region is its province; a city's has no city).
func placePath(m content.Meta) []string {
	var out []string
	for _, p := range []string{m.Province, m.City, m.Region} {
		if p != "" && (len(out) == 0 || out[len(out)-1] != p) {
			out = append(out, p)
		}
	}
	return out
}

// buildRegions groups the documents into a hierarchy of places: province → city → county or
// district. Each place lists every document within it, newest first; a document's own
// place (Links.Region) is the last of its path. The list is in tree order: each province by
// its pinyin, then its places in the same order, depth first. A place name that appears
// under two parents (新城区) is shown with its parent's: 新城区（西安市）.
func buildRegions(docs []*content.Document, overrides map[string]string) (all, roots []*Group, own map[string]*Group) {
	byKey := map[string]*Group{}
	own = map[string]*Group{}
	var nodes []*Group
	for _, d := range docs {
		path := placePath(d.Meta)
		var parent *Group
		for i, name := range path {
			key := strings.Join(path[:i+1], "/")
			g := byKey[key]
			if g == nil {
				g = &Group{Key: key, Name: name, Place: name, Parent: parent, Level: i + 1}
				byKey[key] = g
				nodes = append(nodes, g)
				if parent != nil {
					parent.Children = append(parent.Children, g)
				}
			}
			g.Documents = append(g.Documents, d) // docs come newest first
			parent = g
		}
		if parent != nil {
			own[d.URL] = parent
		}
	}
	// Names that repeat under different parents are told apart by the parent's name.
	count := map[string]int{}
	for _, g := range nodes {
		count[g.Place]++
	}
	var names []string
	for _, g := range nodes {
		if count[g.Place] > 1 && g.Parent != nil {
			g.Name = g.Place + "（" + g.Parent.Place + "）"
		}
		names = append(names, g.Name)
	}
	sl := slugs(names, overrides)
	for _, g := range nodes {
		g.Slug = sl[g.Name]
		if o, ok := overrides[g.Place]; ok && count[g.Place] == 1 {
			g.Slug = o
		}
	}
	byPinyin := func(gs []*Group) {
		sort.SliceStable(gs, func(i, j int) bool {
			if gs[i].Slug != gs[j].Slug {
				return gs[i].Slug < gs[j].Slug
			}
			return gs[i].Key < gs[j].Key
		})
	}
	for _, g := range nodes {
		if g.Parent == nil {
			roots = append(roots, g)
		}
		byPinyin(g.Children)
	}
	byPinyin(roots)
	var walk func([]*Group)
	walk = func(gs []*Group) {
		for _, g := range gs {
			all = append(all, g)
			walk(g.Children)
		}
	}
	walk(roots)
	return all, roots, own
}

// Ancestors are the places above g, the province first.
func (g *Group) Ancestors() []*Group {
	var out []*Group
	for p := g.Parent; p != nil; p = p.Parent {
		out = append([]*Group{p}, out...)
	}
	return out
}

// RegionNames are the distinct regions (front matter region) of g's documents, in order of
// first appearance: the values a search scoped to g filters by.
func (g *Group) RegionNames() []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range g.Documents {
		if r := d.Meta.Region; r != "" && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}
