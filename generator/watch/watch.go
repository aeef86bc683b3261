// Package watch reports changed files under a site's source directories, in batches: every
// directory is watched recursively (directories created later too) with fsnotify, or scanned
// periodically where file events do not arrive (network drives, WSL); editors' backup, swap
// and temporary files and permission-only changes are ignored; and a burst of changes (a git
// checkout, an editor's write-then-rename) is delivered as one batch once it has gone quiet.
package watch

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batch is a set of paths that changed (were created, written, removed or renamed). A path
// may be a file or a directory; what is there now is for the receiver to look at.
type Batch struct {
	Paths []string
	// Overflow is set when events were lost (the kernel's queue overflowed): anything under
	// the roots may have changed.
	Overflow bool
}

// Options configure a Watcher.
type Options struct {
	// Poll, if not zero, scans the roots at this interval instead of using file events.
	Poll time.Duration
	// Quiet is how long no change must arrive before a batch is delivered; default 40 ms.
	// When polling, a batch is delivered by the first scan that finds no change, made Quiet
	// after one that found some.
	Quiet time.Duration
	// MaxDelay bounds how long a batch is held while changes keep arriving; default 1 s.
	MaxDelay time.Duration
	// Log receives problems (a directory that cannot be watched); nil discards them.
	Log io.Writer
}

// Watcher watches roots: directories (recursively) and single files.
type Watcher struct {
	o       Options
	dirs    []string // recursive roots
	files   map[string]bool
	watched map[string]bool // directories with a watch (fsnotify), for the event loop only
	batches chan Batch
	events  chan change
	done    chan struct{}
	wg      sync.WaitGroup
	fsw     *fsnotify.Watcher
	closeMu sync.Once
}

type change struct {
	path     string
	overflow bool
	// scanned marks the end of a poller's scan; changed says whether the scan found any.
	scanned, changed bool
}

// New starts watching. Roots that are directories are watched with everything under them;
// any other root (config.toml) is watched as a single file, through its directory, so that
// replacing it by a rename is seen too.
func New(roots []string, o Options) (*Watcher, error) {
	if o.Quiet <= 0 {
		o.Quiet = 40 * time.Millisecond
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = time.Second
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	w := &Watcher{o: o, files: map[string]bool{}, watched: map[string]bool{}, batches: make(chan Batch), events: make(chan change, 256), done: make(chan struct{})}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, err
		}
		if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
			w.dirs = append(w.dirs, abs)
		} else {
			w.files[abs] = true
		}
	}
	if o.Poll > 0 {
		p := newPoller(w)
		w.wg.Add(1)
		go func() { defer w.wg.Done(); p.run() }()
	} else {
		fsw, err := fsnotify.NewBufferedWatcher(1024)
		if err != nil {
			return nil, fmt.Errorf("watch: %w (try --poll 1s)", err)
		}
		w.fsw = fsw
		for _, d := range w.dirs {
			w.addTree(d, false)
		}
		for f := range w.files {
			if err := fsw.Add(filepath.Dir(f)); err != nil {
				fmt.Fprintf(o.Log, "watch: %s: %v\n", filepath.Dir(f), err)
			}
		}
		w.wg.Add(1)
		go func() { defer w.wg.Done(); w.notifyLoop() }()
	}
	w.wg.Add(1)
	go func() { defer w.wg.Done(); w.debounce() }()
	return w, nil
}

// Batches delivers the changes. A batch is held (and merged with later changes) until it is
// received, so a slow receiver gets fewer, larger batches and misses nothing.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Close stops watching; Batches is closed.
func (w *Watcher) Close() error {
	var err error
	w.closeMu.Do(func() {
		close(w.done)
		if w.fsw != nil {
			err = w.fsw.Close()
		}
		w.wg.Wait()
		close(w.batches)
	})
	return err
}

var (
	vimSwap = regexp.MustCompile(`\.sw[a-p]$`)
	digits  = regexp.MustCompile(`^[0-9]+$`)
)

// Junk reports whether a file (or, with dir set, a directory) name is an editor's or a
// tool's by-product rather than a source: backups (x~, x.bak, x.orig), swap files (.x.swp),
// vim's write probe (a file named 4913, 5036 …), JetBrains' ___jb_tmp___/___jb_old___, Emacs'
// #x# and .#x, Office's ~$x, and hidden files and directories.
func Junk(name string, dir bool) bool {
	if dir {
		return name == "" || strings.HasPrefix(name, ".")
	}
	switch {
	case name == "", strings.HasPrefix(name, "."), strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), strings.HasPrefix(name, "~$"),
		strings.HasSuffix(name, ".bak"), strings.HasSuffix(name, ".orig"), strings.HasSuffix(name, ".tmp"),
		strings.HasSuffix(name, ".swp"), vimSwap.MatchString(name), digits.MatchString(name):
		return true
	}
	return false
}

// relevant reports whether a path under the roots is worth reporting; dir says whether it
// is (or was) a directory.
func (w *Watcher) relevant(p string, dir bool) bool {
	if w.files[p] {
		return true
	}
	for _, d := range w.dirs {
		if p == d {
			return true
		}
		if rel, ok := strings.CutPrefix(p, d+string(filepath.Separator)); ok {
			parts := strings.Split(rel, string(filepath.Separator))
			for i, part := range parts {
				if Junk(part, dir || i < len(parts)-1) {
					return false
				}
			}
			return true
		}
	}
	return false
}

func (w *Watcher) emit(c change) {
	select {
	case w.events <- c:
	case <-w.done:
	}
}

// addTree watches dir and every directory under it. When report is set (a directory that
// appeared after the start), what is in it is reported as changed: files may have been
// written into it before its watch was in place.
func (w *Watcher) addTree(dir string, report bool) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: its own event says so
		}
		if p != dir && Junk(d.Name(), d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fsw.Add(p); err != nil {
				fmt.Fprintf(w.o.Log, "watch: %s: %v\n", p, err)
			} else {
				w.watched[p] = true
			}
		}
		if report && p != dir {
			w.emit(change{path: p})
		}
		return nil
	})
}

func (w *Watcher) notifyLoop() {
	for {
		select {
		case <-w.done:
			return
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.emit(change{overflow: true})
			} else {
				fmt.Fprintf(w.o.Log, "watch: %v\n", err)
			}
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			// A permission or timestamp change alone (chmod, touch) changes no content.
			if ev.Op == fsnotify.Chmod {
				continue
			}
			fi, err := os.Lstat(ev.Name)
			isDir := w.watched[ev.Name] || err == nil && fi.IsDir()
			if !w.relevant(ev.Name, isDir) {
				continue
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				// inotify drops the watches of a directory that goes; forget them.
				for d := range w.watched {
					if d == ev.Name || strings.HasPrefix(d, ev.Name+string(filepath.Separator)) {
						delete(w.watched, d)
					}
				}
			}
			if err == nil && fi.IsDir() && w.underDirs(ev.Name) && !w.watched[ev.Name] {
				w.addTree(ev.Name, true) // created, or moved in
			}
			w.emit(change{path: ev.Name})
		}
	}
}

func (w *Watcher) underDirs(p string) bool {
	for _, d := range w.dirs {
		if strings.HasPrefix(p, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// debounce merges changes into a batch and hands it over once no change has come for Quiet
// (when polling: once a scan has found none), or MaxDelay after its first change if changes
// keep coming.
func (w *Watcher) debounce() {
	pending := map[string]bool{}
	overflow := false
	var first time.Time
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	ready := false
	for {
		var out chan Batch
		var b Batch
		if ready {
			out = w.batches
			for p := range pending {
				b.Paths = append(b.Paths, p)
			}
			b.Overflow = overflow
		}
		select {
		case <-w.done:
			return
		case c := <-w.events:
			if c.scanned {
				// Polling: a burst ends with a scan that finds nothing new, or MaxDelay
				// after its first change.
				if len(pending) > 0 || overflow {
					ready = !c.changed || time.Since(first) >= w.o.MaxDelay
				}
				continue
			}
			if len(pending) == 0 && !overflow {
				first = time.Now()
			}
			if c.overflow {
				overflow = true
			} else {
				pending[c.path] = true
			}
			if time.Since(first) < w.o.MaxDelay {
				ready = false
				if w.o.Poll == 0 {
					quiet.Reset(w.o.Quiet)
				}
			}
		case <-quiet.C:
			ready = len(pending) > 0 || overflow
		case out <- b:
			pending, overflow, ready = map[string]bool{}, false, false
		}
	}
}
