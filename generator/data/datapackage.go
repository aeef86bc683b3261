package data

import (
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// DataPackage is datapackage.json: a Frictionless Data Package (specs.frictionlessdata.io,
// Data Package v1) describing the other files of /data/ as its resources.
type DataPackage struct {
	Profile     string     `json:"profile"`
	Name        string     `json:"name"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Homepage    string     `json:"homepage"`
	Licenses    []License  `json:"licenses,omitempty"`
	Resources   []Resource `json:"resources"`
}

// License is a data package's licence.
type License struct {
	Name  string `json:"name,omitempty"`
	Title string `json:"title,omitempty"`
	Path  string `json:"path,omitempty"`
}

// Resource is one file of the package.
type Resource struct {
	Profile     string `json:"profile"`
	Name        string `json:"name"`
	Path        string `json:"path"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Format      string `json:"format"`
	MediaType   string `json:"mediatype"`
	Encoding    string `json:"encoding"`
	// Compression is "zip" for a file published in a zip archive (Path ends in .zip): the
	// Data Package recipe "Compression of Resources"; Format, MediaType, Encoding, Dialect
	// and Schema describe the file inside.
	Compression string   `json:"compression,omitempty"`
	Dialect     *Dialect `json:"dialect,omitempty"`
	Schema      *Schema  `json:"schema,omitempty"`
}

// Dialect is a CSV resource's CSV Dialect.
type Dialect struct {
	Delimiter  string `json:"delimiter"`
	LineTerm   string `json:"lineTerminator"`
	QuoteChar  string `json:"quoteChar"`
	Header     bool   `json:"header"`
	DoubleQuot bool   `json:"doubleQuote"`
}

// Schema is a tabular resource's Table Schema.
type Schema struct {
	Fields []SchemaField `json:"fields"`
}

// SchemaField is one column of a Table Schema.
type SchemaField struct {
	Name        string       `json:"name"`
	Type        string       `json:"type"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Constraints *Constraints `json:"constraints,omitempty"`
}

// Constraints are a Table Schema field's constraints.
type Constraints struct {
	Pattern string `json:"pattern,omitempty"`
}

func schema(fs []Field) *Schema {
	s := &Schema{}
	for _, f := range fs {
		sf := SchemaField{Name: f.Name, Type: f.Type, Title: f.Title, Description: f.Description}
		if f.Pattern != "" {
			sf.Constraints = &Constraints{Pattern: f.Pattern}
		}
		s.Fields = append(s.Fields, sf)
	}
	return s
}

var csvDialect = &Dialect{Delimiter: ",", LineTerm: "\r\n", QuoteChar: `"`, Header: true, DoubleQuot: true}

// Package is the site's data package descriptor. Paths are relative to datapackage.json.
func Package(s *site.Site) DataPackage {
	p := DataPackage{
		Profile:     "data-package",
		Name:        "planportal",
		Title:       s.Config.Title + "：开放数据",
		Description: "卫生健康工作要点：文件、条目、责任标注与量化指标。",
		Homepage:    abs(s, urls.Home),
		Resources: []Resource{
			{Profile: "data-resource", Name: "plans", Path: catalogue, Title: "文件", Format: "json", MediaType: jsonType, Encoding: "utf-8",
				Description: "文件目录：每篇文件的元数据，data_url 指向该文件的 JSON（含章节、条目、责任标注与指标）（the catalogue: every document's metadata; data_url leads to its own file with sections, items, annotations and targets）"},
		},
	}
	for _, t := range Tables {
		p.Resources = append(p.Resources, Resource{Profile: "tabular-data-resource", Name: t.Name, Path: t.Path(), Title: t.Title,
			Description: t.Description + "；zip 压缩包内为 " + t.CSV() + "（in a zip archive holding " + t.CSV() + "）",
			Format:      "csv", MediaType: "text/csv", Encoding: "utf-8", Compression: "zip", Dialect: csvDialect, Schema: schema(t.Fields)})
	}
	return p
}
