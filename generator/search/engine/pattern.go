package engine

import (
	"strings"

	"github.com/planportal/planportal/generator/search"
)

// Exact matching on text held in memory: a pattern compiled from a query term matches
// canonical text (search.Canon) exactly where the term's bleve phrase would match the text's
// tokens: Han characters joined in one run hold the bigram they form, so a term's Han run
// must stand inside one run of the text; two Han runs of a quoted term ("医疗 服务") may stand
// in one run or two, because spaces hold no position; a Latin word or number must be a whole
// run; marks must stand where the term has them. TestPatternAgreesWithPhrase checks the two
// against each other on random text.

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
	p.wordStart = search.RunClass(runs[0]) == search.Word
	p.wordEnd = search.RunClass(runs[len(runs)-1]) == search.Word
	cur := runs[0]
	for i := 1; i < len(runs); i++ {
		if search.RunClass(runs[i-1]) == search.Han && search.RunClass(runs[i]) == search.Han {
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
