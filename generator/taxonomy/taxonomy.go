// Package taxonomy tags a document's passages (items and paragraphs) with the themes of the
// site's taxonomy: a theme's keywords found in the text, then the author's explicit
// {themes: +a -b} directives on enclosing sections and on the passage itself. It returns
// values and never changes the document; package analysis assembles them per document.
//
// Tagging is linear in the length of the text: keywords are looked up by their first
// character at each position, not searched for one by one.
package taxonomy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

// Tagger tags documents with one taxonomy. It is safe for concurrent use.
type Tagger struct {
	slugs   []string
	index   map[string]int // slug → position in slugs
	byFirst map[rune][]keyword
}

type keyword struct {
	text  string // folded
	theme int
}

// New returns a tagger for the taxonomy's themes and keywords.
func New(themes []config.Theme) *Tagger {
	t := &Tagger{index: map[string]int{}, byFirst: map[rune][]keyword{}}
	for i, th := range themes {
		t.slugs = append(t.slugs, th.Slug)
		t.index[th.Slug] = i
		for _, k := range th.Keywords {
			k = fold(strings.TrimSpace(k))
			if k == "" {
				continue
			}
			r, _ := utf8.DecodeRuneInString(k)
			t.byFirst[r] = append(t.byFirst[r], keyword{k, i})
		}
	}
	return t
}

// fold lower-cases Latin letters so that DRG matches drg; Han text is unchanged.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// Match returns the themes whose keywords occur in text, in taxonomy order.
func (t *Tagger) Match(text string) []string {
	return t.slugsOf(t.match(text, make([]bool, len(t.slugs))))
}

func (t *Tagger) match(text string, hit []bool) []bool {
	text = fold(text)
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		for _, k := range t.byFirst[r] {
			if !hit[k.theme] && strings.HasPrefix(text[i:], k.text) && t.wordEdge(text, i, k.text) {
				hit[k.theme] = true
			}
		}
		i += n
	}
	return hit
}

// wordEdge keeps a Latin keyword (AI, DRG) from matching inside a longer word (DRAIN).
func (t *Tagger) wordEdge(text string, i int, k string) bool {
	isWord := func(r rune) bool { return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	first, _ := utf8.DecodeRuneInString(k)
	last, _ := utf8.DecodeLastRuneInString(k)
	if isWord(first) {
		if before, _ := utf8.DecodeLastRuneInString(text[:i]); isWord(before) {
			return false
		}
	}
	if isWord(last) {
		if after, _ := utf8.DecodeRuneInString(text[i+len(k):]); isWord(after) {
			return false
		}
	}
	return true
}

func (t *Tagger) slugsOf(hit []bool) []string {
	var out []string
	for i, h := range hit {
		if h {
			out = append(out, t.slugs[i])
		}
	}
	return out
}

// apply adds and removes a directive's themes.
func (t *Tagger) apply(hit []bool, d *content.ThemeDirective) {
	if d == nil {
		return
	}
	for _, s := range d.Add {
		if i, ok := t.index[s]; ok {
			hit[i] = true
		}
	}
	for _, s := range d.Remove {
		if i, ok := t.index[s]; ok {
			hit[i] = false
		}
	}
}

// Weights counts, for each theme of a document, the passages carrying it.
type Weights map[string]int

// Tags are the themes Tag found in one document.
type Tags struct {
	// Passages maps each passage's anchor to its themes, in taxonomy order; a passage on no
	// theme has none.
	Passages map[string][]string
	// Weights counts the passages carrying each theme.
	Weights Weights
	// Count is the number of passages.
	Count int
}

// Tag returns the themes of every passage of d: its keywords' themes, then the directives of
// its enclosing sections, outermost first, then its own directive. d is not changed.
func (t *Tagger) Tag(d *content.Document) Tags {
	tags := Tags{Passages: map[string][]string{}, Weights: Weights{}}
	hit := make([]bool, len(t.slugs))
	d.Passages(func(p content.Passage) {
		tags.Count++
		clear(hit)
		t.match(p.Text(), hit)
		for _, s := range p.Sections {
			t.apply(hit, s.Directive)
		}
		t.apply(hit, p.Directive())
		themes := t.slugsOf(hit)
		if len(themes) > 0 {
			tags.Passages[p.Anchor()] = themes
		}
		for _, s := range themes {
			tags.Weights[s]++
		}
	})
	return tags
}
