package publish

import (
	"fmt"
	"os"
	"path/filepath"
)

// Lock takes the exclusive lock of a destination directory for one build, so that a second
// build of the same destination cannot delete the first one's staging directory as stale.
// It fails at once, rather than wait, when another build holds it. The lock is released by
// the returned function, or by the process ending.
func Lock(dest string) (release func(), err error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	name := filepath.Join(parent, "."+filepath.Base(dest)+".lock")
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("another build is publishing to %s (lock %s held); wait for it to finish", dest, name)
	}
	return func() { f.Close() }, nil
}
