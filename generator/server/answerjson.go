package server

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/search"
)

// appendResponse appends a search answer as JSON, byte for byte as encodeJSON (encoding/json,
// HTML not escaped, a newline last) writes it. An answer is ~20 KB of JSON, mostly strings,
// and encoding/json's reflection cost 3% of serve's CPU under the load test (make bench); this
// costs a fraction of it. TestAppendResponse compares the two on answers of the bundled
// content and on an answer with every field set, so that a field added to search.Response
// and not here fails it. ok is false when a number has no JSON form (NaN, ±Inf): the caller
// then uses encodeJSON, which answers as it always did.
func appendResponse(b []byte, r *search.Response) (_ []byte, ok bool) {
	if !finite(r.TookMS) {
		return b, false
	}
	b = append(b, `{"query":`...)
	b = appendJSONString(b, r.Query)
	b = append(b, `,"total":`...)
	b = strconv.AppendUint(b, r.Total, 10)
	b = append(b, `,"page":`...)
	b = strconv.AppendInt(b, int64(r.Page), 10)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, int64(r.Size), 10)
	b = append(b, `,"took_ms":`...)
	b = appendJSONFloat(b, r.TookMS)
	b = append(b, `,"hits":`...)
	if r.Hits == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Hits {
			if i > 0 {
				b = append(b, ',')
			}
			if b, ok = appendHit(b, &r.Hits[i]); !ok {
				return b, false
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"facets":`...)
	if r.Facets == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		names := make([]string, 0, len(r.Facets))
		for name := range r.Facets {
			names = append(names, name)
		}
		slices.Sort(names) // encoding/json writes a map's keys in order
		for i, name := range names {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, name)
			b = append(b, ':')
			fs := r.Facets[name]
			if fs == nil {
				b = append(b, "null"...)
				continue
			}
			b = append(b, '[')
			for j, f := range fs {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"value":`...)
				b = appendJSONString(b, f.Value)
				b = append(b, `,"count":`...)
				b = strconv.AppendInt(b, int64(f.Count), 10)
				b = append(b, '}')
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	b = append(b, `,"sort":`...)
	b = appendJSONString(b, r.Sort)
	if len(r.Pinyin) > 0 {
		b = append(b, `,"pinyin":[`...)
		for i, p := range r.Pinyin {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"pinyin":`...)
			b = appendJSONString(b, p.Pinyin)
			b = append(b, `,"term":`...)
			b = appendJSONString(b, p.Term)
			if len(p.Others) > 0 {
				b = append(b, `,"others":`...)
				b = appendJSONStrings(b, p.Others)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(r.Suggestions) > 0 {
		b = append(b, `,"suggestions":[`...)
		for i, s := range r.Suggestions {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"query":`...)
			b = appendJSONString(b, s.Query)
			b = append(b, `,"for":`...)
			b = appendJSONString(b, s.For)
			b = append(b, `,"term":`...)
			b = appendJSONString(b, s.Term)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...), true
}

func appendHit(b []byte, h *search.Hit) ([]byte, bool) {
	if !finite(h.Score) {
		return b, false
	}
	for _, f := range [...]struct{ name, v string }{
		{`{"url":`, h.URL}, {`,"link":`, h.Link}, {`,"doc_url":`, h.DocURL}, {`,"title":`, h.Title},
		{`,"section":`, h.Section}, {`,"item":`, h.Item}, {`,"kind":`, h.Kind},
		{`,"snippet":`, string(h.Snippet)}, {`,"agency":`, h.Agency}, {`,"region":`, h.Region},
		{`,"published":`, h.Published},
	} {
		b = append(b, f.name...)
		b = appendJSONString(b, f.v)
	}
	b = append(b, `,"themes":`...)
	b = appendJSONStrings(b, h.Themes)
	b = append(b, `,"score":`...)
	b = appendJSONFloat(b, h.Score)
	return append(b, '}'), true
}

func finite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }

// appendJSONStrings appends a list of strings (nil: null).
func appendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONFloat appends a finite number as encoding/json does: like ES6's conversion, in
// exponent form only below 1e-6 or from 1e21 on, with no padded exponent.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 → e-9
		b = b[:n-1]
	}
	return b
}

// appendJSONString appends a quoted string as encoding/json does with HTML escaping off: "
// and \ escaped, control characters as \n or \u00XX, invalid UTF-8 as \ufffd, and U+2028 and
// U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		return appendJSONRunes(b, s)
	}
	// Valid UTF-8 (every answer's text, in practice): only the bytes jsonEscape marks may need
	// escaping, and E2 only when it starts U+2028 or U+2029 (E2 80 A8, E2 80 A9).
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		// Eight bytes at a time while none of them is marked.
		for i+8 <= len(s) && !jsonEscape8(s[i:i+8]) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if !jsonEscape[c] {
			continue
		}
		if c == 0xE2 {
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', jsonHex[s[i+2]&0xF])
				i += 2
				start = i + 1
			}
			continue
		}
		b = append(b, s[start:i]...)
		b = appendJSONEscape(b, c)
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const jsonHex = "0123456789abcdef"

// jsonEscape marks the bytes of valid UTF-8 that a JSON string may not hold as they are, and
// E2, which starts U+2028 and U+2029.
var jsonEscape = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t[0xE2] = true, true, true
	return t
}()

// jsonEscape8 reports whether one of 8 bytes may be marked in jsonEscape: below 0x20, ", \
// or E2 (a word of bytes tested at once; it may say yes for none only never: a yes is
// checked byte by byte).
func jsonEscape8(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	q, bs, e2 := w^'"'*ones, w^'\\'*ones, w^0xE2*ones // a byte is 0 where w holds ", \, E2
	return ((w-0x20*ones)&^w|(q-ones)&^q|(bs-ones)&^bs|(e2-ones)&^e2)&highs != 0
}

// appendJSONEscape appends an ASCII byte that needs escaping, as encoding/json escapes it.
func appendJSONEscape(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', jsonHex[c>>4], jsonHex[c&0xF])
}

// appendJSONRunes is appendJSONString for a string that is not valid UTF-8: rune by rune,
// each invalid byte written as \ufffd.
func appendJSONRunes(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonEscape[c] {
				b = append(b, s[start:i]...)
				b = appendJSONEscape(b, c)
				start = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', jsonHex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
