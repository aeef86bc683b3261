package taxonomy

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// floorAgreement is the least micro F1 two readers must reach on labelled.txt. Below it the
// judging rules would not say what a theme is clearly enough for a tagger to be held to 0.9:
// the labels, not the tagger, would need work first. Measured 2026-12-02: 0.955 on the
// held-out part, 0.963 on the tune part.
const floorAgreement = 0.9

// secondReaderPending names the held-out sub-parts (# subpart in labelled.txt) that no second
// reader has labelled yet: their passages are reported as waiting, not failed. A round's first
// reader cannot be its second; a blind reader's labels close it, and then its name must go
// (the test fails while a pending sub-part is labelled in full, or names no passage).
var secondReaderPending = map[string]bool{}

// TestSecondReader compares labelled.txt with a second reader's labels of the same passages
// (testdata/second-reader.txt, made blind to the first reader and to any tagger): every
// held-out passage must be labelled by both (tune passages added later may wait for one), and the readers must agree, micro F1 per part at least
// floorAgreement. It reports the agreement per theme, taking the first reader as the truth.
func TestSecondReader(t *testing.T) {
	cfg, _, passages := siteLabelled(t)
	first := map[string]labelled{}
	for _, p := range passages {
		first[p.id] = p
	}
	f, err := os.Open(filepath.Join("testdata", "second-reader.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	byPart := map[string]map[string]*counts{"tune": {}, "held-out": {}}
	for _, th := range cfg.Themes {
		for _, m := range byPart {
			m[th.Slug] = &counts{}
		}
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 4 {
			t.Fatalf("second-reader.txt:%d: want id, part, themes and reason separated by tabs", n)
		}
		p, ok := first[fields[0]]
		switch {
		case !ok:
			t.Fatalf("second-reader.txt:%d: %s is not a passage of labelled.txt", n, fields[0])
		case seen[p.id]:
			t.Fatalf("second-reader.txt:%d: %s labelled twice", n, p.id)
		case fields[1] != p.part:
			t.Fatalf("second-reader.txt:%d: %s is %s in labelled.txt, not %s", n, p.id, p.part, fields[1])
		}
		seen[p.id] = true
		second := map[string]bool{}
		for _, th := range strings.Fields(fields[2]) {
			if th == "-" {
				continue
			}
			if cfg.ThemeBySlug(th) == nil {
				t.Fatalf("second-reader.txt:%d: unknown theme %q", n, th)
			}
			second[th] = true
			if p.themes[th] {
				byPart[p.part][th].tp++
			} else {
				byPart[p.part][th].fp++
			}
		}
		for th := range p.themes {
			if !second[th] {
				byPart[p.part][th].fn++
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	unread := 0
	pending, waiting := map[string]int{}, map[string]int{} // pending sub-part → passages, unread ones
	for _, p := range passages {
		if p.part == "held-out" && secondReaderPending[p.subpart] {
			pending[p.subpart]++
		}
		switch {
		case seen[p.id]:
		case p.part == "held-out" && secondReaderPending[p.subpart]:
			waiting[p.subpart]++
		case p.part == "held-out": // the acceptance figures stand on it: both readers, always
			t.Errorf("second-reader.txt has no label for %s", p.id)
		default:
			unread++
		}
	}
	if unread > 0 {
		t.Logf("%d tune passages have no second reader's label yet", unread)
	}
	for name := range secondReaderPending {
		switch {
		case pending[name] == 0:
			t.Errorf("secondReaderPending names %s, which no held-out passage of labelled.txt is of", name)
		case waiting[name] == 0:
			t.Errorf("every passage of held-out sub-part %s has a second reader's label: take it out of secondReaderPending", name)
		default:
			t.Logf("held-out sub-part %s: %d of %d passages wait for a second reader's label", name, waiting[name], pending[name])
		}
	}
	for _, part := range []string{"tune", "held-out"} {
		var sum counts
		var b strings.Builder
		fmt.Fprintf(&b, "%s part: the second reader against the first\n%-18s %6s %6s %6s\n", part, "theme", "labels", "P", "R")
		for _, th := range cfg.Themes {
			c := byPart[part][th.Slug]
			sum.tp, sum.fp, sum.fn = sum.tp+c.tp, sum.fp+c.fp, sum.fn+c.fn
			fmt.Fprintf(&b, "%-18s %6d %6.2f %6.2f\n", th.Slug, c.tp+c.fn, c.precision(), c.recall())
		}
		p, r := sum.precision(), sum.recall()
		f1 := 2 * p * r / (p + r)
		fmt.Fprintf(&b, "%-18s %6d %6.2f %6.2f (F1 %.3f)", "micro", sum.tp+sum.fn, p, r, f1)
		t.Log(b.String())
		if f1 < floorAgreement {
			t.Errorf("%s part: the two readers agree at micro F1 %.3f, want at least %.2f", part, f1, floorAgreement)
		}
	}
}
