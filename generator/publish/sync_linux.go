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
