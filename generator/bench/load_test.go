package bench

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// TestLoadExisting load-tests the search endpoint of a corpus already built with
// `planportal build` (PLANPORTAL_LOAD_SITE: its --source, with public/ and search.bleve/
// inside), served by PLANPORTAL_LOAD_BIN: a quick way to compare query-side changes without
// regenerating and rebuilding a corpus.
func TestLoadExisting(t *testing.T) {
	site, bin := os.Getenv("PLANPORTAL_LOAD_SITE"), os.Getenv("PLANPORTAL_LOAD_BIN")
	if site == "" || bin == "" {
		t.Skip("set PLANPORTAL_LOAD_SITE and PLANPORTAL_LOAD_BIN")
	}
	o := Options{Bin: bin, Clients: 8, Requests: 2000}
	docs, _ := filepath.Glob(filepath.Join(site, "content", "plans", "*.md"))
	for i := 0; i < 3; i++ {
		l, err := loadTest(o, site, filepath.Join(site, "public"), filepath.Join(site, "search.bleve"), len(docs))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("p50 %s p99 %s mean %s %.0f q/s serve CPU %s/request, private %s after, errors %d non-200 %d (mix of %d, load average %s)", msec(l.P50), msec(l.P99), msec(l.Mean), l.QPS, msec(l.ServeCPU), mb(l.Private), l.Errors, l.StatusNon2, l.Mix, l.LoadAvg)
		tails := 0
		for _, r := range l.ByRequest {
			if r.Tail > 0 {
				tails++
			}
		}
		t.Logf("  %d of the %d requests have a send at or over p99; the slowest:", tails, len(l.ByRequest))
		for _, r := range l.ByRequest[:min(5, len(l.ByRequest))] {
			q, _ := url.QueryUnescape(r.Request)
			t.Logf("  %-40s p50 %s p99 %s, %d at or over p99", q, msec(r.P50), msec(r.P99), r.Tail)
		}
	}
}

// TestReplicaExisting times a replica's start on a corpus already built (the same variables
// as TestLoadExisting), as `planportal bench` does after its full build.
func TestReplicaExisting(t *testing.T) {
	site, bin := os.Getenv("PLANPORTAL_LOAD_SITE"), os.Getenv("PLANPORTAL_LOAD_BIN")
	if site == "" || bin == "" {
		t.Skip("set PLANPORTAL_LOAD_SITE and PLANPORTAL_LOAD_BIN")
	}
	docs, _ := filepath.Glob(filepath.Join(site, "content", "plans", "*.md"))
	r, err := measureReplica(Options{Bin: bin}, site, filepath.Join(site, "public"), filepath.Join(site, "search.bleve"), len(docs))
	if err != nil {
		t.Fatal(err)
	}
	t.Log(replicaTable([]*Result{{Name: filepath.Base(site), Docs: len(docs), Replica: r}}))
}
