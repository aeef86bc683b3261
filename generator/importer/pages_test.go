package importer

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/content"
)

// pageFixture is a real disclosure page as an officer pastes it (testdata/pages/*.txt) and
// what a reader finds in it, checked by hand against the page: "#! key: value" lines above a
// "===" line, the page's text below it.
type pageFixture struct {
	source, layout string
	name           string            // the file name import suggests ("" when the page names no place)
	fields         map[string]string // front matter key → the value the text states
	missing        []string          // required fields the text does not state
	absent         []string          // fields the page lists without a value (文号: |)
	chrome         []string          // text of the page's chrome, never in the body
	keep           []string          // numbering and text that start a line of the body, as written
	inside         []string          // numbering inside a paragraph (一是, 二是), kept as written
	text           []byte
}

func readPageFixture(t *testing.T, path string) pageFixture {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, text, ok := strings.Cut(string(b), "\n=== page as pasted\n")
	if !ok {
		t.Fatalf("%s: no \"=== page as pasted\" line", path)
	}
	f := pageFixture{fields: map[string]string{}, text: []byte(text)}
	sc := bufio.NewScanner(strings.NewReader(head))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "#! "), ": ")
		if !ok || !strings.HasPrefix(sc.Text(), "#! ") {
			t.Fatalf("%s: %q is not a #! key: value line", path, sc.Text())
		}
		switch k {
		case "source":
			f.source = v
		case "layout":
			f.layout = v
		case "name":
			f.name = v
		case "missing":
			f.missing = append(f.missing, v)
		case "absent":
			f.absent = append(f.absent, v)
		case "chrome":
			f.chrome = append(f.chrome, v)
		case "keep":
			f.keep = append(f.keep, v)
		case "inside":
			f.inside = append(f.inside, v)
		default:
			if content.FieldByKey(k) == nil {
				t.Fatalf("%s: %q is not a front matter field", path, k)
			}
			f.fields[k] = v
		}
	}
	if !strings.HasPrefix(f.source, "http") {
		t.Fatalf("%s: no source URL", path)
	}
	return f
}

// TestRealPages imports real disclosure pages of different layouts, none of them a seed, and
// checks every field the page states, that its chrome is gone and that its numbering is kept
// as written.
func TestRealPages(t *testing.T) {
	paths, _ := filepath.Glob("testdata/pages/*.txt")
	if len(paths) < 8 {
		t.Fatalf("found %d pages in testdata/pages, want at least 8", len(paths))
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			fx := readPageFixture(t, path)
			for _, s := range seeds {
				if strings.Contains(fx.source, s.seed) {
					t.Fatalf("%s is a seed", fx.source)
				}
			}
			rel := "content/plans/" + name + ".md"
			res, err := Import(fx.text, Options{Source: fx.source, Path: rel, Today: "2026-01-01"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Report.Problems) > 0 {
				t.Errorf("loader problems: %v", res.Report.Problems)
			}
			doc := load(t, rel, res.Markdown)
			if doc == nil {
				t.Fatal("does not load")
			}
			for k, want := range fx.fields {
				got := metaString(doc.Meta.Get(k))
				if got != want {
					t.Errorf("%s = %q, want %q (the page states it)", k, got, want)
				}
			}
			if got := res.Name(); got != fx.name {
				t.Errorf("name %q, want %q", got, fx.name)
			}
			for _, k := range fx.missing {
				if !slices.Contains(res.Report.Missing, k) {
					t.Errorf("%s: want it reported missing, report says missing %v", k, res.Report.Missing)
				}
			}
			for _, k := range fx.absent {
				if v := doc.Meta.Get(k); v != nil {
					t.Errorf("%s = %v, want none: the page lists it empty", k, v)
				}
			}
			body := string(res.Markdown[strings.Index(string(res.Markdown[3:]), "+++")+6:])
			for _, c := range fx.chrome {
				if strings.Contains(body, c) {
					t.Errorf("chrome %q left in the body:\n%s", c, body)
				}
			}
			for _, k := range fx.keep {
				if !strings.Contains(body, "\n"+k) {
					t.Errorf("no line of the body starts with %q:\n%s", k, body)
				}
			}
			for _, k := range fx.inside {
				if !strings.Contains(body, k) {
					t.Errorf("body lost %q:\n%s", k, body)
				}
			}
		})
	}
}

func metaString(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case content.Date:
		return t.Format("2006-01-02")
	case []string:
		return strings.Join(t, ", ")
	}
	return ""
}
