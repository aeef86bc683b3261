package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// ErrNoIndex is returned while no index has been built at a Live index's path.
var ErrNoIndex = errors.New("搜索索引暂不可用，请先运行 planportal build 生成；the search index is not available; run 'planportal build'")

// ManifestName is the file every index directory holds, written by the build that wrote the
// directory: a new directory, a new file. Live tells versions of an index apart by it; what it
// holds is the index format's business.
const ManifestName = "planportal-index.json"

// Opener opens the index directory at path read-only, its queries expanded by syn, or, when
// syn is nil, by the synonyms it was built with: bleveindex.Opener is planportal's.
type Opener func(path string, syn *Synonyms) (Index, error)

// Live is an index directory that follows rebuilds: when a build swaps a new index into the
// path, Live opens it and answers from it, and closes the old one once the requests using it
// are done. No request fails during the switch.
type Live struct {
	path string
	syn  *Synonyms
	open Opener
	cur  atomic.Pointer[liveIndex]
	// mu serialises Reload and Close and guards closed and err.
	mu     sync.Mutex
	closed bool
	err    error // the first failure to close a version, for Close to return
	// retiring counts the replaced versions still waiting for their requests to finish.
	retiring sync.WaitGroup
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
	ix      Index
	version os.FileInfo // of its manifest, when it was opened
	mu      sync.Mutex
	users   int
	retired bool
	idle    chan struct{} // closed when retired and unused
}

func newLiveIndex(ix Index, version os.FileInfo) *liveIndex {
	return &liveIndex{ix: ix, version: version, idle: make(chan struct{})}
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

// retire refuses new requests, waits for the current ones and closes the index. It is called
// once per version.
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

// OpenLive opens the index at path with open, if there is one, and follows it from then on
// with Reload (call Watch to poll).
func OpenLive(path string, syn *Synonyms, open Opener) *Live {
	l := NewLive(path, syn, open)
	l.Reload()
	return l
}

// NewLive is OpenLive without the first Reload: set Log and Accept, then call Reload.
func NewLive(path string, syn *Synonyms, open Opener) *Live {
	return &Live{path: path, syn: syn, open: open}
}

// manifestVersion identifies the version of the index at path by its manifest file, or is
// nil when there is none. A build writes a whole new directory, so a new version's manifest
// is another file. The FileInfo comes from an open handle: on Windows only that one carries
// the file's ID (os.Stat's would look it up later, by name, in whatever file is there then).
func manifestVersion(path string) os.FileInfo {
	f, err := os.Open(filepath.Join(path, ManifestName))
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	return fi
}

// sameVersion reports whether two manifests are the same file (inode or file ID) with the
// same modification time and size: the time and size guard against a file system giving a
// deleted file's number to a new one.
func sameVersion(a, b os.FileInfo) bool {
	return a != nil && b != nil && os.SameFile(a, b) && a.ModTime().Equal(b.ModTime()) && a.Size() == b.Size()
}

// Reload opens the index again if a build has replaced it since; it reports whether it did.
// After Close it opens nothing.
func (l *Live) Reload() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return false
	}
	// The version is read before the index: if a build swaps another in between, the next
	// Reload sees a new version and opens that, rather than keep the newer index under the
	// older version's name and miss it.
	v := manifestVersion(l.path)
	old := l.cur.Load()
	if v == nil || (old != nil && sameVersion(old.version, v)) {
		return false
	}
	if l.Accept != nil && !l.Accept() {
		return false
	}
	ix, err := l.open(l.path, l.syn)
	if err != nil {
		if l.Log != nil {
			if old != nil {
				l.Log("搜索索引 %s 无法打开，继续使用上一版本；search index %s: %v (still serving the previous one)", l.path, l.path, err)
			} else {
				l.Log("搜索索引 %s 无法打开，暂无可用索引；search index %s: %v (no index to serve yet)", l.path, l.path, err)
			}
		}
		return false
	}
	if l.Accept != nil && (!l.Accept() || !sameVersion(v, manifestVersion(l.path))) {
		ix.Close() // replaced while it was opened: look again at the next Reload
		return false
	}
	l.cur.Store(newLiveIndex(ix, v))
	if old != nil {
		l.retire(old)
	}
	if l.Log != nil {
		l.Log("搜索索引 %s 已打开；search index %s: opened", l.path, l.path)
	}
	return true
}

// Follow makes the Live index follow another directory from now on and opens the index there;
// it reports whether it did. It is for a writer that builds each version in a new directory
// instead of swapping it in at one path: Windows cannot rename or replace a directory whose
// index is open, as it is while it is served.
func (l *Live) Follow(path string) bool {
	l.mu.Lock()
	l.path = path
	l.mu.Unlock()
	return l.Reload()
}

// Replace answers from ix from now on, in place of the index open now, which is closed once
// its requests are done; it reports false, and closes ix, after Close. ix counts as the
// version of the path already open: Reload opens the path again only when a build replaces
// it. The live preview answers from its last full index patched with the documents edited
// since (bleveindex.Patch) this way.
func (l *Live) Replace(ix Index) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		ix.Close()
		return false
	}
	var v os.FileInfo
	old := l.cur.Load()
	if old != nil {
		v = old.version
	}
	l.cur.Store(newLiveIndex(ix, v))
	if old != nil {
		l.retire(old)
	}
	return true
}

// retire closes a replaced version in the background once its requests are done; Close
// waits for it. Called with l.mu held.
func (l *Live) retire(li *liveIndex) {
	l.retiring.Add(1)
	path := l.path
	go func() {
		defer l.retiring.Done()
		if err := li.retire(); err != nil {
			if l.Log != nil {
				l.Log("搜索索引 %s 的上一版本关闭失败；search index %s: closing a previous version: %v", path, path, err)
			}
			l.mu.Lock()
			if l.err == nil {
				l.err = err
			}
			l.mu.Unlock()
		}
	}()
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

// Close stops following the path: it waits for a Reload in progress, then for the requests
// of every open version to finish, and closes them all. Searches after Close answer
// ErrNoIndex and Reload opens nothing.
func (l *Live) Close() error {
	l.mu.Lock()
	if !l.closed {
		l.closed = true
		if li := l.cur.Swap(nil); li != nil {
			l.retire(li)
		}
	}
	l.mu.Unlock()
	l.retiring.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}
