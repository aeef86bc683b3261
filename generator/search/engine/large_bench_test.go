package engine_test

import (
	"context"
	"os"
	"runtime"
	"testing"

	"github.com/planportal/planportal/generator/bench"
	"github.com/planportal/planportal/generator/internal/cputime"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/search/engine"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// benchQueries is the load test's fixed list of queries.
var benchQueries = bench.Queries

// largeIndex opens the index named by PLANPORTAL_BENCH_INDEX (a built generated corpus), or
// skips: the bundled index is too small to show query costs.
func largeIndex(b testing.TB) *engine.Index {
	path := os.Getenv("PLANPORTAL_BENCH_INDEX")
	if path == "" {
		b.Skip("set PLANPORTAL_BENCH_INDEX to a built index (planportal gencorpus + build)")
	}
	cfg, _ := searchtest.Bundled(b)
	ix, err := bleveindex.Open(path, search.NewSynonyms(cfg.Search.Synonyms))
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkLargeQueries runs the load test's queries against a large index, one at a time.
func BenchmarkLargeQueries(b *testing.B) {
	ix := largeIndex(b)
	defer ix.Close()
	ctx := context.Background()
	for _, q := range benchQueries {
		if _, err := ix.Search(ctx, search.Request{Q: q}); err != nil {
			b.Fatal(err)
		}
	}
	qs := benchQueries
	if q := os.Getenv("PLANPORTAL_BENCH_QUERY"); q != "" {
		qs = []string{q}
	}
	cpu := cputime.Process()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ix.Search(ctx, search.Request{Q: qs[i%len(qs)]}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
}

// TestLargeQueryCosts logs each query's hits and time on a large index.
func TestLargeQueryCosts(t *testing.T) {
	ix := largeIndex(t)
	defer ix.Close()
	ctx := context.Background()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	sum := 0.0
	for _, q := range benchQueries {
		best := 1e9
		var total uint64
		for i := 0; i < 5; i++ {
			cpu := cputime.Thread()
			resp, err := ix.Search(ctx, search.Request{Q: q})
			if err != nil {
				t.Fatal(err)
			}
			total = resp.Total
			best = min(best, float64(cputime.Thread()-cpu)/1e6)
		}
		sum += best
		t.Logf("%-20s %7d hits %8.2f ms CPU", q, total, best)
	}
	t.Logf("mean %.2f ms CPU", sum/float64(len(benchQueries)))
}

func BenchmarkLargeScan(b *testing.B) {
	ix := largeIndex(b)
	defer ix.Close()
	for _, term := range []string{"儿科", "医共体", "医疗共同体", "ai"} {
		s := engine.NewScan(ix, term)
		b.Run(term, func(b *testing.B) {
			hits, bytes := 0, 0
			for i := 0; i < b.N; i++ {
				txt := s.Text(uint32(i % s.Records()))
				bytes += len(txt)
				hits += s.Count(txt)
			}
			b.ReportMetric(float64(bytes)/float64(b.N), "B/rec")
			b.ReportMetric(float64(s.Pivot()), "pivot")
		})
	}
}
