package search

import (
	"strings"
	"sync"

	"github.com/mozillazg/go-pinyin"
)

// Pinyin: people type toneless pinyin when the input method is off, or when they only heard a
// term (erke, jiating yisheng, jiatingyisheng). The readings of characters come from go-pinyin's
// dictionary (every reading of a character with several: 行 xing and hang); the index decides
// which Han terms a reading may stand for (package engine), so a pinyin query never expands to
// a homophone that occurs nowhere.

var pinyinTable struct {
	once      sync.Once
	args      pinyin.Args
	syllables map[string]bool
	longest   int
}

func loadPinyin() {
	t := &pinyinTable
	t.args = pinyin.NewArgs()
	t.args.Heteronym = true
	t.args.Fallback = func(rune, pinyin.Args) []string { return nil }
	t.syllables = map[string]bool{}
	for r := range pinyin.PinyinDict {
		for _, s := range pinyin.SinglePinyin(rune(r), t.args) {
			if !strings.ContainsAny(s, "aeiouv") {
				continue // 嗯 n, ng, hm: they would split xian into xia n
			}
			t.syllables[s] = true
			t.longest = max(t.longest, len(s))
		}
	}
}

// Readings returns the toneless pinyin readings of a Han character (ü written v, as on a
// keyboard: 绿 lv), or none.
func Readings(r rune) []string {
	pinyinTable.once.Do(loadPinyin)
	return pinyin.SinglePinyin(r, pinyinTable.args)
}

// maxSplits bounds how many ways SplitPinyin splits one string (xian: xian or xi an).
const maxSplits = 16

// SplitPinyin returns the ways a string of letters reads as toneless pinyin syllables, fewest
// syllables first (jiating: jia ting, ji a ting …); none when it is not pinyin. Letters only,
// lower case (a normalised term).
func SplitPinyin(s string) [][]string {
	if s == "" || len(s) > MaxQueryLen {
		return nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return nil
		}
	}
	pinyinTable.once.Do(loadPinyin)
	t := &pinyinTable
	// ok[i]: s[i:] splits into syllables.
	ok := make([]bool, len(s)+1)
	ok[len(s)] = true
	for i := len(s) - 1; i >= 0; i-- {
		for j := i + 1; j <= min(len(s), i+t.longest); j++ {
			if ok[j] && t.syllables[s[i:j]] {
				ok[i] = true
				break
			}
		}
	}
	if !ok[0] {
		return nil
	}
	var out [][]string
	var walk func(i int, acc []string)
	walk = func(i int, acc []string) {
		if len(out) >= maxSplits {
			return
		}
		if i == len(s) {
			out = append(out, append([]string(nil), acc...))
			return
		}
		for j := min(len(s), i+t.longest); j > i; j-- { // longest syllable first
			if ok[j] && t.syllables[s[i:j]] {
				walk(j, append(acc, s[i:j]))
			}
		}
	}
	walk(0, nil)
	sortByLen(out)
	return out
}

func sortByLen(ss [][]string) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && len(ss[j]) < len(ss[j-1]); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

// PinyinOf reads a Han term as toneless pinyin, one reading per character (the first), joined
// without spaces: 儿科 → erke. Characters without a reading are kept as they are.
func PinyinOf(term string) string {
	var b strings.Builder
	for _, r := range term {
		if rs := Readings(r); len(rs) > 0 {
			b.WriteString(rs[0])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PinyinMatch tells that a query term in pinyin was searched as a Han term of the index whose
// reading it is (按拼音 erke 搜索：儿科), and which other terms of the index read alike.
type PinyinMatch struct {
	Pinyin string   `json:"pinyin"`
	Term   string   `json:"term"`
	Others []string `json:"others,omitempty"`
}

// Suggestion is a query offered when a search finds nothing (您是不是要找): the query with
// one term replaced by a term that occurs in the index.
type Suggestion struct {
	Query string `json:"query"`
	// For and Term name the replacement: the term typed and the one suggested.
	For  string `json:"for"`
	Term string `json:"term"`
}
