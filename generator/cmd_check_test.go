package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/msg"
)

// TestCheckFixture: check prints each problem package check finds in check/testdata/bad
// (one document per kind of problem, listed in check_test.go) as file:line: field: message on
// stderr, then a count, and exits 1.
func TestCheckFixture(t *testing.T) {
	code, out, errs := runCLI(t, "check", "--source", "check/testdata/bad")
	if code != 1 {
		t.Fatalf("check exited %d, want 1\nstdout: %s\nstderr: %s", code, out, errs)
	}
	got := strings.Split(strings.TrimSpace(errs), "\n")
	if n := len(got); n != 13 || got[n-1] != "check failed: 12 problems in 8 documents" {
		t.Errorf("check printed %d lines, ending %q; want 12 problems and the count", n, got[n-1])
	}
	for _, w := range []string{
		`content/plans/b-front-matter.md:4: published: "2025-13-40" is not a real date (there is no month 13)`,
		`content/plans/e-links.md:7: link: broken link /plans/missing-2025/: no document at /plans/missing-2025/`,
		`content/plans/h-todo.md:6: draft: TODO left: remove when the document is ready to publish`,
	} {
		if !strings.Contains(errs, w+"\n") {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
}

func TestCheckClean(t *testing.T) {
	code, out, errs := runCLI(t, "check", "--source", "check/testdata/good")
	if code != 0 || out != "checked 1 document (1 item, 3 internal links): no problems\n" || errs != "" {
		t.Errorf("check = %d\nstdout: %q\nstderr: %q", code, out, errs)
	}
}

// TestCheckBundled: the bundled content is clean but for the one defect of its source:
// 海安's item 18 lost its text from the middle of its responsibility note on (items 19–21 are
// missing), which leaves the note's bracket open.
func TestCheckBundled(t *testing.T) {
	code, out, errs := runCLI(t, "check", "--source", repoRoot)
	known := "content/plans/haian-2025.md:75: annotation: "
	if code != 0 || !strings.HasPrefix(out, "checked 19 documents") || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, known) || !strings.HasSuffix(errs, "(warning)\n") {
		t.Errorf("check = %d\nstdout: %q\nstderr: %q", code, out, errs)
	}
}

// TestCheckWritesNothing: check leaves the site directory exactly as it was.
func TestCheckWritesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("check", "testdata", "bad"))); err != nil {
		t.Fatal(err)
	}
	before := treeState(t, dir)
	if code, _, _ := runCLI(t, "check", "--source", dir); code != 1 {
		t.Errorf("check exited %d, want 1", code)
	}
	if after := treeState(t, dir); after != before {
		t.Errorf("check changed the site directory:\nbefore:\n%s\nafter:\n%s", before, after)
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

// TestCheckInChinese: by default an officer reads check in Chinese, each field by its label;
// the same problems as TestCheckFixture.
func TestCheckInChinese(t *testing.T) {
	defer msg.SetEnglish(false)()
	msg.SetEnglish(false)
	code, _, errs := runCLI(t, "check", "--source", "check/testdata/bad")
	for _, w := range []string{
		`content/plans/b-front-matter.md:4: 发布日期: "2025-13-40" 不是有效日期（没有 13 月）`,
		`content/plans/c-duplicate.md:5: 索引号: "001/2025-00001" 已被 content/plans/a-good.md 使用`,
		`content/plans/d-theme.md:5: 主题分类: 未知的主题 "no-such-theme"（可用的主题：reform；见 config.toml [[themes]]）`,
		`content/plans/e-links.md:7: link: 链接 /plans/missing-2025/ 无效：/plans/missing-2025/ 没有文件`,
		`content/plans/h-todo.md:6: 草稿: 还有待办（TODO）：remove when the document is ready to publish`,
		"检查未通过：12 个问题，涉及 8 个文件",
	} {
		if !strings.Contains(errs, w+"\n") {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	if code != 1 {
		t.Errorf("check = %d, want 1", code)
	}
}

// TestBuildErrorsInChinese: a build that fails on content says so in Chinese, with the
// problem's file, line and field label.
func TestBuildErrorsInChinese(t *testing.T) {
	defer msg.SetEnglish(false)()
	msg.SetEnglish(false)
	dir := newSite(t)
	bad := "+++\ntitle = \"T\"\nagency = \"甲市卫生健康委员会\"\npublished = \"2025-02-30\"\n+++\n\n1. 内容。\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "plans", "x.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "build", "--source", dir, "--dest", filepath.Join(t.TempDir(), "public"), "--index", filepath.Join(t.TempDir(), "idx"))
	for _, w := range []string{`content/plans/x.md:4: 发布日期: "2025-02-30" 不是有效日期（2 月没有 30 日）`, "构建失败：什么也没有发布"} {
		if !strings.Contains(errs, w) {
			t.Errorf("build output lacks %q:\n%s", w, errs)
		}
	}
	if code != 1 {
		t.Errorf("build = %d, want 1", code)
	}
}
