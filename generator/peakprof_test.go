package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// watchPeak writes a heap profile at the resident peak (path.rss) beside the one at the live
// heap's peak (path), each a profile as pprof writes it (gzipped).
func TestWatchPeakResident(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("resident memory is read from /proc/self/statm")
	}
	path := filepath.Join(t.TempDir(), "heap")
	stop := watchPeak(path)
	// Resident memory that grows past its largest so far: 64 MB touched, kept to the end.
	var keep [][]byte
	for range 8 {
		b := make([]byte, 8<<20)
		for i := range b {
			b[i] = 1
		}
		keep = append(keep, b)
		time.Sleep(60 * time.Millisecond)
	}
	stop()
	runtime.KeepAlive(keep)
	for _, name := range []string{path, path + ".rss"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("no profile: %v", err)
		}
		if len(b) < 100 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s: %d bytes, not a gzipped profile", name, len(b))
		}
	}
}
