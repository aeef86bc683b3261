package engine

import (
	"io"
	"slices"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
)

// shared is a closer several indexes use: the last to let go closes it.
type shared struct {
	refs atomic.Int32
	c    io.Closer
}

func newShared(c io.Closer) *shared {
	s := &shared{c: c}
	s.refs.Store(1)
	return s
}

func (s *shared) release() error {
	if s.refs.Add(-1) == 0 {
		return s.c.Close()
	}
	return nil
}

// Patch returns an index that answers as ix would with the documents whose URLs are in
// replaced taken out and overlay's documents put in: ix's records of those documents are
// masked, and overlay's records are searched with the rest. A live preview patches the index
// of its last full build with one of the documents edited since, so that search follows an
// edit in milliseconds instead of a rebuild of every document.
//
// The patched index shares ix's records in memory (no second copy of the corpus) and its
// segments: they stay open until ix and every index patched from it are closed. It takes
// overlay over: closing the patched index closes overlay's segments; overlay itself is not to
// be used or closed after. Scores use the patched index's own counts; a record's tie-break
// order is its own build's, so ties between ix's and overlay's records are ranked by segment.
func (ix *Index) Patch(overlay *Index, replaced []string) *Index {
	px := ix.handle()
	px.parts = nil
	// overlay's facet codes, as codes of the patched index (new values get new codes).
	names := slices.Clone(ix.facetNames)
	remap := make([]uint32, len(overlay.facetNames))
	for i, f := range overlay.facetNames {
		c, ok := ix.codeOf[f]
		if !ok {
			c = uint32(len(names))
			names = append(names, f)
		}
		remap[i] = c
	}
	px.setFacets(names)
	for _, p := range ix.parts {
		cp := *p
		var mask *roaring.Bitmap
		for _, u := range replaced {
			if d, ok := p.docByURL[u]; ok {
				if mask == nil {
					mask = roaring.New()
					if p.deleted != nil {
						mask.Or(p.deleted)
					}
				}
				mask.AddMany(p.recs[p.recsOff[d]:p.recsOff[d+1]])
			}
		}
		if mask != nil {
			cp.deleted, cp.browse = mask, nil // its live records change
		}
		px.parts = append(px.parts, &cp)
	}
	for _, p := range overlay.parts {
		cp := *p
		cp.browse = nil // by the patched index's codes
		cp.docs = make([]docInfo, len(p.docs))
		for i, d := range p.docs {
			d.facets = recode(d.facets, remap)
			cp.docs[i] = d
		}
		cp.sets = make([][]uint32, len(p.sets))
		for i, set := range p.sets {
			cp.sets[i] = recode(set, remap)
		}
		px.parts = append(px.parts, &cp)
	}
	// Scores count the patched records; pinyin and suggestions keep the base's vocabulary
	// (the overlay's few documents rarely change which term a reading stands for).
	px.count()
	px.owned = append(px.owned, overlay.owned...)
	overlay.owned = nil // the patched index closes them
	return px
}

// Share returns another handle on ix: the same index, closed on its own; the segments close
// with the last handle. The live preview keeps one on its last full index, to patch, while
// search answers from another.
func (ix *Index) Share() *Index { return ix.handle() }

// handle is a new handle on ix's segments.
func (ix *Index) handle() *Index {
	h := new(Index)
	*h = *ix
	h.closed = new(atomic.Bool)
	h.owned = slices.Clone(ix.owned)
	for _, o := range h.owned {
		o.refs.Add(1)
	}
	return h
}

// recode maps facet codes through remap, in ascending order as loadPart keeps them.
func recode(codes, remap []uint32) []uint32 {
	if codes == nil {
		return nil
	}
	out := make([]uint32, len(codes))
	for i, c := range codes {
		out[i] = remap[c]
	}
	slices.Sort(out)
	return out
}
