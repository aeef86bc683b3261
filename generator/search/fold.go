package search

import (
	"sync"

	"github.com/longbridgeapp/opencc"
)

// Traditional characters fold to simplified ones, in text and queries alike (Normalize), so
// that 兒科 finds 儿科 and a traditional document is found by a simplified query. The table
// is OpenCC's (TSCharacters, through github.com/longbridgeapp/opencc, which embeds OpenCC's
// dictionaries and is kept up with them), read character by character: a fold must map one
// rune to one rune so that offsets survive it. OpenCC's phrase table (TSPhrases) decides
// only among the simplified candidates of a few characters (乾 → 干 or 乾); character by
// character the first candidate is taken, the same at index and query time.

// foldLo and foldHi bound the characters folded: CJK Extension A and the Unified
// Ideographs, where every traditional character of the table lies.
const foldLo, foldHi = 0x3400, 0x9FFF

var t2s struct {
	once sync.Once
	tab  []rune // rune foldLo+i folds to tab[i]
}

// simplified returns the simplified form of a Han character in [foldLo, foldHi].
func simplified(r rune) rune {
	t2s.once.Do(loadT2S)
	return t2s.tab[r-foldLo]
}

func loadT2S() {
	tab := make([]rune, foldHi-foldLo+1)
	for i := range tab {
		tab[i] = foldLo + rune(i)
	}
	cc, err := opencc.New("t2s")
	if err != nil {
		// The dictionaries are embedded in the binary: failing to read them is a broken
		// build, not a condition to serve around.
		panic("search: OpenCC t2s dictionary: " + err.Error())
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
