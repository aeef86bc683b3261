package check

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

// load loads a site as planportal check does.
func load(t *testing.T, dir string) (*config.Config, *content.Result) {
	t.Helper()
	cfg, res, err := build.Load(build.Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	return cfg, res
}

func lines(ds []*content.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Error())
	}
	return out
}

// TestSiteFixture: testdata/bad has one document per kind of problem; each is reported as
// file:line: field: message, in file and line order.
func TestSiteFixture(t *testing.T) {
	cfg, res := load(t, "testdata/bad")
	rep, err := Site("testdata/bad", cfg, res)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		// front matter, via the loader
		`content/plans/b-front-matter.md:4: published: "2025-13-40" is not a real date (there is no month 13)`,
		// duplicate 索引号 and 文号 across documents
		`content/plans/c-duplicate.md:5: index_number: "001/2025-00001" is already used by content/plans/a-good.md`,
		`content/plans/c-duplicate.md:6: doc_number: "甲卫发〔2025〕1号" is already used by content/plans/a-good.md`,
		// a theme config.toml does not define
		`content/plans/d-theme.md:5: themes: unknown theme "no-such-theme" (want one of reform, from config.toml [[themes]])`,
		// internal links to documents or anchors that do not exist: absolute, relative, autolink
		`content/plans/e-links.md:7: link: broken link /plans/missing-2025/: no document at /plans/missing-2025/`,
		`content/plans/e-links.md:9: link: broken link /plans/a-good/#s9-i9: /plans/a-good/ has no anchor #s9-i9`,
		`content/plans/e-links.md:9: link: broken link ../a-good/#nosuch: /plans/a-good/ has no anchor #nosuch`,
		`content/plans/e-links.md:9: link: broken link https://plans.example.org/plans/gone/: no document at /plans/gone/`,
		// an item without text
		`content/plans/f-empty-item.md:9: item 1.: item has no text`,
		// a file that is not UTF-8 (GBK)
		`content/plans/g-not-utf8.md:2: encoding: file is not UTF-8 (convert it, e.g. iconv -f GBK -t UTF-8)`,
		// placeholders left by new and import
		`content/plans/h-todo.md:2: title: TODO left: write the document's title, e.g. 2025年如皋市卫生健康工作要点`,
		`content/plans/h-todo.md:6: draft: TODO left: remove when the document is ready to publish`,
	}
	if got := lines(rep.Problems); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Documents != 8 {
		t.Errorf("Documents = %d, want 8 (the files of testdata/bad/content/plans)", rep.Documents)
	}
	// Site reports; it does not relabel the loader's own diagnostics.
	for _, e := range res.Errors {
		if e.Field == "encoding" {
			t.Errorf("Site changed the loaded result: %s", e)
		}
	}
}

// TestSiteClean: a-good links to itself three ways (absolute with an anchor, a fragment, the
// portal's full address) and has one item.
func TestSiteClean(t *testing.T) {
	cfg, res := load(t, "testdata/good")
	rep, err := Site("testdata/good", cfg, res)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 || len(rep.Warnings) > 0 {
		t.Errorf("problems %q, warnings %q, want none", lines(rep.Problems), lines(rep.Warnings))
	}
	if rep.Documents != 1 || rep.Items != 1 || rep.Links != 3 {
		t.Errorf("counted %d documents, %d items, %d links; want 1, 1, 3", rep.Documents, rep.Items, rep.Links)
	}
}

// TestThemeIDs: a link may point at an id the theme's layouts put on every page (#main), but
// not at one no layout has.
func TestThemeIDs(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"t\"\nbase_url = \"https://example.org/\"\ntheme = \"plain\"\n\n[sections]\nplans = \"计划\"\n")
	write("themes/plain/layouts/baseof.html", `<main id="main">{{ block "main" . }}{{ end }}</main>`)
	write("content/plans/a.md", "+++\ntitle = \"甲\"\nagency = \"甲委\"\npublished = \"2025-01-02\"\n+++\n\n[正文](/plans/a/#main)，[无此处](/plans/a/#nav)。\n")
	cfg, res := load(t, dir)
	rep, err := Site(dir, cfg, res)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`content/plans/a.md:7: link: broken link /plans/a/#nav: /plans/a/ has no anchor #nav`}
	if got := lines(rep.Problems); !reflect.DeepEqual(got, want) || rep.Links != 2 {
		t.Errorf("problems %q, %d links; want %q, 2 links", got, rep.Links, want)
	}
}

func TestBodyOf(t *testing.T) {
	for _, c := range []struct {
		src, body string
		line      int
	}{
		{"+++\na = 1\n+++\n正文\n", "正文\n", 4},
		{"\ufeff+++\n+++\n\n正文", "\n正文", 3},
		{"+++ \r\na = 1\r\n+++\r\n正文\r\n", "正文\r\n", 4},
		{"正文\n", "", 0},             // no front matter
		{"+++\na = 1\n正文\n", "", 0}, // front matter never closed
	} {
		body, line := bodyOf([]byte(c.src))
		if string(body) != c.body || line != c.line {
			t.Errorf("bodyOf(%q) = %q, %d; want %q, %d", c.src, body, line, c.body, c.line)
		}
	}
}

func TestTodos(t *testing.T) {
	src := "+++\n" +
		"# TODO: title: write the title\n" + // 2
		"title = \"TODO\"\n" + // 3: the same field again
		"agency = \"TODO\"   # TODO: the agency's full name\n" + // 4
		"# TODO\n" + // 5: names no field: the next line's
		"published = \"2025-01-01\"\n" +
		"+++\n" +
		"TODO in the body is text\n"
	want := []string{
		"x.md:2: title: TODO left: write the title",
		"x.md:4: agency: TODO left: the agency's full name",
		"x.md:5: published: TODO left: placeholder to fill in",
	}
	if got := lines(todos("x.md", []byte(src))); !reflect.DeepEqual(got, want) {
		t.Errorf("todos:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
