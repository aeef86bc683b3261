package render_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/internal/sitetest"
	"github.com/planportal/planportal/generator/render"
)

// conflictDocs are documents whose URLs take, or come near, the paths of generated pages.
// want maps each document to what its URL collides with, by hand from the URL scheme (see
// package urls): "" for none.
var conflictDocs = []struct{ path, want string }{
	{"content/plans/a.md", ""},
	{"content/plans/themes.md", ""}, // /plans/themes/: a plan's own page
	{"content/news/search.md", ""},  // /news/search/
	{"content/plans.md", "/plans/ (list)"},
	{"content/themes/children.md", "/themes/children/ (theme)"},
	{"content/themes/no-such-theme.md", "/themes/… (theme)"},
	{"content/agencies/someone.md", "/agencies/… (groups)"},
	{"content/regions/somewhere.md", "/regions/… (groups)"},
	{"content/years/2025.md", "/years/2025/ (list)"},
	{"content/units/someone.md", "/units/… (unit)"},
	{"content/units.md", "/units/ (units)"},
	{"content/indicators/x.md", "/indicators/… (indicators)"},
	{"content/data/plans.md", "/data/… (data)"},
	{"content/search.md", "/search/… (search)"},
	{"content/api/search.md", "/api/search (search)"},
	{"content/sitemap.xml.md", "/sitemap.xml"},
	{"content/robots.txt.md", "/robots.txt"},
	{"content/feed.xml.md", "/feed.xml (feed)"},
	{"content/404.html.md", "/404.html (404)"},
	{"content/assets/style.md", "/assets/… (assets)"},
}

func conflictSite(t *testing.T) string {
	var b strings.Builder
	b.WriteString("-- config.toml --\ntitle = \"测试\"\nbase_url = \"https://example.gov.cn/\"\n\n[[themes]]\nslug = \"children\"\nname = \"儿童\"\nkeywords = [\"儿童\"]\n")
	for i, d := range conflictDocs {
		fmt.Fprintf(&b, "-- %s --\n+++\ntitle = \"文件%d\"\nagency = \"甲市卫生健康委员会\"\nregion = \"甲市\"\npublished = \"2025-03-%02d\"\n+++\n\n1. 儿童健康工作。\n", d.path, i, i+1)
	}
	return sitetest.Write(t, b.String())
}

// TestConflicts: a document whose URL collides with a generated page, with a URL space a kind
// of page owns, or with a generated file where its page needs a directory, is an error at its
// first line naming what it collides with; documents near such URLs are not.
func TestConflicts(t *testing.T) {
	_, s := loadSite(t, conflictSite(t))
	got := map[string]string{}
	for _, e := range render.Conflicts(s) {
		if e.Line != 1 || e.Warning {
			t.Errorf("%s: want an error at line 1", e)
		}
		got[e.File] = e.Message
	}
	for _, d := range conflictDocs {
		msg := got[d.path]
		switch {
		case d.want == "" && msg != "":
			t.Errorf("%s: %s, want no conflict", d.path, msg)
		case d.want != "" && !strings.Contains(msg, "与 planportal 生成的 "+d.want+" 冲突"):
			t.Errorf("%s: %q, want a conflict with %s", d.path, msg, d.want)
		case d.want != "" && !strings.Contains(msg, "collides with "+d.want):
			t.Errorf("%s: %q, want it in English too", d.path, msg)
		}
		delete(got, d.path)
	}
	var extra []string
	for f := range got {
		extra = append(extra, f)
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("conflicts reported for documents not in the fixture: %v", extra)
	}
}
