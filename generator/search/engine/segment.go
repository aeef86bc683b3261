package engine

import "github.com/RoaringBitmap/roaring/v2"

// A Segment is one immutable piece of an index as the engine reads it. New reads every
// record's stored fields once, into memory; a query then looks up its terms' postings (as
// bitmaps, or with frequencies for the terms it scores from them), and a hit shown reads its
// record's stored fields again. Nothing is read per candidate record but the postings with
// frequencies. Package bleveindex reads the scorch segments of a bleve index as Segments.
type Segment interface {
	// Count is the number of records, deleted ones included: they are numbered from 0.
	Count() uint64
	// Deleted returns the deleted records, or nil when there are none.
	Deleted() *roaring.Bitmap
	// VisitStored calls visit with every stored value of record rec (a field of several
	// values once per value), until visit returns false.
	VisitStored(rec uint64, visit func(field string, value []byte) bool) error
	// Terms returns the terms of an indexed field, for the queries of one request.
	Terms(field string) (Terms, error)
}

// Terms are the terms of one indexed field of a segment.
type Terms interface {
	// Records returns the records holding term. The bitmap may be the index's own: the caller
	// must not change it (roaring.And and its kin make new ones).
	Records(term string) (*roaring.Bitmap, error)
	// Postings returns the records holding term with how often each holds it, or nil when
	// none does.
	Postings(term string) (Postings, error)
	// Prefixed calls visit with every term that starts with prefix ("" for all), in order,
	// with the number of records holding it, until visit returns false.
	Prefixed(prefix string, visit func(term string, records uint64) bool) error
	// PrefixedTerms is Prefixed without the counts, for callers that do not read them (a
	// count may cost a read of the term's postings).
	PrefixedTerms(prefix string, visit func(term string) bool) error
}

// Postings walks the records that hold a term, in ascending order.
type Postings interface {
	// Advance moves to the first record at or after rec that holds the term and returns it
	// with the term's frequency there; ok is false when there is none, or it cannot be read.
	Advance(rec uint32) (at uint32, freq int, ok bool)
}
