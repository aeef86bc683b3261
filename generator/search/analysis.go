// Package search builds and queries the portal's bleve index with exact-substring semantics
// for Chinese: a term matches where its characters stand together in the text, never where
// they are scattered.
//
// Text is normalised rune by rune (full-width forms folded to half-width, letters lower-cased)
// so that ＡＩ, AI and ai are one term. Every Han character is indexed twice at the same
// position: alone and as the bigram it starts. Latin letters and digits form words. A
// punctuation mark leaves a gap in the positions, so no phrase matches across it.
//
// A query term becomes a phrase of the fewest tokens that pin it down: its bigrams (or the
// lone character of a one-character run) and its words, at their relative positions. Matching
// that phrase is matching the term as a contiguous string.
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
	if r >= 0x80 {
		if f := []rune(width.Fold.String(string(r))); len(f) == 1 {
			r = f[0]
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

func classOf(r rune) class {
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

// tokens splits text into terms. In index mode every Han character yields its unigram and,
// when another Han character follows, the bigram at the same position. In query mode a Han
// run yields only its bigrams (a one-character run its unigram).
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
				if !query || n == 1 {
					out = append(out, token{string(run[j].r), pos + j, run[j].start, run[j].end})
				}
				if j+1 < n {
					out = append(out, token{string([]rune{run[j].r, run[j+1].r}), pos + j, run[j].start, run[j+1].end})
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
			pos++ // a gap: no phrase spans a punctuation mark
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

// phraseTerms turns a query term into the phrase that matches it: terms by relative
// position, "" where any term may stand. It returns nil when the term has nothing to search
// for (only punctuation).
func phraseTerms(term string) []string {
	toks := tokens(term, true)
	if len(toks) == 0 {
		return nil
	}
	first := toks[0].pos
	last := toks[len(toks)-1].pos
	out := make([]string, last-first+1)
	for _, t := range toks {
		out[t.pos-first] = t.term
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
