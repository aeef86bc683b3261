package render_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

var itemCiteRE = regexp.MustCompile(`引用本条：<span class="?citation"?>[^<]*: (第\d+条)\[EB/OL\]`)

// TestItemCitationsLinear checks that a document page cites each of its items as 第N条 and
// that citing them costs the same per item however many the document has: each citation
// looked its item up among all of the document's items, so a page cost the square of its
// items.
func TestItemCitationsLinear(t *testing.T) {
	cfg, err := config.Load(filepath.Join(fixtureDir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(cfg, themeDir)
	if err != nil {
		t.Fatal(err)
	}
	perItem := map[int]float64{}
	for _, n := range []int{50, 1000} {
		var src strings.Builder
		src.WriteString("+++\ntitle = \"条目很多的文件\"\nagency = \"机构\"\npublished = \"2025-01-02\"\n+++\n\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&src, "%d. 第%d条的内容。\n", i, i)
		}
		d, diags := content.NewLoader(content.Options{}).Parse("content/plans/many.md", []byte(src.String()))
		for _, dg := range diags {
			if !dg.Warning {
				t.Fatal(dg)
			}
		}
		s := site.Build(cfg, []*content.Document{d}, site.Options{})
		page := r.DocumentFiles(s, s.Documents)[urls.File(d.URL)]
		if _, err := page(); err != nil { // the templates' own first-use costs
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		html, err := page()
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		perItem[n] = float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
		cites := itemCiteRE.FindAllStringSubmatch(string(html), -1)
		if len(cites) != n {
			t.Fatalf("%d items: %d item citations on the page", n, len(cites))
		}
		for i, m := range cites {
			if want := fmt.Sprintf("第%d条", i+1); m[1] != want {
				t.Fatalf("%d items: citation %d names %s, want %s", n, i+1, m[1], want)
			}
		}
	}
	t.Logf("bytes allocated per item: %.0f with 50 items, %.0f with 1000", perItem[50], perItem[1000])
	if perItem[1000] > 1.5*perItem[50] {
		t.Errorf("a page of 1000 items allocates %.0f bytes an item, one of 50 %.0f: citing an item costs more the more items there are", perItem[1000], perItem[50])
	}
}
