package bleveindex

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/internal/sitetest"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// A patched index answers as an index built afresh from the same documents: the full index of
// the content before some edits, patched with an index of only the edited, added and removed
// documents, finds the same records, totals and facet counts as a full rebuild after them.
func TestPatchAnswersAsRebuild(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	if len(docs) < 5 {
		t.Fatal("too few bundled documents")
	}
	// The edits: one document gets a new sentence and loses a term, one is new (it was not in
	// the first build), one is removed.
	lost := "工作要点"
	var edited *content.Document
	var text string
	for _, d := range docs[:len(docs)-2] {
		src, err := os.ReadFile(filepath.Join(sitetest.Root(), filepath.FromSlash(d.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(src), lost) > 1 {
			edited, text = d, string(src)
			break
		}
	}
	if edited == nil {
		t.Fatalf("no bundled document says %s twice", lost)
	}
	text = strings.Replace(text, lost, "年度安排", -1) + "\n补充一段：开展补丁测试专项行动，覆盖率不低于87%。\n"
	editedDoc, diags := content.NewLoader(content.Options{}).Parse(edited.Path, []byte(text))
	for _, d := range diags {
		if !d.Warning {
			t.Fatalf("parse the edited document: %v", d)
		}
	}
	added, removed := docs[len(docs)-1], docs[len(docs)-2]

	before := slices.Clone(docs[:len(docs)-1]) // without added
	after := []*content.Document{}
	for _, d := range docs {
		switch d {
		case removed:
		case edited:
			after = append(after, editedDoc)
		default:
			after = append(after, d)
		}
	}
	dir := t.TempDir()
	build := func(name string, ds []*content.Document, shards int) string {
		p := filepath.Join(dir, name)
		if _, err := BuildShards(p, searchtest.Sources(cfg, ds), cfg.Search.Synonyms, shards); err != nil {
			t.Fatal(err)
		}
		return p
	}
	base, err := Open(build("base", before, Shards), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer base.Close()
	full, err := Open(build("full", after, Shards), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	patched, err := Patch(base, build("overlay", []*content.Document{editedDoc, added}, 1), []string{edited.URL, removed.URL})
	if err != nil {
		t.Fatal(err)
	}
	defer patched.Close()

	queries := []string{"补丁测试", lost, "年度安排", "87%", "儿科", "家庭医生", "卫生", "医", "托育 OR 中医", "健康 -医院"}
	for _, th := range cfg.Themes {
		queries = append(queries, th.Name)
	}
	// same checks that the patched index answers r as the rebuilt one: total, hits, facets.
	same := func(r search.Request) {
		want, err := full.Search(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := patched.Search(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || !reflect.DeepEqual(urlSet(got), urlSet(want)) || !reflect.DeepEqual(got.Facets, want.Facets) {
			t.Errorf("%q %v: patched %d hits %v, facets %v; rebuilt %d hits %v, facets %v", r.Q, r.Filters,
				got.Total, urlSet(got), got.Facets, want.Total, urlSet(want), want.Facets)
		}
	}
	for _, q := range queries {
		same(search.Request{Q: q, Size: 100})
		same(search.Request{Q: q, Size: 100, Sort: "date"})
		same(search.Request{Q: q, Size: 100, Filters: map[string][]string{"region": {added.Meta.Region}}})
	}
	// Browsing (filters alone) lists the patched documents too, and not the base's records of
	// those replaced or removed: by one filter of one or two values, and by two filters.
	for _, fl := range []map[string][]string{
		{"region": {added.Meta.Region}},
		{"region": {removed.Meta.Region}},
		{"region": {edited.Meta.Region, removed.Meta.Region}},
		{"agency": {edited.Meta.Agency}},
		{"category": {edited.Meta.Category}},
		{"province": {added.Meta.Province}, "category": {removed.Meta.Category}},
		{"region": {removed.Meta.Region}, "agency": {edited.Meta.Agency, added.Meta.Agency}},
	} {
		same(search.Request{Size: 100, Filters: fl})
	}
	// The base is untouched: it still answers as before the edits.
	if r, _ := base.Search(context.Background(), search.Request{Q: "补丁测试"}); r.Total != 0 {
		t.Errorf("the base index finds %d records of the overlay", r.Total)
	}
	if r, _ := patched.Search(context.Background(), search.Request{Q: "补丁测试"}); r.Total == 0 {
		t.Error("the patched index does not find the edited document's new sentence")
	}
	// Closing the base first leaves the patched index working: it holds the base's segments.
	base.Close()
	if _, err := patched.Search(context.Background(), search.Request{Q: "儿科"}); err != nil {
		t.Errorf("after the base is closed: %v", err)
	}
}

func urlSet(r *search.Response) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.URL)
	}
	slices.Sort(out)
	return out
}
