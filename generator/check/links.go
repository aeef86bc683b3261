package check

import (
	"bytes"
	"github.com/planportal/planportal/generator/msg"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

// linker checks the internal links of a site's documents.
type linker struct {
	base     *url.URL // the portal's own address: a link to it is internal too
	byURL    map[string]*content.Document
	sections map[string]bool // the first path segments of document pages (plans)
	ids      map[string]bool // the fixed ids of the theme's layouts
}

func newLinker(cfg *config.Config, docs []*content.Document, ids map[string]bool) *linker {
	l := &linker{byURL: map[string]*content.Document{}, sections: map[string]bool{}, ids: ids}
	l.base, _ = url.Parse(cfg.BaseURL)
	for _, d := range docs {
		l.byURL[d.URL] = d
		if d.Section != "" {
			l.sections[d.Section] = true
		}
	}
	return l
}

// check reports links in a document's Markdown (src, the file as written) to pages of
// documents that do not exist (/plans/<slug>/), or to anchors those pages do not have
// (/plans/<slug>/#s3-i5). It returns the number of internal links it checked.
func (l *linker) check(d *content.Document, src []byte) (int, []*content.Diagnostic) {
	body, bodyLine := bodyOf(src)
	if body == nil || content.TooDeep(body) >= 0 {
		return 0, nil // the loader has reported it
	}
	root := content.NewMarkdown(false).Parser().Parse(text.NewReader(body))
	self, _ := url.Parse(d.URL)
	var out []*content.Diagnostic
	n := 0
	lineOf := func(node ast.Node, dest string) int {
		off := 0
		for p := node; p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
		if i := bytes.Index(body[off:], []byte(dest)); i >= 0 {
			off += i
		}
		return bodyLine + bytes.Count(body[:off], []byte("\n"))
	}
	_ = ast.Walk(root, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		switch lk := node.(type) {
		case *ast.Link:
			dest = string(lk.Destination)
		case *ast.AutoLink:
			dest = string(lk.URL(body))
		default:
			return ast.WalkContinue, nil
		}
		u, err := url.Parse(dest)
		if err != nil {
			return ast.WalkContinue, nil
		}
		if u.IsAbs() {
			base := l.base
			if base == nil || u.Host != base.Host || u.Scheme != base.Scheme || !strings.HasPrefix(u.Path, base.Path) {
				return ast.WalkContinue, nil
			}
			u = &url.URL{Path: "/" + strings.TrimPrefix(u.Path, base.Path), Fragment: u.Fragment}
		} else if u.Host != "" {
			return ast.WalkContinue, nil
		}
		u = self.ResolveReference(u)
		p := u.Path
		seg := strings.Split(strings.Trim(p, "/"), "/")
		if len(seg) != 2 || !l.sections[seg[0]] {
			return ast.WalkContinue, nil // not a document page: listings, search, assets
		}
		n++
		target := l.byURL["/"+seg[0]+"/"+strings.TrimSuffix(seg[1], ".html")+"/"]
		if seg[1] == "index.html" {
			target = nil
		}
		switch {
		case target == nil:
			out = append(out, &content.Diagnostic{File: d.Path, Line: lineOf(node, dest), Field: "link",
				Message: msg.T("link.nodoc", dest, path.Clean(p)+"/")})
		case u.Fragment != "" && !anchors(target)[u.Fragment] && !l.ids[u.Fragment]:
			out = append(out, &content.Diagnostic{File: d.Path, Line: lineOf(node, dest), Field: "link",
				Message: msg.T("link.noanchor", dest, target.URL, u.Fragment)})
		}
		return ast.WalkContinue, nil
	})
	return n, out
}

// bodyOf returns the Markdown after the front matter and the file line it starts on.
func bodyOf(src []byte) ([]byte, int) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) == 0 || strings.TrimSpace(string(lines[0])) != "+++" {
		return nil, 0
	}
	off := len(lines[0])
	for i := 1; i < len(lines); i++ {
		off += len(lines[i])
		if strings.TrimSpace(string(lines[i])) == "+++" {
			return src[off:], i + 2
		}
	}
	return nil, 0
}

// anchors returns the ids a document's page gives its annexes, sections, items and paragraphs.
func anchors(d *content.Document) map[string]bool {
	m := map[string]bool{}
	var sec func(s *content.Section)
	sec = func(s *content.Section) {
		m[s.Anchor] = true
		for _, c := range s.Sections {
			sec(c)
		}
	}
	for _, p := range d.Parts() {
		m[p.Anchor] = true
		for _, s := range p.Sections {
			sec(s)
		}
	}
	for _, it := range d.AllItems() {
		m[it.Anchor] = true
	}
	d.Walk(func(_ *content.Part, _ *content.Section, b *content.Block) {
		m[b.Anchor] = true
	})
	delete(m, "")
	return m
}

var idRE = regexp.MustCompile(`\bid="([A-Za-z][A-Za-z0-9_-]*)"`)

// themeIDs collects the fixed ids the theme's layouts put on pages (main, toc-h …), which a
// link may point at too.
func themeIDs(dir string) map[string]bool {
	m := map[string]bool{}
	_ = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err == nil {
			for _, sm := range idRE.FindAllSubmatch(b, -1) {
				m[string(sm[1])] = true
			}
		}
		return nil
	})
	return m
}
