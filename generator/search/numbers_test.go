package search_test

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/width"

	"github.com/planportal/planportal/generator/search"
)

// numberTruth computes from the content, independently of the tokenizer, the records where a
// number stands whole (no letter, digit or decimal point joins it on either side), followed,
// after optional spaces, by unit when one is given.
func numberTruth(ui unitIndex, num, unit string) map[string]bool {
	out := map[string]bool{}
	word := func(b byte) bool {
		return '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
	}
	digit := func(b byte) bool { return '0' <= b && b <= '9' }
	for url, u := range ui.units {
		for _, field := range []string{u.Text, u.TitleS, u.Heading, u.Meta} {
			s := width.Fold.String(field)
			for i := strings.Index(s, num); i >= 0; {
				end := i + len(num)
				before := i == 0 || !word(s[i-1]) && !(s[i-1] == '.' && i >= 2 && digit(s[i-2]))
				after := end == len(s) || !word(s[end]) && !(s[end] == '.' && end+1 < len(s) && digit(s[end+1]))
				if before && after && strings.HasPrefix(strings.TrimLeft(s[end:], " "), unit) {
					out[url] = true
				}
				next := strings.Index(s[i+1:], num)
				if next < 0 {
					break
				}
				i += 1 + next
			}
		}
	}
	return out
}

// TestNumbersWithUnits: numbers, decimals and percentages match as what they are: 65% finds
// 65% (typed full-width too) but not 65岁 or 4.65; 4.5 is not inside 14.5 or 4.55; 170张 finds
// 170张 and 170 张.
func TestNumbersWithUnits(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	for _, c := range []struct{ q, num, unit string }{
		{"65%", "65", "%"}, {"６５％", "65", "%"}, {"100%", "100", "%"}, {"57.5%", "57.5", "%"},
		{"90%", "90", "%"}, {"170张", "170", "张"}, {"4.5个", "4.5", "个"}, {"82.6岁", "82.6", "岁"},
		{"4.5", "4.5", ""}, {"65", "65", ""}, {"4.65", "4.65", ""}, {"65岁", "65", "岁"}, {"2025年", "2025", "年"},
	} {
		want := numberTruth(ui, c.num, c.unit)
		if len(want) == 0 {
			t.Errorf("%s occurs nowhere in the content: pick another", c.q)
			continue
		}
		sameSet(t, c.q, urlSet(allHits(t, ix, search.Request{Q: c.q})), want)
	}
	// The cases separate what the old tokenizer confused.
	if p, n := numberTruth(ui, "65", "%"), numberTruth(ui, "65", ""); len(minus(n, p)) == 0 {
		t.Error("no record has 65 without % after it: 65% is not told from 65")
	}
}

// TestNumberHitsMarked: a number found with spaces before its unit (12 类 for 12类) is marked
// in the snippet and quoted in the landing link's text fragment, as 12类 written together is.
// The queries are the content's own: every number followed by spaces and a Han unit.
func TestNumberHitsMarked(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	spaced := regexp.MustCompile(`(^|[^0-9.A-Za-z])([0-9]+) +(\p{Han})`)
	queries := map[string]bool{}
	for _, u := range ui.units {
		for _, m := range spaced.FindAllStringSubmatch(width.Fold.String(u.Text), -1) {
			queries[m[2]+m[3]] = true
		}
	}
	if len(queries) == 0 {
		t.Fatal("no number in the content is followed by spaces and a unit: the test has nothing to check")
	}
	for q := range queries {
		for _, h := range allHits(t, ix, search.Request{Q: q}).Hits {
			if !strings.Contains(h.URL, "#") {
				continue // a whole document's hit has no anchor to land on
			}
			if !strings.Contains(string(h.Snippet), "<mark>") || !strings.Contains(h.Link, ":~:text=") {
				t.Errorf("%s: hit %s shows no match (snippet %q, link %s)", q, h.URL, h.Snippet, h.Link)
			}
		}
	}
}
