package search

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

func fmtTokens(ts []token) string {
	var b []string
	for _, t := range ts {
		b = append(b, fmt.Sprintf("%s@%d", t.term, t.pos))
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
		if got := fmtTokens(tokens(c.in, false)); got != c.index {
			t.Errorf("tokens(%q, index)\n got %s\nwant %s", c.in, got, c.index)
		}
		if got := fmtTokens(tokens(c.in, true)); got != c.query {
			t.Errorf("tokens(%q, query)\n got %s\nwant %s", c.in, got, c.query)
		}
		// Byte spans point at the text the term came from.
		for _, tk := range tokens(c.in, false) {
			if got := NormalizeString(c.in[tk.start:tk.end]); got != tk.term {
				t.Errorf("tokens(%q): term %q has span %d:%d = %q", c.in, tk.term, tk.start, tk.end, got)
			}
		}
	}
}

func TestTokenizerStream(t *testing.T) {
	const text = "医疗AI，２０２５年"
	stream := tokenizer{}.Tokenize([]byte(text))
	toks := tokens(text, false)
	if len(stream) != len(toks) {
		t.Fatalf("got %d tokens, want %d", len(stream), len(toks))
	}
	for i, tk := range stream {
		if string(tk.Term) != toks[i].term || tk.Position != toks[i].pos || tk.Start != toks[i].start || tk.End != toks[i].end {
			t.Errorf("token %d: %+v vs %+v", i, tk, toks[i])
		}
	}
}

// fmtPhrase renders a phrase: prefix terms with *, gaps as _.
func fmtPhrase(pt []phraseTerm) string {
	if pt == nil {
		return "nil"
	}
	var b []string
	for _, p := range pt {
		switch {
		case p.term == "":
			b = append(b, "_")
		case p.prefix:
			b = append(b, p.term+"*")
		default:
			b = append(b, p.term)
		}
	}
	return strings.Join(b, " ")
}

func TestPhraseTerms(t *testing.T) {
	cases := []struct{ in, want string }{
		{"癌", "癌*"},
		{"儿科", "儿科"},
		{"精神卫生", "精神 神卫 卫生"},
		{"家庭医生签约", "家庭 庭医 医生 生签 签约"},
		{"医疗AI", "医疗 _ ai"},
		{"AI医疗", "ai 医疗"},
		{"癌AI", "癌* ai"},
		{"AI癌", "ai 癌*"},
		{"X光", "x 光*"},
		{"ＡＩ", "ai"},
		{"DeepSeek", "deepseek"},
		{"2025年", "2025 年*"},
		{"COVID-19", "covid - 19"},
		// A mark inside a term must stand in the text too; marks at the edges pin nothing.
		{"儿科、精神", "儿科 _ 、 精神"},
		{"“儿科”", "儿科"},
		{`"儿科`, "儿科"},
		{"儿科。", "儿科"},
		// A trailing + is part of the term: 互联网+ is not 互联网.
		{"互联网+", "互联 联网 _ +"},
		{"+儿科", "儿科"},
		{"，", "nil"},
		{"“”", "nil"},
		{"", "nil"},
		{"  ", "nil"},
	}
	for _, c := range cases {
		if got := fmtPhrase(phraseTerms(c.in)); got != c.want {
			t.Errorf("phraseTerms(%q) = %s, want %s", c.in, got, c.want)
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

// phraseMatches runs a phrase (as phraseTerms makes it) against the index tokens of a text
// the way a bleve phrase query does: every non-empty term at its relative position.
func phraseMatches(text string, phrase []phraseTerm) bool {
	if len(phrase) == 0 {
		return false
	}
	at := map[int][]string{}
	for _, tk := range tokens(text, false) {
		at[tk.pos] = append(at[tk.pos], tk.term)
	}
	matchAt := func(pos int, pt phraseTerm) bool {
		for _, term := range at[pos] {
			if term == pt.term || pt.prefix && strings.HasPrefix(term, pt.term) {
				return true
			}
		}
		return false
	}
	for p := range at {
		ok := true
		for k, pt := range phrase {
			if pt.term != "" && !matchAt(p+k, pt) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// TestPhraseIsSubstring: for text of Han characters and punctuation (no spaces, where the
// index deliberately ignores layout), a term that starts and ends with a Han character
// matches exactly when it is a substring of the text. This is the rule: 家庭医生签约
// never matches 家庭医生 and 签约 apart, and a mark inside a term must be in the text.
func TestPhraseIsSubstring(t *testing.T) {
	hanRunes := []rune("儿科家医生签约")
	allRunes := append(append([]rune{}, hanRunes...), []rune("，、,。“”")...)
	rng := rand.New(rand.NewSource(1))
	pick := func(set []rune, n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = set[rng.Intn(len(set))]
		}
		return string(rs)
	}
	matched := 0
	for i := 0; i < 20000; i++ {
		text := pick(allRunes, rng.Intn(30))
		var q string
		if n := rng.Intn(5); n == 0 {
			q = pick(hanRunes, 1)
		} else {
			q = pick(hanRunes, 1) + pick(allRunes, n-1) + pick(hanRunes, 1)
		}
		if rng.Intn(3) == 0 && len([]rune(text)) > 2 {
			// Often query a real substring, so both outcomes are exercised.
			rs := []rune(text)
			lo := rng.Intn(len(rs))
			hi := lo + 1 + rng.Intn(len(rs)-lo)
			sub := rs[lo:hi]
			for len(sub) > 0 && classOf(Normalize(sub[0])) != han {
				sub = sub[1:]
			}
			for len(sub) > 0 && classOf(Normalize(sub[len(sub)-1])) != han {
				sub = sub[:len(sub)-1]
			}
			if len(sub) > 0 {
				q = string(sub)
			}
		}
		want := strings.Contains(NormalizeString(text), NormalizeString(q))
		if got := phraseMatches(text, phraseTerms(q)); got != want {
			t.Fatalf("term %q in text %q: phrase %s matches=%v, substring=%v", q, text, fmtPhrase(phraseTerms(q)), got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 1000 {
		t.Errorf("only %d matching cases: the generator is too weak", matched)
	}
}

// TestPhraseMixed: Latin words and numbers match as whole words, case- and width-folded, and
// a space between a Han run and a Latin word is ignored.
func TestPhraseMixed(t *testing.T) {
	cases := []struct {
		text, q string
		want    bool
	}{
		{"推进医疗AI应用", "医疗AI", true},
		{"推进医疗ＡＩ应用", "医疗ai", true},
		{"推进医疗 AI 应用", "医疗AI", true}, // layout spaces are ignored
		{"推进AI医疗", "AI医疗", true},
		{"推进AI，医疗", "AI医疗", false},
		{"接入DeepSeek大模型", "deepseek", true},
		{"接入ＤＥＥＰＳＥＥＫ大模型", "DeepSeek", true},
		{"接入DeepSeek-R1大模型", "deepseek-r1", true},
		{"接入DeepSeek R1大模型", "deepseek-r1", false},
		{"2025年", "2025", true},
		{"２０２５年", "2025", true},
		{"20250", "2025", false}, // numbers are whole words
		{"癌症筛查", "癌", true},
		{"防癌", "癌", true},
		{"医疗卫生", "医疗AI", false},
		{"家庭医生签约", "家庭医生签约", true},
		{"家庭医生团队签约", "家庭医生签约", false},
		{"家庭医生，签约", "家庭医生签约", false},
		{"家庭医生，签约", "家庭医生，签约", true},
		{"家庭医生、签约", "家庭医生，签约", false},
		{"家庭医生和签约", "家庭医生，签约", false},
	}
	for _, c := range cases {
		if got := phraseMatches(c.text, phraseTerms(c.q)); got != c.want {
			t.Errorf("%q in %q: got %v, want %v (phrase %s)", c.q, c.text, got, c.want, fmtPhrase(phraseTerms(c.q)))
		}
	}
}
