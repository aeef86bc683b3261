package taxonomy

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
type charMask [4]uint64

// add sets the bit of character (or ASCII byte) r.
func (m *charMask) add(r rune) {
	h := uint32(r) * 0x9E3779B1 >> 24 // 0 to 255
	m[h>>6] |= 1 << (h & 63)
}

// or adds the bits of w to m.
func (m *charMask) or(w *charMask) {
	m[0], m[1], m[2], m[3] = m[0]|w[0], m[1]|w[1], m[2]|w[2], m[3]|w[3]
}

// may reports whether a passage of mask m may hold a word of mask w.
func (m *charMask) may(w *charMask) bool {
	return m[0]&w[0] == w[0] && m[1]&w[1] == w[1] && m[2]&w[2] == w[2] && m[3]&w[3] == w[3]
}

// maskOf returns the mask of s, read as fold reads a passage.
func maskOf(s string) charMask {
	var m charMask
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			m.add(rune(c))
			continue
		}
		if c&0xF0 != 0xE0 || i+2 >= len(s) || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
			continue
		}
		m.add(rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F))
		i += 2
	}
	return m
}

// word is a mark the context rules look for, with its mask.
type word struct {
	s string
	m charMask
}

func newWord(s string) word { return word{s, maskOf(s)} }

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
	if !m.may(&w.m) {
		return -1
	}
	return index(s, w.s)
}
