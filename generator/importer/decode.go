package importer

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/msg"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Encodings Decode reports.
const (
	UTF8       = "UTF-8"
	UTF8BOM    = "UTF-8 with BOM"
	GBK        = "GBK"
	GB18030    = "GB18030"
	UTF16LE    = "UTF-16LE"
	UTF16BE    = "UTF-16BE"
	UTF16LEBOM = "UTF-16LE with BOM"
	UTF16BEBOM = "UTF-16BE with BOM"
)

var errEmpty = msg.Err("import.empty")

// Decode detects the encoding of raw text and returns it as UTF-8, with the encoding's name.
// A byte-order mark decides; without one, valid UTF-8 without NUL bytes is UTF-8, and
// otherwise the candidates UTF-16LE, UTF-16BE, GBK and GB18030 are decoded and the one whose
// text is most plausibly Chinese prose (Han, CJK punctuation, printable ASCII; no replacement
// characters or control codes) wins.
func Decode(b []byte) (string, string, error) {
	if len(b) == 0 {
		return "", "", errEmpty
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		if !utf8.Valid(b[3:]) {
			return "", "", msg.Err("import.bom")
		}
		return string(b[3:]), UTF8BOM, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		s, err := decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), b[2:])
		return s, UTF16LEBOM, err
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s, err := decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), b[2:])
		return s, UTF16BEBOM, err
	}
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return string(b), UTF8, nil
	}
	type candidate struct {
		name string
		enc  encoding.Encoding
	}
	cands := []candidate{{GB18030, simplifiedchinese.GB18030}}
	if len(b)%2 == 0 {
		cands = append(cands, candidate{UTF16LE, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)},
			candidate{UTF16BE, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)})
	}
	if utf8.Valid(b) {
		cands = append([]candidate{{UTF8, nil}}, cands...)
	}
	best, bestName, bestScore := "", "", -1.0
	for _, c := range cands {
		var s string
		if c.enc == nil {
			s = string(b)
		} else {
			var err error
			if s, err = decodeWith(c.enc, b); err != nil {
				continue
			}
		}
		if sc := plausibility(s); sc > bestScore {
			best, bestName, bestScore = s, c.name, sc
		}
	}
	if bestScore < 0.9 {
		return "", "", msg.Err("import.encoding")
	}
	// GBK is a subset of GB18030: a text GBK can encode is reported as GBK, the name people
	// use; one that needs GB18030's 4-byte sequences as GB18030.
	if bestName == GB18030 {
		if _, err := simplifiedchinese.GBK.NewEncoder().String(best); err == nil {
			bestName = GBK
		}
	}
	return best, bestName, nil
}

func decodeWith(enc encoding.Encoding, b []byte) (string, error) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// plausibility is the share of runes in s that belong in a Chinese document; a replacement
// character or a control code (other than line breaks and tabs) counts heavily against it.
func plausibility(s string) float64 {
	good, total := 0, 0
	for _, r := range s {
		total++
		switch {
		case r == utf8.RuneError || r == 0:
			good -= 20
		case r == '\n' || r == '\r' || r == '\t' || r == '\f':
			good++
		case unicode.IsControl(r):
			good -= 20
		case r < 0x80 && unicode.IsPrint(r),
			unicode.Is(unicode.Han, r),
			r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
			r >= 0xFF00 && r <= 0xFFEF, // full-width forms
			r >= 0x2000 && r <= 0x206F, // general punctuation: — “ ” …
			r == 0xB7 || r == 0xD7 || r == 0x2103 || r == 0x2030 || r == 0x2116 || r == 0x2160,
			r >= 0x2460 && r <= 0x24FF, // ① …
			r >= 0x2160 && r <= 0x217F: // Ⅰ …
			good++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(good) / float64(total)
}

// normalizeText makes line breaks \n, turns form feeds (page breaks) into line breaks and drops
// zero-width characters and byte-order marks inside the text.
func normalizeText(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\u00a0", " ", "\u200b", "", "\u200c", "",
		"\u200d", "", "\u2060", "", "\ufeff", "", "\x00", "").Replace(s)
	return s
}
