package build

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
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
	files, err := outputFiles(o)
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
