package site

import (
	"slices"

	"github.com/planportal/planportal/generator/content"
)

// Ordering is an order a listing of documents (the policy-library table) can be read in: by
// 发布日期 or 成文日期, newest or oldest first. The listing's own URL has the first; each
// other is pre-rendered (the site needs no JavaScript and no server to sort).
type Ordering struct {
	// Key names the ordering in URLs (written-asc); "" for the default.
	Key string
	// Field is the date's front matter key (published, written); Desc is newest first.
	Field string
	Desc  bool
	// Label says the order in words (按发布日期从新到旧).
	Label string
}

// Orderings are the orders of every listing, the default (newest published first) first.
var Orderings = []Ordering{
	{Key: "", Field: "published", Desc: true, Label: "按发布日期从新到旧"},
	{Key: "published-asc", Field: "published", Desc: false, Label: "按发布日期从旧到新"},
	{Key: "written-desc", Field: "written", Desc: true, Label: "按成文日期从新到旧"},
	{Key: "written-asc", Field: "written", Desc: false, Label: "按成文日期从旧到新"},
}

// NewestFirst are the orders of a theme's table: newest first by either date. Every document
// of a theme table is a row of the other listings too, so a theme's table leaves out the
// oldest-first orders, which would double its pages (the theme pages stay at most a third
// of the site).
var NewestFirst = []Ordering{Orderings[0], Orderings[2]}

// Sorted returns docs in the ordering o, as a new slice. A document without the date (an
// excerpt, or a source that does not state it) comes last either way; ties keep the newest
// published first, then the path.
func (o Ordering) Sorted(docs []*content.Document) []*content.Document {
	out := slices.Clone(docs)
	SortNewestFirst(out)
	if o.Field == "published" && o.Desc {
		return out
	}
	date := func(d *content.Document) content.Date {
		if o.Field == "written" {
			return d.Meta.Written
		}
		return d.Meta.Published
	}
	slices.SortStableFunc(out, func(a, b *content.Document) int {
		da, db := date(a), date(b)
		switch {
		case da.IsZero() || db.IsZero():
			return boolCmp(da.IsZero(), db.IsZero())
		case o.Desc:
			return db.Compare(da.Time)
		}
		return da.Compare(db.Time)
	})
	return out
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
