package render_test

import (
	"archive/zip"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
)

// update rewrites the golden files: go test ./generator/render -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const (
	fixtureDir = "testdata/site"
	goldenDir  = "testdata/golden"
	themeDir   = "../../themes/default"
	// assetsList is the golden file holding the asset names, fingerprints replaced by HASH.
	assetsList = "assets.txt"
)

// loadSite loads a site directory the way build.Load does and assembles the site graph.
func loadSite(t *testing.T, dir string) (*config.Config, *site.Site) {
	t.Helper()
	return load(t, dir, false)
}

// loadBundled loads the bundled site: its content has warnings of its own (海安's source
// leaves a note's bracket open), which the build reports and the tests accept.
func loadBundled(t testing.TB) (*config.Config, *site.Site) {
	t.Helper()
	return load(t, "../..", true)
}

func load(t testing.TB, dir string, warnings bool) (*config.Config, *site.Site) {
	t.Helper()
	return render.LoadSite(t, dir, warnings)
}

// renderSite renders s with the theme at theme into a fresh temporary directory.
func renderSite(t *testing.T, cfg *config.Config, s *site.Site, theme string) string {
	t.Helper()
	r, err := render.New(cfg, theme)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	st, err := r.Render(s, &render.DirOutput{Dir: out}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages == 0 || st.Assets == 0 {
		t.Fatalf("Render stats %+v: want pages and assets", st)
	}
	return out
}

// outputFiles lists the files under dir as sorted slash paths relative to dir.
func outputFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// fingerprintRE matches a fingerprinted asset name: style.1a2b3c4d.css.
var fingerprintRE = regexp.MustCompile(`^(.+)\.([0-9a-f]{8})(\.[^./]+)$`)

// blockTags are the tags the golden formatter starts a new line for.
const blockTags = `html|head|body|header|nav|main|article|section|aside|div|p|h1|h2|h3|ol|ul|li|dl|dt|dd|footer|meta|link|title|table|thead|tbody|tr|form`

var blockTagRE = regexp.MustCompile(`<(?:/?)(?:` + blockTags + `)[\s>/]`)

// formatHTML makes minified HTML reviewable: it inserts a newline before every opening or
// closing block-level tag. It only ever inserts, and inserts unconditionally, so two different
// inputs never format to the same text: comparing formatted text is as strict as comparing
// the minified bytes.
func formatHTML(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range blockTagRE.FindAllStringIndex(s, -1) {
		b.WriteString(s[last:m[0]])
		b.WriteByte('\n')
		last = m[0]
	}
	b.WriteString(s[last:])
	out := b.String()
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	return out
}

// TestGolden renders the fixture site and compares every page, pretty-printed, with
// testdata/golden. Asset fingerprints are replaced by HASH, in file names and in the pages,
// so that a CSS change does not touch the golden files; TestAssetsFingerprinted checks them.
func TestGolden(t *testing.T) {
	cfg, s := loadSite(t, fixtureDir)
	out := renderSite(t, cfg, s, themeDir)

	got := map[string]string{}
	var assets, pages []string
	var replace []string // old, new pairs: real asset URLs to normalised ones
	for _, f := range outputFiles(t, out) {
		switch {
		case strings.HasPrefix(f, "assets/"):
			m := fingerprintRE.FindStringSubmatch(f)
			if m == nil {
				t.Errorf("asset %s is not fingerprinted", f)
				assets = append(assets, f)
				continue
			}
			norm := m[1] + ".HASH" + m[3]
			assets = append(assets, norm)
			replace = append(replace, "/"+f, "/"+norm)
		case strings.HasSuffix(f, ".html"):
			pages = append(pages, f)
		case strings.HasPrefix(f, "data/") && strings.HasSuffix(f, ".zip"):
			// An archive of the open data is compared by what it holds (data/items.csv.zip/items.csv),
			// which a person can read; TestTablesZipped checks the archive itself.
			zr, err := zip.OpenReader(filepath.Join(out, filepath.FromSlash(f)))
			if err != nil {
				t.Fatal(err)
			}
			for _, zf := range zr.File {
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				data, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatalf("%s: %s: %v", f, zf.Name, err)
				}
				got[f+"/"+zf.Name] = string(data)
			}
			zr.Close()
		case strings.HasSuffix(f, ".xml") || f == "robots.txt" || strings.HasPrefix(f, "data/"):
			// Feeds, sitemap, robots.txt and the open data are compared as written.
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
			if err != nil {
				t.Fatal(err)
			}
			got[f] = string(data)
		default:
			t.Errorf("unexpected output file %s", f)
		}
	}
	normalise := strings.NewReplacer(replace...)
	for _, f := range pages {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		got[f] = formatHTML(normalise.Replace(string(data)))
	}
	sort.Strings(assets)
	got[assetsList] = strings.Join(assets, "\n") + "\n"

	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for name, text := range got {
			p := filepath.Join(goldenDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("rewrote %d golden files in %s", len(got), goldenDir)
		return
	}

	want := map[string]bool{}
	for _, f := range outputFiles(t, goldenDir) {
		want[f] = true
		if _, ok := got[f]; !ok {
			t.Errorf("%s: in %s but not rendered (run go test ./generator/render -update if that is intended)", f, goldenDir)
		}
	}
	names := make([]string, 0, len(got))
	for name := range got {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !want[name] {
			t.Errorf("%s: rendered but has no golden file (run go test ./generator/render -update)", name)
			continue
		}
		data, err := os.ReadFile(filepath.Join(goldenDir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != got[name] {
			t.Errorf("%s differs from the golden file (run go test ./generator/render -update and review the diff):\n%s",
				name, lineDiff(string(data), got[name]))
		}
	}
}

// lineDiff describes the first few differing lines of want and got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 5; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

func TestFormatHTML(t *testing.T) {
	in := `<!doctype html><html lang="zh-CN"><head><title>标题</title></head><body><p>一<b>二</b></p><span>三</span></body></html>`
	want := "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<title>标题\n</title>\n</head>\n<body>\n<p>一<b>二</b>\n</p><span>三</span>\n</body>\n</html>\n"
	if got := formatHTML(in); got != want {
		t.Errorf("formatHTML:\n got %q\nwant %q", got, want)
	}
	// <pre> and <progress> must not be taken for <p>.
	if got := formatHTML("<pre>x</pre><progress></progress>"); got != "<pre>x</pre><progress></progress>\n" {
		t.Errorf("formatHTML split a tag that is not in the list: %q", got)
	}
	if a, b := formatHTML("<p>x</p>"), formatHTML("\n<p>x</p>"); a == b {
		t.Errorf("formatHTML maps different inputs to the same text %q", a)
	}
}
