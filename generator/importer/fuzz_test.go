package importer

import (
	"testing"

	"github.com/planportal/planportal/generator/content"
)

// FuzzImport: any bytes (text of any encoding, page chrome, broken PDF extracts) import to a
// document or to an error, never a panic; a document imported loads.
func FuzzImport(f *testing.F) {
	for _, s := range []string{
		"",
		"\xff\xfe\x00\x00",
		"当前位置：首页 > 政务公开\n索 引 号：002564395/2025-00051\n发布机构：省卫生健康委 文  号：浙卫发〔2023〕10号\n\n关于印发2025年工作要点的通知\n\n一、总体要求\n1. 发展儿科。\n附件：行动方案\n扫一扫在手机打开当前页\n",
		"— 3 —\n第 3 页 共 9 页\n**一、重点任务**\n（一）甲\n1、乙\n",
		"發布單位：香港衞生署\n頒布時間：2025年3月4日\n",
		"2025-02-30\n0000年01月01日\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Import(src, Options{Source: "fuzz.txt", Path: "content/plans/fuzz.md", Today: "2025-03-04"})
		if err != nil || res == nil {
			return
		}
		content.NewLoader(content.Options{}).Parse("content/plans/fuzz.md", res.Markdown)
	})
}

// FuzzDocxText: any bytes given as a Word file give text or an error, never a panic; text
// goes on to import.
func FuzzDocxText(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("not a zip"))
	f.Fuzz(func(t *testing.T, b []byte) {
		text, err := DocxText(b)
		if err != nil {
			return
		}
		Import(text, Options{Today: "2025-03-04"})
	})
}
