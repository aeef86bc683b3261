package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/bench"
)

// The bench's replica measurement starts real `planportal serve` processes (this test binary
// as the CLI, see TestMain) on the full build of the bundled content: each answers a search,
// and the report has the replica's row with its opening time and, on Linux, its memory.
func TestBenchReplica(t *testing.T) {
	t.Setenv("PLANPORTAL_AS_CLI", "1")
	only, err := bench.ParseOnly("replica")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := filepath.Glob(filepath.Join("..", "content", "plans", "*.md"))
	o := bench.Options{Bin: os.Args[0], Root: "..", WorkDir: t.TempDir(), Log: io.Discard, Only: only}
	results, err := bench.RunAll(o)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Docs != len(docs) {
		t.Fatalf("want the bundled content's %d plans measured, got %+v", len(docs), results)
	}
	r := results[0].Replica
	if r.Starts != bench.ReplicaStarts || r.Open <= 0 || r.OpenMax < r.Open {
		t.Errorf("replica starts not timed: %+v", r)
	}
	if runtime.GOOS == "linux" && (r.OpenCPU <= 0 || !r.Memory || r.Private <= 0 || r.Pss < r.Private || r.PrivateMax < r.Private) {
		t.Errorf("replica CPU or memory not read on Linux: %+v", r)
	}
	rep := bench.Report(results, "c", "bench", bench.Peers{})
	row := fmt.Sprintf("| bundled | %d | %d | ", len(docs), bench.ReplicaStarts)
	if _, table, _ := strings.Cut(rep, "A search replica's start"); !strings.Contains(table, row) {
		t.Errorf("the report has no replica table:\n%s", rep)
	} else {
		t.Log(table)
	}
	if results[0].Search.Requests != 0 {
		t.Error("--only replica ran the load test")
	}
}
