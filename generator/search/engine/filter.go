package engine

import (
	"sort"
	"strconv"
	"time"

	"github.com/planportal/planportal/generator/search"
)

// filter is a request's filters and date range, resolved to facet codes and days.
type filter struct {
	allowed [][]bool // per filter: facet code → allowed
	from    int32
	to      int32
}

func (fl *filter) none() bool { return fl == nil || len(fl.allowed) == 0 && fl.from == 0 && fl.to == 0 }

func (fl *filter) pass(d *docInfo) bool { return fl.passWith(d, nil) }

// passWith reports whether a record with the document's codes plus the given theme codes
// passes the filter.
func (fl *filter) passWith(d *docInfo, themes []uint32) bool {
	if fl.from != 0 && d.day < fl.from || fl.to != 0 && (d.day > fl.to || d.day == 0) {
		return false
	}
	for _, allowed := range fl.allowed {
		ok := false
		for _, c := range d.facets {
			if int(c) < len(allowed) && allowed[c] {
				ok = true
				break
			}
		}
		for _, c := range themes {
			if ok {
				break
			}
			ok = int(c) < len(allowed) && allowed[c]
		}
		if !ok {
			return false
		}
	}
	return true
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
		for _, v := range r.Filters[name] {
			if c, ok := ix.codeOf[name+"="+v]; ok {
				allowed[c] = true
			}
		}
		fl.allowed = append(fl.allowed, allowed)
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
