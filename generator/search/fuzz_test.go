package search_test

import (
	"testing"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/search"
)

// FuzzParseQuery: any query string parses, never a panic, into terms that hold text.
func FuzzParseQuery(f *testing.F) {
	syn := search.NewSynonyms([][]string{{"医共体", "医疗共同体"}, {"疾控", "疾病预防控制"}})
	for _, s := range []string{"儿科", "儿科 -精神卫生", "\"家庭医生签约\"", "儿科 OR 托育", "互联网+", "65%", "4.65", "兒科", "erke", "儿科，精神卫生", "\"", "-", "OR", "- -", "“未闭合", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if !utf8.ValidString(q) {
			return
		}
		parsed := search.Parse(q, syn)
		_ = parsed.Highlights()
		_ = parsed.Terms()
	})
}
