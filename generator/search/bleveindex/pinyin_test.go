package bleveindex

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// What pinyin needs of an index's vocabulary (the readings of its characters) is made by the
// first query that asks, and queries run concurrently: an index whose first queries come all
// at once from many clients answers each as an index that answered them one by one. Run with
// -race: the readings of a character typed in a query (龘, in no document) were once cached
// by the query that looked them up, a write that concurrent queries raced on.
func TestConcurrentFirstQueries(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	path := filepath.Join(t.TempDir(), "search.bleve")
	if _, err := Build(path, searchtest.Sources(cfg, docs), cfg.Search.Synonyms); err != nil {
		t.Fatal(err)
	}
	queries := []string{"erke", "jiating yisheng", "yibao", "gongwei", "zhongyi", "兒科", "儿龘", "龘科", "家庭医龘",
		"儿料", "医共休", "jiatingyisheng 儿科"}
	answer := func(ix search.Index, q string) (*search.Response, error) {
		r, err := ix.Search(context.Background(), search.Request{Q: q, Size: 20})
		if err == nil {
			r.TookMS = 0
		}
		return r, err
	}
	one, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	want := map[string]*search.Response{}
	for _, q := range queries {
		if want[q], err = answer(one, q); err != nil {
			t.Fatal(err)
		}
	}
	if len(want["erke"].Pinyin) == 0 || len(want["儿龘"].Suggestions) == 0 {
		t.Fatalf("the queries do not read pinyin or suggest: erke %+v, 儿龘 %+v", want["erke"].Pinyin, want["儿龘"].Suggestions)
	}
	all, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(queries))
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := range queries {
				q := queries[(i+c)%len(queries)]
				got, err := answer(all, q)
				if err != nil {
					errs <- err
					return
				}
				if !reflect.DeepEqual(got, want[q]) {
					errs <- fmt.Errorf("%q answered at once by 8 clients:\n%+v\none by one:\n%+v", q, got, want[q])
				}
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
