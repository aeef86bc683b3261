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
// The access date is left as [引用日期] for the reader to fill in.
func Citation(s *site.Site, d *content.Document, anchor string) string {
	m := d.Meta
	var b strings.Builder
	if m.Agency != "" {
		b.WriteString(m.Agency + ". ")
	}
	b.WriteString(m.Title)
	other := m.DocNumber
	if anchor != "" {
		if it := itemAt(d, anchor); it != nil {
			other = "第" + it.Number + "条"
		}
	}
	if other != "" {
		b.WriteString(": " + other)
	}
	b.WriteString("[EB/OL]. ")
	if !m.Published.IsZero() {
		b.WriteString("(" + m.Published.String() + ")")
	}
	b.WriteString("[" + AccessDate + "]. ")
	u := d.URL
	if anchor != "" {
		u = urls.Passage(d.URL, anchor)
	}
	b.WriteString(abs(s, u) + ".")
	return b.String()
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

// LegislationOf is a document's schema.org metadata.
func LegislationOf(s *site.Site, d *content.Document) Legislation {
	m := d.Meta
	org := Organization{Type: "GovernmentOrganization", Name: m.Agency}
	l := Legislation{
		Context: "https://schema.org", Type: "Legislation", Name: m.Title, URL: abs(s, d.URL),
		Identifier: m.DocNumber, Date: m.Written.String(), Published: m.Published.String(), Type2: m.Category,
		Jurisdiction: m.Region, Author: org, PassedBy: org, Language: s.Config.Language, Abstract: m.Summary,
		Encoding: []MediaObject{{Type: "MediaObject", URL: abs(s, urls.DocData(d.URL)), Format: "application/json"}},
		Citation: Citation(s, d, ""),
	}
	for _, t := range s.Analysis(d).Themes() {
		if th := s.Config.ThemeBySlug(t); th != nil {
			l.About = append(l.About, th.Name)
		}
	}
	return l
}

// JSONLD is a document's schema.org metadata as the body of a <script type="application/ld+json">:
// "<" is escaped so that no text in it can end the script.
func JSONLD(s *site.Site, d *content.Document) template.JS {
	b, err := json.Marshal(LegislationOf(s, d))
	if err != nil {
		return "{}"
	}
	return template.JS(strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(string(b)))
}
