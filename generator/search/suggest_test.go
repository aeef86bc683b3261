package search_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/search"
)

// TestTypoSuggestions: a term of the content typed with one character wrong, missing, or two
// swapped finds nothing, and is offered the term it was meant to be; the suggestion, run,
// finds what the term finds. The terms are the theme keywords of three characters or more that
// occur in the text (a keyword that finds something only through a synonym, 医疗联合体 for
// 医联体, is no term of the content to offer); the wrong character is one that makes the term
// occur nowhere.
func TestTypoSuggestions(t *testing.T) {
	ix, docs := bundledIndex(t)
	type typo struct{ kind, typed, term string }
	var typos []typo
	for _, th := range bundled.cfg.Themes {
		for _, kw := range th.Keywords {
			rs := []rune(kw)
			han := true
			for _, r := range rs {
				han = han && search.ClassOf(r) == search.Han
			}
			if !han || len(rs) < 3 || doSearch(t, ix, search.Request{Q: kw}).Total == 0 {
				continue
			}
			if in, _ := truth(docs, []string{kw}); len(in) == 0 {
				continue
			}
			mid := len(rs) / 2
			wrong := slices.Clone(rs)
			for _, x := range []rune("的了是在和有") {
				if wrong[mid] = x; doSearch(t, ix, search.Request{Q: string(wrong)}).Total == 0 {
					break
				}
			}
			swapped := slices.Clone(rs)
			swapped[mid-1], swapped[mid] = swapped[mid], swapped[mid-1]
			typos = append(typos,
				typo{"wrong", string(wrong), kw},
				typo{"missing", string(slices.Delete(slices.Clone(rs), mid, mid+1)), kw},
				typo{"swapped", string(swapped), kw})
		}
	}
	tried, offered, ambiguous := 0, 0, 0
	for _, c := range typos {
		resp := doSearch(t, ix, search.Request{Q: c.typed})
		if resp.Total != 0 {
			continue // the typo is a term of its own (医疗体 in 医疗体系): not a typo here
		}
		tried++
		var terms []string
		for _, s := range resp.Suggestions {
			terms = append(terms, s.Term)
		}
		if !slices.Contains(terms, c.term) {
			// A typo may be as near to other terms of the content as to the one meant (人才育:
			// 人才引育, 人才共育, 人才选育): then two of them found more often is as good a
			// guess as any, and only that is accepted.
			meant := doSearch(t, ix, search.Request{Q: c.term}).Total
			better := 0
			for _, s := range terms {
				if editDistance1(s, c.typed) && doSearch(t, ix, search.Request{Q: s}).Total >= meant {
					better++
				}
			}
			if better >= 2 {
				ambiguous++
				continue
			}
			t.Errorf("%s %s (for %s): suggested %v", c.kind, c.typed, c.term, terms)
			continue
		}
		offered++
		for _, s := range resp.Suggestions {
			if s.Term == c.term {
				got := urlSet(allHits(t, ix, search.Request{Q: s.Query}))
				sameSet(t, "suggestion "+s.Query, got, urlSet(allHits(t, ix, search.Request{Q: c.term})))
			}
		}
	}
	t.Logf("typos: %d of %d zero-result typos offered the term meant; %d as near to two terms found more often, which were offered", offered, tried, ambiguous)
	if tried < 20 {
		t.Errorf("only %d zero-result typos: the test needs at least 20", tried)
	}
}

// TestSuggestionsOther: a typo in pinyin, a term that runs on past what occurs, and a
// traditional typo get suggestions that occur.
func TestSuggestionsOther(t *testing.T) {
	ix, _ := bundledIndex(t)
	for _, c := range []struct{ typed, want string }{
		{"erkr", "儿科"}, {"jiatingyishen", "家庭医生"}, {"jinshenweisheng", "精神卫生"},
		{"儿科服务年", "儿科服务"}, {"精神衛聲", "精神卫生"}, {"家庭医声签约 海安", "家庭医生签约"},
	} {
		resp := doSearch(t, ix, search.Request{Q: c.typed})
		if resp.Total != 0 {
			t.Errorf("%s: %d hits; not a zero-result query", c.typed, resp.Total)
			continue
		}
		found := false
		for _, s := range resp.Suggestions {
			found = found || s.Term == c.want
			if doSearch(t, ix, search.Request{Q: s.Query}).Total == 0 && utf8.RuneCountInString(s.Query) > 0 && s.Term == c.want {
				t.Errorf("%s: suggestion %s finds nothing", c.typed, s.Query)
			}
		}
		if !found {
			t.Errorf("%s: suggestions %+v lack %s", c.typed, resp.Suggestions, c.want)
		}
	}
}

// editDistance1 reports whether a and b differ by one character wrong, missing or added, or
// two neighbours swapped.
func editDistance1(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) < len(y) {
		x, y = y, x
	}
	switch len(x) - len(y) {
	case 1:
		for i := range x {
			if slices.Equal(slices.Delete(slices.Clone(x), i, i+1), y) {
				return true
			}
		}
	case 0:
		diff := []int{}
		for i := range x {
			if x[i] != y[i] {
				diff = append(diff, i)
			}
		}
		return len(diff) == 1 || len(diff) == 2 && diff[1] == diff[0]+1 && x[diff[0]] == y[diff[1]] && x[diff[1]] == y[diff[0]]
	}
	return false
}

// TestSuggestionsAreWords: a suggestion that ends otherwise than what was typed (an edit at an
// end: a character replaced or dropped there) is a word of the content at that end, not a
// piece of a longer one: in the text, the new end meets a mark, a space, the text's edge or at
// least two different characters. 儿课 was offered 儿死, which the bundled content holds only in
// 婴儿死亡率 and 新生儿死亡 (read by hand), and 精神衛聲 精神卫, found only in 精神卫生. The
// typos edit the last character of the theme keywords that occur in the text. A configured
// synonym is a word by configuration (医疗联合的 → 医疗联合体) and is not checked.
func TestSuggestionsAreWords(t *testing.T) {
	ix, docs := bundledIndex(t)
	configured := map[string]bool{}
	for _, g := range bundled.cfg.Search.Synonyms {
		for _, m := range g {
			configured[search.NormalizeString(m)] = true
		}
	}
	var texts []string
	for _, d := range docs {
		for _, u := range recordsOf(d) {
			texts = append(texts, search.NormalizeString(strings.Join([]string{u.Text, u.TitleS, u.Heading, u.Meta}, "\n")))
		}
	}
	// open reports whether the side of s (left or right) meets a boundary or two characters.
	open := func(s string, left bool) bool {
		seen := map[rune]bool{}
		for _, text := range texts {
			for i := 0; ; {
				j := strings.Index(text[i:], s)
				if j < 0 {
					break
				}
				i += j
				var r rune
				if left {
					r, _ = utf8.DecodeLastRuneInString(text[:i])
				} else {
					r, _ = utf8.DecodeRuneInString(text[i+len(s):])
				}
				if r == utf8.RuneError || search.ClassOf(r) != search.Han {
					return true
				}
				seen[r] = true
				_, size := utf8.DecodeRuneInString(text[i:])
				i += size
			}
		}
		return len(seen) >= 2
	}
	typed := []string{"儿课", "精神衛聲", "医疗技构", "托育服物"}
	for _, th := range bundled.cfg.Themes {
		for _, kw := range th.Keywords {
			rs := []rune(search.NormalizeString(kw))
			if len(rs) < 2 || !isHanString(rs) || doSearch(t, ix, search.Request{Q: kw}).Total == 0 {
				continue
			}
			for _, x := range []rune("的了是在和有") {
				if wrong := string(rs[:len(rs)-1]) + string(x); doSearch(t, ix, search.Request{Q: wrong}).Total == 0 {
					typed = append(typed, wrong)
					break
				}
			}
		}
	}
	checked := 0
	for _, q := range typed {
		w := []rune(search.NormalizeString(q))
		for _, s := range doSearch(t, ix, search.Request{Q: q}).Suggestions {
			rs := []rune(s.Term)
			if !isHanString(rs) || configured[s.Term] {
				continue
			}
			a, b := slices.Clone(rs), slices.Clone(w)
			slices.Sort(a)
			slices.Sort(b)
			if slices.Equal(a, b) {
				continue // two typed characters swapped: both ends were typed
			}
			if rs[0] != w[0] {
				checked++
				if !open(s.Term, true) {
					t.Errorf("%s: suggested %s, which the content holds only after one character", q, s.Term)
				}
			}
			if rs[len(rs)-1] != w[len(w)-1] {
				checked++
				if !open(s.Term, false) {
					t.Errorf("%s: suggested %s, which the content holds only before one character", q, s.Term)
				}
			}
		}
	}
	t.Logf("%d typos, %d new ends of their suggestions checked", len(typed), checked)
	if checked < 20 {
		t.Errorf("only %d ends checked: the test needs at least 20", checked)
	}
}

func isHanString(rs []rune) bool {
	for _, r := range rs {
		if search.ClassOf(r) != search.Han {
			return false
		}
	}
	return len(rs) > 0
}
