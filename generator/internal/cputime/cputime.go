// Package cputime reads the CPU time used so far, for benchmarks that report CPU rather than
// wall time: on a shared machine it varies less.
package cputime

// Process is the user and system CPU time this process has used so far, in nanoseconds.
func Process() int64 { return process() }

// Thread is the CPU time the calling OS thread has used so far, in nanoseconds (lock the
// goroutine to its thread around a measurement). Where the system has no per-thread clock
// (Windows) it is the process's.
func Thread() int64 { return thread() }
