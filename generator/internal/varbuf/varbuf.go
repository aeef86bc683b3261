// Package varbuf holds the lists an index appends to for as long as it is built: a term's
// postings and a bigram's positions as byte streams in an Arena, and per-record lists that
// double their capacity when they are full (Doubled).
//
// append grows a slice of more than 256 elements by about a quarter at a time: a list
// grown to n bytes so was copied about four times its size on the way (a new array each
// time, the old one left to the collector), and the longer a list, the more of its growth
// falls in that regime. The lists of the index's common terms and bigrams grow with the
// corpus (at 5,000 plans a term held by every record is some hundreds of KB), so their
// copying and garbage grew faster than the corpus. Doubling copies a list about once its
// size whatever its length, for at most twice its length in capacity; in an Arena a stream
// is not copied at all.
package varbuf

import "slices"

// Doubled returns s with room for one more element, its capacity doubled when it is full: the
// same growth for lists of any element (the index's per-record lists, fed as records come).
func Doubled[S ~[]E, E any](s S) S {
	if len(s) < cap(s) {
		return s
	}
	return slices.Grow(s, max(len(s), 16))
}
