package engine_test

import (
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/search/engine"
)

// TestLoneCharacterCounts: a query term of one Han character (癌) is scored from the counts
// its postings give (the frequencies of the index terms it starts, summed) instead of its
// count in each record's text. On the bundled content, for every Han character of the text
// and traditional forms that fold to them (兒, 醫, 體, 藥, 護), those counts must equal the
// text's in every record and field, or answers would change: a record found by one and not
// the other, or scored differently.
func TestLoneCharacterCounts(t *testing.T) {
	ix := bundledIndex(t)
	defer ix.Close()
	chars := engine.HanChars(ix)
	if len(chars) < 500 {
		t.Fatalf("only %d Han characters in the bundled text", len(chars))
	}
	terms := append(chars, "兒", "醫", "體", "藥", "護")
	lone, held, bad, err := engine.LoneCheck(ix, terms)
	if err != nil {
		t.Fatal(err)
	}
	// Every term is one character, folded or not: each compiles to a lone alternative.
	if lone < len(terms) {
		t.Errorf("%d of %d one-character terms compile to a lone character", lone, len(terms))
	}
	if held < len(chars) {
		t.Errorf("the characters are held in only %d (record, field) pairs", held)
	}
	if len(bad) > 0 {
		t.Errorf("%d disagreements, e.g.:\n%s", len(bad), strings.Join(bad[:min(10, len(bad))], "\n"))
	}
}
