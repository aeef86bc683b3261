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

// fold lower-cases ASCII letters so that DRG matches drg; every other byte is unchanged, so
// that offsets in the folded text are offsets in the text.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// Match returns the themes whose keywords occur in text, in taxonomy order.
func (t *Tagger) Match(text string) []string {
	var out []string
	for _, tg := range t.MatchTags(text) {
		out = append(out, tg.Theme)
	}
	return out
}

// MatchTags returns the themes whose keywords occur in text, in taxonomy order, each with its
// reason: the first keyword found (the longest where several start there) and its sentence.
func (t *Tagger) MatchTags(text string) []Tag {
	return t.tags(text, t.match(text, make([]hit, len(t.slugs))))
}

// hit is where a theme's keyword was found in a text: bytes [start, end); end is 0 when none
// was, or when only a directive gave the theme (directive is then its line).
type hit struct {
	start, end int
	directive  int
}

func (h hit) on() bool { return h.end > 0 || h.directive > 0 }

func (t *Tagger) match(text string, hits []hit) []hit {
	folded := fold(text)
	for i := 0; i < len(folded); {
		r, n := utf8.DecodeRuneInString(folded[i:])
		for _, k := range t.byFirst[r] {
			h := &hits[k.theme]
			if (h.end == 0 || h.start == i && i+len(k.text) > h.end) && strings.HasPrefix(folded[i:], k.text) && t.wordEdge(folded, i, k.text) {
				*h = hit{start: i, end: i + len(k.text)}
			}
		}
		i += n
	}
	return hits
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

// tags lists the themes hit, in taxonomy order, with their reasons in text.
func (t *Tagger) tags(text string, hits []hit) []Tag {
	var out []Tag
	for i, h := range hits {
		switch {
		case h.directive > 0:
			out = append(out, Tag{Theme: t.slugs[i], Reason: Reason{Directive: h.directive}})
		case h.end > 0:
			out = append(out, Tag{Theme: t.slugs[i], Reason: reasonAt(text, h.start, h.end)})
		}
	}
	return out
}

// apply adds and removes a directive's themes. A theme the text gave keeps its phrase as its
// reason when a directive adds it again.
func (t *Tagger) apply(hits []hit, d *content.ThemeDirective) {
	if d == nil {
		return
	}
	for _, s := range d.Add {
		if i, ok := t.index[s]; ok && !hits[i].on() {
			hits[i] = hit{directive: max(d.Line, 1)}
		}
	}
	for _, s := range d.Remove {
		if i, ok := t.index[s]; ok {
			hits[i] = hit{}
		}
	}
}

// Weights counts, for each theme of a document, the passages carrying it.
type Weights map[string]int

// Tags are the themes Tag found in one document.
type Tags struct {
	// Passages maps each passage's anchor to its themes, in taxonomy order, each with its
	// reason; a passage on no theme has none.
	Passages map[string][]Tag
	// Weights counts the passages carrying each theme.
	Weights Weights
	// Count is the number of passages.
	Count int
}

// Tag returns the themes of every passage of d: its keywords' themes, then the directives of
// its enclosing sections, outermost first, then its own directive. d is not changed.
func (t *Tagger) Tag(d *content.Document) Tags {
	tags := Tags{Passages: map[string][]Tag{}, Weights: Weights{}}
	hits := make([]hit, len(t.slugs))
	d.Passages(func(p content.Passage) {
		tags.Count++
		clear(hits)
		text := p.Text()
		t.match(text, hits)
		for _, s := range p.Sections {
			t.apply(hits, s.Directive)
		}
		t.apply(hits, p.Directive())
		themes := t.tags(text, hits)
		if len(themes) > 0 {
			tags.Passages[p.Anchor()] = themes
		}
		for _, tg := range themes {
			tags.Weights[tg.Theme]++
		}
	})
	return tags
}
