package varbuf

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestArenaChains: chains appended to in turn, by uvarints of one to ten bytes and by runs of
// bytes, across blocks and pages, hold what binary.AppendUvarint and append would have made
// of each; and after Reset the arena's blocks are given out again to new chains.
func TestArenaChains(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var a Arena
	first := 0 // pages after the first round
	for round := 0; round < 3; round++ {
		chains := make([]Chain, 300)
		want := make([][]byte, len(chains))
		for range 200000 {
			i := r.IntN(len(chains))
			if i < 3 { // a few long chains: over a page
				i = r.IntN(3)
			}
			switch r.IntN(10) {
			case 0:
				v := r.Uint64() >> r.IntN(64)
				a.Uvarint(&chains[i], v)
				want[i] = binary.AppendUvarint(want[i], v)
			case 1:
				p := make([]byte, r.IntN(150))
				for k := range p {
					p[k] = byte(r.IntN(256))
				}
				a.Put(&chains[i], p)
				want[i] = append(want[i], p...)
			default:
				v := uint64(r.IntN(128))
				a.Uvarint(&chains[i], v)
				want[i] = binary.AppendUvarint(want[i], v)
			}
		}
		if round == 0 && len(a.pages) < 2 {
			t.Fatalf("%d pages: the chains never passed one", len(a.pages))
		}
		for i, c := range chains {
			got := a.Append(nil, c)
			if string(got) != string(want[i]) || c.Len() != uint32(len(want[i])) {
				t.Fatalf("round %d, chain %d: %d bytes (Len %d), want %d", round, i, len(got), c.Len(), len(want[i]))
			}
		}
		if round == 0 {
			first = len(a.pages)
		} else if len(a.pages) > first+1 {
			t.Errorf("round %d: %d pages, %d in the first: blocks not given out again after Reset", round, len(a.pages), first)
		}
		a.Reset()
	}
}
