package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/content"
)

// newSite makes an empty site with the bundled config.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "plans"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestNew(t *testing.T) {
	dir := newSite(t)
	code, out, errs := runCLI(t, "new", "--source", dir, "plans/rugao-2025")
	if code != 0 {
		t.Fatalf("new exited %d: %s", code, errs)
	}
	path := filepath.Join(dir, "content", "plans", "rugao-2025.md")
	if !strings.Contains(out, path) {
		t.Errorf("stdout %q does not name %s", out, path)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	today := time.Now().Format("2006-01-02")
	if !strings.Contains(s, `published = "`+today+`"`) {
		t.Errorf("no published = today (%s) in\n%s", today, s)
	}
	// Every front matter field is there, the optional ones commented out.
	for _, f := range []string{"title = ", "agency = ", "published = ", "# written = ", "# province = ", "# region = ",
		"# doc_number = ", "# index_number = ", "# category = ", "# themes = ", "# disclosure = ", "# validity = ",
		"# source = ", "# summary = ", "draft = true"} {
		if !strings.Contains(s, "\n"+f) {
			t.Errorf("scaffold lacks %q:\n%s", f, s)
		}
	}
	// … and so is any field added to the registry later.
	for _, f := range content.Fields() {
		line := f.Key + " = "
		if !f.Required && f.Key != "draft" {
			line = "# " + line
		}
		if !strings.Contains(s, "\n"+line) {
			t.Errorf("scaffold lacks the registry's field %s as %q:\n%s", f.Key, line, s)
		}
	}
	// It loads cleanly (a draft with placeholders), and check lists what is left to do.
	doc, diags := content.NewLoader(content.Options{}).Parse("content/plans/rugao-2025.md", src)
	for _, d := range diags {
		t.Errorf("scaffold does not load cleanly: %v", d)
	}
	if !doc.Meta.Draft {
		t.Error("scaffold is not a draft")
	}
	code, _, errs = runCLI(t, "check", "--source", dir)
	if code != 1 || !strings.Contains(errs, "content/plans/rugao-2025.md:2: title: TODO left") ||
		!strings.Contains(errs, "content/plans/rugao-2025.md:4: agency: TODO left") {
		t.Errorf("check on a fresh scaffold = %d:\n%s", code, errs)
	}

	// It never overwrites.
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCLI(t, "new", "--source", dir, "plans/rugao-2025")
	if code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("new over an existing file = %d, %q", code, errs)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Errorf("new overwrote the file: %q", b)
	}
}

func TestNewRejectsBadNames(t *testing.T) {
	dir := newSite(t)
	for _, arg := range []string{"../escape", "plans/../../escape", "/tmp/plans/x", "plans/x/y", "plans/Rugao",
		"plans/如皋", "plans/", "plans", "plans/a b", `plans\x`, "plans/.hidden", "plans/-x", "nosuch/x"} {
		code, _, errs := runCLI(t, "new", "--source", dir, arg)
		if code != 2 {
			t.Errorf("new %q exited %d (%s), want 2", arg, code, strings.TrimSpace(errs))
		}
	}
	ents, _ := os.ReadDir(filepath.Join(dir, "content", "plans"))
	if len(ents) != 0 {
		t.Errorf("bad names created files: %v", ents)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.md")); err == nil {
		t.Error("a name escaped the content directory")
	}
	// content/plans/x.md and x.md spelled out are fine.
	if code, _, errs := runCLI(t, "new", "--source", dir, "content/plans/ok-1.md"); code != 0 {
		t.Errorf("new content/plans/ok-1.md = %d: %s", code, errs)
	}
}
