package render_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/render"
)

func writeVia(t *testing.T, out render.Output, name string, parts ...string) {
	t.Helper()
	w, err := out.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		if _, err := io.WriteString(w, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestDirOutputReusesUnchangedFiles: a rebuild links what did not change from the version
// it replaces and writes what did; the previous version is never changed.
func TestDirOutputReusesUnchangedFiles(t *testing.T) {
	prev, dir := t.TempDir(), t.TempDir()
	put := func(name, s string) {
		p := filepath.Join(prev, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put("same/index.html", "<p>不变</p>")
	put("changed/index.html", "<p>旧</p>")
	put("longer/index.html", "<p>长</p>")
	put("empty.txt", "")
	put("secret.txt", "<p>链接</p>")
	symlinked := runtime.GOOS != "windows" && os.Symlink(filepath.Join(prev, "secret.txt"), filepath.Join(prev, "link.html")) == nil

	out := &render.DirOutput{Dir: dir, Prev: prev}
	writeVia(t, out, "same/index.html", "<p>", "不变</p>")
	writeVia(t, out, "changed/index.html", "<p>新</p>")
	writeVia(t, out, "longer/index.html", "<p>长</p>", "!")
	writeVia(t, out, "empty.txt")
	writeVia(t, out, "fresh/index.html", "<p>新页</p>")
	if symlinked {
		writeVia(t, out, "link.html", "<p>链接</p>")
	}
	big := strings.Repeat("数据", 300_000) // past the size compared: written as it is made
	put("data/big.json", big)
	writeVia(t, out, "data/big.json", big[:1000], big[1000:])

	for name, want := range map[string]string{
		"same/index.html": "<p>不变</p>", "changed/index.html": "<p>新</p>", "longer/index.html": "<p>长</p>!",
		"empty.txt": "", "fresh/index.html": "<p>新页</p>", "data/big.json": big,
	} {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(b) != want {
			t.Errorf("%s: %d bytes, %v; want %d bytes", name, len(b), err, len(want))
		}
	}
	same := func(name string) bool {
		a, err1 := os.Lstat(filepath.Join(prev, filepath.FromSlash(name)))
		b, err2 := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		return err1 == nil && err2 == nil && os.SameFile(a, b)
	}
	if !same("same/index.html") || !same("empty.txt") {
		t.Error("an unchanged file was written again, not linked from the previous version")
	}
	for _, name := range []string{"changed/index.html", "longer/index.html", "data/big.json"} {
		if same(name) {
			t.Errorf("%s: changed or too large to compare, yet shares the previous file", name)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(prev, "changed", "index.html")); !bytes.Equal(b, []byte("<p>旧</p>")) {
		t.Errorf("the previous version was changed: %q", b)
	}
	// Written twice (nothing does today): the second write must not reach the previous version
	// through the link the first made.
	writeVia(t, out, "same/index.html", "<p>第二次</p>")
	if b, _ := os.ReadFile(filepath.Join(prev, "same", "index.html")); string(b) != "<p>不变</p>" {
		t.Errorf("a second write of a linked name changed the previous version: %q", b)
	}
	if symlinked {
		fi, err := os.Lstat(filepath.Join(dir, "link.html"))
		if err != nil || !fi.Mode().IsRegular() {
			t.Errorf("a symbolic link in the previous version was carried into the new one: %v %v", fi, err)
		}
	}
}

// TestDirOutputLinksOnlyWhatAWriteWouldMake: a file of the previous version that a fresh
// write would not reproduce (another mode, read-only, another name for it elsewhere, reached
// through a directory link out of the previous version) is written, not linked.
func TestDirOutputLinksOnlyWhatAWriteWouldMake(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("modes, second names and directory links are set up with Unix calls")
	}
	base := t.TempDir()
	prev, dir, outside := filepath.Join(base, "public"), filepath.Join(base, "stage"), filepath.Join(base, "outside")
	for _, d := range []string{prev, dir, outside} {
		os.MkdirAll(d, 0o755)
	}
	page := "<p>同一页</p>"
	probe := filepath.Join(base, "probe")
	os.WriteFile(probe, nil, 0o644)
	written, err := os.Stat(probe) // the mode a written file gets under this umask
	if err != nil {
		t.Fatal(err)
	}
	put := func(p string, mode os.FileMode) {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	put(filepath.Join(prev, "plain.html"), written.Mode())
	put(filepath.Join(prev, "private.html"), 0o600)
	put(filepath.Join(prev, "readonly.html"), 0o444)
	put(filepath.Join(prev, "shared.html"), written.Mode())
	if err := os.Link(filepath.Join(prev, "shared.html"), filepath.Join(outside, "backup.html")); err != nil {
		t.Skip("no hard links here:", err)
	}
	put(filepath.Join(outside, "sub", "index.html"), written.Mode())
	if err := os.Symlink(filepath.Join(outside, "sub"), filepath.Join(prev, "sub")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	out := &render.DirOutput{Dir: dir, Prev: prev}
	names := []string{"plain.html", "private.html", "readonly.html", "shared.html", "sub/index.html"}
	for _, name := range names {
		writeVia(t, out, name, page)
	}
	for _, name := range names {
		old, _ := os.Stat(filepath.Join(prev, filepath.FromSlash(name)))
		now, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		linked := old != nil && os.SameFile(old, now)
		if want := name == "plain.html"; linked != want {
			t.Errorf("%s: linked = %v, want %v", name, linked, want)
		}
		if now.Mode() != written.Mode() {
			t.Errorf("%s: mode %v, a written file has %v", name, now.Mode(), written.Mode())
		}
	}
}

// TestDirOutputMakesDirectories: files land in nested directories made once each, beside
// directories that were there before the build; a name taken by a file is an error, not a
// file written somewhere else.
func TestDirOutputMakesDirectories(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "plans", "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := &render.DirOutput{Dir: dir}
	files := map[string]string{
		"index.html": "首页", "plans/a/index.html": "甲", "plans/b/index.html": "乙",
		"plans/old/index.html": "旧", "plans/a/page/2/index.html": "甲二", "units/x/y/index.html": "单位",
		"taken": "一个文件",
	}
	for _, name := range []string{"index.html", "plans/a/index.html", "plans/b/index.html", "plans/old/index.html",
		"plans/a/page/2/index.html", "units/x/y/index.html", "taken"} {
		writeVia(t, out, name, files[name])
	}
	for name, want := range files {
		if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v; want %q", name, b, err, want)
		}
	}
	if w, err := out.Create("taken/index.html"); err == nil {
		w.Close()
		t.Error("a page under a name taken by a file was created")
	}
}
