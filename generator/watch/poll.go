package watch

import (
	"bytes"
	"crypto/sha256"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// poller finds changes by scanning: a file changed when its size or modification time did,
// or, while its modification time is recent, when its content hash did. File systems with
// coarse timestamps (one or two seconds on some network drives) can otherwise hide a second
// write of the same size within the same tick.
type poller struct {
	w    *Watcher
	prev map[string]entry
}

type entry struct {
	dir   bool
	size  int64
	mtime time.Time
	sum   []byte // set while the file's mtime is recent
}

// recent is how close to the scan a modification time must be for the file to be hashed.
const recent = 3 * time.Second

func newPoller(w *Watcher) *poller {
	p := &poller{w: w}
	p.prev = p.scan(nil)
	return p
}

// run scans every Poll. A scan that found changes is followed, Quiet later rather than
// Poll, by one that checks they have stopped: only a scan that finds nothing ends a burst
// (see debounce), so a burst still being written when one scan passes is not cut in two.
func (p *poller) run() {
	t := time.NewTimer(p.w.o.Poll)
	defer t.Stop()
	for {
		select {
		case <-p.w.done:
			return
		case <-t.C:
		}
		changed := p.step()
		p.w.emit(change{scanned: true, changed: changed})
		next := p.w.o.Poll
		if changed {
			next = min(next, p.w.o.Quiet)
		}
		t.Reset(next)
	}
}

// step scans once and emits what changed since the last scan; it reports whether anything did.
func (p *poller) step() bool {
	cur := p.scan(p.prev)
	changed := false
	for path, e := range cur {
		old, ok := p.prev[path]
		if !ok || old.dir != e.dir || (!e.dir && (old.size != e.size || !old.mtime.Equal(e.mtime) ||
			e.sum != nil && old.sum != nil && !bytes.Equal(old.sum, e.sum))) {
			p.w.emit(change{path: path})
			changed = true
		}
	}
	for path := range p.prev {
		if _, ok := cur[path]; !ok {
			p.w.emit(change{path: path})
			changed = true
		}
	}
	p.prev = cur
	return changed
}

// scan records every file and directory under the roots; prev supplies hashes already taken.
func (p *poller) scan(prev map[string]entry) map[string]entry {
	out := map[string]entry{}
	now := time.Now()
	add := func(path string, fi fs.FileInfo) {
		e := entry{dir: fi.IsDir(), size: fi.Size(), mtime: fi.ModTime()}
		// Only a regular file is opened: opening a named pipe waits for a writer forever.
		if fi.Mode().IsRegular() && now.Sub(e.mtime) < recent {
			e.sum = hashFile(path)
		}
		out[path] = e
	}
	for _, root := range p.w.dirs {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != root && Junk(d.Name(), d.IsDir()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if fi, err := d.Info(); err == nil {
				add(path, fi)
			}
			return nil
		})
	}
	for f := range p.w.files {
		if fi, err := os.Stat(f); err == nil {
			add(f, fi)
		}
	}
	return out
}

func hashFile(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil
	}
	return h.Sum(nil)
}
