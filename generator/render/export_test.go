package render

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/corpus"
	"github.com/planportal/planportal/generator/site"
)

// SetSitemapMax lets tests split the sitemap of a small site: the real limit, SitemapMax
// URLs, takes a site of 50,000 pages to reach.
func SetSitemapMax(r *Renderer, n int) { r.sitemapMax = n }

// SetPageSizes lets tests paginate the index of units and the lists of targets of a small
// site.
func SetPageSizes(r *Renderer, units, indicators int) {
	r.unitsPerPage, r.indicatorsPerPage = units, indicators
}

// NewPerPage is New with the theme's templates read as written and each page minified after
// it is executed: the pages as they were made before templates were minified once.
func NewPerPage(cfg *config.Config, themeDir string) (*Renderer, error) {
	return newRenderer(cfg, themeDir, true)
}

// LoadSite loads the site at dir for a test, its content free of errors and, unless warnings,
// of warnings.
func LoadSite(t testing.TB, dir string, warnings bool) (*config.Config, *site.Site) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	loader := content.NewLoader(content.Options{
		KnownTheme: func(s string) bool { return cfg.ThemeBySlug(s) != nil },
		Unsafe:     cfg.Markup.Unsafe,
	})
	res, err := loader.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("fixture has content errors:\n%v", res.Errors)
	}
	if len(res.Warnings) > 0 && !warnings {
		t.Fatalf("fixture has content warnings:\n%v", res.Warnings)
	}
	return cfg, site.Build(cfg, res.Documents, site.Options{})
}

// GeneratedSite is a site of n plans generated from the bundled ones (gencorpus's
// corpus.Generate, with seed), with the bundled config, loaded as LoadSite does.
func GeneratedSite(t testing.TB, n int, seed int64) (*config.Config, *site.Site) {
	t.Helper()
	bcfg, bundled := LoadSite(t, "../..", true)
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.NewPool(Bodies(t, bundled)), corpus.Options{N: n, Seed: seed, Themes: bcfg.ThemeSlugs()}); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), conf, 0o644); err != nil {
		t.Fatal(err)
	}
	return LoadSite(t, dir, true)
}

// Body is s.Body(d) for a test: d's text as the site gives it; an error fails the test.
func Body(t testing.TB, s *site.Site, d *content.Document) *content.Document {
	t.Helper()
	b, err := s.Body(d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Bodies are the site's documents with their text (Body), in the site's order.
func Bodies(t testing.TB, s *site.Site) []*content.Document {
	out := make([]*content.Document, len(s.Documents))
	for i, d := range s.Documents {
		out[i] = Body(t, s, d)
	}
	return out
}
