package content

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/width"
)

// NewMarkdown returns the goldmark converter planportal renders with: CommonMark, GFM tables,
// strikethrough (~~text~~ only: a single ~ is a range, 2~3个), autolinks, and the CJK
// extension, so that a soft line break between two Chinese characters does not become a space.
// Raw HTML is escaped (shown as text) unless unsafe.
func NewMarkdown(unsafe bool) goldmark.Markdown {
	var ropts []renderer.Option
	if unsafe {
		ropts = append(ropts, html.WithUnsafe())
	} else {
		ropts = append(ropts, renderer.WithNodeRenderers(util.Prioritized(escapeRawHTML{}, 100)))
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, doubleTildeStrikethrough{}, extension.Linkify,
			extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksSimple))),
		goldmark.WithRendererOptions(ropts...),
	)
}

// escapeRawHTML renders raw HTML, inline and block, as escaped text: nothing an author wrote is
// dropped, and nothing of it runs in a reader's browser.
type escapeRawHTML struct{}

func (escapeRawHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				s := segs.At(i)
				template.HTMLEscape(w, s.Value(src))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	r.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			b := n.(*ast.HTMLBlock)
			_, _ = w.WriteString("<p>")
			var buf bytes.Buffer
			for i := 0; i < b.Lines().Len(); i++ {
				s := b.Lines().At(i)
				buf.Write(s.Value(src))
			}
			if b.HasClosure() {
				buf.Write(b.ClosureLine.Value(src))
			}
			template.HTMLEscape(w, bytes.TrimRight(buf.Bytes(), "\n"))
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}

// builder turns a goldmark AST into a document's parts, sections and items.
type builder struct {
	src      []byte
	md       goldmark.Markdown
	lineAt   func(offset int) int
	doc      *Document
	part     *Part
	l1       *Section // current level-1 section
	sec      *Section // innermost current section
	lastItem *Item    // last top-level item, for sub-items
	// passages are the items, paragraphs and headings a {themes: …} directive can end.
	passages []passage
	// warn reports a problem that does not stop the document (an unclosed note).
	warn func(line int, field, msg string)
	// notes is the loader's one copy of each note's content (nil: none shared).
	notes *noteTable
	// scratch is the builder's buffers, taken from scratchPool and given back when the
	// document is built: nothing kept may point into them.
	*scratch
}

// scratch is the buffers a builder reads and writes text in, reused from document to
// document (scratchPool): made for each document, with their growth, they were an eighth
// of what loading allocated (issue 16).
type scratch struct {
	// html is what render writes, through out: goldmark wraps a writer that is not buffered
	// in a new 4 KB bufio.Writer at every call, a fifth of what loading allocated.
	html bytes.Buffer
	out  *bufio.Writer
	// text is plainText's buffer, reused from node to node: only the text kept is allocated.
	text []byte
	// raw is blockSource's buffer, where a block's lines are joined to find its note.
	raw []byte
}

var scratchPool = sync.Pool{New: func() any {
	s := &scratch{}
	s.out = bufio.NewWriter(&s.html)
	return s
}}

// passage records n's source lines as a place a directive can be attached.
func (b *builder) passage(n ast.Node, set func(*ThemeDirective)) {
	b.passages = append(b.passages, passage{start: b.line(n), end: b.lastLine(n), set: set})
}

// lastLine is the file line of the last source line of n or of its last descendant with lines.
func (b *builder) lastLine(n ast.Node) int {
	if off := lastOffset(n); off >= 0 {
		return b.lineAt(off)
	}
	return b.line(n)
}

func lastOffset(n ast.Node) int {
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if off := lastOffset(c); off >= 0 {
			return off
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		s := n.Lines().At(n.Lines().Len() - 1)
		return max(s.Start, s.Stop-1)
	}
	return -1
}

func (b *builder) build(root ast.Node) {
	b.part = b.doc.Main
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			b.heading(n)
		case *ast.Paragraph:
			b.paragraph(n)
		case *ast.List:
			if n.IsOrdered() {
				b.list(n)
			} else {
				b.plain(n)
			}
		default:
			b.plain(n)
		}
	}
	b.assignAnchors()
}

func (b *builder) heading(h *ast.Heading) {
	txt := b.plainText(h)
	line := b.line(h)
	if h.Level == 1 && strings.HasPrefix(txt, "附件") {
		b.part = &Part{Title: txt}
		b.doc.Annexes = append(b.doc.Annexes, b.part)
		b.l1, b.sec, b.lastItem = nil, nil, nil
		return
	}
	level := 1
	if h.Level >= 3 {
		level = 2
	}
	b.section(txt, level, line)
}

// section opens a section; the heading's own number decides its level where it has one.
func (b *builder) section(txt string, level, line int) {
	s := &Section{Heading: txt, Level: level, Line: line}
	m, ok := Recognise(txt)
	numbered := ok && m.Kind != ItemMarker
	if numbered {
		s.Level, s.Number = m.Level(), m.Value
	}
	if s.Level == 2 && b.l1 != nil && b.l1.Level == 1 {
		b.l1.Sections = append(b.l1.Sections, s)
	} else {
		s.Level = 1
		b.part.Sections = append(b.part.Sections, s)
		b.l1 = s
		if numbered && m.Kind == SubsectionMarker {
			s.Level = 2 // a （一） with no 一、 above it keeps its own level for anchors
		}
	}
	b.sec = s
	b.lastItem = nil
	b.passages = append(b.passages, passage{start: line, end: line, set: func(d *ThemeDirective) { s.Directive = mergeDirective(s.Directive, d) }})
}

func (b *builder) paragraph(p *ast.Paragraph) {
	m, ok := Recognise(firstLine(p, b.src))
	switch {
	case ok && m.Kind != ItemMarker && m.Heading && p.Lines().Len() == 1:
		// A short 一、… or （一）… paragraph on a line of its own is a heading.
		b.section(b.plainText(p), 1, b.line(p))
		return
	case !ok || m.Kind != ItemMarker:
		b.plain(p)
		return
	}
	note := b.cutNote(p)
	// The marker is kept; without a copy it would keep the whole source of the document alive
	// (firstLine reads it in place).
	marker := strings.Clone(m.Text)
	num := strconv.Itoa(m.Value)
	// The rendered paragraph, its <p> and marker removed, is read in render's buffer and made
	// a string only where it says more than the text (setHTML): most items are plain text.
	rest := bytes.TrimLeftFunc(bytes.TrimPrefix(bytes.TrimPrefix(b.renderBytes(p), []byte("<p>")), []byte(marker)), unicode.IsSpace)
	txt := string(bytes.TrimSpace(bytes.TrimPrefix(b.plainBytes(p), []byte(marker))))
	it := &Item{Marker: marker, Number: num, Line: int32(b.line(p)), Text: txt, Annotation: note}
	switch {
	case note != nil && !p.HasChildren():
		it.setHTML("") // the item was nothing but its note
	case isTextHTML3("<p>", rest, txt):
		it.fromText = true
	default:
		it.setHTML("<p>" + string(rest))
	}
	b.passage(p, func(d *ThemeDirective) { it.Directive = mergeDirective(it.Directive, d) })
	b.addItem(it, m.Parenthesised)
}

// addItem places an item: a parenthesised （1） right after a plain 1. item is its sub-item.
func (b *builder) addItem(it *Item, parenthesised bool) {
	if parenthesised && b.lastItem != nil && !isParenthesised(b.lastItem.Marker) {
		b.lastItem.Items = append(b.lastItem.Items, it)
		return
	}
	b.addBlock(&Block{Item: it})
	b.lastItem = it
}

func isParenthesised(marker string) bool {
	return strings.HasPrefix(marker, "（") || strings.HasPrefix(marker, "(")
}

// list turns an ordered Markdown list into items, reading each number as written.
func (b *builder) list(l *ast.List) {
	for li := l.FirstChild(); li != nil; li = li.NextSibling() {
		num, marker := b.listMarker(li, l.Start)
		note := b.listItemNote(li)
		var buf strings.Builder
		var txt strings.Builder
		var subs []*Item
		for c := li.FirstChild(); c != nil; c = c.NextSibling() {
			if sub, ok := c.(*ast.List); ok && sub.IsOrdered() {
				for sli := sub.FirstChild(); sli != nil; sli = sli.NextSibling() {
					snum, smarker := b.listMarker(sli, sub.Start)
					snote := b.cutNote(lastTextBlock(sli))
					si := &Item{Marker: smarker, Number: snum, Line: int32(b.line(sli)), Annotation: snote,
						Text: b.plainText(sli)}
					si.setHTML(b.renderChildren(sli))
					b.passage(sli, func(d *ThemeDirective) { si.Directive = mergeDirective(si.Directive, d) })
					subs = append(subs, si)
				}
				continue
			}
			buf.WriteString(b.renderBlock(c))
			if txt.Len() > 0 {
				txt.WriteByte(' ')
			}
			txt.Write(b.plainBytes(c))
		}
		it := &Item{Marker: marker, Number: num, Line: int32(b.line(li)), Text: txt.String(), Items: subs, Annotation: note}
		it.setHTML(buf.String())
		b.passage(li, func(d *ThemeDirective) { it.Directive = mergeDirective(it.Directive, d) })
		b.addBlock(&Block{Item: it})
		b.lastItem = it
	}
}

// listMarker reads a list item's number from the source line ("67. …" gives 67), falling back
// to its position when the source cannot be read.
func (b *builder) listMarker(li ast.Node, start int) (num, marker string) {
	off := firstOffset(li)
	if off >= 0 {
		ls := bytes.LastIndexByte(b.src[:off], '\n') + 1
		prefix := strings.TrimSpace(string(b.src[ls:off]))
		if m := listMarkerRE.FindStringSubmatch(prefix); m != nil {
			n := strings.TrimLeft(m[1], "0")
			if n == "" {
				n = "0"
			}
			return n, m[1] + m[2]
		}
	}
	i := start
	for p := li.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		i++
	}
	return strconv.Itoa(i), strconv.Itoa(i) + "."
}

func (b *builder) renderChildren(n ast.Node) string {
	var buf strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		buf.WriteString(b.renderBlock(c))
	}
	return buf.String()
}

// renderBlock renders a list item's child; a tight list's text block gets its own <p>.
func (b *builder) renderBlock(n ast.Node) string {
	h := b.render(n)
	if _, ok := n.(*ast.TextBlock); ok {
		return "<p>" + strings.TrimSpace(h) + "</p>\n"
	}
	return h
}

func (b *builder) plain(n ast.Node) {
	var note *Annotation
	if _, ok := n.(*ast.Paragraph); ok {
		note = b.cutNote(n)
		if note != nil && !n.HasChildren() && b.attachNote(note) {
			return // a paragraph that is only a note belongs to the item or section above
		}
	}
	bl := &Block{HTML: template.HTML(b.render(n)), Annotation: note}
	if note != nil && !n.HasChildren() {
		bl.HTML = "" // the paragraph was nothing but its note
	}
	if _, ok := n.(*ast.Paragraph); ok {
		// A paragraph is a passage: it gets an anchor (assignAnchors) and can be tagged.
		bl.Line = b.line(n)
		b.passage(n, func(d *ThemeDirective) { bl.Directive = mergeDirective(bl.Directive, d) })
	}
	b.addBlock(bl)
	b.lastItem = nil
}

// attachNote gives a paragraph that is nothing but a note to the item just before it, or to
// the section it opens (牵头负责人：… under 行动一：…), when that has no note yet.
func (b *builder) attachNote(a *Annotation) bool {
	switch {
	case b.lastItem != nil && b.lastItem.Annotation == nil:
		b.lastItem.Annotation = a
		return true
	case b.lastItem == nil && b.sec != nil && len(b.sec.Blocks) == 0 && b.sec.Annotation == nil:
		b.sec.Annotation = a
		return true
	}
	return false
}

// listItemNote cuts the notes of a list item's paragraphs (not those of a nested list): a
// note may end any of them; several are read as one.
func (b *builder) listItemNote(li ast.Node) *Annotation {
	var note *Annotation
	for c := li.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			a := b.cutNote(c)
			switch {
			case a == nil:
			case note == nil:
				note = a
			default:
				merged, _ := ParseAnnotation(pairsText(append(append([]AnnotationPair{}, note.Pairs...), a.Pairs...)))
				merged.Line, merged.Unclosed = note.Line, note.Unclosed || a.Unclosed
				b.notes.share(&merged)
				note = &merged
			}
		}
	}
	return note
}

// lastTextBlock is the paragraph (or tight list's text block) a list item's text ends with,
// not counting a nested list; nil when it has none.
func lastTextBlock(li ast.Node) ast.Node {
	for c := li.LastChild(); c != nil; c = c.PreviousSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			return c
		case *ast.List:
			continue
		}
		return nil
	}
	return nil
}

func (b *builder) addBlock(bl *Block) {
	if b.sec != nil {
		b.sec.Blocks = append(b.sec.Blocks, bl)
	} else {
		b.part.Blocks = append(b.part.Blocks, bl)
	}
}

func (b *builder) render(n ast.Node) string { return string(b.renderBytes(n)) }

// renderBytes is render's HTML in the builder's buffer, valid until the next render.
func (b *builder) renderBytes(n ast.Node) []byte {
	b.html.Reset()
	if err := b.md.Renderer().Render(b.out, b.src, n); err != nil {
		b.out.Reset(&b.html) // drop what the failed render left in the buffer
		b.html.Reset()
		template.HTMLEscape(&b.html, b.plainBytes(n))
	}
	return b.html.Bytes()
}

func (b *builder) line(n ast.Node) int {
	off := firstOffset(n)
	if off < 0 {
		// A node without text (an empty list item "1."): goldmark's position of its marker.
		off = max(n.Pos(), 0)
	}
	return b.lineAt(off)
}

// assignAnchors gives every section and item its id, derived only from its own numbering and
// that of its enclosing section, so that editing other text never changes it.
func (b *builder) assignAnchors() {
	used := map[string]int{}
	unique := func(id string) string {
		used[id]++
		if n := used[id]; n > 1 {
			// The suffixed id may already be taken by another element (s1-2 is both the
			// second 一、 and the （二） of the first; s1-i1-2 both a repeated item 1 and
			// sub-item （2） of the first): take the next free suffix.
			for used[fmt.Sprintf("%s-%d", id, n)] > 0 {
				n++
			}
			id = fmt.Sprintf("%s-%d", id, n)
			used[id]++
		}
		return id
	}
	var items func(prefix string, list []*Item)
	items = func(prefix string, list []*Item) {
		for _, it := range list {
			it.Anchor = unique(prefix + "i" + it.Number)
			for _, sub := range it.Items {
				sub.Anchor = unique(it.Anchor + "-" + sub.Number)
			}
		}
	}
	blocks := func(prefix string, bl []*Block) {
		var list []*Item
		paras := 0
		for _, x := range bl {
			switch {
			case x.Item != nil:
				list = append(list, x.Item)
			case x.Line > 0:
				paras++
				x.Anchor = unique(prefix + "p" + strconv.Itoa(paras))
				if h := string(x.HTML); strings.HasPrefix(h, "<p>") {
					x.HTML = template.HTML(`<p id="` + x.Anchor + `">` + h[len("<p>"):])
				}
			}
		}
		items(prefix, list)
	}
	for pi, p := range b.doc.Parts() {
		prefix := ""
		if pi > 0 {
			p.Anchor = unique(fmt.Sprintf("a%d", pi))
			prefix = p.Anchor + "-"
		}
		blocks(prefix, p.Blocks)
		for si, s := range p.Sections {
			s.Anchor = unique(prefix + sectionID(s, si))
			blocks(s.Anchor+"-", s.Blocks)
			for ci, c := range s.Sections {
				c.Anchor = unique(s.Anchor + "-" + subsectionID(c, ci))
				blocks(c.Anchor+"-", c.Blocks)
			}
		}
	}
}

func sectionID(s *Section, pos int) string {
	switch {
	case s.Number > 0 && s.Level == 1:
		return "s" + strconv.Itoa(s.Number)
	case s.Number > 0:
		return "ss" + strconv.Itoa(s.Number)
	}
	return "h" + strconv.Itoa(pos+1)
}

func subsectionID(s *Section, pos int) string {
	if s.Number > 0 {
		return strconv.Itoa(s.Number)
	}
	return "h" + strconv.Itoa(pos+1)
}

// firstLine is n's first source line, trimmed, read in place (srcView): what is kept of it
// (the marker Recognise finds) is cloned.
func firstLine(n ast.Node, src []byte) string {
	if n.Lines().Len() == 0 {
		return ""
	}
	s := n.Lines().At(0)
	return strings.TrimSpace(srcView(s.Value(src)))
}

// srcView is b as a string without a copy, to be read while the document is parsed: a
// document's source, and the builder's buffers while they are read, are not written. No
// string made from a view may be kept, or written into what is kept: it would hold the
// whole source alive, or change when a buffer is reused. What is kept is cloned.
func srcView(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// firstOffset is the source offset of the first line of n or of its first descendant with lines.
func firstOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// plainText returns the text of n without markup, soft line breaks between Han characters
// joined without a space, each run of white space made one space and none at either end. It
// is kept as long as its document, so it is a string of its own, made once.
func (b *builder) plainText(n ast.Node) string { return string(b.plainBytes(n)) }

// plainBytes is plainText in the builder's buffer, valid until the next call: the text is
// written and its white space collapsed in the one buffer, reused from node to node, so that
// what a caller keeps is the only copy made (a Builder grown by doubling, then a collapsed
// copy, then a string of it were 590 MB per load of 2,000 plans; issue 16).
func (b *builder) plainBytes(n ast.Node) []byte {
	buf, src := b.text[:0], b.src
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock && c != n && len(buf) > 0 {
				buf = append(buf, ' ')
			}
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			buf = append(buf, t.Segment.Value(src)...)
			if (t.SoftLineBreak() || t.HardLineBreak()) && lineBreakIsSpace(src, t) {
				buf = append(buf, ' ')
			}
		case *ast.String:
			buf = append(buf, t.Value...)
		case *ast.RawHTML:
			for i := 0; i < t.Segments.Len(); i++ {
				s := t.Segments.At(i)
				buf = append(buf, s.Value(src)...)
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			for i := 0; i < c.Lines().Len(); i++ {
				s := c.Lines().At(i)
				buf = append(buf, s.Value(src)...)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	b.text = buf
	return collapseSpace(buf)
}

// collapseSpace makes each run of white space in b one space and leaves none at either end,
// in place (what it writes never passes what it has read): strings.Join(strings.Fields(s),
// " ") in one pass and no copy (Fields and Join were half of plainText's time at 5,000 plans;
// issue 16). Only a character that can be white space is decoded: an ASCII byte is looked up,
// and outside ASCII only what begins with the bytes that begin white space (spaceLead); any
// other byte, Han and the rest, is kept as it is, without decoding. What is kept is moved a
// run at a time, not a character at a time (a copy per character was a fifth of loading's
// time in plainBytes at 5,000 plans).
func collapseSpace(b []byte) []byte {
	n := 0
	for i := 0; i < len(b); {
		if j := spaceAt(b, i, false); j > i { // text from i to j: kept, moved back to n
			if n != i {
				copy(b[n:], b[i:j])
			}
			n += j - i
			i = j
		}
		if k := spaceAt(b, i, true); k > i { // white space from i to k: one space, between texts
			if n > 0 && k < len(b) {
				b[n] = ' '
				n++
			}
			i = k
		}
	}
	return b[:n]
}

// spaceAt is where the run of characters from i that are white space (space set) or are not
// (space unset) ends in b.
func spaceAt(b []byte, i int, space bool) int {
	for i < len(b) {
		c, w, isSpace := b[i], 1, false
		switch {
		case c < utf8.RuneSelf:
			isSpace = asciiSpace[c]
		case spaceLead(c):
			var r rune
			r, w = utf8.DecodeRune(b[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace != space {
			return i
		}
		i += w
	}
	return i
}

// asciiSpace is unicode.IsSpace of the ASCII characters.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spaceLead reports whether c begins, in UTF-8, one of the white space characters outside
// ASCII: U+0085 and U+00A0 (C2), U+1680 (E1), U+2000–U+200A, U+2028, U+2029, U+202F and
// U+205F (E2), U+3000 (E3). A byte that begins a character, or a byte that is not UTF-8,
// is one that the decoding in collapseSpace steps to, so no white space is passed over.
func spaceLead(c byte) bool { return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 }

// lineBreakIsSpace reports whether the line break after t stands for a space: not where it
// falls between two Han characters or Chinese punctuation.
func lineBreakIsSpace(src []byte, t *ast.Text) bool {
	before, _ := utf8.DecodeLastRune(t.Segment.Value(src))
	var after rune
	if nx, ok := t.NextSibling().(*ast.Text); ok {
		after, _ = utf8.DecodeRune(nx.Segment.Value(src))
	}
	return !(isWide(before) && (after == 0 || isWide(after)))
}

func isWide(r rune) bool {
	if unicode.Is(unicode.Han, r) {
		return true
	}
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

// ChineseNumber converts 一 … 九十九 (and 百) to an int; 0 if it is not one.
func ChineseNumber(s string) int {
	total, cur := 0, 0
	for _, r := range s {
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		case '百':
			if cur == 0 {
				cur = 1
			}
			total += cur * 100
			cur = 0
		default:
			d := chineseDigit(r)
			if d < 0 {
				return 0
			}
			cur = d
		}
	}
	return total + cur
}

// chineseDigit is the value of 〇 (零) … 九, or -1. A switch, not a map: a map literal in
// ChineseNumber was made anew at every call, 21 MB per load of 2,000 plans (issue 16).
func chineseDigit(r rune) int {
	switch r {
	case '零', '〇':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// lineIndex returns a function mapping a byte offset in body to a file line.
func lineIndex(body []byte, firstLine int) func(int) int {
	var nl []int
	for i, c := range body {
		if c == '\n' {
			nl = append(nl, i)
		}
	}
	return func(off int) int {
		return firstLine + sort.SearchInts(nl, off)
	}
}
