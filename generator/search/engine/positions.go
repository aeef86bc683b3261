package engine

import (
	"cmp"
	"encoding/binary"
	"slices"
	"sync"
	"unsafe"

	"github.com/planportal/planportal/generator/internal/keytable"
	"github.com/planportal/planportal/generator/internal/varbuf"
	"github.com/planportal/planportal/generator/search"
)

// Where each Han bigram occurs in each record of a part, by field: a term of three Han
// characters or more (医共体) occurs at rune p of a field's canonical text exactly where its
// first bigram (医共) stands at p and its second (共体) at p+1, and so on. Counted so, a term is scored
// from a few short lists read in record order instead of each candidate's text, which lies
// anywhere in the part's 20-50 MB of text and cost a cache miss or more per candidate (about
// half of a search's CPU at 5,000 plans, i16al). The positions are built from the canonical
// text when the parts file is written (WriteParts) and used where they lie in the mapped
// file; a part without them (an index opened from its segments, dev's overlay) is checked on
// its text, with the same result (TestPositionsCountAsText).
//
// A field's positions: the bigrams (bgKey), ascending; for each, its stream, the records
// holding it in ascending order, each as the gap from the previous one and the gaps between
// its positions (the first from 0), each shifted left by one, its low bit set where another
// position of the record follows, all uvarints; and a skip for every posEvery
// entries of a stream (the record before the entry, and the entry's offset in the stream),
// so that a cursor passes over the records of a common bigram (卫生) that a query does not ask
// about without decoding them.

// posEvery is how many entries of a stream a skip spans.
const posEvery = 8

// posField is one field's positions in a part.
type posField struct {
	keys      []uint64  // the bigrams, ascending
	starts    []uint32  // stream i is data[starts[i]:starts[i+1]]
	skipStart []uint32  // the skips of stream i are skips[skipStart[i]:skipStart[i+1]]
	skips     []posSkip // offsets relative to the stream's start
	data      []byte
}

// posSkip is where an entry of a stream starts: the record of the entry before it (0 for the
// first) and its offset in the stream.
type posSkip struct{ rec, off uint32 }

// bgKey is the key of the bigram ab.
func bgKey(a, b rune) uint64 { return uint64(a)<<21 | uint64(b) }

// maxPos bounds the positions a part's positions can hold (a field of over four million
// runes: the part is checked on its text instead).
const maxPos = 1 << 22

// stream returns the stream of a bigram and its skips; ok is false when no record of the
// part holds it in this field.
func (pf *posField) stream(key uint64) (data []byte, skips []posSkip, ok bool) {
	i, found := slices.BinarySearch(pf.keys, key)
	if !found {
		return nil, nil, false
	}
	return pf.data[pf.starts[i]:pf.starts[i+1]], pf.skips[pf.skipStart[i]:pf.skipStart[i+1]], true
}

// posBuilder gathers one bigram's stream as records come in ascending order, in the slot of
// the bigram's key (one place in memory to reach for each of a field's bigrams: building the
// positions is mostly waiting for memory), its bytes and its skips in an arena (varbuf.Arena:
// grown as slices, the streams of common bigrams were copied on the way, and building the
// positions took 8.0x the CPU for 4x the plans, profiled at 5,000 and 20,000 plans).
type posBuilder struct {
	data, skips varbuf.Chain
	last        uint32 // the record of the last entry
	n           uint32 // entries
	prevPos     uint32 // the last position added
	// pend is the last position's distance from the one before it in its record (from 0
	// for the first), not yet written: whether another follows it in its record (its low
	// bit) is known at the next position, or at the end.
	pend uint32
}

// add adds the bigram's position pos in record rec; calls come in ascending order of rec, then
// pos.
func (b *posBuilder) add(a *varbuf.Arena, rec, pos uint32) {
	if b.n > 0 && b.last == rec {
		a.Uvarint(&b.data, uint64(b.pend)<<1|1) // more follow it in this record
		b.pend, b.prevPos = pos-b.prevPos, pos
		return
	}
	if b.n > 0 {
		a.Uvarint(&b.data, uint64(b.pend)<<1)
	}
	if b.n%posEvery == 0 {
		var skip [8]byte // as the parts file holds a posSkip
		binary.LittleEndian.PutUint32(skip[:4], b.last)
		binary.LittleEndian.PutUint32(skip[4:], b.data.Len())
		a.Put(&b.skips, skip[:])
	}
	a.Uvarint(&b.data, uint64(rec-b.last))
	b.last, b.n = rec, b.n+1
	b.pend, b.prevPos = pos, pos
}

// end writes the last position.
func (b *posBuilder) end(a *varbuf.Arena) {
	if b.n > 0 {
		a.Uvarint(&b.data, uint64(b.pend)<<1)
	}
}

// posTables are a part's positions as buildPositionsOf makes them, to be written
// (partWriter.positions): by field, the bigrams' builders in the order of their keys.
type posTables struct {
	arena  varbuf.Arena
	fields [nFields][]keytable.Slot[posBuilder]
}

// buildPositionsOf returns the positions of a part of n records whose fields record gives,
// in order (a part's text in memory, or read from the file it was spilled to:
// PartWriter.SpillText), from their canonical text; nil when a field is too long for them
// (maxPos). A position is a rune's place in the field's text: the bigram of two Han runes
// stands at the first's, so that a term of Han runes occurs at p exactly where its first
// bigram stands at p, its second at p+1 and so on, as pattern.count finds it (the bytes of a
// run of whole runes match only where those runes stand).
func buildPositionsOf(n uint32, record func(rec uint32) ([nFields]string, error)) (*posTables, error) {
	out := &posTables{}
	a := &out.arena
	han := hanBMP()
	var tables [nFields]keytable.Table[posBuilder] // no bigram's key is 0
	for rec := uint32(0); rec < n; rec++ {
		fields, err := record(rec)
		if err != nil {
			return nil, err
		}
		for f := range fields {
			t := &tables[f]
			prev, pos := rune(-1), uint32(0) // the last rune when it is Han, and its place
			for _, r := range fields[f] {
				if r < 1<<16 && han[r>>6]&(1<<(r&63)) == 0 || r >= 1<<16 && search.ClassOf(r) != search.Han {
					prev = -1
					pos++
					continue
				}
				if prev >= 0 {
					b, _ := t.Get(bgKey(prev, r))
					b.add(a, rec, pos-1)
				}
				prev = r
				pos++
			}
			if pos >= maxPos {
				return nil, nil
			}
		}
	}
	for f := range tables {
		slots := tables[f].Slots()
		held := make([]keytable.Slot[posBuilder], 0, tables[f].Len())
		for i := range slots {
			if slots[i].Key != 0 {
				slots[i].Val.end(a)
				held = append(held, slots[i])
			}
		}
		slices.SortFunc(held, func(x, y keytable.Slot[posBuilder]) int { return cmp.Compare(x.Key, y.Key) })
		out.fields[f] = held
		tables[f] = keytable.Table[posBuilder]{}
	}
	return out, nil
}

// records gives the fields of record rec from the part's text (buildPositionsOf).
func (p *part) records(rec uint32) (f [nFields]string, err error) {
	for k := range f {
		f[k] = p.field(rec, k)
	}
	return f, nil
}

// hanBMP marks the runes of the Basic Multilingual Plane that are Han (search.ClassOf):
// buildPositions asks about every rune of the text, and ClassOf's slow path (CJK punctuation:
// ，。、) was a tenth of its time at 5,000 plans.
var hanBMP = sync.OnceValue(func() *[1 << 16 / 64]uint64 {
	var b [1 << 16 / 64]uint64
	for r := rune(0); r < 1<<16; r++ {
		if search.ClassOf(r) == search.Han {
			b[r>>6] |= 1 << (r & 63)
		}
	}
	return &b
})

// posCursor reads one bigram's stream along with the candidates, which come in ascending
// order.
type posCursor struct {
	data  []byte
	skips []posSkip
	shift uint32 // the bigram's place in its term: it stands at p+shift where the term does at p
	off   int    // where the next entry starts
	prev  uint32 // the record of the entry before off
	k     int    // entries before off
	at    uint32 // the record of the entry read last
	pos   []uint32
	read  bool // an entry has been read (at, pos)
	done  bool // the stream is read to its end
}

// seek returns the positions of the bigram in record rec, nil when it does not hold it; calls
// must come with rec ascending. A damaged stream reads as ending where it is damaged.
func (c *posCursor) seek(rec uint32) []uint32 {
	if c.read && c.at >= rec {
		if c.at == rec {
			return c.pos
		}
		return nil
	}
	if c.done {
		return nil
	}
	// Past every skip whose entries all come before rec.
	if si := c.k / posEvery; si+1 < len(c.skips) && c.skips[si+1].rec < rec {
		for si+1 < len(c.skips) && c.skips[si+1].rec < rec {
			si++
		}
		if int(c.skips[si].off) <= len(c.data) {
			c.k, c.off, c.prev = si*posEvery, int(c.skips[si].off), c.skips[si].rec
		}
	}
	b := c.data
	for c.off < len(b) {
		// One-byte uvarints (most gaps and positions) are read here: uvarint is too large to
		// be inlined, and a call per value was a tenth of counting a chain.
		gap, off := uint64(b[c.off]), c.off+1
		if gap >= 0x80 {
			if gap, off = uvarint(b, c.off); off < 0 {
				break
			}
		}
		at := c.prev + uint32(gap)
		c.prev = at
		c.k++
		if at < rec {
			// Past its positions: the last is the one whose low bit is clear (the low bit of
			// a uvarint's value is in its first byte).
			for off < len(b) {
				first := b[off]
				for off < len(b) && b[off] >= 0x80 {
					off++
				}
				off++
				if first&1 == 0 {
					break
				}
			}
			c.off = off
			continue
		}
		c.pos = c.pos[:0]
		p := uint32(0)
		for off < len(b) {
			x, next := uint64(b[off]), off+1
			if x >= 0x80 {
				// Two bytes (a record's first position past 63) are read here too.
				if next < len(b) && b[next] < 0x80 {
					x, next = x&0x7f|uint64(b[next])<<7, next+1
				} else if x, next = uvarint(b, off); next < 0 {
					break
				}
			}
			off = next
			p += uint32(x >> 1)
			c.pos = append(c.pos, p)
			if x&1 == 0 {
				break
			}
		}
		c.off = off
		c.at, c.read = at, true
		if at == rec {
			return c.pos
		}
		return nil
	}
	c.done, c.read = true, false
	return nil
}

// uvarint reads the uvarint at b[off:] and returns it with the offset after it; that offset
// is -1 when off is already -1, or the uvarint is cut short or too long.
func uvarint(b []byte, off int) (uint64, int) {
	if off < 0 {
		return 0, -1
	}
	if off < len(b) && b[off] < 0x80 { // most gaps: one byte
		return uint64(b[off]), off + 1
	}
	x, w := binary.Uvarint(b[off:])
	if w <= 0 {
		return 0, -1
	}
	return x, off + w
}

// chain counts a term of three Han characters or more in one field of the records of a part,
// from its bigrams' positions: curs holds a cursor for each bigram of a cover of the term,
// the rarest first.
type chain struct {
	curs   []posCursor
	places []uint32   // the places in the term of the cover's bigrams, ascending from 0
	lists  [][]uint32 // by place in the term (nil at a place not in the cover)
	at     []int
}

// cover returns the places of the bigrams of a term with n bigrams that a chain reads: every
// other one from the first, and the last. Positions are runes' places in the text, so bigram
// i at p+i for each of them puts every character of the term where it must be: the term is
// at p exactly then, as when every bigram is read (家庭医生签约: 家庭 医生 签约, not 庭医 生签).
func cover(n int) []uint32 {
	var out []uint32
	for i := 0; i < n; i += 2 {
		out = append(out, uint32(i))
	}
	if n > 0 && out[len(out)-1] != uint32(n-1) {
		out = append(out, uint32(n-1))
	}
	return out
}

// newChain returns the chain of the term whose bigrams are keys (in the term's order) in
// field pf, or nil when one of them occurs nowhere in it (nor then the term).
func newChain(pf *posField, keys []uint64) *chain {
	ch := &chain{places: cover(len(keys)), lists: make([][]uint32, len(keys)), at: make([]int, len(keys))}
	for _, k := range keys {
		if _, _, ok := pf.stream(k); !ok {
			return nil
		}
	}
	for _, i := range ch.places {
		data, skips, _ := pf.stream(keys[i])
		ch.curs = append(ch.curs, posCursor{data: data, skips: skips, shift: i})
	}
	slices.SortStableFunc(ch.curs, func(a, b posCursor) int { return len(a.data) - len(b.data) })
	return ch
}

// count returns how often the term occurs in record rec; calls must come with rec ascending.
func (ch *chain) count(rec uint32) int {
	if ch == nil {
		return 0
	}
	for i := range ch.curs {
		c := &ch.curs[i]
		l := c.seek(rec)
		if l == nil {
			return 0
		}
		ch.lists[c.shift] = l
	}
	// The term is at p where every bigram i of the cover is at p+i.
	n := 0
	clear(ch.at)
	for _, p := range ch.lists[0] {
		ok := true
		for _, i := range ch.places[1:] {
			l, want := ch.lists[i], p+i
			j := ch.at[i]
			for j < len(l) && l[j] < want {
				j++
			}
			ch.at[i] = j
			if j == len(l) || l[j] != want {
				ok = false
				break
			}
		}
		if ok {
			n++
		}
	}
	return n
}

// chainKeys returns the bigrams of an alternative that its positions can count (one run of
// three Han characters or more, nothing else), in order; nil for any other.
func chainKeys(p *pattern) []uint64 {
	if len(p.segs) != 1 || p.wordStart || p.wordEnd {
		return nil
	}
	rs := []rune(p.segs[0])
	if len(rs) < 3 {
		return nil
	}
	for _, r := range rs {
		if search.ClassOf(r) != search.Han {
			return nil
		}
	}
	keys := make([]uint64, len(rs)-1)
	for i := range keys {
		keys[i] = bgKey(rs[i], rs[i+1])
	}
	return keys
}

// positions writes a part's positions (partReader.positions reads them): nil for none.
func (w *partWriter) positions(pt *posTables) {
	if pt == nil {
		w.u32(0)
		return
	}
	w.u32(1)
	for f := range pt.fields {
		held := pt.fields[f]
		w.u32(uint32(len(held)))
		w.pad(8)
		for i := range held {
			w.u64(held[i].Key)
		}
		// The offsets of the streams and of their skips, each stream's after the last's.
		var data, skips uint32
		for i := range held {
			w.u32(data)
			data += held[i].Val.data.Len()
		}
		w.u32(data)
		for i := range held {
			w.u32(skips)
			skips += held[i].Val.skips.Len() / 8
		}
		w.u32(skips)
		w.u32(skips)
		for i := range held {
			pt.arena.Write(held[i].Val.skips, w.bytes)
		}
		w.u32(data)
		for i := range held {
			pt.arena.Write(held[i].Val.data, w.bytes)
		}
	}
}

// pad writes zeros up to a multiple of align.
func (w *partWriter) pad(align int64) {
	for w.pos%align != 0 {
		w.bytes([]byte{0})
	}
}

// positions reads a part's positions, checked so that no query reads out of their bounds;
// nil when the part has none.
func (r *partReader) positions() *[nFields]posField {
	if r.u32() != 1 || r.err != nil {
		return nil
	}
	out := &[nFields]posField{}
	for f := range out {
		pf := &out[f]
		k := int(r.u32())
		if r.err != nil || k > len(r.data) {
			r.err = ErrStaleParts
			return nil
		}
		r.bytes((8 - r.pos%8) % 8)
		pf.keys = mapped[uint64](r.bytes(8 * k))
		pf.starts = mapped[uint32](r.bytes(4 * (k + 1)))
		pf.skipStart = mapped[uint32](r.bytes(4 * (k + 1)))
		ns := int(r.u32())
		if ns > len(r.data) {
			r.err = ErrStaleParts
		}
		pf.skips = mapped[posSkip](r.bytes(8 * ns))
		pf.data = r.bytes(int(r.u32()))
		if r.err != nil {
			return nil
		}
		for i := range pf.keys {
			if i > 0 && pf.keys[i] <= pf.keys[i-1] {
				r.err = ErrStaleParts
				return nil
			}
		}
		for i := 0; i <= k; i++ {
			if int(pf.starts[i]) > len(pf.data) || int(pf.skipStart[i]) > ns ||
				i > 0 && (pf.starts[i] < pf.starts[i-1] || pf.skipStart[i] < pf.skipStart[i-1]) {
				r.err = ErrStaleParts
				return nil
			}
		}
	}
	return out
}

// mapped returns the little-endian values of T (uint32s and uint64s) b holds: in place where
// this machine is little-endian and b aligned for T, else decoded.
func mapped[T uint32 | uint64 | posSkip](b []byte) []T {
	var z T
	size := int(unsafe.Sizeof(z))
	n := len(b) / size
	if n == 0 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(unsafe.SliceData(b)))%unsafe.Alignof(z) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
	}
	out := make([]T, n)
	switch o := any(out).(type) {
	case []uint64:
		for i := range o {
			o[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	case []uint32:
		for i := range o {
			o[i] = binary.LittleEndian.Uint32(b[4*i:])
		}
	case []posSkip:
		for i := range o {
			o[i] = posSkip{binary.LittleEndian.Uint32(b[8*i:]), binary.LittleEndian.Uint32(b[8*i+4:])}
		}
	}
	return out
}
