// Package sitetest writes small sites for tests from one text fixture, in the style of Hugo's
// txtar integration tests: the config, theme overrides and a few documents in one file,
//
//	-- config.toml --
//	title = "测试平台"
//	-- content/plans/a.md --
//	+++
//	title = "…"
//	+++
//	-- themes/default/layouts/partials/footer.html --
//	…
//
// so that a test shows all it depends on, instead of the shipped content/ and config.toml.
package sitetest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// File is one file of an archive.
type File struct {
	Name string // slash path relative to the site
	Data string
}

// Parse reads a txtar archive: a line "-- name --" starts a file, which runs to the next such
// line; text before the first is a comment and ignored.
func Parse(archive string) []File {
	var files []File
	for _, line := range strings.SplitAfter(archive, "\n") {
		t := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			files = append(files, File{Name: strings.TrimSpace(t[3 : len(t)-3])})
			continue
		}
		if n := len(files); n > 0 {
			files[n-1].Data += line
		}
	}
	return files
}

// Write writes the archive's site into a new temporary directory and returns its path. The
// repository's themes come first, so that a fixture holds only the layouts it overrides.
func Write(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "themes"), os.DirFS(filepath.Join(Root(), "themes"))); err != nil {
		t.Fatal(err)
	}
	for _, f := range Parse(archive) {
		if strings.Contains(f.Name, "..") || filepath.IsAbs(f.Name) {
			t.Fatalf("sitetest: bad file name %q", f.Name)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.Data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// WriteFile writes a fixture file (testdata/x.txtar) as Write does.
func WriteFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return Write(t, string(b))
}

// Root is the repository's root directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}
