//go:build !unix

package bench

import "os"

// peakRSS is 0 (unknown) where the process's resource usage has no peak memory (Windows).
func peakRSS(*os.ProcessState) int64 { return 0 }
