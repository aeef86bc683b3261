package engine_test

import (
	"context"
	"testing"

	"github.com/planportal/planportal/generator/bench"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/engine"
)

// TestRecordsUnchanged: the bitmaps a segment's Terms.Records returns may be the index's
// own, shared by the candidates of a term, its alternatives and its group (no copy is made of
// them), so no query may change one: on the bundled content, for the load test's queries and
// others with synonyms, several groups, context, exclusions, prefixes, pinyin, typos and
// filters, every bitmap Records returned holds what it held then.
func TestRecordsUnchanged(t *testing.T) {
	base := bundledIndex(t)
	defer base.Close()
	ix, watched := engine.WatchRecords(base)
	queries := append([]string{"海安 儿科", "海安市 家庭医生", "儿科 -海安", "卫生健康 -儿科", "精神卫生 -海安",
		"健康 -卫生健康委员会", "疾控 传染病", "医共体", "醫共體", "医疗 OR 卫生健康", "65%", "2025年 卫生", "癌",
		"医", "gongli yiyuan", "yigongti", "医共提", "家廷医生", "\"家庭医生\" 签约"}, bench.Queries...)
	ctx := context.Background()
	for _, q := range queries {
		for _, r := range []search.Request{{Q: q}, {Q: q, Page: 2, Sort: "date"},
			{Q: q, Filters: map[string][]string{"year": {"2024", "2025"}}}} {
			if _, err := ix.Search(ctx, r); err != nil {
				t.Fatalf("%+v: %v", r, err)
			}
		}
	}
	given, changed := watched()
	if given == 0 {
		t.Fatal("no query read a postings list through Records")
	}
	if changed > 0 {
		t.Errorf("the queries changed %d of the %d bitmaps Records returned", changed, given)
	}
}
