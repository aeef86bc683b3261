package engine_test

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/engine"
)

// TestBrowseByCodeAsWalk: a browse answered from the parts' lists of documents by facet code
// (browse.go) is the browse that walks every document: the same hits in the same order, total
// and facet counts, on the bundled content, for one filter of one value or several (values
// of the content, and one of none), two and three filters, by relevance and by date, on
// every page.
func TestBrowseByCodeAsWalk(t *testing.T) {
	ix := bundledIndex(t)
	defer ix.Close()
	walk := engine.WithoutBrowseIndex(ix)
	ctx := context.Background()
	// The values of every facet, from a search that finds most documents.
	all, err := ix.Search(ctx, search.Request{Q: "卫生", Size: search.MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	vals := map[string][]string{}
	var names []string
	for _, name := range search.FilterNames() {
		for _, f := range all.Facets[name] {
			vals[name] = append(vals[name], f.Value)
		}
		if len(vals[name]) > 0 {
			names = append(names, name)
		}
	}
	if len(names) < 3 {
		t.Fatalf("the bundled content lists values of %d facets (%v): too few to combine", len(names), names)
	}
	rng := rand.New(rand.NewSource(16))
	pick := func(name string) []string {
		v := vals[name]
		out := []string{}
		for n := 1 + rng.Intn(3); len(out) < n; {
			if rng.Intn(8) == 0 {
				out = append(out, "没有这个值")
			} else {
				out = append(out, v[rng.Intn(len(v))])
			}
		}
		return out
	}
	var reqs []search.Request
	for _, name := range names {
		for _, v := range vals[name] {
			reqs = append(reqs, search.Request{Filters: map[string][]string{name: {v}}})
		}
	}
	for i := 0; i < 300; i++ {
		fl := map[string][]string{}
		for n := 1 + rng.Intn(3); len(fl) < n; {
			name := names[rng.Intn(len(names))]
			fl[name] = pick(name)
		}
		reqs = append(reqs, search.Request{Filters: fl, Size: []int{5, 20, search.MaxSize}[rng.Intn(3)], Page: 1 + rng.Intn(2),
			Sort: []string{"", "date", "relevance"}[rng.Intn(3)]})
	}
	hits, many := 0, 0
	for _, r := range reqs {
		got, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		want, err := walk.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		got.TookMS, want.TookMS = 0, 0
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("browse %v (page %d, size %d, sort %q):\n got %s\nwant %s", r.Filters, r.Page, r.Size, r.Sort, show(got), show(want))
		}
		if got.Total > 0 {
			hits++
			if len(r.Filters) > 1 {
				many++
			}
		}
	}
	if hits < len(reqs)/2 || many == 0 {
		t.Errorf("%d of %d browses found something (%d with two filters or more): too few compared", hits, len(reqs), many)
	}
}

func show(r *search.Response) string {
	s := fmt.Sprintf("total %d, facets %v, hits", r.Total, r.Facets)
	for _, h := range r.Hits {
		s += " " + h.URL
	}
	return s
}
