package bench

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/build"
)

func TestParseOnly(t *testing.T) {
	for _, s := range []string{"", "all", " all "} {
		if only, err := ParseOnly(s); err != nil || only != nil {
			t.Errorf("ParseOnly(%q) = %v, %v: want every measurement", s, only, err)
		}
	}
	only, err := ParseOnly("search, render")
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Only: only}
	for phase, want := range map[string]bool{"full": true, "search": true, "replica": true, "render": true, "noop": false, "edit": false, "dev": false, "peers": false} {
		if o.runs(phase) != want {
			t.Errorf("--only search,render: runs(%q) = %v", phase, !want)
		}
	}
	// A replica's start can be measured without the load test.
	only, _ = ParseOnly("replica")
	if o := (Options{Only: only}); !o.runs("replica") || o.runs("search") || !o.runs("full") {
		t.Errorf("--only replica: %v", only)
	}
	if _, err := ParseOnly("full,serach"); err == nil || !strings.Contains(err.Error(), `"serach"`) {
		t.Errorf("a misspelt measurement is not named in an error: %v", err)
	}
}

// A run that skipped measurements (--only full,search) shows them as not made, not as zero,
// and its growth line has no ratio of zeros.
func TestReportSkipped(t *testing.T) {
	full := func(name string, docs int, wall time.Duration) *Result {
		r := &Result{Name: name, Docs: docs, Build: Run{Wall: wall, CPU: 2 * wall, MaxRSS: int64(docs) << 20, LoadAvg: "1.50", Others: 0.25}}
		r.Stats.Documents, r.Stats.Pages = docs, int64(10*docs)
		d := wall / 10
		r.Stats.Timings = build.Timings{Load: d, Analyse: d, Render: d, Index: d, Minify: d, Tag: d, Targets: d}
		r.OutputBytes, r.IndexBytes = int64(docs)<<18, int64(docs)<<16
		return r
	}
	results := []*Result{full("bundled", 19, time.Second), full("5000 plans", 5000, 100*time.Second), full("50000 plans", 50000, 1100*time.Second)}
	results[1].Search = Load{Requests: 2000, Clients: 8, Mix: 42, P50: 5 * time.Millisecond, P99: 30 * time.Millisecond}
	results[2].Search = Load{Requests: 2000, Clients: 8, Mix: 42, P50: 8 * time.Millisecond, P99: 60 * time.Millisecond}
	rep := Report(results, "c", "bench", Peers{})
	for _, bad := range []string{"NaN", "Inf", "| 0.00 s |"} {
		if strings.Contains(rep, bad) {
			t.Errorf("report shows %q for a measurement not made:\n%s", bad, rep)
		}
	}
	for _, want := range []string{
		"| 50000 plans | 50000 | 0.0 MB | 1100.00 s | 2200.00 s | 0.25 cores, 1.50 | – | 110.00 s |",
		"full build 11.00x (its CPU 11.00x), render only –, peak RSS 10.00x, output 10.00x, index size 10.00x, search p50 1.60x, p99 2.00x, tagging 11.00x",
	} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q:\n%s", want, rep)
		}
	}
	if strings.Count(rep, "| bundled |") != 1 {
		t.Errorf("the bundled build, not load-tested, has a search row:\n%s", rep)
	}
}

// The side-by-side table splits the peers' output into Hugo's pages and Pagefind's index, as
// planportal's is split into pages and index, and compares CPU as well as wall time.
func TestPeerTable(t *testing.T) {
	r := &Result{Name: "2000 plans", Docs: 2000, Build: Run{Wall: 20 * time.Second, CPU: 30 * time.Second, MaxRSS: 750e6},
		OutputBytes: 244e6, IndexBytes: 104e6,
		Peer: PeerRun{Hugo: Run{Wall: 4 * time.Second, CPU: 6 * time.Second, MaxRSS: 440e6},
			Pagefind: Run{Wall: 36 * time.Second, CPU: 54 * time.Second, MaxRSS: 4e9}, Output: 100e6, Index: 43e6}}
	got := peerTable([]*Result{{Name: "bundled"}, r})
	want := "| 2000 plans | 4.00 s | 36.00 s | 40.00 s | 20.00 s | 0.50x | 6.00 s / 54.00 s / 30.00 s, 0.50x | 440.0 MB / 4000.0 MB / 750.0 MB | 57.0 MB + 43.0 MB / 244.0 MB + 104.0 MB |"
	if !strings.Contains(got, want) {
		t.Errorf("peer table:\n%s\nlacks\n%s", got, want)
	}
	if strings.Contains(got, "| bundled |") {
		t.Errorf("a corpus the peers did not build has a row:\n%s", got)
	}
}

// A run whose last corpus fails returns the corpora measured before it, and leaves no corpus
// or output behind. The "binary" is a script: it writes the stats of a build of the bundled
// content and fails on a generated corpus.
func TestRunAllKeepsWhatWasMeasured(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in binary is a shell script")
	}
	work := t.TempDir()
	bin := filepath.Join(work, "fake-planportal")
	script := `#!/bin/sh
case "$*" in *corpus-*) echo "killed" >&2; exit 1;; esac
while [ $# -gt 0 ]; do if [ "$1" = --stats ]; then mkdir -p "$(dirname "$2")"; printf '{"documents": 19, "pages": 40}' > "$2"; fi; shift; done
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	only, _ := ParseOnly("full")
	o := Options{Bin: bin, Root: filepath.Join("..", ".."), Sizes: []int{2}, Seed: 1, WorkDir: filepath.Join(work, "w"), Log: io.Discard, Only: only}
	os.MkdirAll(o.WorkDir, 0o755)
	results, err := RunAll(o)
	if err == nil || !strings.Contains(err.Error(), "2 plans") || !strings.Contains(err.Error(), "killed") {
		t.Errorf("the failed corpus is not named in the error: %v", err)
	}
	if len(results) != 1 || results[0].Name != "bundled" || results[0].Docs != 19 || results[0].Build.Wall <= 0 {
		t.Fatalf("the bundled build measured before the failure is lost: %+v", results)
	}
	if left, _ := os.ReadDir(o.WorkDir); len(left) != 0 {
		t.Errorf("left behind in the work directory: %v", left)
	}
}

// A run removes what it measured only when it ends: the corpus measured first and its output
// are still there while the next corpus is built (removing them just before would time the
// file system's scan past the inodes they freed, not the build; see cleanup), and nothing is
// left once the run is over. The stand-in binary notes, when it builds the second corpus,
// whether the first one's corpus and output are still there.
func TestRunAllRemovesWhenDone(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in binary is a shell script")
	}
	work := t.TempDir()
	w := filepath.Join(work, "w")
	seen := filepath.Join(work, "seen")
	bin := filepath.Join(work, "fake-planportal")
	script := `#!/bin/sh
case "$*" in *corpus-3*)
  for d in corpus-2 out-2-plans; do if [ -d "` + w + `/$d" ]; then echo "$d kept"; else echo "$d gone"; fi; done >> "` + seen + `";;
esac
while [ $# -gt 0 ]; do if [ "$1" = --stats ]; then mkdir -p "$(dirname "$2")"; printf '{"documents": 2, "pages": 4}' > "$2"; fi
  if [ "$1" = --dest ]; then mkdir -p "$2"; echo page > "$2/index.html"; fi; shift; done
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	only, _ := ParseOnly("full")
	o := Options{Bin: bin, Root: filepath.Join("..", ".."), Sizes: []int{2, 3}, Seed: 1, WorkDir: w, Log: io.Discard, Only: only}
	os.MkdirAll(o.WorkDir, 0o755)
	results, err := RunAll(o)
	if err != nil || len(results) != 3 {
		t.Fatalf("RunAll: %v, %d results", err, len(results))
	}
	b, err := os.ReadFile(seen)
	if err != nil {
		t.Fatalf("the second corpus was never built: %v", err)
	}
	if got := strings.Fields(string(b)); !slices.Equal(got, []string{"corpus-2", "kept", "out-2-plans", "kept"}) {
		t.Errorf("while the second corpus was built: %q (want the first corpus and its output kept)", b)
	}
	if left, _ := os.ReadDir(o.WorkDir); len(left) != 0 {
		t.Errorf("left behind in the work directory: %v", left)
	}
}

// The tagging line sets tagging's CPU time beside the build's CPU time (not its wall time),
// and its CPU per MB of Markdown at the last two corpora, when the builds' timings are CPU
// time; without per-thread clocks it says it compares wall time.
func TestReportTaggingLikeForLike(t *testing.T) {
	corpus := func(name string, docs int, md int64, cpu, tag time.Duration, clock string) *Result {
		r := &Result{Name: name, Docs: docs, SourceBytes: md, Build: Run{Wall: cpu / 2, CPU: cpu}}
		r.Stats.Documents = docs
		r.Stats.Timings = build.Timings{Tag: tag, TagClock: clock}
		return r
	}
	for _, c := range []struct {
		clock string
		want  []string
	}{
		{"thread CPU", []string{
			"Tagging (CPU time of its calls, each worker thread's own clock) at 5000 plans: 8.00 s, 5.0% of the full build's CPU time (160.00 s); " +
				"per MB of Markdown 80.0 ms at 1000 plans, 80.0 ms at 5000 plans (1.00x: linear when near 1.00x).",
			"Tagging and targets are the CPU time of their calls"}},
		{"wall", []string{
			"Tagging (wall time summed over the workers: no per-thread CPU clock on this system) at 5000 plans: 8.00 s, 10.0% of the full build's wall time.",
			"wall time summed over the workers that do them"}},
	} {
		results := []*Result{corpus("bundled", 19, 4e5, time.Second, 40*time.Millisecond, c.clock),
			corpus("1000 plans", 1000, 2e7, 32*time.Second, 1600*time.Millisecond, c.clock),
			corpus("5000 plans", 5000, 1e8, 160*time.Second, 8*time.Second, c.clock)}
		rep := Report(results, "c", "bench", Peers{})
		for _, want := range c.want {
			if !strings.Contains(rep, want) {
				t.Errorf("%s: report lacks %q:\n%s", c.clock, want, rep)
			}
		}
	}
}

// The builds' CPU time by stage is a table of its own, with each stage's growth from the
// corpus before the last; left out for builds that did not record it.
func TestReportStageCPU(t *testing.T) {
	corpus := func(name string, docs int, k time.Duration) *Result {
		r := &Result{Name: name, Docs: docs, Build: Run{Wall: 10 * k, CPU: 16 * k, Sys: 4 * k}}
		r.Stats.Documents = docs
		r.Stats.Timings.CPU = build.StageCPU{Load: k, Analyse: 2 * k, Render: 10 * k, Index: 2 * k, Publish: k / 2}
		return r
	}
	results := []*Result{corpus("1000 plans", 1000, time.Second), corpus("2000 plans", 2000, 2*time.Second),
		corpus("5000 plans", 5000, 5*time.Second)}
	results[2].Stats.Timings.CPU.Render = 60 * time.Second
	rep := Report(results, "c", "bench", Peers{})
	for _, want := range []string{
		"| 1000 plans | 1.00 s | 2.00 s | 10.00 s | 2.00 s | 0.50 s | 16.00 s | 4.00 s |",
		"| 5000 plans | 5.00 s | 10.00 s | 60.00 s | 10.00 s | 2.50 s | 80.00 s | 20.00 s |",
		"CPU time by stage, 2000 plans to 5000 plans: load 2.50x, analyse 2.50x, render 3.00x, index 2.50x.",
	} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q:\n%s", want, rep)
		}
	}
	for _, r := range results {
		r.Stats.Timings.CPU = build.StageCPU{}
	}
	if rep := Report(results, "c", "bench", Peers{}); strings.Contains(rep, "by stage") {
		t.Errorf("a stage table without stage CPU times:\n%s", rep)
	}
}

// The stages' costs: a row per stage and one for the whole build, with user and system time,
// collections, the collector's and the scavenger's CPU time and the heap live after, and
// the memory limit on the first row; per plan, the largest corpus over the one before it.
// Left out for builds that did not record them.
func TestReportStageCosts(t *testing.T) {
	cost := func(k time.Duration, cycles uint64) build.StageCost {
		return build.StageCost{User: 3 * k, Sys: k, GCCycles: cycles, GC: k, Scavenge: k / 10, Live: uint64(k.Milliseconds()) * 1e6}
	}
	corpus := func(name string, docs int, k time.Duration) *Result {
		r := &Result{Name: name, Docs: docs, Build: Run{Wall: 10 * k, CPU: 16 * k, Sys: 4 * k}}
		r.Stats.Documents = docs
		r.Stats.Timings.Stages = build.StageCosts{Load: cost(k, 1), Analyse: cost(2*k, 2), Render: cost(10*k, 10), Index: cost(2*k, 4), Publish: cost(k/2, 0)}
		r.Stats.Timings.MemoryLimit, r.Stats.Timings.LiveAfterAnalysis = 250e6*int64(k/time.Second), 100e6*int64(k/time.Second)
		return r
	}
	results := []*Result{corpus("1000 plans", 1000, time.Second), corpus("2000 plans", 2000, 2*time.Second),
		corpus("5000 plans", 5000, 5*time.Second)}
	results[2].Stats.Timings.Stages.Render.Sys = 100 * time.Second // 2x the linear 50 s
	rep := Report(results, "c", "bench", Peers{})
	for _, want := range []string{
		"| corpus | stage | user | system | GC cycles | GC CPU | scavenger CPU | live heap after | memory limit (live after analysis) |",
		"| 1000 plans | load | 3.00 s | 1.00 s | 1 | 1.00 s | 0.10 s | 1000.0 MB | 250.0 MB (100.0 MB) |",
		"| 2000 plans | render | 60.00 s | 20.00 s | 10 | 20.00 s | 2.00 s | 20000.0 MB |  |",
		"| 5000 plans | all | 232.50 s | 127.50 s | 17 | 77.50 s | 7.75 s | 2500.0 MB |  |",
		"Per plan, 5000 plans over 2000 plans (user / system / collector's CPU time): load 1.00x / 1.00x / 1.00x, analyse 1.00x / 1.00x / 1.00x, render 1.00x / 2.00x / 1.00x, index 1.00x / 1.00x / 1.00x, all 1.00x / 1.65x / 1.00x.",
	} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q:\n%s", want, rep)
		}
	}
	for _, r := range results {
		r.Stats.Timings.Stages = build.StageCosts{}
	}
	if rep := Report(results, "c", "bench", Peers{}); strings.Contains(rep, "GC cycles") || strings.Contains(rep, "Per plan") {
		t.Errorf("a table of stage costs without them:\n%s", rep)
	}
}
