package content

import (
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/msg"
)

// TestChineseMessages: officers read the loader's problems in Chinese, the field by its
// label, and an impossible date with the reason; an unknown theme lists the valid ones.
func TestChineseMessages(t *testing.T) {
	defer msg.SetEnglish(false)()
	src := "+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"2025-02-30\"\nthemes = [\"nope\"]\n+++\n\n正文。\n"
	l := NewLoader(Options{KnownTheme: func(s string) bool { return s == "reform" || s == "children" }, ThemeSlugs: []string{"reform", "children"}})
	_, diags := l.Parse("content/plans/x.md", []byte(src))
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	for _, want := range []string{
		`content/plans/x.md:4: 发布日期: "2025-02-30" 不是有效日期（2 月没有 30 日）`,
		`content/plans/x.md:5: 主题分类: 未知的主题 "nope"（可用的主题：reform, children；见 config.toml [[themes]]）`,
	} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("no %s in\n%s", want, strings.Join(got, "\n"))
		}
	}
	msg.SetEnglish(true)
	_, diags = l.Parse("content/plans/x.md", []byte(src))
	if s := diags[0].Error(); s != `content/plans/x.md:4: published: "2025-02-30" is not a real date (month 2 has no day 30)` {
		t.Errorf("English: %s", s)
	}
}
