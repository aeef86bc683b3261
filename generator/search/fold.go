package search

import "github.com/planportal/planportal/generator/hanzi"

// Traditional characters fold to simplified ones, in text and queries alike (Normalize), so
// that 兒科 finds 儿科 and a traditional document is found by a simplified query. Package hanzi
// holds the table (OpenCC's, character by character): a fold maps one rune to one rune so that
// offsets survive it, and the same at index and query time.

// foldLo and foldHi bound the characters folded (hanzi.Lo, hanzi.Hi).
const foldLo, foldHi = hanzi.Lo, hanzi.Hi

// simplified returns the simplified form of a Han character in [foldLo, foldHi].
func simplified(r rune) rune { return hanzi.Simplified(r) }
