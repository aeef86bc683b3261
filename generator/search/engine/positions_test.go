package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/planportal/planportal/generator/internal/varbuf"
	"github.com/planportal/planportal/generator/search"
)

// chainPart reads texts as the records of a part and gives it its positions, as a parts file
// would.
func chainPart(t *testing.T, texts []string) *part {
	t.Helper()
	seg := memSegment{make([][]byte, len(texts)), make([][]byte, len(texts)), make([][]byte, len(texts))}
	for i, s := range texts {
		seg.docURLs[i] = fmt.Appendf(nil, "/plans/d%d/", i)
		seg.seqs[i] = strconv.AppendUint(nil, uint64(i), 36)
		seg.texts[i] = []byte(s)
	}
	p, err := loadPart(seg, func(uint32) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	pos, ok := buildPositions(p)
	if !ok {
		t.Fatal("no positions")
	}
	p.pos = &pos
	return p
}

// chainCounts counts term in the text field of every record of p, in record order, by the
// positions.
func chainCounts(t *testing.T, p *part, term string) []int {
	t.Helper()
	pat := compilePattern(search.TermRuns(term), nil)
	keys := chainKeys(&pat)
	if keys == nil {
		t.Fatalf("%s: not counted by positions", term)
	}
	ch := newChain(&p.pos[fText], keys)
	out := make([]int, p.n)
	for rec := range out {
		out[rec] = ch.count(uint32(rec))
	}
	return out
}

// TestPositionsCountAsText: a term of three Han characters or more counted from its bigrams'
// positions is the count of its occurrences in the text, counted by hand: overlapping ones
// (哈哈哈 twice in 哈哈哈哈), none across a mark, a space or a Latin word, where a bigram of it
// occurs elsewhere on its own, and in records that follow many that hold a common bigram
// alone (the cursors pass them by their skips).
func TestPositionsCountAsText(t *testing.T) {
	texts := []string{
		"推进医共体建设，医共体。",        // 0: 医共体 2
		"医共。体 医共 体 医共A体",      // 1: 医共体 0 (a mark, a space, a word between)
		"哈哈哈哈",                // 2: 哈哈哈 2, 哈哈哈哈 1
		"共体医共体医共",             // 3: 医共体 1, 共体医 2
		"精神卫生中心和精神卫生服务、精神 卫生", // 4: 精神卫生 2
		"家庭医生签约服务；家庭医生签约",     // 5: 家庭医生签约 2, 医生签 2
		"醫共體", // 6: 医共体 1 (folded to simplified)
	}
	// 8 to 200: many records holding 医共 and 共体 apart, and a few the term itself.
	for i := 0; i < 200; i++ {
		switch {
		case i%37 == 5:
			texts = append(texts, "县域医共体"+strings.Repeat("卫生", i%4))
		default:
			texts = append(texts, "医共和共体"+strings.Repeat("卫生", i%5))
		}
	}
	p := chainPart(t, texts)
	want := map[string]map[int]int{
		"医共体":    {0: 2, 3: 1, 6: 1},
		"哈哈哈":    {2: 2},
		"哈哈哈哈":   {2: 1},
		"共体医":    {3: 2},
		"精神卫生":   {4: 2},
		"家庭医生签约": {5: 2},
		"医生签":    {5: 2},
		"卫生卫生卫":  {},
	}
	for i := 7; i < len(texts); i++ {
		n := (i - 7) % 5 // 卫生 repeated
		if (i-7)%37 == 5 {
			want["医共体"][i] = 1
			n = (i - 7) % 4
		}
		if n >= 3 {
			want["卫生卫生卫"][i] = n - 2
		}
	}
	for term, recs := range want {
		got := chainCounts(t, p, term)
		pat := compilePattern(search.TermRuns(term), nil)
		for rec, n := range got {
			if n != recs[rec] {
				t.Errorf("%s in record %d (%s): %d by positions, want %d", term, rec, texts[rec], n, recs[rec])
			}
			if byText := pat.count(p.field(uint32(rec), fText)); byText != recs[rec] {
				t.Errorf("%s in record %d: %d on the text, want %d", term, rec, byText, recs[rec])
			}
		}
	}
}

// TestPositionsAgreeWithPattern: on random text of a few characters, marks, spaces and
// words, every term of three to five of its characters counts the same by positions as on
// the text (pattern.count, itself checked against bleve's phrases).
func TestPositionsAgreeWithPattern(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	pieces := []string{"医", "共", "体", "卫", "生", "医", "共", "，", " ", "AI", "。"}
	texts := make([]string, 3000)
	for i := range texts {
		var b strings.Builder
		for n := rng.IntN(60); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts[i] = b.String()
	}
	p := chainPart(t, texts)
	han := []string{"医", "共", "体", "卫", "生"}
	held := 0
	for i := 0; i < 300; i++ {
		var term string
		for n := 3 + rng.IntN(3); n > 0; n-- {
			term += han[rng.IntN(len(han))]
		}
		got := chainCounts(t, p, term)
		pat := compilePattern(search.TermRuns(term), nil)
		for rec, n := range got {
			want := pat.count(p.field(uint32(rec), fText))
			if n != want {
				t.Fatalf("%s in record %d (%q): %d by positions, %d on the text", term, rec, texts[rec], n, want)
			}
			if want > 0 {
				held++
			}
		}
	}
	if held < 1000 {
		t.Errorf("only %d records held a term: the comparison tests little", held)
	}
}

// TestPositionsReadAsWritten: a part's positions read from a parts file are the streams and
// skips its builders made, bigram by bigram in the order of their keys, used in place
// (aligned, on a little-endian machine) or decoded (anywhere else); and a damaged copy is
// refused, not read out of bounds later.
func TestPositionsReadAsWritten(t *testing.T) {
	var texts []string
	for i := 0; i < 40; i++ { // skips in the streams of 医共, 共体 and 卫生
		texts = append(texts, "推进医共体建设，医共体。", "哈哈哈哈", "精神卫生中心", "县域医共体"+strings.Repeat("卫生", i%4))
	}
	p := chainPart(t, texts)
	pt, err := buildPositionsOf(p.n, p.records)
	if err != nil || pt == nil {
		t.Fatal(err, "no positions")
	}
	var buf bytes.Buffer
	pw := &partWriter{bw: bufio.NewWriter(&buf)}
	pw.positions(pt)
	pw.bw.Flush()
	mem := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(make([]uint64, buf.Len()/8+2)))), buf.Len()+16)
	for _, at := range []int{0, 4} {
		data := mem[at : at+buf.Len()]
		copy(data, buf.Bytes())
		r := &partReader{data: data}
		got := r.positions()
		if r.err != nil || got == nil {
			t.Fatalf("at byte %d: %v", at, r.err)
		}
		for f := range got {
			g, held := &got[f], pt.fields[f]
			if len(g.keys) != len(held) {
				t.Fatalf("at byte %d: field %d read %d bigrams, %d built", at, f, len(g.keys), len(held))
			}
			for i := range held {
				stream, skips := pt.arena.Append(nil, held[i].Val.data), pt.arena.Append(nil, held[i].Val.skips)
				d, s, ok := g.stream(held[i].Key)
				if g.keys[i] != held[i].Key || !ok || !bytes.Equal(d, stream) || !slices.Equal(s, mapped[posSkip](skips)) {
					t.Errorf("at byte %d: field %d, bigram %x: read %v %v, built %v %v", at, f, held[i].Key, d, s, stream, mapped[posSkip](skips))
				}
			}
		}
		if len(got[fText].skips) <= len(got[fText].keys) {
			t.Errorf("no stream has more than one skip")
		}
		if r.pos != len(data) {
			t.Errorf("at byte %d: read %d of %d bytes", at, r.pos, len(data))
		}
	}
	// The first field's count of bigrams made larger than its keys: what follows cannot be
	// read as offsets within the streams.
	bad := slices.Clone(buf.Bytes())
	bad[4]++
	r := &partReader{data: bad}
	if got := r.positions(); got != nil || r.err == nil {
		t.Errorf("damaged positions read without an error")
	}
}

// buildPositions returns the positions of p as a parts file holds them (written and read
// back); false when it has none.
func buildPositions(p *part) ([nFields]posField, bool) {
	pt, err := buildPositionsOf(p.n, p.records)
	if err != nil || pt == nil {
		return [nFields]posField{}, false
	}
	var buf bytes.Buffer
	pw := &partWriter{bw: bufio.NewWriter(&buf)}
	pw.positions(pt)
	pw.bw.Flush()
	data := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(make([]uint64, buf.Len()/8+1)))), buf.Len())
	copy(data, buf.Bytes())
	r := &partReader{data: data}
	pos := r.positions()
	if pos == nil || r.err != nil {
		return [nFields]posField{}, false
	}
	return *pos, true
}

// posStream returns b's stream and skips as a parts file holds them, its last position
// written.
func posStream(a *varbuf.Arena, b posBuilder) ([]byte, []posSkip) {
	b.end(a)
	return a.Append(nil, b.data), mapped[posSkip](a.Append(nil, b.skips))
}

// TestOwnScoreByPositionsAsText: a term scored from its chains is scored as on the text, in
// records whose text is the term and nothing else (as long as the term: its chains must be
// read), shorter than it, empty, or holding it among other text; their other fields are
// empty (those chains are not read). The expected matches are those of the texts as written
// here. It fails if a field as long as the term is taken to be too short for it.
func TestOwnScoreByPositionsAsText(t *testing.T) {
	texts := []string{"医共体", "医共", "", "推进医共体建设", "精神卫生", "精神卫", "家庭医生签约", "醫共體", "体医共"}
	holds := map[string][]bool{
		"医共体":    {true, false, false, true, false, false, false, true, false},
		"精神卫生":   {false, false, false, false, true, false, false, false, false},
		"精神卫":    {false, false, false, false, true, true, false, false, false},
		"家庭医生签约": {false, false, false, false, false, false, true, false, false},
	}
	p := chainPart(t, texts)
	ix := &Index{parts: []*part{p}}
	ix.count()
	for term, want := range holds {
		pat := compilePattern(search.TermRuns(term), nil)
		ct := &cterm{alts: []alt{{pat: pat, chain: chainKeys(&pat)}}, idf: 1}
		byPos := &termState{cursors: make([][nFields]*cursor, 1), counts: make([][nFields]*tfList, 1),
			chains: make([][nFields]*chain, 1), byPos: []bool{true}}
		for f := range indexedFields {
			byPos.chains[0][f] = newChain(&p.pos[f], ct.alts[0].chain)
		}
		onText := &termState{cursors: make([][nFields]*cursor, 1), counts: make([][nFields]*tfList, 1),
			chains: make([][nFields]*chain, 1), byPos: []bool{false}}
		for rec := uint32(0); rec < p.n; rec++ {
			got := ix.ownScore(p, ct, byPos, rec, &p.meta[rec])
			text := ix.ownScore(p, ct, onText, rec, &p.meta[rec])
			if got != text || (got > 0) != want[rec] {
				t.Errorf("%s in %q: score %v by positions, %v on the text; holds it: %v", term, texts[rec], got, text, want[rec])
			}
		}
	}
}

// TestCoverHoldsEveryCharacter: the bigrams a chain reads hold every character of the term
// (bigram i holds characters i and i+1): none is left between two of them, the first and
// the last are in; for 3 characters both bigrams are read, for 6 three of five.
func TestCoverHoldsEveryCharacter(t *testing.T) {
	for n := 1; n <= 9; n++ {
		places := cover(n)
		if places[0] != 0 || places[len(places)-1] != uint32(n-1) {
			t.Errorf("%d bigrams: %v does not run from the first to the last", n, places)
		}
		for k := 1; k < len(places); k++ {
			if d := places[k] - places[k-1]; d < 1 || d > 2 {
				t.Errorf("%d bigrams: %v leaves a character out between %d and %d", n, places, places[k-1], places[k])
			}
		}
	}
	if got := cover(2); !slices.Equal(got, []uint32{0, 1}) {
		t.Errorf("3 characters: cover %v, want both bigrams", got)
	}
	if got := cover(5); !slices.Equal(got, []uint32{0, 2, 4}) {
		t.Errorf("6 characters: cover %v, want 0 2 4", got)
	}
}

// TestPosCursorSeeksAsWritten: a stream written by posBuilder, of records holding from one
// position to a hundred, a gap between them of one rune to a million (one-byte uvarints and
// longer, runs of one-byte positions longer and shorter than eight, ending anywhere in the
// stream), read back by seeks to records in ascending order, some held and some not, some near
// and some far (past skips): every seek returns the record's positions as written, and nil
// for a record not held. It fails if the passing of a record's positions (a record sought
// past) misreads one of them or stops at the wrong one.
func TestPosCursorSeeksAsWritten(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 7))
	for round := 0; round < 200; round++ {
		var b posBuilder
		var a varbuf.Arena
		want := map[uint32][]uint32{}
		rec := uint32(0)
		for n := 1 + rng.IntN(300); n > 0; n-- {
			rec += 1 + uint32(rng.IntN(4))
			pos := uint32(0)
			for k := 1 + rng.IntN([]int{2, 9, 17, 100}[rng.IntN(4)]); k > 0; k-- {
				switch rng.IntN(8) {
				case 0:
					pos += uint32(rng.IntN(1 << 20)) // three bytes or more
				case 1:
					pos += 64 + uint32(rng.IntN(8000)) // two bytes
				default:
					pos += uint32(rng.IntN(64)) // one byte
				}
				if k := len(want[rec]); k > 0 && want[rec][k-1] == pos {
					pos++
				}
				want[rec] = append(want[rec], pos)
				b.add(&a, rec, pos)
			}
		}
		data, skips := posStream(&a, b)
		for trial := 0; trial < 4; trial++ {
			c := posCursor{data: data, skips: skips}
			for r := uint32(0); r <= rec+2; r += 1 + uint32(rng.IntN([]int{1, 3, 40}[trial%3])) {
				got := c.seek(r)
				if w := want[r]; !slices.Equal(got, w) || (got == nil) != (w == nil) {
					t.Fatalf("round %d: record %d: seek read %v, want %v", round, r, got, w)
				}
			}
		}
	}
}
