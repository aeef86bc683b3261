// Package data writes the site's open data: one JSON file per document with its metadata,
// sections, items, responsibility notes and targets, a catalogue of every document's metadata
// pointing at those files (plans.json),
// the items, targets and units as CSV (UTF-8 with a byte order mark, so that spreadsheet
// programs read the Chinese right), each in a zip archive of its own (Tables), and
// datapackage.json describing them as a Frictionless Data Package. It reads the same Site the
// pages are rendered from, so the data and the pages cannot disagree.
package data

import (
	"archive/zip"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// File is one file of the open data: its site-relative URL and how to make it. Gen writes
// the file as it makes it: a CSV file holds every item and is never whole in memory.
type File struct {
	URL string
	Gen func(io.Writer) error
}

// The corpus-wide files of /data/ besides the Tables' archives.
const (
	catalogue   = "plans.json"
	descriptor  = "datapackage.json"
	jsonType    = "application/json"
	archiveType = "application/zip"
)

// Download is a link to one of the corpus-wide open-data files, as a page offers it.
type Download struct {
	URL   string // site-relative, under /data/
	Label string // what the link says
	Type  string // the file's media type
}

// corpusFile is one corpus-wide open-data file: its link and how to make it for a site.
type corpusFile struct {
	Download
	gen func(s *site.Site, w io.Writer) error
}

// corpusFiles are the corpus-wide open-data files, in the order a page links them and Files
// makes them: the catalogue, the Tables' archives, the data package descriptor. Downloads and
// Files both read this one list.
func corpusFiles() []corpusFile {
	out := []corpusFile{{Download{urls.Data + catalogue, "文件目录 JSON", jsonType},
		func(s *site.Site, w io.Writer) error { return writePlans(w, s) }}}
	for _, tb := range Tables {
		out = append(out, corpusFile{Download{urls.Data + tb.Path(), tb.Title + " CSV（ZIP）", archiveType},
			func(s *site.Site, w io.Writer) error {
				return zipped(w, tb.CSV(), archiveTime(s), func(w io.Writer) error {
					return table(w, tb.Fields, func(row func([]string) error) error { return tb.rows(s, row) })
				})
			}})
	}
	return append(out, corpusFile{Download{urls.Data + descriptor, "数据包说明", jsonType},
		func(s *site.Site, w io.Writer) error { return marshal(w, Package(s)) }})
}

// Downloads are the corpus-wide open-data files as a page links them.
func Downloads() []Download {
	var out []Download
	for _, f := range corpusFiles() {
		out = append(out, f.Download)
	}
	return out
}

// Files lists the corpus-wide open-data files of a site, the Downloads (/data/plans.json,
// items.csv.zip, indicators.csv.zip, units.csv.zip, datapackage.json). Each document's own
// JSON file (DocFile) is made with its page, not listed here (package render).
func Files(s *site.Site) []File {
	var out []File
	for _, f := range corpusFiles() {
		out = append(out, File{f.URL, func(w io.Writer) error { return f.gen(s, w) }})
	}
	return out
}

// Table is one of the corpus-wide CSV files. Each is published in a zip archive of its own
// (Path) that holds the one CSV file (CSV): the three were 82 MB of the 151 MB of /data/ at
// 2,000 generated plans, and each row repeats its document's title, agency, region and date
// so that a spreadsheet filters by them without a lookup, which deflate takes back (items.csv
// 52.2 MB → 10.2 MB). A zip archive, not .csv.gz: Windows opens a zip archive in Explorer
// (and Excel's Power Query reads one) with nothing installed, and archive/zip is the
// standard library's. The per-document JSON files stay uncompressed: a page links its own,
// and a program fetches one document at a time.
type Table struct {
	Name, Title, Description string
	Fields                   []Field
	rows                     func(s *site.Site, row func([]string) error) error
}

// CSV is the name of the table's CSV file, inside its archive.
func (t Table) CSV() string { return t.Name + ".csv" }

// Path is the table's archive, relative to /data/.
func (t Table) Path() string { return t.CSV() + ".zip" }

// Tables are the corpus-wide CSV files, in the order datapackage.json lists them.
var Tables = []Table{
	{"items", "条目", "每个条目或段落一行，含主题与责任标注（one row per item or paragraph）", ItemFields, itemRows},
	{"indicators", "指标", "每项量化指标一行（one row per quantitative target）", IndicatorFields, indicatorRows},
	{"units", "责任单位", "每个责任单位或负责领导与其条目一行（one row per unit or leader and item naming it）", UnitFields, unitRows},
}

// cst is China Standard Time, the zone of the dates the documents state.
var cst = time.FixedZone("CST", 8*3600)

// archiveTime is the modification time of the files in the site's archives: the newest
// published date the documents state (midnight, China Standard Time), so that an archive is
// made the same, byte for byte, from the same content, and a reader unpacking it sees how
// recent the data is; 1980-01-01, the earliest time a zip archive holds, for a site with no
// date.
func archiveTime(s *site.Site) time.Time {
	newest := time.Date(1980, 1, 1, 0, 0, 0, 0, cst)
	for _, d := range s.Documents {
		if p := d.Meta.Published; !p.IsZero() {
			if t := time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, cst); t.After(newest) {
				newest = t
			}
		}
	}
	return newest
}

// zipLevel is the deflate level of the tables' archives, klauspost/compress's encoder (the
// format archive/zip's own writes, readable by every unzip): at 2,000 plans its level 6 made
// the three archives 12.53 MB in 0.44 s of CPU, where archive/zip's (compress/flate at level
// 5) made them 12.39 MB in 0.83 s; the CSV files were 82 MB, the largest deflate job of a build.
const zipLevel = 6

// deflater is the zip archives' compressor (zipLevel).
func deflater(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, zipLevel) }

// zipped writes a zip archive to w holding one file, name, modified at mod, whose content gen
// writes as it makes it (deflated at zipLevel; the archive is never whole in memory).
func zipped(w io.Writer, name string, mod time.Time, gen func(io.Writer) error) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, deflater)
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod})
	if err != nil {
		return err
	}
	if err := gen(f); err != nil {
		return err
	}
	return zw.Close()
}

// DocFile is a published document's own JSON file, which the site makes with the document's
// page (not one of Files), from its text as the site gives it (site.Site.Body) when written.
func DocFile(s *site.Site, d *content.Document) File {
	return File{urls.DocData(d.URL), func(w io.Writer) error {
		d, err := s.Body(d)
		if err != nil {
			return err
		}
		doc, bp := docOf(s, d), jsonBuf()
		b, err := appendDoc(*bp, &doc)
		return writeJSON(w, bp, b, err)
	}}
}

func marshal(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writePlans writes /data/plans.json (Plans) one document at a time: its entry for a
// document is the metadata its own JSON file opens with, and data_url leads to the rest.
// The catalogue does not repeat the records: with them it was 36 MB at 1,000 plans, the
// byte-for-byte concatenation of /data/plans/*.json, while the bulk text is in items.csv.
func writePlans(w io.Writer, s *site.Site) error {
	head, err := json.Marshal(struct {
		Title string `json:"title"`
		URL   string `json:"url"`
	}{s.Config.Title, s.Config.BaseURL})
	if err != nil {
		return err
	}
	// {"title":…,"url":…} opened up to take the documents.
	if _, err := io.WriteString(w, string(head[:len(head)-1])+`,"documents":[`+"\n"); err != nil {
		return err
	}
	for i, d := range s.Documents {
		if i > 0 {
			if _, err := io.WriteString(w, ","); err != nil {
				return err
			}
		}
		m, bp := metaOf(s, d), jsonBuf()
		b, err := appendMetaJSON(*bp, &m)
		if err := writeJSON(w, bp, b, err); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, "]}\n")
	return err
}

// bom is the UTF-8 byte order mark a CSV file starts with.
const bom = "\ufeff"

// table writes a CSV file: the byte order mark, the header, then the rows rows hands to row.
func table(w io.Writer, fields []Field, rows func(row func([]string) error) error) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	// As encoding/csv's Writer writes it with UseCRLF: RFC 4180, and what spreadsheet programs
	// on Windows expect (appendCSVRecord).
	cw := &csvRows{w: w, buf: make([]byte, 0, csvChunk+4096)}
	header := make([]string, len(fields))
	for i, f := range fields {
		header[i] = f.Name
	}
	if err := cw.row(header); err != nil {
		return err
	}
	if err := rows(cw.row); err != nil {
		return err
	}
	return cw.flush()
}

// Plans is the shape of /data/plans.json (writePlans writes it a document at a time): the
// catalogue of every document's metadata.
type Plans struct {
	Title     string `json:"title"`
	URL       string `json:"url"`
	Documents []Meta `json:"documents"`
}

// Doc is one document's own JSON file: its metadata, then its sections, items and targets.
type Doc struct {
	Meta
	Sections []Section `json:"sections"`
	Items    []Item    `json:"items"`
	Targets  []Target  `json:"targets"`
}

// Meta is a document's metadata: its entry in plans.json and the head of its own file.
type Meta struct {
	Slug        string   `json:"slug"`
	URL         string   `json:"url"`
	DataURL     string   `json:"data_url"`
	Title       string   `json:"title"`
	Agency      string   `json:"agency"`
	Region      string   `json:"region,omitempty"`
	Province    string   `json:"province,omitempty"`
	Published   string   `json:"published,omitempty"`
	Written     string   `json:"written,omitempty"`
	DocNumber   string   `json:"doc_number,omitempty"`
	IndexNumber string   `json:"index_number,omitempty"`
	Category    string   `json:"category,omitempty"`
	Validity    string   `json:"validity,omitempty"`
	Disclosure  string   `json:"disclosure,omitempty"`
	Nature      string   `json:"nature"`
	Source      string   `json:"source,omitempty"`
	SourceName  string   `json:"source_name,omitempty"`
	Inferred    []string `json:"inferred,omitempty"`
	Summary     string   `json:"summary,omitempty"`
	Themes      []string `json:"themes"`
	Citation    string   `json:"citation"`
}

// Section is a section, sub-section or annex.
type Section struct {
	Anchor     string  `json:"anchor"`
	Heading    string  `json:"heading"`
	Level      int     `json:"level"`
	Annotation *Annote `json:"annotation,omitempty"`
}

// Item is a passage: a numbered item or sub-item, or a paragraph of its own. Its URL is its
// document's url, "#" and its anchor (urls.Passage), which the file does not spell out for
// each item and target: 8.2 MB of the 72.1 MB of /data/plans/ at 2,000 generated plans.
type Item struct {
	Anchor     string   `json:"anchor"`
	Number     string   `json:"number,omitempty"`
	Section    string   `json:"section,omitempty"`
	Text       string   `json:"text"`
	Themes     []string `json:"themes"`
	Annotation *Annote  `json:"annotation,omitempty"`
}

// Annote is a responsibility note.
type Annote struct {
	Leaders   []string `json:"leaders,omitempty"`
	LeadUnits []string `json:"lead_units,omitempty"`
	CoUnits   []string `json:"co_units,omitempty"`
	Deadline  string   `json:"deadline,omitempty"`
	// Other are the label/value pairs of labels planportal does not map.
	Other []Pair `json:"other,omitempty"`
	Text  string `json:"text"`
}

// Pair is a label and its value.
type Pair struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Target is a quantitative target, in the passage at Anchor (its URL: as an Item's).
type Target struct {
	Anchor     string  `json:"anchor"`
	Subject    string  `json:"subject"`
	SubjectID  string  `json:"subject_id,omitempty"`
	Comparator string  `json:"comparator"`
	Value      float64 `json:"value"`
	ValueText  string  `json:"value_text"`
	Unit       string  `json:"unit"`
	Year       int     `json:"year,omitempty"`
	Clause     string  `json:"clause"`
}

func annote(a *content.Annotation) *Annote {
	if a == nil {
		return nil
	}
	n := &Annote{Leaders: a.Leaders, LeadUnits: a.LeadUnits, CoUnits: a.CoUnits, Deadline: a.Deadline, Text: a.Text}
	for _, p := range a.Other() {
		n.Other = append(n.Other, Pair{p.Label, p.Value})
	}
	return n
}

// metaOf is a document's metadata.
func metaOf(s *site.Site, d *content.Document) Meta {
	m := d.Meta
	out := Meta{
		Slug: d.Slug, URL: abs(s, d.URL), DataURL: abs(s, urls.DocData(d.URL)), Title: m.Title, Agency: m.Agency,
		Region: m.Region, Province: m.Province, Published: m.Published.String(), Written: m.Written.String(),
		DocNumber: m.DocNumber, IndexNumber: m.IndexNumber, Category: m.Category, Nature: nature(m),
		Source: m.Source, SourceName: m.SourceName, Inferred: m.Inferred, Summary: m.Summary, Themes: nonNil(s.Analysis(d).Themes()), Citation: Citation(s, d, ""),
	}
	if m.Original() {
		// An excerpt or a report has no disclosure fields of its own: its page shows none,
		// and neither does its data (the registry's defaults would otherwise speak for it).
		out.Validity, out.Disclosure = m.Validity, m.Disclosure
	}
	return out
}

// docOf is a document's own JSON file.
func docOf(s *site.Site, d *content.Document) Doc {
	an := s.Analysis(d)
	out := Doc{Meta: metaOf(s, d), Sections: []Section{}, Items: []Item{}, Targets: []Target{}}
	var sections func([]*content.Section)
	sections = func(list []*content.Section) {
		for _, sec := range list {
			out.Sections = append(out.Sections, Section{Anchor: sec.Anchor, Heading: sec.Heading, Level: sec.Level, Annotation: annote(sec.Annotation)})
			sections(sec.Sections)
		}
	}
	for _, p := range d.Parts() {
		if p.Anchor != "" {
			out.Sections = append(out.Sections, Section{Anchor: p.Anchor, Heading: p.Title, Level: 0})
		}
		sections(p.Sections)
	}
	d.Passages(func(p content.Passage) {
		it := Item{Anchor: p.Anchor(), Text: p.Text(),
			Themes: nonNil(an.PassageThemes(p.Anchor())), Annotation: annote(p.Annotation())}
		if p.Item != nil {
			it.Number = p.Item.Number
		}
		if n := len(p.Sections); n > 0 {
			it.Section = p.Sections[n-1].Anchor
		}
		out.Items = append(out.Items, it)
	})
	for _, t := range an.Targets() {
		out.Targets = append(out.Targets, Target{Anchor: t.Anchor, Subject: t.Subject, SubjectID: t.SubjectSlug,
			Comparator: t.Comparator, Value: t.Value, ValueText: t.ValueText, Unit: t.Unit, Year: int(t.Year), Clause: t.Clause})
	}
	return out
}

// nature is a document's 文本性质, 原件 where its front matter does not say.
func nature(m content.Meta) string {
	if m.Nature == "" {
		return content.NatureOriginal
	}
	return m.Nature
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func abs(s *site.Site, u string) string { return absBase(s) + u }

// absBase is what abs puts before a site-relative URL: the site's base URL without its final /.
func absBase(s *site.Site) string { return strings.TrimSuffix(s.Config.BaseURL, "/") }

// Field describes a CSV column: datapackage.json's table schema is made from these lists, so
// the files and their description cannot drift apart.
type Field struct {
	Name, Type, Title, Description string
	// Pattern constrains a string column (Table Schema constraints.pattern).
	Pattern string
}

// statedDate is the column of a date as the source states it: a day, or only a month or a
// year (金坛's plan says 2025 and no more). Table Schema's date type takes whole days only, so
// the column is a string of ISO 8601 form and says so; empty where the source is silent.
func statedDate(name, title string) Field {
	return Field{name, "string", title, "as the source states it, ISO 8601: YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only that; empty: not stated (未注明)",
		`^\d{4}(-\d{2}(-\d{2})?)?$`}
}

// ItemFields are the columns of items.csv: one row per passage.
var ItemFields = []Field{
	{"document", "string", "文件", "document slug (file name without .md)", ""},
	{"title", "string", "标题", "document title", ""},
	{"agency", "string", "发布机构", "issuing agency", ""},
	{"region", "string", "地区", "region", ""},
	statedDate("published", "发布日期"),
	{"nature", "string", "文本性质", "原件 (the document itself), 摘录 (an excerpt) or 报道 (a report about the agency's plan, not published by it)", ""},
	{"anchor", "string", "锚点", "the passage's id on its document's page", ""},
	{"url", "string", "网址", "the passage's URL", ""},
	{"number", "string", "条目编号", "item number (empty for a paragraph)", ""},
	{"section", "string", "所属章节", "anchor of the innermost enclosing section", ""},
	{"text", "string", "条目内容", "the passage's text without its responsibility note", ""},
	{"themes", "string", "主题", "theme slugs, separated by ;", ""},
	{"leaders", "string", "负责领导", "leaders the note names (分管领导, 牵头负责人 …), separated by ;", ""},
	{"lead_units", "string", "责任单位", "lead or responsible units (责任科室, 牵头单位 …), separated by ;", ""},
	{"co_units", "string", "配合单位", "cooperating units (配合单位 …), separated by ;", ""},
	{"deadline", "string", "完成时限", "deadline as written (完成时限 …)", ""},
	{"annotation", "string", "责任标注", "the whole note as written, brackets and markup removed", ""},
}

// IndicatorFields are the columns of indicators.csv: one row per target.
var IndicatorFields = []Field{
	{"document", "string", "文件", "document slug", ""},
	{"title", "string", "标题", "document title", ""},
	{"region", "string", "地区", "region", ""},
	statedDate("published", "发布日期"),
	{"nature", "string", "文本性质", "原件, 摘录 or 报道, as in items.csv", ""},
	{"anchor", "string", "锚点", "id of the passage the target is in", ""},
	{"url", "string", "网址", "URL of the passage", ""},
	{"subject", "string", "指标", "what is measured, as written", ""},
	{"subject_id", "string", "指标分类", "the configured subject (config.toml [[subjects]]) it belongs to, or empty", ""},
	{"comparator", "string", "比较", "≥ ≤ = ≈ > < for a level; + or − for a change", ""},
	{"value", "number", "数值", "the value (the lower end of a range)", ""},
	{"value_text", "string", "数值原文", "the value as written (5—10 for a range)", ""},
	{"unit", "string", "单位", "unit as written (%, ‰, 个, 名/10万人 …); empty when the text gives none", ""},
	{"year", "string", "目标年份", "target year stated in the sentence, or empty", ""},
	{"themes", "string", "主题", "theme slugs the target is listed under (those of its passage it is about), separated by ;", ""},
	{"clause", "string", "原文", "the clause the target was read from", ""},
}

// UnitFields are the columns of units.csv: one row per unit or leader and passage naming it.
var UnitFields = []Field{
	{"agency", "string", "发布机构", "the agency the unit belongs to", ""},
	{"kind", "string", "类别", "unit or leader", ""},
	{"name", "string", "名称", "unit or leader name as written", ""},
	{"unit_url", "string", "单位页面", "URL of the unit's page", ""},
	{"role", "string", "职责", "leaders, lead_units or co_units: how the note names it", ""},
	{"document", "string", "文件", "document slug", ""},
	{"anchor", "string", "锚点", "id of the item or section", ""},
	{"url", "string", "网址", "URL of the item or section", ""},
	{"deadline", "string", "完成时限", "the note's deadline, if any", ""},
}

func join(s []string) string { return strings.Join(s, ";") }

func itemRows(s *site.Site, row func([]string) error) error {
	for _, h := range s.Documents {
		d, err := s.Body(h)
		if err != nil {
			return err
		}
		an := s.Analysis(d)
		d.Passages(func(p content.Passage) {
			if err != nil {
				return
			}
			num, sec := "", ""
			if p.Item != nil {
				num = p.Item.Number
			}
			if n := len(p.Sections); n > 0 {
				sec = p.Sections[n-1].Anchor
			}
			var leaders, lead, co []string
			deadline, note := "", ""
			if a := p.Annotation(); a != nil {
				leaders, lead, co, deadline, note = a.Leaders, a.LeadUnits, a.CoUnits, a.Deadline, a.Text
			}
			err = row([]string{d.Slug, d.Meta.Title, d.Meta.Agency, d.Meta.Region, d.Meta.Published.String(), nature(d.Meta),
				p.Anchor(), abs(s, urls.Passage(d.URL, p.Anchor())), num, sec, p.Text(), join(an.PassageThemes(p.Anchor())),
				join(leaders), join(lead), join(co), deadline, note})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func indicatorRows(s *site.Site, row func([]string) error) error {
	for _, ind := range s.Indicators.Indicators {
		d, t := ind.Doc, ind.Target
		year := ""
		if t.Year > 0 {
			year = strconv.Itoa(int(t.Year))
		}
		if err := row([]string{d.Slug, d.Meta.Title, d.Meta.Region, d.Meta.Published.String(), nature(d.Meta), t.Anchor,
			abs(s, ind.URL()), t.Subject, t.SubjectSlug, t.Comparator, strconv.FormatFloat(t.Value, 'f', -1, 64), t.ValueText,
			t.Unit, year, join(ind.Themes()), t.Clause}); err != nil {
			return err
		}
	}
	return nil
}

func unitRows(s *site.Site, row func([]string) error) error {
	for _, u := range s.Units {
		for _, e := range u.Entries {
			if err := row([]string{u.Agency, u.Kind, u.Name, abs(s, u.URL), e.Role, e.Doc.Slug, e.Anchor, abs(s, e.URL), e.Deadline}); err != nil {
				return err
			}
		}
	}
	return nil
}
