package engine

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/search"
)

// The reference semantics of the index: a query term as the phrase of index terms a bleve
// phrase query would run (phraseTerms), matched against the index tokens of a text
// (phraseMatches). The engine's patterns must match exactly where it does
// (TestPatternAgreesWithPhrase); it matches exactly where the term is a substring
// (TestPhraseIsSubstring).

// phraseTerm is one position of a query phrase: a term that must stand there, or, for a lone
// Han character, a prefix every matching token starts with. An empty phraseTerm is a gap.
type phraseTerm struct {
	term   string
	prefix bool
}

// phraseTerms turns a query term into the phrase that matches it, by relative position. It
// returns nil when the term has nothing to search for (only punctuation).
func phraseTerms(term string) []phraseTerm {
	toks := search.QueryTokens(term)
	// Marks at the edges pin nothing down: `"儿科` and `儿科。` find what 儿科 finds; but a
	// trailing + is part of the term (互联网+, see search.KeepsMark).
	for len(toks) > 0 && search.ClassOf([]rune(toks[0].Term)[0]) == search.Punct {
		toks = toks[1:]
	}
	for len(toks) > 0 && search.ClassOf([]rune(toks[len(toks)-1].Term)[0]) == search.Punct && !search.KeepsMark(toks[len(toks)-1].Term) {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return nil
	}
	first := toks[0].Pos
	last := toks[len(toks)-1].Pos
	out := make([]phraseTerm, last-first+1)
	for _, t := range toks {
		rs := []rune(t.Term)
		out[t.Pos-first] = phraseTerm{term: t.Term, prefix: len(rs) == 1 && search.ClassOf(rs[0]) == search.Han}
	}
	return out
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

// phraseMatches runs a phrase (as phraseTerms makes it) against the index tokens of a text
// the way a bleve phrase query does: every non-empty term at its relative position.
func phraseMatches(text string, phrase []phraseTerm) bool {
	if len(phrase) == 0 {
		return false
	}
	at := map[int][]string{}
	for _, tk := range search.Tokens(text) {
		at[tk.Pos] = append(at[tk.Pos], tk.Term)
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
			for len(sub) > 0 && search.ClassOf(search.Normalize(sub[0])) != search.Han {
				sub = sub[1:]
			}
			for len(sub) > 0 && search.ClassOf(search.Normalize(sub[len(sub)-1])) != search.Han {
				sub = sub[:len(sub)-1]
			}
			if len(sub) > 0 {
				q = string(sub)
			}
		}
		want := strings.Contains(search.NormalizeString(text), search.NormalizeString(q))
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
