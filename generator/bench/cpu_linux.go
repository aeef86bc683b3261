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
	return time.Duration(ticks) * time.Second / userHZ, true
}

// userHZ is the clock tick of /proc's interface (USER_HZ).
const userHZ = 100

// machineBusy is the CPU time all processes of the machine have used since boot (user, nice,
// system, interrupts; not idle, I/O wait or time stolen by the hypervisor), read from
// /proc/stat; ok is false when it cannot be read.
func machineBusy() (d time.Duration, ok bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 8 || f[0] != "cpu" {
		return 0, false
	}
	var ticks int64
	for _, i := range []int{1, 2, 3, 6, 7} { // user, nice, system, irq, softirq
		n, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil {
			return 0, false
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, true
}
