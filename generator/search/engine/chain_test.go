package engine_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/bench"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/engine"
)

// TestChainsCountAsText: in an index opened from its parts file, every term of three Han
// characters or more, counted from its bigrams' positions, counts as often in each field of
// each record as it occurs in the record's text. The terms: the load test's, and the runs of
// three to six characters that start every 97th Han character of the bundled text (found
// there, so held by records), each also reversed (mostly found nowhere).
func TestChainsCountAsText(t *testing.T) {
	ix := bundledIndex(t)
	defer ix.Close()
	var terms []string
	for _, q := range bench.Queries {
		for _, g := range search.Parse(q, nil).Groups {
			for _, term := range g {
				if rs := []rune(term.Text); len(rs) >= 3 && allHan(rs) {
					terms = append(terms, term.Text)
				}
			}
		}
	}
	han := engine.HanText(ix)
	for i := 0; i+6 <= len(han); i += 41 {
		rs := han[i : i+3+i%4]
		if !allHan(rs) {
			continue
		}
		terms = append(terms, string(rs))
		rev := slices.Clone(rs)
		slices.Reverse(rev)
		terms = append(terms, string(rev))
	}
	held, bad := engine.ChainCheck(ix, terms)
	t.Logf("%d terms, held by %d fields of records", len(terms), held)
	for _, b := range bad[:min(len(bad), 10)] {
		t.Error(b)
	}
	if held < 1000 {
		t.Errorf("only %d fields of records hold a term: the comparison tests little", held)
	}
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if search.ClassOf(r) != search.Han || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// TestPositionsAnswerAsText: every answer of an index whose parts have positions is the
// answer of the same index counting every term on the text: hits, their order and scores'
// ties, totals and facets, on the load test's queries and others of three Han characters or
// more (with synonyms, traditional characters, quotes, exclusions, two groups), each also at
// page 2, by date and 50 a page.
func TestPositionsAnswerAsText(t *testing.T) {
	ix := bundledIndex(t)
	defer ix.Close()
	plain, all := engine.WithoutPositions(ix)
	if !all {
		t.Fatal("a part of the index has no positions")
	}
	queries := append([]string{"医共体", "醫共體", "家庭医生签约", `"家庭医生" 签约`, "儿科 精神卫生", "精神卫生 -海安",
		"卫生健康委员会", "健康 -卫生健康委员会", "公共卫生服务 OR 医共体", "海安 基本公共卫生"}, bench.Queries...)
	ctx := context.Background()
	for _, q := range queries {
		for _, r := range []search.Request{{Q: q}, {Q: q, Page: 2}, {Q: q, Sort: "date"}, {Q: q, Size: 50}} {
			a, err := ix.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			b, err := plain.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			a.TookMS, b.TookMS = 0, 0
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if !bytes.Equal(ja, jb) {
				t.Errorf("%+v: with positions %.300s\nwithout %.300s", r, ja, jb)
			}
		}
	}
}
