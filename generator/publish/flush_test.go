package publish

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// holdFlushes replaces the background flush (writeback) and Commit's final flush
// (finalFlush) with recorders for the test. A background flush announces its directory on
// started and then waits until release is closed, so that the test decides how long it is
// under way. final is called, under a lock, with each directory the final flush is given; the
// real final flush follows.
func holdFlushes(t *testing.T, final func(dir string)) (started chan string, release chan struct{}) {
	t.Helper()
	started, release = make(chan string, 10), make(chan struct{})
	var mu sync.Mutex
	oldWriteback, oldFinal := writeback, finalFlush
	t.Cleanup(func() { writeback, finalFlush = oldWriteback, oldFinal })
	writeback = func(dir string) {
		started <- dir
		<-release
		oldWriteback(dir)
	}
	finalFlush = func(dir string) error {
		mu.Lock()
		final(dir)
		mu.Unlock()
		return oldFinal(dir)
	}
	return started, release
}

// waitStarted waits for n background flushes to start.
func waitStarted(t *testing.T, started chan string, n int) {
	t.Helper()
	for range n {
		select {
		case <-started:
		case <-time.After(5 * time.Second):
			t.Fatal("a background flush did not start in 5 s")
		}
	}
}

// stillWaiting fails the test if call (named what) returns within 50 ms: it should be
// waiting for a background flush.
func stillWaiting(t *testing.T, what string, call chan error) {
	t.Helper()
	select {
	case err := <-call:
		t.Fatalf("%s returned (%v) while a background flush was under way", what, err)
	case <-time.After(50 * time.Millisecond):
	}
}

// TestCommitFlushesAfterBackground: however much a background flush (Staging.Flush) has
// written, Commit still flushes every staged directory itself, once the background flushes
// are done and before anything is swapped in: without that final flush a power cut just after
// the swap could leave a published site with empty files. After Commit, Flush does nothing.
func TestCommitFlushesAfterBackground(t *testing.T) {
	root := t.TempDir()
	site, index := filepath.Join(root, siteName), filepath.Join(root, indexName)
	if _, err := publishPair(root, "v1", 3); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(index, site)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	var flushed []string
	var released bool
	var mu sync.Mutex
	started, release := holdFlushes(t, func(dir string) {
		flushed = append(flushed, dir)
		mu.Lock()
		if !released {
			t.Errorf("the final flush of %s began while a background flush was under way", dir)
		}
		mu.Unlock()
		if ID(dir) != tx.ID() {
			t.Errorf("the final flush of %s came before its ID was written", dir)
		}
		if ID(site) == tx.ID() || ID(index) == tx.ID() {
			t.Errorf("the final flush of %s came after a swap", dir)
		}
	})
	var staged []*Staging
	var dirs []string
	for _, out := range []struct {
		dest string
		tree map[string]string
	}{{index, indexTree("v2", 3)}, {site, siteTree("v2", 3)}} {
		st, err := tx.Stage(out.dest)
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, st.Dir(), out.tree)
		st.Flush()
		staged, dirs = append(staged, st), append(dirs, st.Dir())
	}
	waitStarted(t, started, 2)
	committed := make(chan error)
	go func() { committed <- tx.Commit() }()
	stillWaiting(t, "Commit", committed)
	mu.Lock()
	released = true
	mu.Unlock()
	close(release)
	if err := <-committed; err != nil {
		t.Fatal(err)
	}
	slices.Sort(flushed)
	slices.Sort(dirs)
	if !slices.Equal(flushed, dirs) {
		t.Errorf("Commit flushed %q, want every staged directory %q", flushed, dirs)
	}
	if pairTag(t, root, 3) != "v2" {
		t.Errorf("after the commit the outputs are not v2")
	}
	staged[1].Flush()
	select {
	case dir := <-started:
		t.Errorf("a background flush of %s began after Commit", dir)
	case <-time.After(20 * time.Millisecond):
	}
}

// TestAbortWaitsForFlush: Abort waits for a background flush under way before it removes
// the staging directory, flushes nothing itself, and leaves the destination as it was.
func TestAbortWaitsForFlush(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, siteName)
	if _, err := publishPair(root, "v1", 3); err != nil {
		t.Fatal(err)
	}
	finals := 0
	started, release := holdFlushes(t, func(string) { finals++ })
	st, err := Stage(site)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, st.Dir(), siteTree("v2", 3))
	st.Flush()
	waitStarted(t, started, 1)
	aborted := make(chan error)
	go func() { aborted <- st.Abort() }()
	stillWaiting(t, "Abort", aborted)
	if _, err := os.Stat(st.Dir()); err != nil {
		t.Errorf("the staging directory went while its flush was under way: %v", err)
	}
	close(release)
	if err := <-aborted; err != nil {
		t.Fatal(err)
	}
	if finals != 0 {
		t.Errorf("Abort flushed %d directories, want none", finals)
	}
	if got := readTree(t, site); got["index.html"].Data != "home v1" {
		t.Errorf("after Abort the site's home page is %q, want v1's", got["index.html"].Data)
	}
	noLeftovers(t, root)
}
