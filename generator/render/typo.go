package render

import (
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/site"
)

// Full-width punctuation: sources mix half-width ,;:!?() into Chinese sentences (湖州, 新城区,
// the provincial reports), which look cramped between Han characters. The page shows the
// full-width forms there; the Markdown, the search index and the data keep the text as written.
// Numbers (1,000; 8:30), Latin text and URLs are left as they are.

// fullWidth maps the half-width marks that are set full-width inside Chinese text.
var fullWidth = map[rune]rune{',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）'}

// chinese reports whether r belongs to Chinese text: a Han character, CJK punctuation, a
// full-width form, or the curly quotes Chinese text uses.
func chinese(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

// zhText sets the half-width punctuation of plain text full-width where it stands in Chinese
// text: a , ; : ! or ? after a Chinese character and before a Chinese character, a digit or
// the end of the text (a sentence cut for a snippet), or after a number and before a Chinese
// character (达到50%;区级), and
// a pair of parentheses next to Chinese text or around it.
//
// It works on the text's bytes: the marks are ASCII, never part of a longer character, and
// what lies between them is copied as it is, where the text was decoded to runes and the
// runes encoded back (a twelfth of the template execution's CPU at 2,000 plans). A byte that
// is not UTF-8 reads as U+FFFD, as a rune of the text did, and is written as U+FFFD in a text
// that changes (zhValid).
func zhText(s string) string {
	i := halfWidthAt(s)
	if i < 0 {
		return s
	}
	buf := scratch()
	out, changed := zhTextTo(*buf, s, i)
	defer func() { release(buf, out) }()
	if !changed {
		return s // nothing set full-width: the text as it came, not a copy
	}
	return zhValid(out)
}

// appendZhText appends zhText(s) to b, set in b's own memory: no string made for it (a
// theme entry's, a heading's, a paragraph's text is written on into the page at once).
func appendZhText(b []byte, s string) []byte {
	i := halfWidthAt(s)
	if i < 0 {
		return append(b, s...)
	}
	start := len(b)
	b, changed := zhTextTo(b, s, i)
	if changed && !utf8.Valid(b[start:]) {
		// zhValid's U+FFFD for each byte that is not UTF-8: rare, so a copy is fine here.
		return append(b[:start], string([]rune(string(b[start:])))...)
	}
	return b
}

// zhTextTo appends to out the text zhText sets from s, whose first mark is at i, and reports
// whether it set any: when it did not, what it appended is s. It reads back only what it
// appended (out[len(out):] at the call), never what out held before.
func zhTextTo(out []byte, s string, i int) ([]byte, bool) {
	start := len(out)
	out = append(out, s[:i]...)
	changed := false
	var closing map[int]bool // the ) of a pair set full-width; made at the first
	for ; i < len(s); i++ {
		c := s[i]
		if !halfWidth[c] {
			// Up to the next mark, as it is.
			j := halfWidthAt(s[i:])
			if j < 0 {
				out = append(out, s[i:]...)
				break
			}
			out = append(out, s[i:i+j]...)
			i += j
			c = s[i]
		}
		switch c {
		case ',', ';', ':', '!', '?':
			next := nextRune(s[i+1:])
			// prev is read from what is already set, so that a ) just set full-width
			// counts as Chinese: 要点),统筹 → 要点），统筹.
			prev := lastRuneOf(out[start:])
			if chinese(prev) && (next == 0 || chinese(next) || unicode.IsDigit(next)) ||
				(unicode.IsDigit(prev) || prev == '%') && chinese(next) {
				for len(out) > start && out[len(out)-1] == ' ' {
					out = out[:len(out)-1]
				}
				out = utf8.AppendRune(out, fullWidth[rune(c)])
				for i+1 < len(s) && s[i+1] == ' ' {
					i++
				}
				changed = true
				continue
			}
		case '(':
			if j := matchParen(s, i); j > 0 && (chinese(lastRune(s[:i])) || containsChinese(s[i+1:j]) || chinese(nextRune(s[j+1:]))) {
				out = append(out, "（"...)
				if closing == nil {
					closing = map[int]bool{}
				}
				closing[j] = true
				changed = true
				continue
			}
		case ')':
			if closing[i] {
				out = append(out, "）"...)
				continue
			}
		}
		out = append(out, c)
	}
	return out, changed
}

// zhValid is the text zhText set, with each byte of it that is not UTF-8 written as U+FFFD:
// the text's runes, as zhText made it when it worked on them. Only the marks and spaces of the
// text were changed, into whole characters, so its other bytes read as they did in the text.
func zhValid(out []byte) string {
	if utf8.Valid(out) {
		return string(out)
	}
	return string([]rune(string(out)))
}

// halfWidth are the bytes of the marks zhText may set full-width (sentenceMarks, parenMarks).
var halfWidth = func() (set [256]bool) {
	for _, c := range []byte(sentenceMarks + parenMarks) {
		set[c] = true
	}
	return set
}()

// halfWidthAt is the index of the first mark zhText may set full-width in s, or -1. The marks
// are ASCII, and Chinese text is mostly bytes that are not (each byte of a Han character or a
// full-width mark is 0x80 or above): eight bytes that all are are passed over at once, read as
// one word, where each byte was looked up (a fifteenth of the render's own CPU time at 2,000
// plans, as every text shown goes through it).
func halfWidthAt(s string) int {
	const high = 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&high == high {
			continue
		}
		for j := i; j < i+8; j++ {
			if halfWidth[s[j]] {
				return j
			}
		}
	}
	for ; i < len(s); i++ {
		if halfWidth[s[i]] {
			return i
		}
	}
	return -1
}

// nextRune is the first rune of s that is not a gap, or 0.
func nextRune(s string) rune {
	for _, r := range s {
		if !gap(r) {
			return r
		}
	}
	return 0
}

// lastRune is the last rune of s that is not a gap, or 0.
func lastRune(s string) rune {
	for i := len(s); i > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !gap(r) {
			return r
		}
		i -= n
	}
	return 0
}

// lastRuneOf is lastRune of the text zhText has set so far.
func lastRuneOf(b []byte) rune {
	for i := len(b); i > 0; {
		r, n := utf8.DecodeLastRune(b[:i])
		if !gap(r) {
			return r
		}
		i -= n
	}
	return 0
}

// The half-width marks zhText may set full-width: a sentence's, each by its neighbours, and
// parentheses, in pairs.
const (
	sentenceMarks = ",;:!?"
	parenMarks    = "()"
)

// hasHalfWidth is whether s holds a mark zhText may set full-width.
func hasHalfWidth(s string) bool { return halfWidthAt(s) >= 0 }

// gap reports whether zhText looks past r for a mark's neighbours: a space, or the join of
// two parts (partSep).
func gap(r rune) bool { return r == ' ' || r == partSep }

// partSep joins the parts of one text that a page shows apart (zhParts).
const partSep = '\x00'

// zhParts is zhText on parts of one text shown apart (a sentence and the phrase marked in
// it): each part's punctuation is judged by its neighbours in the others.
func zhParts(parts ...string) []string {
	if !slices.ContainsFunc(parts, hasHalfWidth) {
		return parts // nothing to set: no join, no split
	}
	return strings.Split(zhText(strings.Join(parts, string(partSep))), string(partSep))
}

// marked is a theme entry's text as its page shows it: the phrase marked and the text either
// side of it, set as in the whole passage (zhMark).
type marked struct{ Before, Phrase, After string }

// zhMark is zhParts on a theme entry: its Before, Phrase and After, judged with the passage's
// text left out on either side (Lead, Tail). One call where {{$z := zhParts .Lead .Before
// .Phrase .After .Tail}} and {{index $z 1}}… were four: a theme page lists about 100 entries.
func zhMark(e site.Entry) marked {
	sp := scratch()
	before, phrase, after, buf := zhMarkTo(*sp, &e)
	m := marked{Before: before, Phrase: phrase, After: after}
	if len(buf) > 0 { // the parts are read from buf: copied before it is reused
		m = marked{Before: strings.Clone(before), Phrase: strings.Clone(phrase), After: strings.Clone(after)}
	}
	release(sp, buf)
	return m
}

// zhMarkTo is zhMark's parts, made in buf (a scratch buffer, returned grown: the parts are
// read from it, and only until it is released) where zhText sets anything in them; else the
// entry's own, buf returned empty. A theme page writes each on into itself (appendEntry).
func zhMarkTo(buf []byte, e *site.Entry) (before, phrase, after string, _ []byte) {
	// What zhText sets is one of its marks, or a space beside one in the same part: with none
	// in the parts shown, they are shown as they are, whatever Lead and Tail hold (the passage's
	// text, which is long; zhParts would copy it twice).
	if !hasHalfWidth(e.Before) && !hasHalfWidth(e.Phrase) && !hasHalfWidth(e.After) {
		return e.Before, e.Phrase, e.After, buf[:0]
	}
	lead, tail := e.Lead, e.Tail
	if !strings.ContainsAny(lead, parenMarks) && !strings.ContainsAny(tail, parenMarks) {
		lead, tail = leadContext(lead), tailContext(tail)
	}
	// zhParts(lead, e.Before, e.Phrase, e.After, tail)[1:4], the text joined and set after the
	// joined parts in buf (an append that moves buf leaves the joined text where it was read).
	buf = append(buf[:0], lead...)
	for _, part := range [...]string{e.Before, e.Phrase, e.After, tail} {
		buf = append(append(buf, partSep), part...)
	}
	n := len(buf)
	buf = appendZhText(buf, bytesView(buf))
	z := bytesView(buf[n:])
	var fields [4]string // strings.Split(z, partSep)[0:4]
	for i := range 3 {
		cut := strings.IndexByte(z, partSep)
		fields[i], z = z[:cut], z[cut+1:]
	}
	if cut := strings.IndexByte(z, partSep); cut >= 0 {
		z = z[:cut]
	}
	fields[3] = z
	return fields[1], fields[2], fields[3], buf
}

// leadContext is the end of an entry's Lead that zhText needs to set the parts shown after
// it as it does after the whole Lead, when the Lead holds no parenthesis (no pair that runs
// into the parts shown): from its last rune that zhText keeps as it is (neither a space nor a
// mark it may set), which is then what a mark after it reads as the text before it. Joining
// the whole Lead and Tail, the passage's text, copied it twice for each entry a theme page
// shows with a mark in it: at 20,000 plans an eighth of what the render had in flight at the
// heap's peak (issue 16).
func leadContext(s string) string {
	for i := len(s); i > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
		if !gap(r) && !strings.ContainsRune(sentenceMarks, r) {
			return s[i:]
		}
	}
	return s
}

// tailContext is the start of an entry's Tail that zhText reads for the parts shown before it,
// when the Tail holds no parenthesis: up to its first rune that is not a space, the neighbour
// a mark or a pair of parentheses at the end of the parts shown is judged by.
func tailContext(s string) string {
	for i, r := range s {
		if !gap(r) {
			return s[:i+utf8.RuneLen(r)]
		}
	}
	return s
}

// matchParen is the index of the ) that closes the ( at i, or -1.
func matchParen(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}

func containsChinese(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// zhHTML is zhText applied to the text of an HTML fragment: tags and their attributes (a
// link's href), entities, and code, pre, kbd and samp elements are left as they are. It also
// drops the newline goldmark writes after a block-level tag (<p>…</p>\n, <li>…</li>\n), as
// the page minifier did when it ran over every page: a line break there does not render, and
// templates are minified once, not the pages they make (loadTemplates).
func zhHTML(h template.HTML) template.HTML {
	all := string(h)
	if !strings.ContainsAny(all, ",;:!?()") {
		// Most fragments: a paragraph with its one newline at the end.
		nl := strings.IndexByte(all, '\n')
		if nl < 0 {
			return h
		}
		if nl == len(all)-1 && afterBlockTag(all[:nl]) {
			return h[:nl]
		}
	}
	// A fragment whose texts all stay as they are is returned as it came.
	sp := scratch()
	b, changed := zhHTMLTo(*sp, all)
	if !changed {
		release(sp, b)
		return h
	}
	return done(sp, b)
}

// appendZhHTML appends zhHTML(h) to b, made in b's own memory: a plan page's paragraphs and
// items are written on into the page, and zhHTML's string of each was made only to be copied.
func appendZhHTML(b []byte, h string) []byte {
	b, _ = zhHTMLTo(b, h)
	return b
}

// zhHTMLTo appends zhHTML(all) to b, and reports whether it differs from all.
func zhHTMLTo(b []byte, all string) ([]byte, bool) {
	kept := 0
	changed := false
	edit := func(at, end int) {
		b = append(b, all[kept:at]...)
		kept = end
		changed = true
	}
	s := all
	verbatim := 0 // depth of code-like elements
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		if lt > 0 {
			if verbatim == 0 && hasHalfWidth(s[:lt]) {
				at := len(all) - len(s)
				b = append(b, all[kept:at]...)
				kept = at
				n := len(b)
				b = appendZhTextEntities(b, s[:lt])
				if string(b[n:]) != s[:lt] {
					kept, changed = at+lt, true
				} else {
					b = b[:n]
				}
			}
			s = s[lt:]
			continue
		}
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			break
		}
		name := tagName(s[:gt+1])
		switch name {
		case "code", "pre", "kbd", "samp":
			verbatim++
		case "/code", "/pre", "/kbd", "/samp":
			verbatim = max(0, verbatim-1)
		}
		s = s[gt+1:]
		if verbatim == 0 && strings.HasPrefix(s, "\n") && blockTags[strings.TrimPrefix(name, "/")] {
			at := len(all) - len(s)
			edit(at, at+1)
			s = s[1:]
		}
	}
	return append(b, all[kept:]...), changed
}

// afterBlockTag reports whether s ends with a block-level tag.
func afterBlockTag(s string) bool {
	lt := strings.LastIndexByte(s, '<')
	return lt >= 0 && strings.HasSuffix(s, ">") && blockTags[strings.TrimPrefix(tagName(s[lt:]), "/")]
}

// blockTags are the elements the page minifier (tdewolff/minify's html, its blockTag trait)
// removes the whitespace around: the ones goldmark writes and a few more.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "caption": true,
	"dd": true, "details": true, "div": true, "dl": true, "dt": true, "figcaption": true,
	"figure": true, "footer": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "header": true, "hr": true, "li": true, "main": true, "nav": true, "ol": true,
	"p": true, "pre": true, "section": true, "table": true, "tbody": true, "td": true,
	"tfoot": true, "th": true, "thead": true, "tr": true, "ul": true,
}

// zhTextEntities is zhText on HTML text, keeping character references (&amp; &#34;) whole:
// their ; is not punctuation.
func zhTextEntities(s string) string {
	if !strings.Contains(s, "&") {
		return zhText(s)
	}
	sp := scratch()
	b := appendZhTextEntities(*sp, s)
	if string(b) == s {
		release(sp, b)
		return s
	}
	z := string(b)
	release(sp, b)
	return z
}

// appendZhTextEntities appends zhTextEntities(s) to b.
func appendZhTextEntities(b []byte, s string) []byte {
	if !strings.Contains(s, "&") {
		return appendZhText(b, s)
	}
	// Replace each reference by a private-use rune, convert, and put them back.
	orig := s
	var refs []string
	inp := scratch()
	in := *inp
	for {
		amp := strings.IndexByte(s, '&')
		semi := -1
		if amp >= 0 {
			semi = strings.IndexByte(s[amp:], ';')
		}
		if amp < 0 || semi < 0 || semi > 10 {
			in = append(in, s...)
			break
		}
		in = append(in, s[:amp]...)
		in = utf8.AppendRune(in, rune(0xE000+len(refs)))
		refs = append(refs, s[amp:amp+semi+1])
		s = s[amp+semi+1:]
	}
	outp := scratch()
	out := appendZhText(*outp, string(in))
	defer func() { release(inp, in); release(outp, out) }()
	if len(refs) == 0 {
		return append(b, out...)
	}
	if string(out) == string(in) {
		return append(b, orig...)
	}
	for _, r := range string(out) {
		if n := int(r) - 0xE000; n >= 0 && n < len(refs) {
			b = append(b, refs[n]...)
			continue
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

// tagName is the lower-case name of an HTML tag, with a leading / for an end tag.
func tagName(tag string) string {
	t := strings.TrimPrefix(tag, "<")
	end := strings.IndexAny(t[min(1, len(t)):], " \t\n/>")
	if end < 0 {
		return strings.ToLower(t)
	}
	return strings.ToLower(t[:end+min(1, len(t))])
}
