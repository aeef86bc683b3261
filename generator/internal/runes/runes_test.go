package runes

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// sets are the sets the passes use, and sets with what the fast paths must hand to package
// strings: U+FFFD, bytes that are not UTF-8, runes outside the BMP, the empty set.
var sets = []string{
	"，。；：！？,;:（）()\n", "。！？；!?;\n", "，：,:", "：:", "、和及与", "存正现实所",
	"0123456789０１２３４５６７８９", "。；;！？!?", "\uFFFD，", "，\xbc", "\xef", "𠀀a", "é", "Ωé", "",
}

// pieces are what random texts are made of: Han characters that share bytes other than the
// first with the punctuation (，is EF BC 8C; 糌 is E7 B3 8C), the punctuation itself, ASCII,
// U+FFFD, broken and truncated sequences.
var pieces = []string{
	"，", "。", "、", "：", ":", "a", "1", "１", "糌", "中", "医", "和", "\uFFFD", "\xef", "\xef\xbc",
	"\xbc", "\x8c", "\xe3\x80", "𠀀", "é", "Ω", "\xc3", " ", "\n", "存",
}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for n := r.IntN(12); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// TestAgreesWithStrings: on texts made to trip a byte-wise search (characters that share
// their last bytes with the set's, bytes that are not UTF-8), the answers are package
// strings' own.
func TestAgreesWithStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, chars := range sets {
		set := NewSet(chars)
		for n := 0; n < 20000; n++ {
			text := randomText(r)
			if got, want := set.Index(text), strings.IndexAny(text, chars); got != want {
				t.Fatalf("Index(%q) in set %q = %d, strings.IndexAny says %d", text, chars, got, want)
			}
			if got, want := set.LastIndex(text), strings.LastIndexAny(text, chars); got != want {
				t.Fatalf("LastIndex(%q) in set %q = %d, strings.LastIndexAny says %d", text, chars, got, want)
			}
			if got, want := IndexAny(text, chars), strings.IndexAny(text, chars); got != want {
				t.Fatalf("IndexAny(%q, %q) = %d, strings.IndexAny says %d", text, chars, got, want)
			}
			if got, want := ContainsAny(text, chars), strings.ContainsAny(text, chars); got != want {
				t.Fatalf("ContainsAny(%q, %q) = %v, strings says %v", text, chars, got, want)
			}
		}
		for _, c := range []rune{-1, 0, 'a', ':', '\n', '，', '。', '糌', '中', '存', 'é', 'Ω', '𠀀', utf8.RuneError, utf8.MaxRune, utf8.MaxRune + 1, 0xD800, 0xBC, 0x8C} {
			if got, want := set.Has(c), strings.ContainsRune(chars, c); got != want {
				t.Errorf("Has(%q) in set %q = %v, strings.ContainsRune says %v", c, chars, got, want)
			}
		}
	}
}

// FuzzIndexAny: the same against any text and set.
func FuzzIndexAny(f *testing.F) {
	for _, s := range sets {
		f.Add("中医、口腔，老年\xef等", s)
	}
	f.Fuzz(func(t *testing.T, text, chars string) {
		set := NewSet(chars)
		if got, want := set.Index(text), strings.IndexAny(text, chars); got != want {
			t.Fatalf("Index(%q) in set %q = %d, strings.IndexAny says %d", text, chars, got, want)
		}
		if got, want := set.LastIndex(text), strings.LastIndexAny(text, chars); got != want {
			t.Fatalf("LastIndex(%q) in set %q = %d, strings.LastIndexAny says %d", text, chars, got, want)
		}
		for _, c := range text {
			if got, want := set.Has(c), strings.ContainsRune(chars, c); got != want {
				t.Fatalf("Has(%q) in set %q = %v, strings.ContainsRune says %v", c, chars, got, want)
			}
		}
	})
}

func BenchmarkIndexAny(b *testing.B) {
	text := strings.Repeat("推进紧密型县域医共体建设和城市医疗集团网格化布局", 4) + "。"
	b.Run("strings", func(b *testing.B) {
		for b.Loop() {
			strings.IndexAny(text, "，。；：！？,;:（）()\n")
		}
	})
	b.Run("runes", func(b *testing.B) {
		for b.Loop() {
			IndexAny(text, "，。；：！？,;:（）()\n")
		}
	})
}

// TestHeadTail: Head and Tail are the runes of the text cut as []rune would cut them, on texts
// with bytes that are not UTF-8 too.
func TestHeadTail(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 50000; k++ {
		text := randomText(r)
		n := r.IntN(14)
		rs := []rune(text)
		wantHead, wantTail, wantCut := string(rs), string(rs), len(rs) > n
		if wantCut {
			wantHead, wantTail = string(rs[:n]), string(rs[len(rs)-n:])
		}
		if got, cut := Head(text, n); got != wantHead || cut != wantCut {
			t.Fatalf("Head(%q, %d) = %q, %v; want %q, %v", text, n, got, cut, wantHead, wantCut)
		}
		if got, cut := Tail(text, n); got != wantTail || cut != wantCut {
			t.Fatalf("Tail(%q, %d) = %q, %v; want %q, %v", text, n, got, cut, wantTail, wantCut)
		}
	}
}
