package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// ErrBusy is the error (errors.Is) of a lock another process holds.
var ErrBusy = errors.New("publish: destination busy")

type busyError struct{ dest, lock string }

func (e *busyError) Error() string {
	return fmt.Sprintf("another build is publishing to %s (lock %s held); wait for it to finish", e.dest, e.lock)
}

func (e *busyError) Is(target error) bool { return target == ErrBusy }

// held records the lock files this process holds, so that recovering an interrupted
// transaction inside a build does not try to take a lock the build already has.
var held = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

func holds(name string) bool {
	held.Lock()
	defer held.Unlock()
	return held.m[name]
}

// lockPath is the lock file of a (resolved) destination: beside it, never inside.
func lockPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".lock")
}

// Lock takes the exclusive lock of a destination directory for one build, so that a second
// build of the same destination cannot delete the first one's staging directory as stale.
// It fails at once, rather than wait, when another build holds it (the error is ErrBusy).
// The lock is released by the returned function, or by the process ending.
func Lock(dest string) (release func(), err error) {
	return lock(dest, resolve(dest))
}

func lock(given, dest string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, err
	}
	name := lockPath(dest)
	unlock, err := lockFile(name)
	if err != nil {
		if errors.Is(err, ErrBusy) {
			return nil, &busyError{dest: given, lock: name}
		}
		return nil, err
	}
	held.Lock()
	held.m[name] = true
	held.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			held.Lock()
			delete(held.m, name)
			held.Unlock()
			unlock()
		})
	}, nil
}
