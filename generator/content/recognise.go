package content

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/internal/runes"
)

// This file is planportal's one recogniser of a plan's structure: which line opens a section
// (一、 第一章 行动一), a sub-section (（一）) or an item (1. 1、 1． （1）). The loader reads
// Markdown headings and paragraphs with it, the importer lines of raw text, so that what an
// import writes is what the build sees.

// MarkerKind is what a line's leading number opens.
type MarkerKind int

const (
	// SectionMarker opens a level-1 section: 一、 第一章 (章, 节, 部分) 行动一.
	SectionMarker MarkerKind = iota + 1
	// SubsectionMarker opens a level-2 section: （一） or (一).
	SubsectionMarker
	// ItemMarker opens an item: 1. 1、 1． or, parenthesised, （1） (1).
	ItemMarker
)

// Marker is the number a line of a plan starts with.
type Marker struct {
	Kind MarkerKind
	// Text is the marker as written, with its punctuation: "一、", "第三章", "行动二：",
	// "（一）", "1.", "１、", "（1）".
	Text string
	// Number is the number as written: "十二", "1", "１２".
	Number string
	// Value is what Number stands for: 12 for 十二, １２ and 012.
	Value int
	// Parenthesised is set for （一） and （1）: a （1） after a plain 1. item is its sub-item.
	Parenthesised bool
	// Heading is set for a section or sub-section marker on a line that is a heading on its
	// own: at most 40 characters (a closing 。 aside) with no sentence inside. "一、总体要求"
	// is one; "一、加强领导。各单位要…" is a paragraph that begins with a section number.
	Heading bool
}

// Level is 1 for a section marker, 2 for a sub-section marker and 0 for an item.
func (m Marker) Level() int {
	switch m.Kind {
	case SectionMarker:
		return 1
	case SubsectionMarker:
		return 2
	}
	return 0
}

const chineseDigits = `[一二三四五六七八九十百零〇]+`

var (
	// A dot followed by a digit is a decimal (2.5亿元), not a marker, so the expression reads
	// one character past the dot; 、 always ends a marker (1、5G网络).
	itemRE = regexp.MustCompile(`^(?:([0-9０-９]{1,3})(?:[.．](?:[^0-9０-９]|$)|、)|[（(]([0-9０-９]{1,3})[）)])`)
	// 第…部分, not 第…部 or 第…分: 第三部门 and 第二分院 begin sentences, not sections.
	sectionRE    = regexp.MustCompile(`^(?:(` + chineseDigits + `)、|行动(` + chineseDigits + `)(?:[：:、\s]|$)|第(` + chineseDigits + `)(?:章|节|部分))`)
	subsectionRE = regexp.MustCompile(`^[（(](` + chineseDigits + `)[）)]`)
)

// markerStart is every character the expressions' matches begin with: a digit (itemRE), a
// bracket (itemRE, subsectionRE), a Chinese digit, 行 or 第 (sectionRE). A line that begins
// with any other is read by none of them (TestMarkerStart), and most that Recognise is given
// are prose: the expressions were run on every paragraph and heading a load reads, and on the
// text of every note's passage (Lead).
var markerStart = runes.NewSet("0123456789０１２３４５６７８９（(行第" + strings.Trim(chineseDigits, "[]+"))

// Recognise reads the marker a trimmed line of a plan starts with; ok is false when the line
// starts with none (prose, a decimal such as 2.5亿元, a year, 第1章).
func Recognise(line string) (m Marker, ok bool) {
	if r, _ := utf8.DecodeRuneInString(line); !markerStart.Has(r) {
		return Marker{}, false
	}
	if g := itemRE.FindStringSubmatch(line); g != nil {
		if g[1] != "" {
			// The marker is the digits and the run of punctuation after them, without the
			// character read past the dot.
			text := line[:len(line)-len(strings.TrimLeft(line[len(g[1]):], ".．、"))]
			return Marker{Kind: ItemMarker, Text: text, Number: g[1], Value: arabicValue(g[1])}, true
		}
		return Marker{Kind: ItemMarker, Text: g[0], Number: g[2], Value: arabicValue(g[2]), Parenthesised: true}, true
	}
	if g := sectionRE.FindStringSubmatch(line); g != nil {
		n := g[1] + g[2] + g[3] // one of the three alternatives matched
		m = Marker{Kind: SectionMarker, Text: strings.TrimSpace(g[0]), Number: n, Value: ChineseNumber(n)}
	} else if g := subsectionRE.FindStringSubmatch(line); g != nil {
		m = Marker{Kind: SubsectionMarker, Text: g[0], Number: g[1], Value: ChineseNumber(g[1]), Parenthesised: true}
	} else {
		return Marker{}, false
	}
	t := strings.TrimRight(strings.TrimSpace(line), "。")
	m.Heading = utf8.RuneCountInString(t) <= 40 && !strings.ContainsAny(t, "。；;")
	return m, true
}

// arabicValue is the value of up to three ASCII or full-width digits (0 if s holds anything
// else), read without making the narrowed copy width.Narrow.String made: 69 MB per load of
// 2,000 plans, one for every item (issue 16).
func arabicValue(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			return 0
		}
	}
	return n
}

// listMarkerRE reads a Markdown ordered list item's number from the text before it on its
// line ("67." or "67)"): goldmark keeps only the first number of a list.
var listMarkerRE = regexp.MustCompile(`([0-9]{1,9})([.)])$`)
