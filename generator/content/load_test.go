package content

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLoadDir(t *testing.T) {
	res, err := NewLoader(Options{}).LoadDir(filepath.Join("testdata", "site"))
	if err != nil {
		t.Fatal(err)
	}

	// Sorted by path; .x.md, the .drafts directory and notes.txt are not loaded.
	var paths []string
	for _, d := range res.Documents {
		paths = append(paths, d.Path)
	}
	wantPaths := []string{"content/news/d.md", "content/plans/a.md", "content/plans/b.md", "content/plans/c.md"}
	if !reflect.DeepEqual(paths, wantPaths) {
		t.Fatalf("documents:\n got %v\nwant %v", paths, wantPaths)
	}
	// Each document is the one its path names (loading is parallel).
	wantTitles := []string{"关于召开工作会议的通知", "2025年甲市卫生健康工作要点", "2025年乙市卫生健康工作要点", "2025年丙市卫生健康工作要点"}
	for i, d := range res.Documents {
		if d.Meta.Title != wantTitles[i] {
			t.Errorf("%s: title %q, want %q", d.Path, d.Meta.Title, wantTitles[i])
		}
	}
	if d := res.Documents[0]; d.Section != "news" || d.Slug != "d" || d.URL != "/news/d/" {
		t.Errorf("%s: section %q slug %q URL %q", d.Path, d.Section, d.Slug, d.URL)
	}

	// The second file with an 索引号 or 文号 already used is the one reported, at its own line,
	// naming the first file.
	wantErrs := []string{
		`content/plans/b.md:6: index_number: "000000001/2025-00001" is already used by content/plans/a.md`,
		`content/plans/b.md:8: doc_number: "甲卫发〔2025〕1号" is already used by content/plans/a.md`,
	}
	if got := strings.Split(res.Errors.Error(), "\n"); !reflect.DeepEqual(got, wantErrs) {
		t.Errorf("errors:\n got %q\nwant %q", got, wantErrs)
	}
	for _, e := range res.Errors {
		if e.Warning || e.File != "content/plans/b.md" {
			t.Errorf("error %+v", *e)
		}
	}

	wantWarn := "content/plans/c.md:7: author: unknown key, ignored"
	if len(res.Warnings) != 1 || res.Warnings[0].Error() != wantWarn || !res.Warnings[0].Warning {
		t.Errorf("warnings: got %q, want %q", res.Warnings.Error(), wantWarn)
	}
}

func TestLoadDirMissing(t *testing.T) {
	if _, err := NewLoader(Options{}).LoadDir(filepath.Join("testdata", "no-such-site")); err == nil {
		t.Error("LoadDir of a missing directory: no error")
	}
}

func TestCheckUnique(t *testing.T) {
	doc := func(path, index, number string) *Document {
		d, diags := NewLoader(Options{}).Parse(path, fm(with(
			`index_number = "`+index+`"`, // line 5
			`doc_number = "`+number+`"`,  // line 6
		), ""))
		if len(diags) != 0 {
			t.Fatalf("%s: %q", path, diagStrings(diags))
		}
		return d
	}
	for _, tt := range []struct {
		name string
		docs []*Document
		want []string
	}{
		{"all different", []*Document{
			doc("content/plans/a.md", "1", "甲1号"),
			doc("content/plans/b.md", "2", "甲2号"),
		}, nil},
		{"empty values are not duplicates", []*Document{
			doc("content/plans/a.md", "", ""),
			doc("content/plans/b.md", "", ""),
		}, nil},
		{"three share an index number", []*Document{
			doc("content/plans/a.md", "1", "甲1号"),
			doc("content/plans/b.md", "1", "甲2号"),
			doc("content/plans/c.md", "1", "甲3号"),
		}, []string{
			`content/plans/b.md:5: index_number: "1" is already used by content/plans/a.md`,
			`content/plans/c.md:5: index_number: "1" is already used by content/plans/a.md`,
		}},
		{"index number of one is doc number of another", []*Document{
			doc("content/plans/a.md", "X", "Y"),
			doc("content/plans/b.md", "Y", "X"),
		}, nil},
		{"same URL", []*Document{
			doc("content/plans/a.md", "1", "甲1号"),
			doc("content/plans/a.md", "2", "甲2号"),
		}, []string{
			`content/plans/a.md:1: URL /plans/a/ is already used by content/plans/a.md`,
		}},
	} {
		var got []string
		for _, d := range CheckUnique(tt.docs) {
			got = append(got, d.Error())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestSummary(t *testing.T) {
	long := "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十届三中全会精神，" +
		"紧紧围绕市委、市政府决策部署，紧扣高质量发展主题。高水平推进健康海安建设，" +
		"奋力推动中国式现代化海安卫生健康新实践，为建设健康中国贡献力量，持续提升群众获得感"
	noStop := strings.Repeat("推进健康建设", 20) // 120 runes, no sentence end
	for _, tt := range []struct {
		name  string
		lines []string
		body  string
		want  string
	}{
		{"derived, ends at a sentence end", required,
			"海安市卫生健康委员会文件\n\n" + long + "\n",
			"坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十届三中全会精神，" +
				"紧紧围绕市委、市政府决策部署，紧扣高质量发展主题。"},
		{"derived, cut with …", required,
			noStop + "\n",
			string([]rune(noStop)[:SummaryMax-1]) + "…"},
		{"derived from a short enough paragraph, whole", required,
			"短。\n\n" + strings.Repeat("字", 45) + "\n",
			strings.Repeat("字", 45)},
		{"derived from an item", required,
			"## 一、总体要求\n\n1." + strings.Repeat("项", 50) + "\n",
			strings.Repeat("项", 50)},
		{"derived across a soft line break", required,
			strings.Repeat("甲", 30) + "\n" + strings.Repeat("乙", 30) + "\n",
			strings.Repeat("甲", 30) + strings.Repeat("乙", 30)},
		{"nothing long enough", required,
			"短。\n\n一、总体要求\n\n1.也短。\n",
			""},
		{"explicit summary kept", with(`summary = "本文件部署全年重点工作。"`),
			long + "\n",
			"本文件部署全年重点工作。"},
	} {
		doc, diags := NewLoader(Options{}).Parse("content/plans/x.md", fm(tt.lines, tt.body))
		if len(diags) != 0 {
			t.Errorf("%s: %q", tt.name, diagStrings(diags))
		}
		got := doc.Meta.Summary
		if got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > SummaryMax {
			t.Errorf("%s: summary is %d characters", tt.name, n)
		}
	}
}

func TestShorten(t *testing.T) {
	rep := strings.Repeat
	for _, tt := range []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"short", "一句话。", 100, "一句话。"},
		{"exactly max", rep("字", 100), 100, rep("字", 100)},
		{"trimmed", "  一句话。\n", 100, "一句话。"},
		{"one over, no sentence end", rep("字", 101), 100, rep("字", 99) + "…"},
		{"sentence end past half", rep("甲", 60) + "。" + rep("乙", 50), 100, rep("甲", 60) + "。"},
		{"last sentence end wins", rep("甲", 55) + "。" + rep("乙", 20) + "；" + rep("丙", 30), 100, rep("甲", 55) + "。" + rep("乙", 20) + "；"},
		{"exclamation", rep("甲", 70) + "！" + rep("乙", 50), 100, rep("甲", 70) + "！"},
		{"sentence end before half is not used", rep("甲", 30) + "。" + rep("乙", 80), 100, rep("甲", 30) + "。" + rep("乙", 68) + "…"},
		{"comma is not a sentence end", rep("甲", 70) + "，" + rep("乙", 50), 100, rep("甲", 70) + "，" + rep("乙", 28) + "…"},
		{"small max", "abcdefghij", 5, "abcd…"},
	} {
		got := Shorten(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("%s: Shorten(%q, %d) = %q, want %q", tt.name, tt.in, tt.max, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.max {
			t.Errorf("%s: %d characters, max %d", tt.name, n, tt.max)
		}
	}
}

func TestItemWithoutTextWarns(t *testing.T) {
	for _, tt := range []struct {
		body string
		want []string
	}{
		{"## 一、任务\n\n1.\n\n2.有内容。\n", []string{"W content/plans/x.md:8: item 1.: item has no text"}},
		{"## 一、任务\n\n1、\n\n2、有内容。\n", []string{"W content/plans/x.md:8: item 1、: item has no text"}},
		{"## 一、任务\n\n1.有内容。\n\n（1）\n", []string{"W content/plans/x.md:10: item （1）: item has no text"}},
		{"## 一、任务\n\n66. 甲\n67.\n68. 丙\n", []string{"W content/plans/x.md:9: item 67.: item has no text"}},
		{"## 一、任务\n\n1.有内容。\n", nil},
	} {
		_, diags := NewLoader(Options{}).Parse("content/plans/x.md", []byte(header+tt.body))
		if got := diagStrings(diags); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.body, got, tt.want)
		}
	}
}
