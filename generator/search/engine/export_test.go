package engine

import "github.com/planportal/planportal/generator/search"

// What the external tests (package engine_test: they build and open indexes of their own)
// read of the engine's internals.

// Stats returns the figures scoring uses: the number of live records (idf) and, by indexed
// field, its mean length where it is not empty (BM25's length norm).
func Stats(ix *Index) (records int, meanLen map[string]float64) {
	meanLen = map[string]float64{}
	for f, name := range indexedFields {
		meanLen[name] = ix.avgLen[f]
	}
	return ix.records, meanLen
}

// Scan is a term compiled as a query compiles it, and the text of the records of the index's
// first part, for timing the scan alone.
type Scan struct {
	pat pattern
	p   *part
}

// NewScan compiles term for the first part of ix.
func NewScan(ix *Index, term string) *Scan {
	return &Scan{pat: compilePattern(search.TermRuns(term), &ix.byteFreq), p: ix.parts[0]}
}

// Records is the number of records of the part, deleted ones included.
func (s *Scan) Records() int { return int(s.p.n) }

// Text returns the canonical text of a record's text field.
func (s *Scan) Text(rec uint32) string { return s.p.field(rec, fText) }

// Count counts the term in canonical text.
func (s *Scan) Count(txt string) int { return s.pat.count(txt) }

// Pivot is the byte of the term the scan looks for first.
func (s *Scan) Pivot() int { return s.pat.pivot }
