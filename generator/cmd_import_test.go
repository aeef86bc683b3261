package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestImportCommand(t *testing.T) {
	dir := newSite(t)
	out := filepath.Join(dir, "content", "plans")
	in := filepath.Join("importer", "testdata", "web-page.txt")
	code, stdout, errs := runCLI(t, "import", in, "--out", out, "--name", "shili-2025")
	if code != 0 {
		t.Fatalf("import exited %d: %s", code, errs)
	}
	dest := filepath.Join(out, "shili-2025.md")
	for _, want := range []string{in + " → " + dest, "encoding   UTF-8", "found      title", "structure  2 sections", "9 lines of page chrome"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
	first, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	// The imported document passes check: nothing was left to do in this one.
	if code, out, errs := runCLI(t, "check", "--source", dir); code != 0 {
		t.Errorf("check after import = %d\n%s%s", code, out, errs)
	}

	// Never overwrite without --force.
	if err := os.WriteFile(dest, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCLI(t, "import", "--out", out, "--name", "shili-2025", in)
	if code != 1 || !strings.Contains(errs, "exists; not overwritten (use --force") {
		t.Errorf("import over an existing file = %d, %q", code, errs)
	}
	if b, _ := os.ReadFile(dest); string(b) != "edited" {
		t.Error("import overwrote an existing file without --force")
	}
	if code, _, errs = runCLI(t, "import", "--force", "--out", out, "--name", "shili-2025", in); code != 0 {
		t.Errorf("import --force = %d: %s", code, errs)
	}
	if b, _ := os.ReadFile(dest); string(b) != string(first) {
		t.Error("import --force did not rewrite the file")
	}

	// A GBK file, several files at once, names from the file names.
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("2025年乙县卫生健康工作要点\n\n一、加强领导\n1.落实责任。\n"))
	if err != nil {
		t.Fatal(err)
	}
	g := filepath.Join(t.TempDir(), "Yi Xian 2025.TXT")
	if err := os.WriteFile(g, gbk, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, errs = runCLI(t, "import", "--out", out, g, filepath.Join("importer", "testdata", "bare.txt"))
	if code != 0 {
		t.Fatalf("import of two files = %d: %s", code, errs)
	}
	if !strings.Contains(stdout, "encoding   GBK") || !strings.Contains(stdout, "yi-xian-2025.md") || !strings.Contains(stdout, "bare.md") {
		t.Errorf("report:\n%s", stdout)
	}
	md, _ := os.ReadFile(filepath.Join(out, "yi-xian-2025.md"))
	if !strings.Contains(string(md), `title = "2025年乙县卫生健康工作要点"`) || !strings.Contains(string(md), `region = "乙县"`) {
		t.Errorf("GBK import:\n%s", md)
	}
	// Both have TODOs (no agency, no date): check says so, per field.
	code, _, errs = runCLI(t, "check", "--source", dir)
	if code != 1 || !strings.Contains(errs, "content/plans/yi-xian-2025.md:3: agency: TODO left: 发布机构 not found in the text") {
		t.Errorf("check = %d:\n%s", code, errs)
	}
}

func TestImportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"import"},
		{"import", "--name", "Bad Name", "x.txt"},
		{"import", "--name", "a", "x.txt", "y.txt"},
		{"import", "--nosuchflag", "x.txt"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v exited %d, want 2", args, code)
		}
	}
	if code, _, errs := runCLI(t, "import", "--out", t.TempDir(), "no/such/file.txt"); code != 1 || !strings.Contains(errs, "no/such/file.txt") {
		t.Errorf("missing file = %d, %q", code, errs)
	}
}
