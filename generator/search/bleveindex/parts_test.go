package bleveindex

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/engine"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// An index opens from its parts file (mapped into memory) and answers exactly as one that
// reads every stored record; a parts file that does not match (truncated, of another build,
// overwritten) is not used, and the index still opens and answers alike.
func TestOpenFromParts(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	path := filepath.Join(t.TempDir(), "search.bleve")
	if _, err := Build(path, searchtest.Sources(cfg, docs), cfg.Search.Synonyms); err != nil {
		t.Fatal(err)
	}
	m := partsManifest(t, path)
	mapped, sh, err := open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer mapped.Close()
	if sh.mapped == nil {
		t.Fatal("the index did not open from its parts file")
	}
	read, err := openWithout(t, path, m)
	if err != nil {
		t.Fatal(err)
	}
	defer read.Close()
	// Pinyin and the suggestions read the vocabulary, which the parts file holds too.
	queries := []string{"儿科", "家庭医生签约", "医", "卫生 健康", "托育 OR 中医", "健康 -医院", "\"公立医院\"", "AI", "2025",
		"erke", "jiating yisheng", "gongwei", "兒科", "儿料", "医共休"}
	same := func(t *testing.T, a, b search.Index) {
		t.Helper()
		for _, q := range queries {
			for _, r := range []search.Request{{Q: q, Size: 50}, {Q: q, Size: 50, Sort: "date"}, {Q: q, Size: 5, Page: 2}} {
				x, err := a.Search(context.Background(), r)
				if err != nil {
					t.Fatal(err)
				}
				y, err := b.Search(context.Background(), r)
				if err != nil {
					t.Fatal(err)
				}
				x.TookMS, y.TookMS = 0, 0
				if !reflect.DeepEqual(x, y) {
					t.Errorf("%q: the two indexes answer differently:\n%+v\n%+v", q, x, y)
				}
			}
		}
	}
	same(t, mapped, read)

	// A parts file that does not match is not used.
	parts := filepath.Join(path, m.Parts)
	good, err := os.ReadFile(parts)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"truncated":     good[:len(good)/2],
		"another magic": append([]byte("planportal-parts-0\n"), good[len("planportal-parts-1\n"):]...),
		"one more byte": append(append([]byte(nil), good...), 0),
		"empty":         {},
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(parts, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			ix, sh, err := open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if sh.mapped != nil {
				t.Errorf("opened from a %s parts file", name)
			}
			same(t, ix, read)
		})
	}
}

// partsManifest reads the manifest of the index at path, which must name a parts file.
func partsManifest(t *testing.T, path string) manifest {
	t.Helper()
	var m manifest
	b, err := os.ReadFile(filepath.Join(path, search.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Parts == "" {
		t.Fatalf("the manifest names no parts file: %s", b)
	}
	return m
}

// openWithout opens the index as if it had no parts file.
func openWithout(t *testing.T, path string, m manifest) (search.Index, error) {
	t.Helper()
	m.Parts = ""
	ix, _, err := openManifest(path, m, nil)
	return ix, err
}

// The parts file Build writes from the records as the shards are fed (engine.PartsWriter) is
// the file the index writes of itself once opened from its segments, reading every stored
// record and term dictionary back (engine.Index.WriteParts): the same records, text,
// positions, byte frequencies and vocabulary, each bigram counted as the records that hold it
// (the text spilled to a file as it was fed, textSpill, and read back mapped).
func TestPartsAsReadBack(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	for _, shards := range []int{1, 2, 3} {
		path := filepath.Join(t.TempDir(), "search.bleve")
		if _, err := BuildShards(path, searchtest.Sources(cfg, docs), cfg.Search.Synonyms, shards); err != nil {
			t.Fatal(err)
		}
		// The text each part spilled while it was fed (textSpill) is in the parts file now,
		// and its file is gone: the index directory is published as it is.
		if spilled, _ := filepath.Glob(filepath.Join(path, "*"+textSuffix)); len(spilled) > 0 {
			t.Errorf("%d shards: the index holds its spilled text: %v", shards, spilled)
		}
		m := partsManifest(t, path)
		written, err := os.ReadFile(filepath.Join(path, m.Parts))
		if err != nil {
			t.Fatal(err)
		}
		read, err := openWithout(t, path, m)
		if err != nil {
			t.Fatal(err)
		}
		var back bytes.Buffer
		if err := read.(*engine.Index).WriteParts(&back); err != nil {
			t.Fatal(err)
		}
		read.Close()
		if !bytes.Equal(written, back.Bytes()) {
			at := 0
			for at < min(len(written), back.Len()) && written[at] == back.Bytes()[at] {
				at++
			}
			t.Errorf("%d shards: the parts file written (%d bytes) and the one read back from the segments (%d bytes) differ from byte %d on",
				shards, len(written), back.Len(), at)
		}
	}
}
