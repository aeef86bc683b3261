//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package cputime

const perThread = false

func processTimes() (user, sys int64) { return 0, 0 }

func threadClock() (int64, bool) { return 0, false }
