package importer

import (
	"strings"

	"github.com/planportal/planportal/generator/msg"
)

// String formats the report for the terminal, one aspect a line, each indented by two
// spaces, in the officer's language (msg).
func (r Report) String() string {
	var b strings.Builder
	b.WriteString(msg.T("import.report.encoding", r.Encoding))
	var found []string
	for _, f := range r.Found {
		s := f.Key
		if f.From != "" {
			s += " (" + f.From + ")"
		}
		found = append(found, s)
	}
	if len(found) == 0 {
		found = []string{msg.T("import.report.nothing")}
	}
	b.WriteString(msg.T("import.report.found", strings.Join(found, ", ")))
	if len(r.Missing) > 0 {
		b.WriteString(msg.T("import.report.missing", strings.Join(r.Missing, ", ")))
	}
	for _, d := range r.Doubts {
		b.WriteString(msg.T("import.report.check", d))
	}
	b.WriteString(msg.T("import.report.structure", msg.N("n.section", r.Sections), msg.N("n.subsection", r.Subsections),
		msg.N("n.item", r.Items), msg.N("n.annex", r.Annexes)))
	b.WriteString(msg.T("import.report.cleaned", msg.N("n.line", r.Chrome), msg.N("n.line", r.Metadata),
		msg.N("n.pagebreak", r.PageBreaks), msg.N("n.joined", r.Joined)))
	for _, n := range r.Notes {
		b.WriteString(msg.T("import.report.note", n))
	}
	for _, p := range r.Problems {
		b.WriteString(msg.T("import.report.problem", p))
	}
	return b.String()
}
