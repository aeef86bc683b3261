package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBuildListsHeldBack checks that build names every document it holds back as dated after
// today, after its summary, in the build that holds it back and in the up-to-date one after.
func TestBuildListsHeldBack(t *testing.T) {
	site := copySite(t)
	due := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	doc := "+++\ntitle = \"明年发布的通知\"\nagency = \"测试市卫生健康委员会\"\npublished = \"" + due + "\"\n+++\n\n1. 推进工作。\n"
	if err := os.WriteFile(filepath.Join(site, "content", "plans", "next-year.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "held back until " + due + " (--future publishes it now): content/plans/next-year.md"
	for _, run := range []string{"first build", "up-to-date build"} {
		code, out, errs := runCLI(t, "build", "--source", site, "--no-index")
		if code != 0 {
			t.Fatalf("%s exited %d:\n%s", run, code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 2 || lines[1] != want {
			t.Errorf("%s: stdout\n%s\nwant the summary, then\n%s", run, out, want)
		}
	}
	code, out, errs := runCLI(t, "build", "--source", site, "--no-index", "--future")
	if code != 0 || strings.Contains(out, "held back") {
		t.Errorf("build --future exited %d and holds back:\n%s%s", code, out, errs)
	}
}
