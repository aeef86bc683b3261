package importer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/planportal/planportal/generator/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden imports every testdata/*.txt and compares the Markdown and the report with
// testdata/*.golden.md and *.report.txt (go test ./generator/importer -update rewrites them:
// read the diff). Every result must load cleanly with the content loader.
func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/*.txt")
	var n int
	for _, in := range inputs {
		if strings.HasSuffix(in, ".report.txt") {
			continue
		}
		n++
		name := strings.TrimSuffix(filepath.Base(in), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			rel := "content/plans/" + name + ".md"
			res, err := Import(src, Options{Source: filepath.Base(in), Path: rel, Today: "2025-01-01"})
			if err != nil {
				t.Fatal(err)
			}
			load(t, rel, res.Markdown)
			if len(res.Report.Problems) > 0 {
				t.Errorf("loader problems: %v", res.Report.Problems)
			}
			golden(t, "testdata/"+name+".golden.md", res.Markdown)
			golden(t, "testdata/"+name+".report.txt", []byte(res.Report.String()))
		})
	}
	if n < 3 {
		t.Fatalf("found %d fixtures in testdata/, want at least 3", n)
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it; read the diff):\n%s", path,
			diffLines(strings.Split(string(got), "\n"), strings.Split(string(want), "\n")))
	}
}

// TestFixtureDetails pins what the fixtures are there to show.
func TestFixtureDetails(t *testing.T) {
	imp := func(name string) (string, Report) {
		src, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Import(src, Options{Source: name, Today: "2025-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		return string(res.Markdown), res.Report
	}
	md, rep := imp("pdf-wrapped.txt")
	for _, want := range []string{
		`title = "关于印发《2025年示例区卫生健康工作要点》的通知"`,
		`agency = "南通市示例区卫生健康委员会"`,
		`published = "2025-04-01"`, `written = "2025-04-01"`, `region = "示例区"`,
		`doc_number = "示卫健发〔2025〕7号"`,
		"\n现将《2025年示例区卫生健康工作要点》印发给你们，请结合实际认真贯彻落实，确保各项工作取得实效。\n",
		"\n# 附件：2025年示例区卫生健康工作要点\n",
		"\n### （一）推进医共体建设。\n\n健全县域医共体运行机制，推进人员、财务、业务、信息统一管理，提升服务效能。\n",
		"\n2．推进检查检验结果互认，实现区域内医学影像和检验报告共享，减少患者重复检查，降低就医费用负担。\n",
		"（**牵头科室：疾控科**）\n",
		"引进DeepSeek等大模型",
		"\n5．落实住院医师规范化培训制度，结业考核通过率达95%以上，全科医生每万人口达到4.5名以上。\n",
		"\n## 版记\n\n抄送：市卫生健康委员会，区各相关部门。\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("pdf-wrapped: missing %q in\n%s", want, md)
		}
	}
	for _, bad := range []string{"— 2 —", "第 2 页", "\n3\n"} {
		if strings.Contains(md, bad) {
			t.Errorf("pdf-wrapped: page-break fragment %q left in", bad)
		}
	}
	if rep.PageBreaks != 3 || rep.Items != 7 || rep.Annexes != 1 || rep.Subsections != 2 {
		t.Errorf("pdf-wrapped report: %+v", rep)
	}

	md, rep = imp("web-page.txt")
	for _, want := range []string{
		`title = "示例市卫生健康委员会关于2025年卫生健康重点工作的通知"`,
		`agency = "示例市卫生健康委员会"`, `published = "2025-02-12"`, `written = "2025-02-10"`,
		`region = "示例市"`, `doc_number = "示卫发〔2025〕12号"`, `index_number = "11320000MB1234567X/2025-00012"`,
		`disclosure = "主动公开"`, `category = "通知"`, "# draft = false",
		"\n\\# 以上工作请于年底前完成。\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("web-page: missing %q in\n%s", want, md)
		}
	}
	for _, bad := range []string{"当前位置", "扫一扫", "发表评论", "取消回复", "打印本页", "关闭窗口", "上一篇", "索引号：", "\n规划计划\n"} {
		if strings.Contains(md, bad) {
			t.Errorf("web-page: chrome %q left in", bad)
		}
	}
	if rep.Chrome != 9 || rep.Metadata != 5 {
		t.Errorf("web-page: %d chrome and %d metadata lines removed, want 9 and 5", rep.Chrome, rep.Metadata)
	}

	md, _ = imp("bold-crlf.txt")
	for _, want := range []string{
		`title = "2025年丙市卫生健康工作要点"`,
		"\n## 一、总体要求\n\n坚持以人民健康为中心，推动卫生健康事业高质量发展，加快建设健康丙市。\n\n## 二、重点任务\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("bold-crlf: missing %q in\n%s", want, md)
		}
	}
	if strings.Contains(md, "\r") || strings.Contains(md, "— 2 —") {
		t.Errorf("bold-crlf: carriage return or page break left in:\n%s", md)
	}

	md, rep = imp("bare.txt")
	for _, want := range []string{
		"# TODO: agency: 发布机构 not found in the text",
		`agency = "TODO"`,
		"# TODO: published: 发布日期 not found in the text",
		`published = "2025-01-01"`,
		"draft = true",
		"\n2.强化督导检查。\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("bare: missing %q in\n%s", want, md)
		}
	}
	if strings.Join(rep.Missing, ",") != "agency,published" {
		t.Errorf("bare: missing = %v", rep.Missing)
	}
}

func TestDecode(t *testing.T) {
	const text = "一、总体要求\n1.加强领导（〔2025〕）。\n"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text)
	// 𠮷 (U+20BB7, CJK extension B) needs a 4-byte GB18030 sequence: it is not in GBK.
	gb18030, _ := simplifiedchinese.GB18030.NewEncoder().String(text + "𠮷")
	le, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewEncoder().String(text)
	be, _ := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewEncoder().String(text)
	for _, tc := range []struct {
		name, in, want, enc string
	}{
		{"utf-8", text, text, UTF8},
		{"utf-8 bom", "\xEF\xBB\xBF" + text, text, UTF8BOM},
		{"ascii", "1. plan\n", "1. plan\n", UTF8},
		{"gbk", gbk, text, GBK},
		{"gb18030", gb18030, text + "𠮷", GB18030},
		{"utf-16le", le, text, UTF16LE},
		{"utf-16be", be, text, UTF16BE},
		{"utf-16le bom", "\xFF\xFE" + le, text, UTF16LEBOM},
		{"utf-16be bom", "\xFE\xFF" + be, text, UTF16BEBOM},
	} {
		got, enc, err := Decode([]byte(tc.in))
		if err != nil || got != tc.want || enc != tc.enc {
			t.Errorf("%s: Decode = %q, %s, %v; want %q, %s", tc.name, got, enc, err, tc.want, tc.enc)
		}
	}
	for _, bad := range []string{"", "\xEF\xBB\xBF\xff\xfe", "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e"} {
		if _, enc, err := Decode([]byte(bad)); err == nil {
			t.Errorf("Decode(%q) = %s, want an error", bad, enc)
		}
	}
}

func TestLineFilters(t *testing.T) {
	for _, tc := range []struct {
		line         string
		chrome, page bool
	}{
		{"当前位置:首页 > 信息公开 > 规划计划 > 计划总结", true, false},
		{"您现在的位置：首页 > 政务公开", true, false},
		{"首页 > 新闻中心", true, false},
		{"扫一扫在手机打开当前页", true, false},
		{"发表评论", true, false},
		{"取消回复", true, false},
		{"【打印本页】 【关闭窗口】", true, false},
		{"【字体：大 中 小】", true, false},
		{"上一篇：关于…的通知", true, false},
		{"— 3 —", false, true},
		{"- 12 -", false, true},
		{"—3—", false, true},
		{"第 3 页 共 9 页", false, true},
		{"第3页，共9页", false, true},
		{"3 / 9", false, true},
		{"7", false, true},
		{"Page 3 of 9", false, true},
		// Text, not chrome or page breaks.
		{"1.", false, false},
		{"100%，进一步拓展诊疗服务病种。", false, false},
		{"2025年3月4日", false, false},
		{"推广“扫一扫”就医码，实现诊间支付、检查预约、报告查询和医保结算在手机上一站办理，减少群众排队。", false, false},
		{"抄送：南通市卫生健康委员会。", false, false},
	} {
		if got := isChrome(tc.line); got != tc.chrome {
			t.Errorf("isChrome(%q) = %v", tc.line, got)
		}
		if got := isPageFragment(tc.line); got != tc.page {
			t.Errorf("isPageFragment(%q) = %v", tc.line, got)
		}
	}
}

// TestJoin: which line breaks are undone.
func TestJoin(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  []string
	}{
		{"mid-sentence after a comma", []string{"现将《要点》印发给你们，", "请结合实际，认真贯彻落实。"},
			[]string{"现将《要点》印发给你们，请结合实际，认真贯彻落实。"}},
		{"mid-word in an item", []string{"4. 充分发挥作用，共同推进医疗医", "保信息互联共享。"},
			[]string{"4. 充分发挥作用，共同推进医疗医保信息互联共享。"}},
		{"signature lines stay", []string{"海安市卫生健康委员会", "2025年3月4日"},
			[]string{"海安市卫生健康委员会", "2025年3月4日"}},
		{"heading stays", []string{"一、主引擎", "以主题实践为主引擎，推动创新。"},
			[]string{"一、主引擎", "以主题实践为主引擎，推动创新。"}},
		{"salutation stays", []string{"各有关单位：", "现将要点印发给你们。"},
			[]string{"各有关单位：", "现将要点印发给你们。"}},
		{"note joins its item", []string{"4. 开展新技术不少于13项。", "（分管领导：仲重阳；责任科室：医政医管科）"},
			[]string{"4. 开展新技术不少于13项。（分管领导：仲重阳；责任科室：医政医管科）"}},
		{"open note continues", []string{"13. 深化改革。（**分管领导：徐**", "通生；责任科室：人事科）"},
			[]string{"13. 深化改革。（**分管领导：徐通生；责任科室：人事科）**"}},
		{"a label line closes an open note", []string{"72. 加大申报力度。（**分管领导：徐通生；**", "责任科室：人事科）"},
			[]string{"72. 加大申报力度。（**分管领导：徐通生；责任科室：人事科）**"}},
		{"unmatched closer continues", []string{"67. 建设。**(分管领导：仲重阳；责任科室：规划)**", "发展与信息科)"},
			[]string{"67. 建设。**(分管领导：仲重阳；责任科室：规划)发展与信息科)**"}},
		{"missing text between", []string{"18. 推进行动。（**分管领导：仲重阳；责任科室：**", "100%，进一步拓展。（**分管领导：仲重阳；责任科室：医政医管科**）"},
			[]string{"18. 推进行动。（**分管领导：仲重阳；责任科室：**", "100%，进一步拓展。（**分管领导：仲重阳；责任科室：医政医管科**）"}},
		{"next item stays", []string{"1.落实责任，", "2.强化督导。"}, []string{"1.落实责任，", "2.强化督导。"}},
		{"decimal is not an item", []string{"5.力争投资达到", "2.5亿元。"}, []string{"5.力争投资达到2.5亿元。"}},
		{"latin words get a space", []string{"3.对接DeepSeek and", "OpenAI等大模型。"}, []string{"3.对接DeepSeek and OpenAI等大模型。"}},
		{"short title stays", []string{"2025 年海安市卫生健康工作要点", "坚持以习近平新时代中国特色社会主义思想为指导。"},
			[]string{"2025 年海安市卫生健康工作要点", "坚持以习近平新时代中国特色社会主义思想为指导。"}},
		{"key: value stays", []string{"牵头负责人：仲重阳、刘爱明", "扩大儿科医疗服务供给。"},
			[]string{"牵头负责人：仲重阳、刘爱明", "扩大儿科医疗服务供给。"}},
	} {
		a := &assembler{}
		for i, l := range tc.lines {
			for _, p := range classify(line{i + 1, l}) {
				a.add(p)
			}
		}
		var got []string
		for _, p := range a.paras {
			got = append(got, p.text)
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestClassifySplitsInlineHeadings(t *testing.T) {
	ps := classify(line{1, "（一）加强党的领导。以习近平新时代中国特色社会主义思想为指导，全面加强党的建设。"})
	if len(ps) != 2 || ps[0].kind != kSec2 || ps[0].text != "（一）加强党的领导。" || ps[1].kind != kProse {
		t.Errorf("classify = %+v", ps)
	}
	ps = classify(line{1, "一、二级医院要全面落实预约诊疗制度，不断改善患者就医体验，提升医疗服务满意度和获得感水平"})
	if len(ps) != 1 || ps[0].kind != kProse {
		t.Errorf("a sentence that starts with 一、二级 is not a heading: %+v", ps)
	}
}

func TestHelpers(t *testing.T) {
	for in, want := range map[string]string{
		"2025-03-24 09:52:56": "2025-03-24", "2025年3月4日": "2025-03-04", "2025/3/4": "2025-03-04",
		"2025年13月40日": "", "无": "",
	} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"2025 年海安市卫生健康工作要点":    "2025年海安市卫生健康工作要点",
		"关于印发《2025年要点》 的通知":    "关于印发《2025年要点》的通知",
		"“数智赋能 健康惠民”行动":        "“数智赋能 健康惠民”行动",
		"海安市 2025 年卫生健康领域十大行动": "海安市2025年卫生健康领域十大行动",
	} {
		if got := tidyTitle(in); got != want {
			t.Errorf("tidyTitle(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"# 标题": `\# 标题`, "> 引用": `\> 引用`, "- 列表": `\- 列表`, "---": `\---`, "2025. 年": `2025\. 年`,
		"1. 项目": "1. 项目", "（1）项目": "（1）项目", "正文": "正文", "100%，拓展": "100%，拓展",
	} {
		if got := escapeLeading(in); got != want {
			t.Errorf("escapeLeading(%q) = %q, want %q", in, got, want)
		}
	}
	for n, want := range map[int]string{1: "一", 10: "十", 12: "十二", 20: "二十", 35: "三十五"} {
		if got := chineseNumeral(n); got != want || content.ChineseNumber(got) != n {
			t.Errorf("chineseNumeral(%d) = %q", n, got)
		}
	}
}

// TestRestoreSectionNumber: jintan's first heading lost its 一、; the sections around it tell.
func TestRestoreSectionNumber(t *testing.T) {
	src := "2025年全区卫生健康工作要点\n\n总体要求是：推动高质量发展。\n\n坚持党建引领，筑牢发展根基\n\n1.深化理论武装。\n\n二、深化综合医改\n\n1.推进改革。\n\n强化队伍，夯实基础\n\n1.不是丢了编号的标题。\n\n四、统筹发展与安全\n"
	res, err := Import([]byte(src), Options{Today: "2025-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	md := string(res.Markdown)
	if !strings.Contains(md, "\n## 一、坚持党建引领，筑牢发展根基\n") {
		t.Errorf("lost 一、 not restored:\n%s", md)
	}
	// Between 二、 and 四、 a heading could be 三、, and is restored too.
	if !strings.Contains(md, "\n## 三、强化队伍，夯实基础\n") {
		t.Errorf("lost 三、 not restored:\n%s", md)
	}
}
