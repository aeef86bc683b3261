//go:build !linux

package bench

// processMemory is unknown outside Linux (no /proc/pid/smaps_rollup): ok is false.
func processMemory(pid int) (private, pss int64, ok bool) { return 0, 0, false }
