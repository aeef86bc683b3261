package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/planportal/planportal/generator/search"
)

// Open opens the index directory at path read-only; any number of processes may open it at
// once. It reads every record's text, facets and date into memory (about the size of the
// corpus's text). Queries are expanded by syn, or, when syn is nil, by the synonyms the index
// was built with.
func Open(path string, syn *search.Synonyms) (*Index, error) {
	ix, _, err := open(path, syn)
	return ix, err
}

// Opener is Open for search.Live, which follows an index directory through rebuilds.
func Opener(path string, syn *search.Synonyms) (search.Index, error) {
	ix, err := Open(path, syn)
	if err != nil {
		return nil, err // not a nil *Index in a non-nil search.Index
	}
	return ix, nil
}

// open is Open, and returns the shards the index closes too.
func open(path string, syn *search.Synonyms) (*Index, *shards, error) {
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
	fail := func(err error) (*Index, *shards, error) {
		sh.Close()
		return nil, nil, fmt.Errorf("open search index %s: %w", path, err)
	}
	var segs []Segment
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
	ix, err := New(segs, m.Facets, syn, sh)
	if err != nil {
		return fail(err)
	}
	return ix, sh, nil
}

// shards are the bleve indexes of an index directory and the readers whose snapshots hold
// the segments the engine reads.
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

// scorchSegment is a segment of a scorch snapshot, read as a Segment.
type scorchSegment struct {
	seg     segment.Segment
	deleted *roaring.Bitmap
}

func (s scorchSegment) Count() uint64            { return s.seg.Count() }
func (s scorchSegment) Deleted() *roaring.Bitmap { return s.deleted }

func (s scorchSegment) VisitStored(rec uint64, visit func(field string, value []byte) bool) error {
	return s.seg.VisitStoredFields(rec, func(field string, _ byte, v []byte, _ []uint64) bool {
		return visit(field, v)
	})
}

func (s scorchSegment) Terms(field string) (Terms, error) {
	d, err := s.seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	return scorchTerms{d}, nil
}

// scorchTerms is a segment's term dictionary of one field.
type scorchTerms struct{ d segment.TermDictionary }

type orInto interface{ OrInto(*roaring.Bitmap) }

func (t scorchTerms) Records(term string) (*roaring.Bitmap, error) {
	pl, err := t.d.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return nil, err
	}
	bm := roaring.New()
	if pl == nil || pl.Count() == 0 {
		return bm, nil
	}
	if o, ok := pl.(orInto); ok {
		o.OrInto(bm)
		return bm, nil
	}
	it := pl.Iterator(false, false, false, nil)
	for p, err := it.Next(); p != nil; p, err = it.Next() {
		if err != nil {
			return nil, err
		}
		bm.Add(uint32(p.Number()))
	}
	return bm, nil
}

func (t scorchTerms) Postings(term string) (Postings, error) {
	pl, err := t.d.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return nil, err
	}
	if pl == nil || pl.Count() == 0 {
		return nil, nil
	}
	return &scorchPostings{it: pl.Iterator(true, false, false, nil)}, nil
}

func (t scorchTerms) Prefixed(prefix string, visit func(term string) bool) error {
	end := []byte(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		end[i]++
		if end[i] != 0 {
			end = end[:i+1]
			break
		}
	}
	it := t.d.AutomatonIterator(nil, []byte(prefix), end)
	for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
		if err != nil {
			return err
		}
		if !visit(e.Term) {
			return nil
		}
	}
	return nil
}

// scorchPostings walks a postings list with frequencies.
type scorchPostings struct{ it segment.PostingsIterator }

func (p *scorchPostings) Advance(rec uint32) (uint32, int, bool) {
	ps, err := p.it.Advance(uint64(rec))
	if err != nil || ps == nil {
		return 0, 0, false
	}
	return uint32(ps.Number()), int(ps.Frequency()), true
}
