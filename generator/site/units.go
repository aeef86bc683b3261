package site

import (
	"slices"
	"sort"
	"strings"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/urls"
)

// Unit kinds.
const (
	KindUnit   = "unit"   // a responsible or cooperating unit: 医政医管科, 市卫健委
	KindLeader = "leader" // a responsible official: 仲重阳
)

// Unit is a unit or a leader that responsibility notes name, within one agency: two agencies'
// 办公室 are two units.
type Unit struct {
	Kind   string
	Name   string
	Agency string
	Slug   string
	URL    string // /units/<slug>/
	// Entries are the passages and sections that name the unit, newest document first, in
	// document order within a document.
	Entries []UnitEntry
	// Documents are the documents of the entries, newest first.
	Documents []*content.Document
}

// UnitEntry is one passage or section whose note names a unit, and how it names the unit.
type UnitEntry struct {
	// Noted is the passage or section, shared by the entries of every unit its note names.
	*Noted
	// Role is how the note names the unit: a leader, a lead unit or a cooperating unit
	// (content.FieldLeaders, FieldLeadUnits, FieldCoUnits).
	Role string
}

// Noted is a passage or section with a responsibility note. None of its strings is cut from
// the document's text (newNoted): the site keeps every entry to the end of the build, and a
// string cut from a document's text would keep that text alive once the site has released it
// (Site.Release; issue 16).
type Noted struct {
	Doc *content.Document // the head (Site.Documents)
	// Anchor is the passage's or section's id; Marker the item's number as written ("" for
	// a paragraph or a section).
	Anchor, Marker string
	// Lead is what unit pages and unit feeds show of the entry, whose whole text is on its
	// document's page (URL) and in the data downloads: a passage's lead (content.Lead), a
	// section's heading, which names it already (行动一：巡诊行动, number and all). The
	// passage's whole text is not kept here: no list shows it, and a build that lets a
	// document's text go once its own outputs are made (issue 16) would find it held by
	// every note's entry (3.5 KiB a plan at 2,000 generated plans).
	Lead string
	// Deadline is the note's 完成时限, as written ("" for none): what unit pages and
	// units.csv show of the note besides the units it names.
	Deadline string
	// URL is the entry's place on its document's page: set once here, read on the unit
	// pages, feeds and data of every unit the note names.
	URL string
}

// unitKey identifies a unit site-wide.
type unitKey struct{ agency, kind, name string }

// buildUnits collects the units and leaders the documents' notes name.
func (s *Site) buildUnits() {
	idx := map[unitKey]*Unit{}
	var order []unitKey
	add := func(d *content.Document, kind, role, name string, e *Noted) {
		k := unitKey{d.Meta.Agency, kind, name}
		u := idx[k]
		if u == nil {
			u = &Unit{Kind: kind, Name: name, Agency: d.Meta.Agency}
			idx[k] = u
			order = append(order, k)
		}
		u.Entries = append(u.Entries, UnitEntry{Noted: e, Role: role})
		if n := len(u.Documents); n == 0 || u.Documents[n-1] != d {
			u.Documents = append(u.Documents, d)
		}
	}
	note := func(d *content.Document, a *content.Annotation, e *Noted) {
		if a == nil {
			return
		}
		e.Doc, e.Deadline, e.URL = d, strings.Clone(a.Deadline), urls.Passage(d.URL, e.Anchor)
		for _, n := range a.Leaders {
			add(d, KindLeader, content.FieldLeaders, n, e)
		}
		for _, n := range a.LeadUnits {
			add(d, KindUnit, content.FieldLeadUnits, n, e)
		}
		for _, n := range a.CoUnits {
			if !contains(a.LeadUnits, n) {
				add(d, KindUnit, content.FieldCoUnits, n, e)
			}
		}
	}
	for _, d := range s.Documents { // newest first
		doc := s.loadedDoc(d)
		var sections func([]*content.Section)
		sections = func(list []*content.Section) {
			for _, sec := range list {
				note(d, sec.Annotation, heading(sec.Anchor, sec.Heading))
				sections(sec.Sections)
			}
		}
		for _, p := range doc.Parts() {
			sections(p.Sections)
		}
		doc.Passages(func(p content.Passage) {
			if a := p.Annotation(); a != nil { // the entry and its lead only for a note
				note(d, a, newNoted(p.Anchor(), p.Marker(), content.Lead(p.Text())))
			}
		})
		// A note-only paragraph too short to be a passage still names its units.
		// It links to its section.
		doc.Walk(func(p *content.Part, sec *content.Section, b *content.Block) {
			if b.Item == nil && b.Annotation != nil && !b.IsPassage() {
				e := heading(p.Anchor, p.Title)
				if sec != nil {
					e = heading(sec.Anchor, sec.Heading)
				}
				note(d, b.Annotation, e)
			}
		})
	}
	agencySlug := map[string]string{}
	for _, g := range s.Agencies {
		agencySlug[g.Key] = g.Slug
	}
	keys := make([]string, len(order))
	want := map[string]string{}
	for i, k := range order {
		id := k.agency + "\x00" + k.kind + "\x00" + k.name
		keys[i] = id
		base := Slugify(k.name)
		if a := agencySlug[k.agency]; a != "" {
			base = a + "-" + base
		}
		want[id] = base
	}
	sl := slugs(keys, want)
	s.Units = make([]*Unit, len(order))
	s.unitIdx = idx
	for i, k := range order {
		u := idx[k]
		u.Slug = sl[keys[i]]
		u.URL = urls.Unit(u.Slug)
		// Kept to the end of the build: at their length, not with the room append left
		// (up to as much again; issue 16).
		u.Entries, u.Documents = slices.Clip(slices.Clone(u.Entries)), slices.Clip(slices.Clone(u.Documents))
		s.Units[i] = u
	}
	sort.SliceStable(s.Units, func(i, j int) bool {
		a, b := s.Units[i], s.Units[j]
		if a.Agency != b.Agency {
			return a.Agency < b.Agency
		}
		if a.Kind != b.Kind {
			return a.Kind == KindLeader
		}
		if len(a.Entries) != len(b.Entries) {
			return len(a.Entries) > len(b.Entries)
		}
		return a.Name < b.Name
	})
	s.unitGroups = nil
	for _, u := range s.Units {
		if n := len(s.unitGroups); n == 0 || s.unitGroups[n-1].Agency != u.Agency {
			s.unitGroups = append(s.unitGroups, UnitGroup{Agency: u.Agency})
		}
		g := &s.unitGroups[len(s.unitGroups)-1]
		if u.Kind == KindLeader {
			g.Leaders = append(g.Leaders, u)
		} else {
			g.Units = append(g.Units, u)
		}
	}
}

// heading is a section (or part) as an entry: its heading is its lead.
func heading(anchor, text string) *Noted { return newNoted(anchor, "", text) }

// newNoted is an entry with a copy of its lead, which may be cut from the passage's text: the
// one place a Noted's strings are made. Its anchor and marker are the passage's, strings of
// their own that hold nothing else (content makes each one by one): they are not copied.
func newNoted(anchor, marker, lead string) *Noted {
	return &Noted{Anchor: anchor, Marker: marker, Lead: strings.Clone(lead)}
}

// UnitOf returns the unit (kind KindUnit) or leader (KindLeader) of a document's agency with
// the name, or nil.
func (s *Site) UnitOf(d *content.Document, kind, name string) *Unit {
	return s.unitIdx[unitKey{d.Meta.Agency, kind, name}]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// UnitDoc is one document's entries on a unit's page.
type UnitDoc struct {
	Doc     *content.Document
	Entries []UnitEntry
}

// ByDocument groups the unit's entries by document, newest first.
func (u *Unit) ByDocument() []UnitDoc {
	var out []UnitDoc
	for _, e := range u.Entries {
		if n := len(out); n > 0 && out[n-1].Doc == e.Doc {
			out[n-1].Entries = append(out[n-1].Entries, e)
			continue
		}
		out = append(out, UnitDoc{Doc: e.Doc, Entries: []UnitEntry{e}})
	}
	return out
}

// UnitGroup is one agency's leaders and units, for the index of units.
type UnitGroup struct {
	Agency  string
	Leaders []*Unit
	Units   []*Unit
}

// UnitGroups lists the units and leaders by agency, in the order of Units.
func (s *Site) UnitGroups() []UnitGroup { return s.unitGroups }

// UnitGroupOf is the leaders and units an agency's notes name, or nil when they name none:
// its agency page lists them.
func (s *Site) UnitGroupOf(agency string) *UnitGroup {
	i := sort.Search(len(s.unitGroups), func(i int) bool { return s.unitGroups[i].Agency >= agency })
	if i < len(s.unitGroups) && s.unitGroups[i].Agency == agency {
		return &s.unitGroups[i]
	}
	return nil
}
