package render

import (
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
)

// rowsText formats metadata rows as "label=text>url|text …" lines, "label=" when empty.
func rowsText(rows []MetaRow) string {
	var out []string
	for _, r := range rows {
		var vs []string
		for _, v := range r.Values {
			s := v.Text
			if v.URL != "" {
				s += ">" + v.URL
			}
			if v.Date != "" {
				s += "@" + v.Date
			}
			vs = append(vs, s)
		}
		out = append(out, r.Label+"="+strings.Join(vs, "|"))
	}
	return strings.Join(out, "\n")
}

func TestMetaRows(t *testing.T) {
	cfg, err := config.Parse("config.toml", []byte(`title = "t"
base_url = "https://x.example/"
[[themes]]
slug = "reform"
name = "医改与医共体"
[[themes]]
slug = "children"
name = "儿科与儿童健康"
`))
	if err != nil {
		t.Fatal(err)
	}
	r := &Renderer{cfg: cfg}
	doc, diags := content.NewLoader(content.Options{}).Parse("content/plans/x.md", []byte(`+++
title = "T"
agency = "海安市卫生健康委员会"
published = "2025-03-04"
region = "海安市"
themes = ["children", "unknown-slug"]
draft = true
+++
正文。
`))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	links := &site.Links{Agency: &site.Group{URL: "/agencies/haian-wjw/"}}
	for _, tt := range []struct {
		name  string
		links *site.Links
		keys  []string
		want  string
	}{
		{"without links", nil,
			[]string{"index_number", "agency", "written", "published", "themes", "validity", "region?", "category?", "draft"},
			"索引号=\n发布机构=海安市卫生健康委员会\n成文日期=\n发布日期=2025年03月04日@2025-03-04\n" +
				"主题分类=儿科与儿童健康|unknown-slug\n有效性=有效\n地区=海安市\n草稿=是"},
		// With links, agency and region link to their listings where the site has one.
		{"with links", links, []string{"agency", "region", "doc_number?"},
			"发布机构=海安市卫生健康委员会>/agencies/haian-wjw/\n地区=海安市"},
		{"no themes found", &site.Links{}, []string{"themes", "themes?"}, "主题分类="},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := r.metaRows(&Page{Config: cfg, Doc: doc, Links: tt.links}, tt.keys...)
			if err != nil {
				t.Fatal(err)
			}
			if got := rowsText(rows); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
	// With links, the themes are the analysed ones (Links.Themes), each linking to its theme's
	// pages, not the front matter's.
	other, _ := content.NewLoader(content.Options{}).Parse("content/plans/y.md", []byte("+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"2025-03-04\"\nthemes = [\"reform\"]\n+++\n正文。\n"))
	s := site.Build(cfg, []*content.Document{other}, site.Options{Future: true})
	rows, err := r.metaRows(&Page{Config: cfg, Doc: doc, Links: s.LinksOf(other)}, "themes")
	if got := rowsText(rows); err != nil || !strings.HasPrefix(got, "主题分类=医改与医共体>/themes/reform/") || strings.Contains(got, "|") {
		t.Errorf("with the site's links: %q (%v), want the analysed theme, linked", got, err)
	}
	if _, err := r.metaRows(&Page{Doc: doc}, "agency", "author"); err == nil || !strings.Contains(err.Error(), `"author" is not a front matter field`) {
		t.Errorf("unknown key: err = %v", err)
	}
	if _, err := r.metaRows(&Page{}, "agency"); err == nil {
		t.Error("a page without a document: no error")
	}
}

// TestMetaRowsReport checks that a report about another body's plan shows no disclosure
// fields, names its agency as the body it is about, and that a source given as a file is no
// link while a URL is one.
func TestMetaRowsReport(t *testing.T) {
	cfg, err := config.Parse("config.toml", []byte("title = \"t\"\nbase_url = \"https://x.example/\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := &Renderer{cfg: cfg}
	keys := []string{"index_number", "agency", "written", "published", "doc_number", "disclosure", "validity", "source_name?", "source"}
	for _, tt := range []struct{ name, fm, want string }{
		{"report", `nature = "报道"
source_name = "新闻汇编"
source = "seeds/004.txt"`, "所涉机构=安徽省卫生健康委员会\n日期=2025年01月17日@2025-01-17\n来源=新闻汇编\n原文链接="},
		{"original", `source = "https://wjw.example.gov.cn/a.html"`,
			"索引号=\n发布机构=安徽省卫生健康委员会\n成文日期=\n发布日期=2025年01月17日@2025-01-17\n文号=\n公开方式=主动公开\n有效性=有效\n" +
				"原文链接=https://wjw.example.gov.cn/a.html>https://wjw.example.gov.cn/a.html"},
	} {
		doc, diags := content.NewLoader(content.Options{}).Parse("content/plans/x.md", []byte("+++\ntitle = \"T\"\nagency = \"安徽省卫生健康委员会\"\npublished = \"2025-01-17\"\n"+tt.fm+"\n+++\n正文。\n"))
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		rows, err := r.metaRows(&Page{Doc: doc}, keys...)
		if err != nil {
			t.Fatal(err)
		}
		if got := rowsText(rows); got != tt.want {
			t.Errorf("%s: got:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}
