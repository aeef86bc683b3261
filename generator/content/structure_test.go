package content

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// header is a valid front matter of 5 lines: a body given to parseBody starts on file line 6.
const header = "+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"2025-03-04\"\n+++\n"

const bodyLine = 6

// parseBody loads a document with the given body, failing the test on any error.
func parseBody(t *testing.T, opt Options, body string) *Document {
	t.Helper()
	doc, diags := NewLoader(opt).Parse("content/plans/x.md", []byte(header+body))
	for _, d := range diags {
		if !d.Warning {
			t.Fatalf("unexpected error: %s", d)
		}
	}
	return doc
}

// outline is a compact text form of a document's structure: one line per annex, section,
// sub-section, item, sub-item and plain block, indented by nesting.
func outline(d *Document) string {
	var b strings.Builder
	var item func(ind string, it *Item)
	item = func(ind string, it *Item) {
		fmt.Fprintf(&b, "%sitem %s [%s] %s\n", ind, it.Anchor, it.Marker, it.Text)
		for _, s := range it.Items {
			item(ind+"  ", s)
		}
	}
	blocks := func(ind string, list []*Block) {
		for _, bl := range list {
			if bl.Item != nil {
				item(ind, bl.Item)
			} else {
				fmt.Fprintf(&b, "%sblock %s\n", ind, bl.Text())
			}
		}
	}
	var section func(ind string, s *Section)
	section = func(ind string, s *Section) {
		fmt.Fprintf(&b, "%ssection %s %s\n", ind, s.Anchor, s.Heading)
		blocks(ind+"  ", s.Blocks)
		for _, c := range s.Sections {
			section(ind+"  ", c)
		}
	}
	for _, p := range d.Parts() {
		ind := ""
		if p.Anchor != "" {
			fmt.Fprintf(&b, "annex %s %s\n", p.Anchor, p.Title)
			ind = "  "
		}
		blocks(ind, p.Blocks)
		for _, s := range p.Sections {
			section(ind, s)
		}
	}
	return b.String()
}

// anchors lists every anchor of a document: annexes, sections, sub-sections, items and
// sub-items, in document order.
func anchors(d *Document) []string {
	var out []string
	var item func(it *Item)
	item = func(it *Item) {
		out = append(out, it.Anchor)
		for _, s := range it.Items {
			item(s)
		}
	}
	var section func(s *Section)
	section = func(s *Section) {
		out = append(out, s.Anchor)
		for _, bl := range s.Blocks {
			if bl.Item != nil {
				item(bl.Item)
			}
		}
		for _, c := range s.Sections {
			section(c)
		}
	}
	for _, p := range d.Parts() {
		if p.Anchor != "" {
			out = append(out, p.Anchor)
		}
		for _, bl := range p.Blocks {
			if bl.Item != nil {
				item(bl.Item)
			}
		}
		for _, s := range p.Sections {
			section(s)
		}
	}
	return out
}

var structureTests = []struct {
	name string
	body string
	want string
}{
	{
		name: "preamble and heading sections",
		body: `关于印发工作要点的通知

## 一、总体要求

坚持稳中求进。

## 二、重点任务

## 十一、其他事项
`,
		want: `block 关于印发工作要点的通知
section s1 一、总体要求
  block 坚持稳中求进。
section s2 二、重点任务
section s11 十一、其他事项
`,
	},
	{
		name: "short one-line paragraphs are sections",
		body: `一、总体要求

二、重点任务。

三、这是一个很长的段落，开头是三、但这里有句号。所以它是正文而不是标题。

四、一段没有句号但超过四十个字的文字也不是标题因为标题不会写得这么长这么长这么长这么长

五、两行的段落
不是标题

（一）短的子标题

（二）子标题里有分号；不是标题
`,
		want: `section s1 一、总体要求
section s2 二、重点任务。
  block 三、这是一个很长的段落，开头是三、但这里有句号。所以它是正文而不是标题。
  block 四、一段没有句号但超过四十个字的文字也不是标题因为标题不会写得这么长这么长这么长这么长
  block 五、两行的段落不是标题
  section s2-1 （一）短的子标题
    block （二）子标题里有分号；不是标题
`,
	},
	{
		name: "sub-sections, full-width and half-width parentheses",
		body: `## 一、总体要求

### （一）指导思想

1.坚持党的领导。

### (二)主要目标

1.目标一。

## 二、重点任务

（一）深化改革

## （二）以二级标题写的子节

1.任务。
`,
		want: `section s1 一、总体要求
  section s1-1 （一）指导思想
    item s1-1-i1 [1.] 坚持党的领导。
  section s1-2 (二)主要目标
    item s1-2-i1 [1.] 目标一。
section s2 二、重点任务
  section s2-1 （一）深化改革
  section s2-2 （二）以二级标题写的子节
    item s2-2-i1 [1.] 任务。
`,
	},
	{
		name: "item markers",
		body: `## 一、任务

1.点号。

2、顿号。

3．全角点号。

４、全角数字。

5.**加粗**开头。

06.前导零。

7 、不是条目。
`,
		want: `section s1 一、任务
  item s1-i1 [1.] 点号。
  item s1-i2 [2、] 顿号。
  item s1-i3 [3．] 全角点号。
  item s1-i4 [４、] 全角数字。
  item s1-i5 [5.] 加粗开头。
  item s1-i6 [06.] 前导零。
  block 7 、不是条目。
`,
	},
	{
		name: "ordered list numbers are read as written",
		body: `## 一、任务

66. 第六十六项
67. 第六十七项
67. 又一个第六十七项
69. 第六十九项
`,
		want: `section s1 一、任务
  item s1-i66 [66.] 第六十六项
  item s1-i67 [67.] 第六十七项
  item s1-i67-2 [67.] 又一个第六十七项
  item s1-i69 [69.] 第六十九项
`,
	},
	{
		name: "loose ordered list with a gap",
		body: `## 三、任务

1. 第一项

3. 第三项，跳过了二

3. 重复的第三项

1) 括号式列表
`,
		want: `section s3 三、任务
  item s3-i1 [1.] 第一项
  item s3-i3 [3.] 第三项，跳过了二
  item s3-i3-2 [3.] 重复的第三项
  item s3-i1-2 [1)] 括号式列表
`,
	},
	{
		name: "sub-items follow a plain item",
		body: `## 一、任务

1.第一项。

（1）子项一。

(2)子项二。

2.第二项。

1. 列表项。

（1）列表项的子项。
`,
		want: `section s1 一、任务
  item s1-i1 [1.] 第一项。
    item s1-i1-1 [（1）] 子项一。
    item s1-i1-2 [(2)] 子项二。
  item s1-i2 [2.] 第二项。
  item s1-i1-3 [1.] 列表项。
    item s1-i1-3-1 [（1）] 列表项的子项。
`,
	},
	{
		name: "parenthesised items are top-level without a plain item",
		body: `## 二、任务

（1）第一项。

（2）第二项。

（2）重复的第二项。
`,
		want: `section s2 二、任务
  item s2-i1 [（1）] 第一项。
  item s2-i2 [（2）] 第二项。
  item s2-i2-2 [（2）] 重复的第二项。
`,
	},
	{
		name: "decimals are not items",
		body: `## 一、指标

2.5亿元用于基层医疗。

1.5倍于去年。

３．５个百分点。

12.30前完成。

1.第一项。
`,
		want: `section s1 一、指标
  block 2.5亿元用于基层医疗。
  block 1.5倍于去年。
  block ３．５个百分点。
  block 12.30前完成。
  item s1-i1 [1.] 第一项。
`,
	},
	{
		name: "items before any section",
		body: `通知如下：

3.第三项。

（1）子项。

一、总体要求

3.第三项。
`,
		want: `block 通知如下：
item i3 [3.] 第三项。
  item i3-1 [（1）] 子项。
section s1 一、总体要求
  item s1-i3 [3.] 第三项。
`,
	},
	{
		name: "annexes",
		body: `## 一、任务

1.正文项。

# 附件：重点项目清单

1.附件开头的项。

一、第一类

1.附件项。

### （二）子类

2.子类项。

# 附件2：联系人

## 一、市级

1.张三。
`,
		want: `section s1 一、任务
  item s1-i1 [1.] 正文项。
annex a1 附件：重点项目清单
  item a1-i1 [1.] 附件开头的项。
  section a1-s1 一、第一类
    item a1-s1-i1 [1.] 附件项。
    section a1-s1-2 （二）子类
      item a1-s1-2-i2 [2.] 子类项。
annex a2 附件2：联系人
  section a2-s1 一、市级
    item a2-s1-i1 [1.] 张三。
`,
	},
	{
		name: "行动 and 第…部分 sections",
		body: `## 行动一：加强基层医疗

1.任务。

## 行动二：提升服务

行动三：推进改革

## 第四部分 保障措施
`,
		want: `section s1 行动一：加强基层医疗
  item s1-i1 [1.] 任务。
section s2 行动二：提升服务
section s3 行动三：推进改革
section s4 第四部分 保障措施
`,
	},
	{
		name: "unnumbered headings",
		body: `# 总体要求

## 一、任务

## 附则

### （一）起草

### 说明
`,
		want: `section h1 总体要求
section s1 一、任务
section h3 附则
  section h3-1 （一）起草
  section h3-h2 说明
`,
	},
	{
		name: "sub-section without a section",
		body: `### （一）第一部分

1.任务。

### （二）第二部分
`,
		want: `section ss1 （一）第一部分
  item ss1-i1 [1.] 任务。
section ss2 （二）第二部分
`,
	},
	{
		name: "plain paragraphs between items stay blocks",
		body: `## 一、任务

1.第一项。

这是对第一项的说明。

2.第二项。

| 指标 | 目标 |
|---|---|
| 覆盖率 | 90% |

3.第三项。

- 无序列表
`,
		want: `section s1 一、任务
  item s1-i1 [1.] 第一项。
  block 这是对第一项的说明。
  item s1-i2 [2.] 第二项。
  block 指标 目标 覆盖率 90%
  item s1-i3 [3.] 第三项。
  block 无序列表
`,
	},
	{
		// Every anchor is unique even where the "-2" of a repeat is taken already (here by
		// sub-item （2） and by sub-section （二）).
		name: "anchors stay unique",
		body: `## 一、任务

1.第一项。

（1）子项一。

（2）子项二。

1.重复的第一项。

### （二）子节

## 一、重复的一

## 一、又一个一
`,
		want: `section s1 一、任务
  item s1-i1 [1.] 第一项。
    item s1-i1-1 [（1）] 子项一。
    item s1-i1-2 [（2）] 子项二。
  item s1-i1-3 [1.] 重复的第一项。
  section s1-2 （二）子节
section s1-3 一、重复的一
section s1-4 一、又一个一
`,
	},
}

func TestStructure(t *testing.T) {
	for _, tt := range structureTests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseBody(t, Options{}, tt.body)
			if got := outline(doc); got != tt.want {
				t.Errorf("body:\n%s\ngot:\n%s\nwant:\n%s", tt.body, got, tt.want)
			}
			seen := map[string]bool{}
			for _, a := range anchors(doc) {
				if a == "" || seen[a] {
					t.Errorf("anchor %q is empty or not unique", a)
				}
				seen[a] = true
			}
		})
	}
}

func TestSectionFields(t *testing.T) {
	doc := parseBody(t, Options{}, `前言。

## 二十三、标题

### （十二）子标题

四、段落标题
`)
	type sec struct {
		Level   int
		Heading string
		Number  int
		Anchor  string
		Line    int
	}
	var got []sec
	for _, s := range doc.Main.Sections {
		got = append(got, sec{s.Level, s.Heading, s.Number, s.Anchor, s.Line})
		for _, c := range s.Sections {
			got = append(got, sec{c.Level, c.Heading, c.Number, c.Anchor, c.Line})
		}
	}
	want := []sec{
		{1, "二十三、标题", 23, "s23", bodyLine + 2},
		{2, "（十二）子标题", 12, "s23-12", bodyLine + 4},
		{1, "四、段落标题", 4, "s4", bodyLine + 6},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sections:\n got %+v\nwant %+v", got, want)
	}
}

// TestItemContent checks that the marker is stripped from an item's HTML and text, and that the
// rest of the paragraph (all its lines, its markup) is kept.
func TestItemContent(t *testing.T) {
	for _, tt := range []struct {
		body   string
		marker string
		number string
		html   template.HTML
		text   string
	}{
		{"1.加强领导。", "1.", "1", "<p>加强领导。</p>\n", "加强领导。"},
		{"1、 加强领导。", "1、", "1", "<p>加强领导。</p>\n", "加强领导。"},
		{"12．加强领导。", "12．", "12", "<p>加强领导。</p>\n", "加强领导。"},
		{"１２、加强领导。", "１２、", "12", "<p>加强领导。</p>\n", "加强领导。"},
		{"007.加强领导。", "007.", "7", "<p>加强领导。</p>\n", "加强领导。"},
		{"（3）加强领导。", "（3）", "3", "<p>加强领导。</p>\n", "加强领导。"},
		{"(3) 加强领导。", "(3)", "3", "<p>加强领导。</p>\n", "加强领导。"},
		{"5.**加强领导**。落实1.5倍投入。", "5.", "5", "<p><strong>加强领导</strong>。落实1.5倍投入。</p>\n", "加强领导。落实1.5倍投入。"},
		{"5.加强\n领导。", "5.", "5", "<p>加强领导。</p>\n", "加强领导。"},
		{"5.见[通知](https://example.gov.cn/a)。", "5.", "5", `<p>见<a href="https://example.gov.cn/a">通知</a>。</p>` + "\n", "见通知。"},
		{"5. 列表项。", "5.", "5", "<p>列表项。</p>\n", "列表项。"},
		// Escaped text: the HTML of an item of plain text is not kept beside its text (Item.HTML
		// makes it), so these are what goldmark writes, character for character.
		{"5.甲&乙，a < b > c，\"引\"与'单'。", "5.", "5", "<p>甲&amp;乙，a &lt; b &gt; c，&quot;引&quot;与'单'。</p>\n", "甲&乙，a < b > c，\"引\"与'单'。"},
		{"5.甲&amp;乙。", "5.", "5", "<p>甲&amp;乙。</p>\n", "甲&amp;乙。"}, // the text keeps the entity as written: HTML is kept
		{"5. 列表项&乙\n   第二行。", "5.", "5", "<p>列表项&amp;乙第二行。</p>\n", "列表项&乙第二行。"},
		{"5. 列表项\n   第二行。", "5.", "5", "<p>列表项第二行。</p>\n", "列表项第二行。"},
		{"5. list item\n   second line", "5.", "5", "<p>list item\nsecond line</p>\n", "list item second line"},
		{"5. 宽松列表项。\n\n   同一项的第二段。\n\n6. 下一项。", "5.", "5", "<p>宽松列表项。</p>\n<p>同一项的第二段。</p>\n", "宽松列表项。 同一项的第二段。"},
	} {
		doc := parseBody(t, Options{}, "## 一、任务\n\n"+tt.body+"\n")
		items := doc.AllItems()
		if len(items) == 0 {
			t.Errorf("%q: no item", tt.body)
			continue
		}
		it := items[0]
		if it.Marker != tt.marker || it.Number != tt.number || it.HTML() != tt.html || it.Text != tt.text {
			t.Errorf("%q:\n got marker %q number %q html %q text %q\nwant marker %q number %q html %q text %q",
				tt.body, it.Marker, it.Number, it.HTML(), it.Text, tt.marker, tt.number, tt.html, tt.text)
		}
	}
}

func TestItemLines(t *testing.T) {
	body := `通知。
1.前言里的项，
跨两行。

## 一、任务

1.第一项。

（1）子项。

2.第二项
第二行
第三行。

3. 列表项
4. 列表项

5. 宽松列表项

6. 宽松列表项

# 附件：清单

一、类别

1.附件项。
`
	doc := parseBody(t, Options{}, body)
	var got []string
	for _, it := range doc.AllItems() {
		got = append(got, fmt.Sprintf("%s:%d", it.Anchor, it.Line))
	}
	// The body starts on line 6; "1.前言里的项" is part of the paragraph that starts on line 6.
	want := []string{"s1-i1:12", "s1-i1-1:14", "s1-i2:16", "s1-i3:20", "s1-i4:21", "s1-i5:23", "s1-i6:25", "a1-s1-i1:31"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("item lines:\n got %v\nwant %v", got, want)
	}
	// A line starting with "1." inside a paragraph does not make an item.
	if len(doc.Main.Blocks) != 1 || doc.Main.Blocks[0].Item != nil {
		t.Errorf("preamble:\n%s", outline(doc))
	}

	// The same body after a BOM and with CRLF line ends gives the same lines.
	for name, src := range map[string]string{
		"BOM":  "\ufeff" + header + body,
		"CRLF": strings.ReplaceAll(header+body, "\n", "\r\n"),
	} {
		d, diags := NewLoader(Options{}).Parse("content/plans/x.md", []byte(src))
		if len(diags) != 0 {
			t.Errorf("%s: %q", name, diagStrings(diags))
		}
		var lines []string
		for _, it := range d.AllItems() {
			lines = append(lines, fmt.Sprintf("%s:%d", it.Anchor, it.Line))
		}
		if !reflect.DeepEqual(lines, want) {
			t.Errorf("%s: item lines:\n got %v\nwant %v", name, lines, want)
		}
		if outline(d) != outline(doc) {
			t.Errorf("%s: outline:\n%s\nwant\n%s", name, outline(d), outline(doc))
		}
	}
}

// TestAnchorsStable checks that editing the text of an item, inserting plain paragraphs, or
// adding an item elsewhere does not change the anchors of existing sections and items.
func TestAnchorsStable(t *testing.T) {
	const base = `前言。

## 一、总体要求

1.第一项。

2.第二项。

（1）第二项的子项。

3.第三项。

## 二、重点任务

### （一）深化改革

1.改革一。

1.改革一（重复）。

### （二）提升服务

66. 服务六十六
67. 服务六十七

# 附件：清单

一、类别

1.附件项。
`
	edits := []struct {
		name     string
		old, new string
		added    []string // anchors the edit adds
	}{
		{"edit the text of item 2", "2.第二项。", "2.第二项，改写后的文字更长，\n还跨了一行。", nil},
		{"paragraph before section 二", "## 二、重点任务", "补充说明的段落。\n\n另一段。\n\n## 二、重点任务", nil},
		{"paragraph in the preamble", "前言。", "前言。\n\n新增的第二段。", nil},
		{"paragraph after the sub-item", "3.第三项。", "说明。\n\n3.第三项。", nil},
		{"an item added at the end of section 一", "## 二、重点任务", "4.新增的项。\n\n## 二、重点任务", []string{"s1-i4"}},
		{"an item added at the end of a list", "67. 服务六十七", "67. 服务六十七\n68. 新增", []string{"s2-2-i68"}},
		{"edit a heading's text", "### （一）深化改革", "### （一）全面深化改革", nil},
	}
	before := anchors(parseBody(t, Options{}, base))
	wantBase := []string{"s1", "s1-i1", "s1-i2", "s1-i2-1", "s1-i3", "s2", "s2-1", "s2-1-i1", "s2-1-i1-2",
		"s2-2", "s2-2-i66", "s2-2-i67", "a1", "a1-s1", "a1-s1-i1"}
	if !reflect.DeepEqual(before, wantBase) {
		t.Fatalf("base anchors:\n got %v\nwant %v", before, wantBase)
	}
	for _, e := range edits {
		if !strings.Contains(base, e.old) {
			t.Fatalf("%s: %q not in the base text", e.name, e.old)
		}
		after := anchors(parseBody(t, Options{}, strings.Replace(base, e.old, e.new, 1)))
		var kept []string
		added := map[string]bool{}
		for _, a := range e.added {
			added[a] = true
		}
		for _, a := range after {
			if !added[a] {
				kept = append(kept, a)
			}
		}
		if !reflect.DeepEqual(kept, before) || len(after) != len(before)+len(e.added) {
			t.Errorf("%s: anchors changed:\nbefore %v\n after %v", e.name, before, after)
		}
	}
}

func TestChineseNumber(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"一", 1},
		{"二", 2},
		{"九", 9},
		{"十", 10},
		{"十一", 11},
		{"十九", 19},
		{"二十", 20},
		{"二十三", 23},
		{"九十九", 99},
		{"一百", 100},
		{"百", 100},
		{"一百零五", 105},
		{"一百二十", 120},
		{"〇", 0},
		{"", 0},
		{"甲", 0},
		{"三a", 0},
		{"1", 0},
		{"壹", 0},
	} {
		if got := ChineseNumber(tt.in); got != tt.want {
			t.Errorf("ChineseNumber(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestNotItemsOrSections: a number followed by a space, and 行动 followed by another word,
// are ordinary text.
func TestNotItemsOrSections(t *testing.T) {
	src := "+++\ntitle = \"t\"\nagency = \"a\"\npublished = \"2025-01-01\"\n+++\n\n100 家企业参与建设。\n\n行动一致推进改革\n"
	doc, diags := NewLoader(Options{}).Parse("content/plans/x.md", []byte(src))
	for _, d := range diags {
		if !d.Warning {
			t.Fatal(d)
		}
	}
	if n := len(doc.AllItems()); n != 0 {
		t.Errorf("got %d items, want 0", n)
	}
	if n := len(doc.Main.Sections); n != 0 {
		t.Errorf("got %d sections, want 0", n)
	}
}

// TestItemMarkerBeforeDigit: 、 is always a marker (1、5G网络), a dot before a digit is a decimal.
func TestItemMarkerBeforeDigit(t *testing.T) {
	src := "+++\ntitle = \"t\"\nagency = \"a\"\npublished = \"2025-01-01\"\n+++\n\n1、5G网络全覆盖。\n\n2、120急救站建设。\n\n2.5亿元用于建设。\n"
	doc, _ := NewLoader(Options{}).Parse("content/plans/x.md", []byte(src))
	var got []string
	for _, it := range doc.AllItems() {
		got = append(got, it.Anchor+":"+it.Text)
	}
	want := []string{"i1:5G网络全覆盖。", "i2:120急救站建设。"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("items = %q, want %q", got, want)
	}
}

// TestCollapseSpace: collapseSpace is strings.Join(strings.Fields(s), " "), on texts of the
// runes that matter: ASCII and Unicode white space (the ideographic space, no-break space),
// Han, and bytes that are not UTF-8.
func TestCollapseSpace(t *testing.T) {
	parts := []string{" ", "\t", "\n", "\r\n", "\u3000", "\u00a0", "\u0085", "\v", "\f", "医", "共体", "a", "65%", "\xff", "\xe5\x8c", "，",
		"\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u2010", "。", "\xc2", "\x85", "\xe2\x80", "\xe3\x80", "é"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if got, want := string(collapseSpace([]byte(s))), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
	// collapseSpace decodes only where a white space character can begin: every one outside
	// ASCII must begin with a byte spaceLead knows.
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) && !spaceLead(string(r)[0]) {
			t.Errorf("%U is white space, but spaceLead does not know its first byte", r)
		}
	}
}

// TestIsTextHTML: isTextHTML3(prefix, h, text) is prefix+h == textHTML(text), for texts of the
// characters the escaper replaces and others, for h that is textHTML's rest, one byte off,
// cut short or run on; and it makes no copy of either.
func TestIsTextHTML(t *testing.T) {
	parts := []string{"医", "a", "&", "<", ">", `"`, "'", "&amp;", " ", "65%", "</p>"}
	rng := rand.New(rand.NewPCG(3, 4))
	seen := map[bool]int{}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(8); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		text := b.String()
		h := textHTML(text)
		switch rng.IntN(5) {
		case 1: // a byte changed
			k := rng.IntN(len(h))
			h = h[:k] + string(h[k]^1) + h[k+1:]
		case 2: // cut short
			h = h[:rng.IntN(len(h))]
		case 3: // run on
			h += parts[rng.IntN(len(parts))]
		case 4: // the text of another
			h = textHTML(text + parts[rng.IntN(len(parts))])
		}
		for _, prefix := range []string{"", "<p>"} {
			if !strings.HasPrefix(h, prefix) {
				continue
			}
			want := h == textHTML(text)
			if got := isTextHTML3(prefix, h[len(prefix):], text); got != want {
				t.Fatalf("isTextHTML3(%q, %q, %q) = %v, want %v", prefix, h[len(prefix):], text, got, want)
			}
			if got := isTextHTML3(prefix, []byte(h[len(prefix):]), text); got != want {
				t.Fatalf("isTextHTML3(%q, []byte(%q), %q) = %v, want %v", prefix, h[len(prefix):], text, got, want)
			}
			seen[want]++
		}
	}
	if seen[true] < 1000 || seen[false] < 1000 {
		t.Fatalf("cases equal/unequal: %v, want both", seen)
	}
	text := `医疗 <卫生> & "健康"`
	h := []byte(textHTML(text))
	if n := testing.AllocsPerRun(100, func() { isTextHTML3("<p>", h[3:], text) }); n != 0 {
		t.Errorf("isTextHTML3 allocates %v times a call, want 0", n)
	}
}

// itemsAndNotes is a plan of items written as paragraphs (1.…, （2）…) and as a list (3. …),
// with notes in brackets, over two lines, and unbracketed, and sections as a heading and as
// a paragraph.
const itemsAndNotes = "+++\ntitle = \"t\"\nagency = \"a\"\npublished = \"2025-01-01\"\n+++\n\n" +
	"## 一、总体要求\n\n" +
	"1.推进家庭医生签约服务。（分管领导：张三；责任科室：办公室）\n\n" +
	"（2）加强基层医疗机构建设，\n提升服务能力。（分管领导：李四、王五；\n责任科室：医政科）\n\n" +
	"（一）加强组织领导\n\n" +
	"各单位要把卫生健康工作摆上重要议事日程，认真抓好落实。牵头单位：办公室；完成时限：12月底\n\n" +
	"3. 做好信访工作。\n"

// TestKeptStringsOwnTheirBytes: the loader reads a document's source in place (srcView) to
// recognise markers and find notes; nothing it keeps may point into the source, or one kept
// marker, heading or note would hold the whole file for the rest of the build.
func TestKeptStringsOwnTheirBytes(t *testing.T) {
	src := []byte(itemsAndNotes)
	doc, diags := NewLoader(Options{}).Parse("content/plans/x.md", src)
	for _, d := range diags {
		if !d.Warning {
			t.Fatal(d)
		}
	}
	kept, notes := keptStrings(doc)
	if items := len(doc.AllItems()); items != 3 || notes != 3 {
		t.Fatalf("%d items and %d notes, want 3 and 3: the test no longer reads what it is about", items, notes)
	}
	whole := unsafe.String(unsafe.SliceData(src), len(src))
	for _, s := range kept {
		if s != "" && within(s, whole) {
			t.Errorf("%q is kept as a part of the document's source", s)
		}
	}
}

// keptStrings are the strings a document keeps of its text (markers, texts, HTML, headings,
// anchors, notes), and the number of notes.
func keptStrings(doc *Document) (kept []string, notes int) {
	note := func(a *Annotation) {
		if a == nil {
			return
		}
		notes++
		kept = append(kept, a.Text, a.Deadline)
		for _, p := range a.Pairs {
			kept = append(append(kept, p.Label, p.Value), p.Names...)
		}
	}
	var item func(it *Item)
	item = func(it *Item) {
		kept = append(kept, it.Marker, it.Number, it.Text, it.Anchor, string(it.HTML()))
		note(it.Annotation)
		for _, s := range it.Items {
			item(s)
		}
	}
	blocks := func(bl []*Block) {
		for _, b := range bl {
			kept = append(kept, string(b.HTML), b.Anchor)
			note(b.Annotation)
			if b.Item != nil {
				item(b.Item)
			}
		}
	}
	for _, p := range doc.Parts() {
		kept = append(kept, p.Title, p.Anchor)
		blocks(p.Blocks)
		for _, s := range p.Sections {
			kept = append(kept, s.Heading, s.Anchor)
			note(s.Annotation)
			blocks(s.Blocks)
			for _, c := range s.Sections {
				kept = append(kept, c.Heading, c.Anchor)
				note(c.Annotation)
				blocks(c.Blocks)
			}
		}
	}
	return append(kept, fmt.Sprintf("%+v", doc.Meta)), notes
}

// TestParseKeepsNothingItReads: what Parse returns owns its bytes. Its source may be
// overwritten, and the builder's buffers (scratchPool) reused by the next documents, without
// changing a document already parsed.
func TestParseKeepsNothingItReads(t *testing.T) {
	other, err := os.ReadFile("../../content/plans/haian-2025.md")
	if err != nil {
		t.Fatal(err)
	}
	l := NewLoader(Options{})
	buf := []byte(itemsAndNotes)
	doc, _ := l.Parse("content/plans/x.md", buf)
	kept, _ := keptStrings(doc)
	before := strings.Join(kept, "\x00") // a copy
	for i := range buf {
		buf[i] = "文本"[i%len("文本")]
	}
	for i := 0; i < 3; i++ {
		l.Parse("content/plans/haian-2025.md", other)
	}
	kept, _ = keptStrings(doc)
	if after := strings.Join(kept, "\x00"); after != before {
		t.Errorf("the document parsed changed when its source and the loader's buffers were reused")
	}
}
