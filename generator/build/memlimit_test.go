package build

import (
	"math"
	"runtime"
	"runtime/debug"
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
	restore, limit := limitHeap(2, 1)
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
	restore, limit = limitHeap(2, 1<<40)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 || limit != 1<<40 {
		t.Errorf("limit %d (said %d), want the floor 1 TiB", got, limit)
	}
	restore()

	// A lower limit already set is kept (a factor of 1,000 asks for more than 32 MiB of any
	// live heap), and so is it after restore.
	debug.SetMemoryLimit(32 << 20)
	restore, limit = limitHeap(1000, 1)
	if got := debug.SetMemoryLimit(-1); got != 32<<20 || limit != 32<<20 {
		t.Errorf("limit %d (said %d), want the one already set, 32 MiB", got, limit)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != 32<<20 {
		t.Errorf("limit after restore %d, want 32 MiB", got)
	}

	// No factor: nothing changes.
	debug.SetMemoryLimit(math.MaxInt64)
	restore, _ = limitHeap(0, 1)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d with factor 0, want none", got)
	}
	restore()
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
