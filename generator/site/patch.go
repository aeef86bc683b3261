package site

import (
	"maps"
	"slices"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/content"
)

// Patch is the site with documents edited in place: each key of edits, a published document of
// s as loaded (Body), gives way to its value, a new version of it read from the same file. The new versions are
// analysed afresh and get links of their own, computed against s: the groups and neighbours of
// the version they replace (the same places, agency, date and section), their themes linked to
// the pages that list the old version (or to the theme's first page), and their related
// documents found among s's. Everything else is s's: the listings, the theme pages, the units,
// the indicators and the other documents' links. It costs about one document's analysis, where
// Build costs the whole site's listings.
//
// Patch is the live preview's quick answer to an edit, served until a Build of the same
// documents replaces it; that Build is the site. ok is false when an edit moves a document (a
// change of file, URL, section, agency, place, date or draft flag) or edits one s does not
// publish: only a Build gives that site.
func (s *Site) Patch(edits map[*content.Document]*content.Document) (_ *Site, ok bool) {
	for old, d := range edits {
		// Links are keyed by URL; an edit must name the version s publishes at it, not an
		// earlier one (a stale edit).
		if l := s.links[old.URL]; l == nil || l.body.doc.Load() != old || !samePlace(old, d) {
			return nil, false
		}
	}
	n := *s
	n.Documents = slices.Clone(s.Documents)
	n.links = maps.Clone(s.links)
	var ri *relatedIndex
	az := analysis.New(s.Config)
	for i, h := range s.Documents {
		ol := s.links[h.URL]
		d := edits[ol.body.doc.Load()]
		if d == nil {
			continue
		}
		if ri == nil && ol.ri != nil {
			// The edited documents' own theme vectors; the candidate pools stay s's.
			c := *ol.ri
			c.vecs = slices.Clone(c.vecs)
			ri = &c
		}
		l := &Links{Region: ol.Region, Agency: ol.Agency, Year: ol.Year, Newer: ol.Newer, Older: ol.Older,
			an: az.Analyse(d), cfg: s.Config, body: newBody(d), docID: DocID(d), themePage: make([]string, len(ol.themePage)), themeIdx: ol.themeIdx, index: i, docs: n.Documents}
		for _, t := range l.an.Themes() {
			if k, ok := l.themeIdx[t]; ok {
				// Where the theme's pages list the old version; the first page for a new theme.
				l.themePage[k] = ol.themePage[k]
			}
		}
		if ri != nil {
			l.ri = ri
			ri.vecs[i] = themeVector(d, l.an.Weights(), ri.index())
		}
		n.Documents[i] = headOf(d)
		// The same URL as old's (samePlace): the new version takes old's links, and its
		// own place, keyed by URL, is old's.
		n.links[d.URL] = l
	}
	return &n, true
}

// samePlace reports whether a new version of a document stands where the old one does in
// every listing of the site: the same file and URL, section, agency, places, date and draft
// flag (what Build groups and orders documents by, and what it publishes them by).
func samePlace(old, d *content.Document) bool {
	a, b := old.Meta, d.Meta
	return old.Path == d.Path && old.URL == d.URL && old.Section == d.Section && a.Agency == b.Agency &&
		slices.Equal(placePath(a), placePath(b)) && a.Published.Equal(b.Published.Time) && a.Draft == b.Draft
}

// index is each theme's position in the theme vectors.
func (ri *relatedIndex) index() map[string]int {
	m := make(map[string]int, len(ri.slugs))
	for i, t := range ri.slugs {
		m[t] = i
	}
	return m
}
