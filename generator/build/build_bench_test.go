package build

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/data"
	"github.com/planportal/planportal/generator/internal/cputime"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// BenchmarkBuildBundled measures a full build (load, analyse, render, minify, publish) of the
// bundled 19 documents.
func BenchmarkBuildBundled(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := Run(Options{Source: "../..", Dest: dest})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages/op")
	}
}

// BenchmarkLoadBundled measures loading and structure recognition alone.
func BenchmarkLoadBundled(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, res, err := Load(Options{Source: "../.."}); err != nil || len(res.Errors) > 0 {
			b.Fatal(err, res.Errors)
		}
	}
}

// BenchmarkOutputDigest measures what the output check adds to a no-op rebuild: a stat per
// file of a public/ shaped like 5,000 plans' (a page directory each, plus section, theme and
// taxonomy pages: 20,000 files).
func BenchmarkOutputDigest(b *testing.B) {
	src := b.TempDir()
	o := Options{Source: src, NoIndex: true}
	o.defaults()
	for i := 0; i < 5000; i++ {
		dir := filepath.Join(o.Dest, "plans", fmt.Sprintf("plan-%04d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for _, name := range []string{"index.html", "data.json", "items.html", "print.html"} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	files, err := outputFiles(o, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := outputDigest(files); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexCorpus measures the index phase alone (Index: records, analysis, bleve's
// builder, the parts file) of the site at $PLANPORTAL_BENCH_SITE (a `planportal gencorpus`
// output), loaded and analysed once; its bytes are the site's Markdown, so MB/s is Markdown
// indexed per second, and cpu-s/op the CPU time it took. Skipped without the variable.
func BenchmarkIndexCorpus(b *testing.B) {
	src := os.Getenv("PLANPORTAL_BENCH_SITE")
	if src == "" {
		b.Skip("PLANPORTAL_BENCH_SITE is not set")
	}
	o := Options{Source: src}
	cfg, res, err := Load(o)
	if err != nil || len(res.Errors) > 0 {
		b.Fatal(err, res.Errors)
	}
	s := site.Build(cfg, res.Documents, site.Options{})
	var md int64
	err = filepath.Walk(filepath.Join(src, "content"), func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && filepath.Ext(p) == ".md" {
			md += fi.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(md)
	cpuPerRun(b, "index", func(dir string) {
		n, err := Index(dir, s, 0)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "records/op")
	})
}

// cpuPerRun runs f b.N times, each into a fresh directory named name, and reports the CPU
// seconds (both cores together) a run took: the figure to compare while the machine is
// shared; and gc/op, the collections a run took, which unlike its time hardly depends on
// what else runs on the machine. Each collection marks the whole live heap, the site's
// included, so their number times the heap is what the collector costs a run (issue 16: at
// 5,000 plans the build's memory limit, not GOGC, sets how often it runs during the index
// phase). The benchmark runs at the default GOGC and no limit, unless $GOGC or $GOMEMLIMIT
// set them; the build command sets its own (buildGCPercent, buildHeapLimit in package main).
// user-s/op and sys-s/op split the CPU seconds: the system part is the kernel's (the pages
// of a growing heap, the files written), which load and the kernel's caches move more than
// the code does.
//
// Compare runs at the same -benchtime. At 1x the one run reported is the process's first,
// on the heap the load left, as in a build; at Nx the testing package runs f once and then
// N times and reports the N, which reuse the heap the first one grew.
func cpuPerRun(b *testing.B, name string, f func(dir string)) {
	b.ReportAllocs()
	b.ResetTimer()
	var cpu, user, sys int64
	var gcs uint64
	cycles := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), name)
		b.StartTimer()
		metrics.Read(cycles)
		g := cycles[0].Value.Uint64()
		u0, s0 := cputime.ProcessSplit()
		f(dir)
		u1, s1 := cputime.ProcessSplit()
		cpu, user, sys = cpu+u1-u0+s1-s0, user+u1-u0, sys+s1-s0
		metrics.Read(cycles)
		gcs += cycles[0].Value.Uint64() - g
	}
	b.ReportMetric(time.Duration(cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(gcs)/float64(b.N), "gc/op")
	b.ReportMetric(time.Duration(user).Seconds()/float64(b.N), "user-s/op")
	b.ReportMetric(time.Duration(sys).Seconds()/float64(b.N), "sys-s/op")
}

// BenchmarkRenderCorpus measures the render phase alone (every page executed, minified and
// written, the feeds, sitemap and open data) of the site at $PLANPORTAL_BENCH_SITE, loaded and
// analysed once, into a fresh directory as a build writes public/; cpu-s/op is the CPU time
// it took, allocs/op what it allocated (exact from run to run, unlike the time on a shared
// machine). Skipped without the variable.
func BenchmarkRenderCorpus(b *testing.B) {
	src, cfg, res := loadBenchSite(b)
	s := site.Build(cfg, res.Documents, site.Options{})
	rend, err := render.New(cfg, filepath.Join(src, "themes", cfg.Theme))
	if err != nil {
		b.Fatal(err)
	}
	cpuPerRun(b, "public", func(dir string) {
		st, err := rend.Render(s, &render.DirOutput{Dir: dir}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Pages), "pages/op")
	})
}

// BenchmarkLoadCorpus measures the load phase alone (read, front matter, goldmark, structure
// recognition) of the site at $PLANPORTAL_BENCH_SITE; cpu-s/op is the CPU time it took.
// Skipped without the variable.
func BenchmarkLoadCorpus(b *testing.B) {
	src := benchSite(b)
	cpuPerRun(b, "load", func(string) {
		if _, res, err := Load(Options{Source: src}); err != nil || len(res.Errors) > 0 {
			b.Fatal(err, res.Errors)
		}
	})
}

// BenchmarkAnalyseCorpus measures the analyse phase alone (site.Build: listings, tagging,
// targets, theme pages, related plans' index) of the site at $PLANPORTAL_BENCH_SITE, loaded
// once; cpu-s/op is the CPU time it took. Skipped without the variable.
func BenchmarkAnalyseCorpus(b *testing.B) {
	_, cfg, res := loadBenchSite(b)
	cpuPerRun(b, "analyse", func(string) {
		s := site.Build(cfg, res.Documents, site.Options{})
		b.ReportMetric(float64(len(s.Documents)), "docs/op")
	})
}

// BenchmarkRelatedCorpus measures finding every document's related documents (Links.Related,
// which the render asks for on each document page) of the site at $PLANPORTAL_BENCH_SITE,
// loaded and analysed once per run (untimed), one document after another: cpu-us/doc is the
// CPU time per document, and allocs/doc and B/doc what it allocated per document. Run at
// 1,000, 5,000 and 20,000 plans, a cost per document that stays level says the related plans
// grow linearly with the site (issue 16). Skipped without the variable.
func BenchmarkRelatedCorpus(b *testing.B) {
	_, cfg, res := loadBenchSite(b)
	b.ResetTimer()
	var cpu int64
	var ms0, ms1 runtime.MemStats
	docs := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := site.Build(cfg, res.Documents, site.Options{})
		runtime.ReadMemStats(&ms0)
		b.StartTimer()
		u0, s0 := cputime.ProcessSplit()
		found := 0
		for _, d := range s.Documents {
			found += len(s.LinksOf(d).Related())
		}
		u1, s1 := cputime.ProcessSplit()
		b.StopTimer()
		runtime.ReadMemStats(&ms1)
		cpu += u1 - u0 + s1 - s0
		docs += len(s.Documents)
		if found == 0 {
			b.Fatal("no document has a related document")
		}
		b.ReportMetric(float64(found)/float64(len(s.Documents)), "related/doc")
		b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/float64(len(s.Documents)), "allocs/doc")
		b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/float64(len(s.Documents)), "B/doc")
		b.StartTimer()
	}
	b.ReportMetric(time.Duration(cpu).Seconds()*1e6/float64(docs), "cpu-us/doc")
}

// benchSite is $PLANPORTAL_BENCH_SITE; the benchmark is skipped without it.
func benchSite(b *testing.B) string {
	src := os.Getenv("PLANPORTAL_BENCH_SITE")
	if src == "" {
		b.Skip("PLANPORTAL_BENCH_SITE is not set")
	}
	return src
}

// loadBenchSite loads the site at $PLANPORTAL_BENCH_SITE (benchSite).
func loadBenchSite(b *testing.B) (string, *config.Config, *content.Result) {
	src := benchSite(b)
	cfg, res, err := Load(Options{Source: src})
	if err != nil || len(res.Errors) > 0 {
		b.Fatal(err, res.Errors)
	}
	return src, cfg, res
}

// BenchmarkDocDataCorpus measures the documents' own JSON files alone (data.Files but the
// corpus-wide ones: /data/plans/*.json, made and thrown away) of the site at
// $PLANPORTAL_BENCH_SITE, loaded and analysed once; cpu-s/op is the CPU time they took.
// Skipped without the variable.
func BenchmarkDocDataCorpus(b *testing.B) {
	_, cfg, res := loadBenchSite(b)
	s := site.Build(cfg, res.Documents, site.Options{})
	var files []data.File
	for _, f := range data.Files(s) {
		if strings.HasPrefix(f.URL, urls.Data+"plans/") {
			files = append(files, f)
		}
	}
	if len(files) != len(s.Documents) {
		b.Fatalf("%d document files for %d documents", len(files), len(s.Documents))
	}
	cpuPerRun(b, "data", func(string) {
		var n int64
		for _, f := range files {
			w := countWriter{&n}
			if err := f.Gen(w); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)/1e6, "out-MB/op")
	})
}

// countWriter counts what is written to it, and keeps nothing.
type countWriter struct{ n *int64 }

func (w countWriter) Write(p []byte) (int, error) {
	*w.n += int64(len(p))
	return len(p), nil
}
