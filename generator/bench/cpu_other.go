//go:build !linux

package bench

import "time"

// childCPU is unknown outside Linux (no /proc/pid/stat): ok is false.
func childCPU(pid int) (d time.Duration, ok bool) { return 0, false }

// machineBusy is unknown outside Linux (no /proc/stat): ok is false.
func machineBusy() (d time.Duration, ok bool) { return 0, false }
