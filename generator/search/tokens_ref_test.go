package search

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// refTokens is the tokeniser as it was before scanTokens emitted Han bigrams as a run goes
// (collecting each run first): the streaming one must split every text exactly as it did,
// since the index's terms, and every query's, come from it.
func refTokens(text string, query bool) []Token {
	var out []Token
	pos := 1
	type ch struct {
		r          rune
		start, end int
	}
	var run []ch
	runClass := Space
	flush := func() {
		switch runClass {
		case Han:
			n := len(run)
			for j := 0; j < n; j++ {
				switch {
				case j+1 < n:
					out = append(out, Token{string([]rune{run[j].r, run[j+1].r}), pos + j, run[j].start, run[j+1].end})
				case !query || n == 1:
					out = append(out, Token{string(run[j].r), pos + j, run[j].start, run[j].end})
				}
			}
			pos += n
		case Word:
			rs := make([]rune, len(run))
			for j, c := range run {
				rs[j] = c.r
			}
			out = append(out, Token{string(rs), pos, run[0].start, run[len(run)-1].end})
			pos++
		}
		run = run[:0]
		runClass = Space
	}
	for i, r := range text {
		n := Normalize(r)
		c := ClassOf(n)
		end := i + utf8.RuneLen(r)
		if runClass == Word && IsDecimalPoint(run[len(run)-1].r, n, nextNormalized(text, end)) {
			c = Word
		}
		if c == Word && runClass == Word || c == Han && runClass == Han {
			run = append(run, ch{n, i, end})
			continue
		}
		flush()
		switch c {
		case Han, Word:
			runClass = c
			run = append(run, ch{n, i, end})
		case Punct:
			// The mark holds a position of its own, so no phrase spans it unless the phrase
			// has the same mark there (儿科、精神卫生 must not match 儿科和精神卫生).
			out = append(out, Token{string(n), pos, i, end})
			pos++
		}
	}
	flush()
	return out
}

var tokenSamples = []string{
	"", " ", "癌", "儿科", "精神卫生", "医疗AI", "AI医疗", "中国 abc", "儿科、精神", "4.5", "4.65亿元", "14.5%。",
	"1.", ".5", "a.b", "v1.2.3", "ＡＩ，２０２５年", "兒科醫院", "e\u0301", "𠀀𪚥🙂", "ｶﾀｶﾅ ﾃｽﾄ", "Ⱥ ẞ İ ǅ",
	"\xff\xfe 医\xe5疗", "一、深化改革\n\n1. 推进紧密型县域医共体建设。", "（一）“十四五”期间", "82.6岁以上",
	strings.Repeat("医", 70) + strings.Repeat("a", 70), strings.Repeat("9", 100) + ".5",
}

func tokensAgree(t *testing.T, s string) {
	t.Helper()
	for _, query := range []bool{false, true} {
		if got, want := tokens(s, query), refTokens(s, query); !reflect.DeepEqual(got, want) {
			t.Fatalf("tokens(%q, %v):\n got %v\nwant %v", s, query, got, want)
		}
	}
}

func TestTokensAsBefore(t *testing.T) { eachSample(t, nil, tokensAgree) }

// eachSample calls agree with every token sample, the extra ones, and every bundled plan,
// whole.
func eachSample(t *testing.T, extra []string, agree func(*testing.T, string)) {
	for _, s := range append(append([]string(nil), tokenSamples...), extra...) {
		agree(t, s)
	}
	files, _ := filepath.Glob("../../content/*/*.md")
	if len(files) == 0 {
		t.Fatal("no bundled content found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		agree(t, string(b))
	}
}

func FuzzTokensAsBefore(f *testing.F) {
	for _, s := range tokenSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tokensAgree(t, s)
	})
}

// canonTermsAgree checks that the terms ScanCanonIndexTerms reads off the canonical text of
// s are those ScanIndexTerms gives for s, in order.
func canonTermsAgree(t *testing.T, s string) {
	t.Helper()
	var want, got []string
	ScanIndexTerms(s, func(term []byte, _, _, _ int) { want = append(want, string(term)) })
	ScanCanonIndexTerms(Canon(s), func(term string) { got = append(got, term) })
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("terms of Canon(%q) = %q:\n got %q\nwant %q", s, Canon(s), got, want)
	}
}

// TestCanonIndexTerms: the index's terms read off a text's canonical form are the text's, for
// the samples (薴 normalises to 苧, which normalises again to 苎: the canonical text's runes are
// not normalised a second time) and the bundled plans, whole.
func TestCanonIndexTerms(t *testing.T) {
	eachSample(t, []string{"薴麻", "薴", "a薴b 4.5.6 4..5 4 .5"}, canonTermsAgree)
}

func FuzzCanonIndexTerms(f *testing.F) {
	for _, s := range tokenSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		canonTermsAgree(t, s)
	})
}
