//go:build !linux

package publish

// syncFS has no whole-file-system flush here: syncTree flushes file by file.
func syncFS(dir string) (bool, error) { return false, nil }
