package render_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
)

var groupNavRE = regexp.MustCompile(`(?s)<nav class="group-nav".*?</nav>`)

// TestChildrenOnFirstPageOnly: a place's listing names its children (下辖地区, each linked)
// on the first page of each order, and a later page links to the first page instead of
// naming them again, so that a listing's size grows with its documents, not with its
// documents times its children (issue 16: a province's counties grow with the site, as its
// pages do). The children are the counties the content puts in the province.
func TestChildrenOnFirstPageOnly(t *testing.T) {
	cfg, err := config.Load(filepath.Join(fixtureDir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	loader := content.NewLoader(content.Options{KnownTheme: func(s string) bool { return cfg.ThemeBySlug(s) != nil }})
	// Each document in a county of its own, all in one province: the province's listing has
	// two pages in each order, and as many children as documents.
	n := render.PageSize + 10
	counties := []string{"临川县", "南丰县", "黎川县", "崇仁县", "宜黄县", "金溪县", "资溪县", "乐安县", "广昌县", "东乡县"}
	day0 := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []*content.Document
	for i := 0; i < n; i++ {
		county := fmt.Sprintf("%s%d", counties[i%len(counties)], i/len(counties))
		src := fmt.Sprintf("+++\ntitle = \"%s工作要点\"\nagency = \"%s卫生健康局\"\npublished = %q\nprovince = \"江西省\"\nregion = %q\n+++\n\n1. 第%d号文件的第一条。\n",
			county, county, day0.AddDate(0, 0, i).Format("2006-01-02"), county, i)
		d, diags := loader.Parse(fmt.Sprintf("content/plans/doc-%03d.md", i), []byte(src))
		for _, dg := range diags {
			if !dg.Warning {
				t.Fatal(dg)
			}
		}
		docs = append(docs, d)
	}
	s := site.Build(cfg, docs, site.Options{})
	var province *site.Group
	for _, g := range s.Regions {
		if g.Name == "江西省" {
			province = g
		}
	}
	if province == nil || len(province.Children) != n {
		t.Fatalf("province 江西省 with %d counties not built: %+v", n, province)
	}
	pages := readPages(t, renderSite(t, cfg, s, themeDir))
	first := strings.TrimPrefix(province.URL, "/") + "index.html"
	nav := groupNavRE.FindString(pages[first])
	for _, c := range province.Children {
		if !strings.Contains(nav, `<a href="`+c.URL+`">`+c.Name+`</a>`) {
			t.Fatalf("%s does not name its county %s (%s): %s", first, c.Name, c.URL, nav)
		}
	}
	later := 0
	for f, html := range pages {
		if !strings.HasPrefix(f, strings.TrimPrefix(province.URL, "/")) || !strings.Contains(f, "/page/") {
			continue
		}
		later++
		nav := groupNavRE.FindString(html)
		for _, c := range province.Children {
			if strings.Contains(nav, `href="`+c.URL+`"`) {
				t.Fatalf("%s names the county %s again: %s", f, c.Name, nav)
			}
		}
		if want := fmt.Sprintf(`<a href="%s">%d个，见本列表第1页</a>`, province.URL, n); !strings.Contains(nav, want) {
			t.Errorf("%s: no %s in %s", f, want, nav)
		}
	}
	if later == 0 {
		t.Fatalf("no later page of %s rendered", province.URL)
	}
}
