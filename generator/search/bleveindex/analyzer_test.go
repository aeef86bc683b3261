package bleveindex

import (
	"testing"

	"github.com/planportal/planportal/generator/search"
)

func TestTokenizerStream(t *testing.T) {
	const text = "医疗AI，２０２５年"
	stream := tokenizer{}.Tokenize([]byte(text))
	toks := search.Tokens(text)
	if len(stream) != len(toks) {
		t.Fatalf("got %d tokens, want %d", len(stream), len(toks))
	}
	for i, tk := range stream {
		if string(tk.Term) != toks[i].Term || tk.Position != toks[i].Pos || tk.Start != toks[i].Start || tk.End != toks[i].End {
			t.Errorf("token %d: %+v vs %+v", i, tk, toks[i])
		}
	}
}
