package search

import (
	"strings"
	"time"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/urls"
)

// Record kinds: an item or paragraph hit points at its anchor (a passage: see
// content.Document.Passages); a section hit is a match in a heading or in a section's text
// outside its passages (short lines, tables, lists); a document hit is a match in the title,
// metadata or the rest of the preamble.
const (
	KindItem      = "item"
	KindParagraph = "paragraph"
	KindSection   = "section"
	KindDoc       = "doc"
)

// Source is a document with its analysis: what a document's records are made of.
type Source struct {
	Doc      *content.Document
	Analysis *analysis.Doc
}

// Record is one indexed record: a passage (item or paragraph), a section, or a document's own
// text and metadata. Its JSON names are the index's field names.
type Record struct {
	Kind    string `json:"kind"`
	URL     string `json:"url"`
	DocURL  string `json:"doc_url"`
	Title   string `json:"title"`
	Section string `json:"section"`
	Item    string `json:"item"`

	// Searchable text. Documents have all four; a passage its Text and, in Meta, its
	// responsibility note (分管领导：…；责任科室：…), so that 医政医管科 finds the items
	// it answers for while snippets show the item's own text first.
	Text    string `json:"text"`
	TitleS  string `json:"title_s"`
	Heading string `json:"heading_s"`
	Meta    string `json:"meta_s"`

	// Filters and facets.
	Agency    string    `json:"agency"`
	Region    string    `json:"region"`
	Province  string    `json:"province"`
	Category  string    `json:"category"`
	Validity  string    `json:"validity"`
	Year      string    `json:"year"`
	Themes    []string  `json:"themes"`
	Published time.Time `json:"-"`
	// Day is the publication date as its source states it: YYYY-MM-DD, or YYYY-MM or YYYY
	// when that is all it states (stored; hits show it, filters and sort=date read it as its
	// first day, as content.Date sorts).
	Day string `json:"day"`
	// Seq is the record's place in the build's order, in base 36: its document's position in
	// the list given to the index's Build, shifted left 24 bits, plus the record's position in
	// Records. The index sets it.
	// Equal scores rank by it, so that every build of the same content ranks alike.
	Seq string `json:"seq"`
	// Facets holds every facet value as "name=value" (agency=海安市卫生健康委员会): one
	// multi-valued field, so counting facets reads one value per hit instead of seven. The
	// index stores each as a code.
	Facets []string `json:"facets"`
}

// Facet fields, in the order responses list them.
var facetFields = []string{"theme", "agency", "region", "province", "year", "category", "validity"}

// Facets lists every facet value of the document's records as "name=value": a document's
// themes include every theme of its passages and sections.
func (src Source) Facets() []string {
	return themeFacets(src.Analysis.Themes(), metaFacets(src.Doc), nil)
}

// metaFacets lists a document's facet values but its themes as "name=value".
func metaFacets(d *content.Document) []string {
	m := d.Meta
	year := ""
	if !m.Published.IsZero() {
		year = m.Published.Format("2006")
	}
	var out []string
	for _, kv := range [][2]string{{"agency", m.Agency}, {"region", m.Region}, {"province", m.Province},
		{"year", year}, {"category", m.Category}, {"validity", m.Validity}} {
		if kv[1] != "" {
			out = append(out, kv[0]+"="+kv[1])
		}
	}
	return out
}

// themeFacets lists a record's facet values: the given themes as "theme=…", then meta, its
// document's other facet values (metaFacets), whose strings it shares, as it shares those of
// known (a list of "theme=…" values) where a theme is among them; nil when there are none.
func themeFacets(themes, meta, known []string) []string {
	if len(themes)+len(meta) == 0 {
		return nil
	}
	out := make([]string, 0, len(themes)+len(meta))
	for _, t := range themes {
		f := ""
		for _, k := range known {
			if len(k) == len("theme=")+len(t) && k[len("theme="):] == t {
				f = k
				break
			}
		}
		if f == "" {
			f = "theme=" + t
		}
		out = append(out, f)
	}
	return append(out, meta...)
}

// Records returns the index records of one document: one per passage (items, sub-items and
// paragraphs), one per section and annex (its heading and the text of its own outside its
// passages, so that a match there lands on the section), and one for the document (title,
// metadata, the rest of the preamble). Each record carries the themes analysis gave it: a
// passage its own, a section those of its passages, the document its themes, so that a
// theme filter finds exactly what the theme pages list.
func Records(src Source) []Record { return AppendRecords(nil, src) }

// AppendRecords appends the records of one document (Records) to units and returns the
// extended slice: a build that feeds one document's records at a time reuses one slice for
// all of them (units[:0]) instead of growing a new one per document (72 MB of the index
// stage's 742 MB at 2,000 plans; issue 16).
func AppendRecords(units []Record, src Source) []Record {
	d, an := src.Doc, src.Analysis
	m := d.Meta
	base := Record{
		DocURL: d.URL, Title: m.Title, Agency: m.Agency, Region: m.Region, Province: m.Province,
		Category: m.Category, Validity: m.Validity, Themes: an.Themes(), Published: m.Published.Time,
	}
	if !m.Published.IsZero() {
		base.Year = m.Published.Format("2006")
		base.Day = m.Published.String()
	}
	// The document's facets but its themes, made once: a record whose themes differ from its
	// document's shares their strings (at 2,000 plans they were made again for most records).
	meta := metaFacets(d)
	base.Facets = themeFacets(base.Themes, meta, nil) // shared by the document's records: never modify it
	with := func(kind, anchor string, themes []string) Record {
		u := base
		u.Kind, u.URL = kind, urls.Passage(d.URL, anchor)
		if !sameSlice(themes, base.Themes) {
			u.Themes, u.Facets = themes, themeFacets(themes, meta, base.Facets[:len(base.Themes)])
		}
		return u
	}
	var addItem func(it *content.Item, section string)
	addItem = func(it *content.Item, section string) {
		u := with(KindItem, it.Anchor, an.PassageThemes(it.Anchor))
		u.Section, u.Item, u.Text = section, it.Number, it.Text
		if it.Annotation != nil {
			u.Meta = it.Annotation.Text
		}
		units = append(units, u)
		for _, sub := range it.Items {
			addItem(sub, section)
		}
	}
	// blocks records the passages among a section's (or part's) blocks and returns the text
	// of the others.
	blocks := func(bl []*content.Block, section string) []string {
		var rest []string
		for _, b := range bl {
			switch {
			case b.Item != nil:
				addItem(b.Item, section)
			case b.IsPassage():
				u := with(KindParagraph, b.Anchor, an.PassageThemes(b.Anchor))
				u.Section, u.Text = section, b.Text()
				if b.Annotation != nil {
					u.Meta = b.Annotation.Text
				}
				units = append(units, u)
			default:
				if t := b.Text(); t != "" {
					rest = append(rest, t)
				}
			}
		}
		return rest
	}
	var addSection func(s *content.Section)
	addSection = func(s *content.Section) {
		u := with(KindSection, s.Anchor, an.SectionThemes(s.Anchor))
		u.Section, u.Heading = s.Heading, s.Heading
		u.Text = strings.Join(blocks(s.Blocks, s.Heading), " ")
		units = append(units, u)
		for _, c := range s.Sections {
			addSection(c)
		}
	}
	var preamble []string
	for _, p := range d.Parts() {
		rest := blocks(p.Blocks, p.Title)
		if p.Title != "" {
			u := with(KindSection, p.Anchor, an.SectionThemes(p.Anchor))
			u.Section, u.Heading = p.Title, p.Title
			u.Text = strings.Join(rest, " ")
			units = append(units, u)
		} else {
			preamble = append(preamble, rest...)
		}
		for _, s := range p.Sections {
			addSection(s)
		}
	}
	doc := base
	doc.Kind, doc.URL = KindDoc, d.URL
	doc.TitleS = m.Title
	doc.Meta = strings.Join(nonEmpty(m.Agency, m.Region, m.Province, m.DocNumber, m.IndexNumber, m.Category), " ")
	doc.Text = strings.Join(preamble, " ")
	return append(units, doc)
}

// sameSlice reports whether a and b are the same slice (not merely equal).
func sameSlice(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
