package hanzi

import (
	"testing"

	"github.com/longbridgeapp/opencc"
)

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

// TestTableIsOpenCCs checks the generated table against OpenCC itself: every character of
// [Lo, Hi] folds as OpenCC's t2s conversion converts it alone (when to one character), so the
// table cannot fall behind OpenCC (go generate makes it anew).
func TestTableIsOpenCCs(t *testing.T) {
	cc, err := opencc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	for r := rune(Lo); r <= Hi; r++ {
		want := r
		if s, err := cc.Convert(string(r)); err == nil {
			if rs := []rune(s); len(rs) == 1 {
				want = rs[0]
			}
		}
		if got := Simplified(r); got != want {
			t.Errorf("Simplified(%q) = %q, OpenCC converts it to %q (go generate ./generator/hanzi)", r, got, want)
		}
	}
}
