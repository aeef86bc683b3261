package main

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

// cmdCheck validates all content as a build would, and more, without writing anything: front
// matter, duplicate 索引号/文号, unknown themes, broken internal links, items without text, files
// that are not UTF-8, and TODO placeholders left by new and import. One line per problem,
// file:line: field: message; exit status 1 if there is any.
func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("check", "check [--source DIR] [--config FILE]", stderr)
	o := &build.Options{}
	fs.StringVar(&o.Source, "source", ".", "site `directory` holding content/, themes/ and config.toml")
	fs.StringVar(&o.Config, "config", "", "config `file` (default <source>/config.toml)")
	if code := parse(args); code >= 0 {
		return code
	}
	*o = o.WithDefaults()
	cfg, res, err := build.Load(*o)
	if err != nil {
		if build.IsContentError(err) {
			fmt.Fprintln(stderr, err) // the config's own problems, already file:line: field: message
			fmt.Fprintln(stderr, "check failed: the config has problems")
		} else {
			fmt.Fprintf(stderr, "planportal check: %v\n", err)
		}
		return 1
	}
	var problems, warnings []*content.Diagnostic
	for _, e := range res.Errors {
		if e.Field == "" && strings.HasPrefix(e.Message, "file is not UTF-8") {
			e.Field = "encoding"
		}
		problems = append(problems, e)
	}
	for _, w := range res.Warnings {
		// The loader lets an item without text through (as a warning); check does not.
		if strings.HasPrefix(w.Field, "item ") && w.Message == "item has no text" {
			problems = append(problems, w)
		} else {
			warnings = append(warnings, w)
		}
	}
	links := 0
	ids := themeIDs(filepath.Join(o.Source, "themes", cfg.Theme, "layouts"))
	byURL := map[string]*content.Document{}
	sections := map[string]bool{}
	for _, d := range res.Documents {
		byURL[d.URL] = d
		if d.Section != "" {
			sections[d.Section] = true
		}
	}
	for _, d := range res.Documents {
		src, err := os.ReadFile(filepath.Join(o.Source, filepath.FromSlash(d.Path)))
		if err != nil {
			fmt.Fprintf(stderr, "planportal check: %v\n", err)
			return 1
		}
		problems = append(problems, todos(d.Path, src)...)
		n, ps := checkLinks(d, src, cfg, byURL, sections, ids)
		links += n
		problems = append(problems, ps...)
	}
	sortDiags(problems)
	sortDiags(warnings)
	for _, p := range problems {
		fmt.Fprintln(stderr, p)
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "%s (warning)\n", w)
	}
	items := 0
	for _, d := range res.Documents {
		items += len(d.AllItems())
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "check failed: %s in %d documents\n", count(len(problems), "problem"), len(res.Documents))
		return 1
	}
	fmt.Fprintf(stdout, "checked %s (%s, %s): no problems\n", count(len(res.Documents), "document"),
		count(items, "item"), count(links, "internal link"))
	return 0
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func sortDiags(ds []*content.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].File != ds[j].File {
			return ds[i].File < ds[j].File
		}
		return ds[i].Line < ds[j].Line
	})
}

var (
	todoCommentRE = regexp.MustCompile(`^\s*#\s*TODO\b[:：]?\s*(?:([a-z_]+)\s*[:：])?\s*(.*)$`)
	keyRE         = regexp.MustCompile(`^\s*([a-z_]+)\s*=`)
)

// todos reports the TODO markers that planportal new and import leave in the front matter
// (a "# TODO: field: …" comment or a "TODO" value), one per field.
func todos(rel string, src []byte) []*content.Diagnostic {
	lines := strings.Split(string(src), "\n")
	if len(lines) == 0 || strings.TrimSpace(strings.TrimPrefix(lines[0], "\ufeff")) != "+++" {
		return nil
	}
	var out []*content.Diagnostic
	seen := map[string]bool{}
	for i := 1; i < len(lines) && strings.TrimSpace(lines[i]) != "+++"; i++ {
		l := lines[i]
		if !strings.Contains(l, "TODO") {
			continue
		}
		field, msg := "", ""
		if m := todoCommentRE.FindStringSubmatch(l); m != nil {
			field, msg = m[1], m[2]
		} else if m := keyRE.FindStringSubmatch(l); m != nil {
			field = m[1]
			if _, c, ok := strings.Cut(l, "#"); ok {
				msg = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c), "TODO:"))
			}
		}
		if field == "" {
			if m := keyRE.FindStringSubmatch(lines[min(i+1, len(lines)-1)]); m != nil {
				field = m[1]
			}
		}
		if seen[field] {
			continue
		}
		seen[field] = true
		if msg == "" {
			msg = "placeholder to fill in"
		}
		out = append(out, &content.Diagnostic{File: rel, Line: i + 1, Field: field, Message: "TODO left: " + msg})
	}
	return out
}

// checkLinks reports links in a document's Markdown to pages of documents that do not exist
// (/plans/<slug>/), or to anchors those pages do not have (/plans/<slug>/#s3-i5). It returns
// the number of internal links it checked.
func checkLinks(d *content.Document, src []byte, cfg *config.Config, byURL map[string]*content.Document,
	sections map[string]bool, ids map[string]bool) (int, []*content.Diagnostic) {
	body, bodyLine := bodyOf(src)
	if body == nil {
		return 0, nil
	}
	root := content.NewMarkdown(false).Parser().Parse(text.NewReader(body))
	self, _ := url.Parse(d.URL)
	base, _ := url.Parse(cfg.BaseURL)
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
		switch l := node.(type) {
		case *ast.Link:
			dest = string(l.Destination)
		case *ast.AutoLink:
			dest = string(l.URL(body))
		default:
			return ast.WalkContinue, nil
		}
		u, err := url.Parse(dest)
		if err != nil {
			return ast.WalkContinue, nil
		}
		if u.IsAbs() {
			// A link to the portal's own address is internal too.
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
		if len(seg) != 2 || !sections[seg[0]] {
			return ast.WalkContinue, nil // not a document page: listings, search, assets
		}
		n++
		target := byURL["/"+seg[0]+"/"+strings.TrimSuffix(seg[1], ".html")+"/"]
		if seg[1] == "index.html" {
			target = nil
		}
		switch {
		case target == nil:
			out = append(out, &content.Diagnostic{File: d.Path, Line: lineOf(node, dest), Field: "link",
				Message: fmt.Sprintf("broken link %s: no document at %s", dest, path.Clean(p)+"/")})
		case u.Fragment != "" && !anchors(target)[u.Fragment] && !ids[u.Fragment]:
			out = append(out, &content.Diagnostic{File: d.Path, Line: lineOf(node, dest), Field: "link",
				Message: fmt.Sprintf("broken link %s: %s has no anchor #%s", dest, target.URL, u.Fragment)})
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
