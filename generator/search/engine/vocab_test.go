package engine_test

import (
	"testing"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/engine"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// TestVocabCounts: the count of each Han bigram in the vocabulary (what pinyin readings and
// typo suggestions are ranked by) is the number of records whose searchable fields hold it,
// a record counted once for each of its fields that holds it, as counted here on the records
// made from the content, whatever the number of shards. The counts were read through zapx's
// DictionaryIterator, which counts every term after the first term of one record as 1: on the
// bundled content 卫生 counted 4 (one shard) or 11 (three) instead of 207.
func TestVocabCounts(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	srcs := searchtest.Sources(cfg, docs)
	want := map[string]uint32{}
	for _, src := range srcs {
		for _, u := range search.Records(src) {
			for _, s := range []string{u.TitleS, u.Heading, u.Meta, u.Text} {
				// The bigrams of two adjacent Han characters of the field, each once. The
				// vocabulary holds those of U+3000-U+9FFF (three bytes in UTF-8).
				held := map[string]bool{}
				rs := []rune(search.NormalizeString(s))
				for i := 0; i+1 < len(rs); i++ {
					a, b := rs[i], rs[i+1]
					if search.ClassOf(a) == search.Han && search.ClassOf(b) == search.Han &&
						a >= 0x3000 && a < 0xA000 && b >= 0x3000 && b < 0xA000 {
						held[string(rs[i:i+2])] = true
					}
				}
				for bg := range held {
					want[bg]++
				}
			}
		}
	}
	if want["卫生"] < 100 {
		t.Fatalf("卫生 is in %d records' fields: the content does not test the counts", want["卫生"])
	}
	forShards(t, srcs, cfg.Search.Synonyms, func(n int, ix *engine.Index) {
		got := engine.VocabCounts(ix)
		wrong := 0
		for bg, w := range want {
			if got[bg] != w {
				if wrong < 10 {
					t.Errorf("%d shards: %s counts %d, in %d records' fields", n, bg, got[bg], w)
				}
				wrong++
			}
		}
		for bg, g := range got {
			if _, ok := want[bg]; !ok {
				t.Errorf("%d shards: %s counts %d, in no record", n, bg, g)
			}
		}
		if wrong > 0 {
			t.Errorf("%d shards: %d of %d bigrams counted wrong", n, wrong, len(want))
		}
	})
}
