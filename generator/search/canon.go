package search

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Canon writes a text the way the tokenizer sees it: runes normalised, runs (of Han
// characters, or of letters and digits) kept together, every punctuation mark a run of its
// own, spaces dropped, and exactly one ' ' between two runs. The engine matches query terms
// exactly on the canonical text of every record, which it holds in memory.
func Canon(s string) string {
	b := AppendCanon(make([]byte, 0, len(s)+len(s)/4), s)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// AppendCanon appends the canonical text of s (Canon) to b: a caller that keeps it only
// until its next text (the index's builder, which spills it to a file) reuses one buffer
// instead of a string per field (132 MB at 5,000 plans).
func AppendCanon(b []byte, s string) []byte {
	start := len(b)
	prev, sep := Space, false
	var last rune
	for i, r := range s {
		n := Normalize(r)
		c := ClassOf(n)
		if prev == Word && !sep && IsDecimalPoint(last, n, nextNormalized(s, i+utf8.RuneLen(r))) {
			c = Word
		}
		switch c {
		case Space:
			sep = true
			continue
		case Punct:
			if len(b) > start {
				b = append(b, ' ')
			}
		default:
			if len(b) > start && (c != prev || sep) {
				b = append(b, ' ')
			}
		}
		b = utf8.AppendRune(b, n)
		prev, sep, last = c, false, n
	}
	return b
}

// canonRuns splits a canonical string into its runs.
func canonRuns(c string) []string {
	if c == "" {
		return nil
	}
	return strings.Split(c, " ")
}

// RunClass returns the class of a run of canonical text.
func RunClass(run string) Class {
	r, _ := utf8.DecodeRuneInString(run)
	return ClassOf(r)
}

// KeepsMark reports whether a mark at the end of a term is part of it: 互联网+ and C++ mean
// the plus, 65% and 3‰ are not 65 and 3 (nor 65岁), 37℃ is a temperature. Other marks at the edges of a term ("儿科, 儿科。) and a leading + (the "must
// have" of other search engines) pin nothing down.
func KeepsMark(run string) bool { return run == "+" || run == "%" || run == "‰" || run == "℃" }

// TermRuns returns the canonical runs of a query term that a match must show, edge marks
// trimmed; nil when nothing is left to search for.
func TermRuns(term string) []string {
	runs := canonRuns(Canon(term))
	for len(runs) > 0 && RunClass(runs[0]) == Punct {
		runs = runs[1:]
	}
	end := len(runs)
	for end > 0 && RunClass(runs[end-1]) == Punct && !KeepsMark(runs[end-1]) {
		end--
	}
	if end == 0 {
		return nil
	}
	return runs[:end]
}

// markPieces returns what a snippet marks for a term: its pieces (see pieces), the last one
// with the marks that end the term (互联网+).
func markPieces(term string) []string {
	ps := pieces(term)
	runs := TermRuns(term)
	var tail string
	for i := len(runs) - 1; i >= 0 && RunClass(runs[i]) == Punct; i-- {
		tail = runs[i] + tail
	}
	if len(ps) > 0 && tail != "" {
		ps[len(ps)-1] += tail
	}
	return ps
}
