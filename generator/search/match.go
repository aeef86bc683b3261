package search

import (
	"strings"
	"unicode/utf8"
)

// Exact matching on text held in memory.
//
// canon writes a text the way the tokenizer sees it: runes normalised, runs (of Han
// characters, or of letters and digits) kept together, every punctuation mark a run of its
// own, spaces dropped, and exactly one ' ' between two runs. A pattern compiled from a query
// term matches canonical text exactly where the term's bleve phrase (phraseTerms) would
// match the text's tokens: Han characters joined in one run hold the bigram they form, so a
// term's Han run must stand inside one run of the text; two Han runs of a quoted term ("医疗
// 服务") may stand in one run or two, because spaces hold no position; a Latin word or number
// must be a whole run; marks must stand where the term has them. TestPatternAgreesWithPhrase
// checks the two against each other on random text.

// canon returns the canonical form of s (see above).
func canon(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	prev, sep := space, false
	for _, r := range s {
		n := Normalize(r)
		c := classOf(n)
		switch c {
		case space:
			sep = true
			continue
		case punct:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
		default:
			if b.Len() > 0 && (c != prev || sep) {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(n)
		prev, sep = c, false
	}
	return b.String()
}

// canonRuns splits a canonical string into its runs.
func canonRuns(c string) []string {
	if c == "" {
		return nil
	}
	return strings.Split(c, " ")
}

func runClass(run string) class {
	r, _ := utf8.DecodeRuneInString(run)
	return classOf(r)
}

// keepsMark reports whether a mark at the end of a term is part of it: 互联网+ and C++ mean
// the plus. Other marks at the edges of a term ("儿科, 儿科。) and a leading + (the "must
// have" of other search engines) pin nothing down.
func keepsMark(run string) bool { return run == "+" }

// termRuns returns the canonical runs of a query term that a match must show, edge marks
// trimmed; nil when nothing is left to search for.
func termRuns(term string) []string {
	runs := canonRuns(canon(term))
	for len(runs) > 0 && runClass(runs[0]) == punct {
		runs = runs[1:]
	}
	end := len(runs)
	for end > 0 && runClass(runs[end-1]) == punct && !keepsMark(runs[end-1]) {
		end--
	}
	if end == 0 {
		return nil
	}
	return runs[:end]
}

// pattern is a compiled query term. segs are literal pieces of canonical text; between two
// of them the text may hold one ' ' or none (two Han runs of a quoted term). A pattern that
// starts or ends with a Latin word or number must meet a run boundary there.
type pattern struct {
	segs               []string
	wordStart, wordEnd bool
	// pivot is the byte of segs[0] the scan looks for first: the rarest in the indexed text
	// (a Chinese text is full of the lead bytes E4–E9, so searching for the first byte, as
	// strings.Index does, stops almost everywhere).
	pivot int
}

// compilePattern compiles the runs of a term; freq, when given, counts the bytes of the
// indexed text, to choose the pivot.
func compilePattern(runs []string, freq *[256]uint64) (p pattern) {
	if len(runs) == 0 {
		return p
	}
	defer func() {
		head := p.segs[0]
		p.pivot = len(head) - 1
		if freq == nil {
			return
		}
		for k := len(head) - 1; k >= 0; k-- {
			if head[k] != ' ' && freq[head[k]] < freq[head[p.pivot]] {
				p.pivot = k
			}
		}
	}()
	p.wordStart = runClass(runs[0]) == word
	p.wordEnd = runClass(runs[len(runs)-1]) == word
	cur := runs[0]
	for i := 1; i < len(runs); i++ {
		if runClass(runs[i-1]) == han && runClass(runs[i]) == han {
			p.segs = append(p.segs, cur)
			cur = runs[i]
			continue
		}
		cur += " " + runs[i]
	}
	p.segs = append(p.segs, cur)
	return p
}

// count returns how many times the pattern occurs in canonical text s (overlapping
// occurrences count).
func (p *pattern) count(s string) int {
	return p.scan(s, false)
}

// in reports whether the pattern occurs in s.
func (p *pattern) in(s string) bool { return p.scan(s, true) > 0 }

func (p *pattern) scan(s string, first bool) int {
	if len(p.segs) == 0 || len(s) == 0 {
		return 0
	}
	head := p.segs[0]
	k, c, hl := p.pivot, p.segs[0][p.pivot], len(p.segs[0])
	n := 0
	for i := 0; i+hl <= len(s); {
		j := strings.IndexByte(s[i+k:len(s)-hl+k+1], c)
		if j < 0 {
			break
		}
		j += i
		i = j + 1
		if s[j:j+hl] != head {
			continue
		}
		if p.wordStart && j > 0 && s[j-1] != ' ' {
			continue
		}
		end := j + len(head)
		ok := true
		for _, seg := range p.segs[1:] {
			if end < len(s) && s[end] == ' ' {
				end++
			}
			if !strings.HasPrefix(s[end:], seg) {
				ok = false
				break
			}
			end += len(seg)
		}
		if !ok || p.wordEnd && end < len(s) && s[end] != ' ' {
			continue
		}
		n++
		if first {
			return n
		}
	}
	return n
}

// markPieces returns what a snippet marks for a term: its pieces (see pieces), the last one
// with the marks that end the term (互联网+).
func markPieces(term string) []string {
	ps := pieces(term)
	runs := termRuns(term)
	var tail string
	for i := len(runs) - 1; i >= 0 && runClass(runs[i]) == punct; i-- {
		tail = runs[i] + tail
	}
	if len(ps) > 0 && tail != "" {
		ps[len(ps)-1] += tail
	}
	return ps
}
