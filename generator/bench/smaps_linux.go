package bench

import (
	"fmt"
	"os"
)

// processMemory is process pid's Private_Dirty and Pss in bytes, read from
// /proc/pid/smaps_rollup; ok is false when it cannot be read.
func processMemory(pid int) (private, pss int64, ok bool) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	private, pss, err = parseSmaps(f)
	return private, pss, err == nil
}
