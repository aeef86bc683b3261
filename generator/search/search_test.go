package search_test

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/search/engine"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// bundled builds the index of the repository's content once for all tests.
var bundled struct {
	once sync.Once
	docs []*content.Document
	cfg  *config.Config
	ix   *engine.Index
	err  error
}

func bundledIndex(t *testing.T) (*engine.Index, []*content.Document) {
	t.Helper()
	cfg, docs := searchtest.Bundled(t)
	bundled.once.Do(func() {
		dir := filepath.Join(tmpRoot, "bundled.bleve")
		if _, err := bleveindex.Build(dir, searchtest.Sources(cfg, docs), cfg.Search.Synonyms); err != nil {
			bundled.err = err
			return
		}
		bundled.ix, bundled.err = bleveindex.Open(dir, search.NewSynonyms(cfg.Search.Synonyms))
		bundled.docs, bundled.cfg = docs, cfg
	})
	if bundled.err != nil {
		t.Fatal(bundled.err)
	}
	return bundled.ix, bundled.docs
}

// recordsOf returns the records of one of the bundled documents.
func recordsOf(d *content.Document) []search.Record {
	return search.Records(searchtest.Sources(bundled.cfg, []*content.Document{d})[0])
}

// truth computes, from the content itself, which documents and items contain a term (as a
// normalised substring): items by their own text; documents by any of their text.
func truth(docs []*content.Document, alternatives []string) (docURLs, itemURLs map[string]bool) {
	docURLs, itemURLs = map[string]bool{}, map[string]bool{}
	has := func(s string) bool {
		n := search.NormalizeString(s)
		for _, a := range alternatives {
			if strings.Contains(n, search.NormalizeString(a)) {
				return true
			}
		}
		return false
	}
	for _, d := range docs {
		for _, u := range recordsOf(d) {
			all := strings.Join([]string{u.Text, u.TitleS, u.Heading, u.Meta}, "\n")
			if has(all) {
				docURLs[d.URL] = true
				if u.Kind == search.KindItem {
					itemURLs[u.URL] = true
				}
			}
		}
	}
	return docURLs, itemURLs
}

func allHits(t *testing.T, ix search.Searcher, r search.Request) *search.Response {
	t.Helper()
	r.Size = search.MaxSize
	var out *search.Response
	for page := 1; ; page++ {
		r.Page = page
		resp, err := ix.Search(context.Background(), r)
		if err != nil {
			t.Fatalf("search %q: %v", r.Q, err)
		}
		if out == nil {
			out = resp
		} else {
			out.Hits = append(out.Hits, resp.Hits...)
		}
		if len(resp.Hits) < r.Size {
			return out
		}
	}
}

func keys(m map[string]bool) []string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

// TestPrecisionRecall: for exact Chinese terms (and Latin ones), the documents and items hit
// are exactly those whose text contains the term, and every snippet marks it.
func TestPrecisionRecall(t *testing.T) {
	ix, docs := bundledIndex(t)
	terms := []string{
		"儿科", "托育", "家庭医生签约", "三明医改", "癌", "医共体", "精神卫生", "中医馆",
		"安宁疗护", "院前急救", "DeepSeek", "deepseek", "AI", "ＡＩ", "2025", "医疗AI", "互联网医院",
		"健康素养", "分管领导", "电子病历", "揭榜挂帅", "老年", "疾控", "胸痛", "心理",
	}
	for _, term := range terms {
		t.Run(term, func(t *testing.T) {
			alts := search.NewSynonyms(bundled.cfg.Search.Synonyms).Expand(term)
			wantDocs, wantItems := truth(docs, alts)
			resp := allHits(t, ix, search.Request{Q: term})
			gotDocs, gotItems := map[string]bool{}, map[string]bool{}
			for _, h := range resp.Hits {
				gotDocs[h.DocURL] = true
				if h.Kind == search.KindItem {
					gotItems[h.URL] = true
				}
				if !strings.Contains(string(h.Snippet), "<mark>") {
					t.Errorf("hit %s: snippet has no <mark>: %s", h.URL, h.Snippet)
				}
			}
			if int(resp.Total) != len(resp.Hits) {
				t.Errorf("total %d but %d hits collected", resp.Total, len(resp.Hits))
			}
			if strings.Join(keys(gotDocs), " ") != strings.Join(keys(wantDocs), " ") {
				t.Errorf("documents:\n got %v\nwant %v", keys(gotDocs), keys(wantDocs))
			}
			if strings.Join(keys(gotItems), " ") != strings.Join(keys(wantItems), " ") {
				t.Errorf("items:\n got %v\nwant %v", keys(gotItems), keys(wantItems))
			}
			if len(wantDocs) == 0 {
				t.Errorf("term %q occurs nowhere in the bundled content: pick a better term", term)
			}
			t.Logf("%s (%v): %d documents, %d items", term, alts, len(wantDocs), len(wantItems))
		})
	}
}

// TestTooManyTerms: a query of more than MaxTerms terms is a request error, not a slow search.
func TestTooManyTerms(t *testing.T) {
	ix, _ := bundledIndex(t)
	q := strings.TrimSuffix(strings.Repeat("的 OR ", search.MaxTerms+1), " OR ")
	if _, err := ix.Search(context.Background(), search.Request{Q: q}); !search.IsRequestError(err) {
		t.Errorf("%d ORed terms: err = %v, want a request error", search.MaxTerms+1, err)
	}
	q = strings.TrimSuffix(strings.Repeat("的 OR ", search.MaxTerms), " OR ")
	if _, err := ix.Search(context.Background(), search.Request{Q: q}); err != nil {
		t.Errorf("%d terms: %v", search.MaxTerms, err)
	}
}
