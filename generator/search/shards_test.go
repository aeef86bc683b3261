package search_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/search/engine"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// shardedIndex builds the bundled content into an index of n shards.
func shardedIndex(t *testing.T, n int) *engine.Index {
	t.Helper()
	_, docs := bundledIndex(t)
	dir := filepath.Join(t.TempDir(), fmt.Sprintf("shards-%d", n))
	if _, err := bleveindex.BuildShards(dir, searchtest.Sources(bundled.cfg, docs), bundled.cfg.Search.Synonyms, n); err != nil {
		t.Fatal(err)
	}
	ix, err := bleveindex.Open(dir, search.NewSynonyms(bundled.cfg.Search.Synonyms))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestShardsAgree: how many shards the index was built with (it follows the machine's
// cores) changes nothing a client sees: the same hits, totals, facets, and dates order.
func TestShardsAgree(t *testing.T) {
	one, three := shardedIndex(t, 1), shardedIndex(t, 3)
	for _, q := range []string{"儿科", "卫生", "家医", "癌", "AI", "儿科 OR 托育 -精神卫生", "儿科、精神卫生"} {
		for _, sortBy := range []string{"", "date"} {
			r := search.Request{Q: q, Sort: sortBy}
			a, b := allHits(t, one, r), allHits(t, three, r)
			if a.Total != b.Total {
				t.Errorf("%s: total %d with one shard, %d with three", q, a.Total, b.Total)
			}
			sameSet(t, q+": one shard vs three", urlSet(b), urlSet(a))
			if fmt.Sprint(a.Facets) != fmt.Sprint(b.Facets) {
				t.Errorf("%s: facets differ:\n%v\n%v", q, a.Facets, b.Facets)
			}
			if sortBy == "date" {
				for i := 1; i < len(b.Hits); i++ {
					if b.Hits[i-1].Published < b.Hits[i].Published {
						t.Errorf("%s: three shards, sort=date out of order at %d", q, i)
					}
				}
			}
		}
	}
	// Relevance is scored per shard (bleve's alias does not share term statistics), so the
	// order of equal-looking hits may differ with the number of shards; title and heading
	// matches must still come first.
	_, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	checkTitleRanks(t, one, ui)
	checkTitleRanks(t, three, ui)
	checkTitleRanks(t, shardedIndex(t, 7), ui)
}

// TestShardFailureIsAnError: a search that fails (here: its context is cancelled) returns an
// error, not an empty result that looks complete, whatever the number of shards.
func TestShardFailureIsAnError(t *testing.T) {
	for _, n := range []int{1, 3} {
		ix := shardedIndex(t, n)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		resp, err := ix.Search(ctx, search.Request{Q: "卫生"})
		if err == nil {
			t.Errorf("%d shards: a cancelled search returned %d hits of %d and no error", n, len(resp.Hits), resp.Total)
		} else if search.IsRequestError(err) {
			t.Errorf("%d shards: a cancelled search is not the client's fault: %v", n, err)
		}
	}
}

// TestFacetCountsAcrossShards: a facet's count is the number of hits carrying the value even
// when the value is rare in one shard and common in another (each shard alone would leave it
// out of its top values).
func TestFacetCountsAcrossShards(t *testing.T) {
	doc := func(i int, agency string) *content.Document {
		return &content.Document{URL: fmt.Sprintf("/plans/syn-%03d/", i), Main: &content.Part{},
			Meta: content.Meta{Title: "合成文件", Agency: agency, Region: "合成区"}}
	}
	// Documents are dealt to two shards round robin: evens to shard 0, odds to shard 1.
	var even, odd []string
	for k := 0; k < search.MaxFacetTerms; k++ {
		even = append(even, fmt.Sprintf("机构B%02d", k), fmt.Sprintf("机构B%02d", k))
	}
	even = append(even, "机构A")
	odd = append(odd, "机构A", "机构A", "机构A")
	for len(odd) < len(even) {
		odd = append(odd, "机构C")
	}
	var docs []*content.Document
	want := map[string]int{}
	for i := range even {
		docs = append(docs, doc(len(docs), even[i]), doc(len(docs)+1, odd[i]))
		want[even[i]]++
		want[odd[i]]++
	}
	for _, n := range []int{1, 2} {
		dir := filepath.Join(t.TempDir(), "syn")
		if _, err := bleveindex.BuildShards(dir, searchtest.Sources(&config.Config{}, docs), nil, n); err != nil {
			t.Fatal(err)
		}
		ix, err := bleveindex.Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := ix.Search(context.Background(), search.Request{Q: "合成"})
		if err != nil {
			t.Fatal(err)
		}
		if int(resp.Total) != len(docs) {
			t.Errorf("%d shards: total %d, want %d", n, resp.Total, len(docs))
		}
		got := map[string]int{}
		for _, f := range resp.Facets["agency"] {
			got[f.Value] = f.Count
			if f.Count != want[f.Value] {
				t.Errorf("%d shards: agency %s count %d, want %d", n, f.Value, f.Count, want[f.Value])
			}
		}
		if got["机构A"] != 4 || got["机构C"] != want["机构C"] || len(resp.Facets["agency"]) != search.MaxFacetTerms {
			t.Errorf("%d shards: agency facet %v", n, resp.Facets["agency"])
		}
		filtered, err := ix.Search(context.Background(), search.Request{Q: "合成", Filters: map[string][]string{"agency": {"机构A"}}})
		if err != nil || filtered.Total != 4 {
			t.Errorf("%d shards: agency=机构A gives %v hits (%v), want 4", n, filtered.Total, err)
		}
		ix.Close()
	}
}

// TestIndexKeepsItsSynonyms: an index opened without synonyms expands queries by the groups it
// was built with, so that every reader of one index (serve, dev, the search command) answers
// alike.
func TestIndexKeepsItsSynonyms(t *testing.T) {
	mk := func(slug, title string) *content.Document {
		return &content.Document{URL: "/plans/" + slug + "/", Main: &content.Part{}, Meta: content.Meta{Title: title, Agency: "甲"}}
	}
	docs := []*content.Document{mk("a", "推进紧密型医共体建设"), mk("b", "建设县域医疗共同体"), mk("c", "其他工作")}
	dir := filepath.Join(t.TempDir(), "syn")
	if _, err := bleveindex.Build(dir, searchtest.Sources(&config.Config{}, docs), [][]string{{"医共体", "医疗共同体"}}); err != nil {
		t.Fatal(err)
	}
	ix, err := bleveindex.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	resp, err := ix.Search(context.Background(), search.Request{Q: "医共体"})
	if err != nil {
		t.Fatal(err)
	}
	got := urlSet(resp)
	if len(got) != 2 || !got["/plans/a/"] || !got["/plans/b/"] {
		t.Errorf("医共体 found %v, want /plans/a/ and /plans/b/ (医疗共同体 is its synonym)", got)
	}
}
