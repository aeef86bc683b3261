package engine

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/search"
)

// vocab is the Han vocabulary of the index as its bigrams, read from the term dictionaries
// when the index opens: what pinyin queries expand to and typos are corrected towards. A term
// of the index is a chain of its bigrams (家庭医生: 家庭 庭医 医生); whether a chain occurs as a
// whole is checked on the text (Index.occurs).
type vocab struct {
	df        map[[2]rune]uint32   // bigram → records holding it (summed over parts and fields)
	byReading map[string][][2]rune // "er ke" → the bigrams read so, most frequent first
	byFirst   map[rune][]rune      // c → every x of a bigram cx, most frequent first
	byLast    map[rune][]rune      // c → every x of a bigram xc, most frequent first
	next      map[readAfter][]rune // (c, syllable) → every x read so of a bigram cx
	readings  map[rune][]string
}

// readAfter is a character and the reading of the one after it.
type readAfter struct {
	r   rune
	syl string
}

// readVocab reads the Han bigrams of every part's searchable fields.
func readVocab(parts []*part) (*vocab, error) {
	v := &vocab{df: map[[2]rune]uint32{}, byReading: map[string][][2]rune{}, byFirst: map[rune][]rune{},
		byLast: map[rune][]rune{}, next: map[readAfter][]rune{}, readings: map[rune][]string{}}
	for _, p := range parts {
		for _, name := range indexedFields {
			d, err := p.seg.Terms(name)
			if err != nil {
				return nil, err
			}
			// Han characters start with bytes E3–E9 in UTF-8 (U+3000–U+9FFF): the rest of the
			// dictionary (Latin words, numbers, marks, rarer scripts) is skipped.
			err = d.Prefixed("", func(term string, n uint64) bool {
				if len(term) != 6 || term[0] < 0xE3 || term[0] > 0xE9 {
					return true
				}
				a, size := utf8.DecodeRuneInString(term)
				b, _ := utf8.DecodeRuneInString(term[size:])
				if search.ClassOf(a) == search.Han && search.ClassOf(b) == search.Han {
					v.df[[2]rune{a, b}] += uint32(min(n, 1<<31))
				}
				return true
			})
			if err != nil {
				return nil, err
			}
		}
	}
	for bg := range v.df {
		v.byFirst[bg[0]] = append(v.byFirst[bg[0]], bg[1])
		v.byLast[bg[1]] = append(v.byLast[bg[1]], bg[0])
		for _, rb := range v.reading(bg[1]) {
			k := readAfter{bg[0], rb}
			v.next[k] = append(v.next[k], bg[1])
			for _, ra := range v.reading(bg[0]) {
				k := ra + " " + rb
				v.byReading[k] = append(v.byReading[k], bg)
			}
		}
	}
	for c, xs := range v.byFirst {
		v.sortRunes(xs, func(x rune) [2]rune { return [2]rune{c, x} })
	}
	for c, xs := range v.byLast {
		v.sortRunes(xs, func(x rune) [2]rune { return [2]rune{x, c} })
	}
	for _, bgs := range v.byReading {
		slices.SortFunc(bgs, func(a, b [2]rune) int { return v.cmp(a, b) })
	}
	return v, nil
}

// cmp orders bigrams most frequent first, then by their characters, so that every open of
// the same index orders alike.
func (v *vocab) cmp(a, b [2]rune) int {
	if da, db := v.df[a], v.df[b]; da != db {
		if da > db {
			return -1
		}
		return 1
	}
	if a[0] != b[0] {
		return int(a[0] - b[0])
	}
	return int(a[1] - b[1])
}

func (v *vocab) sortRunes(xs []rune, bigram func(rune) [2]rune) {
	slices.SortFunc(xs, func(x, y rune) int { return v.cmp(bigram(x), bigram(y)) })
}

func (v *vocab) reading(r rune) []string {
	rs, ok := v.readings[r]
	if !ok {
		rs = search.Readings(r)
		v.readings[r] = rs
	}
	return rs
}

// has reports whether every bigram of a Han string is in the index.
func (v *vocab) has(rs []rune) bool {
	for i := 0; i+1 < len(rs); i++ {
		if v.df[[2]rune{rs[i], rs[i+1]}] == 0 {
			return false
		}
	}
	return len(rs) >= 2
}

// count is how many records hold an index term, as far as the vocabulary knows: a Han bigram's
// count, or 0 for any other term (a Latin word, a number) and when there is no vocabulary.
func (v *vocab) count(term string) uint32 {
	if v == nil || len(term) != 6 {
		return 0
	}
	a, size := utf8.DecodeRuneInString(term)
	b, _ := utf8.DecodeRuneInString(term[size:])
	return v.df[[2]rune{a, b}]
}

// estimate is how many records may hold a Han string: the fewest of any of its bigrams.
func (v *vocab) estimate(rs []rune) uint32 {
	est := uint32(1<<32 - 1)
	for i := 0; i+1 < len(rs); i++ {
		est = min(est, v.df[[2]rune{rs[i], rs[i+1]}])
	}
	return est
}

// maxBeam bounds the chains of bigrams kept while reading a pinyin string.
const maxBeam = 32

// chains returns the Han strings whose every bigram is in the index and whose characters read
// as the syllables, most likely first (by estimate), at most maxBeam.
func (v *vocab) chains(syls []string) [][]rune {
	if len(syls) < 2 {
		return nil
	}
	var beam [][]rune
	for _, bg := range v.byReading[syls[0]+" "+syls[1]] {
		beam = append(beam, []rune{bg[0], bg[1]})
		if len(beam) == maxBeam {
			break
		}
	}
	for i := 2; i < len(syls) && len(beam) > 0; i++ {
		var next [][]rune
		for _, rs := range beam {
			for _, x := range v.next[readAfter{rs[len(rs)-1], syls[i]}] {
				next = append(next, append(slices.Clip(rs), x))
			}
		}
		slices.SortStableFunc(next, func(a, b []rune) int {
			ea, eb := v.estimate(a), v.estimate(b)
			switch {
			case ea > eb:
				return -1
			case ea < eb:
				return 1
			}
			return strings.Compare(string(a), string(b))
		})
		beam = next[:min(len(next), maxBeam)]
	}
	return beam
}
