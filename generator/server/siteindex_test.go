package server

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/publish"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
)

// buildOutputs publishes a one-plan site mentioning word, and its index, into root/public
// and root/search.bleve as one build, and returns the build's ID.
func buildOutputs(t *testing.T, root, word string) string {
	t.Helper()
	src := "+++\ntitle = \"测试通知\"\nagency = \"测试市卫生健康委员会\"\npublished = \"2025-06-01\"\n+++\n\n1. 推进" + word + "工作。\n"
	doc, diags := content.NewLoader(content.Options{}).Parse("plans/test.md", []byte(src))
	for _, d := range diags {
		if !d.Warning {
			t.Fatal(d)
		}
	}
	site, index := filepath.Join(root, "public"), filepath.Join(root, "search.bleve")
	tx, err := publish.Begin(index, site)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	st, err := tx.Stage(site)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(st.Dir(), "index.html"), []byte("<p>"+word+"</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	ist, err := tx.Stage(index)
	if err != nil {
		t.Fatal(err)
	}
	unit := search.Source{Doc: doc, Analysis: analysis.New(&config.Config{}).Analyse(doc)}
	if _, err := bleveindex.Build(ist.Dir(), []search.Source{unit}, nil); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return tx.ID()
}

// hits searches si for word.
func hits(t *testing.T, si *SiteIndex, word string) (int, error) {
	t.Helper()
	resp, err := si.Search(context.Background(), search.Request{Q: word})
	if err != nil {
		return 0, err
	}
	return int(resp.Total), nil
}

// moveIn replaces dst by src, as one swap of a build does.
func moveIn(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.RemoveAll(dst); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(src, dst); err != nil {
		t.Fatal(err)
	}
}

// TestSiteIndexFollowsTheSite: between a build's two swaps (its index in place, the site not
// yet) serve keeps answering from the index of the site it serves, however often it reloads;
// once the site is swapped, the very next search answers from the new index, without waiting
// for a poll.
func TestSiteIndexFollowsTheSite(t *testing.T) {
	root, next := t.TempDir(), t.TempDir()
	buildOutputs(t, root, "甲方案")
	si := OpenSiteIndex(filepath.Join(root, "public"), filepath.Join(root, "search.bleve"), bleveindex.Opener, nil, t.Logf)
	defer si.Close()
	if n, err := hits(t, si, "甲方案"); err != nil || n != 1 {
		t.Fatalf("build A: %d hits, %v", n, err)
	}

	buildOutputs(t, next, "乙方案") // build B, published elsewhere, then moved in
	moveIn(t, filepath.Join(next, "search.bleve"), filepath.Join(root, "search.bleve"))
	for i := 0; i < 3; i++ {
		si.Reload() // a poll, or SIGHUP, between the two swaps
		if n, err := hits(t, si, "乙方案"); err != nil || n != 0 {
			t.Fatalf("the site is build A, but search finds build B's plan: %d hits, %v", n, err)
		}
		if n, err := hits(t, si, "甲方案"); err != nil || n != 1 {
			t.Fatalf("the site is build A, but search does not find its plan: %d hits, %v", n, err)
		}
	}

	moveIn(t, filepath.Join(next, "public"), filepath.Join(root, "public"))
	if n, err := hits(t, si, "乙方案"); err != nil || n != 1 {
		t.Errorf("the site is build B, search finds its plan %d times (%v), want 1", n, err)
	}
	if n, _ := hits(t, si, "甲方案"); n != 0 {
		t.Errorf("the site is build B, search still finds build A's plan")
	}
}

// TestSiteIndexRefusesOtherBuild: a site whose index is of another build (a site published
// without its index) gets no answers from that index: ErrNoIndex (503), not stale results.
func TestSiteIndexRefusesOtherBuild(t *testing.T) {
	root, other := t.TempDir(), t.TempDir()
	buildOutputs(t, root, "甲方案")
	buildOutputs(t, other, "乙方案")
	moveIn(t, filepath.Join(other, "public"), filepath.Join(root, "public"))
	si := OpenSiteIndex(filepath.Join(root, "public"), filepath.Join(root, "search.bleve"), bleveindex.Opener, nil, t.Logf)
	defer si.Close()
	if _, err := hits(t, si, "甲方案"); !errors.Is(err, search.ErrNoIndex) {
		t.Errorf("search with an index of another build: %v, want ErrNoIndex", err)
	}
	// A bad request is still the client's error, index or not.
	if _, err := si.Search(context.Background(), search.Request{Q: "甲", Size: 1000}); !search.IsRequestError(err) {
		t.Errorf("a bad request: %v, want a request error", err)
	}
}

// TestSiteIndexWaitsForPublishingBuild: a build published site and index B, and the next build
// C has swapped its index in before serve looked (builds back to back, serve still on A):
// no index of the site's build B is left. A search then waits for C
// to swap its site in (its index is of a later build than the site), and answers from C's
// index, rather than answer 503.
func TestSiteIndexWaitsForPublishingBuild(t *testing.T) {
	root, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	buildOutputs(t, root, "甲方案")
	site, index := filepath.Join(root, "public"), filepath.Join(root, "search.bleve")
	si := OpenSiteIndex(site, index, bleveindex.Opener, nil, t.Logf)
	defer si.Close()
	if n, err := hits(t, si, "甲方案"); err != nil || n != 1 {
		t.Fatalf("build A: %d hits, %v", n, err)
	}
	buildOutputs(t, b, "乙方案")
	moveIn(t, filepath.Join(b, "search.bleve"), index)
	moveIn(t, filepath.Join(b, "public"), site)
	buildOutputs(t, c, "丙方案")
	moveIn(t, filepath.Join(c, "search.bleve"), index) // build C between its two swaps
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(200 * time.Millisecond)
		moveIn(t, filepath.Join(c, "public"), site)
	}()
	n, err := hits(t, si, "丙方案")
	<-done
	if err != nil || n != 1 {
		t.Errorf("a search while build C publishes: %d hits, %v; want build C's plan once", n, err)
	}
}

// TestSiteIndexDamagedIndexAnswersAtOnce: the site's own build's index cannot be opened (a
// shard removed by hand): no build is coming to mend it, so a search answers ErrNoIndex after
// trying it again once, not after reloading it without pause until settleWait ends (thousands
// of reloads, each logging the same error, for 5 s a request).
func TestSiteIndexDamagedIndexAnswersAtOnce(t *testing.T) {
	root := t.TempDir()
	buildOutputs(t, root, "甲方案")
	if err := os.RemoveAll(filepath.Join(root, "search.bleve", "shard-0")); err != nil {
		t.Fatal(err)
	}
	logged := 0
	si := OpenSiteIndex(filepath.Join(root, "public"), filepath.Join(root, "search.bleve"), bleveindex.Opener, nil, func(string, ...any) { logged++ })
	defer si.Close()
	before := logged
	if _, err := hits(t, si, "甲方案"); !errors.Is(err, search.ErrNoIndex) {
		t.Fatalf("search with a damaged index: %v, want ErrNoIndex", err)
	}
	if n := logged - before; n > 3 {
		t.Errorf("one search with a damaged index logged %d lines, want at most 3", n)
	}
}
