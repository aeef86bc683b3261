package data

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// csvChunk is how much of a table's CSV is made before it is written on (to the archive's
// deflater): what csv.Writer's own buffer held, rounded up.
const csvChunk = 64 << 10

// csvRows is the row function table hands its rows to: each row appended to a buffer as
// encoding/csv's Writer writes it with UseCRLF (appendCSVRecord), the buffer written to w
// when it holds csvChunk bytes. A row went through csv.Writer's bufio.Writer a call for each
// field, its comma and each of its quoted pieces; at 2,000 generated plans the tables are
// 82 MB of CSV, items.csv 330,000 rows of 17 fields.
type csvRows struct {
	w   io.Writer
	buf []byte
}

// row appends the record and writes the buffer on once it is full.
func (c *csvRows) row(record []string) error {
	c.buf = appendCSVRecord(c.buf, record)
	if len(c.buf) >= csvChunk {
		return c.flush()
	}
	return nil
}

// flush writes what the buffer holds.
func (c *csvRows) flush() error {
	_, err := c.w.Write(c.buf)
	c.buf = c.buf[:0]
	return err
}

// appendCSVRecord appends the record to b as encoding/csv's Writer writes it with Comma ','
// and UseCRLF (RFC 4180): a field is quoted when it holds a quote, a comma, CR or LF, begins
// with a space (unicode.IsSpace) or is \. (which PostgreSQL reads as the end of its data);
// in a quoted field a quote is doubled, CR dropped and LF written as CRLF; the record ends
// in CRLF. TestCSVRecordMatchesEncodingCSV holds it to encoding/csv.
func appendCSVRecord(b []byte, record []string) []byte {
	for n, field := range record {
		if n > 0 {
			b = append(b, ',')
		}
		if !csvNeedsQuotes(field) {
			b = append(b, field...)
			continue
		}
		b = append(b, '"')
		for len(field) > 0 {
			i := strings.IndexAny(field, "\"\r\n")
			if i < 0 {
				i = len(field)
			}
			b = append(b, field[:i]...)
			field = field[i:]
			if len(field) > 0 {
				switch field[0] {
				case '"':
					b = append(b, `""`...)
				case '\n':
					b = append(b, "\r\n"...)
				}
				field = field[1:]
			}
		}
		b = append(b, '"')
	}
	return append(b, "\r\n"...)
}

// csvNeedsQuotes is encoding/csv's Writer's fieldNeedsQuotes with Comma ','.
func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	for i := 0; i < len(field); i++ {
		if c := field[i]; c == '\n' || c == '\r' || c == '"' || c == ',' {
			return true
		}
	}
	r1, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r1)
}
