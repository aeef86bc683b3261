package publish

import "sync"

// A flusher writes a transaction's staged files to disk in the background while the build
// goes on (Staging.Flush), so that the flush Commit waits for before the swap (syncTree,
// which stays: it is what makes the swap safe from a power cut) finds little left to write.
// A site is hundreds of megabytes that the kernel would otherwise hold in memory until that
// flush, well under its dirty limits. Where the system cannot start a flush without waiting
// on each file (writeback), a flusher does nothing.
type flusher struct {
	mu      sync.Mutex
	running sync.WaitGroup
	halted  bool
}

// Flush starts writing what has been written into the staging directory to disk, in the
// background, and returns at once: call it when the writing is done and other work follows
// (a build: after the render, while the index is made). Commit and Abort wait for a flush
// under way. On Linux it is one syncfs(2) of the directory's file system, which also writes
// out whatever else is staged there. Errors are left for Commit's own flush to report.
//
// Flushing while the files are still being written cost more than it saved: at 5,000 plans a
// syncfs(2) every second from the start of the render made the render's wall time about
// twice as long (two pairs, ext4 without a journal) for the same CPU time.
func (s *Staging) Flush() {
	f := &s.tx.flush
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.halted {
		return
	}
	f.running.Add(1)
	go func() {
		defer f.running.Done()
		writeback(s.dir)
	}()
}

// halt stops the flusher (a later Flush does nothing) and waits until no flush of its runs.
func (f *flusher) halt() {
	f.mu.Lock()
	f.halted = true
	f.mu.Unlock()
	f.running.Wait()
}
