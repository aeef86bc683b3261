package site

import (
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/urls"
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
		return &content.Document{Path: name, URL: urls.Doc(name), Meta: content.Meta{Published: day(published), Written: day(written)}}
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

// TestRegionHierarchy checks the places: province → city → county from front matter, each
// listing every document within it, in pinyin order, with a repeated name told apart.
func TestRegionHierarchy(t *testing.T) {
	doc := func(name, province, city, region, published string) *content.Document {
		d, _ := time.Parse("2006-01-02", published)
		return &content.Document{Path: name, URL: urls.Doc(name), Meta: content.Meta{Province: province, City: city, Region: region, Published: content.Date{Time: d}}}
	}
	docs := []*content.Document{ // newest first, as Build passes them
		doc("huzhou", "浙江省", "", "湖州市", "2025-03-24"),
		doc("haian", "江苏省", "南通市", "海安市", "2025-03-04"),
		doc("jiangsu", "江苏省", "", "江苏省", "2025-02-11"),
		doc("xincheng", "陕西省", "西安市", "新城区", "2025-01-02"),
		doc("xincheng-bj", "北京市", "", "新城区", "2025-01-01"), // invented, to repeat a name
		doc("jintan", "江苏省", "常州市", "金坛区", "2025-01-01"),
	}
	all, roots, own := buildRegions(docs, nil)
	var got []string
	for _, g := range all {
		var ds []string
		for _, d := range g.Documents {
			ds = append(ds, d.Path)
		}
		parent := "-"
		if g.Parent != nil {
			parent = g.Parent.Place
		}
		got = append(got, strings.Repeat(" ", g.Level-1)+g.Name+"<"+parent+">:"+strings.Join(ds, ","))
	}
	wantAll := []string{
		"北京市<->:xincheng-bj",
		" 新城区（北京市）<北京市>:xincheng-bj",
		"江苏省<->:haian,jiangsu,jintan",
		" 常州市<江苏省>:jintan",
		"  金坛区<常州市>:jintan",
		" 南通市<江苏省>:haian",
		"  海安市<南通市>:haian",
		"陕西省<->:xincheng",
		" 西安市<陕西省>:xincheng",
		"  新城区（西安市）<西安市>:xincheng",
		"浙江省<->:huzhou",
		" 湖州市<浙江省>:huzhou",
	}
	if strings.Join(got, "\n") != strings.Join(wantAll, "\n") {
		t.Errorf("places:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantAll, "\n"))
	}
	if len(roots) != 4 || own[docs[2].URL].Place != "江苏省" || own[docs[1].URL].Place != "海安市" {
		t.Errorf("roots %d, own place of jiangsu %q, of haian %q", len(roots), own[docs[2].URL].Place, own[docs[1].URL].Place)
	}
}
