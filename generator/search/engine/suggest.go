package engine

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/search"
)

// Suggestions for a search that found nothing (您是不是要找): each term that occurs nowhere is
// replaced by terms of the index one edit away (a character wrong, missing, extra, or two
// swapped; for pinyin, a letter), those read alike first; by a configured synonym one edit
// away; or by the longest part of it that occurs (儿科服务年 → 儿科服务). Every suggestion is
// checked to occur, and a Han suggestion to occur as a word (isWord): 儿课 is offered 儿科, not
// 儿死, which occurs only inside 婴儿死亡.

const (
	maxSuggestions = 5
	// maxSuggestChecks bounds the candidates of one term checked on the text.
	maxSuggestChecks = 64
	// maxPinyinEdits bounds the letter edits of a pinyin term read as Han terms.
	maxPinyinEdits = 40
	// wordBudget bounds the candidate records read to tell a word from a fragment (isWord,
	// and occursAsWord for pinyin readings): a chain of bigrams that are each common (中一, 一关)
	// may have thousands of candidates and no occurrence, while a term that occurs is found
	// among the first few of its candidates.
	wordBudget = 256
)

// suggest returns queries like raw with one term replaced by a term that occurs.
func (ix *Index) suggest(q search.Query, raw string) []search.Suggestion {
	var out []search.Suggestion
	seen := map[string]bool{}
	for _, g := range q.Groups {
		for _, t := range g {
			if ix.termOccurs(t) || !strings.Contains(raw, t.Text) {
				continue
			}
			for _, alt := range ix.nearTerms(t.Text) {
				sq := strings.Replace(raw, t.Text, alt, 1)
				if !seen[sq] && len(out) < maxSuggestions {
					seen[sq] = true
					out = append(out, search.Suggestion{Query: sq, For: t.Text, Term: alt})
				}
			}
		}
	}
	return out
}

// termOccurs reports whether any alternative of a term occurs.
func (ix *Index) termOccurs(t search.Term) bool {
	for _, a := range t.Alternatives {
		if ix.occurs(a, 1) > 0 {
			return true
		}
	}
	return false
}

// nearTerms returns terms of the index near a term that occurs nowhere, best first.
func (ix *Index) nearTerms(term string) []string {
	n := search.NormalizeString(strings.TrimSpace(term))
	if w := []rune(n); isHan(w) {
		return ix.nearHan(w)
	}
	if search.SplitPinyin(n) != nil || isLetters(n) {
		return ix.nearPinyin(n)
	}
	return nil
}

func isHan(rs []rune) bool {
	for _, r := range rs {
		if search.ClassOf(r) != search.Han {
			return false
		}
	}
	return len(rs) > 0
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return len(s) > 1
}

type near struct {
	rs     []rune
	rank   int // by kind of edit: see the constants below
	newEnd int // 1 when rs ends otherwise than the typed term (newEnds), else 0
	est    uint32
}

// The kinds of edit, most likely first: an input method's homophone, two characters swapped,
// one left out (the fix keeps every character typed), one too many, another character.
const (
	editAlike = iota
	editSwap
	editInsert
	editDelete
	editOther
)

// nearHan returns the Han terms one edit from w that occur, best first (by kind of edit, then
// frequency, at most two of a kind); then configured synonyms one edit away; else the longest
// part of w that occurs.
func (ix *Index) nearHan(w []rune) []string {
	v := ix.vocab
	// A term occurs only where each of its parts does: an edit at i can only mend w when what
	// it leaves of w, before and after, occurs (健康中的行动 is mended at 的, not elsewhere).
	occ := map[[2]int]bool{}
	part := func(a, b int) bool {
		if b-a < 2 {
			return true
		}
		k := [2]int{a, b}
		ok, done := occ[k]
		if !done {
			ok = ix.occurs(string(w[a:b]), 1) > 0
			occ[k] = ok
		}
		return ok
	}
	var cands []near
	seen := map[string]bool{string(w): true}
	add := func(rs []rune, rank int) {
		if len(rs) >= 2 && !seen[string(rs)] && v.has(rs) {
			seen[string(rs)] = true
			l, r := newEnds(rs, w)
			newEnd := 0
			if l || r {
				newEnd = 1
			}
			cands = append(cands, near{rs, rank, newEnd, v.estimate(rs)})
		}
	}
	alike := func(a, b rune) bool { // read alike in their usual readings (市 shi, not fu)
		ra, rb := v.reading(a), v.reading(b)
		return len(ra) > 0 && len(rb) > 0 && ra[0] == rb[0]
	}
	with := func(i int, x rune) []rune { // w with w[i] replaced by x
		rs := slices.Clone(w)
		rs[i] = x
		return rs
	}
	for i := range w {
		// A character wrong: x fits between its neighbours.
		if part(0, i) && part(i+1, len(w)) {
			var xs []rune
			if i > 0 {
				xs = v.byFirst[w[i-1]]
			} else if len(w) > 1 {
				xs = v.byLast[w[1]]
			}
			for _, x := range xs {
				rank := editOther
				if alike(x, w[i]) {
					rank = editAlike
				}
				add(with(i, x), rank)
			}
			// A character too many.
			if len(w) > 2 {
				add(slices.Delete(slices.Clone(w), i, i+1), editDelete)
			}
		}
		// Two characters swapped.
		if i+1 < len(w) && part(0, i) && part(i+2, len(w)) {
			rs := slices.Clone(w)
			rs[i], rs[i+1] = rs[i+1], rs[i]
			add(rs, editSwap)
		}
	}
	// A character missing before w[i]. (Not at either end: what holds w occurs nowhere
	// either.)
	for i := 1; i < len(w); i++ {
		if part(0, i) && part(i, len(w)) {
			for _, x := range v.byFirst[w[i-1]] {
				add(slices.Insert(slices.Clone(w), i, x), editInsert)
			}
		}
	}
	// Of one kind of edit, those that keep both ends of w come first: an edit at an end must
	// also leave a word there (isWord), which the most frequent such strings seldom are (乳的癌:
	// 的癌, 作的癌, 向的癌 … would use up the checks before 乳腺癌).
	slices.SortStableFunc(cands, func(a, b near) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return cmp.Or(a.newEnd-b.newEnd, cmp.Compare(b.est, a.est))
	})
	var out, rest []string
	perKind := map[int]int{}
	checked := 0
	check := func(c string) bool {
		checked++
		return ix.isWord(c, w)
	}
	for _, c := range cands {
		if len(out) == maxSuggestions-1 || checked == maxSuggestChecks {
			break
		}
		switch {
		case perKind[c.rank] == 2:
			rest = append(rest, string(c.rs)) // after two of each kind
		case check(string(c.rs)):
			out = append(out, string(c.rs))
			perKind[c.rank]++
		}
	}
	for _, c := range rest {
		if len(out) == maxSuggestions-1 || checked == maxSuggestChecks {
			break
		}
		if check(c) {
			out = append(out, c)
		}
	}
	// Configured synonyms one edit away (their own text need not occur: a synonym does).
	for _, m := range ix.syn.Members() {
		if len(out) < maxSuggestions && !seen[m] && oneEdit([]rune(m), w) && ix.termOccurs(search.Term{Alternatives: ix.syn.Expand(m)}) {
			seen[m] = true
			out = append(out, m)
		}
	}
	// Else the longest part that occurs, from either end.
	for l := len(w) - 1; l >= 2 && len(out) == 0; l-- {
		found := false
		for _, p := range [][2]int{{0, l}, {len(w) - l, len(w)}} {
			if s := string(w[p[0]:p[1]]); !slices.Contains(out, s) && part(p[0], p[1]) && ix.isWord(s, w) {
				out = append(out, s)
				found = true
			}
		}
		if found {
			break
		}
	}
	return out
}

// isWord reports whether the Han string s, a suggestion for w, occurs in the text as a word
// of its own at each end where it no longer ends as w does, not only as a fragment of a longer
// word: there its occurrences meet a mark, a space, a field's end or at least two different
// characters. 儿课 → 儿死 ends at 死, which w did not: 儿死 occurs only before 亡 (婴儿死亡), so it
// is no word; 精神衛聲 → 精神卫 is followed by 生 wherever it occurs. An end that w has too
// (家庭医声签约 → 家庭医生签约), or holds in a swap (newEnds), is the user's own and is not
// checked: a rare term, met once inside a run of characters, could not be told from a fragment
// there. Only the first wordBudget candidate records are read when an end is checked; s is no
// word when they hold it nowhere.
func (ix *Index) isWord(s string, w []rune) bool {
	const open = -1
	var left, right rune // the one character seen on each side so far, or open
	if l, r := newEnds([]rune(s), w); !l && !r {
		return ix.occurs(s, 1) > 0
	} else if !l {
		left = open
	} else if !r {
		right = open
	}
	seen := false
	see := func(side *rune, r rune) {
		switch {
		case *side == open:
		case r == utf8.RuneError || search.ClassOf(r) != search.Han:
			*side = open // the text's edge, a mark or a space (canonical text has no errors)
		case *side == 0:
			*side = r
		case *side != r:
			*side = open
		}
	}
	ix.eachOccurrence(s, wordBudget, true, func(l, r rune) bool {
		seen = true
		see(&left, l)
		see(&right, r)
		return left != open || right != open
	})
	return seen && left == open && right == open
}

// newEnds reports which ends of the suggestion rs, one edit from w, are not the user's, typed
// as w: where it ends otherwise than w does, unless it holds w's characters two of them
// swapped (of the same length, it differs from w in two places only when they are swapped).
func newEnds(rs, w []rune) (left, right bool) {
	if len(rs) == len(w) {
		diff := 0
		for i := range rs {
			if rs[i] != w[i] {
				diff++
			}
		}
		if diff == 2 {
			return false, false
		}
	}
	return rs[0] != w[0], rs[len(rs)-1] != w[len(w)-1]
}

// nearPinyin returns the Han terms that letters one edit from s read as (erkr → 儿科).
func (ix *Index) nearPinyin(s string) []string {
	var out []string
	tried := 0
	seen := map[string]bool{}
	try := func(e string) {
		if tried >= maxPinyinEdits || seen[e] || search.SplitPinyin(e) == nil {
			return
		}
		seen[e] = true
		tried++
		for _, h := range ix.hanFor(e) {
			if !slices.Contains(out, h) && len(out) < 3 {
				out = append(out, h)
			}
			break // the most frequent reading of each edit
		}
	}
	// The slips of speech and keyboard first: a final g dropped or added (shen, sheng), zh ch
	// sh typed z c s or the other way round, then any letter.
	try(s + "g")
	for _, p := range [][2]string{{"ng", "n"}, {"n", "ng"}, {"zh", "z"}, {"ch", "c"}, {"sh", "s"}, {"z", "zh"}, {"c", "ch"}, {"s", "sh"}} {
		for i := strings.Index(s, p[0]); i >= 0 && len(out) < 3; {
			try(s[:i] + p[1] + s[i+len(p[0]):])
			j := strings.Index(s[i+1:], p[0])
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	for i := 0; i < len(s) && len(out) < 3; i++ {
		if i+1 < len(s) {
			try(s[:i] + s[i+1:i+2] + s[i:i+1] + s[i+2:])
		}
		try(s[:i] + s[i+1:])
		for c := byte('a'); c <= 'z'; c++ {
			try(s[:i] + string(c) + s[i+1:])
			try(s[:i] + string(c) + s[i:])
		}
	}
	return out
}

// oneEdit reports whether a and b differ by one substitution, insertion, deletion or swap of
// adjacent characters.
func oneEdit(a, b []rune) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		var diff []int
		for i := range a {
			if a[i] != b[i] {
				diff = append(diff, i)
			}
		}
		return len(diff) == 1 || len(diff) == 2 && diff[1] == diff[0]+1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
	case 1:
		for i := range b {
			if a[i] != b[i] {
				return string(a[i+1:]) == string(b[i:])
			}
		}
		return true
	}
	return false
}
