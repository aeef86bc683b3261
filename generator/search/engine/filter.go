package engine

import (
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/planportal/planportal/generator/search"
)

// filter is a request's filters and date range, resolved to facet codes and days. The values
// of one filter are alternatives (OR); filters of different facets must all pass (AND).
type filter struct {
	allowed [][]bool   // per filter: facet code → allowed
	codes   [][]uint32 // per filter: the codes it allows (as allowed)
	facet   []int      // per filter: its facet's place in facetFields
	from    int32
	to      int32
}

// Results of filter.miss.
const (
	passes   = -1 // the record passes every filter
	missMany = -2 // it fails the date range or two filters or more
)

func (fl *filter) none() bool { return fl == nil || len(fl.allowed) == 0 && fl.from == 0 && fl.to == 0 }

// A record's filters are decided as bits: bit k is set where filter k lets it through (one of
// its codes is allowed), and dateMiss where it fails the date range. Its document's codes and
// its own themes are decided apart (lets) and or-ed: a record's themes (a set many records
// share) are decided once per set.
const dateMiss = 1 << 31

// lets returns the filters that one of codes lets through, as bits.
func (fl *filter) lets(codes []uint32) uint32 {
	var l uint32
	for k, allowed := range fl.allowed {
		for _, c := range codes {
			if int(c) < len(allowed) && allowed[c] {
				l |= 1 << k
				break
			}
		}
	}
	return l
}

// docLets returns the filters a document's codes let through, and dateMiss where its day
// fails the date range.
func (fl *filter) docLets(d *docInfo) uint32 {
	l := fl.lets(d.facets)
	if fl.from != 0 && d.day < fl.from || fl.to != 0 && (d.day > fl.to || d.day == 0) {
		l |= dateMiss
	}
	return l
}

// miss tells which filters a record fails, from the filters its codes let through (lets):
// passes, missMany, or the one filter it fails. A record that fails only the filter of facet
// F still counts for F's values, so that the values not chosen stay listed with their counts
// (a region chosen, the others can still be added to compare).
func (fl *filter) miss(lets uint32) int {
	if lets&dateMiss != 0 {
		return missMany
	}
	failed := (uint32(1)<<len(fl.allowed) - 1) &^ lets
	switch {
	case failed == 0:
		return passes
	case failed&(failed-1) == 0:
		return bits.TrailingZeros32(failed)
	}
	return missMany
}

// themed reports whether a filter allows a theme's code: only then can a record's own themes
// change what the filters decide of it.
func (fl *filter) themed(isTheme func(code uint32) bool) bool {
	for _, codes := range fl.codes {
		for _, c := range codes {
			if isTheme(c) {
				return true
			}
		}
	}
	return false
}

// filter resolves a request's filters to facet codes and its date range to days.
func (ix *Index) filter(r search.Request) (*filter, error) {
	fl := &filter{}
	names := make([]string, 0, len(r.Filters))
	for name := range r.Filters {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if len(r.Filters[name]) == 0 {
			continue
		}
		allowed := make([]bool, len(ix.facetNames))
		var codes []uint32
		for _, v := range r.Filters[name] {
			// Typed either way, a value selects the values written either way (澳门, 澳門).
			for _, c := range ix.codesOf[search.NormalizeString(name+"="+v)] {
				if !allowed[c] {
					codes = append(codes, c)
				}
				allowed[c] = true
			}
		}
		fl.allowed, fl.codes = append(fl.allowed, allowed), append(fl.codes, codes)
		fl.facet = append(fl.facet, slices.Index(facetFields, name))
	}
	day := func(s string) int32 {
		if s == "" {
			return 0
		}
		t, _ := time.Parse("2006-01-02", s)
		switch {
		case t.Year() < 1:
			return 1
		case t.Year() > 9999:
			return 99991231
		}
		v, _ := strconv.Atoi(t.Format("20060102"))
		return int32(max(v, 1))
	}
	fl.from, fl.to = day(r.From), day(r.To)
	return fl, nil
}
