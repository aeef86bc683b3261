package bleveindex

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/publish"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// publishIndex builds an index of docs into a staging directory and swaps it in at path, as
// planportal build does.
func publishIndex(t *testing.T, path string, docs []*content.Document) {
	t.Helper()
	cfg, _ := searchtest.Bundled(t)
	st, err := publish.Stage(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(st.Dir(), searchtest.Sources(cfg, docs), cfg.Search.Synonyms); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestLiveFollowsRebuilds: a Live index with nothing built answers search.ErrNoIndex; after a build
// it answers; after a rebuild without one document, that document is gone; queries running
// through the swap never fail.
func TestLiveFollowsRebuilds(t *testing.T) {
	_, docs := searchtest.Bundled(t)
	path := filepath.Join(t.TempDir(), "search.bleve")
	live := search.OpenLive(path, nil, Opener)
	defer live.Close()
	if _, err := live.Search(context.Background(), search.Request{Q: "江西"}); !errors.Is(err, search.ErrNoIndex) {
		t.Fatalf("before any build: err = %v, want search.ErrNoIndex", err)
	}
	publishIndex(t, path, docs)
	if !live.Reload() {
		t.Fatal("Reload did not pick up the first build")
	}
	hasJiangxi := func() bool {
		resp, err := live.Search(context.Background(), search.Request{Q: "江西", Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range resp.Hits {
			if h.DocURL == "/plans/jiangxi-2025/" {
				return true
			}
		}
		return false
	}
	if !hasJiangxi() {
		t.Fatal("江西 does not find jiangxi-2025 in the first build")
	}

	var failures atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := live.Search(context.Background(), search.Request{Q: "儿科"}); err != nil {
					failures.Add(1)
				}
			}
		}()
	}
	var rest []*content.Document
	for _, d := range docs {
		if d.URL != "/plans/jiangxi-2025/" {
			rest = append(rest, d)
		}
	}
	for i := 0; i < 3; i++ { // swap several times under load
		publishIndex(t, path, rest)
		if !live.Reload() {
			t.Fatal("Reload did not pick up a rebuild")
		}
	}
	close(stop)
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Errorf("%d searches failed while the index was swapped", n)
	}
	if hasJiangxi() {
		t.Error("jiangxi-2025 is still found after a rebuild without it")
	}
	if live.Reload() {
		t.Error("Reload reopened an index that had not changed")
	}
	if _, err := os.Stat(filepath.Join(path, search.ManifestName)); err != nil {
		t.Fatal(err)
	}
}

// countingOpen is Open that records the shards of every index it opens; a slow open (delay)
// widens the window in which a reload is in progress. opening, if not nil, is closed when the
// first open after arm begins.
type countingOpen struct {
	mu      sync.Mutex
	opened  []*shards
	delay   time.Duration
	armed   bool
	opening chan struct{}
}

func (c *countingOpen) open(path string, syn *search.Synonyms) (search.Index, error) {
	c.mu.Lock()
	if c.armed {
		c.armed = false
		close(c.opening)
	}
	delay := c.delay
	c.mu.Unlock()
	ix, sh, err := open(path, syn)
	time.Sleep(delay)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.opened = append(c.opened, sh)
	c.mu.Unlock()
	return ix, nil
}

// arm makes the next open close the returned channel as it begins.
func (c *countingOpen) arm() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.armed, c.opening = true, make(chan struct{})
	return c.opening
}

// stillOpen counts the indexes opened and not closed: bleve answers ErrorIndexClosed once an
// index is closed.
func (c *countingOpen) stillOpen() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, sh := range c.opened {
		if _, err := sh.indexes[0].DocCount(); !errors.Is(err, bleve.ErrorIndexClosed) {
			n++
		}
	}
	return n
}

// TestLiveCloseDuringReload: Close called while a Reload is opening a new version, with
// searches and more reloads running, leaves no index open once it returns (the replaced
// version's retirement included), and a Reload after Close opens nothing.
func TestLiveCloseDuringReload(t *testing.T) {
	_, docs := searchtest.Bundled(t)
	for round := 0; round < 5; round++ {
		path := filepath.Join(t.TempDir(), "search.bleve")
		publishIndex(t, path, docs[:3])
		co := &countingOpen{}
		live := search.OpenLive(path, nil, co.open)
		if co.stillOpen() != 1 {
			t.Fatalf("round %d: OpenLive opened %d indexes, want 1", round, co.stillOpen())
		}
		publishIndex(t, path, docs[1:4]) // a new version for the reloads to open
		co.mu.Lock()
		co.delay = 20 * time.Millisecond
		co.mu.Unlock()
		opening := co.arm()

		stop := make(chan struct{})
		var wg sync.WaitGroup
		var failures atomic.Int64
		for g := 0; g < 4; g++ {
			wg.Add(2)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					live.Reload()
				}
			}()
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					if _, err := live.Search(context.Background(), search.Request{Q: "卫生"}); err != nil && !errors.Is(err, search.ErrNoIndex) {
						failures.Add(1)
					}
				}
			}()
		}
		<-opening // a Reload is now opening the new version
		if err := live.Close(); err != nil {
			t.Errorf("round %d: Close: %v", round, err)
		}
		if n := co.stillOpen(); n != 0 {
			t.Errorf("round %d: %d of %d opened indexes still open after Close", round, n, len(co.opened))
		}
		close(stop)
		wg.Wait()
		if n := failures.Load(); n > 0 {
			t.Errorf("round %d: %d searches failed", round, n)
		}
		if n := co.stillOpen(); n != 0 {
			t.Errorf("round %d: %d indexes open after the reloads stopped", round, n)
		}

		publishIndex(t, path, docs[2:5])
		before := len(co.opened)
		if live.Reload() || len(co.opened) != before {
			t.Errorf("round %d: Reload after Close opened an index", round)
		}
		if _, err := live.Search(context.Background(), search.Request{Q: "卫生"}); !errors.Is(err, search.ErrNoIndex) {
			t.Errorf("round %d: search after Close: err = %v, want search.ErrNoIndex", round, err)
		}
	}
}

// TestLiveVersionIsTheFile: a rebuild is seen even when its manifest has the same size and
// modification time as the one it replaces (coarse timestamps, or a build within the same
// tick): the version is the file itself, on every system.
func TestLiveVersionIsTheFile(t *testing.T) {
	_, docs := searchtest.Bundled(t)
	path := filepath.Join(t.TempDir(), "search.bleve")
	publishIndex(t, path, docs[:3])
	live := search.OpenLive(path, nil, Opener)
	defer live.Close()
	manifest := filepath.Join(path, search.ManifestName)
	fi, err := os.Stat(manifest)
	if err != nil {
		t.Fatal(err)
	}
	publishIndex(t, path, docs[:3]) // the same content: the same manifest bytes
	if err := os.Chtimes(manifest, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if fi2, err := os.Stat(manifest); err != nil || fi2.Size() != fi.Size() || !fi2.ModTime().Equal(fi.ModTime()) {
		t.Fatalf("the rebuilt manifest differs in size or time (%v); the test needs them equal", err)
	}
	if !live.Reload() {
		t.Error("Reload missed a rebuild whose manifest has the same size and time")
	}
	if live.Reload() {
		t.Error("Reload reopened an index that had not changed")
	}
}
