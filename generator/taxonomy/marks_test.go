package taxonomy

import (
	"strings"
	"testing"
)

// TestMaskNeverRulesOutAWordThePassageHolds checks the one promise of charMask: a folded
// passage that holds a word may hold it by the mask foldMask made. It tries every labelled
// passage, in traditional characters too and cut at every fifth byte (so that broken characters
// begin and end the texts), with the words the rules look for and words cut from the folded
// passage itself at any byte, and texts with stray bytes (a continuation byte after ASCII, a
// lead byte without its continuation, a capital letter fold lowers) around the word. The
// same holds for each clause (of each kind of stop) and the mask its stops give it (clauseMask).
func TestMaskNeverRulesOutAWordThePassageHolds(t *testing.T) {
	_, _, passages := siteLabelled(t)
	words := []string{"适用于", "通过", "以", "是", "、", "”和“", "表彰", "依托", "ab", "a", "中医药", "。", "之际", "为抓手", "医疗卫生"}
	check := func(text, w string) {
		t.Helper()
		folded, m := foldMask(text, nil)
		if folded != fold(text) {
			t.Fatalf("foldMask(%q) folds to %q, fold to %q", text, folded, fold(text))
		}
		if m != maskOf(folded) {
			t.Fatalf("foldMask(%q) makes a mask other than maskOf's of %q", text, folded)
		}
		var st stops
		if f, sm := foldMask(text, &st); f != folded || sm != m {
			t.Fatalf("foldMask(%q) with stops folds or masks otherwise", text)
		}
		for _, kind := range []uint8{stopPlaceEnd, stopSentenceEnd, stopQuoteOrClauseEnd} {
			eachClause(folded, &st, kind, func(a, b int) {
				cm, want := st.clauseMask(a, b, len(folded)), maskOf(folded[a:b])
				if !cm.may(&want) {
					t.Fatalf("the stops' mask of clause %q of %q lacks some of its characters", folded[a:b], folded)
				}
			})
		}
		wm := maskOf(w)
		if strings.Contains(folded, w) && !m.may(&wm) {
			t.Fatalf("the mask of %q rules out %q, which it holds", folded, w)
		}
		ww := newWord(w)
		if got, want := ww.in(&m, folded), index(folded, w); got != want {
			t.Fatalf("%q.in(%q) = %d; index gives %d", w, folded, got, want)
		}
	}
	for _, p := range passages {
		for _, s := range []string{p.text, traditional(p.text)} {
			for _, w := range words {
				check(s, w)
				check(s+w, w)
				check("A\x80"+w+"\xe4", w)
				check("\xe4"+w[:len(w)/2]+"\xbfD"+w, w)
			}
			f := fold(s)
			for i := 0; i+9 <= len(f); i += 5 {
				check(s, f[i:i+9]) // three characters, or pieces of four
				check(s[i:], f[i:i+9])
				check(s[:i+9], f[i+1:i+9])
			}
		}
	}
}

// traditional writes s with the traditional forms of a few characters of plans, which fold
// turns back.
func traditional(s string) string {
	return strings.NewReplacer("医", "醫", "卫", "衛", "疗", "療", "为", "為", "发", "發", "展", "展", "务", "務", "县", "縣").Replace(s)
}

// TestMaskRulesOut checks that a mask rules out words whose characters the passage lacks: the
// mask of a passage is the union of its characters' masks, and most words it does not hold are
// ruled out without a search (the filter is of use only if it says no).
func TestMaskRulesOut(t *testing.T) {
	text := "加强基层医疗卫生服务能力建设"
	var union charMask
	for _, r := range text {
		union.add(r)
	}
	if _, m := foldMask(text, nil); m != union {
		t.Fatalf("the mask of %q is not the union of its characters' masks", text)
	}
	ruledOut := 0
	words := []string{"适用于", "表彰", "依托", "针对", "之际", "牵头", "为抓手", "前往"}
	for _, w := range words {
		if wm := maskOf(w); !union.may(&wm) {
			ruledOut++
		}
	}
	if ruledOut < len(words)/2 {
		t.Fatalf("the mask of %q rules out %d of %d words it does not hold", text, ruledOut, len(words))
	}
}

// TestWordBitsSayWhetherTheTextHoldsTheWord checks the words' bits (charMask.w): a folded
// passage's mask has a word's bit exactly when the passage holds the word, and the mask of
// each of its clauses (clauseMask, every kind of stop) has it whenever the clause holds it, so
// that word.in finds what index finds. It tries every word the rules registered, in every
// labelled passage, in traditional characters too, cut at every 101st byte, and after text
// that leaves the automaton inside another word (一是, 为抓 before 为抓手, a stray byte), and with a
// character fold does not read inside it.
func TestWordBitsSayWhetherTheTextHoldsTheWord(t *testing.T) {
	_, _, passages := siteLabelled(t)
	words() // made: no word gets a bit from now on
	list := wordRegistry.list
	if len(list) < 50 {
		t.Fatalf("only %d words have a bit", len(list))
	}
	ws := make([]word, len(list))
	for i, s := range list {
		ws[i] = newWord(s) // the same word, with the same bit
		if ws[i].m.w[i>>6]&(1<<(i&63)) == 0 {
			t.Fatalf("newWord(%q) has not its bit %d", s, i)
		}
	}
	check := func(text string) {
		t.Helper()
		var st stops
		folded, m := foldMask(text, &st)
		for i, s := range list {
			if has := strings.Contains(folded, s); has != (m.w[i>>6]&(1<<(i&63)) != 0) {
				t.Fatalf("the mask of %q says %v for %q; the text holds it: %v", folded, !has, s, has)
			}
		}
		for _, kind := range []uint8{stopPlaceEnd, stopSentenceEnd, stopQuoteOrClauseEnd} {
			eachClause(folded, &st, kind, func(a, b int) {
				cm := st.clauseMask(a, b, len(folded))
				for i := range ws {
					if got, want := ws[i].in(&cm, folded[a:b]), index(folded[a:b], list[i]); got != want {
						t.Fatalf("%q.in(%q) = %d with the clause's mask; index gives %d", list[i], folded[a:b], got, want)
					}
				}
			})
		}
	}
	for _, p := range passages {
		for _, s := range []string{p.text, traditional(p.text)} {
			check(s)
			for i := 0; i < len(s); i += 101 {
				check(s[i:])
			}
		}
	}
	for _, s := range list {
		for _, before := range []string{"", "一", "为抓", "是", "\xe4", "A", "。", "医疗"} {
			check(before + s)
			check(before + s + "。" + s[:len(s)/2])
			r := []rune(s)
			check(before + string(r[:len(r)-1]) + s) // the word after its own beginning
		}
		// A character fold does not read (two bytes, a stray byte) parts what stands around it.
		if r := []rune(s); len(r) > 1 {
			for _, cut := range []string{"é", "\x80", "\xe4", "𠀀"} {
				check(string(r[:1]) + cut + string(r[1:]))
			}
		}
	}
}
