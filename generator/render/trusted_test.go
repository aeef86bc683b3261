package render

import (
	"html/template"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/planportal/planportal/generator/config"
)

// trustedSrc prints a function's template.HTML and a string in every context html/template
// tells apart, at the top level and inside if, range, with and a called template, each with
// hostile text: only the HTML printed into HTML text may lose its escaper.
const trustedSrc = `{{define "t"}}{{h}}|{{s}}|{{h | printf "%s"}}|<p title="{{h}}">{{h}}</p>|<a href="{{h}}">{{s}}</a>|` +
	`{{if true}}{{h}}{{end}}|{{range .}}{{h}}{{.}}{{else}}{{h}}{{end}}|{{with .}}{{h}}{{end}}|{{template "sub" .}}|` +
	`{{$x := h}}{{$x}}|<script>var v = {{h}};</script>|<textarea>{{h}}</textarea>|{{s2}}{{end}}` +
	`{{define "sub"}}<b>{{h}}</b>{{end}}`

func trustedFuncsForTest() template.FuncMap {
	const hostileHTML = `<i title="a&amp;b">"x" & 'y' + <script>alert(1)</script>` + "\x00\u2028"
	return template.FuncMap{
		"h":  func() template.HTML { return hostileHTML },
		"s":  func() string { return hostileHTML },
		"s2": func() (string, error) { return hostileHTML, nil },
	}
}

// TestTrustHTMLSameBytes: dropping the escapers of template.HTML printed into HTML text
// changes no byte of what the template writes, and drops exactly those: the HTML in an
// attribute, a URL, a script or a <textarea>, a string anywhere, a pipeline with a further
// command or a variable keep theirs.
func TestTrustHTMLSameBytes(t *testing.T) {
	parse := func() *template.Template {
		return template.Must(template.New("").Funcs(trustedFuncsForTest()).Funcs(escFuncMap()).Parse(trustedSrc))
	}
	data := []string{"<x>", "y&"}
	var want strings.Builder
	if err := parse().ExecuteTemplate(&want, "t", data); err != nil {
		t.Fatal(err)
	}
	tm := parse()
	if err := tm.ExecuteTemplate(new(strings.Builder), "t", data); err != nil { // escapes it
		t.Fatal(err)
	}
	// Dropped: {{h}} at the top, in <p>, in if, in range and its else, in with, in the called
	// "sub" (7); fused (escFuncs): {{s}} twice, {{h | printf "%s"}}, {{h}} in title and href,
	// {{.}}, {{$x}}, {{s2}} (8).
	if n := trustTemplates(tm, trustedFuncs(trustedFuncsForTest())); n != 15 {
		t.Errorf("dropped or fused %d chains of escapers, want 15", n)
	}
	var got strings.Builder
	if err := tm.ExecuteTemplate(&got, "t", data); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("output changed:\n got %q\nwant %q", got.String(), want.String())
	}
	if !strings.Contains(got.String(), `<p title="&#34;x&#34; & &#39;y&#39; &#43; `) || !strings.Contains(got.String(), `<textarea>&lt;i title=`) {
		t.Errorf("the HTML in an attribute is no longer escaped: %q", got.String())
	}
}

// TestTrustHTMLDefaultTheme: in the default theme, as New leaves it, no action prints a
// template.HTML function's result through an escaper of HTML text; the layouts
// and the templates the render executes by name (the header and footer rows, the note) are
// escaped once loaded, each action that prints a field into HTML text keeps its escaper.
func TestTrustHTMLDefaultTheme(t *testing.T) {
	cfg := &config.Config{Language: "zh-CN", BaseURL: "https://example.org/"}
	r, err := New(cfg, testThemeDir)
	if err != nil {
		t.Fatal(err)
	}
	if r.Fallback != nil {
		t.Fatal(r.Fallback)
	}
	trusted := trustedFuncs(r.funcs())
	for _, name := range []string{"row", "itemBlock", "docBody"} {
		if !trusted[name] {
			t.Errorf("%s is not listed as returning template.HTML", name)
		}
	}
	var escaped, kept, left int
	var walk func(parse.Node)
	walk = func(node parse.Node) {
		switch x := node.(type) {
		case *parse.ListNode:
			if x != nil {
				for _, c := range x.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			cmds := x.Pipe.Cmds
			if len(x.Pipe.Decl) > 0 || len(cmds) == 0 {
				return
			}
			last, _ := cmds[len(cmds)-1].Args[0].(*parse.IdentifierNode)
			if last != nil && (strings.HasPrefix(last.Ident, "_html_template_") || strings.HasPrefix(last.Ident, "_planportal_")) {
				escaped++
				if len(cmds) == 2 && callsTrusted(cmds[0], trusted) {
					left++
				}
			} else if len(cmds) == 1 && callsTrusted(cmds[0], trusted) {
				kept++
			}
		case *parse.IfNode:
			walk(x.List)
			walk(x.ElseList)
		case *parse.RangeNode:
			walk(x.List)
			walk(x.ElseList)
		case *parse.WithNode:
			walk(x.List)
			walk(x.ElseList)
		}
	}
	for _, k := range pageKinds {
		set := r.pages[k.layout]
		for _, name := range []string{"baseof.html", "header.html", "footer.html"} {
			tt := set.Lookup(name)
			if tt == nil || tt.Tree == nil {
				t.Fatalf("%s: no %s", k.layout, name)
			}
			// Escaped: html/template has added its escapers to the tree (fused or not).
			if root := tt.Tree.Root.String(); !strings.Contains(root, "_html_template_") && !strings.Contains(root, "_planportal_") {
				t.Errorf("%s: %s is not escaped once loaded", k.layout, name)
			}
		}
		for _, tt := range set.Templates() {
			if tt.Tree != nil {
				walk(tt.Tree.Root)
			}
		}
	}
	if left > 0 {
		t.Errorf("%d actions still print a template.HTML through the escaper", left)
	}
	if kept == 0 || escaped == 0 {
		t.Errorf("%d actions print a template.HTML without an escaper, %d fields with one: want both", kept, escaped)
	}
}
