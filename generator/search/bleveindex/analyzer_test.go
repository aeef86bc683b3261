package bleveindex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/planportal/planportal/generator/search"
)

func TestTokenizerStream(t *testing.T) {
	texts := []string{"医疗AI，２０２５年", "", "兒科醫院 4.65亿元、82.6岁", "ȺȺȺ 医疗ȺȺ", strings.Repeat("\xff", 40) + "医疗",
		strings.Repeat("精神卫生", 50)}
	files, _ := filepath.Glob("../../../content/*/*.md")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		stream := tokenizer{}.Tokenize([]byte(text))
		// The tokens but the marks, at their positions.
		var toks []search.Token
		for _, tk := range search.Tokens(text) {
			if search.ClassOf([]rune(tk.Term)[0]) != search.Punct {
				toks = append(toks, tk)
			}
		}
		if len(stream) != len(toks) {
			t.Fatalf("%.20q: got %d tokens, want %d", text, len(stream), len(toks))
		}
		for i, tk := range stream {
			typ := analysis.Ideographic
			if search.ClassOf([]rune(toks[i].Term)[0]) == search.Word {
				typ = analysis.AlphaNumeric
			}
			if string(tk.Term) != toks[i].Term || tk.Position != toks[i].Pos || tk.Start != toks[i].Start || tk.End != toks[i].End || tk.Type != typ {
				t.Errorf("%.20q: token %d: %+v vs %+v", text, i, tk, toks[i])
			}
		}
	}
}
