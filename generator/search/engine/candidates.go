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

// postings returns the records holding an index term in a field, as the index holds them:
// nothing may change the bitmap (Terms.Records).
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
// holding all its index terms in one field. Every record that holds it is among them. The
// bitmap may be a postings list of the index (an alternative of one index term in one field):
// nothing may change it.
func (pq *partQuery) altCandidates(a *alt, fields []int) (*roaring.Bitmap, error) {
	var inField []*roaring.Bitmap // by field, those holding all its terms there (none: nil)
	var own []bool                // by bitmap of inField: made here, not the index's
	for _, f := range fields {
		var bm *roaring.Bitmap
		owned := false
		// The index's postings are intersected into a new bitmap of the records they share,
		// never in place: And in place copied the first list whole (copy on write), the
		// largest share of the bytes a query allocated at 20,000 plans (i16bv).
		and := func(b *roaring.Bitmap, bOwned bool) {
			switch {
			case bm == nil:
				bm, owned = b, bOwned
			case owned:
				bm.And(b)
			default:
				bm, owned = roaring.And(bm, b), true
			}
		}
		for _, t := range a.exact {
			b, err := pq.postings(f, t)
			if err != nil {
				return nil, err
			}
			if and(b, false); bm.IsEmpty() {
				break
			}
		}
		if len(a.exact) == 0 {
			for _, t := range a.prefix {
				b, err := pq.prefixed(f, t)
				if err != nil {
					return nil, err
				}
				if and(b, true); bm.IsEmpty() {
					break
				}
			}
		}
		if bm != nil && !bm.IsEmpty() {
			inField, own = append(inField, bm), append(own, owned)
		}
	}
	return union(inField, own), nil
}

// union returns the union of bitmaps, of which it may change only those that are the
// caller's own (own, by bitmap; nil: none is): made in the one with the most records among
// those, the others added to it, else in a new one; one bitmap is its own union, returned as
// it is.
// Added to a new bitmap, the text's (most of a common term's records) was copied whole for
// every alternative of every query term in every part: 12% of the bytes the load test's
// queries allocated at 20,000 plans (i16br).
func union(bms []*roaring.Bitmap, own []bool) *roaring.Bitmap {
	switch len(bms) {
	case 0:
		return roaring.New()
	case 1:
		return bms[0]
	}
	big := -1
	for i, b := range bms {
		if own != nil && own[i] && (big < 0 || b.GetCardinality() > bms[big].GetCardinality()) {
			big = i
		}
	}
	if big < 0 {
		return roaring.FastOr(bms...)
	}
	out := bms[big]
	for i, b := range bms {
		if i != big {
			out.Or(b)
		}
	}
	return out
}

// termCandidates returns the candidates of a term (termAltCandidates): nothing may change them.
func (pq *partQuery) termCandidates(t *cterm, fields []int) (*roaring.Bitmap, error) {
	out, _, err := pq.termAltCandidates(t, fields)
	return out, err
}

// termAltCandidates returns the candidates of a term and of each of its alternatives. They
// may be the index's postings lists, or one another (a term of one alternative): nothing may
// change them.
func (pq *partQuery) termAltCandidates(t *cterm, fields []int) (*roaring.Bitmap, []*roaring.Bitmap, error) {
	alts := make([]*roaring.Bitmap, len(t.alts))
	for i := range t.alts {
		b, err := pq.altCandidates(&t.alts[i], fields)
		if err != nil {
			return nil, nil, err
		}
		alts[i] = b
	}
	return union(alts, nil), alts, nil
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
		cand = roaring.And(cand, p.docRecs) // cand is not this function's to change
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
