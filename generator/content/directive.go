package content

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/planportal/planportal/generator/msg"
)

// directiveRE matches a theme directive at the end of a source line: {themes: +children -elderly}.
var directiveRE = regexp.MustCompile(`[ \t]*\{themes:([^{}\n]*)\}[ \t]*\r?$`)

// extractDirectives removes every {themes: …} from the end of the body's lines, keeping the
// lines themselves, so that line numbers do not move; it returns the body without them and the
// directives by body line index (0-based). Problems (an empty directive, a malformed token, an
// unknown theme) are reported at the directive's file line.
func extractDirectives(body []byte, fileLine func(idx int) int, rel string, opt *Options, diags *[]*Diagnostic) ([]byte, map[int]*ThemeDirective) {
	if !bytes.Contains(body, []byte("{themes:")) {
		return body, nil
	}
	found := map[int]*ThemeDirective{}
	lines := bytes.SplitAfter(body, []byte("\n"))
	var out bytes.Buffer
	for i, l := range lines {
		nl := bytes.HasSuffix(l, []byte("\n"))
		core := bytes.TrimSuffix(l, []byte("\n"))
		loc := directiveRE.FindSubmatchIndex(core)
		if loc == nil {
			out.Write(l)
			continue
		}
		line := fileLine(i)
		d := &ThemeDirective{Line: line}
		fail := func(format string, a ...any) {
			*diags = append(*diags, &Diagnostic{File: rel, Line: line, Field: "themes", Message: fmt.Sprintf(format, a...)})
		}
		tokens := strings.FieldsFunc(string(core[loc[2]:loc[3]]), func(r rune) bool {
			return r == ' ' || r == '\t' || r == ',' || r == '，' || r == '、' || r == '\u3000'
		})
		if len(tokens) == 0 {
			fail("%s", msg.T("directive.empty"))
		}
		for _, tok := range tokens {
			sign, slug := byte('+'), tok
			if tok[0] == '+' || tok[0] == '-' {
				sign, slug = tok[0], tok[1:]
			}
			switch {
			case slug == "":
				fail("%s", msg.T("directive.token", tok))
				continue
			case opt.KnownTheme != nil && !opt.KnownTheme(slug):
				fail("%s", unknownTheme(slug, opt.ThemeSlugs))
				continue
			}
			if sign == '+' {
				d.Add = append(d.Add, slug)
			} else {
				d.Remove = append(d.Remove, slug)
			}
		}
		found[i] = d
		out.Write(core[:loc[0]])
		if nl {
			out.WriteByte('\n')
		}
	}
	return out.Bytes(), found
}

// passage is a source range that can carry a directive: an item, a paragraph or a heading.
type passage struct {
	start, end int // file lines
	set        func(*ThemeDirective)
}

// attachDirectives gives each directive to the innermost passage containing its line, or to
// the passage that ends on the line just before it (a directive written on a line of its own).
func attachDirectives(ps []passage, dirs map[int]*ThemeDirective, rel string, diags *[]*Diagnostic) {
	if len(dirs) == 0 {
		return
	}
	lines := make([]int, 0, len(dirs))
	for l := range dirs {
		lines = append(lines, l)
	}
	sort.Ints(lines)
	for _, l := range lines {
		d := dirs[l]
		best := -1
		for i, p := range ps {
			if p.start <= d.Line && d.Line <= p.end+1 && (best < 0 || p.start >= ps[best].start) {
				best = i
			}
		}
		if best < 0 {
			*diags = append(*diags, &Diagnostic{File: rel, Line: d.Line, Field: "themes",
				Message: msg.T("directive.dangling")})
			continue
		}
		ps[best].set(d)
	}
}

// mergeDirective combines a second directive on the same passage with the first.
func mergeDirective(old, d *ThemeDirective) *ThemeDirective {
	if old == nil {
		return d
	}
	return &ThemeDirective{Line: old.Line, Add: append(append([]string{}, old.Add...), d.Add...), Remove: append(append([]string{}, old.Remove...), d.Remove...)}
}
