package content

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// doubleTildeStrikethrough is GFM strikethrough for ~~text~~ only. goldmark's extension also
// strikes through between single tildes, and Chinese plans write ranges with one: in
// "打响2~3个…培育3~5名" the text between the two tildes would be struck out. A single tilde
// is always text here.
type doubleTildeStrikethrough struct{}

func (doubleTildeStrikethrough) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(doubleTilde{extension.NewStrikethroughParser()}, 500),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
	))
}

// doubleTilde passes runs of exactly two tildes to the strikethrough parser and leaves every
// other run as text.
type doubleTilde struct{ parser.InlineParser }

func (p doubleTilde) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	n := 0
	for n < len(line) && line[n] == '~' {
		n++
	}
	if n != 2 {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}
