package bench

import (
	"os"
	"syscall"
)

// peakRSS is a finished child's peak resident memory in bytes (getrusage counts bytes on
// macOS, not KiB).
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
