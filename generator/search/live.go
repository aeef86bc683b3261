package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// ErrNoIndex is returned while no index has been built at a Live index's path.
var ErrNoIndex = errors.New("the search index is not available; run 'planportal build'")

// Live is an index directory that follows rebuilds: when a build swaps a new index into the
// path, Live opens it and answers from it, and closes the old one once the requests using it
// are done. No request fails during the switch.
type Live struct {
	path string
	syn  *Synonyms
	cur  atomic.Pointer[liveIndex]
	mu   sync.Mutex // serialises reloads
	// Log, if set, is told about reloads and failed opens.
	Log func(format string, a ...any)
	// Accept, if set, is asked before Reload switches to a new version of the index and again
	// once it is open; Reload keeps the current version unless Accept says yes both times and
	// the version did not change in between. serve uses it to open only an index of the same
	// build as the site it serves.
	Accept func() bool
}

// liveIndex is one opened version with a count of the requests using it. (Not a
// sync.WaitGroup: a request may arrive while a reload already waits for the count to reach
// zero, and a WaitGroup must not be incremented from zero during a Wait.)
type liveIndex struct {
	ix      *Index
	ident   string
	mu      sync.Mutex
	users   int
	retired bool
	idle    chan struct{} // closed when retired and unused
}

func newLiveIndex(ix *Index, ident string) *liveIndex {
	return &liveIndex{ix: ix, ident: ident, idle: make(chan struct{})}
}

// acquire counts a request in, unless the version is retired.
func (li *liveIndex) acquire() bool {
	li.mu.Lock()
	defer li.mu.Unlock()
	if li.retired {
		return false
	}
	li.users++
	return true
}

func (li *liveIndex) release() {
	li.mu.Lock()
	defer li.mu.Unlock()
	li.users--
	if li.retired && li.users == 0 {
		close(li.idle)
	}
}

// retire refuses new requests, waits for the current ones and closes the index.
func (li *liveIndex) retire() error {
	li.mu.Lock()
	li.retired = true
	if li.users == 0 {
		close(li.idle)
	}
	li.mu.Unlock()
	<-li.idle
	return li.ix.Close()
}

// OpenLive opens the index at path, if there is one, and follows it from then on with Reload
// (call Watch to poll).
func OpenLive(path string, syn *Synonyms) *Live {
	l := NewLive(path, syn)
	l.Reload()
	return l
}

// NewLive is OpenLive without the first Reload: set Log and Accept, then call Reload.
func NewLive(path string, syn *Synonyms) *Live {
	return &Live{path: path, syn: syn}
}

// identity names the version of the index at the path: a build replaces the whole directory,
// so its manifest's inode and modification time change.
func (l *Live) identity() string {
	fi, err := os.Stat(filepath.Join(l.path, manifestName))
	if err != nil {
		return ""
	}
	ino := uint64(0)
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		ino = st.Ino
	}
	return fi.ModTime().Format(time.RFC3339Nano) + "/" + strconv.FormatUint(ino, 10)
}

// Reload opens the index again if a build has replaced it since; it reports whether it did.
func (l *Live) Reload() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	ident := l.identity()
	old := l.cur.Load()
	if ident == "" || (old != nil && old.ident == ident) {
		return false
	}
	if l.Accept != nil && !l.Accept() {
		return false
	}
	ix, err := Open(l.path, l.syn)
	if err != nil {
		if l.Log != nil {
			l.Log("search index %s: %v (still serving the previous one)", l.path, err)
		}
		return false
	}
	if l.Accept != nil && (!l.Accept() || l.identity() != ident) {
		ix.Close() // replaced while it was opened: look again at the next Reload
		return false
	}
	l.cur.Store(newLiveIndex(ix, ident))
	if old != nil {
		go old.retire()
	}
	if l.Log != nil {
		l.Log("search index %s: opened", l.path)
	}
	return true
}

// Watch calls Reload every interval until ctx ends.
func (l *Live) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			l.Reload()
		}
	}
}

// Search answers from the newest opened index.
func (l *Live) Search(ctx context.Context, r Request) (*Response, error) {
	for {
		li := l.cur.Load()
		if li == nil {
			if err := r.Normalize(); err != nil {
				return nil, err
			}
			return nil, ErrNoIndex
		}
		// A reload may have retired li since Load: then take the current one.
		if !li.acquire() {
			continue
		}
		defer li.release()
		return li.ix.Search(ctx, r)
	}
}

// Close closes the current index.
func (l *Live) Close() error {
	if li := l.cur.Swap(nil); li != nil {
		return li.retire()
	}
	return nil
}
