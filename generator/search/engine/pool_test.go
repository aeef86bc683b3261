package engine

import "testing"

// TestPooledCountsCleared checks that a bitset or facet counts given back dirty come out of
// their pools all 0: a query that found a bit or a count left by the one before would report
// hits it does not have.
func TestPooledCountsCleared(t *testing.T) {
	for round := 0; round < 3; round++ {
		b := bitsPool.get(100)
		for i, w := range b {
			if w != 0 {
				t.Fatalf("round %d: word %d of a bitset is %x, want 0", round, i, w)
			}
			b[i] = ^uint64(0)
		}
		bitsPool.put(b)
		c := facetHitsPool.get(100)
		for i, n := range c {
			if n != 0 {
				t.Fatalf("round %d: count %d is %d, want 0", round, i, n)
			}
			c[i] = 7
		}
		facetHitsPool.put(c)
	}
	if b := bitsPool.get(300); len(b) != 300 { // more than the pool's bitsets hold
		t.Fatalf("get(300) has %d words", len(b))
	}
}
