package search_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/search"
)

// A unit named only in items' responsibility notes finds those items: the 海安 item lines
// whose note names 医政医管科, read from the source, are exactly the item hits in 海安.
func TestAnnotationSearchable(t *testing.T) {
	ix, docs := bundledIndex(t)
	src, err := os.ReadFile("../../content/plans/haian-2025.md")
	if err != nil {
		t.Fatal(err)
	}
	itemRE := regexp.MustCompile(`^([0-9]+)\. `)
	want := map[string]bool{}
	for _, line := range strings.Split(string(src), "\n") {
		if m := itemRE.FindStringSubmatch(line); m != nil {
			if i := strings.Index(line, "分管领导"); i >= 0 && strings.Contains(line[i:], "医政医管科") {
				want[m[1]] = true
			}
		}
	}
	var haian string
	for _, d := range docs {
		if d.Slug == "haian-2025" {
			haian = d.URL
		}
	}
	resp := allHits(t, ix, search.Request{Q: "医政医管科"})
	got := map[string]bool{}
	for _, h := range resp.Hits {
		if h.DocURL != haian || h.Kind != search.KindItem {
			continue
		}
		got[h.Item] = true
	}
	if len(want) < 30 {
		t.Fatalf("the scan found %d items; the source names 医政医管科 in about 40 notes", len(want))
	}
	for n := range want {
		if !got[n] {
			t.Errorf("item %s names 医政医管科 in its note but is not found", n)
		}
	}
	for n := range got {
		if !want[n] {
			t.Errorf("item %s found but its note does not name 医政医管科", n)
		}
	}
}
