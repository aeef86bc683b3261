// Package site builds the site graph from loaded documents: listings by section, agency,
// region and year, newest first; the theme taxonomy down to the item (package taxonomy tags
// the passages); and each document's links: its groups, its neighbours in its region and its
// related documents. Everything here is linear in the number of documents and items.
package site

import (
	"slices"
	"sort"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/urls"
)

// Site is everything the renderer and the search index need to know about the whole site.
type Site struct {
	Config *config.Config
	// Documents are the published documents, newest first (then by path).
	Documents []*content.Document
	// Sections lists the content sections (plans, …) with their documents.
	Sections []*Group
	// Agencies, Regions and Years group the documents; each group is newest first and the
	// groups are ordered by size, then name.
	Agencies []*Group
	// Regions are the places, province → city → county (Group.Level), in tree order;
	// RegionRoots are the top places (the provinces), by pinyin.
	Regions     []*Group
	RegionRoots []*Group
	Years       []*Group
	// Themes are the taxonomy's themes in config order, each with its passages; Untagged
	// lists the passages that carry no theme.
	Themes   []*Theme
	Untagged *Theme
	// Scheduled are the documents held back because they are published after today (see
	// Options.Future), soonest first.
	Scheduled []*content.Document
	// Tagging is the CPU time spent tagging the documents' passages in this build, summed
	// over documents (analysis.Doc.TagTime: each worker thread's own clock, wall time where
	// the system has none); analyses taken from a Cache cost none.
	Tagging time.Duration
	// Units are the units and leaders that responsibility notes name, per agency, by agency
	// then leaders first, most entries first.
	Units []*Unit
	// Indicators are every target of the documents; IndicatorsBy lists them by theme,
	// region, year and configured subject.
	Indicators   *IndicatorList
	IndicatorsBy IndicatorLists

	// links and ownRegion are keyed by the document's URL (content.Document.URL, from
	// package urls, unique in a site), not by the loaded document: a later pass can drop
	// the parsed document and find its links again from the URL alone.
	links      map[string]*Links
	unitIdx    map[unitKey]*Unit
	unitGroups []UnitGroup // Units by agency, in their order
	// ownRegion is each document's own place, the last of its path (Links.Region).
	ownRegion map[string]*Group
}

// Group is a named set of documents: a section, an agency, a region or a year.
type Group struct {
	Key       string // section key, or the agency/region name, or the year
	Name      string // display name
	Slug      string // ASCII, stable: the key, or the name's pinyin
	URL       string // the group's listing, e.g. /regions/haianshi/
	Documents []*content.Document
	// A region is a place in the hierarchy province → city → county or district (Level 1–3):
	// Place is its own name, Parent and Children its neighbours, and Documents every
	// document within it. An agency's Parent is the region of its documents.
	Place    string
	Level    int
	Parent   *Group
	Children []*Group
}

// Options select which documents are published.
type Options struct {
	// Drafts includes documents marked draft = true.
	Drafts bool
	// Future includes documents whose publication date is after today; without it they are
	// held back (Site.Scheduled) until their date.
	Future bool
	// Today is the date that decides what is in the future; zero means today's local date.
	Today time.Time
	// Cache, if not nil, keeps each document's analysis between builds, so that a rebuild
	// analyses only the documents it has not seen (live preview re-parses only changed files).
	Cache *Cache
}

// PageSize is the number of entries on one page of a listing.
const PageSize = 50

// ThemePageSize is the number of entries on one page of a theme: short ones (a sentence
// each), so twice a listing's, which halves the pages' share of repeated header and footer.
const ThemePageSize = 100

// Build assembles the site from loaded documents.
func Build(cfg *config.Config, docs []*content.Document, opt Options) *Site {
	s := &Site{Config: cfg}
	today := opt.Today
	if today.IsZero() {
		today = time.Now()
	}
	// Dates are calendar dates at UTC midnight; today is the local calendar date.
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	for _, d := range docs {
		if d.Meta.Draft && !opt.Drafts {
			continue
		}
		if !opt.Future && d.Meta.Published.After(today) {
			s.Scheduled = append(s.Scheduled, d)
			continue
		}
		s.Documents = append(s.Documents, d)
	}
	SortNewestFirst(s.Scheduled)
	slices.Reverse(s.Scheduled)
	SortNewestFirst(s.Documents)
	s.Sections = group(s.Documents, func(d *content.Document) string { return d.Section }, cfg.SectionName)
	sort.SliceStable(s.Sections, func(i, j int) bool { return s.Sections[i].Key < s.Sections[j].Key })
	for _, g := range s.Sections {
		g.Slug, g.URL = g.Key, urls.Section(g.Key)
	}
	same := func(k string) string { return k }
	s.Agencies = bySize(group(s.Documents, func(d *content.Document) string { return d.Meta.Agency }, same))
	s.Regions, s.RegionRoots, s.ownRegion = buildRegions(s.Documents, cfg.Slugs)
	for _, g := range s.Regions {
		g.URL = urls.Region(g.Slug)
	}
	setSlugs(s.Agencies, urls.Agency, cfg.Slugs)
	for _, g := range s.Agencies {
		g.Parent = s.ownRegion[g.Documents[0].URL]
	}
	s.Years = group(s.Documents, func(d *content.Document) string { return year(d) }, same)
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Key > s.Years[j].Key })
	for _, g := range s.Years {
		g.Slug, g.URL = g.Key, urls.Year(g.Key)
	}
	s.analyse(opt.Cache)
	s.buildUnits()
	s.buildIndicators()
	return s
}

func year(d *content.Document) string {
	if d.Meta.Published.IsZero() {
		return ""
	}
	return d.Meta.Published.Format("2006")
}

func setSlugs(gs []*Group, url func(slug string) string, overrides map[string]string) {
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = g.Key
	}
	sl := slugs(names, overrides)
	for _, g := range gs {
		g.Slug = sl[g.Key]
		g.URL = url(g.Slug)
	}
}

// SortNewestFirst orders documents by publication date, newest first, then by path.
func SortNewestFirst(docs []*content.Document) {
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i].Meta.Published, docs[j].Meta.Published
		if !a.Equal(b.Time) {
			return a.After(b.Time)
		}
		return docs[i].Path < docs[j].Path
	})
}

// group keeps the documents' order within each group; documents with an empty key are left out.
func group(docs []*content.Document, key func(*content.Document) string, name func(string) string) []*Group {
	var out []*Group
	idx := map[string]*Group{}
	for _, d := range docs {
		k := key(d)
		if k == "" {
			continue
		}
		g := idx[k]
		if g == nil {
			g = &Group{Key: k, Name: name(k)}
			idx[k] = g
			out = append(out, g)
		}
		g.Documents = append(g.Documents, d)
	}
	return out
}

func bySize(gs []*Group) []*Group {
	sort.SliceStable(gs, func(i, j int) bool {
		if len(gs[i].Documents) != len(gs[j].Documents) {
			return len(gs[i].Documents) > len(gs[j].Documents)
		}
		return gs[i].Name < gs[j].Name
	})
	return gs
}
