package bench

import (
	"os"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/internal/cputime"
)

// TestChildCPU reads this process's own /proc entry around 100 ms of spinning, measured by
// the process clock: the two agree to within a few ticks.
func TestChildCPU(t *testing.T) {
	before, ok := childCPU(os.Getpid())
	if !ok {
		t.Fatal("cannot read /proc/self's CPU time")
	}
	p0, start := cputime.Process(), time.Now()
	for cputime.Process()-p0 < int64(100*time.Millisecond) {
		if time.Since(start) > 20*time.Second {
			t.Fatal("20 s of spinning did not use 100 ms of CPU")
		}
	}
	spun := time.Duration(cputime.Process() - p0)
	after, _ := childCPU(os.Getpid())
	if got := after - before; got < spun-30*time.Millisecond || got > spun+100*time.Millisecond {
		t.Errorf("/proc says %v of CPU, the process clock %v", got, spun)
	}
	if _, ok := childCPU(-1); ok {
		t.Error("a process that does not exist has a CPU time")
	}
}

// child counts the CPU time of the process it runs and of that process's own children (the
// Pagefind wrapper runs the indexer as its child).
func TestChildRunCPU(t *testing.T) {
	r, err := child("/bin/sh", "-c", "(i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done); true")
	if err != nil {
		t.Fatal(err)
	}
	if r.CPU < 50*time.Millisecond || r.CPU > 2*r.Wall+20*time.Millisecond {
		t.Errorf("a shell counting to 200,000 in a subshell: CPU %v in %v of wall time", r.CPU, r.Wall)
	}
	if r.LoadAvg == "" || r.Others < 0 {
		t.Errorf("what the machine did meanwhile is not read: load %q, others %.2f", r.LoadAvg, r.Others)
	}
}
