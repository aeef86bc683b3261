package render

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"sort"
	"strings"
	"sync"
	"testing"
	"text/template/parse"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/site"
)

// memOutput keeps every file Render writes, by name.
type memOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

type memFile struct {
	o    *memOutput
	name string
	b    bytes.Buffer
}

func (o *memOutput) Create(name string) (io.WriteCloser, error) {
	return &memFile{o: o, name: name}, nil
}

func (f *memFile) Write(p []byte) (int, error) { return f.b.Write(p) }

func (f *memFile) Close() error {
	f.o.mu.Lock()
	f.o.files[f.name] = f.b.Bytes()
	f.o.mu.Unlock()
	return nil
}

// placedCalls counts, by fragment, the actions of the layouts that call place.
func placedCalls(r *Renderer) map[string]int {
	calls := map[string]int{}
	for _, k := range pageKinds {
		for _, t := range r.pages[k.layout].Templates() {
			if t.Tree == nil {
				continue
			}
			eachAction(t.Tree.Root, func(x *parse.ActionNode) bool {
				for _, c := range x.Pipe.Cmds {
					if id, ok := c.Args[0].(*parse.IdentifierNode); ok && strings.HasPrefix(id.Ident, placeName) {
						calls[strings.TrimPrefix(id.Ident, placeName)]++
					}
				}
				return false
			})
		}
	}
	return calls
}

// TestPlacedMatchReturned: every page Render writes, its fragments appended in place into the
// page (place), has the bytes RenderPage makes of it, where each fragment is returned as a
// string and printed: on a site of 30 plans generated from the bundled ones, with theme pages,
// unit pages and lists of targets. Each placed fragment must be placed somewhere in the default
// theme, or this would compare a path with itself.
func TestPlacedMatchReturned(t *testing.T) {
	cfg, s := GeneratedSite(t, 30, 3)
	r, err := New(cfg, testThemeDir)
	if err != nil {
		t.Fatal(err)
	}
	calls := placedCalls(r)
	for name := range placed {
		if calls[name] == 0 {
			t.Errorf("%s: no action of the default theme places it (%v)", name, calls)
		}
	}
	out := &memOutput{files: map[string][]byte{}}
	if _, err := r.Render(s, out, nil); err != nil {
		t.Fatal(err)
	}
	files, _ := r.Files(s)
	layouts := map[string]int{}
	r.eachPageJob(s, func(j pageJob) {
		layouts[j.page.Layout]++
		got, ok := out.files[j.file]
		if !ok {
			t.Errorf("%s: not written", j.file)
			return
		}
		want, err := files[j.file]()
		if err != nil {
			t.Fatalf("%s: %v", j.file, err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: Render wrote %d bytes, RenderPage makes %d; first difference at %d: %q, want %q",
				j.file, len(got), len(want), i, got[i:min(len(got), i+80)], want[i:min(len(want), i+80)])
		}
	})
	var kinds []string
	for _, k := range []string{"document", "theme", "unit", "indicators", "subject"} {
		if layouts[k] == 0 {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	if len(kinds) > 0 {
		t.Errorf("the site has no page of the layouts %s", strings.Join(kinds, ", "))
	}
}

// TestPlaceNested: place appends a fragment to the page being written only at the page's own
// level: a fragment that another placed fragment asks for is returned as the function returns
// it, and the page's buffer is the page's again afterwards; with no page being written, or a $
// that is not a page, the fragment is returned.
func TestPlaceNested(t *testing.T) {
	gs := []*site.ThemeGroup{{Name: "海安市<", ID: "g-haian", URL: "/regions/haian/"}}
	want, err := themeGroups(gs)
	if err != nil {
		t.Fatal(err)
	}
	groups := placing(appendThemeGroups)
	buf := []byte("<main>")
	p := &Page{out: &buf}
	var inner template.HTML
	nested := placing(func(b []byte, _ int) ([]byte, error) {
		var err error
		// What the fragment asks for while it is placed: returned, not placed.
		inner, err = groups(p, gs)
		return append(b, "[nested]"...), err
	})
	if h, err := nested(p, 0); err != nil || h != "" {
		t.Fatalf("placed: %q, %v; want nothing returned", h, err)
	}
	if inner != want {
		t.Errorf("the nested fragment: %q, want %q", inner, want)
	}
	if got := string(buf); got != "<main>[nested]" {
		t.Errorf("the page: %q, want %q", got, "<main>[nested]")
	}
	if p.out != &buf {
		t.Error("the page's buffer was not given back")
	}
	if h, err := groups(p, gs); err != nil || h != "" || string(buf) != "<main>[nested]"+string(want) {
		t.Errorf("placed at the page's level: %q, %v; page %q", h, err, buf)
	}
	if h, err := groups(&Page{}, gs); err != nil || h != want {
		t.Errorf("without a page being written: %q, %v; want %q", h, err, want)
	}
	if h, err := groups(chrome{}, gs); err != nil || h != want {
		t.Errorf("with $ not a page: %q, %v; want %q", h, err, want)
	}
	failing := placing(func(b []byte, _ int) ([]byte, error) { return append(b, "half"...), errors.New("failed") })
	if _, err := failing(p, 0); err == nil || string(buf) != "<main>[nested]"+string(want) {
		t.Errorf("a fragment that fails: %v; page %q, want what it appended taken back", err, buf)
	}
}

// TestPlaceInRow: a row whose template places a fragment with the page as its $ gets the
// fragment in the row, not in the page around it.
func TestPlaceInRow(t *testing.T) {
	cfg := &config.Config{Language: "zh-CN", BaseURL: "https://example.org/"}
	r, err := New(cfg, testThemeDir)
	if err != nil {
		t.Fatal(err)
	}
	set := template.Must(template.New("").Funcs(r.funcs()).Parse(`{{define "test-row"}}<div>{{headMeta .}}</div>{{end}}`))
	_ = set.ExecuteTemplate(io.Discard, "test-row", nil) // escaped, as escapeDirect does
	if n := placeNode(set.Lookup("test-row").Tree.Root); n != 0 {
		t.Fatalf("placed %d actions before trustHTML left them without an escaper", n)
	}
	trustTemplates(set, trustedFuncs(r.funcs()))
	if n := placeNode(set.Lookup("test-row").Tree.Root); n != 1 {
		t.Fatalf("placed %d actions, want 1", n)
	}
	set.Funcs(r.placeFuncs())
	r.pages["test"] = set
	p := &Page{Config: cfg, Layout: "test", Title: "标题"}
	want := "<div>" + string(r.headMeta(p)) + "</div>"
	buf := []byte("<head>")
	p.out = &buf
	h, err := r.row(p, "test-row", p)
	if err != nil {
		t.Fatal(err)
	}
	if string(h) != want || string(buf) != "<head>" {
		t.Errorf("row %q, page %q; want row %q, page %q", h, buf, want, "<head>")
	}
}
