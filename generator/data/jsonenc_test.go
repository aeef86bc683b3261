package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// encoderJSON is the reference: what DocFile and writePlans wrote before appendDoc, and
// what encoding/json makes of the types' tags.
func encoderJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// jsonPieces are what random texts are made of: Chinese, ASCII, every character
// encoding/json escapes or treats apart (quotes, backslash, the control characters, HTML's
// <>&, which it keeps here, U+2028 and U+2029, DEL and U+0085, which it keeps; characters
// that begin as U+2028 does, E2 80, or end as it does: U+2027, U+2020, U+20A8 ₨, U+2128 ℨ),
// U+FFFD, characters of two, three (beginning E0 and ED too) and four bytes; then invalid
// UTF-8 (jsonInvalid).
var jsonPieces = []string{"中", "文", "卫生健康", "a", "Z", "9", " ", "%", "/", "\"", "\\", "<", ">", "&",
	"\n", "\r", "\t", "\b", "\f", "\x00", "\x01", "\x1f", "\x7f", "\u0085", "\u2028", "\u2029", "\u2027",
	"\u2020", "\u20a8", "\u2128", "\ufffd", "\U0001F600", "（", "）", "\"></a>", "\u0920", "\ud55c", "\u00e9"}

// jsonInvalid: a byte no character begins with, truncated characters, an overlong encoding
// and surrogates (E0 and ED take only some continuations).
var jsonInvalid = []string{"\xff", "\xe4\xb8", "\xc0\x80", "\xed\xa0\x80", "\xe2\x80", "\xe2", "\xe0\x80\x80", "\xef\xbf"}

// randomText is a text of jsonPieces; one in three texts has invalid UTF-8 as well.
func randomText(r *rand.Rand) string {
	if r.Intn(5) == 0 {
		return ""
	}
	pieces := jsonPieces
	if r.Intn(3) == 0 {
		pieces = append(pieces[:len(pieces):len(pieces)], jsonInvalid...)
	}
	var b strings.Builder
	for n := r.Intn(12); n >= 0; n-- {
		b.WriteString(pieces[r.Intn(len(pieces))])
	}
	return b.String()
}

// randomFloat covers both of encoding/json's formats and the cut-offs between them
// (1e-6, 1e21), integers, negative zero and the extremes.
func randomFloat(r *rand.Rand) float64 {
	switch r.Intn(8) {
	case 0:
		return 0
	case 1:
		return math.Copysign(0, -1)
	case 2:
		return float64(r.Intn(2000) - 1000)
	case 3:
		return []float64{1e-6, 9.99999e-7, 1e21, 9.99999e20, 5e-324, math.MaxFloat64, -1e-7, 1e-9, 123456789e15}[r.Intn(9)]
	default:
		return (r.Float64() - 0.3) * math.Pow(10, float64(r.Intn(40)-15))
	}
}

// fillRandom sets every field of v (a struct, slice, pointer, string or number, however
// deep) to a random value: nil, empty and full slices and pointers, empty and full texts. A
// kind it does not know fails the test, so a new field of a new kind is noticed here.
func fillRandom(t *testing.T, r *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(randomText(r))
	case reflect.Int:
		if r.Intn(3) > 0 {
			v.SetInt(int64(r.Intn(5000) - 100))
		}
	case reflect.Float64:
		v.SetFloat(randomFloat(r))
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fillRandom(t, r, v.Field(i))
		}
	case reflect.Pointer:
		if r.Intn(3) > 0 {
			v.Set(reflect.New(v.Type().Elem()))
			fillRandom(t, r, v.Elem())
		}
	case reflect.Slice:
		switch r.Intn(4) {
		case 0: // nil
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			n := 1 + r.Intn(3)
			v.Set(reflect.MakeSlice(v.Type(), n, n))
			for i := 0; i < n; i++ {
				fillRandom(t, r, v.Index(i))
			}
		}
	default:
		t.Fatalf("fillRandom: no random %s (%s): extend it, and appendDoc", v.Type(), v.Kind())
	}
}

// TestAppendDocAsEncoder: appendDoc and appendMetaJSON, then a newline, are byte for byte
// what encoding/json's Encoder (SetEscapeHTML(false)) writes for 5,000 random documents and
// their metadata, every field filled at random by reflection; and where the Encoder refuses
// a value (a target's value that is NaN or infinite), they refuse it with the same error.
func TestAppendDocAsEncoder(t *testing.T) {
	r := rand.New(rand.NewSource(16))
	var escaped, invalid, omitted, exp int
	for i := 0; i < 5000; i++ {
		var d Doc
		fillRandom(t, r, reflect.ValueOf(&d).Elem())
		want, werr := encoderJSON(d)
		got, gerr := appendDoc(nil, &d)
		if werr != nil {
			t.Fatalf("doc %d: encoding/json refused it: %v", i, werr)
		}
		if gerr != nil || !bytes.Equal(append(got, '\n'), want) {
			t.Fatalf("doc %d (error %v): %s", i, gerr, firstDiff(got, want))
		}
		wantMeta, _ := encoderJSON(d.Meta)
		gotMeta, err := appendMetaJSON(nil, &d.Meta)
		if err != nil || !bytes.Equal(append(gotMeta, '\n'), wantMeta) {
			t.Fatalf("meta %d (error %v): %s", i, err, firstDiff(gotMeta, wantMeta))
		}
		s := string(want)
		if strings.Contains(s, `\u2028`) && strings.Contains(s, `\u0000`) {
			escaped++
		}
		if strings.Contains(s, `\ufffd`) {
			invalid++
		}
		if !strings.Contains(s, `"region"`) || !strings.Contains(s, `"annotation"`) {
			omitted++
		}
		if strings.Contains(s, `e-`) || strings.Contains(s, `e+`) {
			exp++
		}
	}
	// The random values reach what they are meant to.
	if escaped < 1000 || invalid < 1000 || omitted < 1000 || exp < 500 {
		t.Errorf("too few documents with escapes (%d), invalid UTF-8 (%d), omitted fields (%d) or exponents (%d)",
			escaped, invalid, omitted, exp)
	}
	// Texts alone, valid and not: appendJSONString against encoding/json's string encoder.
	var valid int
	for i := 0; i < 100000; i++ {
		text := randomText(r)
		want, _ := encoderJSON(text)
		want = bytes.TrimSuffix(want, []byte("\n"))
		if got := appendJSONString(nil, text); !bytes.Equal(got, want) {
			t.Fatalf("text %q: %s", text, firstDiff(got, want))
		}
		if utf8.ValidString(text) {
			valid++
		}
	}
	if valid < 50000 || valid > 90000 {
		t.Errorf("%d of 100,000 random texts are valid UTF-8", valid)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		d := Doc{Targets: []Target{{Value: f}}}
		_, werr := encoderJSON(d)
		_, gerr := appendDoc(nil, &d)
		if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
			t.Errorf("value %v: error %v, encoding/json's %v", f, gerr, werr)
		}
	}
}

// firstDiff shows where got and want part, with some bytes before it.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf("at byte %d:\n got …%q\nwant …%q", i, got[from:min(len(got), i+40)], want[from:min(len(want), i+40)])
}

// TestWriteJSONReusesNothingWritten: writeJSON's buffer goes back to its pool after a write;
// a second document written from it is whole, with nothing of the first one's bytes.
func TestWriteJSONReusesNothingWritten(t *testing.T) {
	long := Doc{Meta: Meta{Title: strings.Repeat("长", 500)}}
	short := Doc{Meta: Meta{Title: "短"}}
	var a, b bytes.Buffer
	for _, c := range []struct {
		d *Doc
		w *bytes.Buffer
	}{{&long, &a}, {&short, &b}} {
		bp := jsonBuf()
		b, err := appendDoc(*bp, c.d)
		if err := writeJSON(c.w, bp, b, err); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := encoderJSON(short)
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("second document:\n got %q\nwant %q", b.Bytes(), want)
	}
}
