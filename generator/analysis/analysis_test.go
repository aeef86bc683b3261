package analysis

import (
	"reflect"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

var cfg = mustConfig(`
title = "测试"
base_url = "https://example.org/"
[[themes]]
slug = "children"
name = "儿童"
keywords = ["儿科", "儿童"]
[[themes]]
slug = "elderly"
name = "老年"
keywords = ["老年"]
[[themes]]
slug = "digital"
name = "数字健康"
keywords = ["数字健康"]
[[themes]]
slug = "reform"
name = "医改"
keywords = ["医共体"]
`)

func mustConfig(src string) *config.Config {
	c, err := config.Parse("config.toml", []byte(src))
	if err != nil {
		panic(err)
	}
	return c
}

func parse(t *testing.T, front, body string) *content.Document {
	t.Helper()
	src := "+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"2025-03-04\"\n" + front + "+++\n" + body
	d, diags := content.NewLoader(content.Options{KnownTheme: func(s string) bool { return cfg.ThemeBySlug(s) != nil }}).Parse("content/plans/x.md", []byte(src))
	for _, dg := range diags {
		if !dg.Warning {
			t.Fatal(dg)
		}
	}
	return d
}

// TestDocumentThemes: a document is on a theme when its front matter names it or any passage
// carries it, however few (one item of twenty on 儿科 puts the document on the theme page, so
// its 主题分类 must say so too); themes come in taxonomy order.
func TestDocumentThemes(t *testing.T) {
	body := "## 一、一老一小\n\n1. 发展儿科。\n\n2. 其他工作。\n\n### （一）养老\n\n3. 关爱老年人。\n\n## 二、其他\n\n4. 其他工作。\n\n# 附件：数字健康行动\n\n这一段文字讲的是推进数字健康建设的具体安排和要求。\n"
	for _, tt := range []struct {
		name, front string
		themes      []string
		sections    map[string][]string
	}{
		{"passages alone", "", []string{"children", "elderly", "digital"},
			map[string][]string{"s1": {"children", "elderly"}, "s1-1": {"elderly"}, "s2": nil, "a1": {"digital"}}},
		{"front matter adds, in taxonomy order", "themes = [\"reform\", \"children\"]\n", []string{"children", "elderly", "digital", "reform"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, tt.front, body)
			a := New(cfg).Analyse(d)
			if !reflect.DeepEqual(a.Themes(), tt.themes) {
				t.Errorf("themes %v, want %v", a.Themes(), tt.themes)
			}
			for anchor, want := range tt.sections {
				if got := a.SectionThemes(anchor); !reflect.DeepEqual(got, want) {
					t.Errorf("section %s: %v, want %v", anchor, got, want)
				}
			}
			if w := a.Weight("children"); w != 1 {
				t.Errorf("children weight %d, want 1", w)
			}
			if got := a.PassageThemes("s1-1-i3"); !reflect.DeepEqual(got, []string{"elderly"}) {
				t.Errorf("item 3: %v", got)
			}
		})
	}
}

// TestNilDoc: a document without analysis (not published) is on no theme.
func TestNilDoc(t *testing.T) {
	var a *Doc
	if a.Themes() != nil || a.PassageThemes("i1") != nil || a.SectionThemes("s1") != nil || a.Weight("x") != 0 || a.Has("x") {
		t.Error("nil Doc answers with themes")
	}
}

// TestPassageReasons: the analysis keeps, for each theme of a passage, the reason the tagger
// gave, and its themes are the same as its tags'.
func TestPassageReasons(t *testing.T) {
	d := parse(t, "", "1. 总体要求。扩大儿科服务，关爱老年人。\n")
	a := New(cfg).Analyse(d)
	r, ok := a.Reason("i1", "children")
	if !ok || r.Phrase != "儿科" || r.Sentence != "扩大儿科服务，关爱老年人。" {
		t.Errorf("children: %+v %v", r, ok)
	}
	if _, ok := a.Reason("i1", "reform"); ok {
		t.Error("reform has a reason on a passage not on it")
	}
	var themes []string
	for _, tg := range a.PassageTags("i1") {
		themes = append(themes, tg.Theme)
	}
	if !reflect.DeepEqual(themes, a.PassageThemes("i1")) || len(themes) != 2 {
		t.Errorf("tags %v, themes %v", themes, a.PassageThemes("i1"))
	}
}
