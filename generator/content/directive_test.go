package content

import (
	"fmt"
	"strings"
	"testing"
)

// directives summarises where each directive landed: "anchor:+a-b".
func directives(d *Document) []string {
	var out []string
	fmtD := func(where string, td *ThemeDirective) {
		if td == nil {
			return
		}
		s := where + ":"
		for _, a := range td.Add {
			s += "+" + a
		}
		for _, r := range td.Remove {
			s += "-" + r
		}
		out = append(out, s)
	}
	var secs func([]*Section)
	secs = func(ss []*Section) {
		for _, s := range ss {
			fmtD(s.Anchor, s.Directive)
			secs(s.Sections)
		}
	}
	for _, p := range d.Parts() {
		secs(p.Sections)
	}
	d.Walk(func(_ *Part, _ *Section, b *Block) {
		if b.Item != nil {
			fmtD(b.Item.Anchor, b.Item.Directive)
			for _, s := range b.Item.Items {
				fmtD(s.Anchor, s.Directive)
			}
		} else {
			fmtD(b.Anchor, b.Directive)
		}
	})
	return out
}

func TestThemeDirectives(t *testing.T) {
	known := func(s string) bool { return s == "children" || s == "elderly" || s == "tcm" }
	for _, tt := range []struct {
		name, body string
		want       string // directives() joined by " "
		text       string // the text of the first item or paragraph: the directive is gone
	}{
		{"item", "## 一、任务\n\n1. 建设儿科。{themes: +children -elderly}\n", "s1-i1:+children-elderly", "建设儿科。"},
		{"bare slug adds", "1. 文字 {themes: tcm}\n", "i1:+tcm", "文字"},
		{"comma separated", "1. 文字{themes: +children, -tcm}\n", "i1:+children-tcm", "文字"},
		{"last line of a long item", "1. 第一行\n第二行{themes: +tcm}\n", "i1:+tcm", "第一行第二行"},
		{"own line after the item", "1. 文字\n{themes: +tcm}\n\n2. 其他\n", "i1:+tcm", "文字"},
		{"paragraph", "会议指出，要办好实事。{themes: +elderly}\n", "p1:+elderly", "会议指出，要办好实事。"},
		{"heading", "## 一、守护儿童健康 {themes: +children}\n\n1. 文字\n", "s1:+children", "文字"},
		{"heading line", "一、守护儿童健康{themes: +children}\n\n1. 文字\n", "s1:+children", "文字"},
		{"sub-item of a list", "1. 文字\n   1. 子项{themes: -tcm}\n", "i1-1:-tcm", "文字"},
		{"not a directive mid-line", "1. 文字{themes: +tcm}后文\n", "", "文字{themes: +tcm}后文"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseBody(t, Options{KnownTheme: known}, tt.body)
			if got := strings.Join(directives(doc), " "); got != tt.want {
				t.Errorf("directives = %q, want %q", got, tt.want)
			}
			var first string
			doc.Walk(func(_ *Part, _ *Section, b *Block) {
				if first == "" {
					first = b.Text()
				}
			})
			if first != tt.text {
				t.Errorf("text = %q, want %q", first, tt.text)
			}
		})
	}
}

func TestThemeDirectiveErrors(t *testing.T) {
	known := func(s string) bool { return s == "children" }
	for _, tt := range []struct {
		name, body, want string
	}{
		{"unknown theme", "1. 文字{themes: +kids}\n", `content/plans/x.md:%d: themes: unknown theme "kids"`},
		{"empty", "1. 文字{themes: }\n", `content/plans/x.md:%d: themes: empty {themes: } directive`},
		{"lone sign", "1. 文字{themes: + children}\n", `content/plans/x.md:%d: themes: "+": want +slug or -slug`},
		{"in a code block", "```\ncode {themes: +children}\n```\n", `content/plans/x.md:%d: themes: {themes: …} must end an item`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := NewLoader(Options{KnownTheme: known}).Parse("content/plans/x.md", []byte(header+tt.body))
			lines := strings.Count(header, "\n")
			line := lines + strings.Count(tt.body[:strings.Index(tt.body, "{themes:")], "\n") + 1
			want := fmt.Sprintf(tt.want, line)
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
				if strings.HasPrefix(d.Error(), want) {
					return
				}
			}
			t.Errorf("diagnostics %q; want one starting %q", got, want)
		})
	}
}
