package data

import (
	"bytes"
	"encoding/csv"
	"math/rand"
	"strings"
	"testing"
)

// csvPieces are what random fields are made of: text, every character encoding/csv's Writer
// treats apart (quote, comma, CR, LF, CRLF), spaces it quotes a field for beginning with
// (ASCII, tab, U+3000, U+0085, U+00A0) and a character that is not one (U+200B), \. and its
// parts, and invalid UTF-8.
var csvPieces = []string{"规划", "abc", "1.5", `"`, `""`, ",", "\r", "\n", "\r\n", "\n\r", " ", "\t", "\u3000",
	"\u0085", "\u00a0", "\u200b", `\.`, `\`, ".", "\xff", "\xe4\xb8", "\xe3\x80", "；", "（注）", "'"}

// encodingCSV is the reference: what table wrote through encoding/csv's Writer with UseCRLF.
func encodingCSV(t *testing.T, records [][]string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	for _, r := range records {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCSVRecordMatchesEncodingCSV: appendCSVRecord writes what encoding/csv's Writer does,
// byte for byte, on the fields that decide its quoting (each piece alone, \. exactly, empty
// fields and records) and on 20,000 random records of them.
func TestCSVRecordMatchesEncodingCSV(t *testing.T) {
	var records [][]string
	for _, p := range csvPieces {
		records = append(records, []string{p}, []string{p, p}, []string{"x" + p, p + "x", ""})
	}
	records = append(records, []string{""}, []string{"", ""}, []string{`\.`, `\.\.`, ` \.`, `\. `})
	rng := rand.New(rand.NewSource(16))
	for range 20000 {
		rec := make([]string, 1+rng.Intn(6))
		for i := range rec {
			var f strings.Builder
			for range rng.Intn(5) {
				f.WriteString(csvPieces[rng.Intn(len(csvPieces))])
			}
			rec[i] = f.String()
		}
		records = append(records, rec)
	}
	want := encodingCSV(t, records)
	var got []byte
	for _, r := range records {
		got = appendCSVRecord(got, r)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("appendCSVRecord differs from encoding/csv at byte %d: %q, want %q", i, got[max(0, i-20):min(len(got), i+40)], want[max(0, i-20):min(len(want), i+40)])
	}
	for _, r := range records[:len(csvPieces)*3+2] {
		if got, want := string(appendCSVRecord(nil, r)), string(encodingCSV(t, [][]string{r})); got != want {
			t.Errorf("%q: %q, want %q", r, got, want)
		}
	}
}

// TestTableWritesInChunks: a table larger than csvChunk is the same CSV as encoding/csv
// writes, reaching its writer in pieces of at least csvChunk bytes but the last.
func TestTableWritesInChunks(t *testing.T) {
	fields := []Field{{Name: "a"}, {Name: "b"}}
	var records [][]string
	records = append(records, []string{"a", "b"})
	for i := range 5000 {
		records = append(records, []string{strings.Repeat("规划,\"", i%7), "第" + strings.Repeat("一", i%50) + "\n条"})
	}
	var w chunkWriter
	err := table(&w, fields, func(row func([]string) error) error {
		for _, r := range records[1:] {
			if err := row(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := append([]byte(bom), encodingCSV(t, records)...)
	if got := bytes.Join(w.writes, nil); !bytes.Equal(got, want) {
		t.Fatalf("table wrote %d bytes, encoding/csv %d", len(got), len(want))
	}
	if len(w.writes) < 3 {
		t.Fatalf("%d writes: the table is not larger than a chunk", len(w.writes))
	}
	for i, p := range w.writes[1 : len(w.writes)-1] {
		if len(p) < csvChunk {
			t.Errorf("write %d: %d bytes, want at least %d", i+1, len(p), csvChunk)
		}
	}
}

// chunkWriter keeps each write apart.
type chunkWriter struct{ writes [][]byte }

func (w *chunkWriter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, bytes.Clone(p))
	return len(p), nil
}
