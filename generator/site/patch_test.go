package site

import (
	"reflect"
	"testing"

	"github.com/planportal/planportal/generator/content"
)

// TestPatchEditInPlace: a patched site gives the edited document what a build from scratch
// gives it (analysis, groups, theme links where it was listed, related documents), leaves the
// site it patches as it was, and refuses an edit that moves the document.
func TestPatchEditInPlace(t *testing.T) {
	mk := func(extra string) []*content.Document {
		return []*content.Document{
			plan(t, "x", "甲", "2025-01-01", "儿科。", "儿科。", "老年。"+extra),
			plan(t, "y", "乙", "2025-02-01", "儿科。", "中医。"),
			plan(t, "z", "甲", "2023-02-01", "老年。", "老年。", "其他。"),
		}
	}
	cfg := taxonomyConfig()
	docs := mk("")
	s := Build(cfg, docs, Options{})
	edited := mk("中医。")[0] // x now carries 中医 too
	p, ok := s.Patch(map[*content.Document]*content.Document{docs[0]: edited})
	if !ok {
		t.Fatal("an edit in place refused")
	}
	fresh := Build(cfg, []*content.Document{edited, docs[1], docs[2]}, Options{})
	if got, want := paths(p.Documents), paths(fresh.Documents); !reflect.DeepEqual(got, want) {
		t.Errorf("patched documents %v, fresh %v", got, want)
	}
	// The site is keyed by URL: both versions find, in each site, the links of the version
	// that site publishes at their URL.
	if p.LinksOf(docs[0]) != p.LinksOf(edited) || s.LinksOf(docs[0]) != s.LinksOf(edited) || p.LinksOf(edited) == s.LinksOf(edited) ||
		p.LinksOf(edited).body.doc.Load() != edited || s.LinksOf(docs[0]).body.doc.Load() != docs[0] {
		t.Error("the old version is still in the patched site, or the new one in the old site")
	}
	for i, d := range s.Documents {
		if d.URL == edited.URL && d == p.Documents[i] {
			t.Error("the patched site's documents are the old site's slice")
		}
	}
	if got, want := p.Analysis(edited).Themes(), fresh.Analysis(edited).Themes(); !reflect.DeepEqual(got, want) || len(got) != 3 {
		t.Errorf("themes %v, fresh %v", got, want)
	}
	pl, fl := p.LinksOf(edited), fresh.LinksOf(edited)
	if pl.Region.Key != fl.Region.Key || pl.Agency.Key != fl.Agency.Key || pl.Year.Key != fl.Year.Key || urlOf(pl.Older) != urlOf(fl.Older) || urlOf(pl.Newer) != urlOf(fl.Newer) {
		t.Errorf("groups or neighbours differ from a fresh build's")
	}
	if len(pl.Themes()) != 3 || len(fl.Themes()) != 3 {
		t.Fatalf("theme links %v, fresh %v", pl.Themes(), fl.Themes())
	}
	for i, r := range pl.Themes() {
		if f := fl.Themes()[i]; r.Slug != f.Slug || r.Items != f.Items || (r.Slug != "tcm" && r.URL != f.URL) {
			t.Errorf("theme link %+v, fresh %+v", r, f)
		}
	}
	related := func(l *Links) []string {
		var out []string
		for _, r := range l.Related() {
			out = append(out, r.Doc.Path)
		}
		return out
	}
	if got, want := related(pl), related(fl); !reflect.DeepEqual(got, want) || len(got) == 0 {
		t.Errorf("related %v, fresh %v", got, want)
	}

	moved := plan(t, "x", "甲", "2025-01-02", "儿科。")
	if _, ok := s.Patch(map[*content.Document]*content.Document{docs[0]: moved}); ok {
		t.Error("an edit of the date, which moves the document in its listings, patched")
	}
	elsewhere := plan(t, "x", "乙", "2025-01-01", "儿科。")
	if _, ok := s.Patch(map[*content.Document]*content.Document{docs[0]: elsewhere}); ok {
		t.Error("an edit of the region patched")
	}
	if _, ok := s.Patch(map[*content.Document]*content.Document{edited: docs[0]}); ok {
		t.Error("an edit of a document the site does not publish patched")
	}
}

// urlOf is d's URL, "" for none: two builds' heads of one document are two values.
func urlOf(d *content.Document) string {
	if d == nil {
		return ""
	}
	return d.URL
}
