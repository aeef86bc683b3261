package bleveindex

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/planportal/planportal/generator/search"
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

// TestFieldsAreTheMapping: fields gives every field the mapping has, from a record with all
// of them set, and no other; and leaves out the empty ones.
func TestFieldsAreTheMapping(t *testing.T) {
	u := search.Record{Kind: "k", URL: "u", DocURL: "d", Title: "t", Section: "s", Item: "i", Text: "x", TitleS: "ts",
		Heading: "h", Meta: "m", Agency: "a", Region: "r", Province: "p", Category: "c", Validity: "v", Year: "y",
		Themes: []string{"th"}, Day: "2025", Seq: "1", Facets: []string{"0"}}
	dm := NewMapping().(*mapping.IndexMappingImpl).DefaultMapping
	got := fields(&u)
	for name := range dm.Properties {
		if name == "_all" {
			continue
		}
		if _, ok := got[name]; !ok {
			t.Errorf("fields leaves out %s", name)
		}
	}
	for name := range got {
		if _, ok := dm.Properties[name]; !ok {
			t.Errorf("fields gives %s, which the mapping does not have", name)
		}
	}
	if got := fields(&search.Record{Kind: "doc", Themes: []string{}}); len(got) != 1 {
		t.Errorf("fields of a record with only a kind: %v", got)
	}
}
