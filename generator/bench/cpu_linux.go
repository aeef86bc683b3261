package bench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// childCPU is the CPU time (user and system) process pid has used so far, read from
// /proc/pid/stat; ok is false when it cannot be read.
func childCPU(pid int) (d time.Duration, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// The command name (field 2) may hold spaces: the fields counted are those after it.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, false
	}
	var ticks int64
	for _, v := range f[11:13] { // utime, stime (fields 14 and 15), in clock ticks
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, false
		}
		ticks += n
	}
	const userHZ = 100 // the clock ticks of /proc's interface (USER_HZ)
	return time.Duration(ticks) * time.Second / userHZ, true
}
