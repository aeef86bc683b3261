//go:build !linux

package publish

// syncFS has no whole-file-system flush here: syncTree flushes file by file.
func syncFS(dir string) (bool, error) { return false, nil }

// writeback does nothing here: a flush of each file would wait on each (see flusher). It is
// a variable so that tests can watch it.
var writeback = func(dir string) {}
