package search

import (
	"html/template"
	"strings"
	"unicode"
)

// SnippetLen is the length of a snippet in characters, around the first match.
const SnippetLen = 120

// Snippet cuts about n characters of text around the first occurrence of any of marks
// (normalised strings, longest first) and wraps every occurrence inside it in one <mark>;
// everything else is HTML-escaped. A mark that starts or ends with a Latin word or number
// meets a word boundary there, as a match does: AI is not marked in OpenAI, nor 65 in 4.65.
// ok is false when no mark occurs (the snippet is then the
// start of the text).
func Snippet(text string, marks []string, n int) (template.HTML, bool) {
	html, first := SnippetMatch(text, marks, n)
	return html, first.Text != ""
}

// SnippetMatch is Snippet, and returns the first occurrence marked as it stands in text (兒科
// where 儿科 was searched), with its context; Text is "" when none occurs: what a link to the passage
// asks the browser to mark (urls.TextFragment).
func SnippetMatch(text string, marks []string, n int) (template.HTML, Match) {
	rs := []rune(text)
	norm := make([]rune, len(rs))
	for i, r := range rs {
		norm[i] = Normalize(r)
	}
	markRunes := make([][]rune, len(marks))
	for i, m := range marks {
		markRunes[i] = []rune(m)
	}
	type span struct{ lo, hi int }
	var spans []span
	// The window is set by the first match: matches past its end are not shown, and not
	// looked for.
	end := len(norm)
	for i := 0; i < end; {
		matched := 0
		for _, mr := range markRunes {
			if n := matchLen(norm[i:], mr); n > 0 && wholeAt(norm, i, i+n, mr) {
				matched = n
				break
			}
		}
		if matched > 0 {
			spans = append(spans, span{i, i + matched})
			if len(spans) == 1 {
				_, end = snippetWindow(len(rs), i, i+matched, n)
			}
			i += matched
		} else {
			i++
		}
	}
	lo, hi := 0, min(len(rs), n)
	if len(spans) > 0 {
		lo, hi = snippetWindow(len(rs), spans[0].lo, spans[0].hi, n)
	}
	var b strings.Builder
	if lo > 0 {
		b.WriteString("…")
	}
	pos := lo
	for _, s := range spans {
		if s.lo < lo || s.hi > hi {
			continue
		}
		b.WriteString(template.HTMLEscapeString(string(rs[pos:s.lo])))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(string(rs[s.lo:s.hi])))
		b.WriteString("</mark>")
		pos = s.hi
	}
	b.WriteString(template.HTMLEscapeString(string(rs[pos:hi])))
	if hi < len(rs) {
		b.WriteString("…")
	}
	var first Match
	if len(spans) > 0 {
		sp := spans[0]
		first.Text = string(rs[sp.lo:sp.hi])
		// Context, so that a browser marks this occurrence, not an earlier one of the same
		// words elsewhere on the page: a few characters either side, stopping where the page
		// may show the text otherwise (ASCII punctuation, which pages set full-width between
		// Han characters, and line ends).
		pre := sp.lo
		for pre > 0 && sp.lo-pre < contextRunes && plainContext(rs[pre-1]) {
			pre--
		}
		suf := sp.hi
		for suf < len(rs) && suf-sp.hi < contextRunes && plainContext(rs[suf]) {
			suf++
		}
		first.Prefix, first.Suffix = string(rs[pre:sp.lo]), string(rs[sp.hi:suf])
	}
	return template.HTML(b.String()), first
}

// snippetWindow returns the runes [lo, hi) of a text of length l that a snippet of about n
// runes shows around its first match, runes [mlo, mhi).
func snippetWindow(l, mlo, mhi, n int) (lo, hi int) {
	lo = max(0, mlo-n/3)
	hi = max(min(l, lo+n), mhi)
	if hi-lo < n {
		lo = max(0, hi-n)
	}
	return lo, hi
}

// Match is the first match a snippet marks, with a little of the text either side.
type Match struct{ Prefix, Text, Suffix string }

// contextRunes is how much text either side of a match a landing link quotes.
const contextRunes = 6

func plainContext(r rune) bool {
	return r > unicode.MaxASCII && !unicode.IsSpace(r) || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wholeAt reports whether mark m, found at runes [i, end) of s, cuts no word or number in two.
func wholeAt(s []rune, i, end int, m []rune) bool {
	if ClassOf(m[0]) == Word && i > 0 && classAt(s, i-1) == Word {
		return false
	}
	return !(ClassOf(m[len(m)-1]) == Word && end < len(s) && classAt(s, end) == Word)
}

// matchLen returns how many runes at the start of s match mark m (0: none). Between a number
// and its unit the text may have spaces the mark has not, as a search for 65% or 170张 matches
// 65 % and 170 张.
func matchLen(s, m []rune) int {
	if len(m) == 0 {
		return 0
	}
	i := 0
	for k, r := range m {
		if k > 0 && unicode.IsDigit(m[k-1]) && !unicode.IsDigit(r) && r != '.' && !unicode.IsSpace(r) {
			for i < len(s) && unicode.IsSpace(s[i]) {
				i++
			}
		}
		if i >= len(s) || s[i] != r {
			return 0
		}
		i++
	}
	return i
}
