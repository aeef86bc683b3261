//go:build unix

package content

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// unblock lets a reader stuck opening the named pipe name go, by opening its other end.
func unblock(name string) {
	if f, err := os.OpenFile(name, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
}

// TestNamedPipeIsRefused: a named pipe called x.md is an error naming it, and the loader is
// never stuck waiting for a writer (it used to wait forever).
func TestNamedPipeIsRefused(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "content", "plans", "a.md"), validDoc("本站"))
	fifo := filepath.Join(root, "content", "plans", "x.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	type loaded struct {
		res *Result
		err error
	}
	done := make(chan loaded, 1)
	go func() {
		res, err := NewLoader(Options{}).LoadDir(root)
		done <- loaded{res, err}
	}()
	select {
	case l := <-done:
		if l.err != nil {
			t.Fatal(l.err)
		}
		res := l.res
		refusal(t, res, "content/plans/x.md", "命名管道", "named pipe")
		if len(res.Documents) != 1 {
			t.Errorf("documents %s, want content/plans/a.md", paths(res.Documents))
		}
	case <-time.After(30 * time.Second):
		unblock(fifo)
		t.Fatal("LoadDir is stuck reading the named pipe")
	}
}
