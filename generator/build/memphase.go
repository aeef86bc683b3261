package build

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// memPhase, when $PLANPORTAL_MEMPROFILE is set (see main.profiled), collects garbage and
// writes a heap profile of what is live at the end of a stage to $PLANPORTAL_MEMPROFILE.<stage>,
// and the live heap to the log: where a build's memory goes, stage by stage. Without the
// variable it does nothing.
func memPhase(o Options, stage string) {
	path := os.Getenv("PLANPORTAL_MEMPROFILE")
	if path == "" {
		return
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(o.Log, "memory after %s: %d MB live\n", stage, m.HeapAlloc>>20)
	if out, err := os.Create(path + "." + stage); err == nil {
		pprof.WriteHeapProfile(out)
		out.Close()
	}
}
