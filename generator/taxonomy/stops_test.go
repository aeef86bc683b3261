package taxonomy

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/internal/runes"
)

// TestStopsAsSets checks that the stops of a text, read by kind from any byte on, are where
// each kind's set's Index stops (the passes searched the passage with it): on texts of
// punctuation of each kind, quotation marks, Han characters that share bytes with the
// punctuation, characters fold changes (醫, A), bytes that are not UTF-8 (an overlong comma,
// a surrogate's bytes), from every byte, a character's middle included. The stops come from
// foldMask's pass over the text.
func TestStopsAsSets(t *testing.T) {
	pieces := []string{"，", "。", "、", "：", ":", "；", "！", "?", "（", ")", "\n", "“", "”", "\"",
		"a", "中", "糌", "医", "\uFFFD", "\xef", "\xef\xbc", "\xe3\x80", "\xbc\x8c", "𠀀",
		"醫", "A", "\xe0\x80\xac", "\xe0\x81\x9b", "\xed\xa0\x80", "\xc2\xa0"}
	kinds := []struct {
		kind uint8
		set  *runes.Set
	}{{stopQuoteOrClauseEnd, &quoteOrClauseEndSet}, {stopPlaceEnd, &placeEndSet}, {stopSentenceEnd, &sentenceEndSet}}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 2000; n++ {
		var b strings.Builder
		for k := rng.IntN(30); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		st := stopsOf(text)
		for _, k := range kinds {
			c := stopCursor{st: st}
			for from := 0; from <= len(text); from++ {
				want := k.set.Index(text[from:])
				if want >= 0 {
					want += from
				}
				if got := c.index(from, k.kind); got != want {
					t.Fatalf("%q from %d, kind %d: stop at %d, the set's Index at %d", text, from, k.kind, got, want)
				}
			}
		}
	}
}

// TestHasAnyPrefixSuffix: hasAnyPrefix and hasAnySuffix, which compare one byte of each
// prefix or suffix before the rest, answer as strings.HasPrefix and strings.HasSuffix asked of
// each: on texts and lists of Han characters that share their first bytes (医, 区, 卫), ASCII,
// the empty string, and bytes cut from a character's middle.
func TestHasAnyPrefixSuffix(t *testing.T) {
	pieces := []string{"医", "区", "卫", "院", "a", "b", "", "\xe5", "\x8c\xbb", "中心"}
	rng := rand.New(rand.NewPCG(3, 4))
	word := func(n int) string {
		var b strings.Builder
		for k := rng.IntN(n); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for n := 0; n < 20000; n++ {
		s := word(5)
		list := make([]string, rng.IntN(4))
		for i := range list {
			list[i] = word(3)
		}
		var prefix, suffix bool
		for _, p := range list {
			prefix = prefix || strings.HasPrefix(s, p)
			suffix = suffix || strings.HasSuffix(s, p)
		}
		if got := hasAnyPrefix(s, list); got != prefix {
			t.Fatalf("hasAnyPrefix(%q, %q) = %v, want %v", s, list, got, prefix)
		}
		if got := hasAnySuffix(s, list); got != suffix {
			t.Fatalf("hasAnySuffix(%q, %q) = %v, want %v", s, list, got, suffix)
		}
	}
}
