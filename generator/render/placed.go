package render

import (
	"html/template"
	"text/template/parse"
)

// placeName begins the name of the function an action that prints a placed fragment calls
// instead (placeFrags): _planportal_place_docBody for docBody.
const placeName = "_planportal_place_"

// placed are the fragments whose markup is appended in place, straight into the page being
// written, where an action prints it as it is ({{docBody $}}, {{themeGroups .}}…): each was
// made in a buffer of its own and returned as a string, a copy the page then copied again,
// 243 of the 980 MB a render allocated at 2,000 generated plans (the plan pages' bodies 107,
// the theme pages' groups 49, the lists of targets 30, the unit pages 17, every page's head
// 25), which the collector paid for with cycles that mark the whole site. Each is the function
// the action calls instead (placing), from the one that appends to b what the fragment's
// function returns, from the same argument.
var placed = map[string]func(r *Renderer) any{
	"docBody":       func(r *Renderer) any { return placing(r.appendDocBody) },
	"headLinks":     func(r *Renderer) any { return placing(r.appendHeadLinks) },
	"headMeta":      func(r *Renderer) any { return placing(noError(r.appendHeadMeta)) },
	"themeGroups":   func(r *Renderer) any { return placing(appendThemeGroups) },
	"indicatorRows": func(r *Renderer) any { return placing(noError(appendIndicatorRows)) },
	"unitDocs":      func(r *Renderer) any { return placing(noError(appendUnitDocs)) },
}

// noError is an appending function that cannot fail, as one that may.
func noError[T any](f func([]byte, T) []byte) func([]byte, T) ([]byte, error) {
	return func(b []byte, x T) ([]byte, error) { return f(b, x), nil }
}

// placing is the function an action calls to place the fragment f appends: with the action's
// $ and the fragment's argument, typed as the fragment's function has it, so that text/template
// passes it (or fails on it) as it did to that function.
func placing[T any](f func([]byte, T) ([]byte, error)) func(dot any, x T) (template.HTML, error) {
	return func(dot any, x T) (template.HTML, error) { return place(dot, x, f) }
}

// place is what an action that printed a placed fragment calls (placing): dot is the
// action's $, x the fragment's argument, f appends it. While a page's layout executes into its
// buffer (renderPage sets Page.out), the fragment is appended there, where the action stands,
// and nothing is returned to print: text/template writes what it prints to the buffer as it
// goes, so all before the action is in it already. Otherwise (a template executed by row, a
// $ that is not the page being written) the fragment is returned, as the function would.
func place[T any](dot any, x T, f func([]byte, T) ([]byte, error)) (template.HTML, error) {
	if p, ok := dot.(*Page); ok && p.out != nil {
		// The buffer is the fragment's until it returns: what it executes meanwhile (a row)
		// writes elsewhere, and a fragment it calls is returned, not placed.
		w := p.out
		p.out = nil
		start := len(*w)
		b, err := f(*w, x)
		if err != nil {
			b = b[:start]
		}
		*w = b
		p.out = w
		return "", err
	}
	sp := scratch()
	b, err := f(*sp, x)
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
		set.Funcs(r.placeFuncs())
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

// placeFuncs are the functions placeFrags has actions call, by name.
func (r *Renderer) placeFuncs() template.FuncMap {
	m := template.FuncMap{}
	for name, f := range placed {
		m[placeName+name] = f(r)
	}
	return m
}

// placeFrags makes an action that prints a placed fragment's result as it is, {{docBody $}}
// with no escaper after it, call the fragment's placing function with the action's $ first:
// {{_planportal_place_docBody $ $}}. It reports whether it changed the action.
func placeFrags(p *parse.PipeNode) bool {
	if len(p.Cmds) != 1 || len(p.Decl) != 0 || len(p.Cmds[0].Args) != 2 {
		return false
	}
	c := p.Cmds[0]
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok || placed[id.Ident] == nil {
		return false
	}
	pos := c.Position()
	c.Args = []parse.Node{parse.NewIdentifier(placeName + id.Ident).SetPos(pos),
		&parse.VariableNode{NodeType: parse.NodeVariable, Pos: pos, Ident: []string{"$"}}, c.Args[1]}
	return true
}
