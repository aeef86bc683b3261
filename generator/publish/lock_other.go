//go:build !unix && !windows

package publish

// lockFile is a no-op where no file lock is available.
func lockFile(name string) (func(), error) { return func() {}, nil }
