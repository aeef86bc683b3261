package engine

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/search"
)

// vocab is the Han vocabulary of the index as its bigrams: what pinyin queries expand to and
// typos are corrected towards. A term of the index is a chain of its bigrams (家庭医生: 家庭 庭医
// 医生); whether a chain occurs as a whole is checked on the text (Index.occurs). The bigrams
// and their counts are read from the term dictionaries once, when the index is built, and kept
// in its parts file (WriteParts), from which a replica opens; what pinyin needs of them, their
// readings, is made on the first query that needs it.
type vocab struct {
	bigrams []bigramCount      // every bigram, most frequent first (bigramOrder)
	df      map[[2]rune]uint32 // bigram → records holding it (summed over parts and fields)
	byFirst map[rune][]rune    // c → every x of a bigram cx, most frequent first
	byLast  map[rune][]rune    // c → every x of a bigram xc, most frequent first
	pinOnce sync.Once
	pin     *vocabPinyin // made by pinyin()
}

// vocabPinyin is what reading pinyin needs of the vocabulary: the bigrams by their readings,
// as sorted lists rather than maps of lists, which took a first pinyin query 11 ms to fill.
type vocabPinyin struct {
	syl      map[string]uint32 // every syllable the vocabulary's characters read as, numbered
	readings map[rune][]string // the readings of the vocabulary's characters
	// byReading holds, for every bigram ab and readings x of a and y of b, the key x<<16|y and
	// the bigram's place in vocab.bigrams: sorted by key, then most frequent first.
	byReading []readEntry
	// next holds, for every bigram ab and reading y of b, the key a<<16|y and the bigram: a
	// key's entries list every b read y after a, most frequent first.
	next []readEntry
}

// readEntry is a bigram (its place in vocab.bigrams) under a key of readings.
type readEntry struct {
	key uint64
	bg  int32
}

// lookup returns the entries of key in es, sorted by key.
func lookup(es []readEntry, key uint64) []readEntry {
	i, _ := slices.BinarySearchFunc(es, key, func(e readEntry, k uint64) int { return cmp.Compare(e.key, k) })
	j := i
	for j < len(es) && es[j].key == key {
		j++
	}
	return es[i:j]
}

// bigramCount is a Han bigram and how many records hold it.
type bigramCount struct {
	bg [2]rune
	n  uint32
}

// bigramOrder orders bigrams most frequent first, then by their characters, so that every
// open of the same index orders alike.
func bigramOrder(a, b bigramCount) int {
	if a.n != b.n {
		if a.n > b.n {
			return -1
		}
		return 1
	}
	if a.bg[0] != b.bg[0] {
		return int(a.bg[0] - b.bg[0])
	}
	return int(a.bg[1] - b.bg[1])
}

// readVocab reads the Han bigrams of every part's searchable fields.
func readVocab(parts []*part) (*vocab, error) {
	df := bigramDF{}
	for _, p := range parts {
		for _, name := range indexedFields {
			d, err := p.seg.Terms(name)
			if err != nil {
				return nil, err
			}
			err = d.Prefixed("", func(term string, n uint64) bool {
				df.add(term, n)
				return true
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return df.vocab(), nil
}

// bigramDF counts the records of every Han bigram among the terms of a part's searchable
// fields, summed over fields and parts.
type bigramDF map[[2]rune]uint32

// add counts term, a term of a searchable field that n records hold: nothing if it is not a
// bigram of Han characters.
func (df bigramDF) add(term string, n uint64) {
	// Han characters start with bytes E3–E9 in UTF-8 (U+3000–U+9FFF): the rest of the
	// dictionary (Latin words, numbers, marks, rarer scripts) is skipped.
	if len(term) != 6 || term[0] < 0xE3 || term[0] > 0xE9 {
		return
	}
	a, size := utf8.DecodeRuneInString(term)
	b, _ := utf8.DecodeRuneInString(term[size:])
	if search.ClassOf(a) == search.Han && search.ClassOf(b) == search.Han {
		df[[2]rune{a, b}] += uint32(min(n, 1<<31))
	}
}

// vocab returns the vocabulary of the bigrams counted.
func (df bigramDF) vocab() *vocab {
	bigrams := make([]bigramCount, 0, len(df))
	for bg, n := range df {
		bigrams = append(bigrams, bigramCount{bg, n})
	}
	slices.SortFunc(bigrams, bigramOrder)
	return newVocab(bigrams)
}

// newVocab is the vocabulary of bigrams, given in bigramOrder (as readVocab sorts them and a
// parts file holds them).
func newVocab(bigrams []bigramCount) *vocab {
	v := &vocab{bigrams: bigrams, df: make(map[[2]rune]uint32, len(bigrams)), byFirst: map[rune][]rune{},
		byLast: map[rune][]rune{}}
	for _, b := range bigrams { // in order: each list comes out most frequent first
		v.df[b.bg] = b.n
		v.byFirst[b.bg[0]] = append(v.byFirst[b.bg[0]], b.bg[1])
		v.byLast[b.bg[1]] = append(v.byLast[b.bg[1]], b.bg[0])
	}
	return v
}

// pinyin returns what reading pinyin needs of the vocabulary, made by the first query that
// asks (the readings of a vocabulary's characters take a while to look up, and most replicas
// start to answer queries in Han characters). It is safe for concurrent use.
func (v *vocab) pinyin() *vocabPinyin {
	v.pinOnce.Do(func() {
		vp := &vocabPinyin{syl: map[string]uint32{}, readings: map[rune][]string{}}
		numbers := map[rune][]uint32{} // the readings of the vocabulary's characters, numbered
		reading := func(r rune) []uint32 {
			ns, ok := numbers[r]
			if !ok {
				rs := search.Readings(r)
				for _, s := range rs {
					n, ok := vp.syl[s]
					if !ok {
						n = uint32(len(vp.syl))
						vp.syl[s] = n
					}
					ns = append(ns, n)
				}
				numbers[r], vp.readings[r] = ns, rs
			}
			return ns
		}
		// The lists' lengths first: growing them as they fill cost more than filling them.
		nNext, nBy := 0, 0
		for _, b := range v.bigrams {
			ys := len(reading(b.bg[1]))
			nNext += ys
			nBy += ys * len(reading(b.bg[0]))
		}
		vp.next, vp.byReading = make([]readEntry, 0, nNext), make([]readEntry, 0, nBy)
		for i, b := range v.bigrams {
			for _, y := range reading(b.bg[1]) {
				vp.next = append(vp.next, readEntry{uint64(b.bg[0])<<16 | uint64(y), int32(i)})
				for _, x := range reading(b.bg[0]) {
					vp.byReading = append(vp.byReading, readEntry{uint64(x)<<16 | uint64(y), int32(i)})
				}
			}
		}
		byKey := func(a, b readEntry) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.bg, b.bg)) }
		slices.SortFunc(vp.byReading, byKey)
		slices.SortFunc(vp.next, byKey)
		v.pin = vp
	})
	return v.pin
}

// reading returns the readings of a character (search.Readings), from those of the
// vocabulary's characters when it is one of them. It is safe for concurrent use.
func (v *vocab) reading(r rune) []string {
	if rs, ok := v.pinyin().readings[r]; ok {
		return rs
	}
	return search.Readings(r)
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
	vp := v.pinyin()
	x, okx := vp.syl[syls[0]]
	y, oky := vp.syl[syls[1]]
	if !okx || !oky {
		return nil // no character of the index reads so
	}
	var beam [][]rune
	for _, e := range lookup(vp.byReading, uint64(x)<<16|uint64(y)) {
		bg := v.bigrams[e.bg].bg
		beam = append(beam, []rune{bg[0], bg[1]})
		if len(beam) == maxBeam {
			break
		}
	}
	for i := 2; i < len(syls) && len(beam) > 0; i++ {
		y, ok := vp.syl[syls[i]]
		if !ok {
			return nil
		}
		var next [][]rune
		for _, rs := range beam {
			for _, e := range lookup(vp.next, uint64(rs[len(rs)-1])<<16|uint64(y)) {
				next = append(next, append(slices.Clip(rs), v.bigrams[e.bg].bg[1]))
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
