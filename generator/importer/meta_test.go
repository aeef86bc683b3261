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
		// issue 14: two pairs a line, spaced labels, empty values, tables, bullets,
		// traditional labels, synonyms.
		{"发布机构: 甲市卫生健康委员会 文  号: 甲卫发〔2023〕10号", []string{`agency = "甲市卫生健康委员会"`, `doc_number = "甲卫发〔2023〕10号"`}, nil},
		{"索 引 号: 002482365/2023-00095 公开日期: 2023-04-22", []string{`index_number = "002482365/2023-00095"`, `published = "2023-04-22"`}, nil},
		{"文号: 成文日期: 2025-02-28", []string{`written = "2025-02-28"`}, []string{"doc_number = "}},
		{"文号：\n成文日期：2025-02-28", []string{`written = "2025-02-28"`}, []string{"doc_number = "}},
		{"名称: | 甲市2025年卫生健康工作要点 | 文号: | |", []string{`title = "甲市2025年卫生健康工作要点"`}, []string{"doc_number = "}},
		{"  • 时间:2023-05-04 08:58:16\n  • 发布:甲市卫生健康委员会", []string{`published = "2023-05-04"`, `agency = "甲市卫生健康委员会"`}, nil},
		{"發布機構：甲市衛生健康委員會\n發文字號：甲衛發〔2025〕3號\n頒布時間：2025年3月4日\n成文日期：2025年3月1日",
			[]string{`agency = "甲市衛生健康委員會"`, `published = "2025-03-04"`, `written = "2025-03-01"`}, nil},
		{"组配分类：规划计划 文件有效性：失效 废止日期：2025-12-31", []string{`category = "规划计划"`, `validity = "失效"`}, nil},
		{"信息来源：甲市卫生健康委员会", []string{`agency = "甲市卫生健康委员会"`}, nil},
		{"上版日期:112-06-08", []string{`published = "2023-06-08"`}, nil},
	} {
		res, err := Import([]byte(tc.meta+body), Options{Source: "x.txt", Today: "2025-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		md := string(res.Markdown)
		if strings.Contains(md, "号:") || strings.Contains(md, "期：") || strings.Contains(md, "|") {
			t.Errorf("%s: metadata left in the text:\n%s", tc.meta, md)
		}
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

// TestChromePatterns holds every chrome pattern to the line of a real page it is there for,
// and keeps lines of a plan's text.
func TestChromePatterns(t *testing.T) {
	for _, c := range chrome {
		if !c.re.MatchString(c.example) || !isChrome(c.example) {
			t.Errorf("pattern %s does not remove its example %q (from %s)", c.re, c.example, c.page)
		}
		if c.page == "" {
			t.Errorf("pattern %s: no page for its example", c.re)
		}
	}
	for _, text := range []string{"一、总体要求", "（一）加强领导", "1.做好全年卫生健康工作。", "2023年全市卫生健康工作要点",
		"关于印发2024年工作要点的通知", "湖州市卫生健康委员会", "抄送：市政府办公室。"} {
		if isChrome(text) {
			t.Errorf("%q taken for chrome", text)
		}
	}
}

// TestAgencyCompleted: an abbreviated agency is completed from the title or the letterhead
// that names it in full, and only what cannot be resolved is flagged.
func TestAgencyCompleted(t *testing.T) {
	for _, tc := range []struct{ text, agency, doubt string }{
		{"发布机构: 省卫生健康委\n浙江省卫生健康委关于印发2023年浙江省卫生健康工作要点的通知\n", "浙江省卫生健康委", ""},
		{"发布机构: 市人民政府办公室\n甲市人民政府办公室关于印发2025年甲市卫生健康工作要点的通知\n", "甲市人民政府办公室", ""},
		{"发布机构: 市人民政府办公室\n", "市人民政府办公室", "abbreviated"},
	} {
		res, err := Import([]byte(tc.text+body), Options{Source: "x.txt", Today: "2025-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		if want := `agency = "` + tc.agency + `"`; !strings.Contains(string(res.Markdown), "\n"+want+"\n") {
			t.Errorf("%q: want %s in\n%s", tc.text, want, res.Markdown)
		}
		if got := strings.Join(res.Report.Doubts, "; "); (tc.doubt == "") != (got == "") || !strings.Contains(got, tc.doubt) {
			t.Errorf("%q: doubts %q, want %q", tc.text, got, tc.doubt)
		}
	}
}
