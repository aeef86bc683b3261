package hanzi

import "testing"

func TestSimplified(t *testing.T) {
	for _, c := range []struct{ in, want rune }{
		{'兒', '儿'}, {'醫', '医'}, {'衛', '卫'}, {'療', '疗'}, {'黨', '党'}, {'養', '养'},
		{'儿', '儿'}, {'中', '中'}, // simplified and common characters stay
		{'a', 'a'}, {'，', '，'}, {'㐀', '㐀'}, // outside the table, or not traditional
	} {
		if got := Simplified(c.in); got != c.want {
			t.Errorf("Simplified(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
