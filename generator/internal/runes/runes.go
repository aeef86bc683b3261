// Package runes looks for a few characters, most of them Chinese punctuation, in Chinese text,
// for the passes over every passage (tagging, targets, responsibility notes): it answers as
// package strings' functions of the same names do, at a fraction of their cost there.
// strings.IndexAny and strings.ContainsRune look each character of the text that is not
// ASCII up in the set by encoding it and searching the set's bytes. These first check the
// byte that begins the character against the bytes that begin the set's characters, which no
// Han character shares with the punctuation (a Han character begins with E4–E9, 。 and 、 with
// E3, ，：；（ with EF), and look further only when it matches.
package runes

import (
	"strings"
	"unicode/utf8"
)

// Set is a set of characters.
type Set struct {
	leads [8]uint32 // the bytes that begin the characters
	chars string
	plain bool // chars is UTF-8 without U+FFFD, which is what the fast paths need
}

// NewSet returns the set of the characters of chars.
func NewSet(chars string) Set {
	s := Set{chars: chars, plain: utf8.ValidString(chars) && !strings.ContainsRune(chars, utf8.RuneError)}
	for i := 0; i < len(chars); i++ {
		if c := chars[i]; c < utf8.RuneSelf || c >= 0xC0 { // not a continuation byte
			s.leads[c>>5] |= 1 << (c & 31)
		}
	}
	return s
}

func (s *Set) lead(c byte) bool { return s.leads[c>>5]&(1<<(c&31)) != 0 }

// Has is strings.ContainsRune(chars, r).
func (s *Set) Has(r rune) bool {
	var first byte // the first byte of r in UTF-8
	switch {
	case !s.plain || r < 0 || r == utf8.RuneError || !utf8.ValidRune(r):
		return strings.ContainsRune(s.chars, r)
	case r < utf8.RuneSelf:
		first = byte(r)
	case r < 0x800:
		first = 0xC0 | byte(r>>6)
	case r < 0x10000:
		first = 0xE0 | byte(r>>12)
	default:
		first = 0xF0 | byte(r>>18)
	}
	if !s.lead(first) {
		return false
	}
	return first < utf8.RuneSelf || strings.ContainsRune(s.chars, r)
}

// Index is strings.IndexAny(text, chars): the index of the first character of text in the
// set, or -1.
func (s *Set) Index(text string) int {
	if !s.plain {
		return strings.IndexAny(text, s.chars)
	}
	for i := 0; i < len(text); i++ {
		if s.lead(text[i]) && s.begins(text, i) {
			return i
		}
	}
	return -1
}

// LastIndex is strings.LastIndexAny(text, chars): the index of the last character of text in
// the set, or -1. It reads the text backwards byte by byte, and decodes only at a byte that
// begins one of the set's characters: a character that is UTF-8 there is one that
// strings.LastIndexAny, decoding backwards, finds too (no character it decodes can hold the
// first byte of a valid one and end after it).
func (s *Set) LastIndex(text string) int {
	if !s.plain {
		return strings.LastIndexAny(text, s.chars)
	}
	for i := len(text) - 1; i >= 0; i-- {
		if s.lead(text[i]) && s.begins(text, i) {
			return i
		}
	}
	return -1
}

// begins reports whether one of the set's characters begins at text[i], a byte that begins
// one (lead) of a set whose characters are plain UTF-8. A byte that begins no character of
// text (package strings reads it as U+FFFD) matches none of them.
func (s *Set) begins(text string, i int) bool {
	if text[i] < utf8.RuneSelf {
		return true
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	return !(r == utf8.RuneError && n == 1) && strings.Contains(s.chars, text[i:i+n])
}

// IndexAny is strings.IndexAny(s, chars).
func IndexAny(s, chars string) int {
	set := NewSet(chars)
	return set.Index(s)
}

// ContainsAny is strings.ContainsAny(s, chars).
func ContainsAny(s, chars string) bool { return IndexAny(s, chars) >= 0 }

// Head is the first n characters of s, and whether s has more: string([]rune(s)[:n]) (all of
// them when s has n or fewer), sliced from s without a copy where s is UTF-8. The render
// shortens every theme chip's and theme entry's context this way; made as runes and back, each
// was two copies of the text.
func Head(s string, n int) (head string, cut bool) {
	if !utf8.ValidString(s) {
		rs := []rune(s) // a byte that is not UTF-8 becomes U+FFFD, as before
		if len(rs) > n {
			return string(rs[:n]), true
		}
		return string(rs), false
	}
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i], i < len(s)
}

// Tail is the last n characters of s, and whether s has more: string([]rune(s)[len-n:]) (all
// of them when s has n or fewer), sliced from s where s is UTF-8, as Head.
func Tail(s string, n int) (tail string, cut bool) {
	if !utf8.ValidString(s) {
		rs := []rune(s)
		if len(rs) > n {
			return string(rs[len(rs)-n:]), true
		}
		return string(rs), false
	}
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:], i > 0
}
