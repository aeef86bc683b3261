package search

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/content"
)

// Unit kinds: an item or paragraph hit points at its anchor (a passage: see
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

// unit is one indexed record: a numbered item, or a document's own text and metadata.
type unit struct {
	Kind    string `json:"kind"`
	URL     string `json:"url"`
	DocURL  string `json:"doc_url"`
	Title   string `json:"title"`
	Section string `json:"section"`
	Item    string `json:"item"`

	// Searchable text. Items have only Text; documents all four.
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
	// Day is the publication date as YYYY-MM-DD (stored; filters and sort=date use it).
	Day string `json:"day"`
	// Seq is the record's place in the build's order, in base 36: its document's position in
	// the list given to Build, shifted left 24 bits, plus the record's position in Units.
	// Equal scores rank by it, so that every build of the same content ranks alike.
	Seq string `json:"seq"`
	// Facets holds every facet value as "name=value" (agency=海安市卫生健康委员会): one
	// multi-valued field, so counting facets reads one doc value per hit instead of seven.
	Facets []string `json:"facets"`
}

// Facet fields, in the order responses list them.
var facetFields = []string{"theme", "agency", "region", "province", "year", "category", "validity"}

// NewMapping returns the index mapping. Only the searchable text is indexed, through the
// planportal analyzer, without term vectors: bleve's postings give each bigram's records, and
// queries check exact matches on the records' text, which Open holds in memory (engine.go).
// Everything else is stored for display, or read once when the index opens (facet codes, the
// day, the kind and the document of each record): filters, facets and sort=date never read
// the index per hit.
func NewMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = AnalyzerName
	text.Store = true
	text.IncludeTermVectors = false
	text.IncludeInAll = false
	text.DocValues = false

	// title_s is the title again (doc records only); it is stored as "title".
	titleS := bleve.NewTextFieldMapping()
	titleS.Analyzer = AnalyzerName
	titleS.Store = false
	titleS.IncludeTermVectors = false
	titleS.IncludeInAll = false
	titleS.DocValues = false

	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title_s", titleS)
	for _, f := range []string{"text", "heading_s", "meta_s"} {
		dm.AddFieldMappingsAt(f, text)
	}
	for _, f := range []string{"kind", "url", "doc_url", "title", "section", "item", "agency", "region", "themes", "day", "seq", "facets"} {
		dm.AddFieldMappingsAt(f, stored)
	}

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = AnalyzerName
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im
}

// unitFacets lists a document's facet values as "name=value", with the given themes.
func unitFacets(d *content.Document, themes []string) []string {
	m := d.Meta
	var out []string
	for _, t := range themes {
		out = append(out, "theme="+t)
	}
	year := ""
	if !m.Published.IsZero() {
		year = m.Published.Format("2006")
	}
	for _, kv := range [][2]string{{"agency", m.Agency}, {"region", m.Region}, {"province", m.Province},
		{"year", year}, {"category", m.Category}, {"validity", m.Validity}} {
		if kv[1] != "" {
			out = append(out, kv[0]+"="+kv[1])
		}
	}
	return out
}

// Units returns the index records of one document: one per passage (items, sub-items and
// paragraphs), one per section and annex (its heading and the text of its own outside its
// passages, so that a match there lands on the section), and one for the document (title,
// metadata, the rest of the preamble). Each record carries the themes analysis gave it: a
// passage its own, a section those of its passages, the document its themes, so that a
// theme filter finds exactly what the theme pages list.
func Units(src Source) []unit {
	d, an := src.Doc, src.Analysis
	m := d.Meta
	base := unit{
		DocURL: d.URL, Title: m.Title, Agency: m.Agency, Region: m.Region, Province: m.Province,
		Category: m.Category, Validity: m.Validity, Themes: an.Themes(), Published: m.Published.Time,
	}
	if !m.Published.IsZero() {
		base.Year = m.Published.Format("2006")
		base.Day = m.Published.Format("2006-01-02")
	}
	base.Facets = unitFacets(d, base.Themes) // shared by the document's records: never modify it
	with := func(kind, anchor string, themes []string) unit {
		u := base
		u.Kind, u.URL = kind, d.URL+"#"+anchor
		if !sameSlice(themes, base.Themes) {
			u.Themes, u.Facets = themes, unitFacets(d, themes)
		}
		return u
	}
	var units []unit
	var addItem func(it *content.Item, section string)
	addItem = func(it *content.Item, section string) {
		u := with(KindItem, it.Anchor, an.PassageThemes(it.Anchor))
		u.Section, u.Item, u.Text = section, it.Number, it.Text
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

// batchSize is how many records go into a shard per batch.
const batchSize = 1000

// manifestName is the file in an index directory that lists its shards.
const manifestName = "planportal-index.json"

// manifest describes an index directory: shards built in parallel, searched together.
type manifest struct {
	Format  int      `json:"format"`
	Shards  []string `json:"shards"`
	Records int      `json:"records"`
	// Facets lists every facet value ("agency=…"); the index stores each as its position in
	// this list, in base 36, so that a query decodes a few bytes per hit, not whole names.
	Facets []string `json:"facets"`
	// Synonyms are the configured groups of equivalent terms the index was built with; every
	// reader of the index (serve, dev, the search command) expands queries by them.
	Synonyms [][]string `json:"synonyms,omitempty"`
}

// indexFormat changes whenever tokenisation or the mapping does (2: punctuation marks are
// tokens; 5: no term vectors, stored facet codes and day; 6: paragraphs are records of their
// own, and every record has its seq), so an index built by an older planportal is rebuilt
// rather than queried wrongly.
const indexFormat = 6

// Shards is how many shards Build writes in parallel. It is fixed rather than taken from the
// machine's core count: scores are computed per shard, so the same content must give the same
// shards, and so the same ranking, wherever it is built.
const Shards = 2

// Build creates a new index directory at path holding every record of docs, as Shards shards
// built in parallel, and the synonym groups queries of it are expanded by.
func Build(path string, docs []Source, synonyms [][]string) (int, error) {
	return BuildShards(path, docs, synonyms, Shards)
}

// BuildShards builds the index with n shards (documents dealt round robin).
func BuildShards(path string, docs []Source, synonyms [][]string, n int) (int, error) {
	if n < 1 {
		n = 1
	}
	if n > len(docs) && len(docs) > 0 {
		n = len(docs)
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return 0, err
	}
	m := manifest{Format: indexFormat, Synonyms: synonyms}
	codes := map[string]string{}
	for _, d := range docs {
		// A document's themes include every theme of its passages and sections.
		for _, f := range unitFacets(d.Doc, d.Analysis.Themes()) {
			codes[f] = ""
		}
	}
	for f := range codes {
		m.Facets = append(m.Facets, f)
	}
	sort.Strings(m.Facets)
	for i, f := range m.Facets {
		codes[f] = strconv.FormatInt(int64(i), 36)
	}
	counts := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("shard-%d", i)
		m.Shards = append(m.Shards, name)
		var part []int // positions in docs
		for j := i; j < len(docs); j += n {
			part = append(part, j)
		}
		wg.Add(1)
		go func(i int, dir string, part []int) {
			defer wg.Done()
			counts[i], errs[i] = buildShard(dir, docs, part, codes)
		}(i, filepath.Join(path, name), part)
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil {
			return 0, errs[i]
		}
		m.Records += counts[i]
	}
	b, _ := json.Marshal(m)
	return m.Records, os.WriteFile(filepath.Join(path, manifestName), b, 0o644)
}

// buildShard writes one shard with bleve's offline builder: it indexes batches into segments
// and merges them once at the end, rather than merging continuously as a live index does.
func buildShard(path string, docs []Source, part []int, codes map[string]string) (int, error) {
	b, err := bleve.NewBuilder(path, NewMapping(), map[string]interface{}{"batchSize": batchSize})
	if err != nil {
		return 0, fmt.Errorf("search index: %w", err)
	}
	n := 0
	for _, j := range part {
		units := Units(docs[j])
		encode := func(fs []string) []string {
			c := make([]string, len(fs))
			for i, f := range fs {
				c[i] = codes[f]
			}
			return c
		}
		docFacets := units[len(units)-1].Facets
		coded := encode(docFacets)
		for k, u := range units {
			u.Seq = strconv.FormatUint(uint64(j)<<24|uint64(k), 36)
			if sameSlice(u.Facets, docFacets) {
				u.Facets = coded
			} else {
				u.Facets = encode(u.Facets)
			}
			if err := b.Index(u.URL, u); err != nil {
				b.Close()
				return n, fmt.Errorf("search index: %s: %w", u.URL, err)
			}
			n++
		}
	}
	if err := b.Close(); err != nil {
		return n, fmt.Errorf("search index: %w", err)
	}
	return n, nil
}
