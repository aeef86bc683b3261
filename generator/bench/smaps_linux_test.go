package bench

import (
	"os"
	"runtime"
	"testing"
)

// processMemory reads this process's own smaps_rollup: a Go process has a private heap, and
// its Pss counts that and its share of the rest.
func TestProcessMemory(t *testing.T) {
	ballast := make([]byte, 8<<20)
	for i := range ballast {
		ballast[i] = 1
	}
	private, pss, ok := processMemory(os.Getpid())
	if !ok {
		t.Fatal("cannot read /proc/self/smaps_rollup")
	}
	if private < int64(len(ballast)) || pss < private {
		t.Errorf("private %d bytes with %d written to the heap, Pss %d", private, len(ballast), pss)
	}
	if _, _, ok := processMemory(-1); ok {
		t.Error("a process that does not exist has memory")
	}
	runtime.KeepAlive(ballast)
}
