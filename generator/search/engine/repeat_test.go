package engine_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/planportal/planportal/generator/bench"
	"github.com/planportal/planportal/generator/search"
)

// TestFacetsDoNotDependOnEarlierQueries: the counts a query's facets are made from are kept
// between queries (collect's hitCounts) and must be 0 when the next query takes them. Every
// query of the load test asked once, then again in the reverse order on the same index, must
// list the same facets; and where all its hits fit on one page, each region listed counts the
// hits of that region.
func TestFacetsDoNotDependOnEarlierQueries(t *testing.T) {
	ix := bundledIndex(t)
	defer ix.Close()
	ctx := context.Background()
	ask := func(q string) *search.Response {
		resp, err := ix.Search(ctx, search.Request{Q: q, Size: search.MaxSize})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return resp
	}
	first := map[string]*search.Response{}
	checked := 0
	for _, q := range bench.Queries {
		r := ask(q)
		first[q] = r
		if r.Total == 0 || r.Total > search.MaxSize {
			continue
		}
		byRegion := map[string]int{}
		for _, h := range r.Hits {
			byRegion[h.Region]++
		}
		for _, f := range r.Facets["region"] {
			if f.Count != byRegion[f.Value] {
				t.Errorf("%s: region %s counts %d hits, %d of its hits are there", q, f.Value, f.Count, byRegion[f.Value])
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no query had its hits on one page and a region listed: nothing compared")
	}
	for i := len(bench.Queries) - 1; i >= 0; i-- {
		q := bench.Queries[i]
		if r := ask(q); !reflect.DeepEqual(r.Facets, first[q].Facets) {
			t.Errorf("%s asked again: facets\n%v\nfirst\n%v", q, r.Facets, first[q].Facets)
		}
	}
}
