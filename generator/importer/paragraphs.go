package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/content"
)

// kind is what a line or paragraph is taken to be.
type kind int

const (
	kProse       kind = iota
	kItem             // 1. 1、 1． （1）
	kSec1             // 一、 第一章 行动一：
	kSec2             // （一）
	kAnnexBare        // 附件 / 附件1： alone on a line: an annex starts
	kAnnexInline      // 附件：title on one line: a reference, or an annex when its title follows
	kVersion          // 抄送： / …印发: the 版记 block
	kDate             // 2025年3月4日
	kOrg              // 海安市卫生健康委员会 (a signature or letterhead line)
	kKV               // 牵头负责人：仲重阳
	kNote             // （分管领导：…；责任科室：…）
	kDocNo            // 海卫健发〔2025〕1号
	kRedHeader        // 海安市卫生健康委员会文件
	kTitle            // the document's title (removed from the body)
	kBold             // a line bold from end to end (**…**): a heading of its own
)

var (
	// Sections, sub-sections and items are content.Recognise's: the loader reads the result
	// with it too.
	annexBareRE   = regexp.MustCompile(`^附\s*件\s*([0-9０-９]{0,2})\s*[：:]?$`)
	annexInlineRE = regexp.MustCompile(`^附\s*件\s*([0-9０-９]{0,2})\s*[：:]\s*(\S.*)$`)
	dateRE        = regexp.MustCompile(`^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$`)
	printedRE     = regexp.MustCompile(`([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*印\s*发$`)
	versionRE     = regexp.MustCompile(`^(?:抄\s*送|抄\s*报|主\s*送)\s*[：:]`)
	orgRE         = regexp.MustCompile(`^\p{Han}[\p{Han}（）()]{2,30}(?:委员会|卫生健康委|卫健委|局|厅|委|政府|办公室|办公厅|中心|医院|部|办)$`)
	redHeaderRE   = regexp.MustCompile(`^(\p{Han}[\p{Han}（）()]{2,30}?(?:委员会|卫生健康委|卫健委|局|厅|委|政府|办公室|办公厅|中心|部|办))\s*文\s*件$`)
	docNoRE       = regexp.MustCompile(`\p{Han}[\p{Han}A-Za-z]{0,11}\s*[〔［\[【(（]\s*([0-9]{4})\s*[〕］\]】)）]\s*[0-9]{1,4}\s*号`)
	kvRE          = regexp.MustCompile(`^[^，。；,;：:]{1,12}[：:]\s*\S`)
	noteRE        = regexp.MustCompile(`^\**[（(][^（()）]{0,12}[：:][^（()）]*[）)]\**[。.]?$`)
	boldLineRE    = regexp.MustCompile(`^\*\*([^*]+)\*\*$`)
	noticeRE      = regexp.MustCompile(`^关于.{2,80}的(?:通知|决定|意见|函|批复|通报|公告|报告)$`)
)

// para is a paragraph being assembled from lines.
type para struct {
	no      int // first source line
	text    string
	kind    kind
	lastLen int // runes of the last line joined in (for hard-wrapped text)
	num     int // section number (一 = 1) for kSec1, kSec2
}

// classify decides the kind of a line. A section marker followed by a sentence in the same line
// ("（一）加强领导。以…") is split: the heading and the rest are returned as two lines.
func classify(l line) []para {
	s := l.text
	p := para{no: l.no, text: s, lastLen: runeLen(s)}
	if m := boldLineRE.FindStringSubmatch(s); m != nil {
		// **一、总体要求** is the heading 一、总体要求 (headings are bold anyway); another line
		// bold from end to end is a heading-like line of its own.
		if in := classify(line{l.no, m[1]}); len(in) == 1 && (in[0].kind == kSec1 || in[0].kind == kSec2) {
			return in
		}
		p.kind = kBold
		return []para{p}
	}
	m, marked := content.Recognise(s)
	switch {
	case annexBareRE.MatchString(s):
		p.kind = kAnnexBare
	case annexInlineRE.MatchString(s):
		p.kind = kAnnexInline
	case marked && m.Kind == content.ItemMarker:
		p.kind = kItem
	case marked:
		k, num := kSec1, m.Value
		if m.Kind == content.SubsectionMarker {
			k = kSec2
		}
		if m.Heading {
			p.kind, p.num = k, num
			break
		}
		// A heading with its text on the same line: split at the first 。 within 30 characters.
		if i := strings.Index(s, "。"); i > 0 && runeLen(s[:i]) <= 30 {
			rest := strings.TrimFunc(s[i+len("。"):], unicode.IsSpace)
			if rest != "" {
				h := para{no: l.no, text: s[:i+len("。")], kind: k, num: num}
				r := classify(line{l.no, rest})
				return append([]para{h}, r...)
			}
		}
		p.kind = kProse
	case versionRE.MatchString(s) || printedRE.MatchString(s):
		p.kind = kVersion
	case dateRE.MatchString(s):
		p.kind = kDate
	case redHeaderRE.MatchString(s):
		p.kind = kRedHeader
	case orgRE.MatchString(s):
		p.kind = kOrg
	case runeLen(s) <= 30 && docNoRE.MatchString(s) && !strings.ContainsAny(s, "，。；"):
		p.kind = kDocNo
	case noteRE.MatchString(s):
		p.kind = kNote
	case runeLen(s) <= 40 && kvRE.MatchString(s) && !strings.ContainsAny(s, "。；;") && !strings.ContainsAny(s[:strings.IndexAny(s, "：:")], "、，,"):
		p.kind = kKV
	}
	return []para{p}
}

// assembler joins the lines of a text into paragraphs, undoing the line breaks of PDF
// extraction and scraping.
type assembler struct {
	paras  []*para
	width  int // the line width of hard-wrapped text, 0 if lines are paragraphs
	joined int
	notes  []string
}

// stops: these kinds never continue the paragraph before them.
func stops(k kind) bool {
	switch k {
	case kItem, kSec1, kSec2, kAnnexBare, kAnnexInline, kVersion, kTitle:
		return true
	}
	return false
}

// standalone kinds continue the paragraph before them only to close what it left open
// ("（**分管领导：徐通生；**" + "责任科室：人事科）").
func standalone(k kind) bool {
	switch k {
	case kDate, kKV, kDocNo, kRedHeader, kOrg, kBold:
		return true
	}
	return false
}

// closed kinds are complete lines: nothing is joined onto them.
func closed(k kind) bool {
	switch k {
	case kSec1, kSec2, kAnnexBare, kAnnexInline, kVersion, kDate, kKV, kDocNo, kRedHeader, kOrg, kTitle, kBold:
		return true
	}
	return false
}

func (a *assembler) add(n para) {
	if len(a.paras) > 0 {
		p := a.paras[len(a.paras)-1]
		if a.shouldJoin(p, &n) {
			join(p, n.text)
			p.lastLen = runeLen(n.text)
			a.joined++
			return
		}
	}
	a.paras = append(a.paras, &n)
}

func (a *assembler) shouldJoin(p, n *para) bool {
	if stops(n.kind) || closed(p.kind) {
		return false
	}
	// A line that opens with a section number (一、为促进…, too long for a heading) starts a
	// paragraph of its own: joined, its number would be lost inside the text above.
	if m, ok := content.Recognise(n.text); ok && m.Kind != content.ItemMarker && !unmatchedCloser(n.text) {
		return false
	}
	if unmatchedCloser(n.text) {
		return true
	}
	if depth := openDepth(p.text); depth > 0 || strings.Count(p.text, "**")%2 == 1 {
		if label := openLabel(p.text); label != "" && containsNote(n.text, label) {
			a.notes = append(a.notes, fmt.Sprintf("line %d: kept apart from the paragraph of line %d: it has its own （%s：…）, so text seems to be missing between them",
				n.no, p.no, label))
			return false
		}
		return true
	}
	if standalone(n.kind) {
		return false
	}
	last := lastRune(p.text)
	if strings.ContainsRune("，、,（(“《—-", last) {
		return true
	}
	if n.kind == kNote && (p.kind == kItem || p.kind == kProse) {
		return true
	}
	if isSentenceEnd(last) {
		return false
	}
	if p.kind == kItem || strings.ContainsAny(p.text, "，。；、,;") || (a.width > 0 && p.lastLen >= a.width-4 && !titleEndRE.MatchString(p.text)) {
		return true
	}
	return false
}

// join appends a continuation line to a paragraph. A bold span that the line break cut off
// ("（**分管领导：徐**" + "通生；…）") is closed after the continuation instead, where
// CommonMark can still close it.
func join(p *para, next string) {
	t := p.text
	if strings.HasSuffix(t, "**") && strings.Count(t, "**")%2 == 0 && !strings.Contains(next, "**") {
		t = strings.TrimSuffix(t, "**")
		if i := closerIndex(next); i >= 0 {
			next = next[:i] + "**" + next[i:]
		} else {
			next += "**"
		}
	}
	a, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, "*"))
	b, _ := utf8.DecodeRuneInString(strings.TrimLeft(next, "*"))
	sep := ""
	if isASCIILetter(a) && isASCIILetter(b) || strings.ContainsRune(",.;:!?", a) && !isWide(b) {
		sep = " "
	}
	p.text = t + sep + next
}

func isASCIILetter(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }

// lastRune is the last character of s that is not bold markup or white space.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(strings.TrimRight(s, "*"), unicode.IsSpace))
	return r
}

func isSentenceEnd(r rune) bool {
	return strings.ContainsRune("。！？；!?;…：:", r) || strings.ContainsRune("）)”’】》」』", r)
}

func isOpen(r rune) bool  { return strings.ContainsRune("（(《“【「", r) }
func isClose(r rune) bool { return strings.ContainsRune("）)》”】」", r) }

// openDepth is the number of brackets and quotes s opens and does not close.
func openDepth(s string) int {
	d := 0
	for _, r := range s {
		switch {
		case isOpen(r):
			d++
		case isClose(r) && d > 0:
			d--
		}
	}
	return d
}

// unmatchedCloser reports whether s closes a bracket it did not open: it continues the
// paragraph before it ("发展与信息科)").
func unmatchedCloser(s string) bool { return closerIndex(s) >= 0 }

// closerIndex is the byte offset just after the first bracket s closes without opening it, or -1.
func closerIndex(s string) int {
	d := 0
	for i, r := range s {
		switch {
		case isOpen(r):
			d++
		case isClose(r):
			if d == 0 {
				return i + utf8.RuneLen(r)
			}
			d--
		}
	}
	return -1
}

// openLabel returns the label of the parenthesised note s leaves open ("分管领导" for
// "…（**分管领导：仲重阳；责任科室：**"), or "".
func openLabel(s string) string {
	st := []int{}
	for i, r := range s {
		switch r {
		case '（', '(':
			st = append(st, i+utf8.RuneLen(r))
		case '）', ')':
			if len(st) > 0 {
				st = st[:len(st)-1]
			}
		}
	}
	if len(st) == 0 {
		return ""
	}
	inner := strings.TrimLeft(s[st[len(st)-1]:], "*")
	i := strings.IndexAny(inner, "：:")
	if i <= 0 || runeLen(inner[:i]) > 8 {
		return ""
	}
	return inner[:i]
}

func containsNote(s, label string) bool {
	s = strings.ReplaceAll(s, "*", "")
	return strings.Contains(s, "（"+label) || strings.Contains(s, "("+label)
}

// lineWidth returns the width of hard-wrapped text (the line length most long lines share),
// or 0 when lines are whole paragraphs.
func lineWidth(lines []line) int {
	var lens []int
	for _, l := range lines {
		if n := runeLen(l.text); n >= 2 {
			lens = append(lens, n)
		}
	}
	if len(lens) < 8 {
		return 0
	}
	sort.Ints(lens)
	w := lens[len(lens)*9/10]
	if w > 60 {
		return 0
	}
	near := 0
	for _, n := range lens {
		if n >= w-4 && n <= w+2 {
			near++
		}
	}
	if near*4 < len(lens) {
		return 0
	}
	return w
}

// chineseNumeral writes 1 … 99 as 一 … 九十九.
func chineseNumeral(n int) string {
	d := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return ""
	case n < 10:
		return d[n]
	case n < 20:
		return "十" + d[n%10]
	}
	return d[n/10] + "十" + d[n%10]
}
