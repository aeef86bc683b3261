package bleveindex

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// PrefixedTerms walks the terms Prefixed walks, in the same order, and stops where its visit
// says so: it differs only in reading no counts.
func TestPrefixedTermsAsPrefixed(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	path := filepath.Join(t.TempDir(), "search.bleve")
	if _, err := BuildShards(path, searchtest.Sources(cfg, docs), cfg.Search.Synonyms, 1); err != nil {
		t.Fatal(err)
	}
	ix, err := bleve.OpenUsing(filepath.Join(path, "shard-0"), map[string]interface{}{"read_only": true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	adv, err := ix.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	walked := 0
	for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
		seg := scorchSegment{seg: ss.Segment()}
		for _, field := range []string{"title_s", "text"} {
			d, err := seg.Terms(field)
			if err != nil {
				t.Fatal(err)
			}
			for _, prefix := range []string{"", "卫", "医疗", "2", "\xff"} {
				for _, limit := range []int{-1, 3} {
					var want, got []string
					if err := d.Prefixed(prefix, func(term string, _ uint64) bool {
						want = append(want, term)
						return len(want) != limit
					}); err != nil {
						t.Fatal(err)
					}
					if err := d.PrefixedTerms(prefix, func(term string) bool {
						got = append(got, term)
						return len(got) != limit
					}); err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, want) {
						t.Errorf("%s %q (stop at %d): PrefixedTerms walked %d terms %.60q, Prefixed %d %.60q", field, prefix, limit, len(got), got, len(want), want)
					}
					walked += len(got)
				}
			}
		}
	}
	if walked < 100 {
		t.Fatalf("walked %d terms: the content does not test the walk", walked)
	}
}
