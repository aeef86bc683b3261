package site

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/planportal/planportal/generator/content"
)

// The lists a site keeps to the end of a build are at their length, not with the room
// append left as they grew (issue 16): three items name one unit, so its entries grew to a
// capacity of four.
func TestListsAtTheirLength(t *testing.T) {
	var docs []*content.Document
	for i := range 3 {
		src := fmt.Sprintf("+++\ntitle = \"甲市工作要点%d\"\nagency = \"甲市卫生健康委员会\"\nregion = \"甲市\"\npublished = \"2025-03-0%d\"\nthemes = [\"a\", \"b\", \"c\"]\n+++\n\n", i, i+1)
		for j := range 3 {
			src += fmt.Sprintf("%d. 建设家庭病床%d张，覆盖率不低于%d%%。（分管领导：王一；责任科室：办公室）\n\n", j+1, 170+j, 60+j)
		}
		d, diags := content.NewLoader(content.Options{}).Parse(fmt.Sprintf("content/plans/p%d.md", i), []byte(src))
		for _, dg := range diags {
			if !dg.Warning {
				t.Fatal(dg)
			}
		}
		docs = append(docs, d)
	}
	s := Build(testConfig(), docs, Options{})
	if len(s.Units) == 0 {
		t.Fatal("no units")
	}
	for _, u := range s.Units {
		if len(u.Entries) != 9 || len(u.Documents) != 3 {
			t.Errorf("unit %s: %d entries in %d documents, want 9 in 3", u.Name, len(u.Entries), len(u.Documents))
		}
		if cap(u.Entries) != len(u.Entries) || cap(u.Documents) != len(u.Documents) {
			t.Errorf("unit %s: entries %d of %d, documents %d of %d", u.Name, len(u.Entries), cap(u.Entries), len(u.Documents), cap(u.Documents))
		}
		for _, e := range u.Entries {
			doc, err := s.Body(e.Doc)
			if err != nil {
				t.Fatal(err)
			}
			if text := passageText(doc, e.Anchor); !strings.HasPrefix(text, e.Lead) {
				t.Errorf("unit %s: lead %q is not the start of %q", u.Name, e.Lead, text)
			}
		}
	}
	if len(s.Indicators.Indicators) < 9 {
		t.Fatalf("%d indicators, want at least 9", len(s.Indicators.Indicators))
	}
	for _, l := range append(s.IndicatorsBy.All(), s.Indicators) {
		if cap(l.Indicators) != len(l.Indicators) {
			t.Errorf("indicators %s %s: %d of %d", l.Kind, l.Key, len(l.Indicators), cap(l.Indicators))
		}
	}
	for _, d := range s.Documents {
		l := s.LinksOf(d)
		if len(l.Themes()) < 3 || cap(l.Themes()) != len(l.Themes()) {
			t.Errorf("%s: themes %d of %d, want at least 3, at their length", d.Path, len(l.Themes()), cap(l.Themes()))
		}
	}
	// One copy of each year and item name.
	seen := map[string]*byte{}
	for _, ind := range s.Indicators.Indicators {
		for _, v := range []string{ind.Year, ind.Item} {
			if p, ok := seen[v]; ok && p != unsafe.StringData(v) {
				t.Errorf("%q: a copy of its own", v)
			}
			seen[v] = unsafe.StringData(v)
		}
	}
}

// passageText is the text of the document's passage with the anchor, from the document.
func passageText(d *content.Document, anchor string) string {
	text := ""
	d.Passages(func(p content.Passage) {
		if p.Anchor() == anchor && text == "" {
			text = p.Text()
		}
	})
	return text
}

// TestNotedKeepsItsLead: a unit's entry keeps of its passage what the unit pages, feeds and
// data show (its lead, number, anchor, note), not the passage's whole text, which its document
// has: every note's entry held it to the end of a build (a slice of the item's text, which a
// build that lets each document's text go once its outputs are made would then keep: issue 16).
func TestNotedKeepsItsLead(t *testing.T) {
	long := "推进家庭医生签约服务提质增效，重点人群签约覆盖率不低于75%。完善签约服务包，落实签约居民优先就诊、转诊和长处方等政策，提升群众获得感。"
	src := "+++\ntitle = \"甲市工作要点\"\nagency = \"甲市卫生健康委员会\"\nregion = \"甲市\"\npublished = \"2025-03-01\"\n+++\n\n1. " + long + "（分管领导：王一；责任科室：办公室）\n"
	d, diags := content.NewLoader(content.Options{}).Parse("content/plans/p.md", []byte(src))
	for _, dg := range diags {
		if !dg.Warning {
			t.Fatal(dg)
		}
	}
	s := Build(testConfig(), []*content.Document{d}, Options{})
	if len(s.Units) == 0 {
		t.Fatal("no units")
	}
	for _, u := range s.Units {
		for _, e := range u.Entries {
			text := passageText(d, e.Anchor)
			if text != long || len(e.Lead) >= len(text) {
				t.Fatalf("passage %q, lead %q: the fixture's lead is to be shorter than its text", text, e.Lead)
			}
			v := reflect.ValueOf(*e.Noted)
			for i := range v.NumField() {
				if f := v.Field(i); f.Kind() == reflect.String && f.String() == text {
					t.Errorf("unit %s: Noted.%s keeps the passage's whole text", u.Name, v.Type().Field(i).Name)
				}
			}
		}
	}
}
