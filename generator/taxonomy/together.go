package taxonomy

import (
	"sort"
	"strings"

	"github.com/planportal/planportal/generator/config"
)

// reading is one of a theme's together readings (config.toml): a sentence that holds a phrase
// of each group, and none of unless, puts the passage on the theme. It reads what no single
// phrase says: the actor and its task together (a 卫生院 and the checkup of people aged 65 and
// over: the 基层's basic public health service, judging rule 23).
type reading struct {
	theme  int
	groups [][]string // folded phrases
	unless []string   // folded phrases
}

// newReadings parses a theme's together readings; config.Load has checked them, so a
// malformed one (never loaded) is skipped.
func newReadings(theme int, together []string) []reading {
	var out []reading
	for _, s := range together {
		groups, unless, ok := config.ParseTogether(s)
		if !ok {
			continue
		}
		r := reading{theme: theme, unless: foldAll(unless)}
		for _, g := range groups {
			r.groups = append(r.groups, foldAll(g))
		}
		out = append(out, r)
	}
	return out
}

func foldAll(phrases []string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = fold(p)
	}
	return out
}

// together puts the passage on each theme one of whose readings a sentence of text holds,
// when its phrases have not already done so; the reason is the reading's first phrase found.
// A phrase inside a list of examples (lists, in order) counts nothing: "对辖区老人、儿童…等
// 重点人群…体检" names old people as one target group of many. Each sentence is searched once
// per phrase of the readings, so the work is linear in the length of text.
func (t *Tagger) together(text string, lists []span, hits []hit) {
	if len(t.readings) == 0 {
		return
	}
	eachClause(text, &sentenceEndSet, func(a, b int) {
		for _, r := range t.readings {
			h := &hits[r.theme]
			if h.score >= full {
				continue
			}
			if start, end, ok := r.in(text, a, b, lists); ok {
				h.score += full
				if h.best < full {
					h.start, h.end, h.best = start, end, full
				}
			}
		}
	})
}

// in reports whether the sentence text[a:b] holds the reading, and where its first group's
// phrase is.
func (r reading) in(text string, a, b int, lists []span) (int, int, bool) {
	s := text[a:b]
	for _, u := range r.unless {
		if strings.Contains(s, u) {
			return 0, 0, false
		}
	}
	first, firstEnd := 0, 0
	for g, phrases := range r.groups {
		at := -1
		for _, p := range phrases {
			for i := 0; i+len(p) <= len(s); {
				k := strings.Index(s[i:], p)
				if k < 0 {
					break
				}
				if !inSpans(lists, a+i+k) {
					if at < 0 || i+k < at {
						at = i + k
					}
					if g == 0 && at == i+k {
						firstEnd = a + at + len(p)
					}
					break
				}
				i += k + len(p)
			}
		}
		if at < 0 {
			return 0, 0, false
		}
		if g == 0 {
			first = a + at
		}
	}
	return first, firstEnd, true
}

// inSpans reports whether byte i lies in one of spans, which are in order and do not overlap.
func inSpans(spans []span, i int) bool {
	k := sort.Search(len(spans), func(k int) bool { return spans[k].end > i })
	return k < len(spans) && spans[k].start <= i
}
