package content

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/msg"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// validDoc is a document that loads without a problem, holding word.
func validDoc(word string) string {
	return header + "## 一、重点任务\n\n1. " + word + "工作持续推进，全面落实各项任务。\n"
}

// loadSite loads the site at root and returns the result, failing on an I/O error.
func loadSite(t *testing.T, root string) *Result {
	t.Helper()
	res, err := NewLoader(Options{}).LoadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// refusal finds the diagnostic of file rel and checks that it is an error whose message says
// zh and then, in English, en.
func refusal(t *testing.T, res *Result, rel, zh, en string) {
	t.Helper()
	for _, d := range res.Errors {
		if d.File != rel {
			continue
		}
		want := en
		if !msg.English() {
			want = zh
		}
		if !strings.Contains(d.Message, want) {
			t.Errorf("%s: %q, want it to say %q", rel, d.Message, want)
		}
		return
	}
	t.Errorf("no error names %s; errors: %v", rel, res.Errors)
}

// TestLinksAreRefused: content/ is a boundary. A link in it (to a Markdown file outside the
// site, to a file outside it such as /etc/passwd, or to a directory of documents) is an error
// naming the link, and nothing of what it points to is read.
func TestLinksAreRefused(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write(t, filepath.Join(root, "content", "plans", "a.md"), validDoc("本站"))
	write(t, filepath.Join(outside, "secret.md"), validDoc("站外机密"))
	write(t, filepath.Join(outside, "passwd"), "root:x:0:0:站外口令:/root:/bin/sh\n")
	write(t, filepath.Join(outside, "more", "b.md"), validDoc("站外目录"))
	links := map[string]string{
		"content/plans/secret.md": filepath.Join(outside, "secret.md"),
		"content/plans/passwd.md": filepath.Join(outside, "passwd"),
		"content/more":            filepath.Join(outside, "more"),
		"content/plans/self.md":   filepath.Join(root, "content", "plans", "a.md"), // inside the site: refused too
	}
	for rel, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			t.Skip(err)
		}
	}
	res := loadSite(t, root)
	for rel := range links {
		refusal(t, res, rel, "符号链接", "symbolic link")
	}
	if len(res.Documents) != 1 || res.Documents[0].Path != "content/plans/a.md" {
		t.Errorf("documents %s, want only content/plans/a.md", paths(res.Documents))
	}
	all := fmt.Sprint(res.Errors, res.Warnings)
	for _, d := range res.Documents {
		all += fmt.Sprint(*d.Main, d.Meta)
	}
	for _, word := range []string{"站外机密", "站外口令", "站外目录"} {
		if strings.Contains(all, word) {
			t.Errorf("%q, from outside the site, was read", word)
		}
	}
}

// TestSizeLimit: a file larger than MaxFileSize is an error naming it; one of exactly
// MaxFileSize bytes is read.
func TestSizeLimit(t *testing.T) {
	root := t.TempDir()
	doc := validDoc("大小")
	pad := func(n int) string { return doc + strings.Repeat("\n", n-len(doc)) }
	write(t, filepath.Join(root, "content", "plans", "max.md"), pad(MaxFileSize))
	write(t, filepath.Join(root, "content", "plans", "over.md"), pad(MaxFileSize+1))
	res := loadSite(t, root)
	refusal(t, res, "content/plans/over.md", "超过上限 4 MiB", "over the limit of 4 MiB")
	if len(res.Errors) != 1 {
		t.Errorf("errors %v, want one, for over.md", res.Errors)
	}
	if len(res.Documents) != 1 || res.Documents[0].Path != "content/plans/max.md" {
		t.Errorf("documents %s, want content/plans/max.md", paths(res.Documents))
	}
}

// TestNestingLimit: lists and block quotes nested deeper than MaxNesting are an error at the
// first line deeper than that, found without parsing; MaxNesting levels are parsed. The
// depth of each line of the fixtures is known by construction.
func TestNestingLimit(t *testing.T) {
	indented := func(levels int) (string, int) { // level n (from 1) is body line n
		var b strings.Builder
		for i := 0; i < levels; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- 第" + fmt.Sprint(i+1) + "层\n")
		}
		return b.String(), MaxNesting + 1
	}
	for _, tc := range []struct {
		name string
		body func() (body string, line int) // line: body line of the error, 0 for none
	}{
		{"indented list at the limit", func() (string, int) { b, _ := indented(MaxNesting); return b, 0 }},
		{"indented list one deeper", func() (string, int) { return indented(MaxNesting + 1) }},
		{"indented list 1,000 deep", func() (string, int) { return indented(1000) }},
		{"quotes on one line", func() (string, int) {
			return "引言\n\n" + strings.Repeat(">", MaxNesting+1) + " 深\n", 3
		}},
		{"quotes at the limit", func() (string, int) { return strings.Repeat("> ", MaxNesting) + "深\n", 0 }},
		{"bullets on one line", func() (string, int) {
			return "引言\n\n" + strings.Repeat(strings.Repeat("- ", 40)+"深\n", 50), 3
		}},
		{"ordered and quotes mixed", func() (string, int) {
			return strings.Repeat("1. > ", MaxNesting/2+1) + "深\n", 1
		}},
		{"a rule of many dashes", func() (string, int) { return "段落\n\n" + strings.Repeat("- ", 60) + "\n\n段落\n", 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, line := tc.body()
			_, diags := NewLoader(Options{}).Parse("content/plans/x.md", []byte(header+body))
			var deep []string
			for _, d := range diags {
				if strings.Contains(d.Message, "nested deeper than 32 levels") {
					deep = append(deep, d.Error())
					if d.Line != bodyLine+line-1 {
						t.Errorf("%s, want it at line %d", d, bodyLine+line-1)
					}
				}
			}
			if (line > 0) != (len(deep) == 1) {
				t.Errorf("nesting errors %q, want %d", deep, map[bool]int{true: 1}[line > 0])
			}
		})
	}
}

// TestNestingBoundHolds: tooDeep's bound is one: on random documents of list markers, quote
// markers, indentation and text, no line is nested deeper (as goldmark parses it: block quotes
// and list items in one another) than the largest bound of a line of it.
func TestNestingBoundHolds(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	tokens := []string{"  ", "   ", "    ", "\t", "> ", ">", "- ", "* ", "1. ", "12) ", "+ ", "-\t", "x "}
	md := NewMarkdown(false)
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		bound := 0
		for lines := 1 + rng.IntN(8); lines > 0; lines-- {
			var l strings.Builder
			for k := rng.IntN(12); k > 0; k-- {
				l.WriteString(tokens[rng.IntN(len(tokens))])
			}
			l.WriteString("文字")
			bound = max(bound, prefixDepth([]byte(l.String())))
			b.WriteString(l.String() + "\n")
			if rng.IntN(4) == 0 {
				b.WriteString("\n")
			}
		}
		src := []byte(b.String())
		deepest := 0
		var walk func(n ast.Node, depth int)
		walk = func(n ast.Node, depth int) {
			if n.Kind() == ast.KindBlockquote || n.Kind() == ast.KindListItem {
				depth++
			}
			deepest = max(deepest, depth)
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				walk(c, depth)
			}
		}
		walk(md.Parser().Parse(text.NewReader(src)), 0)
		if deepest > bound {
			t.Fatalf("nested %d deep, bound %d:\n%s", deepest, bound, strings.ReplaceAll(b.String(), "\t", "→"))
		}
	}
}

// TestReadAllOneBuffer: a file read whole is one allocation of its size, and a file longer
// than its size when opened (it grew) is still read whole.
func TestReadAllOneBuffer(t *testing.T) {
	src := bytes.Repeat([]byte("推进紧密型县域医共体建设。"), 2000) // 78 KB
	for _, size := range []int64{int64(len(src)), 100, 0, -1} {
		got, err := readAll(bytes.NewReader(src), size, nil)
		if err != nil || !bytes.Equal(got, src) {
			t.Fatalf("size %d: read %d bytes, %v; want %d", size, len(got), err, len(src))
		}
	}
	r := bytes.NewReader(src)
	allocs := testing.AllocsPerRun(20, func() {
		r.Reset(src)
		if _, err := readAll(r, int64(len(src)), nil); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 1 {
		t.Errorf("readAll of a file of known size made %v allocations, want 1", allocs)
	}
	// Into a buffer with room, none; into one too small, a new one, and the file read whole.
	buf := make([]byte, 0, len(src)+1)
	allocs = testing.AllocsPerRun(20, func() {
		r.Reset(src)
		if got, err := readAll(r, int64(len(src)), buf); err != nil || !bytes.Equal(got, src) {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("readAll into a buffer with room made %v allocations, want 0", allocs)
	}
	if got, err := readAll(bytes.NewReader(src), int64(len(src)), make([]byte, 10)); err != nil || !bytes.Equal(got, src) {
		t.Fatalf("into a small buffer: read %d bytes, %v; want %d", len(got), err, len(src))
	}
}
