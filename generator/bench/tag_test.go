package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/internal/cputime"
	"github.com/planportal/planportal/generator/taxonomy"
)

// BenchmarkTagCorpus tags every document of the bundled site and of generated corpora of 250
// and 1,000 plans (made from the bundled plans, as the bench makes its corpora) with the
// site's taxonomy, on one goroutine locked to its thread. cpu-ns/B is the tagging's CPU time
// (the thread's clock where the system has one, wall time elsewhere) per byte of Markdown:
// when tagging is linear it is the same at both sizes. min-cpu-ns/B is the same for the
// cheapest pass over the corpus: other work on the machine only adds to a pass's CPU time
// (cache misses, a core shared), so on a loaded machine the minimum of a few passes is the
// steadier figure to compare. A corpus is made when its sub-benchmark first runs (~5 s for
// 1,000 plans); -short skips the generated ones.
func BenchmarkTagCorpus(b *testing.B) {
	for _, n := range []int{0, 250, 1000} {
		name, src := "bundled", "../.."
		if n > 0 {
			name, src = fmt.Sprintf("plans=%d", n), ""
		}
		var docs []*content.Document
		var tg *taxonomy.Tagger
		var md int64
		b.Run(name, func(b *testing.B) {
			if docs == nil {
				if src == "" && testing.Short() {
					b.Skip("generates a corpus")
				}
				docs, tg, md = tagCorpus(b, src, n)
			}
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.SetBytes(md)
			b.ReportAllocs()
			var spent, least int64
			for i := 0; i < b.N; i++ {
				var pass int64
				for _, d := range docs {
					pass += cputime.Call(func() { tg.Tag(d) }).Nanoseconds()
				}
				if spent += pass; i == 0 || pass < least {
					least = pass
				}
			}
			b.ReportMetric(float64(spent)/float64(b.N)/float64(md), "cpu-ns/B")
			b.ReportMetric(float64(least)/float64(md), "min-cpu-ns/B")
		})
	}
}

// tagCorpus loads the site at src, or one of n plans generated from the bundled site when src
// is "", and returns its documents, a tagger for its taxonomy and the size of its Markdown.
func tagCorpus(b *testing.B, src string, n int) ([]*content.Document, *taxonomy.Tagger, int64) {
	if src == "" {
		src = filepath.Join(b.TempDir(), "site")
		if err := GenerateSite("../..", src, n, 1); err != nil {
			b.Fatal(err)
		}
	}
	cfg, res, err := build.Load(build.Options{Source: src})
	if err != nil || len(res.Errors) > 0 {
		b.Fatal(err, res.Errors)
	}
	var md int64
	for _, d := range res.Documents {
		fi, err := os.Stat(filepath.Join(src, d.Path))
		if err != nil {
			b.Fatal(err)
		}
		md += fi.Size()
	}
	return res.Documents, taxonomy.New(cfg.Themes), md
}
