package engine

import "github.com/RoaringBitmap/roaring/v2"

var allFields = []int{fTitle, fHeading, fMeta, fText}

// partQuery is one query's view of one part.
type partQuery struct {
	p     *part
	dicts [nFields]Terms
}

func newPartQuery(p *part) (*partQuery, error) {
	pq := &partQuery{p: p}
	for f, name := range indexedFields {
		d, err := p.seg.Terms(name)
		if err != nil {
			return nil, err
		}
		pq.dicts[f] = d
	}
	return pq, nil
}

// postings returns the records holding an index term in a field.
func (pq *partQuery) postings(f int, term string) (*roaring.Bitmap, error) {
	return pq.dicts[f].Records(term)
}

// prefixed returns the records holding, in a field, an index term that starts with prefix.
func (pq *partQuery) prefixed(f int, prefix string) (*roaring.Bitmap, error) {
	bm := roaring.New()
	n, all := 0, false
	var err error
	ierr := pq.dicts[f].PrefixedTerms(prefix, func(term string) bool {
		if n++; n > maxPrefixTerms {
			all = true
			return false
		}
		var b *roaring.Bitmap
		if b, err = pq.postings(f, term); err != nil {
			return false
		}
		bm.Or(b)
		return true
	})
	switch {
	case ierr != nil:
		return nil, ierr
	case err != nil:
		return nil, err
	case all:
		bm.AddRange(0, uint64(pq.p.n))
	}
	return bm, nil
}

// altCandidates returns the records that may hold an alternative in one of the fields: those
// holding all its index terms in one field. Every record that holds it is among them.
func (pq *partQuery) altCandidates(a *alt, fields []int) (*roaring.Bitmap, error) {
	var inField []*roaring.Bitmap // by field, those holding all its terms there (none: nil)
	for _, f := range fields {
		var bm *roaring.Bitmap
		and := func(b *roaring.Bitmap) {
			if bm == nil {
				bm = b
			} else {
				bm.And(b)
			}
		}
		for _, t := range a.exact {
			b, err := pq.postings(f, t)
			if err != nil {
				return nil, err
			}
			if and(b); bm.IsEmpty() {
				break
			}
		}
		if len(a.exact) == 0 {
			for _, t := range a.prefix {
				b, err := pq.prefixed(f, t)
				if err != nil {
					return nil, err
				}
				if and(b); bm.IsEmpty() {
					break
				}
			}
		}
		if bm != nil {
			inField = append(inField, bm)
		}
	}
	return unionInto(inField), nil
}

// unionInto returns the union of bitmaps that are the caller's own, made in the one with the
// most records: the others are added to it. Added to a new bitmap, the text's (most of a
// common term's records) was copied whole for every alternative of every query term in every
// part: 12% of the bytes the load test's queries allocated at 20,000 plans (i16br).
func unionInto(bms []*roaring.Bitmap) *roaring.Bitmap {
	if len(bms) == 0 {
		return roaring.New()
	}
	big := 0
	for i, b := range bms {
		if b.GetCardinality() > bms[big].GetCardinality() {
			big = i
		}
	}
	out := bms[big]
	for i, b := range bms {
		if i != big {
			out.Or(b)
		}
	}
	return out
}

func (pq *partQuery) termCandidates(t *cterm, fields []int) (*roaring.Bitmap, error) {
	out, _, err := pq.termAltCandidates(t, fields)
	return out, err
}

// termAltCandidates returns the candidates of a term and of each of its alternatives.
func (pq *partQuery) termAltCandidates(t *cterm, fields []int) (*roaring.Bitmap, []*roaring.Bitmap, error) {
	out := roaring.New()
	alts := make([]*roaring.Bitmap, len(t.alts))
	for i := range t.alts {
		b, err := pq.altCandidates(&t.alts[i], fields)
		if err != nil {
			return nil, nil, err
		}
		alts[i] = b
		out.Or(b)
	}
	return out, alts, nil
}

// contextDocs marks the documents whose title or metadata hold one of the terms.
func (pq *partQuery) contextDocs(terms []*cterm) ([]bool, bool, error) {
	p := pq.p
	var docs []bool
	any := false
	for _, t := range terms {
		cand, err := pq.termCandidates(t, []int{fTitle, fMeta})
		if err != nil {
			return nil, false, err
		}
		cand.And(p.docRecs)
		exact := t.exact()
		for it := cand.Iterator(); it.HasNext(); {
			rec := it.Next()
			if exact || inOwn(p, t, rec, fTitle, fMeta) {
				if docs == nil {
					docs = make([]bool, len(p.docs))
				}
				docs[p.meta[rec].doc] = true
				any = true
			}
		}
	}
	return docs, any, nil
}
