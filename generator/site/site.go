// Package site builds the site graph from loaded documents: listings by section, agency,
// region and year, newest first; the theme taxonomy down to the item (package taxonomy tags
// the passages); and each document's links: its groups, its neighbours in its region and its
// related documents. Everything here is linear in the number of documents and items.
package site

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync/atomic"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/urls"
)

// Site is everything the renderer and the search index need to know about the whole site.
type Site struct {
	Config *config.Config
	// Documents are the published documents, newest first (then by path): their heads, each
	// a copy of the loaded document without its text (Main and Annexes nil), as every list
	// of the site holds them. The site owns the loaded documents: Body gives a document's
	// text to a reader after analysis, and Release lets it go (issue 16).
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
	// Options.Future), soonest first: heads, as Documents.
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
	// loaded is each published document's loaded version, by its head, until analysis has
	// handed it to the site's owner of its text (body).
	loaded := make(map[*content.Document]*content.Document, len(docs))
	for _, d := range docs {
		if d.Meta.Draft && !opt.Drafts {
			continue
		}
		if !opt.Future && d.Meta.Published.After(today) {
			s.Scheduled = append(s.Scheduled, headOf(d))
			continue
		}
		h := opt.Cache.head(cfg, d)
		s.Documents = append(s.Documents, h)
		loaded[h] = d
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
	s.analyse(opt.Cache, loaded)
	s.buildUnits()
	s.buildIndicators()
	return s
}

// headOf is a document as the site's lists hold it: the loaded document's fields but its text
// (Main and Annexes), a copy, so that nothing loaded is changed. Its text is the site's to
// give (Body) and let go (Release).
func headOf(d *content.Document) *content.Document {
	h := *d
	h.Main, h.Annexes = nil, nil
	return &h
}

// body holds a published document as loaded, its text included, until the site releases it.
type body struct {
	doc atomic.Pointer[content.Document]
}

func newBody(d *content.Document) *body {
	b := &body{}
	b.doc.Store(d)
	return b
}

// ErrReleased is the error of Body for a document whose text the site has let go (Release).
var ErrReleased = errors.New("文件正文已释放，不能再读取（the document's text was released）")

// get is the document with its text; an error naming the file once it is released.
func (b *body) get(h *content.Document) (*content.Document, error) {
	if d := b.doc.Load(); d != nil {
		return d, nil
	}
	return nil, fmt.Errorf("%s: %w", h.Path, ErrReleased)
}

// Body returns the document the site publishes at d's URL as loaded, its text included (d
// may be its head, as the site's lists hold it, or the loaded document): how every reader
// after analysis (the document's page and data file, the theme pages' entries, items.csv, the
// search index) gets a document's text. The error names the file once Release has let the
// text go, or when the site does not publish the URL.
func (s *Site) Body(d *content.Document) (*content.Document, error) {
	l := s.links[d.URL]
	if l == nil {
		return nil, fmt.Errorf("%s: 本站不发布该文件（no published document at %s）", d.Path, d.URL)
	}
	return l.body.get(d)
}

// Release lets the text of the document the site publishes at d's URL go: the site keeps its
// head, its analysis and its lists' entries, and a later Body of it is an error. A build
// releases each document once its last reader has its text. Nothing loaded is changed: the
// site drops its reference, and the text is freed once no reader holds it. It is not for a
// site built with a Cache (the live preview): the cache hands the next build the same texts.
func (s *Site) Release(d *content.Document) {
	if l := s.links[d.URL]; l != nil {
		l.body.doc.Store(nil)
	}
}

// loadedDoc is d's loaded version while the site is built, before anything can be released.
func (s *Site) loadedDoc(d *content.Document) *content.Document {
	return s.links[d.URL].body.doc.Load()
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
