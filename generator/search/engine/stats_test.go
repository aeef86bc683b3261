package engine_test

import (
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/search/engine"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// TestIndexStats: the figures scoring uses, the number of records (idf) and each field's mean
// length where it is not empty (BM25's length norm), are those of the records made from the
// content, over the whole index whatever the number of shards, so that a record deleted,
// counted twice or read with a field missing shows.
func TestIndexStats(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	srcs := searchtest.Sources(cfg, docs)
	fields := []string{"title_s", "heading_s", "meta_s", "text"}
	records := 0
	sum, count := map[string]float64{}, map[string]float64{}
	for _, src := range srcs {
		for _, u := range search.Records(src) {
			records++
			for f, s := range map[string]string{"title_s": u.TitleS, "heading_s": u.Heading, "meta_s": u.Meta, "text": u.Text} {
				if l := len(search.Canon(s)); l > 0 {
					sum[f] += float64(l)
					count[f]++
				}
			}
		}
	}
	forShards(t, srcs, cfg.Search.Synonyms, func(n int, ix *engine.Index) {
		got, meanLen := engine.Stats(ix)
		if got != records {
			t.Errorf("%d shards: %d records, want %d", n, got, records)
		}
		for _, f := range fields {
			if count[f] == 0 {
				t.Fatalf("no record has a %s: the content does not test it", f)
			}
			if want := sum[f] / count[f]; math.Abs(meanLen[f]-want) > 1e-9*want {
				t.Errorf("%d shards: mean length of %s %.3f, want %.3f", n, f, meanLen[f], want)
			}
		}
	})
}

// forShards builds an index of the records of srcs in one shard and in three, and calls check
// with each, open: what an index holds is the same whatever the number of its shards.
func forShards(t *testing.T, srcs []search.Source, synonyms [][]string, check func(shards int, ix *engine.Index)) {
	t.Helper()
	for _, n := range []int{1, 3} {
		dir := filepath.Join(t.TempDir(), fmt.Sprintf("shards-%d", n))
		if _, err := bleveindex.BuildShards(dir, srcs, synonyms, n); err != nil {
			t.Fatal(err)
		}
		ix, err := bleveindex.Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		check(n, ix)
		ix.Close()
	}
}
