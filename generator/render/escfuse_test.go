package render

import (
	"errors"
	"html/template"
	"strings"
	"testing"
	ttemplate "text/template"
)

// stringer and named are values html/template prints otherwise than a string: by their String
// method, and as fmt prints a named string type.
type stringer struct{ s string }

func (s stringer) String() string { return s.s }

type named string

// TestEscFuncsMatchTemplates: each escFunc writes what html/template's chain of escapers it
// stands for writes, in the place the chain is for, for hostile text and URLs as strings and
// as other types (template.HTML, template.URL, a Stringer, an error, a named string type, a
// pointer, ints, nil): the value printed by a template in that place.
func TestEscFuncsMatchTemplates(t *testing.T) {
	var values []any
	for _, s := range append(append([]string{}, hostile...), hostileURLs...) {
		values = append(values, s, template.HTML(s), template.URL(s), template.HTMLAttr(s), template.JS(s), stringer{s}, errors.New(s), named(s), &s)
	}
	values = append(values, 0, -12, 3.5, true, nil, []string{"a<b", "c"}, (*string)(nil))
	for _, f := range escFuncs {
		ref := template.Must(template.New("").Parse(f.pre + "{{.}}" + f.post))
		for _, v := range values {
			var want strings.Builder
			if err := ref.Execute(&want, v); err != nil {
				t.Fatal(err)
			}
			got, err := f.escapeErr(v)
			if err != nil {
				t.Errorf("%s(%#v): %v", f.name, v, err)
				continue
			}
			if got = f.pre + got + f.post; got != want.String() {
				t.Errorf("%s(%#v) = %q, html/template writes %q", f.name, v, got, want.String())
			}
		}
	}
}

// TestFuseEscapersSameBytes: with the escapers of its actions fused, a template writes the
// same bytes as html/template's own, on hostile text and URLs in text, attributes, URLs and
// their fragments, and in contexts left alone (a script, CSS, an unquoted attribute).
func TestFuseEscapersSameBytes(t *testing.T) {
	const src = `{{range .}}<p id="{{.S}}" class=x{{.S}}>{{.S}}|{{.H}}|{{.N}}</p><a href="{{.S}}">{{.S}}</a><a href="#{{.S}}">x</a>` +
		`<a href="/q?a={{.S}}">x</a><a title='{{.S}}' href="{{.U}}">{{.U}}</a><script>var x = {{.S}};</script>` +
		`<style>p{color:{{.S}}}</style><textarea>{{.S}}</textarea>{{end}}`
	type row struct {
		S string
		H template.HTML
		U template.URL
		N int
	}
	var rows []row
	for i, s := range append(append([]string{}, hostile...), hostileURLs...) {
		rows = append(rows, row{S: s, H: template.HTML(s), U: template.URL(s), N: i - 3})
	}
	var want strings.Builder
	if err := template.Must(template.New("").Parse(src)).Execute(&want, rows); err != nil {
		t.Fatal(err)
	}
	tm := template.Must(template.New("").Funcs(escFuncMap()).Parse(src))
	if err := tm.Execute(new(strings.Builder), rows); err != nil { // escapes it
		t.Fatal(err)
	}
	if n := trustTemplates(tm, nil); n != 11 {
		t.Errorf("fused %d chains, want 11", n)
	}
	var got strings.Builder
	if err := tm.Execute(&got, rows); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		g, w := got.String(), want.String()
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Errorf("output changed at byte %d:\n got %q\nwant %q", i, g[max(0, i-80):min(len(g), i+80)], w[max(0, i-80):min(len(w), i+80)])
	}
}

// TestEscFuncErrorReported: an escFunc whose slow path fails (html/template wrote something
// other than the value in its place) makes the template's execution fail with that error,
// named by the function, as when escape returned it: not a crash, not the value unescaped.
func TestEscFuncErrorReported(t *testing.T) {
	bad := &escFunc{name: "_planportal_bad", pre: `<p>`, post: `</p>`, fast: escText[string],
		tmpl: template.Must(template.New("bad").Parse(`<div>{{.V}}</div>`))}
	tm := ttemplate.Must(ttemplate.New("t").Funcs(ttemplate.FuncMap{bad.name: bad.escape}).Parse(`a{{_planportal_bad .}}b`))
	var out strings.Builder
	err := tm.Execute(&out, 3.5)
	if err == nil || !strings.Contains(err.Error(), "error calling _planportal_bad") || !strings.Contains(err.Error(), "html/template wrote") {
		t.Errorf("err = %v; want the slow path's error, from the call of _planportal_bad", err)
	}
	out.Reset()
	if err := tm.Execute(&out, "x<y"); err != nil || out.String() != "ax&lt;yb" {
		t.Errorf("a string: %q, %v", out.String(), err)
	}
}
