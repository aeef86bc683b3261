// Package hanzi folds traditional Chinese characters to simplified ones, so that 兒科 reads as
// 儿科 wherever text is matched: by the search index and its queries (package search) and by the
// theme tagger (package taxonomy). It is the one place that reads OpenCC's table.
//
// The table is OpenCC's (TSCharacters, through github.com/longbridgeapp/opencc, which embeds
// OpenCC's dictionaries and is kept up with them), read character by character: a fold maps
// one rune to one rune so that offsets survive it. OpenCC's phrase table (TSPhrases) decides
// only among the simplified candidates of a few characters (乾 → 干 or 乾); character by
// character the first candidate is taken, the same wherever the fold is used.
package hanzi

import (
	"sync"

	"github.com/longbridgeapp/opencc"
)

// Lo and Hi bound the characters folded: CJK Extension A and the Unified Ideographs, where
// every traditional character of the table lies.
const Lo, Hi = 0x3400, 0x9FFF

var t2s struct {
	once sync.Once
	tab  []rune // rune Lo+i folds to tab[i]
}

// Simplified returns the simplified form of r, or r itself when it is not a traditional
// character.
func Simplified(r rune) rune {
	if r < Lo || r > Hi {
		return r
	}
	t2s.once.Do(load)
	return t2s.tab[r-Lo]
}

func load() {
	tab := make([]rune, Hi-Lo+1)
	for i := range tab {
		tab[i] = Lo + rune(i)
	}
	cc, err := opencc.New("t2s")
	if err != nil {
		// The dictionaries are embedded in the binary: failing to read them is a broken
		// build, not a condition to serve around.
		panic("hanzi: OpenCC t2s dictionary: " + err.Error())
	}
	for i := range tab {
		s, err := cc.Convert(string(tab[i]))
		if err != nil {
			continue
		}
		if rs := []rune(s); len(rs) == 1 {
			tab[i] = rs[0]
		}
	}
	t2s.tab = tab
}
