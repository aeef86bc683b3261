package bleveindex

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/planportal/planportal/generator/search"
)

// AnalyzerName is the bleve analyzer indexed text fields use: it indexes text as
// search.Tokens splits it.
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

func (tokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := search.Tokens(string(input))
	stream := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		typ := analysis.Ideographic
		if search.ClassOf([]rune(t.Term)[0]) == search.Word {
			typ = analysis.AlphaNumeric
		}
		stream[i] = &analysis.Token{Term: []byte(t.Term), Position: t.Pos, Start: t.Start, End: t.End, Type: typ}
	}
	return stream
}
