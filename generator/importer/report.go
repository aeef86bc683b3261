package importer

import (
	"fmt"
	"strings"
)

// String formats the report for the terminal, one aspect a line, each indented by two spaces.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "  encoding   %s\n", r.Encoding)
	var found []string
	for _, f := range r.Found {
		s := f.Key
		if f.From != "" {
			s += " (" + f.From + ")"
		}
		found = append(found, s)
	}
	if len(found) == 0 {
		found = []string{"nothing"}
	}
	fmt.Fprintf(&b, "  found      %s\n", strings.Join(found, ", "))
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "  missing    %s: placeholders marked # TODO, and draft = true\n", strings.Join(r.Missing, ", "))
	}
	for _, d := range r.Doubts {
		fmt.Fprintf(&b, "  check      %s (marked # TODO, and draft = true)\n", d)
	}
	fmt.Fprintf(&b, "  structure  %s, %s, %s (annexes' included), %s\n", plural(r.Sections, "section"), plural(r.Subsections, "sub-section"),
		plural(r.Items, "item"), plural(r.Annexes, "annex"))
	fmt.Fprintf(&b, "  cleaned    %s of page chrome, %s of metadata, %s removed; %s joined\n",
		plural(r.Chrome, "line"), plural(r.Metadata, "line"), plural(r.PageBreaks, "page-break fragment"), plural(r.Joined, "broken line"))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "  note       %s\n", n)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "  problem    %s\n", p)
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "x") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
