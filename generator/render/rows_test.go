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

// TestNotesCached: appendNote makes each distinct note once a Render and reuses it for the
// same rows, never for rows that differ (in a label, a value, a name or its link, or where one
// string ends and the next begins), and executes it every time for a page rendered alone.
func TestNotesCached(t *testing.T) {
	made := 0
	r := &Renderer{pages: map[string]*template.Template{}}
	r.pages["document"] = template.Must(template.New("").Funcs(r.funcs()).Funcs(template.FuncMap{
		"made": func() string { made++; return "" },
	}).Parse(`{{define "note"}}{{made}}{{range .}}[{{.Label}}|{{.Value}}{{range .Names}}|{{.Name}}>{{.URL}}{{end}}]{{end}}{{end}}`))
	notes := [][]noteRow{
		{{Label: "牵头单位", Names: []noteName{{Name: "市卫健委", URL: "/units/a/"}}}},
		{{Label: "牵头单位", Names: []noteName{{Name: "市卫健委", URL: "/units/b/"}}}},
		{{Label: "牵头单位", Names: []noteName{{Name: "市卫健委"}}}},
		{{Label: "完成时限", Value: "年底"}},
		{{Label: "完成时限年", Value: "底"}},
		{{Label: "完成时限", Value: "年底"}, {Label: "牵头单位", Value: ""}},
		{{Label: "牵头单位", Names: []noteName{{Name: "甲"}, {Name: "乙"}}}},
		{{Label: "牵头单位", Names: []noteName{{Name: "甲乙"}}}},
		nil,
	}
	want := func(rows []noteRow) string {
		var b strings.Builder
		for _, row := range rows {
			b.WriteString("[" + row.Label + "|" + row.Value)
			for _, n := range row.Names {
				b.WriteString("|" + n.Name + ">" + n.URL)
			}
			b.WriteString("]")
		}
		return b.String()
	}
	p := &Page{Layout: "document", rows: &rowCache{m: map[rowName]map[any]template.HTML{}}}
	for round := 0; round < 2; round++ {
		for _, rows := range notes {
			got, err := r.appendNote([]byte("x"), p, rows)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != "x"+want(rows) {
				t.Errorf("round %d: note %v: got %s, want x%s", round, rows, got, want(rows))
			}
		}
	}
	if made != len(notes) {
		t.Errorf("%d notes made in two rounds of %d distinct ones, want %d", made, len(notes), len(notes))
	}
	made = 0
	alone := &Page{Layout: "document"}
	for range 2 {
		if _, err := r.appendNote(nil, alone, notes[0]); err != nil {
			t.Fatal(err)
		}
	}
	if made != 2 {
		t.Errorf("a page rendered alone made its note %d times for two items, want 2", made)
	}
}

// TestNotesPastLimit: once a Render keeps notesMax distinct notes, a note it has no room for
// is still made once a page, however many of the page's items carry it (the items of a plan
// repeat their notes), and again on another page; the notes kept stay reused everywhere.
func TestNotesPastLimit(t *testing.T) {
	made := map[string]int{}
	r := &Renderer{pages: map[string]*template.Template{}, notesMax: 1}
	r.pages["document"] = template.Must(template.New("").Funcs(r.funcs()).Funcs(template.FuncMap{
		"made": func(rows []noteRow) string { made[rows[0].Value]++; return "" },
	}).Parse(`{{define "note"}}{{made .}}{{range .}}[{{.Label}}|{{.Value}}]{{end}}{{end}}`))
	kept := []noteRow{{Label: "完成时限", Value: "年底"}}
	other := []noteRow{{Label: "完成时限", Value: "6月底"}}
	cache := &rowCache{m: map[rowName]map[any]template.HTML{}}
	for _, page := range []*Page{{Layout: "document", rows: cache}, {Layout: "document", rows: cache}} {
		for _, rows := range [][]noteRow{kept, other, other, kept, other} {
			got, err := r.appendNote(nil, page, rows)
			if err != nil {
				t.Fatal(err)
			}
			if want := "[" + rows[0].Label + "|" + rows[0].Value + "]"; string(got) != want {
				t.Errorf("note %v: got %s, want %s", rows, got, want)
			}
		}
	}
	if made["年底"] != 1 || made["6月底"] != 2 {
		t.Errorf("the note kept made %d times (want 1), the other %d times on two pages that carry it thrice each (want 2)", made["年底"], made["6月底"])
	}
}
