package cputime

import (
	"runtime"
	"testing"
	"time"
)

// TestCountsWork: work on a locked thread moves the thread's clock, and the process's by at
// least as much less a tick (the process's clock counts that thread too).
func TestCountsWork(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const work = int64(20 * time.Millisecond)
	p0, t0, start := Process(), Thread(), time.Now()
	for Thread()-t0 < work {
		if time.Since(start) > 20*time.Second {
			t.Fatalf("20 s of spinning added %d ns to the thread's CPU time", Thread()-t0)
		}
	}
	dt, dp := Thread()-t0, Process()-p0
	if dp < dt-int64(10*time.Millisecond) {
		t.Errorf("the thread used %d ns of CPU but the process only %d", dt, dp)
	}
}
