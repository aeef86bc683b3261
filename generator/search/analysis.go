// Package search builds and queries the portal's bleve index with exact-substring semantics
// for Chinese: a term matches where its characters stand together in the text, never where
// they are scattered.
//
// Text is normalised rune by rune (full-width forms folded to half-width, letters lower-cased)
// so that ＡＩ, AI and ai are one term. Each Han character's position holds one token: the
// bigram it starts, or the character alone when it ends its run. Latin letters and digits
// form words. A punctuation mark is a token of its own, so no phrase spans it unless the phrase
// holds the same mark at that place.
//
// A query term becomes a phrase of its bigrams and words at their relative positions; matching
// that phrase is matching the term as a contiguous string. A lone Han character (癌, or 光 in
// X光) matches every token that starts with it: each of its occurrences either starts a
// bigram or ends a run.
package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/width"
)

// AnalyzerName is the bleve analyzer indexed text fields use.
const AnalyzerName = "planportal"

const tokenizerName = "planportal"

func init() {
	registry.RegisterTokenizer(tokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return tokenizer{}, nil
	})
	registry.RegisterAnalyzer(AnalyzerName, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
		tok, err := c.TokenizerNamed(tokenizerName)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{Tokenizer: tok}, nil
	})
}

// Normalize folds a rune the way both text and queries are folded: full-width to half-width,
// then lower case. It maps one rune to one rune, so offsets in runes survive it.
func Normalize(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case cjkFast && r >= 0x4E00 && r <= 0x9FFF:
		return r // ideographs have no width or case forms
	}
	if r >= 0x80 {
		if f := width.LookupRune(r).Folded(); f != 0 {
			r = f
		}
	}
	return unicode.ToLower(r)
}

// NormalizeString normalises every rune of s.
func NormalizeString(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, Normalize(r))
	}
	return string(out)
}

type class int

const (
	space class = iota
	punct
	han
	word
)

// cjkFast is true when every code point of the CJK Unified Ideographs block (U+4E00–U+9FFF,
// nearly all of a Chinese text) is Han in this Go's Unicode tables, so classOf and Normalize
// may answer for them without table lookups.
var cjkFast = func() bool {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) || width.LookupRune(r).Folded() != 0 || unicode.ToLower(r) != r {
			return false
		}
	}
	return true
}()

// asciiClass holds classOf for ASCII.
var asciiClass = func() (t [0x80]class) {
	for r := rune(0); r < 0x80; r++ {
		t[r] = classOfSlow(r)
	}
	return t
}()

func classOf(r rune) class {
	switch {
	case r < 0x80:
		return asciiClass[r]
	case cjkFast && r >= 0x4E00 && r <= 0x9FFF:
		return han
	}
	return classOfSlow(r)
}

func classOfSlow(r rune) class {
	switch {
	case unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return han
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return word
	case unicode.IsSpace(r):
		return space
	}
	return punct
}

// token is one indexed or queried term at a position (1-based), with its byte span in the
// original text.
type token struct {
	term       string
	pos        int
	start, end int
}

// tokens splits text into terms: each Han character yields the bigram it starts, or itself
// when it ends its run. In query mode the last character of a run of two or more yields
// nothing, since the bigram before it already pins it down.
func tokens(text string, query bool) []token {
	var out []token
	pos := 1
	type ch struct {
		r          rune
		start, end int
	}
	var run []ch
	runClass := space
	flush := func() {
		switch runClass {
		case han:
			n := len(run)
			for j := 0; j < n; j++ {
				switch {
				case j+1 < n:
					out = append(out, token{string([]rune{run[j].r, run[j+1].r}), pos + j, run[j].start, run[j+1].end})
				case !query || n == 1:
					out = append(out, token{string(run[j].r), pos + j, run[j].start, run[j].end})
				}
			}
			pos += n
		case word:
			rs := make([]rune, len(run))
			for j, c := range run {
				rs[j] = c.r
			}
			out = append(out, token{string(rs), pos, run[0].start, run[len(run)-1].end})
			pos++
		}
		run = run[:0]
		runClass = space
	}
	for i, r := range text {
		n := Normalize(r)
		c := classOf(n)
		end := i + utf8.RuneLen(r)
		if c == word && runClass == word || c == han && runClass == han {
			run = append(run, ch{n, i, end})
			continue
		}
		flush()
		switch c {
		case han, word:
			runClass = c
			run = append(run, ch{n, i, end})
		case punct:
			// The mark holds a position of its own, so no phrase spans it unless the phrase
			// has the same mark there (儿科、精神卫生 must not match 儿科和精神卫生).
			out = append(out, token{string(n), pos, i, end})
			pos++
		}
	}
	flush()
	return out
}

type tokenizer struct{}

func (tokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := tokens(string(input), false)
	stream := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		typ := analysis.Ideographic
		if classOf([]rune(t.term)[0]) == word {
			typ = analysis.AlphaNumeric
		}
		stream[i] = &analysis.Token{Term: []byte(t.term), Position: t.pos, Start: t.start, End: t.end, Type: typ}
	}
	return stream
}

// phraseTerm is one position of a query phrase: a term that must stand there, or, for a lone
// Han character, a prefix every matching token starts with. An empty phraseTerm is a gap.
type phraseTerm struct {
	term   string
	prefix bool
}

// phraseTerms turns a query term into the phrase that matches it, by relative position. It
// returns nil when the term has nothing to search for (only punctuation).
func phraseTerms(term string) []phraseTerm {
	toks := tokens(term, true)
	// Marks at the edges pin nothing down: `"儿科` and `儿科。` find what 儿科 finds; but a
	// trailing + is part of the term (互联网+, see keepsMark).
	for len(toks) > 0 && classOf([]rune(toks[0].term)[0]) == punct {
		toks = toks[1:]
	}
	for len(toks) > 0 && classOf([]rune(toks[len(toks)-1].term)[0]) == punct && !keepsMark(toks[len(toks)-1].term) {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return nil
	}
	first := toks[0].pos
	last := toks[len(toks)-1].pos
	out := make([]phraseTerm, last-first+1)
	for _, t := range toks {
		rs := []rune(t.term)
		out[t.pos-first] = phraseTerm{term: t.term, prefix: len(rs) == 1 && classOf(rs[0]) == han}
	}
	return out
}

// pieces returns the runs of letters, digits and Han characters of a normalised term: what a
// snippet marks.
func pieces(term string) []string {
	var out []string
	var cur []rune
	for _, r := range NormalizeString(term) {
		if c := classOf(r); c == han || c == word {
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
