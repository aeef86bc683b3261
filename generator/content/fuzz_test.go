package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// badInputs are the malformed documents issue 17 names, and others a loader must survive:
// each must give diagnostics, never a panic or a hang.
var badInputs = []string{
	"",
	"+++",
	"+++\n",
	"+++\n+++\n",
	"+++\ntitle = \n+++\n",
	"+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"0000-01-01\"\n+++\n",
	"+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"2025-02-30\"\n+++\n",
	"+++\ntitle = \"T\"\nagency = \"A\"\npublished = 2025-03-04\nthemes = [1, 2]\n+++\n",
	"+++\n[[themes]]\n+++\n",
	"+++\ntitle = \"T\"\n+++\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n",
	"+++\ntitle = \"T\"\n+++\n" + strings.Repeat("- ", 200) + "x\n",
	"+++\ntitle = \"T\"\n+++\n" + strings.Repeat(">", 200) + " x\n",
	"+++\ntitle = \"T\"\n+++\n## 一、\n\n### （一）\n\n1.\n\n（1）\n\n# 附件：\n",
	"+++\ntitle = \"T\"\n+++\n1. a {themes: +x -y}\n\n{themes: }\n",
	"\xff\xfe+++\n",
	"+++\r\ntitle = \"T\"\r\n+++\r\n1、甲\r\n",
	"+++\ntitle = \"T\"\n+++\n1. 甲。（**分管领导：乙；责任科室：**\n\n（牵头单位：丙）\n\n牵头负责人：丁\n",
	"+++\ntitle = \"T\"\n+++\n1. 甲。**(分管领导：乙；责任科室：规划)发展)**\n2. （分管领导：）\n",
}

// FuzzParse: loading any bytes as a document gives a document or diagnostics that name the
// file, never a panic; what it returns can be walked.
func FuzzParse(f *testing.F) {
	for _, s := range badInputs {
		f.Add([]byte(s))
	}
	f.Add([]byte("+++\ntitle = \"2025年工作要点\"\nagency = \"甲市卫生健康委员会\"\npublished = \"2025-03-04\"\n+++\n\n## 一、总体要求\n\n1. 发展儿科。\n   1. 子项。\n\n# 附件：行动\n\n一段文字。\n"))
	l := NewLoader(Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		d, diags := l.Parse("content/plans/x.md", src)
		for _, dg := range diags {
			if dg.File != "content/plans/x.md" {
				t.Fatalf("diagnostic without the file: %+v", dg)
			}
		}
		if d == nil {
			return
		}
		d.Passages(func(p Passage) {
			if !utf8.ValidString(p.Text()) {
				t.Fatalf("passage %s text is not UTF-8", p.Anchor())
			}
		})
	})
}

// FuzzRecognise: any line is recognised or not, never a panic, and a marker read is a prefix
// of the line.
func FuzzRecognise(f *testing.F) {
	for _, s := range []string{"一、总体要求", "（一）甲", "1. 甲", "1、5G网络", "2.5亿元", "（1）乙", "行动一：", "第一章 总则", "十二、", "１２．甲", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		m, ok := Recognise(line)
		if ok && !strings.HasPrefix(line, m.Text) {
			t.Fatalf("Recognise(%q) read marker %q, not a prefix", line, m.Text)
		}
	})
}
