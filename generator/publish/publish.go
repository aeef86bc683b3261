// Package publish replaces a directory atomically: a new version is written into a staging
// directory beside the destination and swapped in only once it is complete, so readers (and
// a failed build) never see a half-written site.
package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Staging is a new version of a destination directory being written.
type Staging struct {
	dest string
	dir  string
	done bool
}

// Stage creates an empty staging directory beside dest (same file system, so the swap is a
// rename). Staging directories left by an interrupted earlier run are removed first.
func Stage(dest string) (*Staging, error) {
	dest = filepath.Clean(dest)
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, base)
	dir, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	return &Staging{dest: dest, dir: dir}, nil
}

// removeStale deletes .<base>.tmp-* and .<base>.old-* siblings of an earlier interrupted run.
func removeStale(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, "."+base+".tmp-") || strings.HasPrefix(n, "."+base+".old-")) {
			_ = os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

// Dir is the staging directory to write into.
func (s *Staging) Dir() string { return s.dir }

// Commit swaps the staging directory in as the destination and removes the old version.
// On Linux the swap is a single atomic exchange; elsewhere two renames.
func (s *Staging) Commit() error {
	if s.done {
		return errors.New("publish: already committed or aborted")
	}
	s.done = true
	fi, err := os.Lstat(s.dest)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.Rename(s.dir, s.dest)
	case err != nil:
		return err
	case !fi.IsDir():
		_ = os.RemoveAll(s.dir)
		return fmt.Errorf("publish: %s exists and is not a directory", s.dest)
	}
	if err := exchange(s.dir, s.dest); err == nil {
		// s.dir now holds the previous version.
		return os.RemoveAll(s.dir)
	}
	old := filepath.Join(filepath.Dir(s.dest), "."+filepath.Base(s.dest)+".old-"+filepath.Base(s.dir))
	if err := os.Rename(s.dest, old); err != nil {
		_ = os.RemoveAll(s.dir)
		return err
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		_ = os.Rename(old, s.dest)
		return err
	}
	return os.RemoveAll(old)
}

// Abort removes the staging directory and leaves the destination as it was.
func (s *Staging) Abort() error {
	if s.done {
		return nil
	}
	s.done = true
	return os.RemoveAll(s.dir)
}
