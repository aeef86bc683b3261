package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// build --memory-limit and $PLANPORTAL_MEMORYLIMIT: a size that cannot be read, or one below
// the least limit (64 MiB), is a usage error naming where it was written and what; a limit
// set lets the build succeed, and the process's limit is put back afterwards.
func TestBuildMemoryLimit(t *testing.T) {
	code, _, errs := runCLI(t, "build", "--source", repoRoot, "--dest", filepath.Join(t.TempDir(), "public"), "--memory-limit", "four")
	if code != 2 || !strings.Contains(errs, "--memory-limit") || !strings.Contains(errs, `"four"`) {
		t.Errorf("--memory-limit four: exit %d, stderr %q; want 2 and a message naming the flag and the value", code, errs)
	}
	t.Setenv("PLANPORTAL_MEMORYLIMIT", "4TB")
	code, _, errs = runCLI(t, "build", "--source", repoRoot, "--dest", filepath.Join(t.TempDir(), "public"))
	if code != 2 || !strings.Contains(errs, "$PLANPORTAL_MEMORYLIMIT") || !strings.Contains(errs, `"4TB"`) {
		t.Errorf("PLANPORTAL_MEMORYLIMIT=4TB: exit %d, stderr %q; want 2 and a message naming the variable and the value", code, errs)
	}

	// 10 MB is below the least limit: refused before the build starts, naming it. The flag
	// wins over the variable (still set to a size that cannot be read).
	code, _, errs = runCLI(t, "build", "--source", repoRoot, "--dest", filepath.Join(t.TempDir(), "public"), "--memory-limit", "10MB")
	if code != 2 || !strings.Contains(errs, "--memory-limit") || !strings.Contains(errs, `"10MB"`) || !strings.Contains(errs, "64 MiB") {
		t.Errorf("--memory-limit 10MB: exit %d, stderr %q; want 2 and a message naming the flag, the value and the least limit (64 MiB)", code, errs)
	}
	before := debug.SetMemoryLimit(-1)
	tmp := t.TempDir()
	code, out, errs := runCLI(t, "build", "--source", repoRoot, "--dest", filepath.Join(tmp, "public"), "--index", filepath.Join(tmp, "search.bleve"), "--memory-limit", "64MiB")
	if code != 0 {
		t.Fatalf("build --memory-limit 64MiB exited %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if strings.Contains(errs, "0.00 GiB") || strings.Contains(errs, "0.06 GiB") {
		t.Errorf("stderr %q: a size shown as a fraction of a GiB", errs)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("memory limit after the build %d, want the one before, %d", after, before)
	}
}

// build --stats: each stage's costs (user and system time, collections, the collector's CPU
// time, the heap live after it), which make up its CPU time, and the memory limit the build
// set after analysis with the heap live then.
func TestBuildStatsStages(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "stats.json")
	code, out, errs := runCLI(t, "build", "--source", repoRoot, "--dest", filepath.Join(tmp, "public"), "--index", filepath.Join(tmp, "search.bleve"), "--stats", file)
	if code != 0 {
		t.Fatalf("build --stats exited %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var stats struct {
		Timings struct {
			CPU                            map[string]int64
			Stages                         map[string]map[string]int64
			MemoryLimit, LiveAfterAnalysis int64
		}
	}
	if err := json.Unmarshal(b, &stats); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	tm := stats.Timings
	for _, stage := range []string{"Load", "Analyse", "Render", "Index", "Publish"} {
		c, ok := tm.Stages[stage]
		for _, f := range []string{"user", "sys", "gc_cycles", "gc", "scavenge", "live"} {
			if _, has := c[f]; !has {
				t.Errorf("stats: stage %s without %q: %s", stage, f, b)
			}
		}
		if ok && c["user"]+c["sys"] != tm.CPU[stage] {
			t.Errorf("stats: stage %s: user %d + system %d ns, its CPU time %d", stage, c["user"], c["sys"], tm.CPU[stage])
		}
	}
	if tm.Stages["Render"]["gc_cycles"] == 0 || tm.Stages["Index"]["live"] == 0 {
		t.Errorf("stats: no collection in the render or no live heap after the index: %s", b)
	}
	if os.Getenv("GOMEMLIMIT") == "" && (tm.LiveAfterAnalysis <= 0 || tm.MemoryLimit < tm.LiveAfterAnalysis) {
		t.Errorf("stats: memory limit %d for %d live after analysis", tm.MemoryLimit, tm.LiveAfterAnalysis)
	}
}
