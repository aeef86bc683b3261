package site

import (
	"path/filepath"
	"sort"
	"testing"
	"unsafe"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

// bundledSite is the site of the bundled content (the repository's content/ and config.toml).
func bundledSite(t *testing.T) *Site {
	t.Helper()
	cfg, err := config.Load(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := content.NewLoader(content.Options{
		KnownTheme: func(s string) bool { return cfg.ThemeBySlug(s) != nil },
		Unsafe:     cfg.Markup.Unsafe,
	}).LoadDir(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	return Build(cfg, res.Documents, Options{})
}

// textSpans are the bytes of every string of a document's text (parts' titles, sections'
// headings, blocks' HTML, items' text and numbers, notes), sorted: in tells whether a string
// points into one of them. Anchors and markers are not text: content makes each a string of
// its own, which holds nothing else, and the lists share them.
type textSpans [][2]uintptr

func (sp *textSpans) add(s string) {
	if len(s) > 0 {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		*sp = append(*sp, [2]uintptr{p, p + uintptr(len(s))})
	}
}

func (sp *textSpans) note(a *content.Annotation) {
	if a == nil {
		return
	}
	sp.add(a.Text)
	sp.add(a.Deadline)
	for _, l := range [][]string{a.Leaders, a.LeadUnits, a.CoUnits} {
		for _, n := range l {
			sp.add(n)
		}
	}
	for _, p := range a.Pairs {
		sp.add(p.Label)
		sp.add(p.Value)
	}
}

func (sp *textSpans) item(it *content.Item) {
	sp.add(it.Text)
	sp.add(it.Number)
	sp.note(it.Annotation)
	for _, sub := range it.Items {
		sp.item(sub)
	}
}

func (sp *textSpans) doc(d *content.Document) {
	var sections func([]*content.Section)
	sections = func(l []*content.Section) {
		for _, s := range l {
			sp.add(s.Heading)
			sp.note(s.Annotation)
			sections(s.Sections)
		}
	}
	for _, p := range d.Parts() {
		sp.add(p.Title)
		sections(p.Sections)
	}
	d.Walk(func(_ *content.Part, _ *content.Section, b *content.Block) {
		sp.add(string(b.HTML))
		sp.note(b.Annotation)
		if b.Item != nil {
			sp.item(b.Item)
		}
	})
}

// in reports whether s points into a string of the documents' text.
func (sp textSpans) in(s string) bool {
	if len(s) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	i := sort.Search(len(sp), func(i int) bool { return sp[i][0] > p }) - 1
	return i >= 0 && p < sp[i][1]
}

// TestListsHoldNoText: the strings the site's lists keep to the end of a build (units'
// entries, the targets the indicators list) are their own, none of them cut from a
// document's text: a build lets each document's text go once its last reader has it
// (Release), and one string cut from a text keeps all of that string alive (issue 16: the
// targets' clauses alone kept 46% of all item text at 2,000 generated plans).
func TestListsHoldNoText(t *testing.T) {
	s := bundledSite(t)
	var sp textSpans
	for _, h := range s.Documents {
		d, err := s.Body(h)
		if err != nil {
			t.Fatal(err)
		}
		sp.doc(d)
	}
	sort.Slice(sp, func(i, j int) bool { return sp[i][0] < sp[j][0] })
	checked, bad := 0, 0
	check := func(what, v string) {
		checked++
		if sp.in(v) {
			if bad++; bad <= 10 {
				t.Errorf("%s %q is cut from a document's text", what, v)
			}
		}
	}
	entries, targets := 0, 0
	for _, u := range s.Units {
		for _, e := range u.Entries {
			entries++
			check("unit entry's lead", e.Lead)
			check("unit entry's deadline", e.Deadline)
			check("unit entry's URL", e.URL)
		}
	}
	for _, ind := range s.Indicators.Indicators {
		targets++
		tg := ind.Target
		for what, v := range map[string]string{"subject": tg.Subject, "value": tg.ValueText, "unit": tg.Unit,
			"clause": tg.Clause, "year": ind.Year, "item": ind.Item} {
			check("target's "+what, v)
		}
	}
	if entries == 0 || targets == 0 {
		t.Fatalf("the bundled site has %d unit entries and %d targets: the test needs both", entries, targets)
	}
	if bad > 0 {
		t.Errorf("%d of %d strings of %d unit entries and %d targets are cut from a document's text", bad, checked, entries, targets)
	}
}
