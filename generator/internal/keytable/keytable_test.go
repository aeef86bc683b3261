package keytable

import (
	"math/rand/v2"
	"testing"
)

// TestTable: every value is found again under its key after the table has grown many times,
// with keys that differ in one bit or fall in one run of slots; a key never added is added
// as a zero value, once.
func TestTable(t *testing.T) {
	var tt Table[uint32]
	want := map[uint64]uint32{}
	r := rand.New(rand.NewPCG(1, 2))
	var keys []uint64
	for i := 0; len(keys) < 60000; i++ {
		var k uint64
		switch i % 3 {
		case 0:
			k = r.Uint64() | 1
		case 1:
			k = uint64(i) << 40 // low bits zero
		default:
			k = uint64(i) // small keys: neighbours
		}
		if _, dup := want[k]; dup || k == 0 {
			continue
		}
		v, added := tt.Get(k)
		if !added || *v != 0 {
			t.Fatalf("key %x: added %v, value %d before it was set", k, added, *v)
		}
		*v = uint32(len(keys)) + 1
		want[k] = *v
		keys = append(keys, k)
	}
	for _, k := range keys {
		if v, added := tt.Get(k); added || *v != want[k] {
			t.Fatalf("key %x: added %v, value %d, want %d", k, added, *v, want[k])
		}
	}
	if tt.Len() != len(keys) {
		t.Errorf("Len %d, %d keys added", tt.Len(), len(keys))
	}
	held := 0
	for _, s := range tt.Slots() {
		if s.Key != 0 {
			held++
			if s.Val != want[s.Key] {
				t.Fatalf("slot of key %x holds %d, want %d", s.Key, s.Val, want[s.Key])
			}
		}
	}
	if held != len(keys) {
		t.Errorf("%d slots hold a key, %d keys added", held, len(keys))
	}
}
