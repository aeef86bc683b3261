package taxonomy

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/hanzi"
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

// foldByRune is fold as it was written before it decoded by hand: every character decoded,
// looked up in hanzi's table and replaced by a simplified form of the same length.
func foldByRune(s string) string {
	b := []byte(s)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if f := hanzi.Simplified(r); f != r && utf8.RuneLen(f) == n {
			utf8.EncodeRune(b[i:], f)
		}
		i += n
	}
	return string(b)
}

// TestFoldByHand: fold agrees with foldByRune on texts of traditional and simplified
// characters, ASCII, characters of other lengths and broken sequences (a three-byte character
// cut short, stray continuation bytes), and on the labelled passages.
func TestFoldByHand(t *testing.T) {
	pieces := []string{"兒", "科", "醫", "療", "中", "。", "，", "DRG", "a", "é", "𠀀", "\xe5", "\xe5\x85", "\x85", "\xbf", "\xef\xbc", "㐀", "鿿", " ", "\n"}
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := r.IntN(10); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if got, want := fold(b.String()), foldByRune(b.String()); got != want {
			t.Fatalf("fold(%q) = %q, want %q", b.String(), got, want)
		}
	}
	_, _, passages := siteLabelled(t)
	changed := 0
	for _, p := range passages {
		got, want := fold(p.text), foldByRune(p.text)
		if got != want {
			t.Fatalf("%s: fold differs from foldByRune", p.id)
		}
		if got != p.text {
			changed++
		}
	}
	if fold("醫療兒科") != "医疗儿科" || changed == 0 {
		t.Fatalf("fold(醫療兒科) = %q; %d labelled passages changed", fold("醫療兒科"), changed)
	}
}

// TestHanAsUTF8 checks han against utf8.DecodeRuneInString on every three bytes, and on texts
// too short to hold a character of three: where han decodes, it decodes as utf8 does.
func TestHanAsUTF8(t *testing.T) {
	decoded := 0
	b := make([]byte, 4)
	for x := 0; x < 1<<24; x++ {
		b[0], b[1], b[2], b[3] = 'a', byte(x>>16), byte(x>>8), byte(x)
		s := string(b)
		for _, i := range []int{1, 2} { // at i = 2, the text ends before a third byte
			r, n := han(s, i)
			if n == 0 {
				continue
			}
			decoded++
			if wr, wn := utf8.DecodeRuneInString(s[i:]); r != wr || n != wn {
				t.Fatalf("han(% x) = %U, %d; utf8 %U, %d", s[i:], r, n, wr, wn)
			}
		}
	}
	if decoded != 12*64*64 { // E1 to EC, each with any two continuation bytes
		t.Errorf("han decoded %d sequences, want %d", decoded, 12*64*64)
	}
}
