package content

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// textRunesAtLeast answers as counting htmlText's characters does, wherever it answers, on
// paragraphs' HTML made of tags, unclosed <, stray >, ASCII and other spaces (NBSP, U+0085,
// U+3000), Han text, references and bad UTF-8; and it answers wherever there is no &.
func TestTextRunesAtLeast(t *testing.T) {
	parts := []string{"<p>", "</p>\n", "<a href=\"#x\">", "</a>", "<br>", "<", ">", " ", "  ", "\n", "\t",
		"\u00a0", "\u0085", "\u3000", "发展", "卫生健康", "a", "1", "，", "&amp;", "&lt;", "&#34;", "&x", "\xff", "\xe4\xb8", "<em>强</em>"}
	rng := rand.New(rand.NewSource(1))
	answered := 0
	for k := 0; k < 20000; k++ {
		var b strings.Builder
		for m := rng.Intn(14); m >= 0; m-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		h := b.String()
		want := utf8.RuneCountInString(htmlText(h))
		for n := 0; n <= 24; n++ {
			got, ok := textRunesAtLeast(h, n)
			if !ok {
				if !strings.Contains(h, "&") {
					t.Fatalf("%q: no answer without an &", h)
				}
				continue
			}
			answered++
			if got != (want >= n) {
				t.Fatalf("%q, n %d: %v, but htmlText %q has %d characters", h, n, got, htmlText(h), want)
			}
		}
	}
	if answered == 0 {
		t.Fatal("never answered")
	}
}
