package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/planportal/planportal/generator/render"
)

// TestFilesMatchRender checks that the on-demand file table of a live preview lists exactly
// the files Render writes, each with the same bytes.
func TestFilesMatchRender(t *testing.T) {
	cfg, s := loadSite(t, fixtureDir)
	out := renderSite(t, cfg, s, themeDir)
	r, err := render.New(cfg, themeDir)
	if err != nil {
		t.Fatal(err)
	}
	files, conflicts := r.Files(s)
	if len(conflicts) > 0 {
		t.Fatalf("the fixture has colliding URLs: %v", conflicts)
	}
	written := outputFiles(t, out)
	if len(files) != len(written) {
		t.Errorf("Files lists %d files, Render writes %d", len(files), len(written))
	}
	for _, name := range written {
		f, ok := files[name]
		if !ok {
			t.Errorf("%s: written by Render, not in Files", name)
			continue
		}
		got, err := f()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: Files renders %d bytes, Render wrote %d", name, len(got), len(want))
		}
	}
}
