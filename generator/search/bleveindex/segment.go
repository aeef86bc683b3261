package bleveindex

import (
	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/planportal/planportal/generator/search/engine"
)

// The engine reads an index through its Segment interface; these types pass its calls on to
// scorch's segments (zap files), and its calls for stored records to the shard's stored file.
// The engine reads postings once per term of a request, and a record's stored values for
// each hit it shows (and for every record when an index opens without its parts file).

// scorchSegment is a segment of a scorch snapshot, read as an engine.Segment: its postings
// from the segment, its stored records from the shard's stored file (from its record base
// on: the shard's records are counted across its segments).
type scorchSegment struct {
	seg     segment.Segment
	deleted *roaring.Bitmap
	stored  *storedFile
	base    uint64
}

func (s scorchSegment) Count() uint64            { return s.seg.Count() }
func (s scorchSegment) Deleted() *roaring.Bitmap { return s.deleted }

func (s scorchSegment) VisitStored(rec uint64, visit func(field string, value []byte) bool) error {
	return s.stored.visit(s.base+rec, visit)
}

func (s scorchSegment) Terms(field string) (engine.Terms, error) {
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

func (t scorchTerms) Postings(term string) (engine.Postings, error) {
	pl, err := t.d.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return nil, err
	}
	if pl == nil || pl.Count() == 0 {
		return nil, nil
	}
	return &scorchPostings{it: pl.Iterator(true, false, false, nil)}, nil
}

func (t scorchTerms) Prefixed(prefix string, visit func(term string, records uint64) bool) error {
	var pl segment.PostingsList // reused: a term's postings read again when its count is 1
	return t.walk(prefix, func(e *index.DictEntry) (bool, error) {
		// zapx's DictionaryIterator (v16) counts every term after one held by one record
		// (FSTValEncode1Hit) as 1: it reads each term's postings into one PostingsList, and
		// reading a list of several records (PostingsList.read) leaves the mark of a list of
		// one (normBits1Hit, set by init1Hit) as it was, which Count reads first. A count
		// above 1 is the true one (the mark was not set); a count of 1 is read again from
		// the term's own postings list, which PostingsList clears before it reads.
		n := e.Count
		if n == 1 {
			var err error
			if pl, err = t.d.PostingsList([]byte(e.Term), nil, pl); err != nil {
				return false, err
			}
			n = pl.Count()
		}
		return visit(e.Term, n), nil
	})
}

func (t scorchTerms) PrefixedTerms(prefix string, visit func(term string) bool) error {
	return t.walk(prefix, func(e *index.DictEntry) (bool, error) { return visit(e.Term), nil })
}

// walk calls visit with the dictionary's entry of every term that starts with prefix ("" for
// all), in order, until visit returns false or an error. An entry's Count is not to be
// trusted when it is 1 (see Prefixed).
func (t scorchTerms) walk(prefix string, visit func(e *index.DictEntry) (bool, error)) error {
	var start, end []byte
	if prefix != "" {
		start, end = []byte(prefix), []byte(prefix)
		for i := len(end) - 1; i >= 0; i-- {
			end[i]++
			if end[i] != 0 {
				end = end[:i+1]
				break
			}
		}
	}
	it := t.d.AutomatonIterator(nil, start, end)
	for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
		if err != nil {
			return err
		}
		if more, err := visit(e); err != nil || !more {
			return err
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
