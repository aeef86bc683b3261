package taxonomy

import (
	"sync"
	"unicode/utf8"
)

// charMask summarises the characters a folded passage holds: one bit of 256 for each ASCII
// byte and each three-byte character (every Han character in use and the Chinese punctuation),
// chosen by a hash of the character. fold makes it as it reads the passage, for next to nothing.
// A passage whose mask lacks one of a word's bits cannot hold the word, so the context rules,
// which look for a few dozen marks (适用于, 依托, 针对, 之际, 、…) in each clause of a passage, ask
// the passage's mask before they search a clause, and search only for the marks the passage may
// hold. A mask only ever says "may hold": the search decides, so the rules find what they found
// without masks.
//
// A word found in a passage has each of its ASCII bytes and three-byte characters in the
// passage, where fold reads them (fold steps over the continuation bytes of a three-byte
// character only), so each of its bits is in the passage's mask, whatever else, valid UTF-8 or
// not, the passage holds. Characters of two or four bytes have no bit, in a word or a passage.
//
// words goes further for the words the rules look for (newWord, newWords): a bit for each of
// them, set when the text holds the word itself, not only its characters (words). Most of the
// searches a character mask let through found nothing: 依 and 托, 是 and 的重要 stand in many a
// clause apart; a word's own bit lets a search run only where the word is.
type charMask struct {
	c [4]uint64 // the characters', by hash
	w wordBits  // the words' (words) the text holds
}

// wordBits holds a bit for each word of words, by its id.
type wordBits [maxWords / 64]uint64

// add sets the bit of character (or ASCII byte) r.
func (m *charMask) add(r rune) {
	h := uint32(r) * 0x9E3779B1 >> 24 // 0 to 255
	m.c[h>>6] |= 1 << (h & 63)
}

// or adds the bits of w to m.
func (m *charMask) or(w *charMask) {
	m.c[0], m.c[1], m.c[2], m.c[3] = m.c[0]|w.c[0], m.c[1]|w.c[1], m.c[2]|w.c[2], m.c[3]|w.c[3]
	m.w.or(&w.w)
}

// or adds the bits of v to b.
func (b *wordBits) or(v *wordBits) {
	b[0], b[1], b[2], b[3] = b[0]|v[0], b[1]|v[1], b[2]|v[2], b[3]|v[3]
}

// may reports whether a passage of mask m may hold a word of mask w: for a word of words, whether
// it holds it.
func (m *charMask) may(w *charMask) bool {
	return m.w[0]&w.w[0] == w.w[0] && m.w[1]&w.w[1] == w.w[1] && m.w[2]&w.w[2] == w.w[2] && m.w[3]&w.w[3] == w.w[3] &&
		m.c[0]&w.c[0] == w.c[0] && m.c[1]&w.c[1] == w.c[1] && m.c[2]&w.c[2] == w.c[2] && m.c[3]&w.c[3] == w.c[3]
}

// maskOf returns the mask of s, read as fold reads a passage (foldMask makes the same mask of
// the text it folds).
func maskOf(s string) charMask { return readMask(s, words()) }

// charsOf returns the mask of the characters of s alone, read as fold reads a passage, without
// the bits of words.
func charsOf(s string) charMask { return readMask(s, nil) }

// readMask returns the mask of s read as fold reads a passage, with the bits of the words a
// finds in it (none when a is nil).
func readMask(s string, a *wordAutomaton) charMask {
	var m charMask
	state := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			m.add(rune(c))
			if a != nil {
				state = a.step(state, rune(c), &m.w)
			}
			continue
		}
		if c&0xF0 != 0xE0 || i+2 >= len(s) || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
			state = 0
			continue
		}
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		m.add(r)
		if a != nil {
			state = a.step(state, r, &m.w)
		}
		i += 2
	}
	return m
}

// word is a mark the context rules look for, with its mask: its characters' bits and its own
// bit of words, if it has one.
type word struct {
	s  string
	m  charMask
	id int // its bit of words, or -1
}

// newWord returns the word s and gives it its bit of words, while words has not been made (the
// rules' words are made as the package is initialised, before any text is folded). A word
// made later, or one that holds a character of two or four bytes, or one past the first maxWords,
// has none: its mask is its characters', which says "may hold" as it always did.
func newWord(s string) word {
	w := word{s: s, m: charsOf(s), id: registerWord(s)}
	if w.id >= 0 {
		w.m.w[w.id>>6] |= 1 << (w.id & 63)
	}
	return w
}

func newWords(ss []string) []word {
	out := make([]word, len(ss))
	for i, s := range ss {
		out[i] = newWord(s)
	}
	return out
}

// in is index(s, w.s) for s a part of the passage of mask m: -1 at once when the passage
// cannot hold w.
func (w *word) in(m *charMask, s string) int {
	if !w.may(m) {
		return -1
	}
	return index(s, w.s)
}

// may is m.may(&w.m): for a word with a bit, the bit alone, as a text that holds the word
// holds its characters.
func (w *word) may(m *charMask) bool {
	if w.id >= 0 {
		return m.w[w.id>>6]&(1<<(w.id&63)) != 0
	}
	return m.may(&w.m)
}

// maxWords is how many words have a bit of their own (wordBits).
const maxWords = 256

// wordRegistry holds the words newWord gave a bit, in the order of their bits, until words
// makes its automaton of them; after that it gives none.
var wordRegistry struct {
	sync.Mutex
	list   []string
	ids    map[string]int // a word made twice has one bit
	frozen bool
}

// registerWord returns the bit newWord gives s, or -1 for none.
func registerWord(s string) int {
	if s == "" || !utf8.ValidString(s) {
		return -1
	}
	for _, r := range s {
		if n := utf8.RuneLen(r); n != 1 && n != 3 || r == utf8.RuneError {
			return -1 // fold reads no character of two or four bytes: the automaton would not see it
		}
	}
	wordRegistry.Lock()
	defer wordRegistry.Unlock()
	if id, ok := wordRegistry.ids[s]; ok {
		return id
	}
	if wordRegistry.frozen || len(wordRegistry.list) >= maxWords {
		return -1
	}
	if wordRegistry.ids == nil {
		wordRegistry.ids = map[string]int{}
	}
	wordRegistry.ids[s] = len(wordRegistry.list)
	wordRegistry.list = append(wordRegistry.list, s)
	return len(wordRegistry.list) - 1
}

// wordAutomaton finds every word of the registry in a text in one pass, character by character
// as fold reads it (Aho–Corasick, made into a table of transitions): the state after a
// character is the longest end of the text so far that begins a word, and each state knows the
// words that end there. The characters of the words are numbered (class, 0 for any other), so
// the table has a row per state and a column per number.
type wordAutomaton struct {
	ascii  [utf8.RuneSelf]uint16 // an ASCII byte's number
	pages  [256]*[256]uint16     // a three-byte character's number, by r>>8 and r&0xFF
	stride int32                 // numbers in all: the length of a row of next
	next   []uint16              // state*stride + number → the next state, with endsWord when words end there
	ends   []int32               // state → its index in found, 0 when no word ends there
	found  []wordBits            // the words ending at a state, the first unused
}

// class returns the number of character r (below 0x10000).
func (a *wordAutomaton) class(r rune) int32 {
	if r < utf8.RuneSelf {
		return int32(a.ascii[r])
	}
	if p := a.pages[r>>8&0xFF]; p != nil {
		return int32(p[r&0xFF])
	}
	return 0
}

// step returns the state after state and character r (ASCII or three bytes long), adding the
// bits of the words that end at r to b. Small enough to be inlined in fold's loop.
func (a *wordAutomaton) step(state int32, r rune, b *wordBits) int32 {
	cl := a.class(r)
	if cl == 0 {
		return 0
	}
	next := a.next[state*a.stride+cl]
	state = int32(next &^ endsWord)
	if next&endsWord != 0 {
		a.add(b, state)
	}
	return state
}

// endsWord marks a transition to a state at which words end (ends), so that a step reads the
// table of ends only then. States are fewer than endsWord.
const endsWord = 1 << 15

// add adds the bits of the words that end at state to b.
func (a *wordAutomaton) add(b *wordBits, state int32) { b.or(&a.found[a.ends[state]]) }

// words returns the automaton of the registry's words, made at its first call; no word gets a
// bit after that.
var words = sync.OnceValue(func() *wordAutomaton {
	wordRegistry.Lock()
	wordRegistry.frozen = true
	list := wordRegistry.list
	wordRegistry.Unlock()
	return newWordAutomaton(list)
})

// newWordAutomaton returns the automaton of list, whose i-th word has bit i.
func newWordAutomaton(list []string) *wordAutomaton {
	a := &wordAutomaton{stride: 1}
	number := func(r rune) int32 {
		if cl := a.class(r); cl != 0 {
			return cl
		}
		cl := uint16(a.stride)
		a.stride++
		if r < utf8.RuneSelf {
			a.ascii[r] = cl
		} else {
			if a.pages[r>>8] == nil {
				a.pages[r>>8] = new([256]uint16)
			}
			a.pages[r>>8][r&0xFF] = cl
		}
		return int32(cl)
	}
	// The trie of the words: children[state] by number, own[state] the words ending there.
	children := []map[int32]int32{{}}
	own := []wordBits{{}}
	for id, s := range list {
		state := int32(0)
		for _, r := range s {
			cl := number(r)
			next, ok := children[state][cl]
			if !ok {
				next = int32(len(children))
				children, own = append(children, map[int32]int32{}), append(own, wordBits{})
				children[state][cl] = next
			}
			state = next
		}
		own[state][id>>6] |= 1 << (id & 63)
	}
	// Breadth first: a state's fallback (the longest proper end of its text that is a state) is
	// nearer the root than the state, so its row and its words are complete when the state's are
	// made.
	n := int32(len(children))
	if n >= endsWord {
		panic("taxonomy: too many states in the words' automaton") // maxWords words are far fewer
	}
	a.next = make([]uint16, n*a.stride)
	a.ends = make([]int32, n)
	a.found = []wordBits{{}}
	fail := make([]int32, n)
	queue := []int32{0}
	for len(queue) > 0 {
		state := queue[0]
		queue = queue[1:]
		row := a.next[state*a.stride : (state+1)*a.stride]
		if state != 0 {
			copy(row, a.next[fail[state]*a.stride:(fail[state]+1)*a.stride])
		}
		for cl, child := range children[state] {
			if state != 0 {
				fail[child] = int32(a.next[fail[state]*a.stride+cl])
			}
			row[cl] = uint16(child)
		}
		// The state's words: its own and its fallback's.
		ws := own[state]
		if state != 0 {
			if e := a.ends[fail[state]]; e != 0 {
				ws.or(&a.found[e])
			}
		}
		if ws != (wordBits{}) {
			a.ends[state] = int32(len(a.found))
			a.found = append(a.found, ws)
		}
		for _, child := range children[state] {
			queue = append(queue, child)
		}
	}
	for k, next := range a.next {
		if a.ends[next] != 0 {
			a.next[k] = next | endsWord
		}
	}
	return a
}
