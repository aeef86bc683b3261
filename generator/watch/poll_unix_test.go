//go:build unix

package watch

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestPollNamedPipe: polling (planportal dev --poll) never opens a named pipe in content/ to
// hash it, which would wait for a writer forever, and still sees a document change.
func TestPollNamedPipe(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(content, "x.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	made := make(chan *Watcher, 1)
	go func() {
		w, err := New([]string{content}, Options{Poll: 20 * time.Millisecond, Quiet: 40 * time.Millisecond})
		if err != nil {
			t.Error(err)
		}
		made <- w
	}()
	var w *Watcher
	select {
	case w = <-made:
	case <-time.After(30 * time.Second):
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close() // lets the stuck scan go
		}
		t.Fatal("the poller is stuck reading the named pipe")
	}
	if w == nil {
		return
	}
	defer w.Close()
	h := &harness{t: t, root: root, content: content, w: w}
	write(t, filepath.Join(content, "b.md"), "b")
	if b := h.next(5 * time.Second); b == nil {
		t.Error("no change seen after b.md was written")
	}
}
