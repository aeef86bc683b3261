package search_test

import (
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// TestAppendRecordsReusesItsSlice: AppendRecords appends one document's records after those
// it is given, and a slice reused for the next document (units[:0], as the index build feeds
// them) holds exactly that document's records, the same as Records gives each alone.
func TestAppendRecordsReusesItsSlice(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	if len(docs) < 2 {
		t.Fatalf("%d bundled documents, want at least 2", len(docs))
	}
	srcs := searchtest.Sources(cfg, docs[:2])
	first, second := search.Records(srcs[0]), search.Records(srcs[1])
	if len(first) < 2 || len(second) < 2 {
		t.Fatalf("records %d and %d, want documents with passages", len(first), len(second))
	}
	both := search.AppendRecords(search.AppendRecords(nil, srcs[0]), srcs[1])
	if want := append(append([]search.Record(nil), first...), second...); !reflect.DeepEqual(both, want) {
		t.Errorf("appending the second document's records after the first's: %d records, want %d, the first's kept", len(both), len(want))
	}
	reused := search.AppendRecords(both[:0], srcs[1])
	if !reflect.DeepEqual(reused, second) {
		t.Errorf("the slice reused for the second document holds %d records, want its %d", len(reused), len(second))
	}
}

// TestRecordFacetsFromContent: every record of the bundled documents lists, as its facets,
// "theme=…" for each of its own themes, then its document's agency, region, province, year of
// publication, category and validity as written in the front matter (those not empty).
func TestRecordFacetsFromContent(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	n, differ := 0, 0
	for _, src := range searchtest.Sources(cfg, docs) {
		m := src.Doc.Meta
		year := ""
		if !m.Published.IsZero() {
			year = strconv.Itoa(m.Published.Year())
		}
		var meta []string
		for _, kv := range [][2]string{{"agency", m.Agency}, {"region", m.Region}, {"province", m.Province},
			{"year", year}, {"category", m.Category}, {"validity", m.Validity}} {
			if kv[1] != "" {
				meta = append(meta, kv[0]+"="+kv[1])
			}
		}
		docThemes := src.Analysis.Themes()
		for _, u := range search.Records(src) {
			var want []string
			for _, th := range u.Themes {
				want = append(want, "theme="+th)
			}
			want = append(want, meta...)
			if !slices.Equal(u.Facets, want) {
				t.Errorf("%s: facets %q, want %q", u.URL, u.Facets, want)
			}
			if !slices.Equal(u.Themes, docThemes) {
				differ++
			}
			n++
		}
	}
	if differ == 0 || differ == n {
		t.Fatalf("%d of %d records have themes other than their document's: the test needs both kinds", differ, n)
	}
}
