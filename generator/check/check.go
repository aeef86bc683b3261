// Package check validates a site's content as a build would, and more, without writing
// anything: the loader's problems (files it refuses to read included), documents that would
// take the URL of a generated page, items without text, files that are not UTF-8, internal
// links to documents or anchors that do not exist, and the TODO placeholders that planportal
// new and import leave in the front matter.
//
// It is a package of its own rather than part of content because its checks need what a
// single document does not know: the other documents (a link's target), the config (the
// portal's own address) and the theme (the ids its layouts put on every page).
package check

import (
	"github.com/planportal/planportal/generator/msg"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
)

// Report is what a check found.
type Report struct {
	// Problems fail the check; Warnings do not. Both are sorted by file and line.
	Problems, Warnings []*content.Diagnostic
	// Documents, Items and Links count what was checked (Links: internal links).
	Documents, Items, Links int
}

// Site checks the content of the site in dir, as loaded for cfg (res). It reads each
// document's source again, for its links and placeholders, and the layouts of cfg's theme,
// for the fixed ids a link may point at. res is not changed.
func Site(dir string, cfg *config.Config, res *content.Result) (*Report, error) {
	r := &Report{Documents: len(res.Documents)}
	for _, e := range res.Errors {
		if e.Field == "" && strings.HasPrefix(e.Message, "file is not UTF-8") {
			c := *e
			c.Field = "encoding"
			e = &c
		}
		r.Problems = append(r.Problems, e)
	}
	for _, w := range res.Warnings {
		// The loader lets an item without text through (as a warning); check does not.
		if strings.HasPrefix(w.Field, "item ") && w.Message == "item has no text" {
			r.Problems = append(r.Problems, w)
		} else {
			r.Warnings = append(r.Warnings, w)
		}
	}
	// A document may not take the URL of a page the site generates; drafts and documents
	// dated in the future are checked too, for the build that will publish them.
	s := site.Build(cfg, res.Documents, site.Options{Drafts: true, Future: true})
	r.Problems = append(r.Problems, render.Conflicts(s)...)
	l := newLinker(cfg, res.Documents, themeIDs(filepath.Join(dir, "themes", cfg.Theme, "layouts")))
	for _, d := range res.Documents {
		src, err := content.ReadSource(filepath.Join(dir, filepath.FromSlash(d.Path)))
		if err != nil {
			return nil, err
		}
		r.Problems = append(r.Problems, todos(d.Path, src)...)
		n, ps := l.check(d, src)
		r.Links += n
		r.Problems = append(r.Problems, ps...)
		r.Items += len(d.AllItems())
	}
	sortDiags(r.Problems)
	sortDiags(r.Warnings)
	return r, nil
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
		field, todo := "", ""
		if m := todoCommentRE.FindStringSubmatch(l); m != nil {
			field, todo = m[1], m[2]
		} else if m := keyRE.FindStringSubmatch(l); m != nil {
			field = m[1]
			if _, c, ok := strings.Cut(l, "#"); ok {
				todo = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c), "TODO:"))
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
		if todo == "" {
			todo = "placeholder to fill in"
		}
		out = append(out, &content.Diagnostic{File: rel, Line: i + 1, Field: field, Message: msg.T("check.todo", todo)})
	}
	return out
}
