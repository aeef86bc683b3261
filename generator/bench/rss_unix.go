//go:build unix && !darwin

package bench

import (
	"os"
	"syscall"
)

// peakRSS is a finished child's peak resident memory in bytes (getrusage counts KiB here).
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) * 1024 // int32 on 32-bit systems
	}
	return 0
}
