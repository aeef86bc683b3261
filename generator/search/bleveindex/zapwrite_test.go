package bleveindex

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// TestZapShardAsBuilder: a shard whose segment zapShard writes holds what one built by
// bleve's Builder through bleve's own mapping of the same records holds: every term of every
// field with its records, frequencies and norms, every stored value, and every record's _id.
func TestZapShardAsBuilder(t *testing.T) {
	recs := bundledRecords(t)
	dir := t.TempDir()
	ref := filepath.Join(dir, "builder")
	b, err := bleve.NewBuilder(ref, NewMapping(), map[string]interface{}{"batchSize": 100, "buildPathPrefix": dir})
	if err != nil {
		t.Fatal(err)
	}
	var s zapShard
	for i := range recs {
		if err := b.Index(recs[i].URL, fields(&recs[i])); err != nil {
			t.Fatal(err)
		}
		if err := s.add(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "zap")
	if err := s.writeShard(path, nil); err != nil {
		t.Fatal(err)
	}
	want, got := dump(t, ref), dump(t, path)
	if len(want) < 1000 {
		t.Fatalf("only %d entries in the reference shard", len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %q, not in the reference", k, v)
		}
	}
	checkIDs(t, path, len(recs))
	// The footer ends with the CRC-32 (IEEE) of everything before it, as zapx writes it.
	seg, err := os.ReadFile(filepath.Join(path, "store", "000000000002.zap"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(seg) - 4; n < 0 || crc32.ChecksumIEEE(seg[:n]) != binary.BigEndian.Uint32(seg[n:]) {
		t.Errorf("the segment's CRC does not match its bytes")
	}
}

// bundledRecords returns the records of the bundled content, each with its seq.
func bundledRecords(t *testing.T) []search.Record {
	t.Helper()
	cfg, docs := searchtest.Bundled(t)
	var recs []search.Record
	for i, src := range searchtest.Sources(cfg, docs) {
		for k, u := range search.Records(src) {
			u.Seq = strconv.Itoa(i<<24 | k)
			recs = append(recs, u)
		}
	}
	return recs
}

// checkIDs checks that the _id dictionary of the shard at path has n terms, each record's _id
// (as stored) once, with that record alone.
func checkIDs(t *testing.T, path string, n int) {
	t.Helper()
	segs := shardSegments(t, path)
	if len(segs) != 1 || segs[0].Segment().Count() != uint64(n) {
		t.Fatalf("%d segments, want one of %d records", len(segs), n)
	}
	seg := segs[0].Segment()
	d, err := seg.Dictionary("_id")
	if err != nil {
		t.Fatal(err)
	}
	terms := 0
	it := d.AutomatonIterator(nil, nil, nil)
	for e, err := it.Next(); e != nil; e, err = it.Next() {
		if err != nil {
			t.Fatal(err)
		}
		terms++
	}
	if terms != n {
		t.Errorf("%d ids in the dictionary, want %d", terms, n)
	}
	for rec := uint64(0); rec < uint64(n); rec++ {
		var id string
		seg.VisitStoredFields(rec, func(field string, _ byte, v []byte, _ []uint64) bool {
			if field == "_id" {
				id = string(v)
			}
			return field != "_id"
		})
		pl, err := d.PostingsList([]byte(id), nil, nil)
		if err != nil || pl == nil || pl.Count() != 1 {
			t.Fatalf("record %d: id %q not found once in the dictionary (%v)", rec, id, err)
		}
		p, err := pl.Iterator(true, false, false, nil).Next()
		if err != nil || p == nil || p.Number() != rec || p.Frequency() != 1 {
			t.Fatalf("record %d: id %q has %v (%v)", rec, id, p, err)
		}
	}
}

// TestBuildEmpty: a site without documents builds an index (two empty shards) that opens and
// answers with no hits. bleve's Builder panicked closing a shard it had been given nothing for.
func TestBuildEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "search.bleve")
	if n, err := Build(path, nil, nil); err != nil || n != 0 {
		t.Fatalf("Build of nothing: %d records, %v", n, err)
	}
	ix, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	resp, err := ix.Search(context.Background(), search.Request{Q: "医疗"})
	if err != nil || resp.Total != 0 {
		t.Errorf("search of an empty index: %+v, %v", resp, err)
	}
}

// TestShortKey: terms of one to seven bytes have keys of their own, the same bytes with a
// zero byte more included, and an empty or longer term has none (0 is keytable's empty
// slot).
func TestShortKey(t *testing.T) {
	seen := map[uint64]string{}
	for _, term := range []string{"a", "a\x00", "ab", "b", "\x00", "\x00\x00", "儿科", "儿", "科儿", "1234567"} {
		k, ok := shortKey(term)
		if !ok || k == 0 {
			t.Fatalf("shortKey(%q) = %x, %v", term, k, ok)
		}
		if o, dup := seen[k]; dup {
			t.Fatalf("%q and %q have one key %x", term, o, k)
		}
		seen[k] = term
	}
	for _, term := range []string{"", "12345678", "卫生健康"} {
		if k, ok := shortKey(term); ok {
			t.Errorf("shortKey(%q) = %x, want none", term, k)
		}
	}
}

// TestZapShardSpilledRuns: a shard whose postings go to its spill file a run of records at a
// time (postingsSpill) writes the segment, byte for byte, that it writes holding them all,
// with runs of one record, of a few, and of more records than it has (no run); and its spill
// file is gone once it is closed.
func TestZapShardSpilledRuns(t *testing.T) {
	recs := bundledRecords(t)
	dir := t.TempDir()
	write := func(name string, run int) []byte {
		var s zapShard
		spill := filepath.Join(dir, name+postingsSuffix)
		if run > 0 {
			s.spillTo(spill, run)
		}
		for i := range recs {
			if err := s.add(&recs[i]); err != nil {
				t.Fatal(err)
			}
		}
		if runs := len(recs) / max(run, 1); run > 0 && run < len(recs) && len(s.spill.runs) != runs-1+min(1, len(recs)%run) {
			t.Errorf("runs of %d: %d runs spilled for %d records", run, len(s.spill.runs), len(recs))
		}
		seg := filepath.Join(dir, name)
		err := s.writeSegment(seg, nil)
		s.close()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(spill); !os.IsNotExist(err) {
			t.Errorf("runs of %d: the spill file is still there (%v)", run, err)
		}
		b, err := os.ReadFile(seg)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	want := write("held", 0)
	for _, run := range []int{1, 7, 500, len(recs) + 1} {
		if got := write(fmt.Sprintf("run%d", run), run); !bytes.Equal(got, want) {
			at := 0
			for at < min(len(got), len(want)) && got[at] == want[at] {
				at++
			}
			t.Errorf("runs of %d records: the segment (%d bytes) differs from the one held in memory (%d bytes) from byte %d on",
				run, len(got), len(want), at)
		}
	}
}

// TestRoaringBytes: roaringBytes writes the bytes roaring writes of the bitmap AddMany makes
// of the same records, with containers of one record, of roaringArrayMax records and one
// more (where AddMany makes the array a bitmap), across high 16 bits and at their ends.
func TestRoaringBytes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	sets := [][]uint32{{0}, {65535, 65536}, {1<<31 - 1}}
	for _, n := range []int{roaringArrayMax - 1, roaringArrayMax, roaringArrayMax + 1, 20000, 65536} {
		var s []uint32
		for i := 0; i < n; i++ {
			s = append(s, uint32(i))
		}
		sets = append(sets, s)
		var spread []uint32 // n records across three containers, the middle one full
		for i := 0; i < n; i++ {
			spread = append(spread, 65536+uint32(i*65536/n))
		}
		sets = append(sets, append(append([]uint32{5, 700}, spread...), 3<<16|9))
	}
	for range 200 {
		seen := map[uint32]bool{}
		var s []uint32
		k := r.IntN(3)
		for range r.IntN(12000) {
			v := uint32(r.IntN(1 << (16 + 2*k)))
			if !seen[v] {
				seen[v] = true
				s = append(s, v)
			}
		}
		slices.Sort(s)
		sets = append(sets, s)
	}
	var b []byte
	for _, s := range sets {
		bm := roaring.New()
		bm.AddMany(s)
		var want bytes.Buffer
		if _, err := bm.WriteTo(&want); err != nil {
			t.Fatal(err)
		}
		b = roaringBytes(b[:0], s)
		if !bytes.Equal(b, want.Bytes()) {
			t.Fatalf("%d records from %d: %d bytes, roaring's %d", len(s), s[0], len(b), want.Len())
		}
		if uint64(len(b)) != bm.GetSerializedSizeInBytes() {
			t.Fatalf("%d records: %d bytes, roaring's size %d", len(s), len(b), bm.GetSerializedSizeInBytes())
		}
	}
}
