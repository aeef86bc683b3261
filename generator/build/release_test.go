package build

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// TestReleasedTextIsNotRead: the site owns its documents' text. Its lists hold heads, which
// have none, so a reader after analysis gets a document's text from the site (site.Site.Body)
// or not at all; once the site has let every text go (Release, as Run does after the index,
// the last reader), every output that shows a document's text is an error naming the file,
// and every other output is made exactly as before. The bundled site: plan pages with
// annexes, notes and targets, theme pages, the open data.
//
// Which outputs show a document's text is told from the loaded documents themselves: a plan
// page has the ids of its items, its data file their anchors, a theme page its entries, and
// items.csv every item. A reader that went around Body would find no text in a head, and its
// output would lack them before the release.
func TestReleasedTextIsNotRead(t *testing.T) {
	cfg, res, err := Load(Options{Source: filepath.Join("..", "..")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	s := site.Build(cfg, res.Documents, site.Options{})
	for _, h := range append(slices.Clone(s.Documents), s.Scheduled...) {
		if h.Main != nil || h.Annexes != nil {
			t.Fatalf("%s: the site's lists hold the document's text", h.Path)
		}
	}
	r, err := render.New(cfg, filepath.Join("..", "..", "themes", cfg.Theme))
	if err != nil {
		t.Fatal(err)
	}
	files, conflicts := r.Files(s)
	if len(conflicts) > 0 {
		t.Fatal(conflicts)
	}
	before := map[string][]byte{}
	for name, f := range files {
		b, err := f()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		before[name] = b
	}
	// shows: the outputs that show a document's text, and why we know.
	shows := map[string]string{}
	for _, h := range s.Documents {
		d, err := s.Body(h)
		if err != nil {
			t.Fatal(err)
		}
		if d == h || len(d.Parts()) == 0 {
			t.Fatalf("%s: Body gave no text", h.Path)
		}
		n := 0
		d.Passages(func(p content.Passage) {
			n++
			page, data := urls.File(d.URL), urls.File(urls.DocData(d.URL))
			if !bytes.Contains(before[page], []byte(`id="`+p.Anchor()+`"`)) {
				t.Errorf("%s: its page has no passage %s", d.Path, p.Anchor())
			}
			if !bytes.Contains(before[data], []byte(`"anchor":"`+p.Anchor()+`"`)) {
				t.Errorf("%s: its data file has no passage %s", d.Path, p.Anchor())
			}
			shows[page], shows[data] = "its passages", "its passages"
		})
		if n == 0 {
			t.Fatalf("%s: no passages", d.Path)
		}
	}
	themes, items := 0, ""
	for name, b := range before {
		switch {
		case strings.HasPrefix(name, "themes/") && bytes.Contains(b, []byte(`<ul class="entries">`)):
			shows[name] = "its entries"
			themes++
		case strings.HasSuffix(name, "/items.csv.zip"):
			shows[name], items = "every item", name
		}
	}
	if len(shows) < 2*len(s.Documents) || themes == 0 || items == "" {
		t.Fatalf("%d outputs show a text (%d theme pages, items.csv %q) for %d documents: the fixture is to have every kind", len(shows), themes, items, len(s.Documents))
	}
	if _, err := indexDocs(t.TempDir(), s, s.Documents, 1, 1, nil, false); err != nil {
		t.Fatal(err)
	}

	for _, d := range s.Documents {
		s.Release(d)
	}
	for _, d := range res.Documents {
		if d.Main == nil && len(d.Annexes) == 0 {
			t.Fatalf("%s: releasing changed the loaded document", d.Path)
		}
	}
	// A page made before the release has its text already (Files makes each page's data
	// when it lists it, as Render does when the page's turn comes): the outputs listed again.
	after, _ := r.Files(s)
	if len(after) != len(files) {
		t.Fatalf("%d outputs after the release, %d before", len(after), len(files))
	}
	for name, f := range after {
		b, err := f()
		switch {
		case shows[name] != "":
			if !errors.Is(err, site.ErrReleased) || !strings.Contains(err.Error(), "content/") {
				t.Errorf("%s (it shows %s) after the release: error %v, want site.ErrReleased naming the file", name, shows[name], err)
			}
		case err != nil:
			t.Errorf("%s shows no document's text, but after the release: %v", name, err)
		case !bytes.Equal(b, before[name]):
			t.Errorf("%s shows no document's text, but is not the same after the release", name)
		}
	}
	if _, err := indexDocs(t.TempDir(), s, s.Documents, 1, 1, nil, false); !errors.Is(err, site.ErrReleased) {
		t.Errorf("the index after the release: error %v, want site.ErrReleased", err)
	}
	if _, err := r.Render(s, discardOutput{}, nil); !errors.Is(err, site.ErrReleased) {
		t.Errorf("the render after the release: error %v, want site.ErrReleased", err)
	}
}
