package bleveindex

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
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

// TestPinyinKnownWordFirst: of two readings of weijianwei that both occur, 卫健委 (a configured
// synonym) is searched rather than 卫健蔚, which is in more records but only where 湖州卫健 meets
// 蔚然成风: a generated corpus repeats that sentence hundreds of times, and once the vocabulary
// counted records truly the sentence's fragment was read instead of the word.
func TestPinyinKnownWordFirst(t *testing.T) {
	cfg, err := config.Parse("config.toml", []byte(`
title = "测试"
base_url = "https://example.org/"
[search]
synonyms = [["卫健委", "卫生健康委员会"]]
`))
	if err != nil {
		t.Fatal(err)
	}
	az := analysis.New(cfg)
	var src []search.Source
	for i, body := range []string{"1. 在湖州卫健蔚然成风。", "1. 在湖州卫健蔚然成风。\n\n2. 在湖州卫健蔚然成风。", "1. 在湖州卫健蔚然成风。", "1. 贯彻国家卫健委关于《改善就医感受》的通知。"} {
		d, diags := content.NewLoader(content.Options{}).Parse(fmt.Sprintf("content/plans/d%d.md", i),
			[]byte(fmt.Sprintf("+++\ntitle = \"甲市工作要点%d\"\nagency = \"甲市卫生健康委员会\"\npublished = \"2025-03-04\"\n+++\n\n%s\n", i, body)))
		for _, dg := range diags {
			if !dg.Warning {
				t.Fatal(dg)
			}
		}
		src = append(src, search.Source{Doc: d, Analysis: az.Analyse(d)})
	}
	dir := filepath.Join(t.TempDir(), "idx")
	if _, err := Build(dir, src, cfg.Search.Synonyms); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, search.NewSynonyms(cfg.Search.Synonyms))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []string{"卫健蔚", "卫健委"} {
		if r, err := ix.Search(context.Background(), search.Request{Q: q}); err != nil || r.Total == 0 {
			t.Fatalf("%s: %v, no hits: the case needs both to occur", q, err)
		}
	}
	r, err := ix.Search(context.Background(), search.Request{Q: "weijianwei"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pinyin) != 1 || r.Pinyin[0].Term != "卫健委" {
		t.Errorf("weijianwei: read as %+v, want 卫健委", r.Pinyin)
	}
}
