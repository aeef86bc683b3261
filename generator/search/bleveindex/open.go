// Package bleveindex is the search index on disk, and the only package that touches bleve:
// the analyzer that indexes text as search.Tokens splits it, the mapping of search.Record,
// Build (shards whose zap segments it writes from their records' postings, zapwrite.go, and a
// manifest of them), and Open, which opens the shards and hands their scorch segments to the
// engine (package engine) through its Segment interface.
package bleveindex

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/mmap-go"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/engine"
)

// Open opens the index directory at path read-only; any number of processes may open it at
// once. The engine reads every record's text, facets and date into memory (about the size of
// the corpus's text) and answers queries from them. Queries are expanded by syn, or, when syn
// is nil, by the synonyms the index was built with.
func Open(path string, syn *search.Synonyms) (*engine.Index, error) {
	ix, _, err := open(path, syn)
	return ix, err
}

// Opener is Open for search.Live, which follows an index directory through rebuilds.
func Opener(path string, syn *search.Synonyms) (search.Index, error) {
	ix, err := Open(path, syn)
	if err != nil {
		return nil, err // not a nil *engine.Index in a non-nil search.Index
	}
	return ix, nil
}

// open is Open, and returns the shards the index closes too.
func open(path string, syn *search.Synonyms) (*engine.Index, *shards, error) {
	b, err := os.ReadFile(filepath.Join(path, search.ManifestName))
	if err != nil {
		return nil, nil, fmt.Errorf("搜索索引 %s 不存在或不完整（缺少 %s），请用 'planportal build' 重新构建；open search index: %w", path, search.ManifestName, err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != indexFormat || len(m.Shards) == 0 {
		return nil, nil, fmt.Errorf("搜索索引 %s 的格式不是这一版 planportal 的，请用 'planportal build' 重新构建；open search index %s: unknown format; rebuild it with 'planportal build'", path, path)
	}
	return openManifest(path, m, syn)
}

// openManifest opens the index at path that m describes: from its parts file, mapped into
// memory, when it has one that matches its shards, else by reading every stored record (in
// the shards' stored files, which it needs either way: a hit shows its record from there).
func openManifest(path string, m manifest, syn *search.Synonyms) (*engine.Index, *shards, error) {
	if syn == nil {
		syn = search.NewSynonyms(m.Synonyms)
	}
	sh := &shards{}
	fail := func(err error) (*engine.Index, *shards, error) {
		sh.Close()
		if strings.HasPrefix(err.Error(), "搜索索引") { // says what and where already
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("搜索索引 %s 已损坏，请用 'planportal build' 重新构建；open search index %s: %w", path, path, err)
	}
	var segs []engine.Segment
	for _, name := range m.Shards {
		if strings.ContainsAny(name, `/\`) || name == ".." {
			return fail(fmt.Errorf("bad shard name %q", name))
		}
		s, err := bleve.OpenUsing(filepath.Join(path, name), map[string]interface{}{"read_only": true})
		if err != nil {
			return fail(err)
		}
		sh.indexes = append(sh.indexes, s)
		adv, err := s.Advanced()
		if err != nil {
			return fail(err)
		}
		r, err := adv.Reader()
		if err != nil {
			return fail(err)
		}
		sh.readers = append(sh.readers, r)
		snap, ok := r.(*scorch.IndexSnapshot)
		if !ok {
			return fail(errors.New("not a scorch index"))
		}
		var count uint64
		for _, ss := range snap.Segments() {
			count += ss.Segment().Count()
		}
		stored, err := openStored(filepath.Join(path, name+storedSuffix), count)
		if err != nil {
			return fail(err)
		}
		sh.stored = append(sh.stored, stored)
		var base uint64
		for _, ss := range snap.Segments() {
			if !stored.matches(ss.Segment(), base) {
				return fail(errStored(filepath.Join(path, name+storedSuffix), "与索引不符"))
			}
			segs = append(segs, scorchSegment{seg: ss.Segment(), deleted: ss.Deleted(), stored: stored, base: base})
			base += ss.Segment().Count()
		}
	}
	if m.Parts != "" && !strings.ContainsAny(m.Parts, `/\`) && m.Parts != ".." {
		if data, err := mapFile(filepath.Join(path, m.Parts)); err == nil {
			sh.mapped = data
			ix, err := engine.OpenMapped(segs, data, m.Facets, syn, sh)
			if err == nil {
				return ix, sh, nil
			}
			sh.unmap() // and read the records from the shards
		}
	}
	ix, err := engine.New(segs, m.Facets, syn, sh)
	if err != nil {
		return fail(err)
	}
	return ix, sh, nil
}

// mapFile maps a file into memory read-only: its pages are the operating system's page cache,
// shared by every process that maps it, not memory of this one.
func mapFile(name string) (mmap.MMap, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close() // the mapping stays valid
	if fi, err := f.Stat(); err != nil || fi.Size() == 0 {
		return nil, fmt.Errorf("%s: empty or unreadable", name)
	}
	return mmap.Map(f, mmap.RDONLY, 0)
}

// shards are the bleve indexes of an index directory and the readers whose snapshots hold
// the segments the engine reads; the engine closes them.
type shards struct {
	indexes []bleve.Index
	readers []index.IndexReader
	mapped  mmap.MMap // the parts file, if the index opened from it
	stored  []*storedFile
}

func (sh *shards) unmap() error {
	if sh.mapped == nil {
		return nil
	}
	err := sh.mapped.Unmap()
	sh.mapped = nil
	return err
}

// Close closes every reader and shard.
func (sh *shards) Close() error {
	var first error
	for _, r := range sh.readers {
		if err := r.Close(); err != nil && first == nil {
			first = err
		}
	}
	for _, s := range sh.indexes {
		if err := s.Close(); err != nil && first == nil {
			first = err
		}
	}
	if err := sh.unmap(); err != nil && first == nil {
		first = err
	}
	for _, s := range sh.stored {
		if err := s.Close(); err != nil && first == nil {
			first = err
		}
	}
	sh.stored = nil
	return first
}

// Patch opens the index at overlayDir, built (Build) from the documents added or changed since
// base was, and returns base patched with it (see engine.Index.Patch): replaced are the URLs of
// base's documents it replaces, or that were removed. base must be an index Open returned
// (or Patch); it stays usable, and is closed on its own.
func Patch(base search.Index, overlayDir string, replaced []string) (search.Index, error) {
	b, ok := base.(*engine.Index)
	if !ok {
		return nil, fmt.Errorf("patch search index: base is a %T, not an opened index", base)
	}
	ov, _, err := open(overlayDir, nil)
	if err != nil {
		return nil, err
	}
	return b.Patch(ov, replaced), nil
}
