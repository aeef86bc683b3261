package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Text is normalised rune by rune (full-width forms folded to half-width, letters lower-cased,
// traditional characters folded to simplified) so that ＡＩ, AI and ai are one term, and 兒科 and
// 儿科 another. A decimal number (4.5) is one word. Each Han character's position holds one token: the
// bigram it starts, or the character alone when it ends its run. Latin letters and digits
// form words. A punctuation mark is a token of its own, so no phrase spans it unless the phrase
// holds the same mark at that place. The index's analyzer indexes text as Tokens splits it,
// but for the marks (ScanIndexTerms); queries look their terms up as QueryTokens splits them.

// Normalize folds a rune the way both text and queries are folded: full-width to half-width,
// lower case, traditional Han characters to simplified ones (fold.go). It maps one rune to one
// rune, so offsets in runes survive it.
func Normalize(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case cjkFast && r >= 0x4E00 && r <= 0x9FFF:
		return simplified(r) // ideographs have no width or case forms
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	r = unicode.ToLower(r)
	if r >= foldLo && r <= foldHi {
		r = simplified(r)
	}
	return r
}

// IsDecimalPoint reports whether the normalised rune r, between prev and next (normalised;
// 0 at an end), is the point of a decimal number (4.5, 82.6): the number is then one run, so
// that 65 does not match inside 4.65, nor 4.5 inside 14.5 or 4.55.
func IsDecimalPoint(prev, r, next rune) bool {
	return r == '.' && isDigit(prev) && isDigit(next)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// nextNormalized returns the normalised rune of s at byte i, or 0 at its end.
func nextNormalized(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return Normalize(r)
}

// NormalizeString normalises every rune of s.
func NormalizeString(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, Normalize(r))
	}
	return string(out)
}

// Class is what a normalised rune is to tokenisation.
type Class int

// The classes of runes: runs of Han characters (kana and hangul too) and runs of letters and
// digits (Word) form tokens, each punctuation mark is one, spaces none.
const (
	Space Class = iota
	Punct
	Han
	Word
)

// cjkFast is true when every code point of the CJK Unified Ideographs block (U+4E00–U+9FFF,
// nearly all of a Chinese text) is Han in this Go's Unicode tables, so ClassOf and Normalize
// may answer for them without table lookups.
var cjkFast = func() bool {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) || width.LookupRune(r).Folded() != 0 || unicode.ToLower(r) != r {
			return false
		}
	}
	return true
}()

// asciiClass holds ClassOf for ASCII.
var asciiClass = func() (t [0x80]Class) {
	for r := rune(0); r < 0x80; r++ {
		t[r] = classOfSlow(r)
	}
	return t
}()

// ClassOf returns the class of a normalised rune.
func ClassOf(r rune) Class {
	switch {
	case r < 0x80:
		return asciiClass[r]
	case cjkFast && r >= 0x4E00 && r <= 0x9FFF:
		return Han
	}
	return classOfSlow(r)
}

func classOfSlow(r rune) Class {
	switch {
	case unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return Han
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return Word
	case unicode.IsSpace(r):
		return Space
	}
	return Punct
}

// Token is one indexed or queried term at a position (1-based), with its byte span in the
// original text.
type Token struct {
	Term       string
	Pos        int
	Start, End int
}

// Tokens splits text into the terms the index holds: each Han character yields the bigram it
// starts, or itself when it ends its run.
func Tokens(text string) []Token { return tokens(text, false) }

// QueryTokens splits a query term into the index terms a match holds: as Tokens, but the last
// character of a Han run of two or more yields nothing, since the bigram before it already
// pins it down.
func QueryTokens(term string) []Token { return tokens(term, true) }

func tokens(text string, query bool) []Token {
	var out []Token
	scanTokens(text, query, true, func(term []byte, pos, start, end int) {
		out = append(out, Token{string(term), pos, start, end})
	})
	return out
}

// ScanIndexTerms calls emit with each token of text that the index holds, in order: its term
// (the bytes are valid only during the call), position and byte span, as Tokens splits text
// but for punctuation marks: a query looks up the bigrams, words and lone characters
// of its terms (the engine's compileTerm), never a mark, which it matches on the records'
// text. A mark kept its position (no phrase spans it all the same), but in the index it
// only cost time and room: a tenth of the tokens of a generated corpus, in nearly every
// record.
func ScanIndexTerms(text string, emit func(term []byte, pos, start, end int)) {
	scanTokens(text, false, false, emit)
}

// ScanCanonIndexTerms calls emit with each term ScanIndexTerms gives for a text, in order,
// read off the text's canonical form c (Canon) instead: the same bytes (c holds the runes
// normalised, as ScanIndexTerms emits them), as substrings of c. Canon keeps every run of
// the tokeniser whole and apart from the next, with the class of its first rune (RunClass):
// a Han run's bigrams and its last character, a word (a decimal number with its points),
// and no punctuation mark. The index's builder has a record's canonical text from its part
// (engine.PartWriter) and scanned the text once more for its terms, a third of its feeding's
// time (issue 16). Positions are not given: the index keeps none.
func ScanCanonIndexTerms(c string, emit func(term string)) {
	for len(c) > 0 {
		run := c
		if i := strings.IndexByte(c, ' '); i >= 0 {
			run, c = c[:i], c[i+1:]
		} else {
			c = ""
		}
		switch RunClass(run) {
		case Han:
			for i := 0; i < len(run); {
				_, n := utf8.DecodeRuneInString(run[i:])
				j := i + n
				if j >= len(run) {
					emit(run[i:])
					break
				}
				_, m := utf8.DecodeRuneInString(run[j:])
				emit(run[i : j+m])
				i = j
			}
		case Word:
			emit(run)
		}
	}
}

// scanTokens is the one tokeniser: Tokens, QueryTokens and ScanIndexTerms read its tokens. A Han
// run's bigrams are emitted as the run goes; its last character, when the run ends. Marks are
// emitted only if marks is set; they hold their positions either way.
func scanTokens(text string, query, marks bool, emit func(term []byte, pos, start, end int)) {
	var scratch [2 * utf8.UTFMax]byte
	var wordBuf [64]byte
	word := wordBuf[:0] // the current word's normalised text
	pos := 1
	runClass := Space
	// The run's last rune so far (normalised) and its span; the word's start; the Han run's length.
	var last rune
	var lastStart, lastEnd, wordStart, han int
	flush := func() {
		switch runClass {
		case Han:
			if !query || han == 1 {
				emit(utf8.AppendRune(scratch[:0], last), pos+han-1, lastStart, lastEnd)
			}
			pos += han
		case Word:
			emit(word, pos, wordStart, lastEnd)
			pos++
		}
		runClass = Space
	}
	for i, r := range text {
		n := Normalize(r)
		c := ClassOf(n)
		end := i + utf8.RuneLen(r)
		if runClass == Word && IsDecimalPoint(last, n, nextNormalized(text, end)) {
			c = Word
		}
		switch {
		case c == Han && runClass == Han:
			emit(utf8.AppendRune(utf8.AppendRune(scratch[:0], last), n), pos+han-1, lastStart, end)
			han++
			last, lastStart, lastEnd = n, i, end
			continue
		case c == Word && runClass == Word:
			word = utf8.AppendRune(word, n)
			last, lastEnd = n, end
			continue
		}
		flush()
		switch c {
		case Han:
			runClass, han = Han, 1
			last, lastStart, lastEnd = n, i, end
		case Word:
			runClass = Word
			word = utf8.AppendRune(word[:0], n)
			last, wordStart, lastEnd = n, i, end
		case Punct:
			// The mark holds a position of its own, so no phrase spans it unless the phrase
			// has the same mark there (儿科、精神卫生 must not match 儿科和精神卫生).
			if marks {
				emit(utf8.AppendRune(scratch[:0], n), pos, i, end)
			}
			pos++
		}
	}
	flush()
}

// pieces returns the runs of letters, digits (decimal points included) and Han characters of
// a normalised term: what a snippet marks.
func pieces(term string) []string {
	var out []string
	var cur []rune
	rs := []rune(NormalizeString(term))
	for i, r := range rs {
		if c := classAt(rs, i); c == Han || c == Word {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}

// classAt returns the class of the normalised rune rs[i] in its place: a decimal point is
// part of its number's word.
func classAt(rs []rune, i int) Class {
	c := ClassOf(rs[i])
	if c == Punct && i > 0 && i+1 < len(rs) && IsDecimalPoint(rs[i-1], rs[i], rs[i+1]) {
		return Word
	}
	return c
}
