package render_test

import (
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/render"
)

// TestSitemapFilesMatch: the files Render writes and the files Files lists agree, sitemaps
// included, whether the sitemap is one file, exactly full, or split; every part the index
// names exists, and the parts list each page once.
func TestSitemapFilesMatch(t *testing.T) {
	cfg, s := loadSite(t, fixtureDir)
	// The pages a sitemap lists: every index.html written (the 404 page is not one) but those
	// that ask not to be indexed (a listing in another order, the untagged items).
	var pages []string
	built := renderSite(t, cfg, s, themeDir)
	for _, f := range outputFiles(t, built) {
		b, err := os.ReadFile(filepath.Join(built, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `<meta name="robots" content="noindex">`) {
			continue
		}
		if f == "index.html" || strings.HasSuffix(f, "/index.html") {
			pages = append(pages, "/"+strings.TrimSuffix(f, "index.html"))
		}
	}
	sort.Strings(pages)
	n := len(pages)
	for _, max := range []int{n + 1, n, n - 1, 7, 1} {
		r, err := render.New(cfg, themeDir)
		if err != nil {
			t.Fatal(err)
		}
		render.SetSitemapMax(r, max)
		out := t.TempDir()
		if _, err := r.Render(s, &render.DirOutput{Dir: out}, nil); err != nil {
			t.Fatal(err)
		}
		written := outputFiles(t, out)
		files, _ := r.Files(s)
		var listed []string
		for name := range files {
			listed = append(listed, name)
		}
		sort.Strings(listed)
		sort.Strings(written)
		if !reflect.DeepEqual(listed, written) {
			t.Errorf("max %d: Files lists %v\nRender writes %v", max, sitemaps(listed), sitemaps(written))
		}
		for _, name := range sitemaps(listed) {
			if _, err := files[name](); err != nil {
				t.Errorf("max %d: Files[%s]: %v", max, name, err)
			}
		}

		// Read the sitemap as a crawler does: the index (if any), then each part.
		var locs []string
		var read func(name string, depth int)
		read = func(name string, depth int) {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Errorf("max %d: %v", max, err)
				return
			}
			var sm struct {
				URLs  []string `xml:"url>loc"`
				Parts []string `xml:"sitemap>loc"`
			}
			if err := xml.Unmarshal(b, &sm); err != nil {
				t.Fatal(err)
			}
			if len(sm.URLs) > max {
				t.Errorf("max %d: %s lists %d URLs", max, name, len(sm.URLs))
			}
			for _, l := range sm.URLs {
				u, _ := url.Parse(l)
				locs = append(locs, u.Path)
			}
			for _, p := range sm.Parts {
				u, _ := url.Parse(p)
				if depth > 0 {
					t.Errorf("max %d: %s nests sitemap %s", max, name, p)
					continue
				}
				read(strings.TrimPrefix(u.Path, "/"), depth+1)
			}
		}
		read("sitemap.xml", 0)
		sort.Strings(locs)
		if !reflect.DeepEqual(locs, pages) {
			t.Errorf("max %d: the sitemaps list %d pages, %d were built", max, len(locs), len(pages))
		}
	}
}

// sitemaps keeps the sitemap file names of a list.
func sitemaps(names []string) []string {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, "sitemap") {
			out = append(out, n)
		}
	}
	return out
}
