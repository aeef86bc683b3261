package taxonomy

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/config"
)

// TestTrieFindsByFirstPhrases: at every position of the labelled passages (folded, as match
// reads them), the trie lists exactly the phrases of the site's taxonomy whose text begins
// there, in the order of byFirst, the list match read before (longest first).
func TestTrieFindsByFirstPhrases(t *testing.T) {
	_, tg, passages := siteLabelled(t)
	if tg.trie == nil {
		t.Fatal("no trie for the site's taxonomy")
	}
	positions, hits := 0, 0
	for _, p := range passages {
		text := fold(p.text)
		for i := 0; i < len(text); {
			r, n := utf8.DecodeRuneInString(text[i:])
			var want []phrase
			for _, k := range tg.byFirst[r] {
				if strings.HasPrefix(text[i:], k.text) {
					want = append(want, k)
				}
			}
			buf := tg.trie.at(text, i, r, n)
			if len(buf) != len(want) {
				t.Fatalf("%s at %q: the trie lists %d phrases, byFirst %d", p.id, text[i:], len(buf), len(want))
			}
			for k := range want {
				if buf[k] != want[k] {
					t.Fatalf("%s at %q: phrase %d is %+v, byFirst's %+v", p.id, text[i:], k, buf[k], want[k])
				}
			}
			positions++
			hits += len(want)
			i += n
		}
	}
	if hits == 0 || positions < 10000 {
		t.Fatalf("%d phrases at %d positions: the labelled passages were not read", hits, positions)
	}
}

// TestTrieLeftOutForBrokenPhrases: a phrase that is not UTF-8 (医 and the first two bytes of
// 工) leaves the tagger on byFirst, which finds it byte by byte in 医工作, where a walk by
// characters reads 工.
func TestTrieLeftOutForBrokenPhrases(t *testing.T) {
	tg := New([]config.Theme{{Slug: "x", Keywords: []string{"医\xe5\xb7"}}})
	if got := tg.Match("加强医工作"); len(got) != 1 || got[0] != "x" {
		t.Fatalf("Match = %v, want [x]", got)
	}
}
