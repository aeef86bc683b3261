package build

import (
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"

	"github.com/planportal/planportal/generator/msg"
)

// minHeapLimit is the least memory limit limitHeap sets: below it (a site of a few hundred
// plans) the collector's extra work would buy little, and the index's shards being written
// would be what the limit squeezes.
const minHeapLimit = 512 << 20

// needHeapFactor is the least memory limit, as a multiple of the heap live after analysis,
// that a build is given whatever is asked (Options.MemoryLimit): what stays live from then on
// grows by the render's rows and pages in flight (the peak live heap was 1.5x the heap after
// analysis at 5,000 plans, 1.34x at 20,000), and a limit under what is live only makes the
// collector run without end (it is held to half the CPU, and the limit is passed anyway).
const needHeapFactor = 1.5

// systemShare is the share of the machine's memory a build's default limit keeps to, as Hugo
// does (HUGO_MEMORYLIMIT, a quarter of the system's memory unless set): the limit relative to
// the heap alone grew with the site without bound (8.3 GB resident at 50,000 plans).
const systemShare = 4

// DefaultMemoryBudget is the memory a build keeps to when no limit is set (build
// --memory-limit, $PLANPORTAL_MEMORYLIMIT) and the machine's share (systemShare) is more:
// issue 16 asks a 50,000-plan build to stay under 4 GB resident, and the Go runtime's limit
// counts its own memory only, not the binary or the index files mapped while the index is
// written (3.5 GiB is 3.76 GB). At 50,000 plans the share of this machine (6.3 GB) was
// reached in analysis and the render's first minutes, where the heap grew to twice what was
// live (GOGC 100) with nothing to hold it nearer (peak 6.33 GB resident). With the budget the
// same build peaked at 4.65 GB over loading, analysis and the first third of its render (the
// run was stopped there): the heap live after analysis (3.0 GB) needs 1.5 times it, above
// the budget, so that is the render's limit (heapLimit); the budget holds it only once that
// heap is under 2.4 GB.
const DefaultMemoryBudget = 3584 << 20

// memoryBudget is the memory a build keeps to from its start when the user sets no limit:
// DefaultMemoryBudget, or the machine's share (system over systemShare) where that is lower
// (system 0: not known, DefaultMemoryBudget alone).
func memoryBudget(system int64) int64 {
	if system > 0 {
		return min(DefaultMemoryBudget, system/systemShare)
	}
	return DefaultMemoryBudget
}

// heapLimit chooses a build's memory limit from the heap live after analysis: the user's
// limit (user, bytes; 0 for none) if it is at least what the build needs (needHeapFactor
// times live), else that, with raised set; without one, factor times live, at most the
// build's budget (memoryBudget: DefaultMemoryBudget, or the machine's share of system, bytes,
// where lower), at least floor and what the build needs, with raised set when the budget is
// below what the build needs.
func heapLimit(live int64, factor float64, floor, user, system int64) (limit int64, raised bool) {
	need := mulBytes(needHeapFactor, live)
	if user > 0 {
		if user < need {
			return need, true
		}
		return user, false
	}
	budget := memoryBudget(system)
	limit = max(min(mulBytes(factor, live), budget), floor, need)
	return limit, budget < need
}

// mulBytes is f times n, at most math.MaxInt64.
func mulBytes(f float64, n int64) int64 {
	if p := f * float64(n); p < float64(math.MaxInt64) {
		return int64(p)
	}
	return math.MaxInt64
}

// limitHeap sets the Go runtime's soft memory limit (heapLimit) from the heap live now (after
// a collection), unless a lower limit is already set ($GOMEMLIMIT); it returns the func that
// puts the previous limit back, the limit in force, and the heap live when raised is set (the
// user's limit was below what the build needs). A build calls it after analysis, when what
// stays live to the end (content, analysis, the site's lists) is known: the render then adds
// about half of it (the row cache, the pages in flight; the peak live heap at 5,000 plans is
// about 1.5x the heap after analysis), but with GOGC alone the runtime kept 1.9-2x the live
// heap resident (the heap goal, free spans not yet given back, garbage in partly used spans).
// Near the limit the collector runs sooner and the scavenger gives free memory back. The
// limit is soft: if the live heap outgrew it, the runtime would let the heap pass it rather
// than collect without end (its collector is held to half the CPU), so a factor well above
// the render's growth only costs collections. With factor 0 and no user limit nothing is set.
func limitHeap(factor float64, floor, user, system int64) (restore func(), limit, live int64, raised bool) {
	prev := debug.SetMemoryLimit(-1)
	if factor <= 0 && user <= 0 {
		return func() {}, prev, 0, false
	}
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	live = int64(min(sample[0].Value.Uint64(), math.MaxInt64))
	limit, raised = heapLimit(live, factor, floor, user, system)
	return setLimit(limit), min(limit, prev), live, raised
}

// earlyLimit is the memory limit of loading and analysis, before the heap they leave live is
// known (limitHeap sets the limit from then on): the build's default budget (memoryBudget:
// DefaultMemoryBudget, or the machine's share where lower), so that GOGC's heap goal (twice
// what is live) is held to it only where the heap nears it, or the user's limit where it is
// larger, as the user's is never held below what the build needs; where the machine's
// memory is not known (no /proc: Windows, macOS), the user's limit alone if set; 0 (none)
// when the build sets no limit (factor and user 0). At 50,000 plans the build was resident
// at 5.65 GB at the end of analysis under the machine's share (6.3 GB) for 3.0 GB live.
func earlyLimit(factor float64, user, system int64) int64 {
	switch {
	case factor <= 0 && user <= 0:
		return 0
	case system <= 0 && user > 0:
		return user
	}
	return max(memoryBudget(system), user)
}

// setLimit sets the Go runtime's soft memory limit to limit, if above 0 and below the limit
// already in force, and returns the func that puts the previous one back (once; later calls
// do nothing).
func setLimit(limit int64) (restore func()) {
	if limit <= 0 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(-1)
	if limit >= prev {
		return func() {}
	}
	debug.SetMemoryLimit(limit)
	var once sync.Once
	return func() { once.Do(func() { debug.SetMemoryLimit(prev) }) }
}

// SystemMemory is the memory the machine (or the control group the process runs in, if it
// sets less) has, in bytes; 0 where it cannot be read (systems without /proc).
func SystemMemory() int64 {
	var total int64
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil && kb > 0 {
					total = kb << 10
				}
			}
		}
	}
	for _, name := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(name); err == nil {
			if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && (total == 0 || n < total) {
				total = n
			}
		}
	}
	return total
}

// MinMemoryLimit is the least memory limit a user may set (ParseMemory): the heap of loading
// alone passes a lower one, and the collector then runs without end until analysis is over
// (where the machine's memory is not known, the user's limit holds from the start).
const MinMemoryLimit = 64 << 20

// ParseMemory reads a memory size as the user writes it ($PLANPORTAL_MEMORYLIMIT, build
// --memory-limit): a number of GiB (4, 3.5), or a number with a unit, GiB or MiB (G, GB, M and
// MB read the same; case does not matter), at least MinMemoryLimit.
func ParseMemory(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	unit := float64(1 << 30)
	for _, u := range []struct {
		suffix string
		n      float64
	}{{"GIB", 1 << 30}, {"GB", 1 << 30}, {"G", 1 << 30}, {"MIB", 1 << 20}, {"MB", 1 << 20}, {"M", 1 << 20}} {
		if strings.HasSuffix(t, u.suffix) {
			t, unit = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.n
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || !(f*unit >= 1) || f*unit >= math.MaxInt64 {
		return 0, errors.New(msg.T("build.memlimit.bad", s)) // 1e-12 is no limit of 0 bytes
	}
	if n := int64(f * unit); n >= MinMemoryLimit {
		return n, nil
	}
	return 0, errors.New(msg.T("build.memlimit.low", s, MemorySize(MinMemoryLimit)))
}

// MemorySize is n bytes as a message shows it: in GiB with two decimals from 1 GiB, in whole
// MiB below (0.01 GiB said nothing of 10 MiB), in bytes below 1 MiB.
func MemorySize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", (n+1<<19)>>20)
	}
	return fmt.Sprintf("%d B", n)
}

// feedGC sets the collector's GOGC to percent (none if 0) while the index's shards are fed
// (Options.IndexGCPercent). It returns fed, which each shard calls once it has all its records
// (bleveindex.BuildWorkers), and restore: the first call of either puts the setting before
// back. The memory freed is not given back to the OS there (debug.FreeOSMemory, which it
// was while the index was read back from its mapped segments for its parts file, and the
// free memory was counted with them): the shards' segments and the parts file, written next,
// reuse it. Giving it back took 1.27 s of the index phase's 7.71 s of CPU in a profiled
// 2,000-plan build (madvise).
func feedGC(percent int) (fed, restore func()) {
	restore = setGC(percent)
	return restore, restore
}

// setGC sets the collector's GOGC to percent (nothing if 0) and returns the func that puts
// the setting before back; calls after the first do nothing.
func setGC(percent int) (restore func()) {
	if percent <= 0 {
		return func() {}
	}
	prev := debug.SetGCPercent(percent)
	var once sync.Once
	return func() { once.Do(func() { debug.SetGCPercent(prev) }) }
}
