package site

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/urls"
)

// Indicator is a target with where it comes from: its document, and the themes, region and
// year it is listed under.
type Indicator struct {
	Doc *content.Document // the head (Site.Documents)
	// Target is the document's analysis' own (analysis.Doc.Targets), not a copy: its strings
	// are the analysis' own too, not the document's text.
	Target *analysis.Target
	// Year is the target's year where the text states one, else the document's.
	Year string
	// Item names the item the target is in as a reader finds it on the page: 第2条, a
	// sub-item 第2条（1）; "" in a paragraph.
	Item string
}

// Themes are the themes the target is listed under: those of its passage that it is about
// (analysis.Target.Themes).
func (ind *Indicator) Themes() []string { return ind.Target.Themes }

// URL is the target's passage on its document's page.
func (ind *Indicator) URL() string { return urls.Passage(ind.Doc.URL, ind.Target.Anchor) }

// IndicatorList is a list of indicators: all of them, or those of a theme, region, year or
// configured subject.
type IndicatorList struct {
	// Kind is "", "themes", "regions", "years" or "subjects"; Key the theme slug, region
	// name, year or subject slug.
	Kind, Key string
	Name      string
	URL       string
	// Subject is the configured subject of a subjects list.
	Subject *config.Subject
	// Indicators are shared by the lists a target is on (all, its themes, region, year
	// and subject): one Indicator per target.
	Indicators []*Indicator
}

// buildIndicators collects every document's targets (newest document first, document order
// within one) and lists them by theme, region, year and configured subject. A subject's list
// is ordered by region, then year, for its comparison table.
func (s *Site) buildIndicators() {
	all := &IndicatorList{Name: "指标一览", URL: urls.Indicators}
	byTheme, byRegion, byYear, bySubject := map[string]*IndicatorList{}, map[string]*IndicatorList{}, map[string]*IndicatorList{}, map[string]*IndicatorList{}
	add := func(m map[string]*IndicatorList, kind, key, slug, name string, ind *Indicator) {
		l := m[key]
		if l == nil {
			l = &IndicatorList{Kind: kind, Key: key, Name: name, URL: urls.IndicatorList(kind, slug)}
			m[key] = l
		}
		l.Indicators = append(l.Indicators, ind)
	}
	// An indicator's year and item name are the same few strings again and again (2025, 第1条):
	// one copy of each, not one per target, all kept to the end of the build (issue 16).
	strs := map[string]string{}
	intern := func(s string) string {
		if v, ok := strs[s]; ok {
			return v
		}
		strs[s] = s
		return s
	}
	for _, d := range s.Documents {
		an := s.Analysis(d)
		var items map[string]string
		if len(an.Targets()) > 0 {
			items = ItemNames(s.loadedDoc(d))
		}
		targets, dy := an.Targets(), intern(year(d))
		for i := range targets {
			t := &targets[i]
			ind := &Indicator{Doc: d, Target: t, Year: dy, Item: intern(items[t.Anchor])}
			if t.Year > 0 {
				ind.Year = intern(strconv.Itoa(int(t.Year)))
			}
			all.Indicators = append(all.Indicators, ind)
			for _, th := range t.Themes {
				add(byTheme, "themes", th, th, s.Config.ThemeName(th), ind)
			}
			// A target is listed under its document's own place (a county, a city or a
			// province), keyed as the regions listing keys it (江苏省/南通市/海安市).
			if g := s.ownRegion[d.URL]; g != nil {
				add(byRegion, "regions", g.Key, g.Slug, g.Name, ind)
			}
			if ind.Year != "" {
				add(byYear, "years", ind.Year, ind.Year, ind.Year+"年", ind)
			}
			if t.SubjectSlug != "" {
				add(bySubject, "subjects", t.SubjectSlug, t.SubjectSlug, t.SubjectSlug, ind)
			}
		}
	}
	// The lists are kept to the end of the build: at their length, not with the room append
	// left as they grew (issue 16).
	all.Indicators = slices.Clip(slices.Clone(all.Indicators))
	for _, m := range []map[string]*IndicatorList{byTheme, byRegion, byYear, bySubject} {
		for _, l := range m {
			l.Indicators = slices.Clip(slices.Clone(l.Indicators))
		}
	}
	s.Indicators = all
	for _, th := range s.Config.Themes {
		if l := byTheme[th.Slug]; l != nil {
			s.IndicatorsBy.Themes = append(s.IndicatorsBy.Themes, l)
		}
	}
	for _, g := range s.Regions {
		if l := byRegion[g.Key]; l != nil {
			s.IndicatorsBy.Regions = append(s.IndicatorsBy.Regions, l)
		}
	}
	for _, g := range s.Years {
		if l := byYear[g.Key]; l != nil {
			s.IndicatorsBy.Years = append(s.IndicatorsBy.Years, l)
		}
	}
	// A target's year may be one no document is published in (2025 in a 2024 plan).
	for y, l := range byYear {
		found := false
		for _, x := range s.IndicatorsBy.Years {
			found = found || x.Key == y
		}
		if !found {
			s.IndicatorsBy.Years = append(s.IndicatorsBy.Years, l)
		}
	}
	sortLists(s.IndicatorsBy.Years)
	regionOrder := map[*content.Document]int{}
	for i, g := range s.Regions {
		for _, d := range g.Documents {
			if s.ownRegion[d.URL] == g {
				regionOrder[d] = i
			}
		}
	}
	for i := range s.Config.Subjects {
		sub := &s.Config.Subjects[i]
		l := bySubject[sub.Slug]
		if l == nil {
			l = &IndicatorList{Kind: "subjects", Key: sub.Slug, URL: urls.IndicatorList("subjects", sub.Slug)}
		}
		l.Name, l.Subject = sub.Name, sub
		sortByRegionYear(l.Indicators, regionOrder)
		s.IndicatorsBy.Subjects = append(s.IndicatorsBy.Subjects, l)
	}
}

// ItemNames names every item of a document by its anchor as a reader finds it: 第2条, and a
// sub-item by its parent and its own marker, 第2条（1）.
func ItemNames(d *content.Document) map[string]string {
	names := map[string]string{}
	d.Passages(func(p content.Passage) {
		it := p.Item
		if it == nil {
			return
		}
		name, ok := names[it.Anchor] // a sub-item's, set by its parent, visited first
		if !ok {
			name = "第" + it.Number + "条"
			names[it.Anchor] = name
		}
		for _, c := range it.Items {
			names[c.Anchor] = name + strings.TrimRight(c.Marker, ".、．")
		}
	})
	return names
}

// IndicatorLists are the lists of indicators by theme, region, year and subject.
type IndicatorLists struct {
	Themes, Regions, Years, Subjects []*IndicatorList
}

// All returns every list, themes first.
func (l IndicatorLists) All() []*IndicatorList {
	out := append(append([]*IndicatorList{}, l.Themes...), l.Regions...)
	return append(append(out, l.Years...), l.Subjects...)
}

func sortLists(ls []*IndicatorList) {
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].Key > ls[j].Key })
}

// sortByRegionYear orders a subject's indicators by region (in the order of the regions
// listing; order holds each document's own place's position there), then year, newest
// first, keeping document order otherwise.
func sortByRegionYear(ind []*Indicator, order map[*content.Document]int) {
	less := func(a, b *Indicator) bool {
		ra, rb := order[a.Doc], order[b.Doc]
		if ra != rb {
			return ra < rb
		}
		return a.Year > b.Year
	}
	sort.SliceStable(ind, func(i, j int) bool { return less(ind[i], ind[j]) })
}
