package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runCLIWithin is runCLI that gives up after d (the command is stuck), calling unstick
// until the command lets go, before the test fails.
func runCLIWithin(t *testing.T, d time.Duration, unstick func(), args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type ran struct {
		code     int
		out, err string
	}
	done := make(chan ran, 1)
	go func() {
		var r ran
		r.code, r.out, r.err = runCLI(t, args...)
		done <- r
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(d):
		for {
			unstick()
			select {
			case <-done:
				t.Fatalf("planportal %s is stuck", strings.Join(args, " "))
				return 0, "", ""
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
}

// contentBoundaryCases are files in content/ that build and check refuse, each with an error
// naming it: what makes it, and what the message says.
var contentBoundaryCases = []struct {
	name string
	rel  string
	make func(t *testing.T, path string) (unstick func())
	en   string
}{
	{"a link to a document outside the site", "content/plans/outside.md", func(t *testing.T, path string) func() {
		target := filepath.Join(t.TempDir(), "outside.md")
		doc := "+++\ntitle = \"2025年站外市卫生健康工作要点\"\nagency = \"站外市卫生健康委员会\"\npublished = \"2025-03-04\"\n+++\n\n" +
			"## 一、总体要求\n\n1.站外的文件不应发布。\n"
		if err := os.WriteFile(target, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, path); err != nil {
			t.Skip(err)
		}
		return func() {}
	}, "symbolic link"},
	{"a link to /etc/passwd", "content/plans/passwd.md", func(t *testing.T, path string) func() {
		if _, err := os.Stat("/etc/passwd"); err != nil {
			t.Skip(err)
		}
		if err := os.Symlink("/etc/passwd", path); err != nil {
			t.Skip(err)
		}
		return func() {}
	}, "symbolic link"},
	{"a file over the size limit", "content/plans/huge.md", func(t *testing.T, path string) func() {
		if err := os.WriteFile(path, []byte("+++\n"+strings.Repeat("# 填充\n", 1<<20)), 0o644); err != nil {
			t.Fatal(err)
		}
		return func() {}
	}, "over the limit"},
	{"lists nested 1,000 deep", "content/plans/deep.md", func(t *testing.T, path string) func() {
		var b strings.Builder
		b.WriteString("+++\ntitle = \"深\"\nagency = \"甲\"\npublished = \"2025-01-02\"\n+++\n\n")
		for i := 0; i < 1000; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- 条\n")
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return func() {}
	}, "nested deeper than 32 levels"},
}

// TestContentBoundary: build and check both refuse what is not a document of the site's own,
// with an error naming the file (exit status 1), publish nothing, and never hang.
func TestContentBoundary(t *testing.T) {
	for _, tc := range contentBoundaryCases {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t)
			unstick := tc.make(t, filepath.Join(site, filepath.FromSlash(tc.rel)))
			for _, cmd := range []string{"check", "build"} {
				code, _, errs := runCLIWithin(t, time.Minute, unstick, cmd, "--source", site)
				if code != 1 {
					t.Errorf("%s exited %d, want 1: %s", cmd, code, errs)
				}
				var line string
				for _, l := range strings.Split(errs, "\n") {
					if strings.HasPrefix(l, tc.rel+":") {
						line = l
					}
				}
				if !strings.Contains(line, tc.en) {
					t.Errorf("%s: no line %s: … saying %q:\n%s", cmd, tc.rel, tc.en, errs)
				}
				if strings.Contains(errs, "站外") || strings.Contains(errs, "root:") {
					t.Errorf("%s shows what the link points to:\n%s", cmd, errs)
				}
			}
			if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
				t.Errorf("build published something (err %v)", err)
			}
		})
	}
}
