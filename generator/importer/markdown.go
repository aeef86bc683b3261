package importer

import (
	"regexp"
	"strings"

	"github.com/planportal/planportal/generator/msg"

	"github.com/planportal/planportal/generator/content"
)

// writeBody writes the paragraphs as Markdown: ## 一、 sections, ### （一） sub-sections, items as
// their own paragraphs with their source numbering, # 附件 annexes, and a closing ## 版记
// section for a 抄送/印发 block that follows the body.
func writeBody(b *strings.Builder, paras []*para) (notes []string) {
	bare := false
	for _, p := range paras {
		if p.kind == kAnnexBare {
			bare = true
		}
	}
	out := func(s string) {
		b.WriteString("\n")
		b.WriteString(s)
		b.WriteString("\n")
	}
	inBody, closing := false, false
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		var next *para
		if i+1 < len(paras) {
			next = paras[i+1]
		}
		switch p.kind {
		case kTitle:
			continue
		case kSec1:
			inBody, closing = true, false
			out("## " + p.text)
		case kSec2:
			inBody, closing = true, false
			out("### " + p.text)
		case kItem:
			inBody = true
			out(p.text)
		case kAnnexBare:
			m := annexBareRE.FindStringSubmatch(p.text)
			h := "附件" + m[1]
			if next != nil && annexTitle(next) {
				h += "：" + tidyTitle(next.text)
				i++
			}
			out("# " + h)
			inBody, closing = true, false
		case kAnnexInline:
			m := annexInlineRE.FindStringSubmatch(p.text)
			switch {
			case next != nil && squeeze(next.text) == squeeze(m[2]):
				out("# 附件" + m[1] + "：" + tidyTitle(next.text))
				i++
			case !bare && inBody && structureFollows(paras[i+1:]):
				out("# 附件" + m[1] + "：" + tidyTitle(m[2]))
				notes = append(notes, msg.T("import.note.annex", p.no, p.text))
			default:
				out(escapeLeading(p.text))
				continue
			}
			inBody, closing = true, false
		case kVersion, kOrg:
			// The 版记 (抄送, 印发机关 and 印发日期) after the body becomes a closing section; in
			// the preamble it closes the cover notice and stays where it is.
			startsBlock := p.kind == kVersion || (next != nil && next.kind == kVersion && printedRE.MatchString(next.text))
			if inBody && !closing && startsBlock {
				out("## 版记")
				closing = true
				notes = append(notes, msg.T("import.note.closing", p.no))
			}
			out(escapeLeading(p.text))
		default:
			s := escapeLeading(p.text)
			if !inBody && noticeRE.MatchString(p.text) && !strings.Contains(p.text, "**") {
				s = "**" + p.text + "**"
			}
			out(s)
		}
	}
	return notes
}

// annexTitle reports whether p can be the title line under a bare 附件 marker.
func annexTitle(p *para) bool {
	switch p.kind {
	case kProse, kOrg, kRedHeader:
		return runeLen(p.text) <= 60 && !strings.ContainsAny(p.text, "。；;")
	}
	return false
}

// structureFollows reports whether sections or items follow (an annex with content, not a
// list of annexes at the end of the text).
func structureFollows(ps []*para) bool {
	for _, p := range ps {
		switch p.kind {
		case kSec1, kSec2, kItem:
			return true
		case kAnnexInline, kAnnexBare:
			return false
		}
	}
	return false
}

var (
	leadRE     = regexp.MustCompile(`^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|[-*_](?:\s*[-*_]){2,}\s*$|=+\s*$|\|)`)
	leadListRE = regexp.MustCompile(`^([0-9]{1,9})([.)])(\s|$)`)
)

// escapeLeading keeps a plain paragraph from being read as Markdown structure: a heading, a
// quote, a bullet list, a rule, or an ordered list (a number the loader would take as an item).
func escapeLeading(s string) string {
	if m, ok := content.Recognise(s); ok && m.Kind == content.ItemMarker {
		return s
	}
	if m := leadListRE.FindStringSubmatchIndex(s); m != nil {
		return s[:m[3]] + `\` + s[m[4]:]
	}
	if leadRE.MatchString(s) {
		return `\` + s
	}
	return s
}
