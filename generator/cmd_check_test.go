package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFixture: testdata/check/bad has one document per kind of problem; check reports
// each as file:line: field: message and exits 1.
func TestCheckFixture(t *testing.T) {
	code, out, errs := runCLI(t, "check", "--source", "testdata/check/bad")
	if code != 1 {
		t.Fatalf("check exited %d, want 1\nstdout: %s\nstderr: %s", code, out, errs)
	}
	want := []string{
		// front matter, via the loader
		`content/plans/b-front-matter.md:4: published: "2025-13-40" is not a date (want YYYY-MM-DD)`,
		// duplicate 索引号 and 文号 across documents
		`content/plans/c-duplicate.md:5: index_number: "001/2025-00001" is already used by content/plans/a-good.md`,
		`content/plans/c-duplicate.md:6: doc_number: "甲卫发〔2025〕1号" is already used by content/plans/a-good.md`,
		// a theme config.toml does not define
		`content/plans/d-theme.md:5: themes: unknown theme "no-such-theme" (want one of the slugs in config.toml [[themes]])`,
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
		`check failed: 12 problems in 8 documents`,
	}
	got := strings.Split(strings.TrimSpace(errs), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("check output:\n%s\nwant:\n%s", errs, strings.Join(want, "\n"))
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
	// Valid links are not reported: a-good links to itself three ways, e-links to a-good,
	// to an external site and to the search page.
	for _, ok := range []string{"a-good.md", "external", "nhc.gov.cn", "/search/"} {
		if strings.Contains(errs, ok) && !strings.Contains(errs, "already used by content/plans/a-good.md") {
			t.Errorf("a valid link reported: %s", ok)
		}
	}
}

func TestCheckClean(t *testing.T) {
	code, out, errs := runCLI(t, "check", "--source", "testdata/check/good")
	if code != 0 || out != "checked 1 document (1 item, 3 internal links): no problems\n" || errs != "" {
		t.Errorf("check = %d\nstdout: %q\nstderr: %q", code, out, errs)
	}
}

// TestCheckBundled: the bundled content is clean.
func TestCheckBundled(t *testing.T) {
	code, out, errs := runCLI(t, "check", "--source", repoRoot)
	if code != 0 || !strings.HasPrefix(out, "checked 19 documents") || errs != "" {
		t.Errorf("check = %d\nstdout: %q\nstderr: %q", code, out, errs)
	}
}

// TestCheckWritesNothing: check leaves the site directory exactly as it was.
func TestCheckWritesNothing(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "testdata/check/bad", dir)
	before := treeState(t, dir)
	if code, _, _ := runCLI(t, "check", "--source", dir); code != 1 {
		t.Errorf("check exited %d, want 1", code)
	}
	if after := treeState(t, dir); after != before {
		t.Errorf("check changed the site directory:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// treeState lists every file and directory under dir with its size and modification time.
func treeState(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %d %s\n", p, fi.Size(), fi.ModTime())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCheckBadConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte("title = \"x\"\nbase_url = \"nope\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "check", "--source", dir)
	if code != 1 || !strings.Contains(errs, "config.toml:2: base_url:") {
		t.Errorf("check = %d, stderr %q", code, errs)
	}
}
