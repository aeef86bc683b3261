package search

import (
	"strings"
	"testing"
)

func TestCanon(t *testing.T) {
	cases := []struct{ in, want string }{
		{"推进医疗AI应用", "推进医疗 ai 应用"},
		{"医疗 服务", "医疗 服务"},
		{"医疗　 服务", "医疗 服务"},
		{"儿科、精神卫生", "儿科 、 精神卫生"},
		{"ＤｅｅｐＳｅｅｋ-R1", "deepseek - r1"},
		{"互联网+医疗健康", "互联网 + 医疗健康"},
		{"  ", ""},
		{"2025年", "2025 年"},
	}
	for _, c := range cases {
		if got := Canon(c.in); got != c.want {
			t.Errorf("Canon(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTermRuns(t *testing.T) {
	cases := []struct{ in, want string }{
		{"儿科", "儿科"},
		{"“儿科”", "儿科"},
		{"儿科。", "儿科"},
		{"+儿科", "儿科"},
		{"互联网+", "互联网|+"},
		{"互联网+医疗健康", "互联网|+|医疗健康"},
		{"C++", "c|+|+"},
		{"+", ""},
		{"，。", ""},
	}
	for _, c := range cases {
		if got := strings.Join(TermRuns(c.in), "|"); got != c.want {
			t.Errorf("TermRuns(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
