package render_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/internal/sitetest"
)

// dataSite: notes, targets, a paragraph and a sub-item across two plans of two agencies.
const dataSite = indicatorsSite + `-- content/plans/c.md --
+++
title = "丙县2025年卫生健康工作要点"
agency = "丙县卫生健康局"
region = "丙县"
published = "2025-02-01"
doc_number = "丙卫发〔2025〕3号"
+++

这是一段足够长的引言段落，说明本年度卫生健康工作的总体要求和主要目标。

## 一、基层卫生

1. 推进医养结合，建成中心村卫生室2家。（**分管领导：张三；责任科室：基层科**）

（1）完成老年人健康体检。（牵头单位：基层科；配合单位：办公室；完成时限：2025年6月底前）

2. 做好信访工作。**(分管领导：李四；责任科室：办公室)**
`

// readCSV reads a CSV file of the open data: name.csv.zip, the zip archive that holds
// name.csv and nothing else (unzipped), or a CSV file.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".zip") {
		b = unzipOne(t, path, b)
	}
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Errorf("%s does not start with the UTF-8 byte order mark", path)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// unzipOne is the one file of the zip archive b (read from path), which must be named as the
// archive without .zip and deflated.
func unzipOne(t *testing.T, path string, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	want := strings.TrimSuffix(filepath.Base(path), ".zip")
	if len(zr.File) != 1 || zr.File[0].Name != want || zr.File[0].Method != zip.Deflate {
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		t.Fatalf("%s holds %v, want %s alone, deflated", path, names, want)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	out, err := io.ReadAll(rc) // checks the CRC-32 at the end
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

var (
	pageIDRE  = regexp.MustCompile(` id="?([^" >]+)"?`)
	dataRefRE = regexp.MustCompile(`href="?(/data/plans/[^" >]+\.json)"?`)
	h1RE      = regexp.MustCompile(`<h1>(.*?)</h1>`)
	ldRE      = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)
	citeRE    = regexp.MustCompile(`^(.+)\. (.+?)(?:: (.+))?\[EB/OL\]\. \((\d{4}-\d{2}-\d{2})\)\[引用日期\]\. (https?://\S+)\.$`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
)

type jsonDoc struct {
	Slug, URL, Title, Agency, Published, Citation string
	DataURL                                       string `json:"data_url"`
	Items                                         []struct {
		Anchor, Text string
		Annotation   *struct {
			Leaders   []string
			LeadUnits []string `json:"lead_units"`
			CoUnits   []string `json:"co_units"`
			Deadline  string
		}
	}
	Targets []struct {
		Anchor, Subject, Comparator, Unit string
		ValueText                         string `json:"value_text"`
	}
}

// The exports parse (JSON, CSV with a real parser) and say what the pages say: every
// document, item, note, target and unit of the data is on the pages, and each document page
// links to its own JSON file, whose metadata is its entry of plans.json: the catalogue lists
// every document once and leaves sections, items and targets to the document's own file.
func TestDataAgreesWithPages(t *testing.T) {
	cfg, s := loadSite(t, sitetest.Write(t, dataSite))
	out := renderSite(t, cfg, s, themeDir)
	pages := readPages(t, out)
	base := strings.TrimSuffix(cfg.BaseURL, "/")
	page := func(u string) string {
		t.Helper()
		h, ok := pages[strings.TrimPrefix(strings.TrimPrefix(u, base), "/")+"index.html"]
		if !ok {
			t.Fatalf("no page for %s", u)
		}
		return h
	}
	ids := func(h string) map[string]bool {
		m := map[string]bool{}
		for _, x := range pageIDRE.FindAllStringSubmatch(h, -1) {
			m[x[1]] = true
		}
		return m
	}
	text := func(h string) string { return tagRE.ReplaceAllString(h, "") }

	var plans struct{ Documents []map[string]json.RawMessage }
	readJSON(t, filepath.Join(out, "data", "plans.json"), &plans)
	if len(plans.Documents) != 3 {
		t.Fatalf("plans.json has %d documents, want the 3 of the fixture", len(plans.Documents))
	}
	notes, n := 0, 0
	for _, entry := range plans.Documents {
		var d jsonDoc
		b, _ := json.Marshal(entry)
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		url, _, _ := strings.Cut(d.URL, "#")
		h := page(url)
		if m := h1RE.FindStringSubmatch(h); m == nil || m[1] != d.Title {
			t.Errorf("%s: title %q, page says %v", d.Slug, d.Title, m)
		}
		// The page links its own JSON: its entry of plans.json, with the sections, items and
		// targets that the catalogue leaves to it.
		m := dataRefRE.FindStringSubmatch(h)
		if m == nil || base+m[1] != d.DataURL {
			t.Fatalf("%s: page links %v, want %s", d.Slug, m, d.DataURL)
		}
		for _, k := range []string{"sections", "items", "targets"} {
			if _, ok := entry[k]; ok {
				t.Errorf("%s: plans.json repeats the document's %s, which its own file holds", d.Slug, k)
			}
		}
		var own map[string]json.RawMessage
		readJSON(t, filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(m[1], "/"))), &own)
		for k, v := range own {
			switch k {
			case "sections", "items", "targets":
				continue
			}
			if !bytes.Equal(v, entry[k]) {
				t.Errorf("%s: its JSON file says %s = %s, plans.json %s", d.Slug, k, v, entry[k])
			}
		}
		if len(own) != len(entry)+3 {
			t.Errorf("%s: its JSON file has %d fields, plans.json %d and no sections, items or targets", d.Slug, len(own), len(entry))
		}
		d = jsonDoc{}
		b, _ = json.Marshal(own)
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		// An item's or a target's URL is the document's and its anchor (the page has the
		// anchor as an id: below), which the file does not repeat for each.
		for _, k := range []string{"items", "targets"} {
			var list []map[string]json.RawMessage
			if err := json.Unmarshal(own[k], &list); err != nil {
				t.Fatal(err)
			}
			for _, x := range list {
				if u, ok := x["url"]; ok {
					t.Errorf("%s: %s entry %s repeats the document's url and its anchor as url %s", d.Slug, k, x["anchor"], u)
					break
				}
			}
		}
		n += len(d.Items)
		pageIDs, pageText := ids(h), text(h)
		for _, it := range d.Items {
			if !pageIDs[it.Anchor] || !strings.Contains(pageText, it.Text) {
				t.Errorf("%s#%s: item %q not on the page", d.Slug, it.Anchor, it.Text)
			}
			if a := it.Annotation; a != nil {
				notes++
				for _, n := range append(append(append([]string{}, a.Leaders...), a.LeadUnits...), a.CoUnits...) {
					if !strings.Contains(pageText, n) {
						t.Errorf("%s#%s: note names %s, the page does not", d.Slug, it.Anchor, n)
					}
				}
			}
		}
		for _, tg := range d.Targets {
			row := "<td>" + tg.Subject + "<td>" + tg.Comparator + " " + tg.ValueText + tg.Unit + "<td>"
			if !strings.Contains(h, row) || !strings.Contains(h, `href="#`+tg.Anchor+`"`) {
				t.Errorf("%s: target %+v not in the page's 指标一览", d.Slug, tg)
			}
		}
		// The citation on the page is the data's, in GB/T 7714 form.
		if !strings.Contains(h, d.Citation) {
			t.Errorf("%s: citation %q not on the page", d.Slug, d.Citation)
		}
		if c := citeRE.FindStringSubmatch(d.Citation); c == nil || c[1] != d.Agency || c[2] != d.Title || c[4] != d.Published || c[5] != d.URL {
			t.Errorf("%s: citation %q is not agency. title[EB/OL]. (date)[引用日期]. url.", d.Slug, d.Citation)
		}
	}
	if notes != 3 {
		t.Errorf("%d items with notes in the documents' JSON files, want the fixture's 3", notes)
	}

	// items.csv (in items.csv.zip): one row per passage of the documents' JSON files, each on its page.
	items := readCSV(t, filepath.Join(out, "data", "items.csv.zip"))
	if len(items)-1 != n {
		t.Errorf("items.csv has %d rows, the documents' JSON files %d items", len(items)-1, n)
	}
	col := func(header []string, name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, header)
		return -1
	}
	ui, ti, li := col(items[0], "url"), col(items[0], "text"), col(items[0], "lead_units")
	for _, r := range items[1:] {
		u, anchor, _ := strings.Cut(r[ui], "#")
		h := page(u)
		if !ids(h)[anchor] || !strings.Contains(text(h), r[ti]) {
			t.Errorf("items.csv row %s not on its page", r[ui])
		}
		for _, unit := range strings.Split(r[li], ";") {
			if unit != "" && !strings.Contains(text(h), unit) {
				t.Errorf("items.csv row %s: lead unit %s not on its page", r[ui], unit)
			}
		}
	}

	// indicators.csv (in indicators.csv.zip): the rows of /indicators/.
	ind := readCSV(t, filepath.Join(out, "data", "indicators.csv.zip"))
	var csvRows, pageRows []string
	si, ci, vi, ni := col(ind[0], "subject"), col(ind[0], "comparator"), col(ind[0], "value_text"), col(ind[0], "unit")
	for _, r := range ind[1:] {
		csvRows = append(csvRows, r[si]+"|"+r[ci]+" "+r[vi]+r[ni])
	}
	for _, r := range rows(t, pages["indicators/index.html"]) {
		f := strings.Split(r, "|")
		pageRows = append(pageRows, f[0]+"|"+f[1])
	}
	sort.Strings(csvRows)
	sort.Strings(pageRows)
	if strings.Join(csvRows, "\n") != strings.Join(pageRows, "\n") || len(csvRows) == 0 {
		t.Errorf("indicators.csv:\n%s\n/indicators/:\n%s", strings.Join(csvRows, "\n"), strings.Join(pageRows, "\n"))
	}

	// units.csv (in units.csv.zip): every row's unit page lists the row's item.
	units := readCSV(t, filepath.Join(out, "data", "units.csv.zip"))
	uu, iu := col(units[0], "unit_url"), col(units[0], "url")
	if len(units) < 6 {
		t.Errorf("units.csv has %d rows; the fixture names 6 units and leaders in notes", len(units)-1)
	}
	for _, r := range units[1:] {
		if h := page(r[uu]); !strings.Contains(h, `href="`+strings.TrimPrefix(r[iu], base)+`"`) {
			t.Errorf("units.csv: %s does not list %s", r[uu], r[iu])
		}
	}
	checkDataPackage(t, filepath.Join(out, "data"))
}

// The document page's schema.org metadata parses and has the properties Legislation needs,
// with the page's values.
func TestJSONLD(t *testing.T) {
	cfg, s := loadSite(t, sitetest.Write(t, dataSite))
	pages := readPages(t, renderSite(t, cfg, s, themeDir))
	h := pages["plans/c/index.html"]
	m := ldRE.FindStringSubmatch(h)
	if m == nil {
		t.Fatal("no JSON-LD on the document page")
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	want := map[string]string{
		"@context": "https://schema.org", "@type": "Legislation", "name": "丙县2025年卫生健康工作要点",
		"legislationIdentifier": "丙卫发〔2025〕3号", "datePublished": "2025-02-01", "url": cfg.BaseURL + "plans/c/", "inLanguage": "zh-CN",
	}
	for k, v := range want {
		if ld[k] != v {
			t.Errorf("JSON-LD %s = %v, want %s", k, ld[k], v)
		}
	}
	for _, k := range []string{"author", "legislationPassedBy"} {
		org, _ := ld[k].(map[string]any)
		if org["@type"] != "GovernmentOrganization" || org["name"] != "丙县卫生健康局" {
			t.Errorf("JSON-LD %s = %v", k, ld[k])
		}
	}
	enc, _ := ld["encoding"].([]any)
	if len(enc) != 1 || !strings.HasSuffix(enc[0].(map[string]any)["contentUrl"].(string), "/data/plans/c.json") {
		t.Errorf("JSON-LD encoding %v, want the document's JSON", ld["encoding"])
	}
	// Each item offers its citation, without script and without a tab stop of its own: the
	// text, shown on the item a link leads to (:target).
	if !strings.Contains(h, `<p class="cite">引用本条：<span class="citation">丙县卫生健康局. 丙县2025年卫生健康工作要点: 第2条[EB/OL]. (2025-02-01)[引用日期]. `+cfg.BaseURL+"plans/c/#s1-i2.</span>") {
		t.Errorf("item 2 offers no citation")
	}
}

// TestTablesZipped: the corpus-wide CSV files are published each in a zip archive of its own,
// the one a plan page links to, that Windows' Explorer opens (deflate, an ASCII name, no
// ZIP64 or encryption: version 2.0 to extract), made the same byte for byte from the same
// content: its file dated the newest published date the front matter states, not the time of
// the build.
func TestTablesZipped(t *testing.T) {
	dir := sitetest.Write(t, dataSite)
	cfg, s := loadSite(t, dir)
	out := renderSite(t, cfg, s, themeDir)
	cfg2, s2 := loadSite(t, dir)
	again := renderSite(t, cfg2, s2, themeDir)
	var newest time.Time
	for _, d := range s.Documents {
		p := d.Meta.Published
		if t := time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.FixedZone("CST", 8*3600)); !p.IsZero() && t.After(newest) {
			newest = t
		}
	}
	h := readPages(t, out)["plans/c/index.html"]
	for _, name := range []string{"items", "indicators", "units"} {
		file := "data/" + name + ".csv.zip"
		if !strings.Contains(h, `href="/`+file+`"`) && !strings.Contains(h, `href=/`+file+` `) {
			t.Errorf("plans/c/: no link to /%s", file)
		}
		a, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(again, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two renders of the same content", file)
		}
		zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, f := range zr.File {
			if f.ReaderVersion > 20 || f.Flags&0x1 != 0 || f.Name != name+".csv" {
				t.Errorf("%s: %s needs version %d to extract, flags %#x", file, f.Name, f.ReaderVersion, f.Flags)
			}
			if !f.Modified.Equal(newest) {
				t.Errorf("%s: %s modified %v, want %v, the newest published date of the content", file, f.Name, f.Modified, newest)
			}
		}
		if rows := readCSV(t, filepath.Join(out, filepath.FromSlash(file))); len(rows) < 2 {
			t.Errorf("%s: %d rows", file, len(rows))
		}
	}
}
