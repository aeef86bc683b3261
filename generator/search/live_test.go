package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/publish"
)

// publishIndex builds an index of docs into a staging directory and swaps it in at path, as
// planportal build does.
func publishIndex(t *testing.T, path string, docs []*content.Document) {
	t.Helper()
	st, err := publish.Stage(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(st.Dir(), analysed(bundled.cfg, docs), bundled.cfg.Search.Synonyms); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestLiveFollowsRebuilds: a Live index with nothing built answers ErrNoIndex; after a build
// it answers; after a rebuild without one document, that document is gone; queries running
// through the swap never fail.
func TestLiveFollowsRebuilds(t *testing.T) {
	_, docs := bundledIndex(t)
	path := filepath.Join(t.TempDir(), "search.bleve")
	live := OpenLive(path, nil)
	defer live.Close()
	if _, err := live.Search(context.Background(), Request{Q: "江西"}); !errors.Is(err, ErrNoIndex) {
		t.Fatalf("before any build: err = %v, want ErrNoIndex", err)
	}
	publishIndex(t, path, docs)
	if !live.Reload() {
		t.Fatal("Reload did not pick up the first build")
	}
	hasJiangxi := func() bool {
		resp, err := live.Search(context.Background(), Request{Q: "江西", Size: 100})
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
				if _, err := live.Search(context.Background(), Request{Q: "儿科"}); err != nil {
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
	if _, err := os.Stat(filepath.Join(path, manifestName)); err != nil {
		t.Fatal(err)
	}
}
