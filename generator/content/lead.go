package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LeadMax is the most characters a lead has, its closing "…" included.
const LeadMax = 60

// leadMin is the fewest characters a lead cut at a clause end keeps: a clause end nearer the
// start (同时，) would leave a lead that says nothing.
const leadMin = LeadMax / 3

// Lead is how a listing names an item (or paragraph, or section) without repeating it: its
// first sentence, the way lists of policy documents show titles, and the whole text when
// that is at most LeadMax characters. A leading number (1. （一） 一、, as Recognise reads
// it) is not part of it; a bold opening phrase such as 加强人才队伍建设。 is the natural lead.
//
// The first sentence ends at 。！？； (or !?;) outside brackets and quotes. A sentence closed
// by ；, the first of several, ends in … instead. A first sentence longer than LeadMax is cut
// at its last clause end (，： or ,: then 、) that leaves at least leadMin characters, or,
// where it has none, at LeadMax but never inside a number with its unit (4.5个, 100%), a
// Latin word or brackets and quotes; … marks the cut. Only brackets and quotes opened within
// the first leadMin characters are cut inside (at a clause end where there is one), and are
// closed after the …: 要实施“优质医疗资源带动、…、医疗人才选育…”.
func Lead(text string) string {
	s := strings.TrimSpace(text)
	if m, ok := Recognise(s); ok {
		s = strings.TrimSpace(s[len(m.Text):])
	}
	// Only the first LeadMax+1 characters are read: a lead is cut within them, and the one
	// past them tells a text that is too long (the whole text as runes was a third of
	// Lead's time, for every note of every document; issue 16).
	var head [LeadMax + 1]rune
	r := head[:0]
	for _, c := range s {
		if len(r) == len(head) {
			break
		}
		r = append(r, c)
	}
	if len(r) <= LeadMax {
		return s
	}
	// open[i] is the brackets and quotes open before r[i], innermost last.
	open := make([][]rune, 0, LeadMax+1)
	var stack []rune
	end := -1 // the first sentence's closing mark
	for i := 0; i < len(r) && end < 0; i++ {
		if i <= LeadMax {
			open = append(open, stack)
		}
		c := r[i]
		switch {
		case len(stack) > 0 && c == closer(stack[len(stack)-1]):
			stack = stack[:len(stack)-1]
		case closer(c) != 0:
			stack = append(stack[:len(stack):len(stack)], c) // a new array: open keeps the old
		case len(stack) == 0 && strings.ContainsRune("。！？；!?;", c):
			end = i
		}
	}
	if end >= 0 && end < LeadMax {
		if r[end] == '；' || r[end] == ';' {
			return strings.TrimSpace(string(r[:end])) + "…"
		}
		return runePrefix(s, r, end+1)
	}
	// Too long: cut before the last clause end, then before the last 、, within the bound.
	for _, ends := range []string{"，：,:", "、"} {
		for i := LeadMax - 1; i >= leadMin; i-- {
			if len(open[i]) == 0 && clauseEnd(r, i, ends) {
				return strings.TrimSpace(string(r[:i])) + "…"
			}
		}
	}
	c := LeadMax - 1
	for c > 0 && (len(open[c]) > 0 || splits(r, c)) {
		if len(open[c]) > 0 {
			c = outermost(open, c)
			continue
		}
		c--
	}
	if c >= leadMin {
		return strings.TrimRightFunc(string(r[:c]), trailing) + "…"
	}
	// Brackets open from the start: cut inside them, at a clause end where there is one,
	// and close them.
	c = LeadMax - 1
	for c > 1 && (c+1+len(open[c]) > LeadMax || splits(r, c)) {
		c--
	}
	for i := c; i >= leadMin; i-- {
		if i+1+len(open[i]) <= LeadMax && clauseEnd(r, i, "，：,:、") {
			c = i
			break
		}
	}
	var closing []rune
	for i := len(open[c]) - 1; i >= 0; i-- {
		closing = append(closing, closer(open[c][i]))
	}
	return strings.TrimRightFunc(string(r[:c]), trailing) + "…" + string(closing)
}

// clauseEnd reports whether r[i] is one of ends and ends a clause: the comma in 1,000 does not.
func clauseEnd(r []rune, i int, ends string) bool {
	return strings.ContainsRune(ends, r[i]) && !(r[i] == ',' && digit(r[i-1]) && digit(r[i+1]))
}

// closer is the mark that closes an opening bracket or quote o, or 0 when o opens none.
func closer(o rune) rune {
	switch o {
	case '（':
		return '）'
	case '(':
		return ')'
	case '“':
		return '”'
	case '‘':
		return '’'
	case '《':
		return '》'
	case '〈':
		return '〉'
	case '【':
		return '】'
	case '〔':
		return '〕'
	case '［':
		return '］'
	case '[':
		return ']'
	case '「':
		return '」'
	case '『':
		return '』'
	}
	return 0
}

// outermost is where the outermost bracket open at r[c] opened.
func outermost(open [][]rune, c int) int {
	for c > 0 && len(open[c]) > 0 {
		c--
	}
	return c
}

// splits reports whether a cut before r[c] would split a number from its digits or unit
// (4.5|个, 2025|年, 100|%, 3000万|元) or a Latin word (Deep|Seek).
func splits(r []rune, c int) bool {
	a, b := r[c-1], r[c]
	switch {
	case numeric(a) && (numeric(b) || unitRune(b)):
		return true
	case unitRune(a) && c >= 2 && (numeric(r[c-2]) || unitRune(r[c-2])) && unitRune(b):
		return true
	}
	return false
}

// numeric is a character of a number or a Latin word: digits, letters, the decimal point
// and the percent and per-mille signs.
func numeric(r rune) bool {
	return digit(r) || r < unicode.MaxASCII && unicode.IsLetter(r) || r == '%' || r == '％' || r == '‰' || r == '.' || r == '．'
}

func digit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

// unitRune is a character that follows a number as its unit in plan text (万元, 个, 人次).
func unitRune(r rune) bool {
	return strings.ContainsRune("十百千万亿元个人次岁张床家所项年月日天周时分秒米克吨升倍台辆件户例篇套名", r)
}

// trailing is what a cut lead does not end with before its "…": blanks and clause marks.
func trailing(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("，、：,:", r) }

// runePrefix is s's first n runes (r is s as runes): a part of s, not a copy, where s is valid
// UTF-8 (a unit's entries keep their leads to the end of a build: issue 16).
func runePrefix(s string, r []rune, n int) string {
	if !utf8.ValidString(s) {
		return string(r[:n])
	}
	b := 0
	for _, c := range r[:n] {
		b += utf8.RuneLen(c)
	}
	return s[:b]
}
