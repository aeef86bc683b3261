package build

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/internal/sitetest"
)

// siteDocs is the number of documents of the test site.
const siteDocs = 3

// copySources writes the test site (testdata/site.txtar) into a temporary directory.
func copySources(t *testing.T) string {
	t.Helper()
	return sitetest.WriteFile(t, filepath.Join("testdata", "site.txtar"))
}

func TestNoOpRebuild(t *testing.T) {
	src := copySources(t)
	o := Options{Source: src}
	run := func(what string, wantUpToDate bool) {
		t.Helper()
		r, err := Run(o)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if r.UpToDate != wantUpToDate {
			t.Errorf("%s: UpToDate = %v, want %v", what, r.UpToDate, wantUpToDate)
		}
		if r.Documents != siteDocs {
			t.Errorf("%s: %d documents, want %d", what, r.Documents, siteDocs)
		}
	}
	run("first build", false)
	run("second build, nothing changed", true)

	doc := filepath.Join(src, "content", "plans", "haian-2025.md")
	b, _ := os.ReadFile(doc)
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(doc, later, later); err != nil {
		t.Fatal(err)
	}
	run("a file touched but not changed", true)
	if err := os.WriteFile(doc, append(b, []byte("\n补充一段文字。\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	run("a document edited", false)
	if p, _ := os.ReadFile(filepath.Join(src, "public", "plans", "haian-2025", "index.html")); !strings.Contains(string(p), "补充一段文字") {
		t.Errorf("the edit is not published")
	}
	run("after the edit", true)

	css := filepath.Join(src, "themes", "default", "static", "style.css")
	c, _ := os.ReadFile(css)
	if err := os.WriteFile(css, append(c, []byte("\n.x{color:red}\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	run("the theme changed", false)

	o.Force = true
	run("--force", false)
	o.Force = false

	if err := os.RemoveAll(filepath.Join(src, "public")); err != nil {
		t.Fatal(err)
	}
	run("public/ deleted", false)
	o.NoIndex = true
	run("other options", false)
}

// TestDamagedOutputRebuilds checks that a published page deleted or edited by hand, or a
// file of the index deleted, makes the next build a real one that restores it, although no
// input changed.
func TestDamagedOutputRebuilds(t *testing.T) {
	src := copySources(t)
	o := Options{Source: src}
	page := filepath.Join(src, "public", "plans", "haian-2025", "index.html")
	if _, err := Run(o); err != nil {
		t.Fatal(err)
	}
	orig, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	indexFile := ""
	filepath.WalkDir(filepath.Join(src, "search.bleve")+string(filepath.Separator), func(p string, d os.DirEntry, err error) error {
		if err == nil && filepath.Ext(p) == ".zap" && indexFile == "" {
			indexFile = p
		}
		return nil
	})
	if indexFile == "" {
		t.Fatal("the index has no segment file")
	}
	for _, tc := range []struct {
		name   string
		damage func() error
	}{
		{"a page deleted", func() error { return os.Remove(page) }},
		{"a page edited by hand", func() error { return os.WriteFile(page, []byte("<p>改坏了</p>"), 0o644) }},
		{"a file of the index deleted", func() error { return os.Remove(indexFile) }},
	} {
		if r, err := Run(o); err != nil || !r.UpToDate {
			t.Fatalf("before %s: UpToDate = %v, %v", tc.name, r != nil && r.UpToDate, err)
		}
		if err := tc.damage(); err != nil {
			t.Fatal(err)
		}
		r, err := Run(o)
		if err != nil {
			t.Fatal(err)
		}
		if r.UpToDate {
			t.Errorf("%s: the next build is up to date", tc.name)
		}
		if b, _ := os.ReadFile(page); string(b) != string(orig) {
			t.Errorf("%s: the page is not restored", tc.name)
		}
	}
}

// TestEditRebuildLinksUnchangedPages: after an edit, the rebuild publishes a new version in
// which the pages the edit did not change are the files already published (linked, not
// written again), and the changed ones are new files. A 5,000-plan rebuild otherwise writes
// and then deletes two gigabytes for one edited paragraph.
func TestEditRebuildLinksUnchangedPages(t *testing.T) {
	src := copySources(t)
	if _, err := Run(Options{Source: src}); err != nil {
		t.Fatal(err)
	}
	page := func(slug string) string { return filepath.Join(src, "public", "plans", slug, "index.html") }
	other, edited := page("huzhou-2025"), page("haian-2025")
	before := map[string]os.FileInfo{}
	for _, p := range []string{other, edited} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		before[p] = fi
	}
	doc := filepath.Join(src, "content", "plans", "haian-2025.md")
	b, _ := os.ReadFile(doc)
	if err := os.WriteFile(doc, append(b, []byte("\n补充一段文字。\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{Source: src}); err != nil {
		t.Fatal(err)
	}
	after := func(p string) os.FileInfo {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	if !os.SameFile(before[other], after(other)) {
		t.Errorf("%s did not change but was written again", other)
	}
	if os.SameFile(before[edited], after(edited)) {
		t.Errorf("%s changed but is the file published before", edited)
	}
	if p, _ := os.ReadFile(edited); !strings.Contains(string(p), "补充一段文字") {
		t.Errorf("the edit is not published")
	}
}

// TestStampListsEveryOutput: the files the stamp covers, which the build lists from what it
// wrote instead of walking public/ again, are every file under public/ and the index, on a
// first build and on a rebuild that links the unchanged pages from the last one.
func TestStampListsEveryOutput(t *testing.T) {
	src := copySources(t)
	o := Options{Source: src}
	o.defaults()
	check := func(what string) {
		t.Helper()
		if _, err := Run(o); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		b, err := os.ReadFile(stampPath(o.Dest))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var st stamp
		if err := json.Unmarshal(b, &st); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		got := strings.Split(st.Files, "\n")
		var want []string
		for _, dir := range []string{o.Dest, o.Index} {
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if !d.IsDir() {
					want = append(want, p)
				}
				return nil
			})
		}
		slices.Sort(got)
		slices.Sort(want)
		if len(want) < 10 {
			t.Fatalf("%s: only %d files published", what, len(want))
		}
		if !slices.Equal(got, want) {
			for _, f := range want {
				if !slices.Contains(got, f) {
					t.Errorf("%s: %s is published but not in the stamp", what, f)
				}
			}
			for _, f := range got {
				if !slices.Contains(want, f) {
					t.Errorf("%s: %s is in the stamp but not published", what, f)
				}
			}
		}
	}
	check("first build")
	doc := filepath.Join(src, "content", "plans", "haian-2025.md")
	b, _ := os.ReadFile(doc)
	if err := os.WriteFile(doc, append(b, []byte("\n补充一段文字。\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	check("rebuild after an edit")
}

// TestInputDigestReusesItsBuffer: hashing the inputs reads every file through one buffer. A
// buffer per file (io.Copy's 32 KB) was 160 MB and some 45 collections before loading began
// at 5,000 plans; the bytes allocated per file must stay well under one such buffer.
func TestInputDigestReusesItsBuffer(t *testing.T) {
	src := copySources(t)
	const files = 200
	for i := range files {
		p := filepath.Join(src, "content", "plans", fmt.Sprintf("extra-%03d.md", i))
		if err := os.WriteFile(p, []byte(strings.Repeat("医", 300)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o := Options{Source: src}
	o.defaults()
	if _, err := inputDigest(o, "default"); err != nil { // warm: the program's own hash aside
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := inputDigest(o, "default"); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / files; per > 8<<10 {
		t.Errorf("hashing the inputs allocated %d bytes per file, want at most %d", per, 8<<10)
	}
}
