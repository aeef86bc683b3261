package taxonomy

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// phraseTrie finds the phrases whose text (the part before a wildcard) begins at a position
// of a folded text by walking a trie of them, character by character: at most as many steps
// as the longest phrase there is long, where trying each phrase of the position's first
// character took one comparison per phrase (49 begin with 医). The phrases found are those
// ending at the nodes the walk passes, which are the ancestors of the last node it reaches: so
// each node keeps that list made once, in byFirst's order (longest first), as match reads
// them, and a walk returns the list of its last node without gathering or sorting anything.
// phrase.at still checks each.
//
// A walk asks two things at each step, and asks them fast: whether a character begins any
// phrase (firsts, a bit per character of the Basic Multilingual Plane: 8 KiB, where root is
// 256 KiB, so the four in ten positions of a plan's text whose character begins no phrase are
// turned away without touching root) and which node follows a node and a character (children,
// one table of every edge, opened at one slot by a hash of the two, where a binary search of
// the node's edges took a few mispredicted branches at every step).
type phraseTrie struct {
	root     []int32        // a first character below rootSize → its node, 0 for none
	firsts   []uint64       // a bit per character below rootSize: set when root holds a node for it
	first    map[rune]int32 // the other first characters → their nodes
	edges    [][]edge       // node → the characters after it, in order, and their nodes
	children edgeTable      // every edge of edges, by its node and character
	ends     [][]int32      // node → the phrases (in byFirst's order) whose text ends there, while building
	found    [][]phrase     // node → the phrases ending there or at one of its ancestors, in byFirst's order
}

// edgeTable maps a node other than the root and a character to the node after them: open
// addressing with linear probing in a table at most half full. Key 0 marks an empty slot (no
// key of a node above 0 is 0).
type edgeTable struct {
	keys  []uint64
	nodes []int32
	shift uint // 64 - log2(len(keys))
}

func edgeKey(node int32, c rune) uint64 { return uint64(uint32(node))<<32 | uint64(uint32(c)) }

// slot is where a key's probe begins.
func (e *edgeTable) slot(k uint64) uint64 { return k * 0x9E3779B97F4A7C15 >> e.shift }

// newEdgeTable returns the table of the edges of every node (edges), n of them in all.
func newEdgeTable(edges [][]edge, n int) edgeTable {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	e := edgeTable{keys: make([]uint64, 1<<bits), nodes: make([]int32, 1<<bits), shift: 64 - bits}
	mask := uint64(len(e.keys) - 1)
	for node, es := range edges {
		if node == 0 {
			continue // the root's edges are root and first
		}
		for _, ed := range es {
			k := edgeKey(int32(node), ed.c)
			j := e.slot(k)
			for e.keys[j] != 0 {
				j = (j + 1) & mask
			}
			e.keys[j], e.nodes[j] = k, ed.node
		}
	}
	return e
}

// get returns the node after node (above 0) and c, or 0.
func (e *edgeTable) get(node int32, c rune) int32 {
	k := edgeKey(node, c)
	mask := uint64(len(e.keys) - 1)
	for j := e.slot(k); ; j = (j + 1) & mask {
		switch e.keys[j] {
		case k:
			return e.nodes[j]
		case 0:
			return 0
		}
	}
}

// edge is a character after a node and the node it leads to.
type edge struct {
	c    rune
	node int32
}

const rootSize = 0x10000 // the Basic Multilingual Plane: every Han character in use

// newPhraseTrie returns the trie of byFirst's phrases, or nil when one of them is not valid
// UTF-8 or holds U+FFFD: a walk by characters could then miss a phrase that a byte-wise
// comparison finds, and match uses byFirst as it is.
func newPhraseTrie(byFirst map[rune][]phrase) *phraseTrie {
	t := &phraseTrie{root: make([]int32, rootSize), first: map[rune]int32{}, edges: [][]edge{nil}, ends: [][]int32{nil}}
	for _, ps := range byFirst {
		for i, k := range ps {
			if !utf8.ValidString(k.text) || strings.ContainsRune(k.text, utf8.RuneError) {
				return nil
			}
			node := int32(0)
			for _, c := range k.text {
				node = t.next(node, c)
			}
			t.ends[node] = append(t.ends[node], int32(i))
		}
	}
	// Each node's list: its parent's and its own phrases, merged in byFirst's order. Nodes
	// are numbered as they were added, a parent before its children.
	t.found = make([][]phrase, len(t.ends))
	for r, ps := range byFirst {
		t.fill(t.step(0, r), nil, ps)
	}
	t.ends = nil
	t.firsts = make([]uint64, rootSize/64)
	for c, n := range t.root {
		if n != 0 {
			t.firsts[c>>6] |= 1 << (c & 63)
		}
	}
	n := 0
	for node, es := range t.edges {
		if node != 0 {
			n += len(es)
		}
	}
	t.children = newEdgeTable(t.edges, n)
	return t
}

// fill sets the list of node, whose parent's is up, and of its descendants; ps are byFirst's
// phrases of their first character, which ends indexes.
func (t *phraseTrie) fill(node int32, up []int32, ps []phrase) {
	own := append(slices.Clip(up), t.ends[node]...)
	slices.Sort(own)
	list := make([]phrase, len(own))
	for i, k := range own {
		list[i] = ps[k]
	}
	t.found[node] = slices.Clip(list)
	for _, e := range t.edges[node] {
		t.fill(e.node, own, ps)
	}
}

// next returns the node after node and c, adding it if there is none.
func (t *phraseTrie) next(node int32, c rune) int32 {
	if n := t.step(node, c); n != 0 {
		return n
	}
	n := int32(len(t.ends))
	t.ends, t.edges = append(t.ends, nil), append(t.edges, nil)
	switch {
	case node != 0:
		es := t.edges[node]
		k, _ := slices.BinarySearchFunc(es, c, func(e edge, c rune) int { return cmp.Compare(e.c, c) })
		t.edges[node] = slices.Insert(es, k, edge{c, n})
	case c >= 0 && c < rootSize:
		t.root[c] = n
	default:
		t.first[c] = n
	}
	return n
}

// step returns the node after node and c, or 0.
func (t *phraseTrie) step(node int32, c rune) int32 {
	switch {
	case node != 0:
		es := t.edges[node]
		lo, hi := 0, len(es) // binary search: no closure, as this runs at every step
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if es[m].c < c {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(es) && es[lo].c == c {
			return es[lo].node
		}
		return 0
	case c >= 0 && c < rootSize:
		return t.root[c]
	default:
		return t.first[c]
	}
}

// at returns the phrases whose text begins at text[i:], whose first character r is n bytes
// long, in byFirst's order; the caller must not change the list.
func (t *phraseTrie) at(text string, i int, r rune, n int) []phrase {
	var node int32
	if r >= 0 && r < rootSize {
		if t.firsts[r>>6]&(1<<(r&63)) == 0 {
			return nil
		}
		node = t.root[r]
	} else if node = t.first[r]; node == 0 {
		return nil
	}
	for j := i + n; j < len(text); {
		c, m := han(text, j)
		if m == 0 {
			c, m = utf8.DecodeRuneInString(text[j:])
		}
		next := t.children.get(node, c)
		if next == 0 {
			break
		}
		node, j = next, j+m
	}
	return t.found[node]
}

// han decodes the character at s[i] when it begins with E1 to EC (every Han character of a
// plan; none of them an overlong form or a surrogate, which begin E0 and ED), as
// utf8.DecodeRuneInString(s[i:]) does, and returns its length 3; for any other it returns
// length 0, and the caller decodes with utf8. It is made to be inlined in the loops that read a
// passage character by character, where utf8's own function calls out for every character
// that is not ASCII.
func han(s string, i int) (rune, int) {
	if i+2 < len(s) && s[i]-0xE1 <= 0xEC-0xE1 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return 0, 0
}
