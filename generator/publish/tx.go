package publish

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// A Tx publishes new versions of one or more destination directories as one unit.
//
// Commit writes the transaction's ID into every staging directory, then a journal (the ID and,
// per destination, where its new and previous versions are) beside every destination, then
// swaps the destinations in the order given to Begin, then removes the previous versions and
// the journals. Until the last swap is done the transaction can only be undone: a failed swap
// puts back the versions already swapped; after a kill, the next Begin, Stage or Recover finds
// the journal and does the same. Once every destination holds the new ID, the transaction is
// complete and is only cleaned up. Which version a directory is, is read from its IDFile, so
// that recovery needs nothing but the journal and the directories.
type Tx struct {
	id      string
	dests   []*destination
	release []func()
	done    bool
	flush   flusher // writes staged files to disk in the background (Staging.Flush)
}

type destination struct {
	given  string // as the caller named it, for messages
	path   string // resolved: the directory replaced
	staged string // the staging directory, once Stage has made it
}

// Begin starts a transaction over dests, taking their locks (ErrBusy if another process holds
// one) and settling any transaction of theirs that was cut short. Commit swaps the
// destinations that were staged in the order given here: name first what readers of a later
// one expect to find in place (serve follows the site, so the search index comes first).
// Call Abort when done (it does nothing after Commit).
//
// A transaction only ever replaces what planportal made: before it locks or writes anything,
// Begin refuses (a *RefusedError) destinations that are one directory or one inside another,
// and an existing directory that no transaction published (see owned).
func Begin(dests ...string) (*Tx, error) {
	return begin(nil, true, dests...)
}

// BeginFrom is Begin for outputs built from sources, a site's content/, themes/ and config
// file: it also refuses a destination that is one of them, holds one or lies inside one.
func BeginFrom(sources []string, dests ...string) (*Tx, error) {
	return begin(sources, true, dests...)
}

func begin(sources []string, locked bool, dests ...string) (*Tx, error) {
	tx := &Tx{id: newID()}
	var paths []string
	for _, d := range dests {
		p := resolve(d)
		tx.dests = append(tx.dests, &destination{given: d, path: p})
		paths = append(paths, p)
	}
	if err := guard(sources, tx.dests); err != nil {
		return nil, err
	}
	if locked {
		for _, d := range tx.dests {
			release, err := lock(d.given, d.path)
			if err != nil {
				tx.unlock()
				return nil, err
			}
			tx.release = append(tx.release, release)
		}
	}
	if err := settleJournals(paths); err != nil {
		tx.unlock()
		return nil, err
	}
	return tx, nil
}

// newID names a transaction: when it began, to the nanosecond, and random bits so that two
// never share a name. IDs sort as their transactions began (see Later).
func newID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return time.Now().UTC().Format("20060102T150405.000000000Z") + "-" + hex.EncodeToString(b)
}

// Later reports whether the build with ID a began after the one with ID b.
func Later(a, b string) bool { return a > b }

// ID is the transaction's ID, written into every directory it publishes (see IDFile).
func (tx *Tx) ID() string { return tx.id }

// Stage creates the empty staging directory of dest, one of the transaction's destinations,
// beside it (same file system, so the swap is a rename), after removing what an interrupted
// earlier run left there. A destination that exists and is not a directory (or a symbolic
// link to one) is refused here, before anything is written.
func (tx *Tx) Stage(dest string) (*Staging, error) {
	if tx.done {
		return nil, errors.New("publish: transaction already committed or aborted")
	}
	p := resolve(dest)
	var d *destination
	for _, x := range tx.dests {
		if x.path == p {
			d = x
		}
	}
	switch {
	case d == nil:
		return nil, fmt.Errorf("publish: %s is not a destination of this transaction", dest)
	case d.staged != "":
		return nil, fmt.Errorf("publish: %s is already staged", dest)
	}
	existed, err := checkDest(d)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(d.path), filepath.Base(d.path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, base)
	dir, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	d.staged = dir
	st := &Staging{tx: tx, dir: dir}
	if existed {
		st.prev = d.path
	}
	return st, nil
}

// checkDest reports whether a destination exists, and fails if it is something other than a
// directory (a file, or a symbolic link that leads nowhere) or a directory planportal did not
// make (it may have appeared since Begin).
func checkDest(d *destination) (exists bool, err error) {
	fi, err := os.Lstat(d.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case fi.Mode()&os.ModeSymlink != 0:
		return false, fmt.Errorf("publish: %s is a symbolic link to a directory that does not exist", d.given)
	case !fi.IsDir():
		return false, fmt.Errorf("publish: %s exists and is not a directory", d.given)
	}
	return true, checkOwned(d)
}

// Commit publishes every staged destination, or none: on an error every destination is left
// as it was (if even putting a version back fails, the journal stays and the next Begin,
// Stage or Recover finishes the job). It releases the locks.
func (tx *Tx) Commit() error {
	if tx.done {
		return errors.New("publish: transaction already committed or aborted")
	}
	tx.done = true
	defer tx.unlock()
	tx.flush.halt()
	j := &journal{ID: tx.id}
	for _, d := range tx.dests {
		if d.staged == "" {
			continue
		}
		existed, err := checkDest(d)
		if err != nil {
			tx.removeStaged()
			return err
		}
		j.Entries = append(j.Entries, record{Dest: d.path, Staged: d.staged,
			Old: filepath.Join(filepath.Dir(d.path), "."+filepath.Base(d.path)+".old-"+tx.id), Existed: existed})
	}
	for _, e := range j.Entries {
		if err := os.WriteFile(filepath.Join(e.Staged, IDFile), []byte(tx.id+"\n"), 0o644); err != nil {
			tx.removeStaged()
			return err
		}
	}
	if err := step("ids written", ""); err != nil {
		tx.removeStaged()
		return err
	}
	for _, e := range j.Entries {
		if err := finalFlush(e.Staged); err != nil {
			tx.removeStaged()
			return fmt.Errorf("publish: flushing %s to disk: %w", e.Staged, err)
		}
	}
	// From the first journal on, settle (here or in a later process) decides what happens.
	for _, e := range j.Entries {
		err := j.write(journalPath(e.Dest))
		if err == nil {
			err = step("journal written", e.Dest)
		}
		if err != nil {
			return j.undo(e.Dest, err)
		}
	}
	for _, e := range j.Entries {
		err := step("swap", e.Dest)
		if err == nil {
			err = swap(e)
		}
		if err != nil {
			return j.undo(e.Dest, err)
		}
	}
	// Every destination holds the new version: published. A previous version that cannot be
	// removed (open files on Windows) is left for the next Stage to remove as stale.
	_ = j.settle()
	for _, e := range j.Entries {
		markLock(e.Dest)
	}
	return nil
}

// finalFlush is the flush Commit waits for before any journal or swap: syncTree, whatever
// a background flush (Staging.Flush) has already written. A variable so that a test can see
// that it runs, after the background flushes and before the swap.
var finalFlush = syncTree

// undo settles a transaction whose commit failed at dest, which puts every destination back.
func (j *journal) undo(dest string, err error) error {
	if rerr := j.settle(); rerr != nil {
		return fmt.Errorf("publish: %s: %w; putting back the previous versions failed too (%v): the next build or serve puts them back", dest, err, rerr)
	}
	return fmt.Errorf("publish: %s: %w (every destination was left as it was)", dest, err)
}

// swap puts the staged version of e in place of the current one: one atomic exchange where
// the system has it, else the current version is moved aside to e.Old and the new one moved in.
func swap(e record) error {
	if !e.Existed {
		return os.Rename(e.Staged, e.Dest)
	}
	if exchange(e.Staged, e.Dest) == nil {
		return nil
	}
	if err := os.Rename(e.Dest, e.Old); err != nil {
		return err
	}
	if err := step("moved aside", e.Dest); err != nil {
		return err
	}
	return os.Rename(e.Staged, e.Dest)
}

// Abort removes the staging directories, leaves every destination as it was and releases
// the locks. After Commit it does nothing.
func (tx *Tx) Abort() error {
	defer tx.unlock()
	if tx.done {
		return nil
	}
	tx.done = true
	tx.flush.halt()
	return tx.removeStaged()
}

func (tx *Tx) removeStaged() error {
	var errs []error
	for _, d := range tx.dests {
		if d.staged != "" {
			errs = append(errs, os.RemoveAll(d.staged))
		}
	}
	return errors.Join(errs...)
}

func (tx *Tx) unlock() {
	for _, r := range tx.release {
		r()
	}
	tx.release = nil
}

// Recover settles a transaction of dests that was cut short (by a kill or a failed restore),
// if there is one, taking the locks it needs; it returns an error that is ErrBusy if a build
// holds one of them (that build settles it). serve calls it when it finds the site and the
// index it follows from two builds.
func Recover(dests ...string) error {
	var paths []string
	for _, d := range dests {
		paths = append(paths, resolve(d))
	}
	return settleJournals(paths)
}

// journal records a transaction being committed. A copy is kept beside each destination,
// so that it is found from any of them.
type journal struct {
	ID      string   `json:"id"`
	Entries []record `json:"entries"`
}

// record is one destination of a transaction: absolute paths of the destination, the staging
// directory and the name its previous version is moved aside to.
type record struct {
	Dest    string `json:"dest"`
	Staged  string `json:"staged"`
	Old     string `json:"old"`
	Existed bool   `json:"existed"` // there was a previous version
}

const journalSuffix = ".publish"

func journalPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+journalSuffix)
}

// write stores the journal at name atomically: a complete journal or none.
func (j *journal) write(name string) error {
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	syncDir(filepath.Dir(name))
	return nil
}

// syncDir makes a rename in dir durable where the system allows it (not on Windows).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

func readJournal(name string) (*journal, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	j := &journal{}
	if err := json.Unmarshal(b, j); err != nil || j.ID == "" {
		return nil, fmt.Errorf("publish: %s is not a journal this program wrote (%v); move it away by hand", name, err)
	}
	return j, nil
}

// settleJournals settles every transaction with a journal beside one of paths, taking the
// locks of its destinations that this process does not hold.
func settleJournals(paths []string) error {
	for _, p := range paths {
		name := journalPath(p)
		j, err := readJournal(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		var release []func()
		unlock := func() {
			for _, r := range release {
				r()
			}
		}
		for _, e := range j.Entries {
			if holds(lockPath(e.Dest)) {
				continue
			}
			r, err := lock(e.Dest, e.Dest)
			if err != nil {
				unlock()
				return err
			}
			release = append(release, r)
		}
		// Under the locks: the journal may have been settled by its own build meanwhile.
		if j, err = readJournal(name); err == nil {
			err = j.settle()
		}
		unlock()
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// settle finishes a transaction: forward if every destination already holds the new
// version (only the previous versions and the journals are left to remove), else back (each
// destination gets its previous version again). Each step can be cut short and settle run
// again: it reads where each version is from the directories' IDs.
func (j *journal) settle() error {
	forward := true
	for _, e := range j.Entries {
		if _, id := state(e.Dest); id != j.ID {
			forward = false
		}
	}
	var errs []error
	for i := len(j.Entries) - 1; i >= 0; i-- {
		e := j.Entries[i]
		if !forward {
			err := step("restore", e.Dest)
			if err == nil {
				err = j.restore(e)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", e.Dest, err))
				continue
			}
		}
		// What is left at these names is the version that lost: the new one after an
		// undo, the previous one after a commit.
		_ = os.RemoveAll(e.Staged)
		_ = os.RemoveAll(e.Old)
		_ = step("removed", e.Dest)
	}
	if err := errors.Join(errs...); err != nil {
		return err // the journals stay, for the next run
	}
	for _, e := range j.Entries {
		if err := os.Remove(journalPath(e.Dest)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		_ = step("journal removed", e.Dest)
	}
	return nil
}

// restore puts the previous version of e back at e.Dest (or nothing, if there was none).
func (j *journal) restore(e record) error {
	exists, id := state(e.Dest)
	if exists && id != j.ID {
		return nil // never swapped, or put back already
	}
	// Unless it is at Dest, the previous version is at Old (moved aside) or at Staged (left
	// there by an exchange).
	prev := ""
	for _, p := range []string{e.Old, e.Staged} {
		if ok, pid := state(p); ok && pid != j.ID {
			prev = p
			break
		}
	}
	if !exists {
		// Cut short between moving the previous version aside and moving the new one in.
		if prev == "" {
			return nil
		}
		return os.Rename(prev, e.Dest)
	}
	// The new version is at Dest: move it to whichever name is free, to be removed.
	free := e.Staged
	if ok, _ := state(free); ok {
		free = e.Old
	}
	if prev == "" {
		if e.Existed {
			return fmt.Errorf("the previous version is neither at %s nor at %s", e.Old, e.Staged)
		}
		return os.Rename(e.Dest, free)
	}
	if exchange(prev, e.Dest) == nil {
		return nil
	}
	if err := os.Rename(e.Dest, free); err != nil {
		return err
	}
	if err := step("moved aside", e.Dest); err != nil {
		return err
	}
	return os.Rename(prev, e.Dest)
}

// testHook, if set (by tests), is called at each step of a commit and of a recovery, so that
// a test can stop the process at every one of them, or make the step fail.
var testHook func(step, dest string) error

func step(name, dest string) error {
	if testHook != nil {
		return testHook(name, dest)
	}
	return nil
}
