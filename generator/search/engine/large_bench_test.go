package engine_test

import (
	"context"
	"net/url"
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

// largeIndex opens the index named by PLANPORTAL_BENCH_INDEX (a built generated corpus), or
// skips: the bundled index is too small to show query costs. It returns the load test's mix
// of requests for that index (bench.Mix), or the one query PLANPORTAL_BENCH_QUERY names.
func largeIndex(b testing.TB) (*engine.Index, []search.Request) {
	path := os.Getenv("PLANPORTAL_BENCH_INDEX")
	if path == "" {
		b.Skip("set PLANPORTAL_BENCH_INDEX to a built index (planportal gencorpus + build)")
	}
	cfg, _ := searchtest.Bundled(b)
	ix, err := bleveindex.Open(path, search.NewSynonyms(cfg.Search.Synonyms))
	if err != nil {
		b.Fatal(err)
	}
	if q := os.Getenv("PLANPORTAL_BENCH_QUERY"); q != "" {
		return ix, []search.Request{{Q: q}}
	}
	mix, err := bench.Mix(func(v url.Values) (*search.Response, error) {
		return ix.Search(context.Background(), request(v))
	}, bench.ThemeKeywords(cfg))
	if err != nil {
		b.Fatal(err)
	}
	var reqs []search.Request
	for _, v := range mix {
		reqs = append(reqs, request(v))
	}
	return ix, reqs
}

// request reads a query string of the mix as the server does.
func request(v url.Values) search.Request {
	r := search.Request{Q: v.Get("q")}
	for _, name := range search.FilterNames() {
		if len(v[name]) > 0 {
			if r.Filters == nil {
				r.Filters = map[string][]string{}
			}
			r.Filters[name] = v[name]
		}
	}
	return r
}

// label names a request of the mix in logs.
func label(r search.Request) string {
	s := r.Q
	for _, name := range search.FilterNames() {
		for _, v := range r.Filters[name] {
			s += " " + name + "=" + v
		}
	}
	return s
}

// BenchmarkLargeQueries runs the load test's mix against a large index, one at a time.
func BenchmarkLargeQueries(b *testing.B) {
	ix, qs := largeIndex(b)
	defer ix.Close()
	ctx := context.Background()
	for _, q := range qs {
		if _, err := ix.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cputime.Process()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ix.Search(ctx, qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
}

// TestLargeQueryCosts logs each query's hits and time on a large index.
func TestLargeQueryCosts(t *testing.T) {
	ix, qs := largeIndex(t)
	defer ix.Close()
	ctx := context.Background()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	sum := 0.0
	for _, q := range qs {
		best := 1e9
		var total uint64
		for i := 0; i < 5; i++ {
			cpu := cputime.Thread()
			resp, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			total = resp.Total
			best = min(best, float64(cputime.Thread()-cpu)/1e6)
		}
		sum += best
		t.Logf("%-20s %7d hits %8.2f ms CPU", label(q), total, best)
	}
	t.Logf("mean %.2f ms CPU", sum/float64(len(qs)))
}

func BenchmarkLargeScan(b *testing.B) {
	ix, _ := largeIndex(b)
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
