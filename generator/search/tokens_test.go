package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func fmtTokens(ts []Token) string {
	var b []string
	for _, t := range ts {
		b = append(b, fmt.Sprintf("%s@%d", t.Term, t.Pos))
	}
	return strings.Join(b, " ")
}

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ＡＢＣ１２３", "abc123"},
		{"ABC", "abc"},
		{"DeepSeek", "deepseek"},
		{"ＤｅｅｐＳｅｅｋ", "deepseek"},
		{"ＡＩ", "ai"},
		{"ａｉ", "ai"},
		{"儿科", "儿科"},
		{"，", ","},
		{"（一）", "(一)"},
		{"\u3000", " "},
		{"Ⅸ", "ⅸ"}, // a letter number lower-cases, one rune to one rune
	}
	for _, c := range cases {
		if got := NormalizeString(c.in); got != c.want {
			t.Errorf("NormalizeString(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if Normalize('Ａ') != 'a' || Normalize('１') != '1' || Normalize('Z') != 'z' || Normalize('癌') != '癌' {
		t.Errorf("Normalize of single runes wrong: %q %q %q %q", Normalize('Ａ'), Normalize('１'), Normalize('Z'), Normalize('癌'))
	}
	// One rune to one rune: snippet offsets depend on it.
	for _, s := range []string{"ＡＢＣ１２３ 医疗AI，“十四五”ｶﾀｶﾅ ﾃｽﾄ！？ẞ İ ǅ", "𠀀𪚥🙂e\u0301"} {
		if a, b := utf8.RuneCountInString(s), utf8.RuneCountInString(NormalizeString(s)); a != b {
			t.Errorf("NormalizeString(%q) changes the rune count: %d → %d", s, a, b)
		}
	}
}

func TestTokens(t *testing.T) {
	cases := []struct{ in, index, query string }{
		{"癌", "癌@1", "癌@1"},
		// Each Han position holds the bigram it starts, or the character ending its run; a
		// query drops that last character, which the bigram before it pins down.
		{"儿科", "儿科@1 科@2", "儿科@1"},
		{"精神卫生", "精神@1 神卫@2 卫生@3 生@4", "精神@1 神卫@2 卫生@3"},
		// Han then Latin with no space: separate runs at consecutive positions.
		{"医疗AI", "医疗@1 疗@2 ai@3", "医疗@1 ai@3"},
		{"AI医疗", "ai@1 医疗@2 疗@3", "ai@1 医疗@2"},
		// A space leaves no gap; a punctuation mark takes a position of its own.
		{"中国 abc", "中国@1 国@2 abc@3", "中国@1 abc@3"},
		{"儿科、精神", "儿科@1 科@2 、@3 精神@4 神@5", "儿科@1 、@3 精神@4"},
		{"医疗AI，2025年ＤｅｅｐＳｅｅｋ R1", "医疗@1 疗@2 ai@3 ,@4 2025@5 年@6 deepseek@7 r1@8",
			"医疗@1 ai@3 ,@4 2025@5 年@6 deepseek@7 r1@8"},
		{"A-B  c", "a@1 -@2 b@3 c@4", "a@1 -@2 b@3 c@4"},
		{"１２３abc４５６", "123abc456@1", "123abc456@1"},
		{"ＡＩ\u3000医疗", "ai@1 医疗@2 疗@3", "ai@1 医疗@2"},
		{"“十四五”", "“@1 十四@2 四五@3 五@4 ”@5", "“@1 十四@2 四五@3 ”@5"},
		{"癌 症", "癌@1 症@2", "癌@1 症@2"},
		{"", "", ""},
		{"   \t\n", "", ""},
	}
	for _, c := range cases {
		if got := fmtTokens(Tokens(c.in)); got != c.index {
			t.Errorf("Tokens(%q)\n got %s\nwant %s", c.in, got, c.index)
		}
		if got := fmtTokens(QueryTokens(c.in)); got != c.query {
			t.Errorf("QueryTokens(%q)\n got %s\nwant %s", c.in, got, c.query)
		}
		// Byte spans point at the text the term came from.
		for _, tk := range Tokens(c.in) {
			if got := NormalizeString(c.in[tk.Start:tk.End]); got != tk.Term {
				t.Errorf("Tokens(%q): term %q has span %d:%d = %q", c.in, tk.Term, tk.Start, tk.End, got)
			}
		}
	}
}

func TestPieces(t *testing.T) {
	cases := []struct{ in, want string }{
		{"医疗AI", "医疗ai"},
		{"儿科、精神", "儿科|精神"},
		{"“ＡＩ”", "ai"},
		{"家庭 医生", "家庭|医生"},
		{"，。", ""},
	}
	for _, c := range cases {
		if got := strings.Join(pieces(c.in), "|"); got != c.want {
			t.Errorf("pieces(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
