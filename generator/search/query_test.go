package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
)

// describe renders a parsed query compactly: (a OR b) (c) -d; quoted terms in «».
func describe(q Query) string {
	show := func(t Term) string {
		if t.Quoted {
			return "«" + t.Text + "»"
		}
		return t.Text
	}
	var parts []string
	for _, g := range q.Groups {
		var alts []string
		for _, t := range g {
			alts = append(alts, show(t))
		}
		parts = append(parts, "("+strings.Join(alts, " OR ")+")")
	}
	for _, t := range q.Excluded {
		parts = append(parts, "-"+show(t))
	}
	return strings.Join(parts, " ")
}

func TestParse(t *testing.T) {
	cases := []struct{ in, want string }{
		{"儿科", "(儿科)"},
		{"  儿科  ", "(儿科)"},
		{"儿科 托育", "(儿科) (托育)"},
		{"儿科\t托育\n老年", "(儿科) (托育) (老年)"},
		{"儿科\u3000托育", "(儿科) (托育)"}, // full-width space separates terms
		{`"家庭 医生" 签约`, "(«家庭 医生») (签约)"},
		{`“家庭 医生”`, "(«家庭 医生»)"},
		{`＂儿科 托育＂`, "(«儿科 托育»)"},
		{`“儿科"`, "(«儿科»)"},
		// Unbalanced quote: taken literally (the quote is part of the word).
		{`"家庭医生`, `("家庭医生)`},
		{`儿科 "托育 老年`, `(儿科) ("托育) (老年)`},
		{`“儿科`, `(“儿科)`},
		{"儿科 -托育", "(儿科) -托育"},
		{"-托育 儿科", "(儿科) -托育"},
		{"儿科 －托育", "(儿科) -托育"}, // full-width minus
		{`儿科 -"家庭 医生"`, "(儿科) -«家庭 医生»"},
		{"儿科 -", "(儿科)"},
		{"- 儿科", "(儿科)"},
		{"-", ""},
		{"a-b", "(a-b)"},
		{"儿科 OR 托育", "(儿科 OR 托育)"},
		{"儿科 OR 托育 老年", "(儿科 OR 托育) (老年)"},
		{"老年 儿科 OR 托育", "(老年) (儿科 OR 托育)"},
		{"儿科 OR 托育 OR 老年", "(儿科 OR 托育 OR 老年)"},
		{"儿科 OR OR 托育", "(儿科 OR 托育)"},
		{"OR 儿科", "(儿科)"},
		{"儿科 OR", "(儿科)"},
		{"OR", ""},
		{"OR OR", ""},
		{"儿科 or 托育", "(儿科) (or) (托育)"}, // only upper-case OR is the operator
		{"儿科 OR -托育", "(儿科) -托育"},
		{`儿科 OR "托育 服务"`, "(儿科 OR «托育 服务»)"},
		{"-儿科", "-儿科"},
		{`"" 儿科`, "(儿科)"},
		{"，。 儿科 ！", "(儿科)"},
		{"", ""},
		{"   ", ""},
	}
	for _, c := range cases {
		q := Parse(c.in, nil)
		if got := describe(q); got != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.in, got, c.want)
		}
		if q.Empty() != (len(q.Groups) == 0) {
			t.Errorf("Parse(%q).Empty() inconsistent", c.in)
		}
	}
}

func TestParseNeverPanics(t *testing.T) {
	odd := []string{`"`, `""`, `"""`, `-"`, `-""`, "--", "- -", "OR -", `-OR`, "\x00", "\uFFFD", "🙂", "-🙂",
		`“`, `”“`, "－", "－－儿科", "\u3000-\u3000", strings.Repeat(`"`, 257), strings.Repeat("-", 300),
		strings.Repeat("OR ", 100), strings.Repeat("儿", 1000), string([]byte{0xff, 0xfe, '"'})}
	for _, s := range odd {
		q := Parse(s, NewSynonyms([][]string{{"家医", "家庭医生"}}))
		_ = q.Highlights()
		for _, g := range q.Groups {
			if len(g) == 0 {
				t.Errorf("Parse(%q): empty group", s)
			}
			for _, term := range g {
				if len(pieces(term.Text)) == 0 || len(term.Alternatives) == 0 {
					t.Errorf("Parse(%q): term %q has nothing to search for", s, term.Text)
				}
			}
		}
	}
}

func TestParseSynonyms(t *testing.T) {
	syn := NewSynonyms([][]string{{"家医", "家庭医生"}, {"医共体", "医疗共同体", "县域医共体"}})
	q := Parse(`家医签约 OR "医共体" -ＡＩ`, syn)
	if got := describe(q); got != "(家医签约 OR «医共体») -ＡＩ" {
		t.Fatalf("got %s", got)
	}
	if got := fmt.Sprint(q.Groups[0][0].Alternatives); got != "[家医签约 家庭医生签约]" {
		t.Errorf("alternatives of 家医签约: %s", got)
	}
	if got := fmt.Sprint(q.Groups[0][1].Alternatives); got != "[医共体 医疗共同体 县域医共体]" {
		t.Errorf("alternatives of 医共体: %s", got)
	}
	if got := fmt.Sprint(q.Excluded[0].Alternatives); got != "[ai]" {
		t.Errorf("alternatives of ＡＩ: %s", got)
	}
	// Highlights: every positive alternative, longest first; nothing excluded.
	hl := q.Highlights()
	if got := strings.Join(hl, " "); got != "家庭医生签约 医疗共同体 县域医共体 家医签约 医共体" {
		t.Errorf("highlights: %s", got)
	}
}

func TestExpand(t *testing.T) {
	syn := NewSynonyms([][]string{
		{"医共体", "医疗共同体", "县域医共体", "紧密型县域医共体"},
		{"家医", "家庭医生"},
		{"AI", "人工智能"},
		{" ", ""}, // blank members are dropped
	})
	cases := []struct{ in, want string }{
		{"医共体", "医共体 医疗共同体 县域医共体 紧密型县域医共体"},
		{"县域医共体", "县域医共体 医共体 医疗共同体 紧密型县域医共体"},
		{"家医", "家医 家庭医生"},
		{"家庭医生", "家庭医生"}, // never expanded to the 2-character 家医 (国家医学中心)
		{"家医签约", "家医签约 家庭医生签约"},
		{"家庭医生签约", "家庭医生签约"},
		{"推进县域医共体建设", "推进县域医共体建设 推进医共体建设 推进医疗共同体建设 推进紧密型县域医共体建设"},
		{"ＡＩ", "ai 人工智能"},
		{"Ai", "ai 人工智能"},
		{"儿科", "儿科"},
		{"ＡＢＣ", "abc"},
	}
	for _, c := range cases {
		if got := strings.Join(syn.Expand(c.in), " "); got != c.want {
			t.Errorf("Expand(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	var none *Synonyms
	if got := none.Expand("ＡＩ"); len(got) != 1 || got[0] != "ai" {
		t.Errorf("nil synonyms: %q", got)
	}
	var big []string
	for i := 0; i < 30; i++ {
		big = append(big, fmt.Sprintf("词%d", i))
	}
	if got := NewSynonyms([][]string{big}).Expand("词0"); len(got) > maxAlternatives || got[0] != "词0" {
		t.Errorf("a big group expands to %d alternatives (at most %d), first %q", len(got), maxAlternatives, got[0])
	}
}

// TestConfigSynonyms: the groups the issue names are configured.
func TestConfigSynonyms(t *testing.T) {
	cfg, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	syn := NewSynonyms(cfg.Search.Synonyms)
	has := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	for _, group := range [][]string{{"医共体", "医疗共同体", "县域医共体"}, {"AI", "人工智能"}} {
		for _, a := range group {
			alts := syn.Expand(a)
			for _, b := range group {
				if !has(alts, NormalizeString(b)) {
					t.Errorf("Expand(%s) = %v lacks %s", a, alts, b)
				}
			}
		}
	}
}

// TestExpandKeepsLatinWordsWhole: a Latin synonym is replaced only as a whole word.
func TestExpandKeepsLatinWordsWhole(t *testing.T) {
	s := NewSynonyms([][]string{{"AI", "人工智能"}})
	for term, want := range map[string]int{"AIDS": 1, "医疗AI": 2, "AI医疗": 2, "openai": 1, "AI": 2} {
		if got := s.Expand(term); len(got) != want {
			t.Errorf("Expand(%q) = %q, want %d alternatives", term, got, want)
		}
	}
}

// Has names the members of the groups as they are normalised (AI as ai, blank ones dropped),
// and nothing else: not a part of a member, not a term that only contains one.
func TestSynonymsHas(t *testing.T) {
	syn := NewSynonyms([][]string{{"医共体", "医疗共同体"}, {"AI", " 人工智能 "}, {" ", ""}})
	for _, m := range []string{"医共体", "医疗共同体", "ai", "人工智能"} {
		if !syn.Has(m) {
			t.Errorf("Has(%q) = false, want true", m)
		}
	}
	for _, m := range []string{"医共", "医共体建设", "AI", " 人工智能 ", "", " "} {
		if syn.Has(m) {
			t.Errorf("Has(%q) = true, want false", m)
		}
	}
	if (*Synonyms)(nil).Has("医共体") {
		t.Error("nil synonyms have a member")
	}
}
