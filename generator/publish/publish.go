// Package publish replaces directories atomically, one or several together: new versions are
// written into staging directories beside the destinations and swapped in only once all are
// complete, so readers (and a failed build) never see a half-written site, nor a site and a
// search index from two different builds.
//
// A Tx (Begin, Stage, Commit) publishes several destinations as one unit. Before it swaps
// anything it writes a journal beside each destination; a transaction cut short (a failed
// swap, a kill, a power cut) is completed or undone by the next Begin, Stage or Recover that
// finds the journal, so that afterwards every destination holds the previous version, or
// every one the new. Each published directory carries the transaction's ID in its IDFile.
package publish

import (
	"os"
	"path/filepath"
	"strings"
)

// IDFile is the file, inside every published directory, that holds the ID of the
// transaction (the build) that published it. It is a dot file, which the server never serves.
const IDFile = ".publish-id"

// ID returns the ID of the transaction that published dir, or "" if there is none (nothing
// published there, or a version published before IDs were written).
func ID(dir string) string {
	_, id := state(dir)
	return id
}

// state reports whether path exists and, if it is a published directory, its ID.
func state(path string) (exists bool, id string) {
	if _, err := os.Lstat(path); err != nil {
		return false, ""
	}
	b, err := os.ReadFile(filepath.Join(path, IDFile))
	if err != nil {
		return true, ""
	}
	return true, strings.TrimSpace(string(b))
}

// resolve names the directory a destination stands for: its absolute path or, if it is a
// symbolic link, the directory the link points to (a deployment may keep the index on another
// disk): that directory is the one replaced, and the link is left as it is. A link that cannot
// be followed is returned as it is, for checkDest to report.
func resolve(dest string) string {
	abs, err := filepath.Abs(dest)
	if err != nil {
		abs = filepath.Clean(dest)
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if target, err := filepath.EvalSymlinks(abs); err == nil {
			return target
		}
	}
	return abs
}

// Staging is a new version of a destination directory being written.
type Staging struct {
	tx   *Tx
	dir  string
	prev string
}

// Stage begins a transaction of the one destination dest, without taking its lock (take it
// with Lock), and creates its empty staging directory beside dest (same file system, so the
// swap is a rename). An interrupted earlier transaction is completed or undone first, and
// staging directories left by an interrupted earlier run are removed.
func Stage(dest string) (*Staging, error) {
	tx, err := begin(nil, false, dest)
	if err != nil {
		return nil, err
	}
	return tx.Stage(dest)
}

// Dir is the staging directory to write into.
func (s *Staging) Dir() string { return s.dir }

// Previous is the version of the destination that Commit will replace, or "" where there is
// none: what a writer may reuse (render.DirOutput links unchanged files from it). A
// transaction that holds the destination's lock keeps it as it is until Commit.
func (s *Staging) Previous() string { return s.prev }

// Commit commits the transaction the staging directory belongs to: for one made by Stage,
// it swaps the staging directory in as the destination and removes the old version. On
// Linux the swap is a single atomic exchange; elsewhere two renames, which the journal
// protects.
func (s *Staging) Commit() error { return s.tx.Commit() }

// Abort aborts the transaction the staging directory belongs to: its staging directories are
// removed and the destinations left as they were. After Commit it does nothing.
func (s *Staging) Abort() error { return s.tx.Abort() }

// removeStale deletes what an earlier interrupted run left beside parent/base: directories
// named as its staging directories and previous versions are (.base.tmp-…, .base.old-…),
// files named as its half-written journals are (.base.publish.tmp-…); nothing else, whatever
// its name. Only call it once any journal of base has been settled (until then those are the
// versions it needs), and only for a destination that passed checkDest.
func removeStale(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		dir := e.IsDir() // a link is not: ReadDir does not follow links
		if (dir && (strings.HasPrefix(name, "."+base+".tmp-") || strings.HasPrefix(name, "."+base+".old-"))) ||
			(e.Type().IsRegular() && strings.HasPrefix(name, "."+base+journalSuffix+".tmp-")) {
			_ = os.RemoveAll(filepath.Join(parent, name))
		}
	}
}
