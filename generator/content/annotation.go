package content

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/internal/runes"
	"github.com/planportal/planportal/generator/msg"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// This file recognises the responsibility note an item (or paragraph, or annex section) ends
// with: （分管领导：徐通生、仲重阳；责任科室：医政医管科、人事科）, written in many ways
// (bold inside or outside the brackets, half-width brackets, 牵头单位：… 配合单位：…
// 完成时限：…, a paragraph of its own). The note is not the item's text: the item's HTML and
// Text leave it out, and it is kept, parsed, as the item's Annotation.

// Annotation is a passage's responsibility note, parsed.
type Annotation struct {
	// Leaders are the responsible officials (分管领导, 牵头负责人, 责任领导 …).
	Leaders []string
	// LeadUnits are the responsible or leading units (责任科室, 责任单位, 牵头单位 …).
	LeadUnits []string
	// CoUnits are the cooperating units (配合单位, 协同单位 …).
	CoUnits []string
	// Deadline is the completion deadline as written (完成时限：2025年6月底前).
	Deadline string
	// Pairs are every label and value as written, in order, mapped or not.
	Pairs []AnnotationPair
	// Text is the note as written, without markup and brackets.
	Text string
	Line int
	// Unclosed is set when the note opens a bracket and never closes it.
	Unclosed bool
}

// AnnotationPair is one label：value of a note.
type AnnotationPair struct {
	Label string
	Value string
	// Field is what the label was read as: "leaders", "lead_units", "co_units", "deadline",
	// or "" for a label planportal does not map.
	Field string
	// Names are the names a leaders' or units' value lists (医政医管科, 人事科); nil for
	// other fields.
	Names []string
}

// Other returns the pairs whose labels planportal does not map.
func (a *Annotation) Other() []AnnotationPair {
	if a == nil {
		return nil
	}
	var out []AnnotationPair
	for _, p := range a.Pairs {
		if p.Field == "" {
			out = append(out, p)
		}
	}
	return out
}

// Units returns the lead units followed by the cooperating units.
func (a *Annotation) Units() []string {
	if a == nil {
		return nil
	}
	return append(append([]string{}, a.LeadUnits...), a.CoUnits...)
}

// Source writes the note back as Markdown: （分管领导：…；责任科室：…）; "" for nil.
func (a *Annotation) Source() string {
	if a == nil || len(a.Pairs) == 0 {
		return ""
	}
	return "（" + pairsText(a.Pairs) + "）"
}

// Annotation fields, as AnnotationPair.Field names them.
const (
	FieldLeaders   = "leaders"
	FieldLeadUnits = "lead_units"
	FieldCoUnits   = "co_units"
	FieldDeadline  = "deadline"
)

// AnnotationField says what a note's label stands for: one of the Field constants, or "" for
// a label that is not one planportal maps. Labels are read by their shape, so that spellings
// not seen before (牵头处室, 责任处室, 协办单位, 办结时限) are read too.
func AnnotationField(label string) string {
	label = strings.TrimSpace(label)
	n := utf8.RuneCountInString(label)
	if n < 2 || n > 8 {
		return ""
	}
	has := func(list ...string) bool {
		for _, s := range list {
			if strings.HasSuffix(label, s) {
				return true
			}
		}
		return false
	}
	starts := func(list ...string) bool {
		for _, s := range list {
			if strings.HasPrefix(label, s) {
				return true
			}
		}
		return false
	}
	switch {
	case has("时限", "期限", "时间", "时间节点", "完成节点"):
		if starts("完成", "办结", "截止", "时间", "时限", "工作时限", "进度") || label == "时限" {
			return FieldDeadline
		}
	case has("领导", "负责人", "责任人", "负责同志", "联系人", "领导同志"):
		return FieldLeaders
	case starts("配合", "协同", "协助", "协办", "参与", "会同", "协作"):
		if has("单位", "科室", "部门", "处室", "机构", "处", "科") {
			return FieldCoUnits
		}
	case has("单位", "科室", "部门", "处室", "机构"):
		if starts("责任", "牵头", "主责", "主办", "承办", "负责", "实施", "落实") {
			return FieldLeadUnits
		}
	}
	return ""
}

// labelRE finds a label and its colon: the label is a run of Han characters that begins the
// note or follows a separator.
var labelRE = regexp.MustCompile(`(?:^|[；;，,。\n\s])[\s*_]*(\p{Han}{2,8})[*_]*\s*[：:]`)

// ParseAnnotation reads a note's text, brackets and markup removed ("分管领导：徐通生、仲重阳；
// 责任科室：医政医管科、人事科"). ok is false unless the text is label：value pairs and its first
// label is one planportal maps (so that 主要目标：… is prose, not a note).
func ParseAnnotation(s string) (a Annotation, ok bool) {
	s = strings.TrimSpace(s)
	locs := labelRE.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 || strings.TrimSpace(s[:locs[0][2]]) != "" {
		return a, false
	}
	if AnnotationField(s[locs[0][2]:locs[0][3]]) == "" {
		return a, false
	}
	a.Text = strings.Join(strings.Fields(s), " ")
	for i, l := range locs {
		label := s[l[2]:l[3]]
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		value := strings.Trim(s[l[1]:end], " \t\n；;，,。.")
		f := AnnotationField(label)
		p := AnnotationPair{Label: label, Value: value, Field: f}
		switch f {
		case FieldLeaders, FieldLeadUnits, FieldCoUnits:
			p.Names = appendNames(nil, value)
		}
		a.Pairs = append(a.Pairs, p)
		switch f {
		case FieldLeaders:
			a.Leaders = addNames(a.Leaders, p.Names)
		case FieldLeadUnits:
			a.LeadUnits = addNames(a.LeadUnits, p.Names)
		case FieldCoUnits:
			a.CoUnits = addNames(a.CoUnits, p.Names)
		case FieldDeadline:
			if a.Deadline == "" {
				a.Deadline = value
			} else {
				a.Deadline += "；" + value
			}
		}
	}
	a.own()
	return a, true
}

// addNames adds names (a pair's, from appendNames: no two the same) not already in list. The
// first pair of a field gives its list as it is, not a copy: the list's capacity is its
// length (appendNames), so a later pair's names are appended to a copy.
func addNames(list, names []string) []string {
	if list == nil {
		return names[:len(names):len(names)]
	}
	for _, n := range names {
		if !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}

// own makes every string of the note a part of one string of its own, its Text (and, for the
// few values not found in it, one more), and its list of pairs as long as it has pairs. A
// build keeps every note to its end: cut from the block's source as they are, the label, value
// and names each held a copy of the whole note with the markup removed (emphasis) or a copy of
// their own (strayClosers), and a growing list's spare room (issue 16).
func (a *Annotation) own() {
	a.Text = strings.Clone(a.Text)
	a.Pairs = slices.Clip(slices.Clone(a.Pairs))
	// Pass 1 measures what is not in the text, pass 2 points every string into the text or
	// into the rest, written once.
	var rest strings.Builder
	grow := 0
	visit := func(fn func(*string)) {
		for i := range a.Pairs {
			p := &a.Pairs[i]
			fn(&p.Label)
			fn(&p.Value)
			for j := range p.Names {
				fn(&p.Names[j])
			}
		}
		for _, l := range [][]string{a.Leaders, a.LeadUnits, a.CoUnits} {
			for j := range l {
				fn(&l[j])
			}
		}
		fn(&a.Deadline)
	}
	visit(func(s *string) {
		if !strings.Contains(a.Text, *s) {
			grow += len(*s)
		}
	})
	if grow > 0 {
		rest.Grow(grow)
		visit(func(s *string) {
			if !strings.Contains(a.Text, *s) && !strings.Contains(rest.String(), *s) {
				rest.WriteString(*s)
			}
		})
	}
	more := rest.String()
	visit(func(s *string) {
		if *s == "" {
			*s = ""
		} else if i := strings.Index(a.Text, *s); i >= 0 {
			*s = a.Text[i : i+len(*s)]
		} else if i := strings.Index(more, *s); i >= 0 {
			*s = more[i : i+len(*s)]
		}
	})
}

// strayClosers and emphasis are made once: a Replacer builds its tables on first use, and
// these run on every note of every document.
var (
	strayClosers = strings.NewReplacer("）", "", ")", "")
	emphasis     = strings.NewReplacer("**", "", "__", "", "*", "")
)

// appendNames adds the names of a list value (医政医管科、人事科) not already in list.
func appendNames(list []string, value string) []string {
	for _, n := range strings.FieldsFunc(value, func(r rune) bool {
		return r == '、' || r == '，' || r == ',' || r == '/' || r == '／' || r == ' ' || r == '\u3000' || r == '\n' || r == '\t'
	}) {
		n = strings.Trim(n, "。.；;")
		if !strings.ContainsAny(n, "（(") && strings.ContainsAny(n, "）)") {
			n = strayClosers.Replace(n) // a stray closer: 规划)发展与信息科
		}
		if n == "" {
			continue
		}
		dup := false
		for _, x := range list {
			dup = dup || x == n
		}
		if !dup {
			list = append(list, n)
		}
	}
	return list
}

// stripMarkup removes emphasis markers from a note's source.
func stripMarkup(s string) string {
	if !strings.ContainsAny(s, "*_") {
		return s // a Replacer copies s even when it replaces nothing
	}
	return emphasis.Replace(s)
}

func isOpen(r rune) bool  { return r == '（' || r == '(' }
func isClose(r rune) bool { return r == '）' || r == ')' }

// findNote finds the note raw (a block's Markdown source) ends with. It returns the offset in
// raw where the note begins (markup that opens it included), the note parsed, and ok. A note
// is a bracketed group that begins with a mapped label and closes the block
// ("…。（分管领导：…）", "**(…)**", several groups in a row), a bracket opened before such a label
// and never closed (Unclosed), or label：value pairs after the block's last sentence
// (…。牵头单位：…；完成时限：…) or making up the whole block.
func findNote(raw string) (start int, a Annotation, ok bool) { return findNoteIn(raw, 3) }

// maxNote bounds how far from a block's end a note may begin (in bytes, about 300 characters),
// so that finding notes stays linear in the length of the text.
const maxNote = 900

// The characters findNoteIn looks for.
var openers, closers, colons = runes.NewSet("（("), runes.NewSet("）)"), runes.NewSet("：:")

// findNoteIn is findNote, reading up to groups bracketed groups in a row.
func findNoteIn(raw string, groups int) (start int, a Annotation, ok bool) {
	trimmed := strings.TrimRight(raw, " \t\r\n*_。.；;")
	floor := len(trimmed) - maxNote
	closed := false
	if r, _ := utf8.DecodeLastRuneInString(trimmed); isClose(r) {
		closed = true
	}
	// The brackets are looked for from the end back to floor only, not through the whole
	// block (a block without one was read to its start), and with package runes: package
	// strings' IndexAny and LastIndexAny look each Han character up among the brackets (a
	// third of the time finding notes took at 2,000 plans; issue 16).
	lo := max(floor, 0)
	lastOpen := func(end int) int {
		if j := openers.LastIndex(trimmed[lo:end]); j >= 0 {
			return lo + j
		}
		return -1
	}
	for i := lastOpen(len(trimmed)); i >= 0; i = lastOpen(i) {
		_, w := utf8.DecodeRuneInString(trimmed[i:])
		body := trimmed[i+w:]
		unclosed := !closed
		if closed {
			_, n := utf8.DecodeLastRuneInString(body)
			body = body[:len(body)-n]
			// A note with a stray closer inside (规划)发展与信息科) is still one, but a
			// bracket closed and another opened is two groups of text, not a note.
			if !balanced(body) && openers.Index(body) >= 0 {
				continue
			}
		} else if closers.Index(body) >= 0 {
			break // a bracket closed before the block's end: no note here
		}
		if colons.Index(body) < 0 {
			continue // a note is label：value pairs; most brackets hold none
		}
		a, ok := ParseAnnotation(stripMarkup(body))
		if !ok {
			continue
		}
		a.Unclosed = unclosed
		start = backOverMarkup(raw, i)
		// A note written as several groups in a row: （分管领导：…）（责任科室：…）.
		if s2, prev, ok := findNoteIn(raw[:start], groups-1); groups > 1 && ok && !prev.Unclosed && strings.TrimSpace(stripMarkup(raw[s2:start])) != "" && bracketed(raw[s2:start]) {
			prev.Pairs = append(prev.Pairs, a.Pairs...)
			merged, _ := ParseAnnotation(pairsText(prev.Pairs))
			merged.Unclosed = a.Unclosed
			return s2, merged, true
		}
		return start, a, true
	}
	// Label：value pairs without brackets, from a sentence end (or the block's start) on.
	tail := max(0, len(raw)-maxNote)
	for tail > 0 && tail < len(raw) && !utf8.RuneStart(raw[tail]) {
		tail++
	}
	// Every label ends with a colon: most blocks have none, and the regexp is not run on them
	// (two thirds of the time finding notes took at 5,000 plans; issue 16).
	if colons.Index(raw[tail:]) < 0 {
		return 0, a, false
	}
	for _, l := range labelRE.FindAllStringSubmatchIndex(raw[tail:], -1) {
		l[0], l[2] = l[0]+tail, l[2]+tail
		at := l[2]
		if at > 0 {
			prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(raw[:at], " \t*_"))
			if prev != '。' && prev != '；' && prev != ';' && prev != '\n' && prev != utf8.RuneError {
				continue
			}
		}
		if a, ok := ParseAnnotation(stripMarkup(raw[at:])); ok && shortPairs(a) {
			return backOverMarkup(raw, at), a, true
		}
	}
	return 0, a, false
}

// balanced reports whether every bracket s closes was opened in s.
func balanced(s string) bool {
	depth := 0
	for _, r := range s {
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return true
}

// bracketed reports whether a note's source is one bracketed group.
func bracketed(s string) bool {
	s = strings.Trim(stripMarkup(s), " \t\r\n。.；;")
	r, _ := utf8.DecodeRuneInString(s)
	l, _ := utf8.DecodeLastRuneInString(s)
	return isOpen(r) && isClose(l)
}

// pairsText writes pairs back as a note's text.
func pairsText(ps []AnnotationPair) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.Label+"："+p.Value)
	}
	return strings.Join(parts, "；")
}

// shortPairs reports whether every pair of an unbracketed note has a value short enough to be
// a list of names or a date, not a sentence: so that "完成时间：年底前完成全部建设任务并投入使用"
// stays an item's text.
func shortPairs(a Annotation) bool {
	for _, p := range a.Pairs {
		n := utf8.RuneCountInString(p.Value)
		if p.Value == "" || n > 60 || strings.Contains(p.Value, "。") || (p.Field == FieldDeadline && n > 16) {
			return false
		}
	}
	return true
}

// backOverMarkup moves a note's start back over the emphasis markers and spaces that open it.
func backOverMarkup(raw string, i int) int {
	for i > 0 && (raw[i-1] == '*' || raw[i-1] == '_' || raw[i-1] == ' ') {
		i--
	}
	return i
}

// blockSource returns a block node's Markdown source, its lines joined, and a function that
// maps an offset in it to an offset in src; ok is false, and nothing is joined, when no line
// has a colon (every note has one). The source is read in place (srcView), the lines of a
// block of several joined in the builder's buffer: it is only read, valid until the next call
// (the joined copy of every paragraph, and the first line's, were 250 MB per load of 2,000
// plans; issue 16).
func (b *builder) blockSource(n ast.Node) (raw string, toSrc func(int) int, ok bool) {
	lines, src := n.Lines(), b.src
	for i := 0; i < lines.Len() && !ok; i++ {
		s := lines.At(i)
		ok = runes.ContainsAny(srcView(s.Value(src)), "：:")
	}
	if !ok {
		return "", nil, false
	}
	if lines.Len() == 1 {
		s := lines.At(0)
		return srcView(s.Value(src)), func(off int) int { return s.Start + off }, true
	}
	buf := b.raw[:0]
	starts := make([]int, 0, lines.Len()) // offset in buf of each line
	segs := make([]text.Segment, 0, lines.Len())
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		starts = append(starts, len(buf))
		segs = append(segs, s)
		buf = append(buf, s.Value(src)...)
	}
	b.raw = buf
	return srcView(buf), func(off int) int {
		for i := len(starts) - 1; i >= 0; i-- {
			if off >= starts[i] {
				return segs[i].Start + off - starts[i]
			}
		}
		return 0
	}, true
}

// cutNote finds the note a paragraph (or a list item's text block) ends with, removes it from
// the node's inline content and returns it; nil when the block ends with none.
func (b *builder) cutNote(n ast.Node) *Annotation {
	if n == nil || n.Type() != ast.TypeBlock || n.Lines().Len() == 0 {
		return nil
	}
	raw, toSrc, ok := b.blockSource(n)
	if !ok {
		return nil
	}
	start, a, ok := findNote(raw)
	if !ok {
		return nil
	}
	cut := toSrc(start)
	a.Line = b.lineAt(cut)
	b.notes.share(&a)
	truncateInline(n, cut)
	if a.Unclosed && b.warn != nil {
		b.warn(a.Line, "annotation", msg.T("load.annotation"))
	}
	return &a
}

// truncateInline removes every inline node of parent that begins at or after the source
// offset cut, and shortens a text that runs past it. Nodes left empty are removed.
func truncateInline(parent ast.Node, cut int) {
	removing := false
	for c := parent.FirstChild(); c != nil; {
		next := c.NextSibling()
		start := firstInlineOffset(c)
		switch {
		case start >= cut || (start < 0 && removing):
			parent.RemoveChild(parent, c)
			removing = true
		case c.HasChildren():
			truncateInline(c, cut)
			if !c.HasChildren() {
				parent.RemoveChild(parent, c)
				removing = true
			}
		default:
			if t, ok := c.(*ast.Text); ok && t.Segment.Stop > cut {
				t.Segment = t.Segment.WithStop(cut)
			}
		}
		c = next
	}
	// The text that now ends the block ends with no line break and no trailing space.
	if t, ok := parent.LastChild().(*ast.Text); ok && parent.Type() == ast.TypeBlock {
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
	}
}

// firstInlineOffset is the source offset where an inline node's text begins, or -1.
func firstInlineOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstInlineOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}
