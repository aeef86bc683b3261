package bleveindex

import (
	"path/filepath"
	"runtime"
	"testing"
	"weak"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/internal/sitetest"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// With release, BuildWorkers gives up each document and its analysis once its records are
// fed: when the shard has all its records (fed), before it writes them, not one of them is
// live any more where nothing else holds it. Without release the caller's sources are left as
// they were (and so live then: the check sees a document that is held). Both indexes hold the
// same records.
func TestBuildReleasesFedDocuments(t *testing.T) {
	cfg, _ := searchtest.Bundled(t)
	records := map[bool]int{}
	for _, release := range []bool{false, true} {
		// Documents of their own, not the ones Bundled keeps for every test.
		res, err := content.NewLoader(content.Options{}).LoadDir(sitetest.Root())
		if err != nil {
			t.Fatal(err)
		}
		src := searchtest.Sources(cfg, res.Documents)
		res = nil
		docs := make([]weak.Pointer[content.Document], len(src))
		ans := make([]weak.Pointer[analysis.Doc], len(src))
		for i, s := range src {
			docs[i], ans[i] = weak.Make(s.Doc), weak.Make(s.Analysis)
		}
		live := -1
		fed := func() {
			runtime.GC()
			live = 0
			for i := range docs {
				if docs[i].Value() != nil || ans[i].Value() != nil {
					live++
				}
			}
		}
		path := filepath.Join(t.TempDir(), "search.bleve")
		n, err := BuildWorkers(path, src, cfg.Search.Synonyms, 1, 1, release, fed)
		if err != nil || n == 0 {
			t.Fatalf("release %v: %d records, %v", release, n, err)
		}
		records[release] = n
		want := len(src)
		if release {
			want = 0
		}
		if live != want {
			t.Errorf("release %v: %d of %d documents (or their analysis) live once all were fed, want %d", release, live, len(src), want)
		}
		for i, s := range src {
			if cleared := s == (search.Source{}); cleared != release {
				t.Errorf("release %v: source %d cleared %v", release, i, cleared)
				break
			}
		}
		runtime.KeepAlive(src)
	}
	if records[true] != records[false] {
		t.Errorf("%d records with release, %d without", records[true], records[false])
	}
}
