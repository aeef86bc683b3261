package search

import "testing"

// BenchmarkSnippet measures one snippet of an 800-character text: normalisation, matching,
// escaping.
func BenchmarkSnippet(b *testing.B) {
	text := ""
	for i := 0; i < 20; i++ {
		text += "推进紧密型县域医共体建设，健全医共体“五大高质量管理中心”运行机制，ＡＩ辅助诊疗。"
	}
	for i := 0; i < b.N; i++ {
		Snippet(text, []string{"医共体"}, SnippetLen)
	}
}
