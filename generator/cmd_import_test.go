package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planportal/planportal/generator/msg"
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

	// Never overwrite without --force; --force is offered for the same document only.
	code, _, errs = runCLI(t, "import", "--out", out, "--name", "shili-2025", in)
	if code != 1 || !strings.Contains(errs, "imported from the same file before; add --force") {
		t.Errorf("import again from the same file = %d, %q", code, errs)
	}
	if err := os.WriteFile(dest, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCLI(t, "import", "--out", out, "--name", "shili-2025", in)
	if code != 1 || !strings.Contains(errs, "is another document") || strings.Contains(errs, "--force") {
		t.Errorf("import over another document = %d, %q", code, errs)
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
	if !strings.Contains(stdout, "encoding   GBK") || !strings.Contains(stdout, "yixian-2025.md") || !strings.Contains(stdout, "bare.md") {
		t.Errorf("report:\n%s", stdout)
	}
	md, _ := os.ReadFile(filepath.Join(out, "yixian-2025.md"))
	if !strings.Contains(string(md), `title = "2025年乙县卫生健康工作要点"`) || !strings.Contains(string(md), `region = "乙县"`) {
		t.Errorf("GBK import:\n%s", md)
	}
	// Both have TODOs (no agency, no date): check says so, per field.
	code, _, errs = runCLI(t, "check", "--source", dir)
	if code != 1 || !strings.Contains(errs, "content/plans/yixian-2025.md:3: agency: TODO left: 发布机构 not found in the text") {
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

// TestImportNamesAndDuplicates: names from region and year in pinyin, the next free one for a
// second document, and a 索引号 or 文号 that another document has, reported at import; in
// Chinese by default.
func TestImportNamesAndDuplicates(t *testing.T) {
	defer msg.SetEnglish(false)()
	msg.SetEnglish(false)
	dir := newSite(t)
	out := filepath.Join(dir, "content", "plans")
	src := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("湖州市2025年卫生健康工作要点.txt", "索引号: 001/2025-00077 文号: 湖卫健发〔2025〕9号\n2025年湖州市卫生健康工作要点\n一、总体要求\n1.落实责任。\n")
	b := write("工作要点.txt", "索引号: 001/2025-00077\n2025年湖州市卫生健康工作要点\n一、加强领导\n1.落实责任。\n")
	code, stdout, errs := runCLI(t, "import", "--out", out, a)
	if code != 0 || !strings.Contains(stdout, filepath.Join(out, "huzhou-2025.md")) {
		t.Fatalf("import = %d, want huzhou-2025.md:\n%s%s", code, stdout, errs)
	}
	if !strings.Contains(stdout, "  编码       UTF-8") {
		t.Errorf("report not in Chinese:\n%s", stdout)
	}
	code, stdout, errs = runCLI(t, "import", "--out", out, b)
	if code != 0 || !strings.Contains(stdout, filepath.Join(out, "huzhou-2025-2.md")) {
		t.Fatalf("second import = %d, want huzhou-2025-2.md:\n%s%s", code, stdout, errs)
	}
	if want := `: 索引号: "001/2025-00077" 已被 content/plans/huzhou-2025.md 使用`; !strings.Contains(stdout, "重复       content/plans/huzhou-2025-2.md:") || !strings.Contains(stdout, want) {
		t.Errorf("no %q in\n%s", want, stdout)
	}
	if first, _ := os.ReadFile(filepath.Join(out, "huzhou-2025.md")); !strings.Contains(string(first), `doc_number = "湖卫健发〔2025〕9号"`) {
		t.Errorf("the first document changed:\n%s", first)
	}
}

// TestImportPDFWithoutPdftotext: without poppler, a PDF import says in Chinese which package
// to install.
func TestImportPDFWithoutPdftotext(t *testing.T) {
	defer msg.SetEnglish(false)()
	t.Setenv("PATH", t.TempDir())
	pdf := filepath.Join(t.TempDir(), "plan.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "import", "--out", t.TempDir(), pdf)
	if code != 1 || !strings.Contains(errs, "poppler-utils") || !strings.Contains(errs, "pdftotext") {
		t.Errorf("import of a PDF without pdftotext = %d, %q", code, errs)
	}
}
