package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

func pool(t *testing.T) (*Pool, *config.Config) {
	t.Helper()
	cfg, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := content.NewLoader(content.Options{}).LoadDir("../..")
	if err != nil {
		t.Fatal(err)
	}
	return NewPool(res.Documents), cfg
}

// TestGenerateValidAndDeterministic: a corpus loads with no errors (unique 文号 and 索引号,
// known themes), plans are about the target size, and the same seed gives the same bytes.
func TestGenerateValidAndDeterministic(t *testing.T) {
	p, cfg := pool(t)
	opt := Options{N: 40, Seed: 7, Themes: cfg.ThemeSlugs()}
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, p, opt); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, p, opt); err != nil {
		t.Fatal(err)
	}
	res, err := content.NewLoader(content.Options{KnownTheme: func(s string) bool { return cfg.ThemeBySlug(s) != nil }}).LoadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("generated corpus has errors:\n%v", res.Errors)
	}
	if len(res.Documents) != 40 {
		t.Fatalf("got %d documents, want 40", len(res.Documents))
	}
	regions := map[string]bool{}
	years := map[string]bool{} // agency and year
	for _, d := range res.Documents {
		regions[d.Meta.Region] = true
		key := fmt.Sprint(d.Meta.Agency, " ", d.Meta.Published.Year())
		if years[key] {
			t.Errorf("%s: %s publishes two plans in one year", d.Path, key)
		}
		years[key] = true
		if n := len(d.AllItems()); n < 10 {
			t.Errorf("%s has only %d items", d.Path, n)
		}
		ea, _ := os.ReadFile(filepath.Join(a, d.Path))
		eb, _ := os.ReadFile(filepath.Join(b, d.Path))
		if string(ea) != string(eb) {
			t.Errorf("%s differs between two runs with the same seed", d.Path)
		}
		if len(ea) < 12000 || len(ea) > 30000 {
			t.Errorf("%s is %d bytes, want about 19 KB", d.Path, len(ea))
		}
	}
	// Each authority publishes one plan a year, as real ones do: 40 plans, 10 authorities.
	if len(regions) != 40/PlansPerAuthority {
		t.Errorf("%d distinct regions in 40 plans, want %d", len(regions), 40/PlansPerAuthority)
	}
}

// TestItemsVary: the items of a corpus are mostly distinct texts, as the items of plans from
// many regions are, and every sentence of them is a sentence of the bundled plans with at
// most its counts and rates changed. Assembling plans from whole pool items (as gencorpus
// did until 2026-12-03) gave 2% distinct items at 200 plans: a search engine measured on it
// worked on a few hundred distinct texts whatever the corpus's size.
func TestItemsVary(t *testing.T) {
	p, cfg := pool(t)
	dir := t.TempDir()
	if err := Generate(dir, p, Options{N: 200, Seed: 3, Themes: cfg.ThemeSlugs()}); err != nil {
		t.Fatal(err)
	}
	res, err := content.NewLoader(content.Options{}).LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	digits := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '#'
			}
			return r
		}, s)
	}
	known := map[string]bool{}
	for _, sec := range p.Sections {
		for _, it := range sec.Items {
			for _, s := range sentences(it.Text) {
				known[digits(s)] = true
			}
		}
	}
	distinct, total := map[string]bool{}, 0
	for _, d := range res.Documents {
		for _, it := range d.AllItems() {
			total++
			distinct[it.Text] = true
			for _, s := range sentences(it.Text) {
				if !known[digits(s)] {
					t.Fatalf("%s item %s: sentence %q is in no bundled plan", d.Path, it.Number, s)
				}
			}
		}
	}
	if share := float64(len(distinct)) / float64(total); share < 0.7 {
		t.Errorf("%d distinct item texts of %d (%.0f%%), want at least 70%%", len(distinct), total, 100*share)
	} else {
		t.Logf("%d distinct item texts of %d (%.0f%%)", len(distinct), total, 100*share)
	}
}
