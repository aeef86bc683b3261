package content

import "testing"

func TestCoverRoles(t *testing.T) {
	src := []byte(`+++
title = "2025年海安市卫生健康工作要点"
agency = "海安市卫生健康委员会"
published = "2025-03-04"
doc_number = "海卫健发〔2025〕1号"
+++

海安市卫生健康委员会文件

海卫健发〔2025〕1号

**关于印发《2025年海安市卫生健康工作要点》的通知**

各卫生健康单位：

现将《2025年海安市卫生健康工作要点》印发给你们，请认真贯彻落实。

海安市卫生健康委员会

2025年3月4日

抄 送：南通市卫生健康委员会。

海安市卫生健康委员会办公室

2025年3月4日印发

坚持以习近平新时代中国特色社会主义思想为指导，推进健康海安建设。

## 一、深化改革

1. 推进医共体建设。
`)
	doc, diags := NewLoader(Options{}).Parse("content/plans/haian-2025.md", src)
	if len(diags) > 0 {
		t.Fatal(diagStrings(diags))
	}
	roles := doc.CoverRoles()
	var got []string
	for _, b := range doc.Main.Blocks {
		got = append(got, roles[b])
	}
	want := []string{CoverHeader, CoverNumber, CoverTitle, CoverTo, "", CoverSign, CoverSign, CoverCopy, CoverCopy, CoverCopy, ""}
	if len(got) != len(want) {
		t.Fatalf("%d preamble blocks, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d (%s): role %q, want %q", i, doc.Main.Blocks[i].Text(), got[i], want[i])
		}
	}
}
