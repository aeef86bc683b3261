package data

import (
	"encoding/json"
	"html/template"
	"strings"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// AccessDate stands for the date a reader accessed the page, which a citation leaves for
// the reader to fill in.
const AccessDate = "引用日期"

// Citation is the GB/T 7714-2015 reference to a document, or, with an item's anchor, to one
// of its items, as an electronic resource ([EB/OL]):
//
//	海安市卫生健康委员会. 2025年海安市卫生健康工作要点: 海卫健发〔2025〕1号[EB/OL]. (2025-03-04)[引用日期]. https://…/plans/haian-2025/.
//
// The access date is left as [引用日期] for the reader to fill in. A report about an agency's
// plan (nature 报道) is not the agency's: its 责任者 is unknown, which GB/T 7714-2015 (8.1.4)
// writes 佚名, and the work it appeared in (source_name) follows "//" as the host:
//
//	佚名. 2025年安徽省卫生健康工作会议[EB/OL]//各地2025年卫生健康工作会议新闻汇编. (2025-01-17)[引用日期]. https://….
func Citation(s *site.Site, d *content.Document, anchor string) string {
	var it *content.Item
	if anchor != "" {
		it = itemAt(d, anchor)
	}
	return ItemCitation(s, d, anchor, it)
}

// ItemCitation is Citation of the passage at anchor for a caller that has found the item
// there (it; nil where the anchor is no item's): a document page cites each of its items, and
// finding each by its anchor walked every item of the document, for each.
func ItemCitation(s *site.Site, d *content.Document, anchor string, it *content.Item) string {
	return string(AppendItemCitation(nil, s, d, anchor, it))
}

// AppendItemCitation appends ItemCitation to b: a plan page cites each of its items (76,000 at
// 2,000 plans) and writes each citation on into the page, so its parts, the item's absolute
// URL among them, are appended where they go rather than joined into strings first.
func AppendItemCitation(b []byte, s *site.Site, d *content.Document, anchor string, it *content.Item) []byte {
	m := d.Meta
	report := m.Nature == content.NatureReport
	switch {
	case report:
		b = append(b, "佚名. "...)
	case m.Agency != "":
		b = append(append(b, m.Agency...), ". "...)
	}
	b = append(b, m.Title...)
	switch {
	case it != nil:
		b = append(append(append(b, ": 第"...), it.Number...), "条"...)
	case m.DocNumber != "":
		b = append(append(b, ": "...), m.DocNumber...)
	}
	b = append(b, "[EB/OL]"...)
	if report && m.SourceName != "" {
		b = append(append(b, "//"...), m.SourceName...)
	}
	b = append(b, ". "...)
	if !m.Published.IsZero() {
		b = append(append(append(b, "("...), m.Published.String()...), ")"...)
	}
	b = append(append(append(b, "["...), AccessDate...), "]. "...)
	// abs(s, urls.Passage(d.URL, anchor)), or abs(s, d.URL) without an anchor.
	b = append(b, absBase(s)...)
	if anchor != "" {
		b = urls.AppendPassage(b, d.URL, anchor)
	} else {
		b = append(b, d.URL...)
	}
	return append(b, "."...)
}

func itemAt(d *content.Document, anchor string) *content.Item {
	for _, it := range d.AllItems() {
		if it.Anchor == anchor {
			return it
		}
	}
	return nil
}

// Legislation is a document's schema.org metadata (https://schema.org/Legislation), for the
// JSON-LD script of its page.
type Legislation struct {
	Context      string        `json:"@context"`
	Type         string        `json:"@type"`
	Name         string        `json:"name"`
	URL          string        `json:"url"`
	Identifier   string        `json:"legislationIdentifier,omitempty"`
	Date         string        `json:"legislationDate,omitempty"`
	Published    string        `json:"datePublished,omitempty"`
	Type2        string        `json:"legislationType,omitempty"`
	Jurisdiction string        `json:"legislationJurisdiction,omitempty"`
	Author       Organization  `json:"author"`
	PassedBy     Organization  `json:"legislationPassedBy"`
	Language     string        `json:"inLanguage"`
	Abstract     string        `json:"abstract,omitempty"`
	About        []string      `json:"keywords,omitempty"`
	Encoding     []MediaObject `json:"encoding"`
	Citation     string        `json:"citation"`
}

// Organization is a schema.org GovernmentOrganization.
type Organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// MediaObject is a schema.org MediaObject: the document's data.
type MediaObject struct {
	Type   string `json:"@type"`
	URL    string `json:"contentUrl"`
	Format string `json:"encodingFormat"`
}

// Article is the schema.org metadata of a report about an agency's plan (nature 报道): a
// NewsArticle about the agency, part of the work it appeared in, and no legislation: the
// agency did not publish it.
type Article struct {
	Context   string        `json:"@context"`
	Type      string        `json:"@type"`
	Headline  string        `json:"headline"`
	URL       string        `json:"url"`
	Published string        `json:"datePublished,omitempty"`
	About     Organization  `json:"about"`
	IsPartOf  *Work         `json:"isPartOf,omitempty"`
	Language  string        `json:"inLanguage"`
	Abstract  string        `json:"abstract,omitempty"`
	Keywords  []string      `json:"keywords,omitempty"`
	Encoding  []MediaObject `json:"encoding"`
	Citation  string        `json:"citation"`
}

// Work is a schema.org CreativeWork named only: the digest a report appeared in.
type Work struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// Metadata is a document's schema.org metadata: Legislation for a document an agency
// published (or an excerpt of it), Article for a report about its plan.
func Metadata(s *site.Site, d *content.Document) any {
	if d.Meta.Nature != content.NatureReport {
		return LegislationOf(s, d)
	}
	m := d.Meta
	l := LegislationOf(s, d)
	a := Article{Context: l.Context, Type: "NewsArticle", Headline: m.Title, URL: l.URL, Published: l.Published,
		About: Organization{Type: "GovernmentOrganization", Name: m.Agency}, Language: l.Language, Abstract: l.Abstract,
		Keywords: l.About, Encoding: l.Encoding, Citation: l.Citation}
	if m.SourceName != "" {
		a.IsPartOf = &Work{Type: "CreativeWork", Name: m.SourceName}
	}
	return a
}

// LegislationOf is a document's schema.org metadata as Legislation.
func LegislationOf(s *site.Site, d *content.Document) Legislation {
	m := d.Meta
	org := Organization{Type: "GovernmentOrganization", Name: m.Agency}
	l := Legislation{
		Context: "https://schema.org", Type: "Legislation", Name: m.Title, URL: abs(s, d.URL),
		Identifier: m.DocNumber, Date: m.Written.String(), Published: m.Published.String(), Type2: m.Category,
		Jurisdiction: m.Region, Author: org, PassedBy: org, Language: s.Config.Language, Abstract: m.Summary,
		Encoding: []MediaObject{{Type: "MediaObject", URL: abs(s, urls.DocData(d.URL)), Format: jsonType}},
		Citation: Citation(s, d, ""),
	}
	for _, t := range s.Analysis(d).Themes() {
		l.About = append(l.About, s.Config.ThemeName(t))
	}
	return l
}

// scriptSafe escapes what could end a <script> element or open a comment in it, made once.
var scriptSafe = strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`)

// JSONLD is a document's schema.org metadata as the body of a <script type="application/ld+json">:
// "<" is escaped so that no text in it can end the script.
func JSONLD(s *site.Site, d *content.Document) template.JS {
	b, err := json.Marshal(Metadata(s, d))
	if err != nil {
		return "{}"
	}
	return template.JS(scriptSafe.Replace(string(b)))
}
