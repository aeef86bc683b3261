package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes the whole file system dir is on with one syncfs(2), far cheaper than a
// flush per file for a site of tens of thousands of pages.
func syncFS(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return true, err
	}
	defer f.Close()
	return true, unix.Syncfs(int(f.Fd()))
}

// writeback writes what is waiting to be written under dir to disk (a flusher's work): one
// syncfs(2) of its file system. Errors are for the final flush (syncTree) to report. It is a
// variable so that tests can watch it.
var writeback = func(dir string) { _, _ = syncFS(dir) }
