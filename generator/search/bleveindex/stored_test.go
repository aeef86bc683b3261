package bleveindex

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// The shards store nothing a hit shows: each record's values are in the stored file beside
// its shard, and bleve keeps only its _id and seq. Every record's values there are those of
// the record fed (search.Records), the one whose seq the shard stores with it.
func TestStoredBesideShards(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	src := searchtest.Sources(cfg, docs)
	path := filepath.Join(t.TempDir(), "search.bleve")
	if _, err := BuildShards(path, src, cfg.Search.Synonyms, 2); err != nil {
		t.Fatal(err)
	}
	// What each record of the corpus holds, by seq (as buildShard numbers them), facets
	// aside (the stored ones are codes).
	want := map[string]*search.Record{}
	for j, s := range src {
		for k, u := range search.Records(s) {
			u := u
			want[seqString(j, k)] = &u
		}
	}
	records := 0
	for _, name := range []string{"shard-0", "shard-1"} {
		ix, err := bleve.OpenUsing(filepath.Join(path, name), map[string]interface{}{"read_only": true})
		if err != nil {
			t.Fatal(err)
		}
		adv, _ := ix.Advanced()
		r, err := adv.Reader()
		if err != nil {
			t.Fatal(err)
		}
		var count uint64
		for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
			count += ss.Segment().Count()
		}
		st, err := openStored(filepath.Join(path, name+storedSuffix), count)
		if err != nil {
			t.Fatal(err)
		}
		var base uint64
		for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
			seg := ss.Segment()
			for rec := uint64(0); rec < seg.Count(); rec++ {
				records++
				var seq string
				err := seg.VisitStoredFields(rec, func(field string, _ byte, v []byte, _ []uint64) bool {
					switch field {
					case "seq":
						seq = string(v)
					case "_id":
					default:
						t.Errorf("%s record %d: bleve stores %s", name, rec, field)
					}
					return true
				})
				if err != nil {
					t.Fatal(err)
				}
				u := want[seq]
				if u == nil {
					t.Fatalf("%s record %d: seq %q was not fed", name, rec, seq)
				}
				got := map[string][]string{}
				if err := st.visit(base+rec, func(field string, v []byte) bool {
					got[field] = append(got[field], string(v))
					return true
				}); err != nil {
					t.Fatal(err)
				}
				for _, f := range recordFields(u) {
					var w []string
					if f.name == "seq" {
						w = []string{seq}
					} else if f.value != "" && f.stored {
						w = []string{f.value}
					}
					if strings.Join(got[f.name], "\x00") != strings.Join(w, "\x00") {
						t.Errorf("%s (%s): %s is %q, want %q", u.URL, name, f.name, got[f.name], w)
					}
				}
				if strings.Join(got["themes"], ",") != strings.Join(u.Themes, ",") || len(got["facets"]) != len(u.Facets) {
					t.Errorf("%s: themes %q and %d facets, want %q and %d", u.URL, got["themes"], len(got["facets"]), u.Themes, len(u.Facets))
				}
				if _, ok := got["title_s"]; ok {
					t.Errorf("%s: title_s is stored", u.URL)
				}
			}
			base += seg.Count()
		}
		st.Close()
		r.Close()
		ix.Close()
	}
	if records != len(want) || records < 100 {
		t.Errorf("%d records in the shards, %d fed", records, len(want))
	}
}

func seqString(j, k int) string { return strconv.FormatUint(uint64(j)<<24|uint64(k), 36) }

// An index whose stored files are missing or do not match its shards, or that an older
// planportal built (another format), does not open: it says in Chinese first to rebuild
// it, never answers without the records.
func TestOpenNeedsStored(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	path := filepath.Join(t.TempDir(), "search.bleve")
	if _, err := Build(path, searchtest.Sources(cfg, docs), cfg.Search.Synonyms); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	stored := filepath.Join(path, "shard-1"+storedSuffix)
	good, err := os.ReadFile(stored)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(path, "shard-0"+storedSuffix)
	otherData, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"missing":           nil,
		"empty":             {},
		"truncated":         good[:len(good)/2],
		"another magic":     append([]byte("planportal-stored-0\n"), good[len(storedMagic):]...),
		"one more byte":     append(append([]byte(nil), good...), 0),
		"the other shard's": otherData,
	} {
		t.Run(name, func(t *testing.T) {
			if bad == nil {
				os.Remove(stored)
			} else if err := os.WriteFile(stored, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.WriteFile(stored, good, 0o644)
			ix, err := Open(path, nil)
			if err == nil {
				ix.Close()
				t.Fatalf("an index with a %s stored file opened", name)
			}
			if !strings.HasPrefix(err.Error(), "搜索索引") || !strings.Contains(err.Error(), "重新构建") {
				t.Errorf("error does not say in Chinese first to rebuild: %v", err)
			}
		})
	}
	// A shard or the manifest gone (a copy cut short, a hand edit): Chinese first too.
	for _, name := range []string{"shard-0", search.ManifestName} {
		t.Run("no "+name, func(t *testing.T) {
			p := filepath.Join(path, name)
			if err := os.Rename(p, p+".away"); err != nil {
				t.Fatal(err)
			}
			defer os.Rename(p+".away", p)
			ix, err := Open(path, nil)
			if err == nil {
				ix.Close()
				t.Fatalf("an index without %s opened", name)
			}
			if !strings.HasPrefix(err.Error(), "搜索索引 "+path) || !strings.Contains(err.Error(), "重新构建") || strings.Count(err.Error(), "搜索索引") > 1 {
				t.Errorf("error does not say once, in Chinese first, which index to rebuild: %v", err)
			}
		})
	}
	// Another format: an index of planportal before the stored files (8), one that indexed
	// punctuation marks (9), or one after this planportal's.
	b, err := os.ReadFile(filepath.Join(path, search.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]interface{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, f := range []int{8, 9, indexFormat + 1} {
		m["format"] = f
		b, _ := json.Marshal(m)
		if err := os.WriteFile(filepath.Join(path, search.ManifestName), b, 0o644); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(path, nil)
		if err == nil {
			ix.Close()
			t.Fatalf("an index of format %d opened", f)
		}
		if !strings.HasPrefix(err.Error(), "搜索索引") || !strings.Contains(err.Error(), "重新构建") {
			t.Errorf("format %d: error does not say in Chinese first to rebuild: %v", f, err)
		}
	}
}
