package render

import (
	"fmt"
	"strings"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
)

// MetaRow is one row of a document's metadata table (索引号, 发布机构 …): a front matter field's
// label and values, as the field registry (content.Fields) describes the field.
type MetaRow struct {
	Key, Label string
	// Inferred: the source does not state the value; the editor supplied it (front matter
	// inferred), and the page says so.
	Inferred bool
	// Values are the field's values (one, or a list's elements); none when the document has
	// no value for the field.
	Values []MetaValue
}

// MetaValue is one value in a metadata row: its text, the site's page for it (the agency's,
// the region's, the theme's) and, for a date, the date as YYYY-MM-DD.
type MetaValue struct {
	Text, URL, Date string
}

// metaRows returns the rows of p's metadata table for the front matter keys, in that order.
// A key ending in "?" is left out when the document has no value for it; the others show
// 未注明 then. An excerpt or a report has no disclosure fields (content.Field.Disclosure),
// and rows whose label would misstate it take its ReportLabel. The themes row
// lists the document's themes as the site's analysis found them when the page has links
// (front matter themes are only part of them), with their pages.
func (r *Renderer) metaRows(p *Page, keys ...string) ([]MetaRow, error) {
	if p.Doc == nil {
		return nil, fmt.Errorf("metaRows: the page has no document")
	}
	var rows []MetaRow
	for _, key := range keys {
		key, optional := strings.CutSuffix(key, "?")
		f := content.FieldByKey(key)
		if f == nil {
			return nil, fmt.Errorf("metaRows: %q is not a front matter field (see docs/CONTENT.md)", key)
		}
		original := p.Doc.Meta.Original()
		if f.Disclosure && !original {
			continue // an excerpt or a report has no 文号, 索引号, 公开方式 … of its own
		}
		row := MetaRow{Key: key, Label: f.Label, Values: r.metaValues(p, f), Inferred: p.Doc.Meta.IsInferred(key)}
		if !original && f.ReportLabel != "" {
			row.Label = f.ReportLabel
		}
		if optional && len(row.Values) == 0 {
			continue
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// metaValues are a field's values on p, each linked to its page where the site has one.
func (r *Renderer) metaValues(p *Page, f *content.Field) []MetaValue {
	if f.Kind == content.KindThemes {
		return p.DocThemes()
	}
	switch v := p.Doc.Meta.Get(f.Key).(type) {
	case content.Date:
		return []MetaValue{{Text: v.Chinese(), Date: v.String()}}
	case bool:
		return []MetaValue{{Text: "是"}}
	case string:
		if f.Key == "source" {
			if !isURL(v) {
				return nil // a file path (seeds/001_….txt) is no link a reader can follow
			}
			return []MetaValue{{Text: v, URL: v}}
		}
		mv := MetaValue{Text: v}
		if g := groupOf(p.Links, f.Key); g != nil {
			mv.URL = g.URL
		}
		return []MetaValue{mv}
	}
	return nil
}

// DocThemes are the themes of the page's document: as the site's analysis found them when the
// page has links (its front matter themes are only part of them), each with its theme page;
// else the front matter's, by name. The metadata table's 主题分类 row and the meta tags
// (article:tag, Keywords) read this one list.
func (p *Page) DocThemes() []MetaValue {
	// A document's page asks for them several times (the table's row, the meta tags, the
	// template): made once, as the site makes its theme links at each call (Links.Themes).
	if p.docThemes != nil {
		return *p.docThemes
	}
	var out []MetaValue
	switch {
	case p.Links != nil:
		themes := p.Links.Themes()
		if len(themes) > 0 {
			out = make([]MetaValue, 0, len(themes))
		}
		for _, t := range themes {
			out = append(out, MetaValue{Text: t.Name, URL: t.URL})
		}
	case p.Doc != nil:
		for _, slug := range p.Doc.Meta.Themes {
			out = append(out, MetaValue{Text: p.Config.ThemeName(slug)})
		}
	}
	p.docThemes = &out
	return out
}

// groupOf is the agency or region listing a document's field value links to, or nil.
func groupOf(l *site.Links, key string) *site.Group {
	switch {
	case l == nil:
		return nil
	case key == "agency":
		return l.Agency
	case key == "region":
		return l.Region
	}
	return nil
}

// isURL reports whether s is a web address a reader can follow.
func isURL(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") }
