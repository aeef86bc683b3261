// Package bleveindex is the search index on disk, and the only package that touches bleve:
// the analyzer that indexes text as search.Tokens splits it, the mapping of search.Record,
// Build (shards written with bleve's offline builder, and a manifest of them), and Open, which
// opens the shards and hands their scorch segments to the engine (package engine) through
// its Segment interface.
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
		return nil, nil, fmt.Errorf("open search index: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != indexFormat || len(m.Shards) == 0 {
		return nil, nil, fmt.Errorf("open search index %s: unknown format; rebuild it with 'planportal build'", path)
	}
	if syn == nil {
		syn = search.NewSynonyms(m.Synonyms)
	}
	sh := &shards{}
	fail := func(err error) (*engine.Index, *shards, error) {
		sh.Close()
		return nil, nil, fmt.Errorf("open search index %s: %w", path, err)
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
		for _, ss := range snap.Segments() {
			segs = append(segs, scorchSegment{seg: ss.Segment(), deleted: ss.Deleted()})
		}
	}
	ix, err := engine.New(segs, m.Facets, syn, sh)
	if err != nil {
		return fail(err)
	}
	return ix, sh, nil
}

// shards are the bleve indexes of an index directory and the readers whose snapshots hold
// the segments the engine reads; the engine closes them.
type shards struct {
	indexes []bleve.Index
	readers []index.IndexReader
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
