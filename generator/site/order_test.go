package site

import (
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/content"
)

func TestOrderings(t *testing.T) {
	day := func(s string) content.Date {
		if s == "" {
			return content.Date{}
		}
		d, _ := time.Parse("2006-01-02", s)
		return content.Date{Time: d}
	}
	doc := func(name, published, written string) *content.Document {
		return &content.Document{Path: name, Meta: content.Meta{Published: day(published), Written: day(written)}}
	}
	docs := []*content.Document{
		doc("a", "2025-03-04", "2025-03-01"),
		doc("b", "2025-01-17", ""), // a report: no 成文日期
		doc("c", "2025-03-24", "2025-03-20"),
		doc("d", "2025-01-01", ""),
	}
	want := map[string]string{
		"":              "c a b d",
		"published-asc": "d b a c",
		"written-desc":  "c a b d", // no written date: last, newest published first
		"written-asc":   "a c b d",
	}
	for _, o := range Orderings {
		var got []string
		for _, d := range o.Sorted(docs) {
			got = append(got, d.Path)
		}
		if strings.Join(got, " ") != want[o.Key] {
			t.Errorf("%q: %v, want %s", o.Key, got, want[o.Key])
		}
	}
	if docs[0].Path != "a" {
		t.Error("Sorted changed its argument")
	}
}
