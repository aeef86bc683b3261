package server

import (
	"bytes"
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/bench"
	"github.com/planportal/planportal/generator/search"
)

// TestAppendResponse checks appendResponse against encoding/json (encodeJSON, what answers
// were written with before): byte for byte, on the answers the bundled content gives to the
// load test's queries (hits, snippets with marks, facets, pinyin, suggestions, browsing), and
// on an answer with every field of every type set, to strings that need escaping.
func TestAppendResponse(t *testing.T) {
	ix := fixtureIndex(t)
	reqs := []search.Request{
		{Q: "儿科", Page: 2, Size: 5},
		{Q: "erke"},                                      // pinyin
		{Q: "医卫生体制改革"},                                   // a typo: suggestions
		{Q: "儿科", Sort: "date"},                          // sorted by date
		{Filters: map[string][]string{"year": {"2025"}}}, // browsing
		{Q: "no such thing at all zzzz"},                 // nothing
	}
	for _, q := range bench.Queries {
		reqs = append(reqs, search.Request{Q: q})
	}
	seen := map[string]bool{}
	for _, req := range reqs {
		resp, err := ix.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		for _, k := range []string{"hits", "pinyin", "suggestions"} {
			if k == "hits" && len(resp.Hits) > 0 || k == "pinyin" && len(resp.Pinyin) > 0 || k == "suggestions" && len(resp.Suggestions) > 0 {
				seen[k] = true
			}
		}
		compareJSON(t, req.Q, resp)
	}
	for _, k := range []string{"hits", "pinyin", "suggestions"} {
		if !seen[k] {
			t.Errorf("no answer of the bundled content has %s: the comparison does not cover them", k)
		}
	}

	// Every field set, to values that need escaping, and numbers at encoding/json's edges.
	strs := []string{"儿科 <mark>x</mark> & \"q\" \\ /", "a\x00b\x01\x1f\x7f", "\b\f\n\r\t", "bad \xff\xfe utf-8 \xe4\xb8", "\u2028\u2029 line", "", "兒科🙂"}
	floats := []float64{1.234567, 1e-7, 1e21, 123456789012345678, -0.5, 0, math.Copysign(0, -1), 5e-324, 0.000001}
	var full search.Response
	fill(reflect.ValueOf(&full).Elem(), strs, floats, new(int))
	compareJSON(t, "every field", &full)
	for _, f := range floats {
		full.TookMS = f
		full.Hits[0].Score = -f
		compareJSON(t, "numbers", &full)
	}
	// Empty lists and a nil map, as encoding/json writes them ([] or null, or left out).
	compareJSON(t, "empty", &search.Response{Hits: []search.Hit{{}}, Pinyin: []search.PinyinMatch{}})

	// Every byte that needs escaping (and E2 that starts other characters), at every place
	// in and across the 8-byte words the scan tests at once.
	for pos := 0; pos < 20; pos++ {
		for _, sp := range []string{"\x01", "\x1f", "\"", "\\", "\u2028", "\u2029", "“", "…", "\xe2\x80", "\xff", "\x7f"} {
			s := strings.Repeat("儿", pos/3) + strings.Repeat("a", pos%3) + sp + "科abcdefghij" + sp
			if got, want := string(appendJSONString(nil, s)), strings.TrimSuffix(string(encodeJSON(s)), "\n"); got != want {
				t.Errorf("%q: got %s, want %s", s, got, want)
			}
		}
	}

	// A number JSON cannot hold is left to encoding/json.
	full.Hits[0].Score = math.NaN()
	if _, ok := appendResponse(nil, &full); ok {
		t.Error("a NaN score was written")
	}
}

func compareJSON(t *testing.T, name string, resp *search.Response) {
	t.Helper()
	want := encodeJSON(resp)
	got, ok := appendResponse(nil, resp)
	if !ok || !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s: ok %v, differs from encoding/json at byte %d:\n got %.200q\nwant %.200q", name, ok, i, got[max(0, i-40):], want[max(0, i-40):])
	}
}

// fill sets every field reachable from v: strings and numbers from the lists (taken in turn),
// two entries in each list and map.
func fill(v reflect.Value, strs []string, floats []float64, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(strs[*n%len(strs)])
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n * 7))
	case reflect.Uint64:
		v.SetUint(uint64(*n) << 40)
	case reflect.Float64:
		v.SetFloat(floats[*n%len(floats)])
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), strs, floats, n)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := 0; i < 2; i++ {
			fill(v.Index(i), strs, floats, n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for _, k := range []string{"region", "agency", "区"} {
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, strs, floats, n)
			v.SetMapIndex(reflect.ValueOf(k), e)
		}
	default:
		panic("fill: no value for " + v.Type().String())
	}
}

// BenchmarkAnswerJSON times an answer's JSON (a page of 儿科 on the bundled content) written
// by appendResponse and by encoding/json.
func BenchmarkAnswerJSON(b *testing.B) {
	ix := fixtureIndex(b)
	resp, err := ix.Search(context.Background(), search.Request{Q: "儿科"})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("append", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			appendResponse(make([]byte, 0, 32<<10), resp)
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			encodeJSON(resp)
		}
	})
}
