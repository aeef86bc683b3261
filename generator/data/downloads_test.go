package data

import (
	"mime"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// TestDownloadsAreFiles: every corpus-wide file a page links (Downloads) is a file the build
// makes (Files, for a site without documents: only the corpus-wide ones), in the same order;
// the data package lists each but itself by the same path; each link's media type is the one
// its file's extension has.
func TestDownloadsAreFiles(t *testing.T) {
	s := &site.Site{Config: &config.Config{BaseURL: "https://wjw.example.gov.cn/"}}
	var made, linked, described []string
	for _, f := range Files(s) {
		made = append(made, f.URL)
	}
	for _, d := range Downloads() {
		linked = append(linked, d.URL)
		if want := mime.TypeByExtension(path.Ext(d.URL)); want != "" && !strings.HasPrefix(want, d.Type) {
			t.Errorf("%s: type %q, its extension says %q", d.URL, d.Type, want)
		}
		if d.Label == "" {
			t.Errorf("%s: no label", d.URL)
		}
	}
	if !slices.Equal(made, linked) {
		t.Errorf("Files make %q, pages link %q", made, linked)
	}
	for _, r := range Package(s).Resources {
		described = append(described, urls.Data+r.Path)
	}
	if want := linked[:len(linked)-1]; !slices.Equal(described, want) {
		t.Errorf("datapackage.json lists %q, want %q", described, want)
	}
}
