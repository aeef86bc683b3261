//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestContentNamedPipe: a named pipe called x.md in content/ is an error naming it, in build
// and check alike; neither waits for a writer (build used to, forever).
func TestContentNamedPipe(t *testing.T) {
	site := copySite(t)
	fifo := filepath.Join(site, "content", "plans", "x.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	unstick := func() { // a writer lets a stuck reader go
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	}
	for _, cmd := range []string{"check", "build"} {
		code, _, errs := runCLIWithin(t, time.Minute, unstick, cmd, "--source", site)
		if code != 1 || !strings.Contains(errs, "content/plans/x.md: is a named pipe") {
			t.Errorf("%s exited %d, want 1 and an error naming content/plans/x.md:\n%s", cmd, code, errs)
		}
	}
}
