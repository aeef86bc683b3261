package engine

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/search"
)

// matches runs a term's compiled pattern on a text.
func matches(text, term string) bool {
	runs := search.TermRuns(term)
	if runs == nil {
		return false
	}
	p := compilePattern(runs, nil)
	return p.in(search.Canon(text))
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
			t.Fatalf("term %q in text %q: pattern %v (runs %q), phrase %s %v", q, text, got, search.TermRuns(q),
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
		p := compilePattern(search.TermRuns(c.term), nil)
		if got := p.count(search.Canon(c.text)); got != c.want {
			t.Errorf("count(%q in %q) = %d, want %d", c.term, c.text, got, c.want)
		}
	}
}
