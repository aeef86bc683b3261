package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/planportal/planportal/generator/msg"
)

// ErrBusy is the error (errors.Is) of a lock another process holds.
var ErrBusy = errors.New("publish: destination busy")

type busyError struct{ dest, lock string }

func (e *busyError) Error() string {
	return msg.T("publish.busy", e.dest, e.lock)
}

func (e *busyError) Is(target error) bool { return target == ErrBusy }

// held records the lock files this process holds, so that recovering an interrupted
// transaction inside a build does not try to take a lock the build already has, with their
// open files (nil where the system has no locks).
var held = struct {
	sync.Mutex
	m map[string]*os.File
}{m: map[string]*os.File{}}

func holds(name string) bool {
	held.Lock()
	defer held.Unlock()
	_, ok := held.m[name]
	return ok
}

// lockMark is what a lock file holds. Those of a planportal from before IDFiles are empty,
// which tells owned that the directory beside one is an output of that planportal: a lock
// file is written when it is made, and an empty one once its directory has been published
// (markLock), so that this holds only until then.
var lockMark = []byte("planportal: the lock of the directory beside, which each build replaces whole\n")

// markLock writes lockMark into the lock file of dest if it is empty: through the file this
// process holds it with (Windows refuses a write through another handle), else directly.
func markLock(dest string) {
	name := lockPath(dest)
	held.Lock()
	defer held.Unlock()
	if f := held.m[name]; f != nil {
		if fi, err := f.Stat(); err == nil && fi.Size() == 0 {
			_, _ = f.WriteAt(lockMark, 0)
		}
	} else if fi, err := os.Lstat(name); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		_ = os.WriteFile(name, lockMark, 0o644)
	}
}

// lockPath is the lock file of a (resolved) destination: beside it, never inside.
func lockPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".lock")
}

// Lock takes the exclusive lock of a destination directory for one build, so that a second
// build of the same destination cannot delete the first one's staging directory as stale.
// It fails at once, rather than wait, when another build holds it (the error is ErrBusy).
// The lock is released by the returned function, or by the process ending.
//
// Like Begin it refuses (a *RefusedError), before making the lock file, an existing directory
// that planportal did not make.
func Lock(dest string) (release func(), err error) {
	d := &destination{given: dest, path: resolve(dest)}
	if err := guard(nil, []*destination{d}); err != nil {
		return nil, err
	}
	return lock(d.given, d.path)
}

func lock(given, dest string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, err
	}
	name := lockPath(dest)
	_, err := os.Lstat(name)
	isNew := errors.Is(err, fs.ErrNotExist)
	f, err := lockFile(name)
	if err != nil {
		if errors.Is(err, ErrBusy) {
			return nil, &busyError{dest: given, lock: name}
		}
		return nil, err
	}
	if isNew && f != nil {
		_, _ = f.WriteAt(lockMark, 0)
	}
	held.Lock()
	held.m[name] = f
	held.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			held.Lock()
			delete(held.m, name)
			held.Unlock()
			if f != nil {
				f.Close()
			}
		})
	}, nil
}
