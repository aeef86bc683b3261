package engine

import (
	"context"
	"math/bits"
	"runtime"
)

// Browsing (filters without a term) matches every live document's own record that the
// filters let through, and a record that fails one filter alone still counts for that
// filter's facet (filter.miss). Walking every document of a part for it cost the corpus, not
// the hits: a region of 4 plans took 2.5 ms of CPU at 20,000 plans. Each part lists instead,
// by facet code, the document records holding it, and how many there are (browseIndex), and
// a browse visits only the records one of its filters lets through:
//
//   - with one filter, those are the hits; every other record fails that filter alone, so the
//     filter's facet counts every live document record, hit or not: the part's counts;
//   - with two filters or more, a record that none lets through fails two or more, and counts
//     for nothing: the records some filter lets through are all there is to visit.
//
// A browse with a date range or an excluded term walks every document as a search does.

// browseIndex is a part's live document records by facet code (their document's codes and
// their own themes, as filter.miss reads them).
type browseIndex struct {
	recs  []uint32 // the live document records, ascending
	off   []uint32 // code c's records are at[off[c]:off[c+1]]
	at    []uint32 // places in recs, ascending for each code
	count []uint32 // by code: live document records holding it, as often as they list it
}

// newBrowseIndex lists the part's live document records (not deleted, of a document) by
// code, for the codes below codes.
func newBrowseIndex(p *part, codes int) *browseIndex {
	b := &browseIndex{off: make([]uint32, codes+1), count: make([]uint32, codes)}
	for it := p.docRecs.Iterator(); it.HasNext(); {
		rec := it.Next()
		if p.deleted != nil && p.deleted.Contains(rec) || p.meta[rec].doc == noDoc {
			continue
		}
		b.recs = append(b.recs, rec)
	}
	// Count, then place: off[c+1] ends up where code c's records end.
	each := func(rec uint32, fn func(c uint32)) {
		m := &p.meta[rec]
		for _, codes := range [2][]uint32{p.docs[m.doc].facets, p.sets[m.set]} {
			for _, c := range codes {
				if int(c) < len(b.count) {
					fn(c)
				}
			}
		}
	}
	for _, rec := range b.recs {
		each(rec, func(c uint32) { b.count[c]++ })
	}
	for c, n := range b.count {
		b.off[c+1] = b.off[c] + n
	}
	b.at = make([]uint32, b.off[codes])
	fill := append([]uint32(nil), b.off[:codes]...)
	for i, rec := range b.recs {
		each(rec, func(c uint32) {
			b.at[fill[c]] = uint32(i)
			fill[c]++
		})
	}
	return b
}

// browse runs a browse from the part's browseIndex, and reports false, doing nothing, where
// it cannot (a date range, an excluded term; see above).
func (pr *partRun) browse(ctx context.Context) (bool, error) {
	q, p, b := pr.q, pr.p, pr.p.browse
	fl := q.fl
	if !q.browse || len(q.excluded) > 0 || fl.from != 0 || fl.to != 0 || len(fl.codes) == 0 || b == nil {
		return false, nil
	}
	for _, f := range fl.facet {
		if f < 0 {
			return false, nil
		}
	}
	// By filter, the records it lets through (by place in b.recs); and those of any.
	words := (len(b.recs) + 63) / 64
	through := make([][]uint64, len(fl.codes))
	for k, codes := range fl.codes {
		m := make([]uint64, words)
		for _, c := range codes {
			if int(c) < len(b.count) {
				for _, i := range b.at[b.off[c]:b.off[c+1]] {
					m[i/64] |= 1 << (i % 64)
				}
			}
		}
		through[k] = m
	}
	any := through[0]
	if len(through) > 1 {
		any = make([]uint64, words)
		for _, m := range through {
			for w := range m {
				any[w] |= m[w]
			}
		}
	}
	// With one filter, every record fails it alone or passes: its facet counts them all,
	// hits or not (the part's counts), and the hits count for every other code.
	sel := everyCode
	if len(through) == 1 {
		skip := fl.facet[0]
		sel = codesBut(skip)
		for c, n := range b.count {
			if n > 0 && q.ix.facetOf[c] == skip {
				q.facetHits[c] += n
			}
		}
	}
	hc := getHitCounts(len(p.docs), len(p.sets))
	pr.fails = make([]*hitCounts, len(through))
	var total uint64
	var at [64]uint32
	var metas [64]*recMeta
	for w, word := range any {
		if w&63 == 63 {
			if err := ctx.Err(); err != nil {
				return true, err
			}
		}
		// The records' meta are read first, all of a word's at once: they lie far apart, and
		// their cache misses overlap so (as collect's touch).
		n := 0
		for ; word != 0; word &= word - 1 {
			i := uint32(w*64 + bits.TrailingZeros64(word))
			at[n], metas[n] = i, &p.meta[b.recs[i]]
			n++
		}
		var sink uint32
		for j := range n {
			sink ^= metas[j].doc
		}
		runtime.KeepAlive(sink)
		for j, i := range at[:n] {
			m := metas[j]
			d, set := m.doc, m.set
			miss := passes
			for k, l := range through {
				if l[i/64]&(1<<(i%64)) == 0 {
					if miss != passes {
						miss = missMany
						break
					}
					miss = k
				}
			}
			switch {
			case miss == missMany:
				continue
			case miss != passes:
				pr.fail(miss, d, set)
				continue
			}
			total++
			hc.docs[d]++
			hc.sets[set]++
			if day := p.docs[d].day; q.top.admits(0, day) {
				rec := b.recs[i]
				q.top.push(scored{day: day, part: pr.pi, rec: rec, seq: p.seqOf(rec, m)})
			}
		}
	}
	q.total += total
	pr.addHitCounts(hc, sel)
	pr.addFails()
	return true, nil
}
