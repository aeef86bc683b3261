package build

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
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

// fedPhase returns fed that also takes memPhase's profile "fed" at its first call, when
// $PLANPORTAL_MEMPROFILE is set: what the index's builders hold at the end of the feeding,
// the site released (issue 16). The first shard to have all its records calls it, the
// others about to (documents are dealt to them in turn), and none has written its segment:
// at a later call the first could have written its own and let its postings go.
func fedPhase(o Options, fed func()) func() {
	if os.Getenv("PLANPORTAL_MEMPROFILE") == "" {
		return fed
	}
	var once sync.Once
	return func() {
		fed()
		once.Do(func() { memPhase(o, "fed") })
	}
}
