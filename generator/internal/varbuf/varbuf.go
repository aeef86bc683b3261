// Package varbuf appends uvarints to byte slices that grow by appending for as long as an
// index is built (a term's postings, a bigram's positions), doubling their capacity when
// they are full.
//
// append grows a slice of more than 256 elements by about a quarter at a time: a list
// grown to n bytes so was copied about four times its size on the way (a new array each
// time, the old one left to the collector), and the longer a list, the more of its growth
// falls in that regime. The lists of the index's common terms and bigrams grow with the
// corpus (at 5,000 plans a term held by every record is some hundreds of KB), so their
// copying and garbage grew faster than the corpus. Doubling copies a list about once its
// size whatever its length, for at most twice its length in capacity.
package varbuf

import (
	"encoding/binary"
	"slices"
)

// grow returns b with its capacity doubled (at least 16 bytes more).
func grow(b []byte) []byte {
	n := make([]byte, len(b), max(2*cap(b), cap(b)+16))
	copy(n, b)
	return n
}

// Doubled returns s with room for one more element, its capacity doubled when it is full: the
// same growth for lists of any element (the index's per-record lists, fed as records come).
func Doubled[S ~[]E, E any](s S) S {
	if len(s) < cap(s) {
		return s
	}
	return slices.Grow(s, max(len(s), 16))
}

// Put appends v to *b as a uvarint (binary.AppendUvarint), doubling its capacity when it is
// full, and writes back only *b's length unless its array grows: b = append(…) through a
// function's result writes the whole slice back, its pointer included,
// and a pointer written into the heap while the collector marks goes through its write
// barrier: the lists of an index being built live in the heap, and are appended to for every
// term of every record (at 20,000 plans the barrier's buffers took 5.8% of the index build's
// CPU, and more the larger the heap, which the collector marks for longer).
func Put(b *[]byte, v uint64) {
	if cap(*b)-len(*b) < binary.MaxVarintLen64 {
		*b = grow(*b)
	}
	n := len(*b)
	k := binary.PutUvarint((*b)[n:n+binary.MaxVarintLen64], v)
	*b = (*b)[:n+k]
}
