// Package keytable holds values by uint64 keys in one slice, in open addressing with linear
// probing: the index's tables of terms and bigrams are looked up once for every token of
// every record, and a Go map (hashing the key, probing its groups) and a slice of values
// beside it cost more than twice the time (a bigram's positions, engine; a term's postings,
// bleveindex, where runtime.mapaccess2_fast64 was a third of the time of adding a term).
package keytable

// Table is a table of V by key; the zero Table is empty and ready. Key 0 marks an empty slot
// and cannot be held.
type Table[V any] struct {
	slots []Slot[V]
	bits  uint
	n     int
}

// Slot is a key and its value; Key 0: empty.
type Slot[V any] struct {
	Key uint64
	Val V
}

// Get returns key's value, a zero V added for it when it was not held (added true). The
// pointer is valid until the next Get, which may move every slot. key must not be 0.
func (t *Table[V]) Get(key uint64) (v *V, added bool) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for h := (key * 0x9E3779B97F4A7C15) >> (64 - t.bits); ; h = (h + 1) & mask {
		s := &t.slots[h]
		if s.Key == key {
			return &s.Val, false
		}
		if s.Key == 0 {
			s.Key = key
			t.n++
			return &s.Val, true
		}
	}
}

// Len returns the number of keys held.
func (t *Table[V]) Len() int { return t.n }

// Slots returns every slot, empty ones (Key 0) included, in no useful order.
func (t *Table[V]) Slots() []Slot[V] { return t.slots }

func (t *Table[V]) grow() {
	old := t.slots
	t.bits = max(10, t.bits+1)
	t.slots = make([]Slot[V], 1<<t.bits)
	mask := uint64(len(t.slots) - 1)
	for i := range old {
		if old[i].Key == 0 {
			continue
		}
		h := (old[i].Key * 0x9E3779B97F4A7C15) >> (64 - t.bits)
		for t.slots[h].Key != 0 {
			h = (h + 1) & mask
		}
		t.slots[h] = old[i]
	}
}
