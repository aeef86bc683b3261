package search

import (
	"math/rand"
	"strings"
	"testing"
)

func TestCanon(t *testing.T) {
	cases := []struct{ in, want string }{
		{"推进医疗AI应用", "推进医疗 ai 应用"},
		{"医疗 服务", "医疗 服务"},
		{"医疗　 服务", "医疗 服务"},
		{"儿科、精神卫生", "儿科 、 精神卫生"},
		{"ＤｅｅｐＳｅｅｋ-R1", "deepseek - r1"},
		{"互联网+医疗健康", "互联网 + 医疗健康"},
		{"  ", ""},
		{"2025年", "2025 年"},
	}
	for _, c := range cases {
		if got := canon(c.in); got != c.want {
			t.Errorf("canon(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTermRuns(t *testing.T) {
	cases := []struct{ in, want string }{
		{"儿科", "儿科"},
		{"“儿科”", "儿科"},
		{"儿科。", "儿科"},
		{"+儿科", "儿科"},
		{"互联网+", "互联网|+"},
		{"互联网+医疗健康", "互联网|+|医疗健康"},
		{"C++", "c|+|+"},
		{"+", ""},
		{"，。", ""},
	}
	for _, c := range cases {
		if got := strings.Join(termRuns(c.in), "|"); got != c.want {
			t.Errorf("termRuns(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// matches runs a term's compiled pattern on a text.
func matches(text, term string) bool {
	runs := termRuns(term)
	if runs == nil {
		return false
	}
	p := compilePattern(runs, nil)
	return p.in(canon(text))
}

// TestPatternAgreesWithPhrase: on random text of Han characters, Latin words, digits, marks
// and spaces, a compiled pattern matches exactly where the term's bleve phrase (phraseTerms,
// run against the index tokens as bleve's phrase query does) matches. The phrase is the
// reference semantics of the index; the pattern is what queries run.
func TestPatternAgreesWithPhrase(t *testing.T) {
	pool := []string{"儿", "科", "家", "医", "生", "签", "约", "a", "i", "ai", "x", "5", "g", "2025",
		"，", "、", "+", "-", " ", " ", "　", "Ａ", "Ｉ"}
	rng := rand.New(rand.NewSource(1))
	pick := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(pool[rng.Intn(len(pool))])
		}
		return b.String()
	}
	matched := 0
	for i := 0; i < 50000; i++ {
		text := pick(rng.Intn(25))
		q := pick(1 + rng.Intn(5))
		if rng.Intn(3) == 0 && len([]rune(text)) > 1 {
			rs := []rune(text)
			lo := rng.Intn(len(rs))
			q = string(rs[lo : lo+1+rng.Intn(len(rs)-lo)])
		}
		want := phraseMatches(text, phraseTerms(q))
		if got := matches(text, q); got != want {
			t.Fatalf("term %q in text %q: pattern %v (runs %q), phrase %s %v", q, text, got, termRuns(q),
				fmtPhrase(phraseTerms(q)), want)
		}
		if want {
			matched++
		}
	}
	if matched < 5000 {
		t.Errorf("only %d matching cases: the generator is too weak", matched)
	}
}

func TestPatternCount(t *testing.T) {
	cases := []struct {
		text, term string
		want       int
	}{
		{"儿科儿科，儿科", "儿科", 3},
		{"哈哈哈", "哈哈", 2},
		{"ai aids ai", "ai", 2},
		{"医疗 服务与医疗服务", `医疗 服务`, 2},
		{"互联网+医疗，互联网医院", "互联网+", 1},
		{"互联网+医疗，互联网医院", "互联网", 2},
	}
	for _, c := range cases {
		p := compilePattern(termRuns(c.term), nil)
		if got := p.count(canon(c.text)); got != c.want {
			t.Errorf("count(%q in %q) = %d, want %d", c.term, c.text, got, c.want)
		}
	}
}
