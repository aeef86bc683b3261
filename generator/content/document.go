// Package content loads Markdown documents: their TOML front matter, validated, and their
// structure (preamble, sections, numbered items, annexes), each item with a stable anchor.
//
// What it returns is never changed afterwards: what the site learns about a document (its
// themes, and per passage its themes) is a separate value (package analysis), so that every
// page, listing, feed and search record reads the same facts.
package content

import (
	"fmt"
	"html/template"
	"slices"
	"time"
	"unicode/utf8"
)

// Document is one published document, e.g. a 工作要点 or a 通知.
type Document struct {
	// Path is the source file, relative to the site's source directory
	// (content/plans/haian-2025.md).
	Path string
	// Section is the content section the file lives in (plans).
	Section string
	// Slug is the file's base name without .md (haian-2025).
	Slug string
	// URL is the page's site-relative URL (/plans/haian-2025/).
	URL  string
	Meta Meta
	// Main is the document's own text: preamble, sections and items.
	Main *Part
	// Annexes are the 附件 parts that follow the main text.
	Annexes []*Part
}

// Meta is a document's front matter. Its fields are described, parsed and validated by the
// field registry (Fields); the ones the code reasons about are Go fields here, the others are
// in Extra (read them with Get).
type Meta struct {
	Title       string
	Agency      string // 发布机构
	Published   Date   // 发布日期
	Written     Date   // 成文日期
	Province    string
	City        string // 地市, above a county or district Region
	Region      string // 地区
	DocNumber   string // 文号
	IndexNumber string // 索引号
	Category    string // 体裁
	Themes      []string
	Disclosure  string   // 公开方式
	Validity    string   // 有效性
	Nature      string   // 文本性质: NatureOriginal, NatureExcerpt or NatureReport
	Source      string   // 原文链接, or the file converted
	SourceName  string   // 来源
	Inferred    []string // keys of the fields the source does not state, supplied by the editor
	Summary     string   // 内容概述
	Draft       bool
	// Extra holds the values of the registered fields without a Go field of their own, by
	// key; nil when the document sets none.
	Extra map[string]any
	// Lines records the front matter line of each key, for error messages.
	Lines map[string]int
}

// Original reports whether the document is its agency's own document, not an excerpt or a
// report about it: only an original has disclosure fields (Field.Disclosure).
func (m Meta) Original() bool { return m.Nature == "" || m.Nature == NatureOriginal }

// IsInferred reports whether the field key's value was supplied by the editor, not stated by
// the source (front matter inferred = ["agency"]): pages say so beside the value.
func (m Meta) IsInferred(key string) bool { return slices.Contains(m.Inferred, key) }

// Part is the main text of a document or one annex. Its Blocks come before its first section
// (for the main text, that is the preamble).
type Part struct {
	// Title is the annex heading (附件：…); empty for the main text.
	Title string
	// Anchor is the annex's id (a1); empty for the main text.
	Anchor   string
	Blocks   []*Block
	Sections []*Section
}

// Section is a 一、 section (Level 1) or a （一） sub-section (Level 2), or an unnumbered heading.
type Section struct {
	Level int
	// Heading is the heading text as written, number included (一、坚持党建引领…).
	Heading string
	// Number is the section's own number, 1 for 一、 or （一）; 0 when unnumbered.
	Number int
	Anchor string
	Line   int
	Blocks []*Block
	// Sections are the sub-sections.
	Sections []*Section
	// Directive adds or removes themes on every item of the section.
	Directive *ThemeDirective
	// Annotation is the responsibility note written as the section's first paragraph
	// (牵头负责人：仲重阳 under 行动一), or nil.
	Annotation *Annotation
}

// Block is either a rendered paragraph (or table, list, quote) or a numbered item.
type Block struct {
	HTML template.HTML
	Item *Item
	// Anchor, Line and Directive are set for a plain paragraph (not for a table or list): it
	// is a passage of its own, linkable (p1, s3-p2) and tagged like an item.
	Anchor    string
	Line      int
	Directive *ThemeDirective
	// Annotation is the responsibility note the paragraph ends with (or is), or nil; it is not
	// part of HTML or Text.
	Annotation *Annotation
}

// IsParagraph reports whether the block is a plain paragraph (with an anchor of its own).
func (b *Block) IsParagraph() bool { return b.Item == nil && b.Anchor != "" }

// IsPassage reports whether the block is a paragraph that is a passage of its own: one of at
// least MinParagraph characters, or with a directive. (An item block is a passage too: see
// Document.Passages.)
func (b *Block) IsPassage() bool {
	if !b.IsParagraph() {
		return false
	}
	if b.Directive != nil {
		return true
	}
	// Every walk of a document's passages asks this of each paragraph: counted from the
	// HTML where it can be, its text is not made (a regexp, a replacer and a join) each time.
	if long, ok := textRunesAtLeast(string(b.HTML), MinParagraph); ok {
		return long
	}
	return utf8.RuneCountInString(b.Text()) >= MinParagraph
}

// Item is a numbered item (1. or 1、 or （1）) with the text that belongs to it.
type Item struct {
	// Marker is the number as written (1. or （1）); Number is its value as text ("1").
	Marker string
	Number string
	Anchor string
	// Line is int32 and beside fromText, so that an Item is 128 bytes, not 144 (a build
	// keeps every item to its end: issue 16).
	Line int32
	// html is the item's text rendered (see HTML); "" with fromText, when it is exactly the
	// text escaped in a paragraph, which it is for most items: it is not kept twice then.
	fromText bool
	html     template.HTML
	// Text is the item's plain text, marker and responsibility note removed: what themes are
	// found in, what snippets show.
	Text string
	// Annotation is the responsibility note the item ends with (（分管领导：…；责任科室：…）),
	// parsed, or nil.
	Annotation *Annotation
	// Items are sub-items (（1） under 1.).
	Items []*Item
	// Directive is the author's explicit {themes: +a -b} on this item.
	Directive *ThemeDirective
}

// HTML is the item's text, marker and responsibility note removed, rendered.
func (it *Item) HTML() template.HTML {
	if it.fromText {
		return template.HTML(textHTML(it.Text))
	}
	return it.html
}

// AppendHTML appends HTML() to b: a page writing the item on into itself needs no string of
// the markup made from its text.
func (it *Item) AppendHTML(b []byte) []byte {
	if it.fromText {
		return appendTextHTML(b, it.Text)
	}
	return append(b, it.html...)
}

// setHTML sets the item's rendered text, kept only where it says more than the plain text.
func (it *Item) setHTML(h string) {
	if h != "" && isTextHTML3("", h, it.Text) {
		it.html, it.fromText = "", true
		return
	}
	it.html, it.fromText = template.HTML(h), false
}

// textHTML is text as goldmark renders a paragraph of nothing but text.
func textHTML(text string) string {
	return string(appendTextHTML(make([]byte, 0, len(text)+len("<p></p>\n")), text))
}

// appendTextHTML appends textHTML(text) to b.
func appendTextHTML(b []byte, text string) []byte {
	b = append(b, "<p>"...)
	written := 0
	for j := 0; j < len(text); j++ {
		if e := textEscape(text[j]); e != "" {
			b = append(append(b, text[written:j]...), e...)
			written = j + 1
		}
	}
	return append(append(b, text[written:]...), "</p>\n"...)
}

// textEscape is the character reference goldmark writes for c in a paragraph's text, or "".
func textEscape(c byte) string {
	switch c {
	case '&':
		return "&amp;"
	case '<':
		return "&lt;"
	case '>':
		return "&gt;"
	case '"':
		return "&quot;"
	}
	return ""
}

// isTextHTML3 reports whether prefix+h is textHTML(text), compared as it goes without making
// either (the comparison made textHTML's copy of every item's text: 143 MB per load of 2,000
// plans; issue 16).
func isTextHTML3[T string | []byte](prefix string, h T, text string) bool {
	const open, end = "<p>", "</p>\n"
	if len(prefix) > len(open) || prefix != open[:len(prefix)] {
		return false
	}
	// h is the rest of open, text escaped, and end.
	k := len(open) - len(prefix)
	if len(h) < k+len(end) || string(h[:k]) != open[len(prefix):] || string(h[len(h)-len(end):]) != end {
		return false
	}
	body := h[k : len(h)-len(end)]
	i := 0
	for j := 0; j < len(text); j++ {
		c := text[j]
		e := textEscape(c)
		if e == "" {
			if i >= len(body) || body[i] != c {
				return false
			}
			i++
			continue
		}
		if len(body)-i < len(e) || string(body[i:i+len(e)]) != e {
			return false
		}
		i += len(e)
	}
	return i == len(body)
}

// ThemeDirective is an author's explicit theme tagging, written {themes: +children -elderly}
// at the end of an item, a paragraph or a section heading.
type ThemeDirective struct {
	Line   int
	Add    []string
	Remove []string
}

// Date is a calendar date without time of day. A source that states only the year or the
// month of a date ("2025", "2025-03") gives a Date of that precision: it sorts and dates
// feeds as the first day of its year or month, and shows only what the source states.
type Date struct {
	time.Time
	// Prec is how much of the date the source states; the zero value is a full date.
	Prec Precision
}

// Precision is how much of a date its source states.
type Precision int

const (
	// PrecDay is a full date (2025-03-04).
	PrecDay Precision = iota
	// PrecMonth is a year and month (2025-03): the day is not stated.
	PrecMonth
	// PrecYear is a year alone (2025): month and day are not stated.
	PrecYear
)

// Approximate reports whether the source leaves part of the date unstated.
func (d Date) Approximate() bool { return d.Prec != PrecDay }

// String formats the date as YYYY-MM-DD (YYYY-MM or YYYY when that is all the source
// states: each is a valid HTML datetime), or "" for the zero date.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Prec == PrecYear:
		return d.Format("2006")
	case d.Prec == PrecMonth:
		return d.Format("2006-01")
	}
	return d.Format("2006-01-02")
}

// Chinese formats the date as 2025年03月04日, as disclosure pages show it; a date whose
// source states less says so (2025年（月、日未注明）).
func (d Date) Chinese() string {
	switch {
	case d.IsZero():
		return ""
	case d.Prec == PrecYear:
		return fmt.Sprintf("%d年（月、日未注明）", d.Year())
	case d.Prec == PrecMonth:
		return fmt.Sprintf("%d年%02d月（日未注明）", d.Year(), d.Month())
	}
	return fmt.Sprintf("%d年%02d月%02d日", d.Year(), d.Month(), d.Day())
}

// Diagnostic is a problem in a source file, at a line, about a field.
type Diagnostic struct {
	File    string
	Line    int
	Field   string
	Message string
	Warning bool
}

func (d *Diagnostic) Error() string {
	s := d.File
	if d.Line > 0 {
		s += fmt.Sprintf(":%d", d.Line)
	}
	if d.Field != "" {
		s += ": " + FieldName(d.Field)
	}
	return s + ": " + d.Message
}

// Errors is the list of problems of one load, reported together.
type Errors []*Diagnostic

func (e Errors) Error() string {
	s := ""
	for i, d := range e {
		if i > 0 {
			s += "\n"
		}
		s += d.Error()
	}
	return s
}

// AllItems returns every item of the document, sub-items included, in document order.
func (d *Document) AllItems() []*Item {
	var out []*Item
	var addItems func([]*Item)
	addItems = func(items []*Item) {
		for _, it := range items {
			out = append(out, it)
			addItems(it.Items)
		}
	}
	d.Walk(func(_ *Part, _ *Section, b *Block) {
		if b.Item != nil {
			addItems([]*Item{b.Item})
		}
	})
	return out
}

// Walk calls fn for every block of the document in order, with the part and innermost section
// (nil in a part's own blocks) it belongs to.
func (d *Document) Walk(fn func(p *Part, s *Section, b *Block)) {
	var walkSec func(p *Part, s *Section)
	walkSec = func(p *Part, s *Section) {
		for _, b := range s.Blocks {
			fn(p, s, b)
		}
		for _, c := range s.Sections {
			walkSec(p, c)
		}
	}
	for _, p := range d.Parts() {
		for _, b := range p.Blocks {
			fn(p, nil, b)
		}
		for _, s := range p.Sections {
			walkSec(p, s)
		}
	}
}

// Parts returns the main text followed by the annexes.
func (d *Document) Parts() []*Part {
	if d.Main == nil {
		return d.Annexes
	}
	return append([]*Part{d.Main}, d.Annexes...)
}

// MinParagraph is the length (in characters) from which a plain paragraph counts as a passage
// to be tagged and listed by theme; shorter ones are letterhead lines (文号, 落款, 日期) unless
// the author tags them explicitly.
const MinParagraph = 20

// Passage is a unit of text themes attach to: a numbered item (sub-items are passages of their
// own) or a plain paragraph.
type Passage struct {
	Item  *Item  // the item, or nil for a paragraph
	Block *Block // the paragraph, or nil for an item
	// Sections are the enclosing sections, outermost first; the slice is only valid during
	// the call to the Passages callback.
	Sections []*Section
}

// Anchor returns the passage's id on its document's page.
func (p Passage) Anchor() string {
	if p.Item != nil {
		return p.Item.Anchor
	}
	return p.Block.Anchor
}

// Text returns the passage's plain text.
func (p Passage) Text() string {
	if p.Item != nil {
		return p.Item.Text
	}
	return p.Block.Text()
}

// Marker returns the item's number as written, or "" for a paragraph.
func (p Passage) Marker() string {
	if p.Item != nil {
		return p.Item.Marker
	}
	return ""
}

// Line returns the passage's source line.
func (p Passage) Line() int {
	if p.Item != nil {
		return int(p.Item.Line)
	}
	return p.Block.Line
}

// Annotation returns the passage's responsibility note, or nil.
func (p Passage) Annotation() *Annotation {
	if p.Item != nil {
		return p.Item.Annotation
	}
	return p.Block.Annotation
}

// Directive returns the passage's own {themes: …} directive, or nil.
func (p Passage) Directive() *ThemeDirective {
	if p.Item != nil {
		return p.Item.Directive
	}
	return p.Block.Directive
}

// Passages calls fn for every passage of the document in order: items, sub-items, and the
// paragraphs of at least MinParagraph characters or with a directive of their own.
func (d *Document) Passages(fn func(Passage)) {
	var stack []*Section
	var blocks func([]*Block)
	// item is an item and its sub-items. Called with the item itself, not a list of it: the
	// list ([]*Item{b.Item}) was made on the heap for each item of each walk, and a build
	// walks every document several times (analysis, each theme page, the open data).
	var item func(*Item)
	item = func(it *Item) {
		fn(Passage{Item: it, Sections: stack})
		for _, sub := range it.Items {
			item(sub)
		}
	}
	blocks = func(bl []*Block) {
		for _, b := range bl {
			switch {
			case b.Item != nil:
				item(b.Item)
			case b.IsPassage():
				fn(Passage{Block: b, Sections: stack})
			}
		}
	}
	var section func(*Section)
	section = func(s *Section) {
		stack = append(stack, s)
		blocks(s.Blocks)
		for _, c := range s.Sections {
			section(c)
		}
		stack = stack[:len(stack)-1]
	}
	for _, p := range d.Parts() {
		blocks(p.Blocks)
		for _, s := range p.Sections {
			section(s)
		}
	}
}
