package importer

import (
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/content"
)

// body is the text under the metadata block of the imports below: a title and one item.
const body = "\n2025年甲市卫生健康工作要点\n一、总体要求\n1. 做好全年卫生健康工作，推进各项任务落实。\n"

// TestLabelsFromRegistry imports, for every label every front matter field gives (content.
// Field.Labels), a metadata line "label：example" and checks that the field takes the example
// and the line leaves the text: a field added to the registry with its labels is imported
// without code here.
func TestLabelsFromRegistry(t *testing.T) {
	n := 0
	for _, f := range content.Fields() {
		for _, label := range f.Labels {
			n++
			res, err := Import([]byte(label+"："+f.Example+body), Options{Source: "x.txt", Today: "2025-01-01"})
			if err != nil {
				t.Fatal(err)
			}
			md := string(res.Markdown)
			if want := "\n" + f.Key + " = " + f.TOML(f.Example) + "\n"; !strings.Contains(md, want) {
				t.Errorf("%s：%s: no %q in\n%s", label, f.Example, strings.TrimSpace(want), md)
			}
			if res.Report.Metadata != 1 || strings.Contains(md, label+"：") {
				t.Errorf("%s：%s: the metadata line was not taken out of the text (%d metadata lines):\n%s",
					label, f.Example, res.Report.Metadata, md)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d disclosure labels in the registry", n)
	}
}

// TestLabelledValues: what the importer takes from a labelled value, and what it leaves.
func TestLabelledValues(t *testing.T) {
	for _, tc := range []struct {
		meta string
		want []string // lines of the front matter
		not  []string // lines it must not have
	}{
		{"发布单位：甲市卫生健康委员会", []string{`agency = "甲市卫生健康委员会"`}, nil},
		{"发文机关：甲市卫生健康委员会  发布机构：乙市卫生健康委员会", []string{`agency = "乙市卫生健康委员会"`}, nil}, // 发布机构 first
		{"公开日期：2025年3月4日 成文日期：2025/2/28", []string{`published = "2025-03-04"`, `written = "2025-02-28"`}, nil},
		{"成文日期：无", nil, []string{"written = "}},
		{"发文字号：甲卫发〔2025〕3号  签发人：张三", []string{`doc_number = "甲卫发〔2025〕3号"`}, nil},
		{"索引号：11320000MB1234567X/2025-00012 主题分类：卫生", []string{`index_number = "11320000MB1234567X/2025-00012"`}, []string{"themes = "}},
		{"有效性：失效", []string{`validity = "失效"`}, nil},
		{"有效性：部分有效", nil, []string{"validity = "}}, // not one of the allowed values
		{"公开方式：依申请公开", []string{`disclosure = "依申请公开"`}, nil},
		{"公开方式：网站", nil, []string{"disclosure = "}},
	} {
		res, err := Import([]byte(tc.meta+body), Options{Source: "x.txt", Today: "2025-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		md := string(res.Markdown)
		for _, w := range tc.want {
			if !strings.Contains(md, "\n"+w+"\n") {
				t.Errorf("%s: no %s in\n%s", tc.meta, w, md)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(md, "\n"+w) {
				t.Errorf("%s: %s… set in\n%s", tc.meta, w, md)
			}
		}
		if len(res.Report.Problems) > 0 {
			t.Errorf("%s: loader problems %v", tc.meta, res.Report.Problems)
		}
	}
}
