package render

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"text/template/parse"
)

// escFunc is one function of the render's standing for the chain of html/template's escapers
// an action's pipeline ends in, where it prints into HTML text, a quoted attribute, a whole
// quoted URL or a URL after its #: each action of a page called each escaper of the chain
// through reflection (text/template calls every function so), its argument boxed, a slice
// made for its variadic parameter, its result allocated; a URL in an href took three.
//
// A string or an int, most of what a page prints, it escapes with the Go code of fragments.go
// that writes what html/template writes (escText, escAttr, escURL, escURLPart;
// TestFragmentsMatchTemplates and TestEscFuncsMatchTemplates hold them to it on hostile
// text); any other value (template.HTML, template.URL, a Stringer, nil…) it hands to
// html/template itself, through a template that prints it in the same place (tmpl), and cuts
// the escaped value from what that writes: the escapers that run are html/template's own.
type escFunc struct {
	name  string   // as the pipeline calls it
	chain []string // the escapers it stands for, in order
	fast  func([]byte, string) []byte
	// tmpl prints {{.V}} where the chain applies; pre and post are what it writes around it.
	tmpl      *template.Template
	pre, post string
	// keepsHTML: the chain writes a template.HTML as it is (HTML text: htmlEscaper).
	keepsHTML bool
}

// escFuncs are the chains replaced, the longest first: an attribute's escaper ends the chain
// of a URL too.
var escFuncs = []*escFunc{
	{name: "_planportal_url", chain: []string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"}, fast: escURL, pre: `<a href="`, post: `">`},
	{name: "_planportal_urlpart", chain: []string{"_html_template_urlescaper", "_html_template_attrescaper"}, fast: escURLPart, pre: `<a href="#`, post: `">`},
	{name: "_planportal_attr", chain: []string{"_html_template_attrescaper"}, fast: escAttr, pre: `<a title="`, post: `">`},
	{name: "_planportal_html", chain: []string{htmlEscaperName}, fast: escText[string], pre: `<p>`, post: `</p>`, keepsHTML: true},
}

func init() {
	for _, f := range escFuncs {
		f.tmpl = template.Must(template.New(f.name).Parse(f.pre + "{{.V}}" + f.post))
	}
}

// escape is the chain applied to v. It has one result, not (string, error): text/template
// calls it through reflection, which allocates each result that is not a pointer, and a page
// calls an escFunc about 47 times (815,000 calls a render at 2,000 generated plans). The error
// of the slow path, which html/template does not give for a value it prints, is a panic,
// which text/template recovers and reports as it reports an error returned ("error calling
// _planportal_html: …").
func (f *escFunc) escape(v any) string {
	s, err := f.escapeErr(v)
	if err != nil {
		panic(err)
	}
	return s
}

// escapeErr is escape with its error returned.
func (f *escFunc) escapeErr(v any) (string, error) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case int:
		s = strconv.Itoa(x) // fmt.Sprint's, as html/template's stringify gives it
	case template.HTML:
		if f.keepsHTML {
			return string(x), nil
		}
		return f.slow(v)
	default:
		return f.slow(v)
	}
	// Escaped in a scratch buffer (fragments.go), and copied only where it changed: most of
	// what a page prints is returned as it is.
	sp := scratch()
	b := f.fast(*sp, s)
	if string(b) != s {
		s = string(b)
	}
	release(sp, b)
	return s, nil
}

// slow is the chain applied to v by html/template.
func (f *escFunc) slow(v any) (string, error) {
	var b strings.Builder
	if err := f.tmpl.Execute(&b, struct{ V any }{v}); err != nil {
		return "", err
	}
	out := b.String()
	if !strings.HasPrefix(out, f.pre) || !strings.HasSuffix(out, f.post) || len(out) < len(f.pre)+len(f.post) {
		return "", fmt.Errorf("%s: html/template wrote %q around the value", f.name, out)
	}
	return out[len(f.pre) : len(out)-len(f.post)], nil
}

// escFuncMap registers the escFuncs.
func escFuncMap() template.FuncMap {
	m := template.FuncMap{}
	for _, f := range escFuncs {
		m[f.name] = f.escape
	}
	return m
}

// fuseEscapers replaces the chain of escapers the pipeline ends in with the escFunc standing
// for it, if one does, and reports whether it did.
func fuseEscapers(p *parse.PipeNode) bool {
	for _, f := range escFuncs {
		n := len(p.Cmds) - len(f.chain)
		if n < 1 {
			continue
		}
		match := true
		for i, name := range f.chain {
			c := p.Cmds[n+i]
			id, ok := c.Args[0].(*parse.IdentifierNode)
			if len(c.Args) != 1 || !ok || id.Ident != name {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		pos := p.Cmds[n].Position()
		cmds := make([]*parse.CommandNode, n+1)
		copy(cmds, p.Cmds[:n])
		cmds[n] = &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{parse.NewIdentifier(f.name).SetPos(pos)}}
		p.Cmds = cmds
		return true
	}
	return false
}
