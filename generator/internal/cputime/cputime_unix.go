//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cputime

import (
	"syscall"

	"golang.org/x/sys/unix"
)

const perThread = true

func processTimes() (user, sys int64) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, 0
	}
	return ru.Utime.Nano(), ru.Stime.Nano()
}

// threadClock is the calling thread's CPU time in nanoseconds, and whether it could be read.
func threadClock() (int64, bool) {
	var ts unix.Timespec
	if unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts) != nil {
		return 0, false
	}
	return ts.Nano(), true
}
