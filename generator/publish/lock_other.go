//go:build !unix && !windows

package publish

import "os"

// lockFile opens (creating) the file name without locking it: this system has no file locks.
func lockFile(name string) (*os.File, error) { return os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644) }
