package render

import (
	"html/template"
	"io"
	"reflect"
	"text/template/parse"
)

// htmlEscaperName is the function html/template appends to an action that prints into HTML
// text ({{.Title}} becomes {{.Title | _html_template_htmlescaper}}).
const htmlEscaperName = "_html_template_htmlescaper"

// trustHTML drops, from the layouts' escaped templates, the escaper html/template appends to
// an action that prints what one of funcs returns as template.HTML into HTML text: {{itemBlock
// $p .Item}}, {{row . "header.html" (chrome .)}}, {{docBody .}}. There the escaper returns a
// template.HTML as it is (html/template's htmlEscaper: content already HTML is not escaped),
// so the page's bytes are the same without it; but text/template calls it through reflection
// like any function, its argument boxed, a slice made for its variadic parameter and its
// result allocated, on each action of each page. Only an action of exactly that form is
// changed: the call of a function whose declared first result is template.HTML, then that
// escaper alone (in an attribute, a URL or a script html/template appends other escapers,
// which do change HTML, and those stay). Any other action whose escapers are a chain an
// escFunc stands for calls that one function instead (fuseEscapers). It returns the number of
// actions changed.
//
// Every template the render executes must be escaped before it is changed, and none may be
// escaped during the render, when html/template writes the trees of the templates it escapes
// (and would append the escaper again): escapeTemplates escapes the layouts and the templates
// the render executes by name (direct), and this runs after it, before any page is made.
func trustHTML(pages map[string]*template.Template, funcs template.FuncMap) int {
	trusted := trustedFuncs(funcs)
	n := 0
	for _, k := range pageKinds {
		pages[k.layout].Funcs(escFuncMap())
		n += trustTemplates(pages[k.layout], trusted)
	}
	return n
}

// trustedFuncs are the names of the functions of funcs whose first result is template.HTML.
func trustedFuncs(funcs template.FuncMap) map[string]bool {
	htmlType := reflect.TypeFor[template.HTML]()
	trusted := map[string]bool{}
	for name, f := range funcs {
		if t := reflect.TypeOf(f); t != nil && t.Kind() == reflect.Func && t.NumOut() > 0 && t.Out(0) == htmlType {
			trusted[name] = true
		}
	}
	return trusted
}

// trustTemplates is trustHTML on the templates of one set.
func trustTemplates(set *template.Template, trusted map[string]bool) int {
	n := 0
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			n += trustNode(t.Tree.Root, trusted)
		}
	}
	return n
}

// trustNode is trustHTML on one node of a template's tree and the nodes under it.
func trustNode(node parse.Node, trusted map[string]bool) int {
	return eachAction(node, func(x *parse.ActionNode) bool {
		p := x.Pipe
		if p == nil || len(p.Decl) != 0 {
			return false
		}
		if len(p.Cmds) == 2 && callsTrusted(p.Cmds[0], trusted) && isHTMLEscaper(p.Cmds[1]) {
			p.Cmds = p.Cmds[:1:1]
			return true
		}
		return fuseEscapers(p)
	})
}

// eachAction calls fn on each action of a template's tree under node (in lists, and in the
// branches of if, range and with) and returns the number of calls that reported a change.
func eachAction(node parse.Node, fn func(*parse.ActionNode) bool) int {
	n := 0
	switch x := node.(type) {
	case *parse.ListNode:
		if x == nil {
			return 0
		}
		for _, c := range x.Nodes {
			n += eachAction(c, fn)
		}
	case *parse.ActionNode:
		if fn(x) {
			n++
		}
	case *parse.IfNode:
		n += eachAction(x.List, fn) + eachAction(x.ElseList, fn)
	case *parse.RangeNode:
		n += eachAction(x.List, fn) + eachAction(x.ElseList, fn)
	case *parse.WithNode:
		n += eachAction(x.List, fn) + eachAction(x.ElseList, fn)
	}
	return n
}

// callsTrusted reports whether the command calls one of the trusted functions by name.
func callsTrusted(c *parse.CommandNode, trusted map[string]bool) bool {
	if len(c.Args) == 0 {
		return false
	}
	id, ok := c.Args[0].(*parse.IdentifierNode)
	return ok && trusted[id.Ident]
}

// isHTMLEscaper reports whether the command is html/template's escaper of HTML text, alone.
func isHTMLEscaper(c *parse.CommandNode) bool {
	if len(c.Args) != 1 {
		return false
	}
	id, ok := c.Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == htmlEscaperName
}

// directTemplates are the names of the templates the render executes from Go, besides each
// layout's baseof.html: those named by a call of row or rows in the theme, and the note of an
// item (appendNote).
func directTemplates(pages map[string]*template.Template) []string {
	names := map[string]bool{"note": true}
	var walk func(parse.Node)
	walkPipe := func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		for _, c := range p.Cmds {
			if len(c.Args) >= 3 {
				if id, ok := c.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "row" || id.Ident == "rows") {
					if s, ok := c.Args[2].(*parse.StringNode); ok {
						names[s.Text] = true
					}
				}
			}
			for _, a := range c.Args {
				if sub, ok := a.(*parse.PipeNode); ok {
					walk(&parse.ActionNode{Pipe: sub})
				}
			}
		}
	}
	walk = func(node parse.Node) {
		switch x := node.(type) {
		case *parse.ListNode:
			if x == nil {
				return
			}
			for _, c := range x.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walkPipe(x.Pipe)
		case *parse.TemplateNode:
			walkPipe(x.Pipe)
		case *parse.IfNode:
			walkPipe(x.Pipe)
			walk(x.List)
			walk(x.ElseList)
		case *parse.RangeNode:
			walkPipe(x.Pipe)
			walk(x.List)
			walk(x.ElseList)
		case *parse.WithNode:
			walkPipe(x.Pipe)
			walk(x.List)
			walk(x.ElseList)
		}
	}
	for _, k := range pageKinds {
		for _, t := range pages[k.layout].Templates() {
			if t.Tree != nil {
				walk(t.Tree.Root)
			}
		}
	}
	out := make([]string, 0, len(names))
	for name := range names {
		out = append(out, name)
	}
	return out
}

// escapeDirect has html/template escape, in each layout, the templates the render executes by
// name (directTemplates), as it would on their first execution: executed with no data, a
// template stops at its first field, after the escaper has read it. What fails here fails
// the same way when the render executes it, and is left to say so then.
func escapeDirect(pages map[string]*template.Template) {
	names := directTemplates(pages)
	for _, k := range pageKinds {
		t := pages[k.layout]
		for _, name := range names {
			if t.Lookup(name) != nil {
				_ = t.ExecuteTemplate(io.Discard, name, nil)
			}
		}
	}
}
