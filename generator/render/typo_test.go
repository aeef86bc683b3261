package render

import (
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/taxonomy"
)

func TestZhText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		// from the sources: 新城区, 湖州 and the provincial reports
		{"全会精神,以习近平", "全会精神，以习近平"},
		{"出国(境)审批", "出国（境）审批"},
		{"### (一)实施综合医改", "### （一）实施综合医改"},
		{"活动, 力争社区", "活动，力争社区"},
		{"会议指出,2025年,全省将", "会议指出，2025年，全省将"},
		{"合理配置医疗资源;落实", "合理配置医疗资源；落实"},
		{"要求:控增量", "要求：控增量"},
		{"”服务供给;", "”服务供给；"}, // the end of a snippet
		{"区级覆盖率达到50%;区级", "区级覆盖率达到50%；区级"},
		{"COVID-19 test, ok", "COVID-19 test, ok"},
		{"“三医”协同,推进", "“三医”协同，推进"},
		// numbers, Latin and URLs stay as written
		{"1,000人", "1,000人"},
		{"8:30开会", "8:30开会"},
		{"see (WHO), ok", "see (WHO), ok"},
		{"网址:https://www.gov.cn/a,b", "网址:https://www.gov.cn/a,b"},
		{"AI,大数据", "AI,大数据"},
		{"“1+1”(家庭医生)", "“1+1”（家庭医生）"},
		{"(1)", "(1)"},
		{"(法监科),推动", "（法监科），推动"}, // a ) set full-width counts as Chinese
		{"工作要点）,统筹", "工作要点），统筹"},
		{"不配对(的括号", "不配对(的括号"},
	} {
		if got := zhText(tt.in); got != tt.want {
			t.Errorf("zhText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestZhHTML(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<p>精神,以<a href="/x?a=1,2&amp;b=(3)">链接,文字</a>。</p>`, `<p>精神，以<a href="/x?a=1,2&amp;b=(3)">链接，文字</a>。</p>`},
		{`<p>代码<code>健康,卫生</code>之后,继续</p>`, `<p>代码<code>健康,卫生</code>之后，继续</p>`},
		{`<p>健康&amp;;卫生</p>`, `<p>健康&amp;;卫生</p>`},
		{`<p>“健康”&#34;,卫生</p>`, `<p>“健康”&#34;,卫生</p>`},
		// goldmark's newlines after block tags go, as the page minifier dropped them; those
		// inside a <pre> and after an inline tag (a soft line break) stay.
		{"<p>一</p>\n", "<p>一</p>"},
		{"<ul>\n<li>一</li>\n</ul>\n<pre><code>x\ny\n</code></pre>\n<p>二<a href=\"/x\">三</a>\n四</p>\n",
			"<ul><li>一</li></ul><pre><code>x\ny\n</code></pre><p>二<a href=\"/x\">三</a>\n四</p>"},
		{"<p>精神,以</p>\n<p>二</p>\n", "<p>精神，以</p><p>二</p>"},
	} {
		if got := zhHTML(template.HTML(tt.in)); string(got) != tt.want {
			t.Errorf("zhHTML(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestTagName(t *testing.T) {
	for in, want := range map[string]string{"<code>": "code", "</CODE>": "/code", `<pre class="x">`: "pre", "<br/>": "br", "<p>": "p"} {
		if got := tagName(in); got != want {
			t.Errorf("tagName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestZhParts(t *testing.T) {
	got := zhParts("新建5个紧密型", "城市医疗集团", ",区级覆盖率达到50%;")
	want := []string{"新建5个紧密型", "城市医疗集团", "，区级覆盖率达到50%;"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("zhParts = %q, want %q", got, want)
	}
}

// TestZhPartsCut: a theme entry shows part of a passage; the passage's text left out on either
// side (theme.html passes it as the first and last parts) decides the marks at the cut, as
// on the document page: the ; before more text and the ) of a ( left out are full-width.
func TestZhPartsCut(t *testing.T) {
	got := zhParts("覆盖率达到(社区卫生", "服务中心)达到80%以上,", "儿科", "服务达到50%;", "区级")
	want := []string{"覆盖率达到（社区卫生", "服务中心）达到80%以上，", "儿科", "服务达到50%；", "区级"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("zhParts = %q, want %q", got, want)
	}
}

// TestZhMark: a theme entry's parts as its page shows them, judged with the passage's text
// left out on either side, as TestZhPartsCut: the ) of a ( in Lead and the ; before more text
// in Tail are full-width. Checked: zhMark without Lead and Tail leaves both half-width.
func TestZhMark(t *testing.T) {
	got := zhMark(site.Entry{Lead: "覆盖率达到(社区卫生", Before: "服务中心)达到80%以上,", Phrase: "儿科", After: "服务达到50%;", Tail: "区级"})
	want := marked{Before: "服务中心）达到80%以上，", Phrase: "儿科", After: "服务达到50%；"}
	if got != want {
		t.Errorf("zhMark = %q, want %q", got, want)
	}
}

// TestWhyOfSetsParts: a chip's reason, its phrase, is set full-width where the page shows it,
// as zhParts sets it in its clause: the brackets of 精神(心理)科 in Chinese text. Checked:
// whyOf without zhParts keeps "精神(心理)科".
func TestWhyOfSetsParts(t *testing.T) {
	sentence := "推进精神(心理)科建设,覆盖率达到50%;"
	start := int32(strings.Index(sentence, "精神"))
	end := int32(strings.Index(sentence, "建设"))
	w := whyOf(taxonomy.Reason{Start: start, End: end, SentenceEnd: int32(len(sentence))}, sentence)
	want := why{Phrase: "精神（心理）科"}
	if w != want {
		t.Errorf("whyOf = %+v, want %+v", w, want)
	}
}

// TestZhKeepsUnchangedText: a text with half-width marks that all stay (numbers, Latin) is
// returned as it came, without a copy: a page runs zh and zhHTML on each of its texts, and
// each copy was the text four times over as runes, twice, plus the string.
func TestZhKeepsUnchangedText(t *testing.T) {
	text := "覆盖1,000人。8:30开会。see (WHO), ok"
	html := template.HTML(`<p>覆盖1,000人<a href="/x?a=1,2">8:30开会</a>(1)</p>`)
	if got := zhText(text); got != text {
		t.Fatalf("zhText(%q) = %q, want it unchanged", text, got)
	}
	if got := zhHTML(html); got != html {
		t.Fatalf("zhHTML(%q) = %q, want it unchanged", html, got)
	}
	if raceEnabled {
		t.Skip("allocation counts: the race detector's sync.Pool drops buffers on purpose")
	}
	zhText(text) // the working buffers, made once
	if n := testing.AllocsPerRun(100, func() { zhText(text) }); n != 0 {
		t.Errorf("zhText of a text it keeps: %v allocations a call, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { zhHTML(html) }); n != 0 {
		t.Errorf("zhHTML of a fragment it keeps: %v allocations a call, want 0", n)
	}
}

// TestZhMarkShortcut: zhMark, which returns the parts shown as they are when none holds a
// mark zhText sets, and otherwise reads only the end of Lead and the start of Tail when neither
// holds a parenthesis (leadContext, tailContext), gives what zhParts over all five parts gives,
// on passages made of Chinese, Latin, digits, spaces and every mark zhText reads, cut in five
// at random places.
func TestZhMarkShortcut(t *testing.T) {
	alphabet := []rune("卫生健康儿科服务abc12 ,;:!?()%…，")
	rng := rand.New(rand.NewPCG(1, 2))
	shortcuts, bounded := 0, 0
	for range 40000 {
		rs := make([]rune, 4+rng.IntN(40))
		parens := rng.IntN(2) == 0 // half the passages hold no parenthesis
		for i := range rs {
			if rng.IntN(3) == 0 {
				rs[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				rs[i] = alphabet[rng.IntN(8)] // mostly Chinese, so that the marks may be set
			}
			if !parens && (rs[i] == '(' || rs[i] == ')') {
				rs[i] = ','
			}
		}
		cut := []int{0, rng.IntN(len(rs) + 1), rng.IntN(len(rs) + 1), rng.IntN(len(rs) + 1), rng.IntN(len(rs) + 1), len(rs)}
		slices.Sort(cut)
		var p [5]string
		for i := range p {
			p[i] = string(rs[cut[i]:cut[i+1]])
		}
		e := site.Entry{Lead: p[0], Before: p[1], Phrase: p[2], After: p[3], Tail: p[4]}
		z := strings.Split(zhText(strings.Join(p[:], string(partSep))), string(partSep))
		want := marked{Before: z[1], Phrase: z[2], After: z[3]}
		if got := zhMark(e); got != want {
			t.Fatalf("zhMark(%q) = %q, want %q", p, got, want)
		}
		switch {
		case !hasHalfWidth(p[1]) && !hasHalfWidth(p[2]) && !hasHalfWidth(p[3]):
			shortcuts++
		case !strings.ContainsAny(p[0]+p[4], "()") && (len(leadContext(p[0])) < len(p[0]) || len(tailContext(p[4])) < len(p[4])):
			bounded++
		}
	}
	if shortcuts < 1000 || bounded < 1000 {
		t.Errorf("only %d of 40000 cases took the shortcut, %d read less than the whole Lead or Tail", shortcuts, bounded)
	}
}

// TestZhTextAsRunes: zhText, which works on the text's bytes, sets what it set when it worked
// on the text's runes (zhTextRunes, main's zhText before 2026-12-05, kept here as the
// reference), on random texts of Chinese, Latin, digits, spaces, the parts' separator,
// private-use characters (zhTextEntities' references), every mark it reads, and bytes that are
// not UTF-8; and returns a text it keeps as it came.
func TestZhTextAsRunes(t *testing.T) {
	pieces := []string{"卫", "生", "健", "康", "服", "务", "a", "B", "1", "9", " ", " ", "\x00", "%", "…", "，", "“", "”",
		"\ue000", ",", ";", ":", "!", "?", "(", ")", "(", ")", ",", "\xe4", "\xb8", "\xff", "\xe4\xb8"}
	rng := rand.New(rand.NewPCG(3, 4))
	changed, invalid := 0, 0
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(30) {
			if rng.IntN(2) == 0 {
				b.WriteString(pieces[rng.IntN(6)]) // mostly Chinese, so that the marks may be set
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		s := b.String()
		got, want := zhText(s), zhTextRunes(s)
		if got != want {
			t.Fatalf("zhText(%q) = %q, want %q", s, got, want)
		}
		if got != s {
			changed++
			if !utf8.ValidString(s) {
				invalid++
			}
		}
	}
	if changed < 10000 || invalid < 1000 {
		t.Errorf("only %d of 100000 texts changed, %d of them not UTF-8", changed, invalid)
	}
}

// zhTextRunes is zhText as it was written on the text's runes (TestZhTextAsRunes).
func zhTextRunes(s string) string {
	if !strings.ContainsAny(s, sentenceMarks+parenMarks) {
		return s
	}
	var rs []rune
	for _, r := range s {
		rs = append(rs, r)
	}
	var out []rune
	neighbour := func(i, dir int) rune {
		for ; i >= 0 && i < len(rs); i += dir {
			if !gap(rs[i]) {
				return rs[i]
			}
		}
		return 0
	}
	matchParen := func(i int) int {
		depth := 0
		for j := i; j < len(rs); j++ {
			switch rs[j] {
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
	var closing map[int]bool
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case ',', ';', ':', '!', '?':
			next := neighbour(i+1, 1)
			prev := rune(0)
			for k := len(out) - 1; k >= 0; k-- {
				if !gap(out[k]) {
					prev = out[k]
					break
				}
			}
			if chinese(prev) && (next == 0 || chinese(next) || unicode.IsDigit(next)) ||
				(unicode.IsDigit(prev) || prev == '%') && chinese(next) {
				for len(out) > 0 && out[len(out)-1] == ' ' {
					out = out[:len(out)-1]
				}
				out = append(out, fullWidth[r])
				for i+1 < len(rs) && rs[i+1] == ' ' {
					i++
				}
				continue
			}
		case '(':
			if j := matchParen(i); j > 0 && (chinese(neighbour(i-1, -1)) || containsChinese(string(rs[i+1:j])) || chinese(neighbour(j+1, 1))) {
				out = append(out, '（')
				if closing == nil {
					closing = map[int]bool{}
				}
				closing[j] = true
				continue
			}
		case ')':
			if closing[i] {
				out = append(out, '）')
				continue
			}
		}
		out = append(out, r)
	}
	if slices.Equal(out, rs) {
		return s
	}
	return string(out)
}

// TestAppendZhAfterText: appendZhText, appendZhHTML and zhMarkTo, which set the text in a
// buffer that already holds a page's markup, judge its marks by the text alone, as zhText does
// (zhTextRunes): what the buffer held before (a Chinese character, a space, a digit, a broken
// character) is not the text's neighbour. Checked: with lastRuneOf reading the whole buffer,
// 中 before ",中文" set the comma full-width.
func TestAppendZhAfterText(t *testing.T) {
	pieces := []string{"卫", "生", "健", "康", "服", "务", "a", "1", " ", "\x00", "%", "，", "“", "&amp;", "&#34;", "&",
		",", ";", ":", "!", "?", "(", ")", "\xe4", "\xff"}
	prefixes := []string{"", "中", "中 ", "1", "%", "\xe4", "<p>中"}
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 50000 {
		var b strings.Builder
		for range rng.IntN(20) {
			if rng.IntN(2) == 0 {
				b.WriteString(pieces[rng.IntN(6)])
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		s := b.String()
		prefix := prefixes[n%len(prefixes)]
		if got, want := string(appendZhText([]byte(prefix), s)), prefix+zhTextRunes(s); got != want {
			t.Fatalf("appendZhText(%q, %q) = %q, want %q", prefix, s, got, want)
		}
		h := "<p>" + s + "</p>\n"
		if got, want := string(appendZhHTML([]byte(prefix), h)), prefix+string(zhHTML(template.HTML(h))); got != want {
			t.Fatalf("appendZhHTML(%q, %q) = %q, want %q", prefix, h, got, want)
		}
		// Lead and Tail are a passage's text around the sentence: UTF-8, as content loads it.
		ctx := strings.ToValidUTF8(prefix, "")
		e := site.Entry{Lead: ctx, Before: s[:len(s)/2], Phrase: "儿科", After: s[len(s)/2:], Tail: ctx}
		z := zhParts(e.Lead, e.Before, e.Phrase, e.After, e.Tail)
		buf := []byte(prefix)
		before, phrase, after, _ := zhMarkTo(buf, &e)
		if before != z[1] || phrase != z[2] || after != z[3] {
			t.Fatalf("zhMarkTo(%q) = %q %q %q, want %q", []string{e.Lead, e.Before, e.After, e.Tail}, before, phrase, after, z[1:4])
		}
	}
}

// TestHalfWidthAt holds halfWidthAt, which passes over eight bytes at a time where none is
// ASCII, to a byte-by-byte search of the marks: at every offset and length around a word's
// bounds, in Chinese text, ASCII and bytes that are not UTF-8. Checked: with the word's test
// ignoring its last byte (high 0x0080…), or the tail loop left out, it fails.
func TestHalfWidthAt(t *testing.T) {
	want := func(s string) int { return strings.IndexAny(s, sentenceMarks+parenMarks) }
	pieces := []string{"卫", "生", "，", "a", "1", " ", "\x80", "\xff", ",", ";", ":", "!", "?", "(", ")"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			if rng.IntN(4) > 0 {
				b.WriteString(pieces[rng.IntN(3)])
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		s := b.String()
		for i := 0; i < len(s) && i < 9; i++ {
			if got, w := halfWidthAt(s[i:]), want(s[i:]); got != w {
				t.Fatalf("halfWidthAt(%q) = %d, want %d", s[i:], got, w)
			}
		}
	}
}
