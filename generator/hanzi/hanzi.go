// Package hanzi folds traditional Chinese characters to simplified ones, so that 兒科 reads as
// 儿科 wherever text is matched: by the search index and its queries (package search) and by the
// theme tagger (package taxonomy). It is the one place that reads OpenCC's table.
//
// The table is OpenCC's (TSCharacters, through github.com/longbridgeapp/opencc, which embeds
// OpenCC's dictionaries and is kept up with them), read character by character: a fold maps
// one rune to one rune so that offsets survive it. OpenCC's phrase table (TSPhrases) decides
// only among the simplified candidates of a few characters (乾 → 干 or 乾); character by
// character the first candidate is taken, the same wherever the fold is used.
//
// OpenCC's conversion is run once, when table.go is generated (go generate; a test checks the
// table against OpenCC), not when a program starts: building OpenCC's dictionaries and
// converting every character one by one took a search replica 50 ms of its start.
package hanzi

//go:generate go run gen_table.go

import (
	"sync"
	"unicode/utf8"
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

// load makes the table from t2sPairs.
func load() {
	tab := make([]rune, Hi-Lo+1)
	for i := range tab {
		tab[i] = Lo + rune(i)
	}
	for s := t2sPairs; s != ""; {
		from, n := utf8.DecodeRuneInString(s)
		to, m := utf8.DecodeRuneInString(s[n:])
		s = s[n+m:]
		tab[from-Lo] = to
	}
	t2s.tab = tab
}
