package render

import (
	"html/template"
	"strings"
	"testing"
)

// TestRows: rows is the named template's row for each element of a list, in the list's order
// and nothing between them, each made once a Render and reused, and an error for what is not
// a list.
func TestRows(t *testing.T) {
	type doc struct{ Title string }
	made := map[*doc]int{}
	r := &Renderer{pages: map[string]*template.Template{}}
	tmpl := template.Must(template.New("").Funcs(r.funcs()).Funcs(template.FuncMap{
		"made": func(d *doc) string { made[d]++; return "" },
	}).Parse(`{{define "r"}}{{made .}}<tr><td>{{.Title}}</td></tr>{{end}}{{define "t"}}<tbody>{{rows .P "r" .List}}</tbody>{{end}}`))
	r.pages["list"] = tmpl
	a, b, c := &doc{"甲"}, &doc{"<乙>"}, &doc{"丙"}
	p := &Page{Layout: "list", rows: &rowCache{m: map[rowName]map[any]template.HTML{}}}
	for _, list := range [][]*doc{{a, b}, {c, a, b}} {
		var want strings.Builder
		want.WriteString("<tbody>")
		for _, d := range list {
			want.WriteString("<tr><td>" + template.HTMLEscapeString(d.Title) + "</td></tr>")
		}
		want.WriteString("</tbody>")
		var got strings.Builder
		if err := tmpl.ExecuteTemplate(&got, "t", struct {
			P    *Page
			List []*doc
		}{p, list}); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("rows of %d: got %s, want %s", len(list), got.String(), want.String())
		}
	}
	for _, d := range []*doc{a, b, c} {
		if made[d] != 1 {
			t.Errorf("row of %s made %d times, want once", d.Title, made[d])
		}
	}
	if h, err := r.rows(p, "r", nil); h != "" || err != nil {
		t.Errorf("rows of nil: %q, %v; want nothing", h, err)
	}
	if _, err := r.rows(p, "r", a); err == nil {
		t.Error("rows of a non-list: no error")
	}
}
