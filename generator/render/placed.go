package render

import (
	"fmt"
	"html/template"
	"text/template/parse"

	"github.com/planportal/planportal/generator/site"
)

// placeName is the function an action that prints a placed fragment calls instead (placeFrags).
const placeName = "_planportal_place"

// placed are the fragments whose markup is appended in place, straight into the page being
// written, where an action prints it as it is ({{docBody $}}, {{themeGroups .}}…): each was
// made in a buffer of its own and returned as a string, a copy the page then copied again,
// 243 of the 980 MB a render allocated at 2,000 generated plans (the plan pages' bodies 107,
// the theme pages' groups 49, the lists of targets 30, the unit pages 17, every page's head
// 25), which the collector paid for with cycles that mark the whole site. Each appends to b
// what the function of the same name returns, from the same arguments.
var placed = map[string]func(r *Renderer, b []byte, args []any) ([]byte, error){
	"docBody": func(r *Renderer, b []byte, args []any) ([]byte, error) {
		p, err := argOf[*Page]("docBody", args, 0, 1)
		if err != nil {
			return b, err
		}
		return r.appendDocBody(b, p)
	},
	"themeGroups": func(r *Renderer, b []byte, args []any) ([]byte, error) {
		gs, err := argOf[[]*site.ThemeGroup]("themeGroups", args, 0, 1)
		return appendThemeGroups(b, gs), err
	},
	"indicatorRows": func(r *Renderer, b []byte, args []any) ([]byte, error) {
		inds, err := argOf[[]*site.Indicator]("indicatorRows", args, 0, 1)
		return appendIndicatorRows(b, inds), err
	},
	"unitDocs": func(r *Renderer, b []byte, args []any) ([]byte, error) {
		u, err := argOf[*site.Unit]("unitDocs", args, 0, 1)
		if err != nil {
			return b, err
		}
		return appendUnitDocs(b, u), nil
	},
	"headLinks": func(r *Renderer, b []byte, args []any) ([]byte, error) {
		p, err := argOf[*Page]("headLinks", args, 0, 1)
		if err != nil {
			return b, err
		}
		return r.appendHeadLinks(b, p)
	},
	"headMeta": func(r *Renderer, b []byte, args []any) ([]byte, error) {
		p, err := argOf[*Page]("headMeta", args, 0, 1)
		if err != nil {
			return b, err
		}
		return r.appendHeadMeta(b, p), nil
	},
}

// argOf is argument i of n of a placed fragment's call, of type T, as text/template would
// have passed it to the function (a nil argument is T's zero value).
func argOf[T any](name string, args []any, i, n int) (T, error) {
	var v T
	if len(args) != n {
		return v, fmt.Errorf("%s: %d arguments, want %d", name, len(args), n)
	}
	if args[i] == nil {
		return v, nil
	}
	v, ok := args[i].(T)
	if !ok {
		return v, fmt.Errorf("%s: wrong type for value; expected %T; got %T", name, v, args[i])
	}
	return v, nil
}

// place is what an action that printed a placed fragment calls (placeFrags): dot is the
// action's $, name the fragment, args its arguments. While a page's layout executes into its
// buffer (renderPage sets Page.out), the fragment is appended there, where the action stands,
// and nothing is returned to print: text/template writes what it prints to the buffer as it
// goes, so all before the action is in it already. Otherwise (a template executed by row, a
// $ that is not the page being written) the fragment is returned, as the function would.
func (r *Renderer) place(dot any, name string, args ...any) (template.HTML, error) {
	f := placed[name]
	if f == nil {
		return "", fmt.Errorf("%s: no fragment %q", placeName, name)
	}
	if p, ok := dot.(*Page); ok && p.out != nil {
		// The buffer is the fragment's until it returns: what it executes meanwhile (a row)
		// writes elsewhere, and a fragment it calls is returned, not placed.
		w := p.out
		p.out = nil
		start := len(*w)
		b, err := f(r, *w, args)
		if err != nil {
			b = b[:start]
		}
		*w = b
		p.out = w
		return "", err
	}
	sp := scratch()
	b, err := f(r, *sp, args)
	if err != nil {
		release(sp, b)
		return "", err
	}
	return done(sp, b), nil
}

// placeAll has every action of the layouts that prints a placed fragment as it is (after
// trustHTML, which drops the escaper there) call place instead (placeFrags), and returns the
// number of actions changed. Like trustHTML it runs once the templates are escaped.
func placeAll(r *Renderer) int {
	n := 0
	for _, k := range pageKinds {
		set := r.pages[k.layout]
		set.Funcs(template.FuncMap{placeName: r.place})
		for _, t := range set.Templates() {
			if t.Tree != nil && t.Tree.Root != nil {
				n += placeNode(t.Tree.Root)
			}
		}
	}
	return n
}

// placeNode is placeAll on one node of a template's tree and the nodes under it.
func placeNode(node parse.Node) int {
	return eachAction(node, func(x *parse.ActionNode) bool { return x.Pipe != nil && placeFrags(x.Pipe) })
}

// placeFrags makes an action that prints a placed fragment's result as it is, {{docBody $}}
// with no escaper after it, call place with the action's $ and the fragment's name first:
// {{_planportal_place $ "docBody" $}}. It reports whether it changed the action.
func placeFrags(p *parse.PipeNode) bool {
	if len(p.Cmds) != 1 || len(p.Decl) != 0 || len(p.Cmds[0].Args) == 0 {
		return false
	}
	c := p.Cmds[0]
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok || placed[id.Ident] == nil {
		return false
	}
	pos := c.Position()
	args := make([]parse.Node, 0, len(c.Args)+2)
	args = append(args, parse.NewIdentifier(placeName).SetPos(pos),
		&parse.VariableNode{NodeType: parse.NodeVariable, Pos: pos, Ident: []string{"$"}},
		&parse.StringNode{NodeType: parse.NodeString, Pos: pos, Quoted: fmt.Sprintf("%q", id.Ident), Text: id.Ident})
	args = append(args, c.Args[1:]...)
	p.Cmds = []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: pos, Args: args}}
	return true
}
