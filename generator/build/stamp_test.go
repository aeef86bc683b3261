package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// site copies the bundled site's sources into a temporary directory.
func copySources(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"content", "themes", "config.toml"} {
		if out, err := exec.Command("cp", "-r", filepath.Join("..", "..", p), dir).CombinedOutput(); err != nil {
			t.Fatalf("cp %s: %v\n%s", p, err, out)
		}
	}
	return dir
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
		if r.Documents != 19 {
			t.Errorf("%s: %d documents, want 19", what, r.Documents)
		}
	}
	run("first build", false)
	run("second build, nothing changed", true)

	doc := filepath.Join(src, "content", "plans", "haian-2025.md")
	b, _ := os.ReadFile(doc)
	if err := exec.Command("touch", doc).Run(); err != nil {
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
