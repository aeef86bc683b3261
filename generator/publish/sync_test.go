package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSyncTree: flushing a staged tree works both ways (the whole file system, and file by
// file where the system has no syncfs), and a tree that is not there is an error, not a
// silent success.
func TestSyncTree(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"index.html", "plans/x/index.html", "assets/style.css"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, sync := range map[string]func(string) error{"syncTree": syncTree, "syncEach": syncEach} {
		if err := sync(dir); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if err := sync(filepath.Join(dir, "missing")); err == nil {
			t.Errorf("%s of a missing directory: no error", name)
		}
	}
}
