package build

import (
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
