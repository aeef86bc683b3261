package publish

import (
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// watchFlushes replaces the background flush (writeback) and Commit's final flush
// (finalFlush) with recorders for the test: background flushes are counted, and each takes a
// moment, so that one is likely under way when Commit begins. final is called, under a lock,
// with each directory the final flush is given and whether a background flush was running
// then; the real final flush follows.
func watchFlushes(t *testing.T, final func(dir string, busy bool)) (background *atomic.Int64) {
	t.Helper()
	var count, running atomic.Int64
	var mu sync.Mutex
	oldWriteback, oldFinal := writeback, finalFlush
	t.Cleanup(func() { writeback, finalFlush = oldWriteback, oldFinal })
	writeback = func(dir string) {
		running.Add(1)
		defer running.Add(-1)
		time.Sleep(2 * time.Millisecond)
		oldWriteback(dir)
		count.Add(1)
	}
	finalFlush = func(dir string) error {
		mu.Lock()
		final(dir, running.Load() > 0)
		mu.Unlock()
		return oldFinal(dir)
	}
	return &count
}

// TestCommitFlushesAfterBackground: however much a background flush (Staging.Flush) has
// written, Commit still flushes every staged directory itself, once the background flushes
// have stopped and before anything is swapped in: without that final flush a power cut just
// after the swap could leave a published site with empty files. After Commit no background
// flush runs, even if one is asked for.
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
	background := watchFlushes(t, func(dir string, busy bool) {
		flushed = append(flushed, dir)
		if busy {
			t.Errorf("the final flush of %s began while a background flush was running", dir)
		}
		if ID(dir) != tx.ID() {
			t.Errorf("the final flush of %s came before its ID was written", dir)
		}
		if ID(site) == tx.ID() || ID(index) == tx.ID() {
			t.Errorf("the final flush of %s came after a swap", dir)
		}
	})
	var staged []string
	for _, out := range []struct {
		dest     string
		tree     map[string]string
		interval time.Duration
	}{{index, indexTree("v2", 3), 0}, {site, siteTree("v2", 3), time.Millisecond}} {
		st, err := tx.Stage(out.dest)
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, st.Dir(), out.tree)
		st.Flush(out.interval)
		staged = append(staged, st.Dir())
	}
	for deadline := time.Now().Add(5 * time.Second); background.Load() < 3; {
		if time.Now().After(deadline) {
			t.Fatalf("%d background flushes in 5 s, want at least 3 (one of the index, two of the site)", background.Load())
		}
		time.Sleep(time.Millisecond)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(flushed)
	slices.Sort(staged)
	if !slices.Equal(flushed, staged) {
		t.Errorf("Commit flushed %q, want every staged directory %q", flushed, staged)
	}
	if pairTag(t, root, 3) != "v2" {
		t.Errorf("after the commit the outputs are not v2")
	}
	n := background.Load()
	time.Sleep(20 * time.Millisecond)
	if got := background.Load(); got != n {
		t.Errorf("%d background flushes after Commit returned", got-n)
	}
}

// TestAbortStopsFlush: Abort stops the background flush before it removes the staging
// directory, and the destination stays as it was.
func TestAbortStopsFlush(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, siteName)
	if _, err := publishPair(root, "v1", 3); err != nil {
		t.Fatal(err)
	}
	finals := 0
	background := watchFlushes(t, func(string, bool) { finals++ })
	st, err := Stage(site)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, st.Dir(), siteTree("v2", 3))
	st.Flush(time.Millisecond)
	for deadline := time.Now().Add(5 * time.Second); background.Load() < 1; {
		if time.Now().After(deadline) {
			t.Fatal("no background flush in 5 s")
		}
		time.Sleep(time.Millisecond)
	}
	if err := st.Abort(); err != nil {
		t.Fatal(err)
	}
	n := background.Load()
	time.Sleep(20 * time.Millisecond)
	if got := background.Load(); got != n {
		t.Errorf("%d background flushes after Abort returned", got-n)
	}
	if finals != 0 {
		t.Errorf("Abort flushed %d directories, want none", finals)
	}
	if got := readTree(t, site); got["index.html"].Data != "home v1" {
		t.Errorf("after Abort the site's home page is %q, want v1's", got["index.html"].Data)
	}
	noLeftovers(t, root)
}
