package taxonomy

import (
	"strings"
	"testing"
)

// TestIndex checks index against strings.Index: on every labelled passage, for needles cut from
// the passage itself (so found, at its first occurrence, which may be earlier than the cut),
// for the words the rules look for, and for needles at the very start and end of the text.
func TestIndex(t *testing.T) {
	_, _, passages := siteLabelled(t)
	words := []string{"适用于", "通过", "以", "是", "成为", "事关", "、", "”和“", "表彰", "牵头", "依托", "方式", "ab", "a", "中医药", "。"}
	check := func(s, sub string) {
		t.Helper()
		if got, want := index(s, sub), strings.Index(s, sub); got != want {
			t.Fatalf("index(%q, %q) = %d; strings.Index gives %d", s, sub, got, want)
		}
	}
	for _, p := range passages {
		s := p.text
		for _, w := range words {
			check(s, w)
			check(s+w, w)
			check(w+s, w)
		}
		for i := 0; i+12 <= len(s); i += 7 {
			for _, n := range []int{3, 5, 6, 9, 12} {
				check(s, s[i:i+n])
				check(s[i:], s[i:i+n])
			}
		}
		check(s, "")
		check("", s)
	}
}

// TestTrimBlanks checks trimBlanks, trimBlanksLeft and trimBlanksRight against strings.Trim,
// TrimLeft and TrimRight with the cutset " 　", on blanks around text, blanks alone, other
// spaces (a tab, a no-break space) that stay, and broken UTF-8 next to an ideographic space.
func TestTrimBlanks(t *testing.T) {
	for _, s := range []string{"", " ", "　", " 　 　", "　中医 ", "  中 医　　", "\t中医\u00a0", "\xf0　", "　\xe3\x80", "\xe3\x80\x80\x80", "a　b", "中医"} {
		if got, want := trimBlanks(s), strings.Trim(s, " 　"); got != want {
			t.Errorf("trimBlanks(%q) = %q; strings.Trim gives %q", s, got, want)
		}
		if got, want := trimBlanksLeft(s), strings.TrimLeft(s, " 　"); got != want {
			t.Errorf("trimBlanksLeft(%q) = %q; strings.TrimLeft gives %q", s, got, want)
		}
		if got, want := trimBlanksRight(s), strings.TrimRight(s, " 　"); got != want {
			t.Errorf("trimBlanksRight(%q) = %q; strings.TrimRight gives %q", s, got, want)
		}
	}
}
