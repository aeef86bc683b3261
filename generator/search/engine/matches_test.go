package engine_test

import (
	"path/filepath"
	"testing"

	"github.com/planportal/planportal/generator/bench"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/search/engine"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// TestMatchesAgreesWithScore: a hit that fails one filter only counts for that facet's
// values, and is found by partRun.matches without being scored. On the bundled content, for
// the load test's queries and others with several groups, context, exclusions and numbers,
// every candidate must match by one exactly when it matches by the other; and some
// candidates must not match, or the comparison would not test the text checks.
func TestMatchesAgreesWithScore(t *testing.T) {
	ix := bundledIndex(t)
	defer ix.Close()
	queries := append([]string{"海安 儿科", "海安市 家庭医生", "儿科 -海安", "卫生健康 -儿科", "2025年 卫生", "65%", "90%", "卫生健康委员会 医疗", "医疗 OR 卫生健康"}, bench.Queries...)
	rejected := 0
	for _, q := range queries {
		cands, matched, disagree, err := engine.MatchCheck(ix, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if len(disagree) > 0 {
			t.Errorf("%s: matches and score disagree on %d of %d candidates (records %v)", q, len(disagree), cands, disagree[:min(5, len(disagree))])
		}
		rejected += cands - matched
	}
	if rejected == 0 {
		t.Error("every candidate of every query matches: the text checks are not tested")
	}
}

// bundledIndex builds an index of the bundled content in two shards and opens it with the
// bundled synonyms.
func bundledIndex(t testing.TB) *engine.Index {
	cfg, docs := searchtest.Bundled(t)
	dir := filepath.Join(t.TempDir(), "search.bleve")
	if _, err := bleveindex.BuildShards(dir, searchtest.Sources(cfg, docs), cfg.Search.Synonyms, 2); err != nil {
		t.Fatal(err)
	}
	ix, err := bleveindex.Open(dir, search.NewSynonyms(cfg.Search.Synonyms))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}
