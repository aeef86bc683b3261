package build

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// minHeapLimit is the least memory limit limitHeap sets: below it (a site of a few hundred
// plans) the collector's extra work would buy little, and the index's shards being written
// would be what the limit squeezes.
const minHeapLimit = 512 << 20

// limitHeap sets the Go runtime's soft memory limit to factor times the heap live now (after
// a collection), and not below floor, unless a lower limit is already set ($GOMEMLIMIT); it
// returns the func that puts the previous limit back, and the limit in force. A build calls it
// after analysis, when what stays live to the end (content, analysis, the site's lists) is
// known: the render then adds about half of it (the row cache, the pages in flight; the
// peak live heap at 5,000 plans is about 1.5x the heap after analysis), but with GOGC alone
// the runtime kept 1.9-2x the live heap resident (the heap goal, free spans not yet given
// back, garbage in partly used spans). Near the limit the collector runs sooner and the
// scavenger gives free memory back. The limit is soft: if the live heap outgrew it, the
// runtime would let the heap pass it rather than collect without end (its collector is held
// to half the CPU), so a factor well above the render's growth only costs collections.
func limitHeap(factor float64, floor int64) (restore func(), limit int64) {
	prev := debug.SetMemoryLimit(-1)
	if factor <= 0 {
		return func() {}, prev
	}
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	f := factor * float64(live[0].Value.Uint64())
	limit = math.MaxInt64
	if f < float64(math.MaxInt64) {
		limit = int64(f)
	}
	limit = max(limit, floor)
	if limit >= prev {
		return func() {}, prev
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }, limit
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
