// Package render turns the site graph into files: HTML pages through the theme's html/template
// layouts (minified once, as templates: loadTemplates), fingerprinted and minified static
// assets.
package render

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/data"
	"github.com/planportal/planportal/generator/msg"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/taxonomy"
	"github.com/planportal/planportal/generator/urls"
)

// PageSize is the number of entries on one page of a listing.
const PageSize = site.PageSize

// HomeLatest is the number of newest documents the home page lists.
const HomeLatest = 20

// Renderer renders a site with one theme.
type Renderer struct {
	cfg      *config.Config
	themeDir string
	min      *minify.M
	pages    map[string]*template.Template // by layout name: home, list, document, 404
	assets   map[string]asset              // by source name (style.css)
	// pageMin is set when the theme's templates could not be minified once (Fallback says
	// why): each page is then minified after it is executed, as it was before.
	pageMin bool
	// Fallback is why the theme's pages are minified one by one, or nil.
	Fallback error
	// sitemapMax is the number of URLs one sitemap file holds: SitemapMax, lowered by tests;
	// unitsPerPage and indicatorsPerPage paginate the index of units and the lists of
	// targets: UnitIndexPageSize and IndicatorPageSize; notesMax is how many distinct notes a
	// Render keeps (maxNotes; 0: any number).
	sitemapMax, unitsPerPage, indicatorsPerPage, notesMax int
}

type asset struct {
	url  string // /assets/style.1a2b3c4d.css
	data []byte // minified
}

// New loads the theme at themeDir: its layouts, partials and static assets.
func New(cfg *config.Config, themeDir string) (*Renderer, error) {
	return newRenderer(cfg, themeDir, false)
}

// newRenderer is New; perPage reads the templates as written and minifies each page, as the
// fallback does (tests compare the two).
func newRenderer(cfg *config.Config, themeDir string, perPage bool) (*Renderer, error) {
	r := withLimits(&Renderer{cfg: cfg, themeDir: themeDir, min: NewMinifier(), pages: map[string]*template.Template{}, assets: map[string]asset{}})
	if err := r.loadAssets(); err != nil {
		return nil, err
	}
	if err := r.loadTemplates(perPage); err != nil {
		return nil, err
	}
	return r, nil
}

// withLimits sets r's page sizes to the real ones: a site's pages are the same whether they
// are rendered (New) or only listed (Conflicts).
func withLimits(r *Renderer) *Renderer {
	r.sitemapMax, r.unitsPerPage, r.indicatorsPerPage, r.notesMax = SitemapMax, UnitIndexPageSize, IndicatorPageSize, maxNotes
	return r
}

// NewMinifier returns the minifier used for every HTML, CSS, JS, JSON, SVG and XML output.
func NewMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

var mediaTypes = map[string]string{
	".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml",
	".json": "application/json", ".xml": "text/xml", ".html": "text/html",
}

// loadAssets reads static/, minifies what can be, and names each file by its content hash so
// that it can be cached forever.
func (r *Renderer) loadAssets() error {
	root := filepath.Join(r.themeDir, "static")
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		ext := path.Ext(rel)
		if mt, ok := mediaTypes[ext]; ok {
			if data, err = r.min.Bytes(mt, data); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		sum := sha256.Sum256(data)
		name := strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		r.assets[rel] = asset{url: urls.Assets + name, data: data}
		return nil
	})
}

// loadTemplates parses the theme's layouts and partials, each minified once here: the pages
// made from them are written as they are executed, with no minifying pass over each page. What
// the templates insert is compact already (zhHTML drops goldmark's newlines between blocks);
// the whitespace the minifier leaves next to an action, which it cannot see past, stays (a
// theme trims it with {{- and -}}). A theme whose templates the minifier cannot read, or whose
// minified templates html/template cannot escape, is read as written and its pages minified one
// by one, as before; Fallback says why.
func (r *Renderer) loadTemplates(perPage bool) error {
	layouts := filepath.Join(r.themeDir, "layouts")
	partials, _ := filepath.Glob(filepath.Join(layouts, "partials", "*.html"))
	shared := append([]string{filepath.Join(layouts, "baseof.html")}, partials...)
	srcs := map[string]string{}
	for _, f := range append(slices.Clone(shared), layoutFiles(layouts)...) {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		srcs[f] = string(b)
	}
	if perPage {
		r.pageMin = true
		return r.parseTemplates(layouts, shared, srcs)
	}
	minified, err := minifyTemplates(srcs)
	if err == nil {
		if err = r.parseTemplates(layouts, shared, minified); err == nil {
			err = escapeTemplates(r.pages)
		}
		if err == nil {
			escapeDirect(r.pages)
			trustHTML(r.pages, r.funcs())
			placeAll(r)
			return nil
		}
	}
	r.Fallback, r.pageMin = errors.New(msg.T("theme.perpage", err)), true
	return r.parseTemplates(layouts, shared, srcs)
}

// layoutFiles are the files of the layouts pageKinds lists, in its order.
func layoutFiles(layouts string) []string {
	var out []string
	for _, k := range pageKinds {
		out = append(out, filepath.Join(layouts, k.layout+".html"))
	}
	return out
}

// parseTemplates makes r.pages from the sources of the theme's files: each layout with
// baseof.html and the partials (shared), each file a template named by its base name.
func (r *Renderer) parseTemplates(layouts string, shared []string, srcs map[string]string) error {
	parse := func(t *template.Template, f string) error {
		if _, err := t.New(filepath.Base(f)).Parse(srcs[f]); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		return nil
	}
	base := template.New("").Funcs(r.funcs())
	for _, f := range shared {
		if err := parse(base, f); err != nil {
			return err
		}
	}
	for i, f := range layoutFiles(layouts) {
		t, err := base.Clone()
		if err != nil {
			return err
		}
		if err := parse(t, f); err != nil {
			return err
		}
		r.pages[pageKinds[i].layout] = t
	}
	return nil
}

// templateMinifier minifies a template's source as NewMinifier does a page, its {{ }} actions
// left as they are.
var templateMinifier = func() *minify.M {
	m := NewMinifier()
	m.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, TemplateDelims: mhtml.GoTemplateDelims})
	return m
}()

// templateComment is a template's comment, {{/* … */}}, with its trim markers if any.
var templateComment = regexp.MustCompile(`(?s)\{\{(- )?/\*.*?\*/( -)?\}\}`)

// minifyTemplates minifies each template source, by file name. Comments are emptied first:
// the minifier reads a quote in an action as opening a string, and an apostrophe in a comment
// (a group's place) left the rest of the file unminified.
func minifyTemplates(srcs map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(srcs))
	for f, s := range srcs {
		s = templateComment.ReplaceAllString(s, "{{$1/**/$2}}")
		m, err := templateMinifier.String("text/html", s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out[f] = m
	}
	return out, nil
}

// escapeTemplates has html/template escape each layout now, as it does before the first
// execution, and returns the first escaping error: executed with no data, a layout stops at
// its first field, after the escaper has read it whole. An execution error is not one.
func escapeTemplates(pages map[string]*template.Template) error {
	for _, k := range pageKinds {
		err := pages[k.layout].ExecuteTemplate(io.Discard, "baseof.html", nil)
		var e *template.Error
		if errors.As(err, &e) {
			return err
		}
	}
	return nil
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) (string, error) {
			a, ok := r.assets[name]
			if !ok {
				return "", fmt.Errorf("asset %q not found in %s/static", name, r.themeDir)
			}
			return a.url, nil
		},
		"absURL":      r.absURL,
		"feeds":       feedsOf,
		"ownFeed":     ownFeed,
		"themeName":   r.cfg.ThemeName,
		"sectionName": r.cfg.SectionName,
		"metaRows":    r.metaRows, // the metadata table's rows, from the field registry (meta.go)
		"add":         func(a, b int) int { return a + b },
		// nest gives a section its heading level: base (1 in the main text, 2 in an annex,
		// whose title is the h2) plus the section's own level, so headings never skip.
		"nest": func(p *Page, s *content.Section, base int) sectionAt {
			return sectionAt{P: p, S: s, Base: base, H: min(base+s.Level, 4)}
		},
		// blocks and item carry the page along into the recursive block templates, which
		// need the document and its links for the theme labels.
		"blocks":        func(p *Page, bl []*content.Block) blocksAt { return blocksAt{P: p, Blocks: bl} },
		"item":          func(p *Page, it *content.Item) itemAt { return itemAt{P: p, Item: it} },
		"labels":        r.labels,
		"chips":         r.chips,       // fragments.go
		"itemBlock":     r.itemBlock,   // fragments.go
		"targetRows":    targetRows,    // fragments.go
		"indicatorRows": indicatorRows, // fragments.go
		"unitEntries":   unitEntries,   // fragments.go
		"unitDocs":      unitDocs,      // fragments.go
		"entries":       entries,       // fragments.go
		"entryRuns":     entryRuns,     // fragments.go
		"themeGroups":   themeGroups,   // fragments.go
		"headLinks":     r.headLinks,   // fragments.go
		"headMeta":      r.headMeta,    // fragments.go
		"docLinks":      r.docLinks,    // fragments.go
		"metaTable":     r.metaTable,   // fragments.go
		"docBody":       r.docBody,     // fragments.go
		"tocSections":   tocSections,   // fragments.go
		"note":          r.note,
		"preamble":      preamble,
		"copyBlocks":    copyBlocks,
		// zh and zhHTML set half-width punctuation inside Chinese text full-width (typo.go).
		"zh":      zhText,
		"zhHTML":  zhHTML,
		"zhParts": zhParts,
		"zhMark":  zhMark,
		// targets are the document's targets, for its 指标一览 table.
		"targets": func(p *Page) []analysis.Target { return p.Site.Analysis(p.Doc).Targets() },
		"byDoc":   byDoc,
		// citation is the GB/T 7714 reference to the page's document, or with an anchor to
		// one of its items; jsonLD its schema.org metadata; dataURL its JSON file.
		"citation": func(p *Page, anchor string) string {
			if anchor == "" {
				return data.Citation(p.Site, p.Doc, "")
			}
			return data.ItemCitation(p.Site, p.Doc, anchor, p.itemAt(anchor))
		},
		"jsonLD":  func(p *Page) template.JS { return data.JSONLD(p.Site, p.Doc) },
		"dataURL": urls.DocData,
		// downloads are the corpus-wide open-data files (data.Downloads), linked from
		// every document page.
		"downloads": data.Downloads,
		// row is the named template executed with data (a pointer: an indicator, a
		// document; or a value of comparable fields, such as chrome's), made once per
		// Render and reused on every page that shows it.
		"row":    r.row,
		"rows":   r.rows,
		"chrome": chromeOf,
		// agencyUnits are the leaders and units an agency page's notes name, on the first
		// page of its listing: the way to them by keyboard, as the notes' links leave the
		// tab order of the long document pages.
		"agencyUnits": func(p *Page) *site.UnitGroup {
			if p.Group == nil || p.List == nil || p.List.Page != 1 || !strings.HasPrefix(p.Group.URL, urls.Agencies) {
				return nil
			}
			return p.Site.UnitGroupOf(p.Group.Key)
		},
	}
}

// docRows are the consecutive rows of one document in a list of targets: the document is
// named once, at the head of its rows, instead of in each (a plan states about 37 targets).
type docRows struct {
	Doc  *content.Document
	Rows []*site.Indicator
}

// byDoc groups a page's targets by document, keeping their order; a list holds each
// document's targets together, so a document heads one group a page.
func byDoc(rows []*site.Indicator) []docRows {
	var out []docRows
	for _, ind := range rows {
		if n := len(out); n > 0 && out[n-1].Doc == ind.Doc {
			out[n-1].Rows = append(out[n-1].Rows, ind)
			continue
		}
		out = append(out, docRows{Doc: ind.Doc, Rows: []*site.Indicator{ind}})
	}
	return out
}

// rowCache holds the HTML of rows a build shows on many pages, by layout, template name
// and the row's data: an indicator is on the list of all targets and on those of its
// themes, region and year; a document's row of the policy table on every listing of its
// agency, region, year and section, in each order. It is kept to the end of a Render (at
// 5,000 plans about 200,000 rows), so it is plain maps, whose entries hold key and row in
// place, and each row is a string of its own length: a sync.Map boxed every key and row and
// added two nodes an entry, and a strings.Builder's row kept its spare capacity. The rows of
// one layout and template are a map of their own, keyed by the data alone: an entry is then
// the data and the row (32 bytes), not the layout's and template's names beside them too (64).
type rowCache struct {
	mu sync.RWMutex
	m  map[rowName]map[any]template.HTML
}

// get returns the row kept for data by the template key names, if one was.
func (c *rowCache) get(key rowName, data any) (template.HTML, bool) {
	c.mu.RLock()
	h, ok := c.m[key][data]
	c.mu.RUnlock()
	return h, ok
}

// put keeps h as the row of data by the template key names, unless that template keeps limit
// rows already (0: any number); it reports whether it kept it.
func (c *rowCache) put(key rowName, data any, h template.HTML, limit int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	rows := c.m[key]
	if rows == nil {
		rows = map[any]template.HTML{}
		c.m[key] = rows
	}
	if limit == 0 || len(rows) < limit {
		rows[data] = h
		return true
	}
	return false
}

// The responsibility notes of items (the theme's "note" template, which itemBlock executes
// from Go) are kept as its rows, keyed by what the note shows (appendNoteKey): at 2,000
// generated plans 22,241 notes, 8,537 of them distinct, each about 25 template actions. Past
// maxNotes of them (about 15,000 generated plans), a note not yet kept is kept for its page
// alone (Page.notes): the items of one plan repeat their notes (at 2,000 plans 11,624 notes
// distinct within their pages), and without it every later note of a larger site was
// executed at each item (issue 16: with the cache holding a third of the distinct notes, as
// at 50,000 plans, the document pages allocated 16% more).
const maxNotes = 1 << 16

type rowName struct{ layout, name string }

// chrome is what a page's header and footer show, and all they may read of the page: the
// same on every page of a layout (the header marks the current part of the site), so a build
// makes each once (row) instead of on each of its pages.
type chrome struct {
	Config            *config.Config
	Layout, GroupKind string
}

func chromeOf(p *Page) chrome { return chrome{p.Config, p.Layout, p.GroupKind} }

// row executes the template name of the page's layout with data, reusing what an earlier
// page of this Render made for the same data. Data that is neither a pointer nor a struct of
// comparable fields, or a page rendered alone (RenderPage), is executed every time.
func (r *Renderer) row(p *Page, name string, data any) (template.HTML, error) {
	cache := p.rows
	if v := reflect.ValueOf(data); v.Kind() != reflect.Pointer && (v.Kind() != reflect.Struct || !v.Comparable()) {
		cache = nil
	}
	key := rowName{p.Layout, name}
	if cache != nil {
		if h, ok := cache.get(key, data); ok {
			return h, nil
		}
	}
	sp := scratch()
	w := (*scratchWriter)(sp)
	// The template is written into a buffer of its own: a fragment it asks for, even with
	// the page as its $, is returned, not placed in the page (place).
	out := p.out
	p.out = nil
	err := r.pages[p.Layout].ExecuteTemplate(w, name, data)
	p.out = out
	h := template.HTML(*w)
	release(sp, *w)
	if err != nil {
		return "", err
	}
	if cache != nil {
		cache.put(key, data, h, 0)
	}
	return h, nil
}

// rows is row for each element of list (a slice), the rows one after another: a table of a
// listing or a page of targets is one call of the template instead of two (row and its
// escaper) for each of its rows, which text/template makes through reflection, with their
// arguments and results boxed.
func (r *Renderer) rows(p *Page, name string, list any) (template.HTML, error) {
	v := reflect.ValueOf(list)
	if !v.IsValid() {
		return "", nil
	}
	if v.Kind() != reflect.Slice {
		return "", fmt.Errorf("rows %q: %s is not a list", name, v.Type())
	}
	// The rows are placed where the action stands (place), as the fragments are: each row is
	// kept once (row), and the table made of them was a string of its own, copied into the page.
	return place(p, v, func(b []byte, v reflect.Value) ([]byte, error) {
		for i := range v.Len() {
			h, err := r.row(p, name, v.Index(i).Interface())
			if err != nil {
				return b, err
			}
			b = append(b, h...)
		}
		return b, nil
	})
}

// noteRow is one label of a responsibility note as a page shows it: the author's label, and
// the value's names (each linking to its unit's or leader's page when it has one) or, for a
// deadline or an unmapped label, the value as written.
type noteRow struct {
	Label string
	Names []noteName
	Value string
}

type noteName struct{ Name, URL string }

// note lists the rows of a passage's or section's responsibility note.
func (r *Renderer) note(p *Page, a *content.Annotation) []noteRow {
	if a == nil {
		return nil
	}
	var out []noteRow
	for _, pr := range a.Pairs {
		row := noteRow{Label: pr.Label}
		if pr.Names == nil {
			row.Value = pr.Value
		}
		kind := site.KindUnit
		if pr.Field == content.FieldLeaders {
			kind = site.KindLeader
		}
		for _, n := range pr.Names {
			nn := noteName{Name: n}
			if p.Doc != nil {
				if u := p.Site.UnitOf(p.Doc, kind, n); u != nil {
					nn.URL = u.URL
				}
			}
			row.Names = append(row.Names, nn)
		}
		if row.Value == "" && row.Names == nil {
			continue // 责任科室：（left empty in the source)
		}
		out = append(out, row)
	}
	return out
}

// themeLabel is a theme label under an item, linking to the item on the theme's page, with
// the reason the item carries the theme, shown when the label is hovered, and for every label
// at once with the page's 显示依据 option (document.html), which a keyboard reaches.
type themeLabel struct {
	Name, URL string
	Why       why
}

// why is a reason as a theme chip shows it: the phrase that carried the theme, set as the page
// shows it (full-width marks in Chinese text, as zhParts sets it in its clause); or, when an
// editor's directive gave the theme, nothing but Directive. The item's whole text stands just
// above the chip and the theme's page shows the phrase's sentence, so the chip names the words
// and does not repeat the sentence: at 2,000 generated plans the clause around the phrase
// (up to 20 characters either side, marked) was 8 of 155 MB of plan pages, a second copy of
// text the page already shows.
type why struct {
	Phrase    string
	Directive bool
}

// whyOf is the reason r as a chip shows it; text is the passage's text, which r's offsets are
// in.
func whyOf(r taxonomy.Reason, text string) why {
	if !r.FromText() {
		return why{Directive: true}
	}
	b, a, _, _ := r.Clause(text)
	w := why{Phrase: r.Phrase(text)}
	if hasHalfWidth(b) || hasHalfWidth(w.Phrase) || hasHalfWidth(a) { // else zhParts keeps it
		w.Phrase = zhParts(b, w.Phrase, a)[1]
	}
	return w
}

// labels lists the themes of the passage with the anchor on the page's document.
func (r *Renderer) labels(p *Page, anchor string) []themeLabel {
	return r.labelsTo(nil, p, anchor)
}

// labelsTo appends labels to out: a page writing the chips at once (appendLabels) gives it an
// array of its own, which a list made for each passage of a plan page was not.
func (r *Renderer) labelsTo(out []themeLabel, p *Page, anchor string) []themeLabel {
	tags := p.Site.Analysis(p.Doc).PassageTags(anchor)
	if len(tags) == 0 {
		return out
	}
	out = slices.Grow(out, len(tags))
	text := p.passageText(anchor)
	for _, t := range tags {
		l := themeLabel{Name: r.cfg.ThemeName(t.Theme), Why: whyOf(t.Reason, text)}
		if p.Links != nil {
			l.URL = p.Links.PassageURL(t.Theme, anchor)
		}
		if l.URL == "" {
			l.URL = urls.Theme(t.Theme)
		}
		out = append(out, l)
	}
	return out
}

// absURL makes a site-relative URL absolute with the configured base_url.
func (r *Renderer) absURL(u string) string { return strings.TrimSuffix(r.cfg.BaseURL, "/") + u }

// sectionAt is a section with the heading level it renders at.
type sectionAt struct {
	P    *Page
	S    *content.Section
	Base int
	H    int
}

type blocksAt struct {
	P      *Page
	Blocks []*content.Block
	// roles are the cover notice's lines in the preamble (content.Document.CoverRoles).
	roles map[*content.Block]string
}

// Role is the cover-notice role of a block of the preamble (a CSS class), or "".
func (b blocksAt) Role(bl *content.Block) string { return b.roles[bl] }

// preamble is the document's text before its first section, laid out as a cover notice
// where it is one: its 版记 (抄送, 印发) is left for the end of the document (copyBlocks).
func preamble(p *Page) blocksAt {
	roles := p.Doc.CoverRoles()
	var bl []*content.Block
	for _, b := range p.Doc.Main.Blocks {
		if roles[b] != content.CoverCopy {
			bl = append(bl, b)
		}
	}
	return blocksAt{P: p, Blocks: bl, roles: roles}
}

// copyBlocks are the 版记 paragraphs of a cover notice, which close the document.
func copyBlocks(p *Page) []*content.Block {
	roles := p.Doc.CoverRoles()
	var out []*content.Block
	for _, b := range p.Doc.Main.Blocks {
		if roles[b] == content.CoverCopy {
			out = append(out, b)
		}
	}
	return out
}

type itemAt struct {
	P    *Page
	Item *content.Item
}

// Crumb is one step of a breadcrumb trail; the last has no URL.
type Crumb struct {
	Name string
	URL  string
}

// Page is what every layout is executed with.
type Page struct {
	Site        *site.Site
	Config      *config.Config
	Layout      string
	Title       string // the page's own title, without the site name
	Description string
	URL         string // site-relative, e.g. /plans/haian-2025/
	ColumnName  string // 栏目, for the ColumnName meta tag
	Crumbs      []Crumb
	// Doc is the document a document page shows, as the site gives it with its text
	// (site.Site.Body).
	Doc *content.Document
	// err is why the page cannot be made (the site has let its document's text go):
	// rendering it returns it.
	err error
	// Links are the document's groups, themes, neighbours and related documents.
	Links *site.Links
	// docThemes is DocThemes' list, once made.
	docThemes *[]MetaValue
	List      *List
	Search    *SearchView
	// Theme and ThemePage are set on theme pages.
	Theme     *site.Theme
	ThemePage *site.ThemePage
	// Pager links the pages of a paginated listing; nil if it has one page.
	Pager *Pager
	// Group is the agency or region a listing page lists.
	Group *site.Group
	// Groups and GroupKind are set on the index of agencies, regions or years; GroupKind on
	// their listings too.
	Groups    []*site.Group
	GroupKind string
	// Scope filters the search box of a group's listing to the group (scopeOf).
	Scope []SearchParam
	// NoIndex asks search engines not to index the page (404, search results).
	NoIndex bool
	// Unit is the unit or leader a unit page lists the items of; UnitGroups are the
	// agencies' units and leaders a page of the index of units lists.
	Unit       *site.Unit
	UnitGroups []site.UnitGroup
	// Indicators is the list of targets an indicators or subject page shows; IndicatorRows
	// those of this page.
	Indicators    *site.IndicatorList
	IndicatorRows []*site.Indicator

	// rows are the rows already made by this Render (row); notes the notes made for this
	// page that rows had no room for (appendNote).
	rows  *rowCache
	notes map[string]template.HTML
	// out is the page's own output while its layout executes (renderPage), where the placed
	// fragments append their markup (place); nil otherwise.
	out *[]byte
	// items are Doc's items by anchor, made when the page first cites one (itemAt); a live
	// preview may render one page for two requests at once.
	items     map[string]*content.Item
	itemsOnce sync.Once
	// paragraphs are Doc's paragraphs that are passages, by anchor, made when the page first
	// shows the reasons of one (passageText).
	paragraphs     map[string]*content.Block
	paragraphsOnce sync.Once
}

// passageText is the plain text of the passage with the anchor on the page's document, which
// the offsets of its reasons are in (labels): an item's (itemAt), or a paragraph's, made from
// its block as analysis made it (content.Passage.Text).
func (p *Page) passageText(anchor string) string {
	if it := p.itemAt(anchor); it != nil {
		return it.Text
	}
	p.paragraphsOnce.Do(func() {
		p.paragraphs = map[string]*content.Block{}
		p.Doc.Passages(func(ps content.Passage) {
			if ps.Item == nil && ps.Block != nil {
				if _, ok := p.paragraphs[ps.Block.Anchor]; !ok { // the first, as a walk finds it
					p.paragraphs[ps.Block.Anchor] = ps.Block
				}
			}
		})
	})
	if b := p.paragraphs[anchor]; b != nil {
		return content.Passage{Block: b}.Text()
	}
	return ""
}

// itemAt is the item of the page's document at anchor, or nil: the page cites every item of
// its document, and looks each up in a map made once rather than in the document's items.
func (p *Page) itemAt(anchor string) *content.Item {
	p.itemsOnce.Do(func() {
		all := p.Doc.AllItems()
		p.items = make(map[string]*content.Item, len(all))
		for _, it := range all {
			if _, ok := p.items[it.Anchor]; !ok { // the first, as a walk finds it
				p.items[it.Anchor] = it
			}
		}
	})
	return p.items[anchor]
}

// List is one page of a listing.
type List struct {
	Documents []*content.Document
	Page      int // from 1
	Pages     int
	Prev      string
	Next      string
	Total     int
	// Order is the listing's ordering; Heads are its date columns' headers, with the links
	// that sort the table by them (listings only, not the home page).
	Order site.Ordering
	Heads []SortHead
}

// PageLink is one link of a pager; Current marks the page shown, Gap an elision (…).
type PageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// Pager is the navigation of a paginated listing.
type Pager struct {
	Prev, Next string
	Links      []PageLink
}

// pager links the previous and next pages, the first and last, the pages around the current
// one and, on long listings, landmarks at every scale: the multiples of 10 within 50 pages of
// the current one, of 100 within 500, and so on. A page carries a few links per power of ten
// (not every tenth page, which made each page of a 2,000-page listing 190 links long and the
// listing's size grow with the square of its length), and any page is a few clicks away.
func pager(cur, pages int, url func(int) string) *Pager {
	if pages <= 1 {
		return nil
	}
	p := &Pager{}
	if cur > 1 {
		p.Prev = url(cur - 1)
	}
	if cur < pages {
		p.Next = url(cur + 1)
	}
	// The pages shown, sorted and each once: a slice, not a map (a listing page made one of
	// about 20 entries, 40 MB at 2,000 plans).
	ns := make([]int, 0, 32)
	ns = append(ns, 1, pages)
	for n := max(1, cur-3); n <= min(pages, cur+3); n++ {
		ns = append(ns, n)
	}
	if pages <= 12 {
		for n := 1; n <= pages; n++ {
			ns = append(ns, n)
		}
	}
	for step := 10; step < pages; step *= 10 {
		for n := (max(1, cur-5*step) + step - 1) / step * step; n <= min(pages, cur+5*step); n += step {
			ns = append(ns, n)
		}
	}
	slices.Sort(ns)
	ns = slices.Compact(ns)
	p.Links = make([]PageLink, 0, 2*len(ns))
	for _, n := range ns {
		if len(p.Links) > 0 && p.Links[len(p.Links)-1].N != n-1 {
			p.Links = append(p.Links, PageLink{Gap: true})
		}
		p.Links = append(p.Links, PageLink{N: n, URL: url(n), Current: n == cur})
	}
	return p
}

// Output is where rendered files go.
type Output interface {
	// Create starts a file at a site-relative slash path (plans/x/index.html); what is
	// written to it is the file once Close returns nil. A large file (/data/plans.json) is
	// written as it is made, never held whole in memory.
	Create(name string) (io.WriteCloser, error)
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writeTo writes one file to out: gen writes its content.
func writeTo(out Output, name string, gen func(io.Writer) error) (int64, error) {
	f, err := out.Create(name)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: f}
	err = gen(cw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return cw.n, err
}

// fromBytes is a generator of a file made whole in memory (a sitemap part, robots.txt).
func fromBytes(f func() ([]byte, error)) func(io.Writer) error {
	return func(w io.Writer) error {
		b, err := f()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
}

// genBufSize is the size of the buffer a generated file is written through (buffered).
const genBufSize = 64 << 10

// genBufs are the buffers of buffered, reused from file to file.
var genBufs = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, genBufSize) }}

// buffered is gen writing through a buffer of genBufSize bytes: a generated file reaches
// its file in writes of that size (the whole file, where it is smaller), not in the pieces
// gen makes it in, each of which was a system call: the catalogue /data/plans.json two a
// document, the CSV files (41 MB at 1,000 plans) one each 4 KB, csv.Writer's buffer.
func buffered(gen func(io.Writer) error) func(io.Writer) error {
	return func(w io.Writer) error {
		b := genBufs.Get().(*bufio.Writer)
		b.Reset(w)
		defer func() {
			b.Reset(nil)
			genBufs.Put(b)
		}()
		if err := gen(b); err != nil {
			return err
		}
		return b.Flush()
	}
}

// Stats counts what a render produced.
type Stats struct {
	Pages  int64
	Assets int64
	Bytes  int64
	// Minify is the CPU time spent minifying pages, summed over workers: none unless the
	// theme's templates could not be minified once (Renderer.Fallback).
	Minify time.Duration
}

// Render writes the whole site to out. Progress, if not nil, is called after each page.
func (r *Renderer) Render(s *site.Site, out Output, progress func(done int)) (Stats, error) {
	var st Stats
	write := func(name string, gen func(io.Writer) error) error {
		n, err := writeTo(out, name, gen)
		atomic.AddInt64(&st.Bytes, n)
		return err
	}
	for _, a := range r.assets {
		data := a.data
		if err := write(urls.File(a.url), func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return st, err
		}
		st.Assets++
	}
	rows := &rowCache{m: map[rowName]map[any]template.HTML{}}
	var done int64
	var firstErr error
	var once sync.Once
	// failed closes at the first error: no job is handed out after it, and a worker that
	// receives one anyway drops it.
	failed := make(chan struct{})
	var wg sync.WaitGroup
	ch := make(chan pageJob)
	for w := 0; w < workers(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A worker's pages are made in two buffers of its own, reused page after
			// page: the template's output and, for a theme minified page by page
			// (Fallback), the minified page.
			var src []byte
			var page bytes.Buffer
			for j := range ch {
				select {
				case <-failed:
					continue
				default:
				}
				var err error
				var html []byte
				if j.gen != nil {
					err = write(j.file, buffered(j.gen))
				} else if html, err = r.renderPage(j.page, &st.Minify, &src, &page, true); err == nil {
					// A page finished after another file failed is dropped, not written.
					select {
					case <-failed:
						continue
					default:
					}
					err = write(j.file, func(w io.Writer) error { _, err := w.Write(html); return err })
				}
				if err != nil {
					once.Do(func() { firstErr = fmt.Errorf("%s: %w", j.file, err); close(failed) })
					continue
				}
				if j.gen == nil {
					atomic.AddInt64(&st.Pages, 1)
				}
				n := atomic.AddInt64(&done, 1)
				if progress != nil {
					progress(int(n))
				}
			}
		}()
	}
	// Each page is made when its turn comes and handed out: a render holds the pages being
	// written, not every page of the site.
	stopped := false
	r.eachJob(s, func(j pageJob) {
		if stopped {
			return
		}
		if j.page != nil {
			j.page.rows = rows
		}
		select {
		case ch <- j:
		case <-failed:
			stopped = true
		}
	})
	close(ch)
	wg.Wait()
	return st, firstErr
}

// pageJob is a file to write: a page to render, or (gen set) a feed or other generated file,
// which gen writes as it makes it.
type pageJob struct {
	file string
	page *Page
	gen  func(io.Writer) error
}

// eachJob calls fn with every file of the site but the assets, in order, for Render, Files
// and Conflicts alike: the pages, each document's page followed by its data file (ownData),
// then the sitemap, robots.txt, the corpus-wide open data and the feeds. A page is made when
// its turn comes, and the sitemap keeps of it only its URL and date.
func (r *Renderer) eachJob(s *site.Site, fn func(pageJob)) {
	var sitemap []sitemapURL
	r.eachPageJob(s, func(j pageJob) {
		if u, ok := r.sitemapEntry(j); ok {
			sitemap = append(sitemap, u)
		}
		fn(j)
		if f, ok := ownData(s, j.page); ok {
			fn(f)
		}
	})
	for _, part := range r.sitemapParts(sitemap) {
		fn(pageJob{file: part.name, gen: func(w io.Writer) error { return part.write(w, r.absURL) }})
	}
	fn(pageJob{file: "robots.txt", gen: fromBytes(func() ([]byte, error) { return r.robots(), nil })})
	// The corpus-wide open data: the same Site, as JSON and CSV.
	for _, f := range data.Files(s) {
		fn(pageJob{file: urls.File(f.URL), gen: f.Gen})
	}
	for _, f := range r.feedJobs(s) {
		fn(pageJob{file: urls.File(urls.Feed(f.listURL)), gen: func(w io.Writer) error { return r.atomFeed(w, s, f) }})
	}
}

// RenderPage executes the page's layout (and minifies the result, if the theme's templates
// are not minified: Fallback).
func (r *Renderer) RenderPage(p *Page) ([]byte, error) {
	var d time.Duration
	var src []byte
	var page bytes.Buffer
	// A page rendered alone may be rendered for two requests at once (a live preview): its
	// fragments are returned, not placed in a buffer the page would hold for one of them.
	return r.renderPage(p, &d, &src, &page, false)
}

// renderPage executes the page's layout into src and returns it, or, when the theme is
// minified page by page, minifies it into page and returns that; both are emptied first.
// With place, src is the page's out while the layout executes: the placed fragments are
// appended to it (Page.out; the page must then be rendered by no one else meanwhile).
func (r *Renderer) renderPage(p *Page, minifyTime *time.Duration, src *[]byte, page *bytes.Buffer, place bool) ([]byte, error) {
	if p.err != nil {
		return nil, p.err
	}
	t := r.pages[p.Layout]
	if t == nil {
		return nil, fmt.Errorf("no layout %q", p.Layout)
	}
	*src = (*src)[:0]
	page.Reset()
	if place {
		p.out = src
	}
	err := t.ExecuteTemplate((*scratchWriter)(src), "baseof.html", p)
	p.out = nil
	if err != nil {
		return nil, err
	}
	if !r.pageMin {
		return *src, nil
	}
	start := time.Now()
	err = r.min.Minify("text/html", page, bytes.NewReader(*src))
	atomic.AddInt64((*int64)(minifyTime), int64(time.Since(start)))
	return page.Bytes(), err
}
