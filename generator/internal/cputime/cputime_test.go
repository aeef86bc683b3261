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

// TestCallCountsCPUNotWaiting: with a per-thread clock, Call counts the CPU a call used, not
// the time it waited (a sleep of 200 ms, the thread parked), and at least the work it did;
// without one it counts the wall time, the sleep included.
func TestCallCountsCPUNotWaiting(t *testing.T) {
	const nap = 200 * time.Millisecond
	slept := Call(func() { time.Sleep(nap) })
	if !PerThread {
		if slept < nap {
			t.Errorf("without a per-thread clock a sleep of %s took %s", nap, slept)
		}
		return
	}
	if slept > nap/4 {
		t.Errorf("a sleep of %s counted %s of CPU", nap, slept)
	}
	const work = 20 * time.Millisecond
	start := time.Now()
	busy := Call(func() {
		t0 := Thread()
		for time.Duration(Thread()-t0) < work && time.Since(start) < 20*time.Second {
		}
	})
	if busy < work {
		t.Errorf("%s of work on the thread counted %s", work, busy)
	}
}

// TestProcessSplit: the user and system parts add up to Process, and work in user mode (a
// loop of arithmetic, which reads the thread's clock, a system call, only every 100,000
// steps) moves the user part by about that work, less a tick.
func TestProcessSplit(t *testing.T) {
	if !PerThread {
		t.Skip("no per-thread clock to measure the work by")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const work, tick = int64(50 * time.Millisecond), int64(10 * time.Millisecond)
	u0, _ := ProcessSplit()
	t0, start, x := Thread(), time.Now(), 1
	for Thread()-t0 < work && time.Since(start) < 20*time.Second {
		for i := 0; i < 100000; i++ {
			x = x*31 + i
		}
	}
	u1, s1 := ProcessSplit()
	if x == 0 {
		t.Log(x) // keeps the loop
	}
	p := Process()
	if u1-u0 < work-tick {
		t.Errorf("%d ns of work in user mode moved the user time by %d ns", work, u1-u0)
	}
	if sum := u1 + s1; sum > p || p-sum > tick {
		t.Errorf("user %d + system %d ns = %d, Process %d just after", u1, s1, sum, p)
	}
}
