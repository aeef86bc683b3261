package render_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/content"
)

// The bundled plans' open data, judged against their front matter: the data package
// validates (金坛 and 新城区 state only the year 2025, which a column of whole days cannot
// hold), every row dates a document as its source does, and a report about an agency's plan
// (nature 报道) is not presented as the agency's document: no disclosure fields, a citation
// that does not make the agency its author, metadata that is no Legislation of the agency.
func TestBundledData(t *testing.T) {
	cfg, s := loadBundled(t)
	out := renderSite(t, cfg, s, themeDir)
	checkDataPackage(t, filepath.Join(out, "data"))
	pages := readPages(t, out)

	meta := map[string]content.Meta{}
	reports := 0
	for _, d := range s.Documents {
		meta[d.Slug] = d.Meta
		if d.Meta.Nature == content.NatureReport {
			reports++
		}
	}
	if reports == 0 {
		t.Fatal("the bundled content has no report (nature = 报道) to check")
	}

	var plans struct {
		Documents []struct {
			Slug, Agency, Published, Validity, Disclosure, Nature, Citation, URL string
			SourceName                                                           string `json:"source_name"`
		}
	}
	readJSON(t, filepath.Join(out, "data", "plans.json"), &plans)
	if len(plans.Documents) != len(s.Documents) {
		t.Fatalf("plans.json has %d documents, the content %d", len(plans.Documents), len(s.Documents))
	}
	inferred := 0
	for _, d := range plans.Documents {
		m := meta[d.Slug]
		// An agency the source does not state is marked as the editor's on the page.
		h := pages[strings.TrimPrefix(strings.TrimPrefix(d.URL, strings.TrimSuffix(cfg.BaseURL, "/")), "/")+"index.html"]
		if marked := strings.Contains(h, "来源未注明，编者推定"); marked != m.IsInferred("agency") {
			t.Errorf("%s: page marks an inferred value: %v; front matter inferred = %v", d.Slug, marked, m.Inferred)
		}
		if m.IsInferred("agency") {
			inferred++
		}
		if d.Published != m.Published.String() {
			t.Errorf("%s: published %q, the front matter says %q", d.Slug, d.Published, m.Published.String())
		}
		if m.Nature != content.NatureReport {
			continue
		}
		if d.Nature != content.NatureReport || d.SourceName != m.SourceName {
			t.Errorf("%s: nature %q, source_name %q; the front matter says %q, %q", d.Slug, d.Nature, d.SourceName, m.Nature, m.SourceName)
		}
		if d.Validity != "" || d.Disclosure != "" {
			t.Errorf("%s: a report carries disclosure fields (validity %q, disclosure %q) its page does not show", d.Slug, d.Validity, d.Disclosure)
		}
		if strings.HasPrefix(d.Citation, m.Agency+".") {
			t.Errorf("%s: citation %q makes %s the author of a report about it", d.Slug, d.Citation, m.Agency)
		}
		ld := ldRE.FindStringSubmatch(h)
		if ld == nil {
			t.Errorf("%s: no JSON-LD on its page", d.Slug)
			continue
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(ld[1]), &v); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v", d.Slug, err)
			continue
		}
		if v["@type"] == "Legislation" || v["legislationPassedBy"] != nil {
			t.Errorf("%s: JSON-LD presents a report as legislation of %s: %s", d.Slug, m.Agency, ld[1])
		}
		if !strings.Contains(h, d.Citation) {
			t.Errorf("%s: the page does not show the data's citation %q", d.Slug, d.Citation)
		}
	}

	if inferred == 0 {
		t.Error("no bundled document has an inferred agency to check (金坛 and 新城区 should)")
	}

	// items.csv and indicators.csv date each row as plans.json does.
	for _, f := range []string{"items.csv.zip", "indicators.csv.zip"} {
		rows := readCSV(t, filepath.Join(out, "data", f))
		di, pi, ni := -1, -1, -1
		for i, h := range rows[0] {
			switch h {
			case "document":
				di = i
			case "published":
				pi = i
			case "nature":
				ni = i
			}
		}
		if di < 0 || pi < 0 || ni < 0 {
			t.Fatalf("%s: header %v lacks document, published or nature", f, rows[0])
		}
		for _, r := range rows[1:] {
			m := meta[r[di]]
			want := m.Nature
			if want == "" {
				want = content.NatureOriginal
			}
			if r[pi] != m.Published.String() || r[ni] != want {
				t.Errorf("%s: %s dated %q, nature %q; the front matter says %q, %q", f, r[di], r[pi], r[ni], m.Published.String(), want)
				break
			}
		}
	}
}
