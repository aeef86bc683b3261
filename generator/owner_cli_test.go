package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedPathsHaveOneOwner: a document whose URL is a generated page's (the /plans/
// list, a theme page, the search page, the sitemap, the 404 page) fails build and check alike
// with an error at its file's first line naming the URL; build publishes nothing. Before,
// content/plans.md silently replaced the list, and content/sitemap.xml.md failed with an I/O
// error that named no source file.
func TestGeneratedPathsHaveOneOwner(t *testing.T) {
	for _, tc := range []struct{ rel, url string }{
		{"content/plans.md", "/plans/"},
		{"content/themes/children.md", "/themes/children/"},
		{"content/search.md", "/search/"},
		{"content/sitemap.xml.md", "/sitemap.xml/"},
		{"content/404.html.md", "/404.html/"},
	} {
		t.Run(tc.rel, func(t *testing.T) {
			site := copySite(t)
			doc := "+++\ntitle = \"占用网址的文件\"\nagency = \"甲市卫生健康委员会\"\npublished = \"2025-03-04\"\n+++\n\n1. 儿童健康工作。\n"
			p := filepath.Join(site, filepath.FromSlash(tc.rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			want := tc.rel + ":1: 网址 " + tc.url + " 与 planportal 生成的 "
			for _, cmd := range []string{"check", "build"} {
				code, _, errs := runCLI(t, cmd, "--source", site)
				if code != 1 || !strings.Contains(errs, want) || !strings.Contains(errs, "URL "+tc.url+" collides with ") {
					t.Errorf("%s exited %d, want 1 and %q…:\n%s", cmd, code, want, errs)
				}
			}
			if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
				t.Errorf("build published something (err %v)", err)
			}
		})
	}
}
