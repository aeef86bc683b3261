package render_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/internal/cputime"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
)

// renderWith renders s with r into a fresh temporary directory and returns its pages.
func renderWith(t *testing.T, r *render.Renderer, s *site.Site) map[string]string {
	t.Helper()
	out := t.TempDir()
	if _, err := r.Render(s, &render.DirOutput{Dir: out}, nil); err != nil {
		t.Fatal(err)
	}
	return readPages(t, out)
}

// samePages checks that the pages made from the templates minified once (got) are the pages
// each minified after it was executed (want): the minifier run over a page of got gives the
// page of want byte for byte. So the two differ only in what the minifier removes or spells
// otherwise (whitespace that does not render, &#43; for +); a space that renders, a line of a
// <pre>, a word, anything else missing from or added to got would be missing from or added to
// its minified page too. And got, all pages together, is no bigger than want but for 0.05%.
func samePages(t *testing.T, got, want map[string]string) {
	t.Helper()
	m := render.NewMinifier()
	var nGot, nWant, same int
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: not rendered", name)
			continue
		}
		nGot, nWant = nGot+len(g), nWant+len(w)
		if g == w {
			same++
		}
		mg, err := m.String("text/html", g)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if mg != w {
			i := 0
			for i < len(mg) && i < len(w) && mg[i] == w[i] {
				i++
			}
			t.Errorf("%s: minified again, differs from the page minified whole at byte %d:\n got %q\nwant %q",
				name, i, mg[max(0, i-60):min(len(mg), i+60)], w[max(0, i-60):min(len(w), i+60)])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d pages, want %d", len(got), len(want))
	}
	if nGot > nWant+nWant/2000 {
		t.Errorf("pages total %d bytes, minified whole %d: more than 0.05%% bigger", nGot, nWant)
	}
	t.Logf("%d pages, %d byte for byte the same; %d bytes, minified whole %d", len(want), same, nGot, nWant)
}

// TestTemplatesMinifiedOnce: the fixture's and the bundled site's pages, made from the default
// theme's templates minified once and written as executed, are those the minifier made of each
// page (samePages).
func TestTemplatesMinifiedOnce(t *testing.T) {
	for _, tc := range []struct {
		name string
		load func(*testing.T) (*config.Config, *site.Site)
	}{
		{"fixture", func(t *testing.T) (*config.Config, *site.Site) { return loadSite(t, fixtureDir) }},
		{"bundled", func(t *testing.T) (*config.Config, *site.Site) { return loadBundled(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, s := tc.load(t)
			once, err := render.New(cfg, themeDir)
			if err != nil {
				t.Fatal(err)
			}
			if once.Fallback != nil {
				t.Fatalf("the default theme falls back to minifying each page: %v", once.Fallback)
			}
			perPage, err := render.NewPerPage(cfg, themeDir)
			if err != nil {
				t.Fatal(err)
			}
			samePages(t, renderWith(t, once, s), renderWith(t, perPage, s))
		})
	}
}

// TestTemplateMinifyFallback: a theme with a template the minifier cannot read (a script that
// is not JavaScript, in a template no page uses) is read as written and each page minified,
// as before; the reason names the template, in Chinese first.
func TestTemplateMinifyFallback(t *testing.T) {
	cfg, s := loadSite(t, fixtureDir)
	theme := filepath.Join(t.TempDir(), "theme")
	if err := os.CopyFS(theme, os.DirFS(themeDir)); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(theme, "layouts", "partials", "broken.html")
	if err := os.WriteFile(broken, []byte(`{{define "unused"}}<script>var = ;</script>{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := render.New(cfg, theme)
	if err != nil {
		t.Fatal(err)
	}
	if r.Fallback == nil {
		t.Fatal("no fallback for a theme whose template cannot be minified")
	}
	if msg := r.Fallback.Error(); !strings.HasPrefix(msg, "主题模板") || !strings.Contains(msg, "broken.html") {
		t.Errorf("fallback reason %q: want it in Chinese first, naming broken.html", msg)
	}
	want, err := render.NewPerPage(cfg, themeDir)
	if err != nil {
		t.Fatal(err)
	}
	got, wantPages := renderWith(t, r, s), renderWith(t, want, s)
	for name, w := range wantPages {
		if got[name] != w {
			t.Errorf("%s: the fallback's page differs from the page minified whole", name)
		}
	}
}

// TestComparePublicDirs runs samePages over two built sites, to check a corpus by hand:
// PLANPORTAL_COMPARE_WANT is public/ as built with pages minified whole (before templates were
// minified once, or with a theme that falls back), PLANPORTAL_COMPARE_GOT the same site built
// now. Skipped without them.
func TestComparePublicDirs(t *testing.T) {
	want, got := os.Getenv("PLANPORTAL_COMPARE_WANT"), os.Getenv("PLANPORTAL_COMPARE_GOT")
	if want == "" || got == "" {
		t.Skip("PLANPORTAL_COMPARE_WANT and PLANPORTAL_COMPARE_GOT are not set")
	}
	samePages(t, readPages(t, got), readPages(t, want))
}

// discardOutput throws the files away: a benchmark of making pages, not of writing them.
type discardOutput struct{}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

func (discardOutput) Create(string) (io.WriteCloser, error) { return nopWriteCloser{io.Discard}, nil }

// BenchmarkTemplatesMinifiedOnce renders the bundled site with the templates minified once and
// with each page minified (NewPerPage), one after the other in each iteration, so that both
// see the same load on a shared machine, and reports the CPU time of each (both cores
// together) and their ratio. The files are thrown away: the file system's time, which varies
// more than the minifier's from run to run, is left out. $PLANPORTAL_BENCH_SITE (a
// `planportal gencorpus` output) is rendered instead of the bundled site when it is set.
func BenchmarkTemplatesMinifiedOnce(b *testing.B) {
	cfg, s := loadBundled(b)
	if dir := os.Getenv("PLANPORTAL_BENCH_SITE"); dir != "" {
		cfg, s = load(b, dir, true)
	}
	once, err := render.New(cfg, themeDir)
	if err != nil {
		b.Fatal(err)
	}
	perPage, err := render.NewPerPage(cfg, themeDir)
	if err != nil {
		b.Fatal(err)
	}
	cpuOf := func(r *render.Renderer) int64 {
		c := cputime.Process()
		if _, err := r.Render(s, discardOutput{}, nil); err != nil {
			b.Fatal(err)
		}
		return cputime.Process() - c
	}
	var cOnce, cPerPage int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			cPerPage += cpuOf(perPage)
			cOnce += cpuOf(once)
		} else {
			cOnce += cpuOf(once)
			cPerPage += cpuOf(perPage)
		}
	}
	b.ReportMetric(float64(cOnce)/1e6/float64(b.N), "once-cpu-ms/op")
	b.ReportMetric(float64(cPerPage)/1e6/float64(b.N), "perpage-cpu-ms/op")
	b.ReportMetric(float64(cOnce)/float64(cPerPage), "once/perpage")
}
