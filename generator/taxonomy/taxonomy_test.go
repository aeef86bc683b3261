package taxonomy

import (
	"reflect"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

var themes = []config.Theme{
	{Slug: "children", Keywords: []string{"儿科", "儿童"}},
	{Slug: "elderly", Keywords: []string{"老年", "医养结合"}},
	{Slug: "digital", Keywords: []string{"AI", "互联网+", "数字健康"}},
	{Slug: "reform", Keywords: []string{"DRG", "医共体"}},
}

func TestMatch(t *testing.T) {
	tg := New(themes)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"扩大儿科医疗服务供给", []string{"children"}},
		{"儿童与老年人", []string{"children", "elderly"}},
		{"推进医养结合，建设医共体", []string{"elderly", "reform"}},
		{"推广ai辅助诊断", []string{"digital"}},       // Latin keywords match any case
		{"DRAIN the swamp", nil},                // not inside a longer word
		{"Deepseek、AI大模型", []string{"digital"}}, // a Han character is a word edge
		{"MAIN", nil}, // AI inside MAIN
		{"推行DRG/DIP支付", []string{"reform"}},   // punctuation is an edge
		{"发展“互联网+医疗健康”", []string{"digital"}}, // keywords with punctuation
		{"", nil},
		{"与主题无关的句子。", nil},
	} {
		if got := tg.Match(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func parse(t *testing.T, body string) *content.Document {
	t.Helper()
	src := "+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"2025-03-04\"\nthemes = [\"reform\"]\n+++\n" + body
	known := func(s string) bool {
		for _, th := range themes {
			if th.Slug == s {
				return true
			}
		}
		return false
	}
	d, diags := content.NewLoader(content.Options{KnownTheme: known}).Parse("content/plans/x.md", []byte(src))
	for _, dg := range diags {
		if !dg.Warning {
			t.Fatal(dg)
		}
	}
	return d
}

// tags lists each passage as "anchor=theme,theme".
func tags(d *content.Document, tg Tags) string {
	var out []string
	d.Passages(func(p content.Passage) {
		out = append(out, p.Anchor()+"="+strings.Join(tg.Passages[p.Anchor()], ","))
	})
	return strings.Join(out, " ")
}

func TestTag(t *testing.T) {
	tg := New(themes)
	for _, tt := range []struct {
		name, body string
		passages   string
		weights    Weights
	}{
		{"keywords", "## 一、任务\n\n1. 发展儿科。\n\n2. 关爱老年人。\n\n3. 其他工作。\n",
			"s1-i1=children s1-i2=elderly s1-i3=", Weights{"children": 1, "elderly": 1}},
		{"item directive adds and removes", "1. 发展儿科。{themes: -children +digital}\n",
			"i1=digital", Weights{"digital": 1}},
		{"section directive reaches every item, the item's own wins",
			"## 一、一老一小 {themes: +elderly}\n\n1. 发展儿科。\n\n2. 托育。{themes: -elderly}\n\n## 二、其他\n\n3. 其他。\n",
			"s1-i1=children,elderly s1-i2= s2-i3=", Weights{"children": 1, "elderly": 1}},
		{"sub-section inside section", "## 一、甲 {themes: +elderly}\n\n### （一）乙 {themes: -elderly +digital}\n\n1. 文字。\n",
			"s1-1-i1=digital", Weights{"digital": 1}},
		{"paragraphs are passages; short ones are not", "海安市卫生健康委员会文件\n\n会议指出，要扩大儿科医疗服务供给，办好为民服务实事项目。\n",
			"p2=children", Weights{"children": 1}},
		{"sub-items are passages", "1. 发展儿科。\n   1. 关爱老年人。\n",
			"i1=children i1-1=elderly", Weights{"children": 1, "elderly": 1}},
		{"two of three items carry it", "1. 发展儿科。\n\n2. 儿童保健。\n\n3. 其他。\n",
			"i1=children i2=children i3=", Weights{"children": 2}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, tt.body)
			got := tg.Tag(d)
			if s := tags(d, got); s != tt.passages {
				t.Errorf("passages: got %q, want %q", s, tt.passages)
			}
			if !reflect.DeepEqual(got.Weights, tt.weights) {
				t.Errorf("weights: got %v, want %v", got.Weights, tt.weights)
			}
		})
	}
}
