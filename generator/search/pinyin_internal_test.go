package search

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/mozillazg/go-pinyin"
)

// TestSyllablesAreTheDictionarys: the syllables SplitPinyin splits into are those of the
// dictionary's readings that have a vowel, every one of them and no other.
func TestSyllablesAreTheDictionarys(t *testing.T) {
	want := map[string]bool{}
	for r := range pinyin.PinyinDict {
		for _, s := range Readings(rune(r)) {
			if strings.ContainsAny(s, "aeiouv") {
				want[s] = true
			}
		}
	}
	syllables.once.Do(loadSyllables)
	if !maps.Equal(syllables.set, want) {
		t.Errorf("pinyinSyllables lists %d syllables, the dictionary reads %d: make it\n%s", len(syllables.set), len(want),
			strings.Join(slices.Sorted(maps.Keys(want)), " "))
	}
	if syllables.longest != 6 {
		t.Errorf("longest syllable %d bytes, want 6 (zhuang)", syllables.longest)
	}
}
