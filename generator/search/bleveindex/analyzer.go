package bleveindex

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/planportal/planportal/generator/search"
)

// AnalyzerName is the bleve analyzer indexed text fields use: it indexes the terms of text
// search.ScanIndexTerms gives (its tokens but punctuation marks).
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

type tokenizer struct{}

// Tokenize returns the tokens of input that the index holds (search.ScanIndexTerms). The
// tokens and their terms are allocated together, two allocations each per text, not one per
// token: the analyzer runs over every record's text and was the index's largest cost after
// bleve's own.
func (tokenizer) Tokenize(input []byte) analysis.TokenStream {
	// A text has at most a token per rune, and a term at most two runes: a bigram's bytes,
	// folded, seldom exceed the text's twice over (terms that do get a new block).
	toks := make([]analysis.Token, 0, utf8.RuneCount(input))
	terms := make([]byte, 0, 2*len(input)+2*utf8.UTFMax)
	search.ScanIndexTerms(string(input), func(term []byte, pos, start, end int) {
		if len(terms)+len(term) > cap(terms) {
			terms = make([]byte, 0, max(len(term), cap(terms)))
		}
		i := len(terms)
		terms = append(terms, term...)
		typ := analysis.Ideographic
		if r, _ := utf8.DecodeRune(term); search.ClassOf(r) == search.Word {
			typ = analysis.AlphaNumeric
		}
		toks = append(toks, analysis.Token{Term: terms[i:len(terms):len(terms)], Position: pos, Start: start, End: end, Type: typ})
	})
	stream := make(analysis.TokenStream, len(toks))
	for i := range toks {
		stream[i] = &toks[i]
	}
	return stream
}
