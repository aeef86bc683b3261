package content

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// blockHTML returns the HTML of the whole document body, blocks and items, in order.
func blockHTML(d *Document) string {
	var b strings.Builder
	var item func(it *Item)
	item = func(it *Item) {
		b.WriteString(string(it.HTML()))
		for _, s := range it.Items {
			item(s)
		}
	}
	d.Walk(func(_ *Part, _ *Section, bl *Block) {
		if bl.Item != nil {
			item(bl.Item)
		} else {
			b.WriteString(string(bl.HTML))
		}
	})
	return b.String()
}

func TestRawHTML(t *testing.T) {
	for _, tt := range []struct {
		name   string
		body   string
		safe   string // in the HTML when Unsafe is false
		unsafe string // in the HTML when Unsafe is true
	}{
		{"script block", "<script>alert(1)</script>\n",
			"<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
			"<script>alert(1)</script>"},
		{"script inline", "文字<script>alert(1)</script>文字\n",
			`<p id="p1">文字&lt;script&gt;alert(1)&lt;/script&gt;文字</p>`,
			`<p id="p1">文字<script>alert(1)</script>文字</p>`},
		{"script in an item", "## 一、任务\n\n1.文字<script>alert(1)</script>\n",
			"<p>文字&lt;script&gt;alert(1)&lt;/script&gt;</p>",
			"<p>文字<script>alert(1)</script></p>"},
		{"script in a list item", "## 一、任务\n\n1. 文字<script>alert(1)</script>\n",
			"<p>文字&lt;script&gt;alert(1)&lt;/script&gt;</p>",
			"<p>文字<script>alert(1)</script></p>"},
		{"multi-line block", "<div onclick=\"x()\">\n<p>段落</p>\n</div>\n",
			"<p>&lt;div onclick=&#34;x()&#34;&gt;\n&lt;p&gt;段落&lt;/p&gt;\n&lt;/div&gt;</p>",
			"<div onclick=\"x()\">\n<p>段落</p>\n</div>"},
		{"event handler inline", "点击<img src=x onerror=alert(1)>这里\n",
			`<p id="p1">点击&lt;img src=x onerror=alert(1)&gt;这里</p>`,
			`<p id="p1">点击<img src=x onerror=alert(1)>这里</p>`},
		{"comment", "<!-- 注释 -->\n",
			"<p>&lt;!-- 注释 --&gt;</p>",
			"<!-- 注释 -->"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			safe := blockHTML(parseBody(t, Options{}, tt.body))
			if !strings.Contains(safe, tt.safe) {
				t.Errorf("Unsafe false:\n got %q\nwant it to contain %q", safe, tt.safe)
			}
			if regexp.MustCompile(`<(script|div|img|!--)`).MatchString(safe) {
				t.Errorf("Unsafe false: raw HTML passed through: %q", safe)
			}
			unsafe := blockHTML(parseBody(t, Options{Unsafe: true}, tt.body))
			if !strings.Contains(unsafe, tt.unsafe) {
				t.Errorf("Unsafe true:\n got %q\nwant it to contain %q", unsafe, tt.unsafe)
			}
		})
	}
}

// TestRawHTMLVisibleAsText checks that escaped HTML is not dropped: its text is the block's text.
func TestRawHTMLVisibleAsText(t *testing.T) {
	doc := parseBody(t, Options{}, "<script>alert(1)</script>\n\n文字<b>粗</b>文字\n")
	var got []string
	doc.Walk(func(_ *Part, _ *Section, b *Block) { got = append(got, b.Text()) })
	want := []string{"<script>alert(1)</script>", "文字<b>粗</b>文字"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("texts %q, want %q", got, want)
	}
}

func TestNewMarkdown(t *testing.T) {
	const src = "# 标题\n\n<script>alert(1)</script>\n\n中文\n换行\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~删除~~ https://www.gov.cn\n"
	for _, tt := range []struct {
		unsafe bool
		want   []string
	}{
		{false, []string{"<h1>标题</h1>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<p>中文换行</p>", "<table>",
			"<del>删除</del>", `<a href="https://www.gov.cn">https://www.gov.cn</a>`}},
		{true, []string{"<h1>标题</h1>", "<script>alert(1)</script>", "<p>中文换行</p>", "<table>"}},
	} {
		var buf bytes.Buffer
		if err := NewMarkdown(tt.unsafe).Convert([]byte(src), &buf); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("unsafe=%v: %q not in\n%s", tt.unsafe, w, buf.String())
			}
		}
	}
}

// TestSoftLineBreaks checks that a line break inside a paragraph becomes nothing between two
// Chinese characters and a space between Latin words, in the HTML and in the text alike.
func TestSoftLineBreaks(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  string // a paragraph; "1." before it makes it an item
		html string // the paragraph's HTML, after the marker
		text string
	}{
		{"Han", "中文\n换行", "<p id=\"p1\">中文换行</p>\n", "中文换行"},
		{"Han, three lines", "第一行\n第二行\n第三行", "<p id=\"p1\">第一行第二行第三行</p>\n", "第一行第二行第三行"},
		{"after 。", "第一句。\n第二句。", "<p id=\"p1\">第一句。第二句。</p>\n", "第一句。第二句。"},
		{"after 、", "医疗、\n医保", "<p id=\"p1\">医疗、医保</p>\n", "医疗、医保"},
		{"Latin", "hello\nworld", "<p id=\"p1\">hello\nworld</p>\n", "hello world"},
		{"Han then Latin", "中文\nABC", "<p id=\"p1\">中文\nABC</p>\n", "中文 ABC"},
		{"Latin then Han", "ABC\n中文", "<p id=\"p1\">ABC\n中文</p>\n", "ABC 中文"},
		{"digit then Han", "目标为90\n万人", "<p id=\"p1\">目标为90\n万人</p>\n", "目标为90 万人"},
		{"Han then bold Han", "加强\n**领导**", "<p id=\"p1\">加强<strong>领导</strong></p>\n", "加强领导"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseBody(t, Options{}, tt.src+"\n")
			if len(doc.Main.Blocks) != 1 {
				t.Fatalf("%d blocks", len(doc.Main.Blocks))
			}
			b := doc.Main.Blocks[0]
			if string(b.HTML) != tt.html || b.Text() != tt.text {
				t.Errorf("paragraph:\n got %q %q\nwant %q %q", b.HTML, b.Text(), tt.html, tt.text)
			}

			doc = parseBody(t, Options{}, "1."+tt.src+"\n")
			items := doc.AllItems()
			if len(items) != 1 {
				t.Fatalf("%d items", len(items))
			}
			it := items[0]
			// An item's paragraph carries no id of its own: the item's element has it.
			if want := strings.Replace(tt.html, ` id="p1"`, "", 1); string(it.HTML()) != want || it.Text != tt.text {
				t.Errorf("item:\n got %q %q\nwant %q %q", it.HTML(), it.Text, want, tt.text)
			}
		})
	}
}

func TestTables(t *testing.T) {
	doc := parseBody(t, Options{}, `## 一、指标

| 指标 | 2024年 | 2025年目标 |
|---|---:|---:|
| 家庭医生签约率 | 40% | **45%** |
| 基层就诊率 | 60% | 65% |

1.第一项。
`)
	s := doc.Main.Sections[0]
	if len(s.Blocks) != 2 || s.Blocks[0].Item != nil || s.Blocks[1].Item == nil {
		t.Fatalf("blocks:\n%s", outline(doc))
	}
	h := string(s.Blocks[0].HTML)
	for _, w := range []string{"<table>", "<th>指标</th>", `<th style="text-align:right">2024年</th>`,
		"<td>家庭医生签约率</td>", `<td style="text-align:right"><strong>45%</strong></td>`, "</table>"} {
		if !strings.Contains(h, w) {
			t.Errorf("%q not in\n%s", w, h)
		}
	}
	if strings.Contains(h, "|") {
		t.Errorf("table rendered as text:\n%s", h)
	}
}

// TestTildeIsARange: a tilde between numbers (2~3个, 3~5名, 0~3岁) is a range and stays text;
// only ~~text~~ strikes through.
func TestTildeIsARange(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"打响2~3个重点专科，培育3~5名名医。", "<p>打响2~3个重点专科，培育3~5名名医。</p>"},
		{"0~3岁婴幼儿，3~6岁儿童", "<p>0~3岁婴幼儿，3~6岁儿童</p>"},
		{"~单个~", "<p>~单个~</p>"},
		{"~~删除~~与2~3个", "<p><del>删除</del>与2~3个</p>"},
		{"a~~~b~~~c", "<p>a~~~b~~~c</p>"},
		{"全角２～３个", "<p>全角２～３个</p>"},
	} {
		var buf bytes.Buffer
		if err := NewMarkdown(false).Convert([]byte(tt.src), &buf); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(buf.String()); got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.src, got, tt.want)
		}
	}
}
