//go:build unix && !darwin

package bench

import (
	"os"
	"syscall"
)

// peakRSS is a finished child's peak resident memory in bytes (getrusage counts KiB here).
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024
	}
	return 0
}
