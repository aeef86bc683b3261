package bleveindex

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// The index is built beside itself, never through the system's temporary directory: bleve's
// builder moves its last segment into place with a rename, which fails where the temporary
// directory is on another file system (TEMP on C: and the site on D:, /tmp on tmpfs). A
// temporary directory that cannot be used at all shows the same dependence here.
func TestBuildNeedsNoTempDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("os.TempDir falls back to the Windows directory when TMP is unusable")
	}
	cfg, docs := searchtest.Bundled(t)
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	path := filepath.Join(t.TempDir(), "search.bleve")
	n, err := Build(path, searchtest.Sources(cfg, docs), cfg.Search.Synonyms)
	if err != nil || n == 0 {
		t.Fatalf("Build with no usable temporary directory: %d records, %v", n, err)
	}
	entries, _ := os.ReadDir(path)
	for _, e := range entries {
		if sub, _ := os.ReadDir(filepath.Join(path, e.Name())); e.IsDir() && len(sub) == 0 {
			t.Errorf("%s: an empty directory was left in the index", e.Name())
		}
	}
}
