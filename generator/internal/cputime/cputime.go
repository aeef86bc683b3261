// Package cputime reads the CPU time used so far, for benchmarks that report CPU rather than
// wall time: on a shared machine it varies less.
package cputime

import (
	"runtime"
	"time"
)

// Process is the user and system CPU time this process has used so far, in nanoseconds.
func Process() int64 {
	user, sys := processTimes()
	return user + sys
}

// ProcessSplit is Process's two parts: the user and the system CPU time, in nanoseconds. A
// phase that writes files spends much of its time in the kernel (the file system's inode
// allocation, issue 16), which load and the state of the kernel's caches move more than its
// own code.
func ProcessSplit() (user, sys int64) { return processTimes() }

// Thread is the CPU time the calling OS thread has used so far, in nanoseconds (lock the
// goroutine to its thread around a measurement). Where the system has no per-thread clock
// (Windows) it is the process's.
func Thread() int64 {
	if n, ok := threadClock(); ok {
		return n
	}
	return Process()
}

// PerThread reports whether the system has a per-thread CPU clock, which Call reads: Linux,
// macOS and the BSDs do. Windows has GetThreadTimes, but it advances by whole clock ticks
// (15.6 ms by default), longer than most calls measured (a document's tagging takes ~2 ms), so
// Call uses wall time there, as on any other system.
const PerThread = perThread

// Call runs f and returns the CPU time it used, so that the cost of a part of a parallel
// build can be set beside the build's CPU time like for like, whatever else runs on the
// machine. Where the system has a per-thread clock (PerThread) it is the difference of the
// calling thread's CPU clock around f, the goroutine locked to its thread meanwhile (f must
// not start goroutines whose work should count): it includes the garbage collection f's
// allocations were charged with while it ran (assists), not the collector's background
// workers. Elsewhere, or should the clock fail, it is the wall time f took, which also counts
// the time the thread waited for a core.
func Call(f func()) time.Duration {
	if !PerThread {
		start := time.Now()
		f()
		return time.Since(start)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0, ok0 := threadClock()
	start := time.Now()
	f()
	t1, ok1 := threadClock()
	if !ok0 || !ok1 {
		return time.Since(start)
	}
	return time.Duration(t1 - t0)
}
