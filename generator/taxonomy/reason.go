package taxonomy

import (
	"strings"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/internal/runes"
)

// Tag is one theme of a passage and the reason the passage carries it.
type Tag struct {
	Theme  string
	Reason Reason
}

// Reason is why a passage carries a theme: where in the passage's text the phrase that carried
// it stands, and the sentence that holds the phrase, so that a page can show the sentence and
// mark the phrase in it. A theme an editor's {themes: +slug} directive gave has no phrase:
// Directive is set instead.
//
// A Reason holds offsets into the passage's text, not the phrase and sentence as strings: a
// build keeps one per theme of each passage from analysis to its end, and strings cut from the
// text kept the whole text of every tagged passage alive with them (a paragraph's text is
// made afresh for analysis: content.Block.Text), and made a Tag 64 bytes, not 40 (issue 16).
// Whoever shows a reason has the passage's text at hand (the page, the theme's entry).
type Reason struct {
	// Start and End are the byte offsets of the phrase in the passage's text (the phrase is
	// the text as written, e.g. 儿科); SentenceStart and SentenceEnd those of the sentence of
	// the passage holding it, its closing 。！？； included. Sentences end at 。！？； (and their
	// ASCII forms !?;) and at line ends. Runes counts them in characters, for pages that mark
	// by character. They and Directive are int32: a passage's text is far below 2 GB, a
	// source file's lines far fewer.
	Start, End, SentenceStart, SentenceEnd int32
	// Directive is the source line of the editor's directive that gave the theme (the
	// passage's own or an enclosing section's); 0 when the text gave it.
	Directive int32
}

// FromText reports whether the text gave the theme (rather than an editor's directive).
func (r Reason) FromText() bool { return r.Directive == 0 && r.End > r.Start }

// Phrase is the text of the passage (text) that carried the theme.
func (r Reason) Phrase(text string) string { return text[r.Start:r.End] }

// Sentence is the sentence of the passage (text) holding the phrase.
func (r Reason) Sentence(text string) string { return text[r.SentenceStart:r.SentenceEnd] }

// Before is the part of the sentence before the phrase, in the passage's text.
func (r Reason) Before(text string) string { return text[r.SentenceStart:r.Start] }

// After is the part of the sentence after the phrase, in the passage's text.
func (r Reason) After(text string) string { return text[r.End:r.SentenceEnd] }

// reasonClauseEnds part a reason's sentence into clauses: clauseEnds within a sentence, but
// for brackets, whose words explain the phrase beside them (精神（心理）科). The list comma 、
// is not one either: it parts the items of one list, which is the phrase's context.
const reasonClauseEnds = "，：,:"

// Clause is the clause of the sentence holding the phrase, split at the phrase: what stands
// before and after it up to the nearest clause end (，：) or the sentence's own ends; cut
// says which side a clause end shortened. The sentence's closing mark stays in after. text is
// the passage's text.
func (r Reason) Clause(text string) (before, after string, cutBefore, cutAfter bool) {
	before, after = r.Before(text), r.After(text)
	if i := strings.LastIndexAny(before, reasonClauseEnds); i >= 0 {
		_, n := utf8.DecodeRuneInString(before[i:])
		before, cutBefore = before[i+n:], true
	}
	if i := strings.IndexAny(after, reasonClauseEnds); i >= 0 {
		after, cutAfter = after[:i], true
	}
	return before, after, cutBefore, cutAfter
}

// Runes returns the phrase's start and end in characters (runes) from the start of the
// passage's text, given that text.
func (r Reason) Runes(text string) (start, end int) {
	start = utf8.RuneCountInString(text[:r.Start])
	return start, start + utf8.RuneCountInString(r.Phrase(text))
}

// sentenceEnds are the characters that close a sentence.
const sentenceEnds = "。！？；!?;\n"

var sentenceEndSet = runes.NewSet(sentenceEnds)

// sentenceAt returns the byte bounds of the sentence of text holding the bytes [start, end).
func sentenceAt(text string, start, end int) (int, int) {
	from := sentenceEndSet.LastIndex(text[:start])
	if from < 0 {
		from = 0
	} else {
		_, n := utf8.DecodeRuneInString(text[from:])
		from += n
	}
	to := sentenceEndSet.Index(text[end:])
	if to < 0 {
		to = len(text)
	} else {
		r, n := utf8.DecodeRuneInString(text[end+to:])
		to += end
		if r != '\n' {
			to += n
		}
	}
	// Leading blanks belong to no sentence.
	for from < start && (text[from] == ' ' || text[from] == '\t') {
		from++
	}
	return from, to
}

// reasonAt is the reason a phrase at text[start:end] gives.
func reasonAt(text string, start, end int) Reason {
	from, to := sentenceAt(text, start, end)
	return Reason{Start: int32(start), End: int32(end), SentenceStart: int32(from), SentenceEnd: int32(to)}
}
