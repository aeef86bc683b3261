// Package importer turns the raw text of a work plan, as it comes from a PDF, a Word file or a
// disclosure web page, into a planportal Markdown document with front matter: it detects the
// encoding, strips page chrome and page-break fragments, joins lines broken by extraction,
// recognises sections, items and annexes, and prefills the front matter from what the text
// states. Everything here is a pure function of the input; the planportal import command
// reads and writes the files.
package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/content"
)

// Options configure an import.
type Options struct {
	// Source is written to the front matter's source field (the original file or URL).
	Source string
	// Path is where the document will live, relative to the site (content/plans/x.md); the
	// result is loaded under this name to check it and count its structure.
	Path string
	// Today is the date (YYYY-MM-DD) a missing 发布日期 is filled with as a placeholder.
	Today string
}

// Result is an imported document and what the import found.
type Result struct {
	Markdown []byte
	Report   Report
}

// Report describes what an import detected.
type Report struct {
	Encoding string
	// Found are the front matter fields the text stated, in front matter order.
	Found []Field
	// Missing are the required fields the text did not state; they hold placeholders marked
	// "# TODO" and the document is a draft until they are filled in.
	Missing []string
	// Doubts are fields found but to be checked (an abbreviated agency name).
	Doubts []string
	// Structure as the content loader sees the result.
	Sections, Subsections, Items, Annexes int
	// Cleaning: lines removed as page chrome, metadata lines read into the front matter,
	// page-break fragments removed, line breaks joined.
	Chrome, Metadata, PageBreaks, Joined int
	// Notes are decisions worth a look, with the source line they concern.
	Notes []string
	// Problems are what the content loader reported about the result (should be none).
	Problems []string
}

// Field is a front matter field the import filled in, and where it found the value.
type Field struct {
	Key, Value, From string
}

// Import converts raw text (in any supported encoding) into a Markdown document.
func Import(src []byte, opt Options) (*Result, error) {
	text, enc, err := Decode(src)
	if err != nil {
		return nil, err
	}
	rep := Report{Encoding: enc}
	lines := splitLines(normalizeText(text))
	if len(lines) == 0 {
		return nil, errEmpty
	}

	// 1. Page chrome, page-break fragments and the metadata block.
	meta := map[string]string{}
	firstStruct := len(lines)
	for i, l := range lines {
		if _, ok := content.Recognise(l.text); ok {
			firstStruct = i
			break
		}
	}
	var kept []line
	headline := 0 // the source line of the last line kept before the metadata block
	top := true   // nothing but column names (计划总结) kept so far
	dropTop := func() {
		if top {
			rep.Chrome += len(kept)
			kept = kept[:0]
		}
	}
	for i, l := range lines {
		l.text = tidyLine(l.text)
		if l.text == "" {
			continue
		}
		// A metadata line first: 发布日期: … 浏览次数: is metadata, not chrome.
		if kv, ok := parseMetaLine(l.text, i < firstStruct); ok {
			rep.Metadata++
			for k, v := range kv {
				if _, dup := meta[k]; !dup {
					meta[k] = v
				}
			}
			dropTop()
			if len(kept) > 0 && headline == 0 {
				headline = kept[len(kept)-1].no
			}
			top = false
			continue
		}
		switch {
		case isChrome(l.text):
			rep.Chrome++
			// A breadcrumb's last element often stands alone just above it (计划总结), and
			// column names above a breadcrumb are chrome too.
			if breadcrumbRE.MatchString(l.text) && len(kept) > 0 && kept[len(kept)-1].text == breadcrumbLeaf(l.text) {
				kept = kept[:len(kept)-1]
				rep.Chrome++
			}
			if isBreadcrumb(l.text) {
				dropTop()
			}
			continue
		case isPageFragment(l.text):
			rep.PageBreaks++
			continue
		}
		top = top && columnRE.MatchString(l.text)
		kept = append(kept, l)
	}

	// 2. Paragraphs.
	a := &assembler{width: lineWidth(kept)}
	for _, l := range kept {
		for _, p := range classify(l) {
			a.add(p)
		}
	}
	rep.Joined = a.joined
	rep.Notes = append(rep.Notes, a.notes...)
	paras := a.paras
	for _, p := range paras {
		if strings.Count(p.text, "**")%2 == 1 {
			i := strings.LastIndex(p.text, "**")
			p.text = p.text[:i] + p.text[i+2:]
			rep.Notes = append(rep.Notes, fmt.Sprintf("line %d: removed an unpaired ** bold marker", p.no))
		}
		p.text = tidySpaces(p.text)
	}
	// 3. The title goes to the front matter and out of the body.
	title, tp := findTitle(paras, meta, headline)
	if tp != nil {
		tp.kind = kTitle
	}
	rep.Notes = append(rep.Notes, restoreSectionNumbers(paras)...)

	// 4. Front matter.
	fm := detectMeta(paras, meta, title, opt)
	rep.Found, rep.Missing, rep.Doubts = fm.found, fm.missing, fm.doubts

	// 5. Markdown.
	var b strings.Builder
	b.WriteString(fm.toml)
	notes := writeBody(&b, paras)
	rep.Notes = append(rep.Notes, notes...)
	md := []byte(b.String())

	// 6. Load the result as the build will, to count its structure and catch any mistake.
	path := opt.Path
	if path == "" {
		path = "content/plans/imported.md"
	}
	doc, diags := content.NewLoader(content.Options{}).Parse(path, md)
	for _, d := range diags {
		if !d.Warning {
			rep.Problems = append(rep.Problems, d.Error())
		}
	}
	if doc != nil && doc.Main != nil {
		for _, p := range doc.Parts() {
			for _, s := range p.Sections {
				rep.Sections++
				rep.Subsections += len(s.Sections)
			}
		}
		rep.Annexes = len(doc.Annexes)
		rep.Items = len(doc.AllItems())
		rep.Notes = append(rep.Notes, numberingNotes(doc)...)
	}
	return &Result{Markdown: md, Report: rep}, nil
}

var (
	titleEndRE = regexp.MustCompile(`(?:要点|计划|规划|方案|通知|意见|办法|细则|报告|决定|总结|安排|纲要|通报|公告|批复|纪要|指南|规定|条例|清单|任务|要點|計劃|計畫|規劃|意見|辦法|細則|報告|決定|總結|綱要|通報|批覆|紀要|規定|條例|清單|任務)$`)
	// rangeEndRE is a period of years closing a title: 三年行动计划(2023—2025年).
	rangeEndRE = regexp.MustCompile(`\s*[（(][0-9]{4}\s*[—–\-－~～至]+\s*[0-9]{4}\s*年?[）)]$`)
	yearRE     = regexp.MustCompile(`^[0-9]{4}\s*年`)
	quotedRE   = regexp.MustCompile(`《([^》]+)》`)
	// issuedRE reads the document a cover notice issues: …关于印发<title>的通知.
	issuedRE = regexp.MustCompile(`关于印发\s*(.+?)\s*的通知$`)
	// andRE joins the titles of documents a notice issues together.
	andRE = regexp.MustCompile(`和|及|以及`)
)

// titleLike: a line that can be a title: short, no sentence punctuation, ending as titles
// end (要点, 计划 …, a period of years after them allowed).
func titleLike(s string) bool {
	return runeLen(s) <= 60 && !strings.ContainsAny(s, "，。；,;：:") && titleEndRE.MatchString(rangeEndRE.ReplaceAllString(s, ""))
}

// findTitle picks the document's title among the paragraphs before its first section or item:
// the 名称/标题 of the metadata block; a cover notice that issues several documents; the plan a
// 关于印发《…》的通知 cover notice issues, where the plan's own title line follows; a line
// that starts with a year (not a notice); the first title-like line; or else the page's
// headline (the line above the metadata block, source line headline). A notice title broken
// over two lines (…关于印发 / 2023年…的通知) is joined first. It returns the title (spaces
// between digits and Han removed) and its paragraph (nil when the title is not a paragraph of
// the body).
func findTitle(paras []*para, meta map[string]string, headline int) (string, *para) {
	var cands, orig []*para // the candidates (bold markers removed) and their paragraphs
	var notices []string
	var head *para
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		if p.kind == kSec1 || p.kind == kSec2 || p.kind == kItem || p.kind == kAnnexBare || p.kind == kAnnexInline {
			break
		}
		if p.no == headline && p.kind == kProse {
			head = p
		}
		s := p.text
		if p.kind == kBold {
			s = boldLineRE.FindStringSubmatch(s)[1]
		}
		// …关于印发 + 2023年全市卫生健康工作要点的通知: one title.
		if i+1 < len(paras) && p.kind == kProse && strings.Contains(s, "关于") && !strings.HasSuffix(s, "通知") &&
			paras[i+1].kind == kProse && strings.HasSuffix(paras[i+1].text, "的通知") && titleLike(s+paras[i+1].text) {
			p.text = tidySpaces(s + paras[i+1].text)
			paras[i+1].kind = kTitle // joined into p, out of the body
			s = p.text
		}
		if (p.kind != kProse && p.kind != kBold) || !titleLike(s) {
			continue
		}
		if strings.Contains(s, "关于") && strings.HasSuffix(s, "通知") {
			notices = append(notices, s)
		}
		cands = append(cands, &para{no: p.no, text: s, kind: p.kind})
		orig = append(orig, p)
	}
	find := func(t string) int {
		for i, c := range cands {
			if squeeze(rangeEndRE.ReplaceAllString(c.text, "")) == squeeze(rangeEndRE.ReplaceAllString(t, "")) {
				return i
			}
		}
		return -1
	}
	for _, k := range content.FieldByKey("title").Labels {
		if v := meta[k]; v != "" {
			if i := find(v); i >= 0 {
				return tidyTitle(v), orig[i]
			}
			return tidyTitle(v), nil
		}
	}
	for _, n := range notices {
		issued := ""
		if m := issuedRE.FindStringSubmatch(n); m != nil {
			issued = m[1]
		}
		// A notice that issues two documents (…工作总结和2017年…工作要点的通知) is the title itself.
		if parts := andRE.Split(issued, -1); len(parts) >= 2 && !strings.Contains(issued, "《") {
			all := true
			for _, p := range parts {
				all = all && titleLike(p)
			}
			if all {
				return tidyTitle(n), orig[find(n)]
			}
		}
		if m := quotedRE.FindStringSubmatch(n); m != nil {
			issued = m[1]
		}
		if i := find(issued); issued != "" && i >= 0 && cands[i].text != n {
			return tidyTitle(cands[i].text), orig[i]
		}
	}
	for i, c := range cands {
		if yearRE.MatchString(c.text) && !strings.HasSuffix(c.text, "通知") {
			return tidyTitle(c.text), orig[i]
		}
	}
	if len(cands) > 0 {
		return tidyTitle(cands[0].text), orig[0]
	}
	if head != nil && runeLen(head.text) <= 100 {
		return tidyTitle(head.text), head
	}
	return "", nil
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

var (
	spaceDigitHanRE = regexp.MustCompile(`([0-9])\s+(\p{Han})`)
	spaceHanDigitRE = regexp.MustCompile(`(\p{Han})\s+([0-9])`)
)

// tidyTitle removes the spaces PDF extraction puts between digits and Han (2025 年) and next to
// full-width punctuation.
func tidyTitle(s string) string {
	s = spaceDigitHanRE.ReplaceAllString(s, "$1$2")
	s = spaceHanDigitRE.ReplaceAllString(s, "$1$2")
	return tidySpaces(s)
}

// tidySpaces removes white space next to full-width punctuation (》 的通知), which carries its
// own spacing, and collapses runs of white space.
func tidySpaces(s string) string {
	var b strings.Builder
	rs := []rune(strings.Join(strings.Fields(s), " "))
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && (isFullPunct(rs[i-1]) || isFullPunct(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isFullPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF0F) || (r >= 0xFF1A && r <= 0xFF20) ||
		(r >= 0xFF3B && r <= 0xFF40) || (r >= 0xFF5B && r <= 0xFF65) || r == '“' || r == '”' || r == '‘' || r == '’'
}

// restoreSectionNumbers gives a lost section number back: a short unnumbered heading line
// directly followed by items, where the numbered sections around it skip exactly one number
// (a heading between nothing and 二、 is 一、), becomes that section.
func restoreSectionNumbers(paras []*para) []string {
	var notes []string
	prev := 0
	for i, p := range paras {
		if p.kind == kSec1 {
			prev = p.num
			continue
		}
		if p.kind == kAnnexBare || p.kind == kAnnexInline {
			prev = 0
		}
		if p.kind != kProse || i+1 >= len(paras) || paras[i+1].kind != kItem || !headingLike(p.text) {
			continue
		}
		next := 0
		for _, q := range paras[i+1:] {
			if q.kind == kSec1 {
				next = q.num
				break
			}
			if q.kind == kAnnexBare {
				break
			}
		}
		if next == prev+2 {
			n := prev + 1
			p.kind, p.num = kSec1, n
			p.text = chineseNumeral(n) + "、" + p.text
			prev = n
			notes = append(notes, fmt.Sprintf("line %d: restored the lost section number: %s", p.no, p.text))
		}
	}
	return notes
}

// headingLike: a short line without a sentence in it and not ending in punctuation.
func headingLike(s string) bool {
	if runeLen(s) > 40 || strings.ContainsAny(s, "。；;：:") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return !isSentenceEnd(r) && !strings.ContainsRune("，、,", r)
}

// numberingNotes points out gaps and repeats in the item numbering (18 then 22, 67 twice),
// which the import keeps as the source has them but an officer should know about.
func numberingNotes(doc *content.Document) []string {
	var notes []string
	prev := 0
	doc.Walk(func(_ *content.Part, _ *content.Section, b *content.Block) {
		if b.Item == nil || strings.HasPrefix(b.Item.Marker, "（") || strings.HasPrefix(b.Item.Marker, "(") {
			return
		}
		n, err := strconv.Atoi(b.Item.Number)
		if err != nil {
			return
		}
		switch {
		case prev > 0 && n == prev:
			notes = append(notes, fmt.Sprintf("item %d appears twice, as in the source", n))
		case prev > 0 && n > prev+1:
			notes = append(notes, fmt.Sprintf("item numbers jump from %d to %d, as in the source", prev, n))
		}
		prev = n
	})
	return notes
}
