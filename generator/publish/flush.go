package publish

import (
	"sync"
	"time"
)

// A flusher writes a transaction's staged files to disk in the background while the build
// goes on writing more (Staging.Flush), so that the flush Commit waits for before the swap
// (syncTree, which stays: it is what makes the swap safe from a power cut) finds little left
// to write. A site is hundreds of megabytes that the kernel would otherwise hold in memory
// until that flush, well under its dirty limits. Where the system cannot start a flush
// without waiting on each file (writeback), a flusher does nothing.
type flusher struct {
	mu      sync.Mutex
	dirs    []string      // the staging directories to flush
	stop    chan struct{} // closed by halt
	running sync.WaitGroup
	halted  bool
}

// Flush writes what is written into the staging directory to disk in the background: every
// interval while the caller goes on writing (a build: from Stage on, at 1 s), or once and at
// once if interval is zero (when the writing is done), until the transaction is committed or
// aborted, which wait for a flush under way. It returns at once. On Linux a flush is one
// syncfs(2) of the directory's file system, so it also writes out whatever else is staged
// there (the index, beside the site). Errors are left for Commit's own flush to report.
func (s *Staging) Flush(interval time.Duration) {
	s.tx.flush.start(s.dir, interval)
}

func (f *flusher) start(dir string, interval time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.halted {
		return
	}
	for _, d := range f.dirs {
		if d == dir {
			return
		}
	}
	f.dirs = append(f.dirs, dir)
	if f.stop == nil {
		f.stop = make(chan struct{})
	}
	f.running.Add(1)
	go func() {
		defer f.running.Done()
		if interval <= 0 {
			writeback(dir)
			return
		}
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-f.stop:
				return
			case <-t.C:
				writeback(dir)
			}
		}
	}()
}

// halt stops the flusher and waits until no flush of its is running.
func (f *flusher) halt() {
	f.mu.Lock()
	if !f.halted && f.stop != nil {
		close(f.stop)
	}
	f.halted = true
	f.mu.Unlock()
	f.running.Wait()
}
