package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLogWithProgress builds with progress reported from the first nanosecond while the
// content yields warnings, into a Log that is a plain bytes.Buffer: the build must serialise
// its writes (warnings and progress come from two goroutines) and must not return before the
// progress goroutine is done with the Log. Run it with -race: an unsynchronised write, or the
// read of the Log below racing a late progress line, fails it.
func TestLogWithProgress(t *testing.T) {
	src := copySources(t)
	// Every unknown front-matter key is a warning, printed to Log while progress runs.
	var fm strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&fm, "unknown_key_%d = \"x\"\n", i)
	}
	doc := "+++\ntitle = \"带未知字段的通知\"\nagency = \"测试市卫生健康委员会\"\npublished = \"2025-06-01\"\n" + fm.String() +
		"+++\n\n1. 推进工作。\n"
	if err := os.WriteFile(filepath.Join(src, "content", "plans", "warnings.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, noIndex := range []bool{true, false} {
		var log bytes.Buffer // deliberately not safe for concurrent use
		r, err := Run(Options{Source: src, NoIndex: noIndex, Force: true, ProgressAfter: time.Nanosecond, Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		got := log.String()
		if n := strings.Count(got, "unknown key, ignored"); n != 200 || len(r.Warnings) != 200 {
			t.Errorf("noIndex=%v: the log holds %d warnings, the result %d; want 200 each", noIndex, n, len(r.Warnings))
		}
		if !strings.Contains(got, "… loading content") && !strings.Contains(got, "… rendering") {
			t.Errorf("noIndex=%v: no progress line after a 1 ns ProgressAfter:\n%.300s", noIndex, got)
		}
		// Whole lines only: two writers interleaving inside a line would break one.
		for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
			if !strings.HasPrefix(line, "warning: ") && !strings.HasPrefix(line, "… ") {
				t.Errorf("noIndex=%v: mangled log line %q", noIndex, line)
				break
			}
		}
	}
}
