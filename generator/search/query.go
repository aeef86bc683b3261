package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQueryLen is the longest query accepted, in characters.
const MaxQueryLen = 256

// MaxTerms bounds how many terms (ANDed, ORed or excluded) one query may have: each term is a
// phrase search over four fields, and a query of dozens of single characters ORed together
// costs seconds on a large index.
const MaxTerms = 12

// Query is a parsed user query: every group must match (AND); within a group any term may
// (OR); no excluded term may.
type Query struct {
	Groups   [][]Term
	Excluded []Term
}

// Term is one search term (a word or a quoted phrase) with its synonym alternatives.
type Term struct {
	Text   string
	Quoted bool
	// Alternatives are the term and its synonyms, each matched as a contiguous string.
	Alternatives []string
}

// Synonyms expands terms by configured groups of equivalent terms.
type Synonyms struct {
	groups [][]string
	index  map[string]int // normalised member → group
	keys   []string       // members, longest first, for substring replacement
}

// NewSynonyms builds the expansion table from config groups.
func NewSynonyms(groups [][]string) *Synonyms {
	s := &Synonyms{index: map[string]int{}}
	for _, g := range groups {
		var ng []string
		for _, t := range g {
			if n := NormalizeString(strings.TrimSpace(t)); n != "" {
				ng = append(ng, n)
			}
		}
		gi := len(s.groups)
		s.groups = append(s.groups, ng)
		for _, t := range ng {
			if _, dup := s.index[t]; !dup {
				s.index[t] = gi
				s.keys = append(s.keys, t)
			}
		}
	}
	sort.SliceStable(s.keys, func(i, j int) bool {
		return utf8.RuneCountInString(s.keys[i]) > utf8.RuneCountInString(s.keys[j])
	})
	return s
}

// tooShort reports whether a synonym is a Han abbreviation of two characters or fewer. A query
// is expanded to such a form only when it asks for it: 家医 finds 家庭医生, but 家庭医生 does not
// search for 家医, which stands inside 国家医学中心 and 居家医养 too.
func tooShort(t string) bool {
	n := 0
	for _, r := range t {
		if ClassOf(r) != Han {
			return false
		}
		n++
	}
	return n <= 2
}

// Members returns every term of every group, normalised, in the order configured.
func (s *Synonyms) Members() []string {
	if s == nil {
		return nil
	}
	var out []string
	for _, g := range s.groups {
		out = append(out, g...)
	}
	return out
}

// Has reports whether t, a normalised term (NormalizeString), is a member of a group.
func (s *Synonyms) Has(t string) bool {
	if s == nil {
		return false
	}
	_, ok := s.index[t]
	return ok
}

// maxAlternatives bounds how far one term expands.
const maxAlternatives = 12

// Expand returns the term and its synonyms: a term that is a member of a group expands to the
// whole group; a term that contains a member (家医签约) expands by replacing it with each other
// member (家庭医生签约). Two-character Han abbreviations are never added (see tooShort).
func (s *Synonyms) Expand(term string) []string {
	n := NormalizeString(term)
	out := []string{n}
	if s == nil {
		return out
	}
	seen := map[string]bool{n: true}
	add := func(t string) {
		if !seen[t] && len(out) < maxAlternatives {
			seen[t] = true
			out = append(out, t)
		}
	}
	if gi, ok := s.index[n]; ok {
		for _, t := range s.groups[gi] {
			if !tooShort(t) {
				add(t)
			}
		}
		return out
	}
	for _, k := range s.keys {
		if i := indexWhole(n, k); i >= 0 {
			for _, t := range s.groups[s.index[k]] {
				if !tooShort(t) {
					add(n[:i] + t + n[i+len(k):])
				}
			}
			break
		}
	}
	return out
}

// isSeparator reports whether r separates the terms of a query: a space (the ideographic one
// too), or the full-width comma, enumeration comma, semicolon or colon that Chinese input
// methods type between words (儿科，精神卫生 is 儿科 精神卫生). Inside quotes they are text.
func isSeparator(r rune) bool {
	switch r {
	case '，', '、', '；', '：', '\u3000':
		return true
	}
	return unicode.IsSpace(r)
}

// Parse reads a query: terms separated by spaces (or separators: see isSeparator) are ANDed; "…" quotes a phrase; -term
// excludes; OR between two terms widens. An unbalanced quote is taken literally.
func Parse(q string, syn *Synonyms) Query {
	var query Query
	type raw struct {
		text    string
		quoted  bool
		negated bool
		or      bool
	}
	var terms []raw
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if isSeparator(rs[i]) {
			i++
			continue
		}
		neg := false
		if (rs[i] == '-' || rs[i] == '－') && i+1 < len(rs) && !isSeparator(rs[i+1]) {
			neg = true
			i++
		}
		if isQuote(rs[i]) {
			if j := closingQuote(rs, i); j > i {
				terms = append(terms, raw{text: string(rs[i+1 : j]), quoted: true, negated: neg})
				i = j + 1
				continue
			}
		}
		j := i
		for j < len(rs) && !isSeparator(rs[j]) {
			j++
		}
		w := string(rs[i:j])
		i = j
		if w == "OR" && !neg {
			if len(terms) > 0 {
				terms[len(terms)-1].or = true
			}
			continue
		}
		terms = append(terms, raw{text: w, negated: neg})
	}
	joinNext := false
	for _, t := range terms {
		if len(pieces(t.text)) == 0 {
			joinNext = joinNext && t.or
			continue
		}
		term := Term{Text: t.text, Quoted: t.quoted, Alternatives: syn.Expand(t.text)}
		switch {
		case t.negated:
			query.Excluded = append(query.Excluded, term)
			joinNext = false
			continue
		case joinNext && len(query.Groups) > 0:
			g := &query.Groups[len(query.Groups)-1]
			*g = append(*g, term)
		default:
			query.Groups = append(query.Groups, []Term{term})
		}
		joinNext = t.or
	}
	return query
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '＂' }

// closingQuote finds the quote closing the one at i, or -1.
func closingQuote(rs []rune, i int) int {
	for j := i + 1; j < len(rs); j++ {
		if isQuote(rs[j]) {
			return j
		}
	}
	return -1
}

// Terms counts the query's terms, excluded ones included.
func (q Query) Terms() int {
	n := len(q.Excluded)
	for _, g := range q.Groups {
		n += len(g)
	}
	return n
}

// Empty reports whether the query has nothing to match.
func (q Query) Empty() bool { return len(q.Groups) == 0 }

// Highlights returns the strings a snippet marks: the pieces of every positive alternative,
// longest first.
func (q Query) Highlights() []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range q.Groups {
		for _, t := range g {
			for _, a := range t.Alternatives {
				for _, p := range markPieces(a) {
					if !seen[p] {
						seen[p] = true
						out = append(out, p)
					}
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return utf8.RuneCountInString(out[i]) > utf8.RuneCountInString(out[j])
	})
	return out
}

// indexWhole finds k in s where it does not cut a Latin word or number in two (AI is in 医疗AI
// but not in aids), or returns -1.
func indexWhole(s, k string) int {
	for off := 0; off <= len(s)-len(k); {
		i := strings.Index(s[off:], k)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(k):])
		first, _ := utf8.DecodeRuneInString(k)
		last, _ := utf8.DecodeLastRuneInString(k)
		cut := (i > 0 && ClassOf(first) == Word && ClassOf(before) == Word) ||
			(i+len(k) < len(s) && ClassOf(last) == Word && ClassOf(after) == Word)
		if !cut {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		off = i + size
	}
	return -1
}
