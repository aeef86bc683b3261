package engine

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/search"
)

// TestTopFacets: each facet lists its search.MaxFacetTerms values with the most hits, most
// first, ties by value (years newest first), as sorting every value with a hit would list
// them; on counts with many ties, values of every facet interleaved among the codes, and
// facets with fewer values than the limit.
func TestTopFacets(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	var facets []string
	for i := 0; i < 400; i++ {
		facets = append(facets, fmt.Sprintf("region=地区%03d", rng.Intn(1000)))
		if i%10 == 0 {
			facets = append(facets, fmt.Sprintf("year=%d", 1990+i/10), fmt.Sprintf("theme=t%d", i/10))
		}
		if i%40 == 0 {
			facets = append(facets, fmt.Sprintf("unknown=%d", i))
		}
	}
	seen := map[string]bool{} // a code per value: rng may draw a region twice
	facets = slices.DeleteFunc(facets, func(f string) bool { d := seen[f]; seen[f] = true; return d })
	ix := newIndex(facets, nil, nil)
	for round := 0; round < 200; round++ {
		hits := make([]uint32, len(facets))
		for c := range hits {
			if rng.Intn(3) > 0 {
				hits[c] = uint32(rng.Intn(1 + round%7))
			}
		}
		got := ix.topFacets(hits)
		for f, name := range facetFields {
			var want []search.Facet
			for c, n := range hits {
				if fname, val, _ := strings.Cut(facets[c], "="); fname == name && n > 0 {
					want = append(want, search.Facet{Value: val, Count: int(n)})
				}
			}
			sort.Slice(want, func(i, j int) bool {
				a, b := want[i], want[j]
				if a.Count != b.Count {
					return a.Count > b.Count
				}
				if name == "year" {
					return a.Value > b.Value
				}
				return a.Value < b.Value
			})
			want = want[:min(len(want), search.MaxFacetTerms)]
			if want == nil {
				want = []search.Facet{}
			}
			if !slices.Equal(got[f], want) {
				t.Fatalf("round %d, facet %s:\n got %v\nwant %v", round, name, got[f], want)
			}
		}
	}
}
