package build

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/internal/cputime"
)

// The limit follows the heap live when it is set: factor times it, not below the floor, and
// a lower limit already in force ($GOMEMLIMIT) is kept; the previous limit comes back.
func TestLimitHeap(t *testing.T) {
	orig := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(orig)

	// 64 MiB kept live across the call: the limit must be at least 2x that.
	const held = 64 << 20
	keep := make([]byte, held)
	for i := range keep {
		keep[i] = byte(i)
	}
	restore, limit, _, _ := limitHeap(2, 1, 0, 0)
	got := debug.SetMemoryLimit(-1)
	runtime.KeepAlive(keep)
	if got != limit {
		t.Fatalf("limit in force %d, limitHeap said %d", got, limit)
	}
	// The test binary's own heap is a few MiB: the limit is twice 64 MiB and a bit, not more.
	if limit < 2*held || limit > 2*held+64<<20 {
		t.Errorf("limit %d MiB for 64 MiB held and factor 2, want 128-192 MiB", limit>>20)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit after restore %d, want the previous (none)", got)
	}

	// The floor.
	restore, limit, _, _ = limitHeap(2, 1<<40, 0, 0)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 || limit != 1<<40 {
		t.Errorf("limit %d (said %d), want the floor 1 TiB", got, limit)
	}
	restore()

	// A lower limit already set is kept (a factor of 1,000 asks for more than 32 MiB of any
	// live heap), and so is it after restore.
	debug.SetMemoryLimit(32 << 20)
	restore, limit, _, _ = limitHeap(1000, 1, 0, 0)
	if got := debug.SetMemoryLimit(-1); got != 32<<20 || limit != 32<<20 {
		t.Errorf("limit %d (said %d), want the one already set, 32 MiB", got, limit)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != 32<<20 {
		t.Errorf("limit after restore %d, want 32 MiB", got)
	}

	// No factor: nothing changes.
	debug.SetMemoryLimit(math.MaxInt64)
	restore, _, _, _ = limitHeap(0, 1, 0, 0)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d with factor 0, want none", got)
	}
	restore()
}

// The limit chosen: the user's, raised to what the build needs (1.5x the heap live after
// analysis) when below it; without one, factor times the live heap, at most the budget
// (DefaultMemoryBudget, 3.5 GiB, or a quarter of the machine's memory where lower), at least
// the floor and what the build needs, raised (and said) when the budget is below that.
func TestHeapLimit(t *testing.T) {
	for _, c := range []struct {
		name                string
		live                int64
		factor              float64
		floor, user, system int64
		want                int64
		raised              bool
	}{
		{"relative", 1000 << 20, 2.5, 512 << 20, 0, 0, 2500 << 20, false},
		{"system memory large", 1000 << 20, 2.5, 512 << 20, 0, 64 << 30, 2500 << 20, false},
		{"a quarter of system memory", 1000 << 20, 2.5, 512 << 20, 0, 8 << 30, 2 << 30, false},
		{"the default budget, machine large", 2000 << 20, 2.5, 512 << 20, 0, 64 << 30, 3584 << 20, false},
		{"the default budget, machine unknown", 2000 << 20, 2.5, 512 << 20, 0, 0, 3584 << 20, false},
		{"not below what the build needs", 1000 << 20, 2.5, 512 << 20, 0, 4 << 30, 1500 << 20, true},
		{"budget below what the build needs", 3000 << 20, 2.5, 512 << 20, 0, 64 << 30, 4500 << 20, true},
		{"floor", 1000 << 20, 0.1, 512 << 20, 0, 0, 1500 << 20, false},
		{"floor above need", 1000 << 20, 2.5, 8 << 30, 0, 0, 8 << 30, false},
		{"user above the default", 1000 << 20, 2.5, 512 << 20, 6 << 30, 8 << 30, 6 << 30, false},
		{"user above the budget", 1000 << 20, 2.5, 512 << 20, 5 << 30, 64 << 30, 5 << 30, false},
		{"user below the default", 1000 << 20, 2.5, 512 << 20, 1800 << 20, 0, 1800 << 20, false},
		{"user below need", 1000 << 20, 2.5, 512 << 20, 1 << 30, 0, 1500 << 20, true},
		{"user without a factor", 1000 << 20, 0, 0, 3 << 30, 0, 3 << 30, false},
	} {
		got, raised := heapLimit(c.live, c.factor, c.floor, c.user, c.system)
		if got != c.want || raised != c.raised {
			t.Errorf("%s: limit %d MiB raised %v, want %d MiB raised %v", c.name, got>>20, raised, c.want>>20, c.raised)
		}
	}
}

// Loading and analysis are held to the default budget (DefaultMemoryBudget, 3.5 GiB, or a
// quarter of the machine's memory where lower), or the user's limit where it is larger (the
// user's alone where the machine's memory is not known); nothing when the build sets no limit. setLimit only lowers the limit in force, and puts it
// back once.
func TestEarlyLimit(t *testing.T) {
	for _, c := range []struct {
		factor             float64
		user, system, want int64
	}{
		{2.5, 0, 8 << 30, 2 << 30},
		{2.5, 0, 64 << 30, 3584 << 20}, // a large machine: the default budget
		{2.5, 1 << 30, 8 << 30, 2 << 30},
		{2.5, 3 << 30, 8 << 30, 3 << 30},
		{2.5, 6 << 30, 64 << 30, 6 << 30},
		{0, 3 << 30, 8 << 30, 3 << 30},
		{2.5, 0, 0, 3584 << 20},    // machine's memory unknown (Windows, macOS): the default
		{2.5, 5 << 30, 0, 5 << 30}, // or the user's, if set
		{2.5, 1 << 30, 0, 1 << 30},
		{0, 0, 8 << 30, 0},
	} {
		if got := earlyLimit(c.factor, c.user, c.system); got != c.want {
			t.Errorf("earlyLimit(%v, %d MiB, %d MiB) = %d MiB, want %d MiB", c.factor, c.user>>20, c.system>>20, got>>20, c.want>>20)
		}
	}
	orig := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(orig)
	restore := setLimit(1 << 40)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("limit %d after setLimit(1 TiB), want 1 TiB", got)
	}
	inner := setLimit(2 << 40) // above the limit in force: kept
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("limit %d after setLimit(2 TiB) under 1 TiB, want 1 TiB kept", got)
	}
	inner()
	restore()
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d after restore, want none", got)
	}
}

// A memory size as written: GiB without a unit, GiB or MiB with one; anything else is refused
// with a message naming what was written.
func TestParseMemory(t *testing.T) {
	for in, want := range map[string]int64{"4": 4 << 30, "3.5": 3584 << 20, "4GiB": 4 << 30, "4 gb": 4 << 30, "2G": 2 << 30,
		"3500MiB": 3500 << 20, "512mb": 512 << 20, " 100M ": 100 << 20, "64MiB": 64 << 20, "0.0625": 64 << 20} {
		if got, err := ParseMemory(in); err != nil || got != want {
			t.Errorf("ParseMemory(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "GiB", "4TB", "-1", "0", "four", "NaN", "1e30", "1e-12"} {
		if got, err := ParseMemory(in); err == nil {
			t.Errorf("ParseMemory(%q) = %d, want an error", in, got)
		} else if !(strings.Contains(err.Error(), "内存") || strings.Contains(err.Error(), "memory size")) || !strings.Contains(err.Error(), fmt.Sprintf("%q", in)) {
			t.Errorf("ParseMemory(%q): error %q does not say what was wrong", in, err)
		}
	}
	// A size below MinMemoryLimit (64 MiB) is refused, saying the least there is: the
	// collector would spin from the start of loading (where the machine's memory is not known).
	for _, in := range []string{"10MB", "1MiB", "63MiB", "0.05", "1e-3G"} {
		if got, err := ParseMemory(in); err == nil {
			t.Errorf("ParseMemory(%q) = %d, want an error: below 64 MiB", in, got)
		} else if !strings.Contains(err.Error(), fmt.Sprintf("%q", in)) || !strings.Contains(err.Error(), "64 MiB") {
			t.Errorf("ParseMemory(%q): error %q does not name the value and the least limit (64 MiB)", in, err)
		}
	}
}

// A size in a message shows its figure: MiB below 1 GiB (the raised limit's warning said
// 0.00 GiB of a limit of a few MiB and of a small site's heap), GiB from there.
func TestMemorySize(t *testing.T) {
	for n, want := range map[int64]string{10 << 20: "10 MiB", 100<<20 + 1: "100 MiB", 1023 << 20: "1023 MiB",
		1 << 30: "1.00 GiB", 3584 << 20: "3.50 GiB", 512: "512 B"} {
		if got := MemorySize(n); got != want {
			t.Errorf("MemorySize(%d) = %q, want %q", n, got, want)
		}
	}
}

// The index's GOGC holds from feedGC until the first shard is fed, and the setting before
// comes back, then and after the build: a build that indexes leaves the process's GOGC as it
// found it.
func TestFeedGC(t *testing.T) {
	orig := debug.SetGCPercent(73)
	defer debug.SetGCPercent(orig)
	fed, restore := feedGC(300)
	if got := debug.SetGCPercent(300); got != 300 {
		t.Errorf("GOGC while fed %d, want 300", got)
	}
	fed()
	if got := debug.SetGCPercent(73); got != 73 {
		t.Errorf("GOGC once a shard is fed %d, want 73 back", got)
	}
	debug.SetGCPercent(81) // the second shard's fed, and restore, change nothing more
	fed()
	restore()
	if got := debug.SetGCPercent(73); got != 81 {
		t.Errorf("GOGC after a second fed and restore %d, want 81 left alone", got)
	}
	fed, restore = feedGC(0)
	fed()
	restore()
	if got := debug.SetGCPercent(73); got != 73 {
		t.Errorf("GOGC with no index setting %d, want 73 left alone", got)
	}

	src := copySources(t)
	if _, err := Run(Options{Source: src, IndexGCPercent: 300}); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(73); got != 73 {
		t.Errorf("GOGC after a build with IndexGCPercent 300: %d, want 73", got)
	}
}

// A build with RenderGCPercent leaves the setting it found (setGC, which it uses, is feedGC's:
// TestFeedGC).
func TestRenderGC(t *testing.T) {
	orig := debug.SetGCPercent(73)
	defer debug.SetGCPercent(orig)
	src := copySources(t)
	if _, err := Run(Options{Source: src, RenderGCPercent: 250}); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(73); got != 73 {
		t.Errorf("GOGC after a build with RenderGCPercent 250: %d, want 73", got)
	}
}

// A build's CPU time by stage: the process's, so together at most what the build spent, and
// each stage that does work has some.
func TestStageCPU(t *testing.T) {
	src := copySources(t)
	p0 := cputime.Process()
	res, err := Run(Options{Source: src})
	spent := time.Duration(cputime.Process() - p0)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Timings.CPU
	if cputime.Process() > 0 {
		if c.Load <= 0 || c.Render <= 0 || c.Index <= 0 || c.Analyse < 0 || c.Publish < 0 {
			t.Errorf("a stage without CPU time: %+v", c)
		}
		if sum := c.Load + c.Analyse + c.Render + c.Index + c.Publish; sum > spent {
			t.Errorf("the stages' CPU time %v is more than the build's %v", sum, spent)
		}
	}
}

// A build's costs by stage add up to what the process spent over the build, read here from
// the clocks and the runtime's counters themselves: user and system time, collections and
// the collector's CPU time; each stage's CPU time is its user and system time, and the memory
// limit's collection at the end of analysis counts in the render, which starts with it.
func TestStageCosts(t *testing.T) {
	src := copySources(t)
	read := func() (user, sys time.Duration, cycles uint64, gc time.Duration) {
		u, s := cputime.ProcessSplit()
		m := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}}
		metrics.Read(m)
		return time.Duration(u), time.Duration(s), m[0].Value.Uint64(), time.Duration(m[1].Value.Float64() * 1e9)
	}
	u0, s0, n0, g0 := read()
	res, err := Run(Options{Source: src, HeapLimit: 2.5})
	u1, s1, n1, g1 := read()
	if err != nil {
		t.Fatal(err)
	}
	st := res.Timings.Stages
	sum := st.Sum()
	const tick = 20 * time.Millisecond
	within := func(what string, got, spent, slack time.Duration) {
		if got > spent+time.Millisecond || got < spent-slack {
			t.Errorf("%s: the stages add up to %v, the build spent %v", what, got, spent)
		}
	}
	if cputime.Process() > 0 {
		within("user", sum.User, u1-u0, tick)
		within("system", sum.Sys, s1-s0, tick)
		// The kernel splits a process's time between user and system by sampling ticks, so
		// a small stage may show all of its time as one of them: ask for some of either.
		if st.Render.User+st.Render.Sys <= 0 || st.Index.User+st.Index.Sys <= 0 {
			t.Errorf("a stage that does work without CPU time: %+v", st)
		}
	}
	// A collection may end between the test's reading and the build's; its CPU time is
	// added when it ends.
	if n := n1 - n0; sum.GCCycles > n || sum.GCCycles+1 < n {
		t.Errorf("the stages count %d collections, the build made %d", sum.GCCycles, n)
	} else if sum.GCCycles == n {
		within("collector", sum.GC, g1-g0, time.Millisecond)
	}
	if st.Render.GCCycles == 0 || st.Render.GC <= 0 {
		t.Errorf("the render, which starts with the memory limit's collection, counts none: %+v", st.Render)
	}
	for name, c := range map[string]StageCost{"analyse": st.Analyse, "render": st.Render, "index": st.Index} {
		if c.Live == 0 {
			t.Errorf("no live heap after %s", name)
		}
	}
	if res.Timings.LiveAfterAnalysis <= 0 || res.Timings.MemoryLimit < res.Timings.LiveAfterAnalysis {
		t.Errorf("memory limit %d for %d live after analysis", res.Timings.MemoryLimit, res.Timings.LiveAfterAnalysis)
	}
	if want := st.CPU(); res.Timings.CPU != want {
		t.Errorf("CPU by stage %+v, user and system by stage %+v", res.Timings.CPU, want)
	}
}
