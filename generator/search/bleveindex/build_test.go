package bleveindex

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// The index is built beside itself, never through the system's temporary directory: bleve's
// builder moves its last segment into place with a rename, which fails where the temporary
// directory is on another file system (TEMP on C: and the site on D:, /tmp on tmpfs). A
// temporary directory that cannot be used at all shows the same dependence here.
func TestBuildNeedsNoTempDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("os.TempDir falls back to the Windows directory when TMP is unusable")
	}
	cfg, docs := searchtest.Bundled(t)
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	path := filepath.Join(t.TempDir(), "search.bleve")
	n, err := Build(path, searchtest.Sources(cfg, docs), cfg.Search.Synonyms)
	if err != nil || n == 0 {
		t.Fatalf("Build with no usable temporary directory: %d records, %v", n, err)
	}
	entries, _ := os.ReadDir(path)
	for _, e := range entries {
		if sub, _ := os.ReadDir(filepath.Join(path, e.Name())); e.IsDir() && len(sub) == 0 {
			t.Errorf("%s: an empty directory was left in the index", e.Name())
		}
	}
}

// TestFieldsAreTheMapping: fields gives every field the mapping has, from a record with all
// of them set, and no other; and leaves out the empty ones.
func TestFieldsAreTheMapping(t *testing.T) {
	u := search.Record{Kind: "k", URL: "u", DocURL: "d", Title: "t", Section: "s", Item: "i", Text: "x", TitleS: "ts",
		Heading: "h", Meta: "m", Agency: "a", Region: "r", Province: "p", Category: "c", Validity: "v", Year: "y",
		Themes: []string{"th"}, Day: "2025", Seq: "1", Facets: []string{"0"}}
	dm := NewMapping().(*mapping.IndexMappingImpl).DefaultMapping
	got := fields(&u)
	for name := range dm.Properties {
		if name == "_all" {
			continue
		}
		if _, ok := got[name]; !ok {
			t.Errorf("fields leaves out %s", name)
		}
	}
	for name := range got {
		if _, ok := dm.Properties[name]; !ok {
			t.Errorf("fields gives %s, which the mapping does not have", name)
		}
	}
	if got := fields(&search.Record{Kind: "doc", Seq: "1", Themes: []string{}}); len(got) != 1 {
		t.Errorf("fields of a record with only a kind and a seq: %v", got)
	}
}

// fields is a record as bleve's mapping reads it, without its empty fields and those only
// the stored file holds: what a shard's segment must hold (zapShard).
func fields(u *search.Record) map[string]interface{} {
	m := make(map[string]interface{}, 16)
	for _, f := range recordFields(u) {
		if f.value != "" && (f.indexed || f.name == "seq") {
			m[f.name] = f.value
		}
	}
	return m
}

// shardSegments opens the shard at path and returns its segments, closed when the test ends.
func shardSegments(t *testing.T, path string) []*scorch.SegmentSnapshot {
	t.Helper()
	ix, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	adv, _ := ix.Advanced()
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r.(*scorch.IndexSnapshot).Segments()
}

// dump returns what a built shard holds, keyed by record URL: "url field term" → frequency
// and norm, "url field #i" → stored value.
func dump(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, ss := range shardSegments(t, path) {
		seg := ss.Segment()
		ids := make([]string, seg.Count())
		for n := range ids {
			i := 0
			err := seg.VisitStoredFields(uint64(n), func(field string, _ byte, v []byte, _ []uint64) bool {
				if field == "_id" {
					ids[n] = string(v)
				} else {
					out[fmt.Sprintf("%s %s #%d", ids[n], field, i)] = string(v)
					i++
				}
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, field := range seg.Fields() {
			if field == "_id" {
				continue
			}
			d, err := seg.Dictionary(field)
			if err != nil {
				t.Fatal(err)
			}
			it := d.AutomatonIterator(nil, nil, nil)
			for e, err := it.Next(); e != nil; e, err = it.Next() {
				if err != nil {
					t.Fatal(err)
				}
				pl, err := d.PostingsList([]byte(e.Term), nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				pi := pl.Iterator(true, true, false, nil)
				for p, err := pi.Next(); p != nil; p, err = pi.Next() {
					if err != nil {
						t.Fatal(err)
					}
					out[fmt.Sprintf("%s %s %s", ids[p.Number()], field, e.Term)] = fmt.Sprint(p.Frequency(), " ", p.Norm())
				}
			}
		}
	}
	return out
}

// TestNoMarksIndexed: the index holds no punctuation mark as a term (search.ScanIndexTerms:
// no query looks one up), while the bundled plans are full of them; and the marks kept their
// positions, so the terms around one are where Tokens puts them.
func TestNoMarksIndexed(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	path := filepath.Join(t.TempDir(), "search.bleve")
	if _, err := Build(path, searchtest.Sources(cfg, docs), cfg.Search.Synonyms); err != nil {
		t.Fatal(err)
	}
	marks, terms := 0, 0
	for _, shard := range []string{"shard-0", "shard-1"} {
		for key := range dump(t, filepath.Join(path, shard)) {
			// "url field term", or "url field #i" for a stored value
			f := strings.SplitN(key, " ", 3)
			if len(f) < 3 || strings.HasPrefix(f[2], "#") {
				continue
			}
			terms++
			if search.ClassOf([]rune(f[2])[0]) == search.Punct {
				marks++
				if marks <= 5 {
					t.Errorf("%s: a mark is indexed", key)
				}
			}
		}
	}
	if terms < 1000 {
		t.Fatalf("only %d terms in the index", terms)
	}
	if marks > 0 {
		t.Errorf("%d of %d (record, field, term) entries are marks", marks, terms)
	}
	var all, kept []search.Token
	all = search.Tokens("儿科、精神卫生")
	search.ScanIndexTerms("儿科、精神卫生", func(term []byte, pos, start, end int) {
		kept = append(kept, search.Token{Term: string(term), Pos: pos, Start: start, End: end})
	})
	if len(all) != len(kept)+1 || kept[2] != all[3] || kept[1] != all[1] {
		t.Errorf("ScanIndexTerms: %v, Tokens: %v", kept, all)
	}
}
