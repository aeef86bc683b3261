package data

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
	"sync"
	"unicode/utf8"
)

// A document's own JSON file (Doc) and its entry in plans.json (Meta) are written by
// appendDoc and appendMeta: directly, field by field, in the bytes encoding/json's Encoder
// (SetEscapeHTML(false)) writes for the same value. The types and their json tags stay the
// truth: TestAppendDocAsEncoder encodes random values of them with encoding/json and
// compares, and fills every field by reflection, so a field added to a type and not here
// fails it. At 2,000 plans the 2,000 files took 0.77x of encoding/json's CPU
// (BenchmarkDocDataCorpus, 5 pairs, quiet): 0.25 s against 0.33 s, about half of it now
// docOf's (issue 16).

// jsonBufs are the buffers a document's file is made in before it is written.
var jsonBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxJSONBuf is the largest buffer jsonBufs keeps (a document's file is about 36 KB).
const maxJSONBuf = 1 << 20

// writeJSON writes b, made in a buffer from jsonBuf, then a newline, to w, as
// Encoder.Encode does (nothing where err is set), and puts the buffer back.
func writeJSON(w io.Writer, bp *[]byte, b []byte, err error) error {
	if err == nil {
		_, err = w.Write(append(b, '\n'))
	}
	if cap(b) <= maxJSONBuf {
		*bp = b[:0]
		jsonBufs.Put(bp)
	}
	return err
}

// jsonBuf is an empty buffer from jsonBufs, for writeJSON.
func jsonBuf() *[]byte {
	bp := jsonBufs.Get().(*[]byte)
	*bp = (*bp)[:0]
	return bp
}

// jsonObject appends JSON objects' members, with the comma between them. It takes no
// function to append an element or a member: a *jsonObject handed to one escapes to the
// heap, an allocation per item of every document.
type jsonObject struct {
	b   []byte
	n   int   // members so far of the object being appended
	err error // the first value encoding/json would refuse (a float that is not finite)
}

// open starts an object (a member's or a list element's, once key or elem wrote what leads
// to it) and returns what close needs to go on with the enclosing one.
func (o *jsonObject) open() (outer int) {
	o.b = append(o.b, '{')
	outer, o.n = o.n, 0
	return outer
}

func (o *jsonObject) close(outer int) {
	o.b = append(o.b, '}')
	o.n = outer
}

// key starts a member; names are the json tags' (ASCII letters and _: no escaping).
func (o *jsonObject) key(name string) {
	if o.n > 0 {
		o.b = append(o.b, ',')
	}
	o.n++
	o.b = append(o.b, '"')
	o.b = append(o.b, name...)
	o.b = append(o.b, '"', ':')
}

func (o *jsonObject) str(name, v string) {
	o.key(name)
	o.b = appendJSONString(o.b, v)
}

// strOmit is str for a field tagged omitempty.
func (o *jsonObject) strOmit(name, v string) {
	if v != "" {
		o.str(name, v)
	}
}

func (o *jsonObject) int(name string, v int) {
	o.key(name)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
}

func (o *jsonObject) float(name string, v float64) {
	o.key(name)
	o.b = o.appendFloat(o.b, v)
}

// strs is a []string field: null when nil, as encoding/json writes it.
func (o *jsonObject) strs(name string, v []string) {
	if !o.list(name, v == nil) {
		return
	}
	for i, s := range v {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = appendJSONString(o.b, s)
	}
	o.endList()
}

// strsOmit is strs for a field tagged omitempty.
func (o *jsonObject) strsOmit(name string, v []string) {
	if len(v) > 0 {
		o.strs(name, v)
	}
}

// list starts a slice member: null for a nil slice (then it reports false, and the member is
// done), else [ to be ended by endList, its elements begun by elem.
func (o *jsonObject) list(name string, isNil bool) bool {
	o.key(name)
	if isNil {
		o.b = append(o.b, "null"...)
		return false
	}
	o.b = append(o.b, '[')
	return true
}

// elem begins the i-th object of a list: what open returns goes to close.
func (o *jsonObject) elem(i int) (outer int) {
	if i > 0 {
		o.b = append(o.b, ',')
	}
	return o.open()
}

func (o *jsonObject) endList() { o.b = append(o.b, ']') }

// appendFloat is encoding/json's float64 encoder: like %g with ES6's exponent cutoffs; a NaN
// or an infinity is an error, as there.
func (o *jsonObject) appendFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		if o.err == nil {
			_, o.err = json.Marshal(f) // encoding/json's own error for it
		}
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's string encoder without HTML escaping: " and \ and the
// control characters escaped (\b \f \n \r \t by name), invalid UTF-8 as \ufffd, U+2028 and
// U+2029 as \u2028 and \u2029; everything else as it is. A character of three bytes whose
// first byte admits any continuation (E1–EC, EE, EF: every Han character) is checked where
// it stands, not decoded: decoding each Chinese character, as encoding/json does, was most
// of the files' cost.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendJSONEscape(b, c)
			i++
			start = i
			continue
		}
		if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if c == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) { // U+2028, U+2029
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				start = i + 3
			}
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			start = i + 1
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONEscape appends the escape of an ASCII byte encoding/json escapes (without HTML
// escaping).
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
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

// appendMeta appends m's members, as encoding/json writes Meta's fields.
func appendMeta(o *jsonObject, m *Meta) {
	o.str("slug", m.Slug)
	o.str("url", m.URL)
	o.str("data_url", m.DataURL)
	o.str("title", m.Title)
	o.str("agency", m.Agency)
	o.strOmit("region", m.Region)
	o.strOmit("province", m.Province)
	o.strOmit("published", m.Published)
	o.strOmit("written", m.Written)
	o.strOmit("doc_number", m.DocNumber)
	o.strOmit("index_number", m.IndexNumber)
	o.strOmit("category", m.Category)
	o.strOmit("validity", m.Validity)
	o.strOmit("disclosure", m.Disclosure)
	o.str("nature", m.Nature)
	o.strOmit("source", m.Source)
	o.strOmit("source_name", m.SourceName)
	o.strsOmit("inferred", m.Inferred)
	o.strOmit("summary", m.Summary)
	o.strs("themes", m.Themes)
	o.str("citation", m.Citation)
}

// annotation appends a responsibility note (an *Annote field tagged omitempty: nothing for
// nil).
func (o *jsonObject) annotation(a *Annote) {
	if a == nil {
		return
	}
	o.key("annotation")
	outer := o.open()
	o.strsOmit("leaders", a.Leaders)
	o.strsOmit("lead_units", a.LeadUnits)
	o.strsOmit("co_units", a.CoUnits)
	o.strOmit("deadline", a.Deadline)
	if len(a.Other) > 0 && o.list("other", false) {
		for i, p := range a.Other {
			in := o.elem(i)
			o.str("label", p.Label)
			o.str("value", p.Value)
			o.close(in)
		}
		o.endList()
	}
	o.str("text", a.Text)
	o.close(outer)
}

// appendMetaJSON appends m as one JSON object.
func appendMetaJSON(b []byte, m *Meta) ([]byte, error) {
	o := jsonObject{b: b}
	outer := o.open()
	appendMeta(&o, m)
	o.close(outer)
	return o.b, o.err
}

// appendDoc appends d as one JSON object: its Meta's members, then its sections, items and
// targets.
func appendDoc(b []byte, d *Doc) ([]byte, error) {
	o := jsonObject{b: b}
	outer := o.open()
	appendMeta(&o, &d.Meta)
	if o.list("sections", d.Sections == nil) {
		for i := range d.Sections {
			s := &d.Sections[i]
			in := o.elem(i)
			o.str("anchor", s.Anchor)
			o.str("heading", s.Heading)
			o.int("level", s.Level)
			o.annotation(s.Annotation)
			o.close(in)
		}
		o.endList()
	}
	if o.list("items", d.Items == nil) {
		for i := range d.Items {
			it := &d.Items[i]
			in := o.elem(i)
			o.str("anchor", it.Anchor)
			o.strOmit("number", it.Number)
			o.strOmit("section", it.Section)
			o.str("text", it.Text)
			o.strs("themes", it.Themes)
			o.annotation(it.Annotation)
			o.close(in)
		}
		o.endList()
	}
	if o.list("targets", d.Targets == nil) {
		for i := range d.Targets {
			t := &d.Targets[i]
			in := o.elem(i)
			o.str("anchor", t.Anchor)
			o.str("subject", t.Subject)
			o.strOmit("subject_id", t.SubjectID)
			o.str("comparator", t.Comparator)
			o.float("value", t.Value)
			o.str("value_text", t.ValueText)
			o.str("unit", t.Unit)
			if t.Year != 0 {
				o.int("year", t.Year)
			}
			o.str("clause", t.Clause)
			o.close(in)
		}
		o.endList()
	}
	o.close(outer)
	return o.b, o.err
}
