package search_test

import (
	"html"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/search"
)

var markRE = regexp.MustCompile(`<mark>(.*?)</mark>`)

// plain strips the marks and unescapes a snippet, giving the text it shows.
func plain(s string) string {
	return html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s))
}

// checkWellFormed: marks are balanced and not nested, and nothing but <mark> is markup.
func checkWellFormed(t *testing.T, s string) {
	t.Helper()
	depth := 0
	rest := s
	for {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		switch {
		case strings.HasPrefix(rest[i:], "<mark>"):
			depth++
			if depth > 1 {
				t.Errorf("nested <mark> in %q", s)
			}
			rest = rest[i+len("<mark>"):]
		case strings.HasPrefix(rest[i:], "</mark>"):
			depth--
			if depth < 0 {
				t.Errorf("unbalanced </mark> in %q", s)
			}
			rest = rest[i+len("</mark>"):]
		default:
			t.Errorf("unescaped < in snippet %q", s)
			return
		}
	}
	if depth != 0 {
		t.Errorf("unclosed <mark> in %q", s)
	}
	if strings.ContainsAny(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s), `<>"`) {
		t.Errorf("unescaped markup characters in %q", s)
	}
}

func TestSnippetOneMarkPerOccurrence(t *testing.T) {
	s, ok := search.Snippet("儿科儿科", []string{"儿科"}, search.SnippetLen)
	if !ok || string(s) != "<mark>儿科</mark><mark>儿科</mark>" {
		t.Errorf("got %q, %v", s, ok)
	}
	s, _ = search.Snippet("加强儿科建设，儿科医生，儿童", []string{"儿科"}, search.SnippetLen)
	if n := strings.Count(string(s), "<mark>"); n != 2 {
		t.Errorf("%d marks in %q, want 2", n, s)
	}
	// Longest mark first: 家庭医生签约 is one mark, not 家庭医生 + 签约.
	s, _ = search.Snippet("家庭医生签约和家庭医生", []string{"家庭医生签约", "家庭医生"}, search.SnippetLen)
	if string(s) != "<mark>家庭医生签约</mark>和<mark>家庭医生</mark>" {
		t.Errorf("got %q", s)
	}
	// Case and width folding; the original text is kept inside the mark.
	s, _ = search.Snippet("接入DeepSeek与ＡＩ和ai", []string{"deepseek", "ai"}, search.SnippetLen)
	if string(s) != "接入<mark>DeepSeek</mark>与<mark>ＡＩ</mark>和<mark>ai</mark>" {
		t.Errorf("got %q", s)
	}
	// A single character.
	s, _ = search.Snippet("防癌抗癌", []string{"癌"}, search.SnippetLen)
	if string(s) != "防<mark>癌</mark>抗<mark>癌</mark>" {
		t.Errorf("got %q", s)
	}
}

func TestSnippetEscapes(t *testing.T) {
	text := `<script>alert("x&y")</script> 儿科 <b>'粗'</b> & 儿科`
	s, ok := search.Snippet(text, []string{"儿科"}, search.SnippetLen)
	if !ok {
		t.Fatal("no match")
	}
	checkWellFormed(t, string(s))
	if strings.Contains(string(s), "<script") || strings.Contains(string(s), "<b>") {
		t.Errorf("markup from the text survives: %q", s)
	}
	for _, want := range []string{"&lt;script&gt;", "&amp;", "&lt;b&gt;"} {
		if !strings.Contains(string(s), want) {
			t.Errorf("snippet lacks %s: %q", want, s)
		}
	}
	if plain(string(s)) != text {
		t.Errorf("text changed: %q", plain(string(s)))
	}
	if n := strings.Count(string(s), "<mark>"); n != 2 {
		t.Errorf("%d marks", n)
	}
	// A mark that itself holds markup characters is escaped inside the mark.
	s, _ = search.Snippet("x<b>y", []string{"<b>"}, search.SnippetLen)
	if string(s) != "x<mark>&lt;b&gt;</mark>y" {
		t.Errorf("got %q", s)
	}
	// No match: the start of the text, escaped.
	s, ok = search.Snippet("<i>无</i>", []string{"儿科"}, search.SnippetLen)
	if ok || string(s) != "&lt;i&gt;无&lt;/i&gt;" {
		t.Errorf("got %q, %v", s, ok)
	}
}

func visible(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(plain(s), "…"), "…")
}

func TestSnippetWindow(t *testing.T) {
	filler := func(n int) string { return strings.Repeat("卫", n) }
	long := filler(300) + "儿科" + filler(300)

	s, ok := search.Snippet(long, []string{"儿科"}, search.SnippetLen)
	str := string(s)
	if !ok || !strings.HasPrefix(str, "…") || !strings.HasSuffix(str, "…") {
		t.Errorf("a match in the middle needs … on both sides: %q", s)
	}
	if n := utf8.RuneCountInString(visible(str)); n != search.SnippetLen {
		t.Errorf("window is %d runes, want %d", n, search.SnippetLen)
	}
	// The match stands in the first half of the window, with context before it.
	if i := strings.Index(str, "<mark>"); i < 0 {
		t.Errorf("no mark")
	} else if before := utf8.RuneCountInString(visible(str[:i])); before < 20 || before > 60 {
		t.Errorf("%d runes before the match", before)
	}
	if !strings.Contains(long, visible(str)) {
		t.Errorf("the window is not a contiguous piece of the text")
	}

	// Every occurrence inside the window is marked, up to its end, however many there are.
	many := filler(50) + strings.Repeat("儿科"+filler(8), 30)
	s, _ = search.Snippet(many, []string{"儿科"}, search.SnippetLen)
	if in, marked := strings.Count(visible(string(s)), "儿科"), strings.Count(string(s), "<mark>儿科</mark>"); in < 8 || marked != in {
		t.Errorf("%d occurrences in the window, %d marked: %q", in, marked, s)
	}

	// Match at the start: no leading ….
	s, _ = search.Snippet("儿科"+filler(300), []string{"儿科"}, search.SnippetLen)
	if str := string(s); !strings.HasPrefix(str, "<mark>儿科</mark>") || !strings.HasSuffix(str, "…") ||
		utf8.RuneCountInString(visible(str)) != search.SnippetLen {
		t.Errorf("match at start: %q", s)
	}

	// Match near the end: the window slides back to stay full, with no trailing ….
	s, _ = search.Snippet(filler(300)+"儿科"+filler(5), []string{"儿科"}, search.SnippetLen)
	if str := string(s); !strings.HasPrefix(str, "…") || strings.HasSuffix(str, "…") ||
		!strings.HasSuffix(str, "<mark>儿科</mark>"+filler(5)) || utf8.RuneCountInString(visible(str)) != search.SnippetLen {
		t.Errorf("match near end: %q", s)
	}

	// Short text: whole, no ellipsis.
	s, _ = search.Snippet("加强儿科", []string{"儿科"}, search.SnippetLen)
	if string(s) != "加强<mark>儿科</mark>" {
		t.Errorf("short: %q", s)
	}

	// No match: ok is false and the snippet is the start of the text.
	s, ok = search.Snippet(filler(300), []string{"儿科"}, search.SnippetLen)
	if ok || strings.Contains(string(s), "<mark>") || !strings.HasSuffix(string(s), "…") ||
		utf8.RuneCountInString(visible(string(s))) != search.SnippetLen {
		t.Errorf("no match: %q %v", s, ok)
	}
	if s, ok := search.Snippet("", []string{"儿科"}, search.SnippetLen); ok || s != "" {
		t.Errorf("empty text: %q %v", s, ok)
	}
	if s, ok := search.Snippet("儿科", nil, search.SnippetLen); ok || s != "儿科" {
		t.Errorf("no marks: %q %v", s, ok)
	}

	// A mark longer than the window is still shown whole.
	s, _ = search.Snippet(filler(10)+filler(5)+strings.Repeat("儿科", 100), []string{strings.Repeat("儿科", 100)}, 20)
	if n := strings.Count(string(s), "<mark>"); n != 1 || !strings.Contains(string(s), strings.Repeat("儿科", 100)) {
		t.Errorf("long mark: %q", s)
	}
}

// wholeWordRE matches mark m where a Latin word at its edge is whole (the alphabet of
// TestSnippetProperties has no digits, so no decimal points either).
func wholeWordRE(m string) *regexp.Regexp {
	re := regexp.QuoteMeta(m)
	if regexp.MustCompile(`^[\p{Latin}\pN]`).MatchString(m) {
		re = `(?:^|[^\p{Latin}\pN])` + re
	}
	if regexp.MustCompile(`[\p{Latin}\pN]$`).MatchString(m) {
		re += `(?:[^\p{Latin}\pN]|$)`
	}
	return regexp.MustCompile(re)
}

// TestSnippetProperties: on random text, snippets are well formed, show a contiguous piece of
// the text of about SnippetLen runes, and mark exactly the occurrences inside that piece.
func TestSnippetProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	alphabet := []rune("儿科家医生ＡＩai <>&\"'，。🙂")
	markSets := [][]string{{"儿科"}, {"家医", "医"}, {"ai"}, {"儿"}, {"<>"}, {"🙂"}}
	for i := 0; i < 3000; i++ {
		rs := make([]rune, rng.Intn(400))
		for j := range rs {
			rs[j] = alphabet[rng.Intn(len(alphabet))]
		}
		text := string(rs)
		marks := markSets[rng.Intn(len(markSets))]
		s, ok := search.Snippet(text, marks, search.SnippetLen)
		str := string(s)
		checkWellFormed(t, str)
		v := visible(str)
		if !strings.Contains(text, v) {
			t.Fatalf("snippet of %q is not a piece of it: %q", text, str)
		}
		if n, m := utf8.RuneCountInString(v), min(search.SnippetLen, len(rs)); n != m {
			t.Fatalf("snippet of %d runes shows %d, want %d: %q", len(rs), n, m, str)
		}
		if strings.HasPrefix(plain(str), "…") != !strings.HasPrefix(text, v) {
			t.Fatalf("leading … wrong: %q", str)
		}
		if strings.HasSuffix(plain(str), "…") != !strings.HasSuffix(text, v) {
			t.Fatalf("trailing … wrong: %q", str)
		}
		norm := search.NormalizeString(text)
		found := false
		for _, m := range marks {
			found = found || wholeWordRE(m).MatchString(norm)
		}
		if ok != found {
			t.Fatalf("ok=%v but a mark occurs=%v in %q", ok, found, text)
		}
		for _, m := range markRE.FindAllStringSubmatch(str, -1) {
			inner := search.NormalizeString(html.UnescapeString(m[1]))
			isMark := false
			for _, mk := range marks {
				isMark = isMark || inner == mk
			}
			if !isMark {
				t.Fatalf("marked %q which is none of %q", inner, marks)
			}
		}
		if ok && !strings.Contains(str, "<mark>") {
			t.Fatalf("a match but no mark in the window: %q", str)
		}
	}
}
