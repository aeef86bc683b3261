package importer

import "testing"

func TestDocName(t *testing.T) {
	for in, want := range map[string]string{
		"001_bb61ea8165d77bf6.txt": "001-bb61ea8165d77bf6", "Rugao 2025.TXT": "rugao-2025",
		"dir/海安-2025.txt": "2025", "海安.txt": "import", "a__b--c.md": "a-b-c",
		"湖州市2025年卫生健康工作要点.txt": "huzhou-2025", "常州市金坛区2025年工作要点.docx": "jintan-2025", "工作要点.txt": "import",
	} {
		if got := DocName(in); got != want {
			t.Errorf("DocName(%q) = %q, want %q", in, got, want)
		}
	}
}
