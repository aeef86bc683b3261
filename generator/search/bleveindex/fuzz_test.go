package bleveindex

import (
	"context"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/search"
)

const fuzzConfig = `
title = "测试"
base_url = "https://example.org/"
[search]
synonyms = [["医共体", "医疗共同体"]]
[[themes]]
slug = "children"
name = "儿童"
keywords = ["儿科", "儿童"]
`

var fuzzDocs = []string{
	"+++\ntitle = \"2025年甲市卫生健康工作要点\"\nagency = \"甲市卫生健康委员会\"\npublished = \"2025-03-04\"\nregion = \"甲市\"\n+++\n\n会议指出，2025年家庭医生签约服务覆盖率不低于65%，建设家庭病床170张。\n\n## 一、深化改革\n\n1. 推进紧密型县域医共体建设。\n\n2. 扩大儿科医疗服务供给，人均预期寿命达到82.6岁以上。\n",
	"+++\ntitle = \"2024年乙县工作要点\"\nagency = \"乙县卫生健康局\"\npublished = \"2024-01-10\"\nregion = \"乙县\"\n+++\n\n1. 建设县域医疗共同体，4.65亿元投入互联网+医疗健康。\n",
}

// FuzzSearch: any query with any filters, dates, page, size and sort on a small index answers
// or is refused as the client's error (400), never a panic or a server error.
func FuzzSearch(f *testing.F) {
	cfg, err := config.Parse("config.toml", []byte(fuzzConfig))
	if err != nil {
		f.Fatal(err)
	}
	az := analysis.New(cfg)
	var src []search.Source
	for i, s := range fuzzDocs {
		d, diags := content.NewLoader(content.Options{}).Parse("content/plans/d"+string(rune('a'+i))+".md", []byte(s))
		for _, dg := range diags {
			if !dg.Warning {
				f.Fatal(dg)
			}
		}
		src = append(src, search.Source{Doc: d, Analysis: az.Analyse(d)})
	}
	dir := filepath.Join(f.TempDir(), "idx")
	if _, err := Build(dir, src, cfg.Search.Synonyms); err != nil {
		f.Fatal(err)
	}
	ix, err := Open(dir, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { ix.Close() })
	for _, c := range []struct {
		q, theme, year, from, sort string
		page, size                 int
	}{
		{"儿科", "", "", "", "", 1, 10}, {"65%", "children", "2025", "", "date", 1, 1}, {"医共体 -儿科", "", "abcd", "2025-13-40", "x", -1, 1000},
		{"\"", "不存在", "0", "0000-01-01", "relevance", 1 << 30, 0}, {"a OR b OR", "", "", "", "", 2, 5}, {"互联网+", "", "", "", "", 1, 100},
	} {
		f.Add(c.q, c.theme, c.year, c.from, c.sort, c.page, c.size)
	}
	f.Fuzz(func(t *testing.T, q, theme, year, from, sort string, page, size int) {
		for _, s := range []string{q, theme, year, from, sort} {
			if !utf8.ValidString(s) {
				return
			}
		}
		r := search.Request{Q: q, From: from, Sort: sort, Page: page, Size: size, Filters: map[string][]string{}}
		if theme != "" {
			r.Filters["theme"] = []string{theme}
		}
		if year != "" {
			r.Filters["year"] = []string{year}
		}
		if err := r.Normalize(); err != nil {
			if !search.IsRequestError(err) {
				t.Fatalf("%+v: %v is not a request error", r, err)
			}
			return
		}
		resp, err := ix.Search(context.Background(), r)
		if err != nil {
			if !search.IsRequestError(err) {
				t.Fatalf("%+v: server error %v", r, err)
			}
			return
		}
		if int(resp.Total) < len(resp.Hits) {
			t.Fatalf("%+v: total %d < %d hits", r, resp.Total, len(resp.Hits))
		}
	})
}
