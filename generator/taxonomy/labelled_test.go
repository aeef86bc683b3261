package taxonomy

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
)

// labelled is one passage of testdata/labelled.txt: its text and the themes a reader gave it.
// subpart names the round its document belongs to when the header marks one (# subpart).
type labelled struct {
	id, part, subpart string
	themes            map[string]bool
	text              string
}

func readLabelled(t testing.TB, known func(string) bool) []labelled {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "labelled.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return parseLabelled(t, f, known)
}

// parseLabelled reads labelled.txt's format from r. A "# subpart <name>" line names the sub-part
// of the "# source" lines that follow it directly (any other line ends the run), and so of the
// passages of those documents.
func parseLabelled(t testing.TB, r io.Reader, known func(string) bool) []labelled {
	t.Helper()
	var out []labelled
	sources := map[string]bool{}    // documents whose address a "# source <doc> <url>" line gives
	subparts := map[string]string{} // document → the sub-part its source line was marked with
	lines := map[string]int{}       // passage id → its line
	subpart := ""                   // the sub-part of the run of source lines being read
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "# subpart "); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				t.Fatalf("labelled.txt:%d: want # subpart and a name", n)
			}
			subpart = f[0]
			continue
		}
		if doc, ok := strings.CutPrefix(line, "# source "); ok {
			if f := strings.Fields(doc); len(f) >= 2 && strings.HasPrefix(f[1], "http") {
				sources[f[0]] = true
				if subpart != "" {
					subparts[f[0]] = subpart
				}
				continue
			}
			t.Fatalf("labelled.txt:%d: want # source, a document name and its address", n)
		}
		subpart = ""
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 4 || (fields[1] != "tune" && fields[1] != "held-out") {
			t.Fatalf("labelled.txt:%d: want id, tune or held-out, themes and text separated by tabs", n)
		}
		if prev, ok := lines[fields[0]]; ok {
			t.Fatalf("labelled.txt:%d: id %s already on line %d", n, fields[0], prev)
		}
		lines[fields[0]] = n
		doc, _, _ := strings.Cut(fields[0], "#")
		if strings.HasPrefix(doc, "web-") && !sources[doc] {
			t.Fatalf("labelled.txt:%d: %s comes from the web and needs a # source line with its address", n, doc)
		}
		l := labelled{id: fields[0], part: fields[1], subpart: subparts[doc], themes: map[string]bool{}, text: fields[3]}
		for _, th := range strings.Fields(fields[2]) {
			if th == "-" {
				continue
			}
			if !known(th) {
				t.Fatalf("labelled.txt:%d: unknown theme %q", n, th)
			}
			l.themes[th] = true
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// siteLabelled returns the site's taxonomy (config.toml), a tagger for it and the labelled
// passages.
func siteLabelled(tb testing.TB) (*config.Config, *Tagger, []labelled) {
	tb.Helper()
	cfg, err := config.Load(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	return cfg, New(cfg.Themes), readLabelled(tb, func(s string) bool { return cfg.ThemeBySlug(s) != nil })
}

// counts are a theme's true positives, false positives and false negatives.
type counts struct{ tp, fp, fn int }

func (c counts) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c counts) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestLabelled's names for the parts' pieces: a part's passages of one # subpart of the header are
// reported as the part's name, subpartSep and the sub-part's name; the held-out passages of no
// sub-part are reported as heldOutRest.
const (
	subpartSep  = " subpart "
	heldOutRest = "held-out, passages of no subpart" // the older pieces
)

// Issue 18 asks, on the held-out part, micro precision and recall of at least goalMicro and
// no theme with at least 10 labels below goalTheme. The tagger does not reach that. The
// held-out part has three pieces (see the fixture's header): rounds 2 and 3, 176 passages
// labelled under judging rules 1-11 (micro precision 0.85, recall 0.83 after the tuning of
// rounds 4-8), and round 9, 135 passages labelled under rules 1-21 (0.91 and 0.75 after round
// 8's tuning, which never saw them); together 311 passages, 0.88 and 0.79, with talent's recall
// 0.50 and health promotion's 0.63 the lowest of the themes with at least 10 labels. With
// each theme's standard vocabulary from real plans (branch i18v, tuned on no held-out
// passage) the whole part reads 0.87 and 0.81, talent's recall 0.56 and primary care's
// precision 0.64 the lowest. Round 11 (branch i18w), 70 passages labelled and committed
// before any tagger ran on them, read 0.78 and 0.82 fresh; with it the part holds 381 passages
// and reads 0.85 and 0.81, primary care's precision 0.62 and public hospitals' recall 0.65 the
// lowest. With the context rules of branch i18y, fitted on a fresh tune round (round 12) and
// checked on the whole tune part, it reads 0.86 and 0.82, primary care's precision 0.65 and
// public hospitals' recall 0.65 the lowest; the rules branch i18z fitted on round 13 (a fresh tune
// round, 0.78 and 0.69 before tuning) leave it there, and so do those branch i18za fitted on round
// 14 (a fresh tune round, 0.73 and 0.80 before tuning; party's recall 0.76 -> 0.79, health
// promotion's 0.71 -> 0.73). Round 15 (branch i18zb), 106 fresh held-out passages labelled and
// committed before any tagger ran on them (# subpart round15), read 0.83 and 0.76, public
// hospitals' recall 0.45; with it the part holds 487 passages and reads 0.85 and 0.81 as
// rounded (the older pieces alone still 0.86 and 0.82), public hospitals' recall 0.57 and
// talent's 0.68 the lowest; the rules and phrases branch i18zd fitted on the tune part alone (its
// errors 199 -> 182) leave it there, elderly's precision 0.79 -> 0.82, party's 0.90 -> 0.88. With
// the phrases and rules branch i18ze fitted on round 16 (a fresh tune round, 0.74 and 0.63 before
// tuning) and kept only where the whole tune part lost nothing, it reads 0.85 and 0.82, public
// hospitals' recall 0.57 -> 0.68, talent's 0.68 -> 0.70, quality's 0.71 -> 0.75, health
// promotion's 0.73 -> 0.75, no theme lower; public hospitals' recall 0.68 and talent's 0.70
// are still the lowest. Those branch i18zh fitted on round 17 (a fresh tune round aimed at the
// precision of primary care, mental health, digital and elderly, 0.75 and 0.75 before tuning,
// 0.87 and 0.79 after) left the held-out part where it was on their own, emergency's precision
// 0.81 -> 0.84. Those branch i18zi fitted on round 18 (a fresh tune round aimed at the recall of
// public hospitals, talent, quality and health promotion, 0.77 and 0.64 before tuning, 0.86 and
// 0.85 after) raise quality's recall 0.75 -> 0.79 and leave every other theme where it was. Those
// branch i18zm fitted on round 21 (a fresh tune round aimed at the precision of primary care, mental
// health, digital, reform, elderly and party, 0.75 and 0.81 before tuning, 0.82 and 0.90 after) raise
// mental health's precision 0.76 -> 0.79 and digital's 0.79/0.86 -> 0.80/0.91, primary care's
// precision staying 0.72. The rule branch i18zv fitted on the tune part after round 28 (a fresh
// tune round, 0.85 and 0.84 before tuning), the topic of the knowledge of preventing a disease,
// leaves every held-out figure where it was; so does the rule branch i18zw fitted on the tune part
// after round 29 (a fresh tune round, 0.83 and 0.76 before tuning), the people a task is for counted
// nothing in every phrase of their name; and so does the rule branch i18zy fitted on the tune part
// after round 30 (a fresh tune round, 0.84 and 0.82 before tuning), the forms a publicity takes
// counted as written (通过…等形式,向群众宣传…); and so does the rule branch i18zz fitted on the tune
// part after round 31 (a fresh tune round, 0.77 and 0.68 before tuning), the fields a report goes
// over before 等方面 counted as work reported (…等方面全面系统地回顾了…工作). The rules branch i18zzk fitted on the tune part after round 34 (health education closing its clause, leaflets as handouts, counts as no task, mental-health knowledge spread as health promotion; its errors 476 -> 458) leave every held-out figure where it was but health promotion's precision, 0.92 -> 0.91. The rules branch i18zzn fitted on the tune part after round 36 (a fresh tune round aimed at primary care's, mental health's and talent's wrong tags, 0.85 and 0.78 before tuning; an institution's heads, 专家 as a title, honours, partners after 联合, 结合 after its actor; its errors 496 -> 488) leave every held-out figure where it was. The floors are set just under the whole part's
// figures, so that a change to config.toml's phrases or to the rules that loses ground fails here, and the goal is
// reported until it is met. (Until branch i18ze the theme floor was 0.56; until round 15 joined
// the held-out part the floors were 0.85, 0.81 and 0.64; until round 9 joined it, 0.83, 0.80 and 0.62: the part grew harder, the tagger did
// not get worse; each piece's figures above are as they were. Before i18v they were 0.86, 0.77
// and 0.48; before round 11, 0.86, 0.79 and 0.54; before i18y, 0.84, 0.79 and 0.60.)
const (
	goalMicro, goalTheme     = 0.9, 0.8
	floorMicroP, floorMicroR = 0.84, 0.80
	floorTheme               = 0.66
)

// TestLabelled measures the tagger with the site's taxonomy (config.toml) against passages a
// reader labelled: precision and recall per theme and micro-averaged, on the part the tagger
// was tuned on and on the held-out part. LABELLED_ERRORS=1 lists the tune part's errors (never
// the held-out part's: it is not to be tuned on). LABELLED_TUNE_ONLY=1 measures the tune part
// alone, for whoever tunes the taxonomy without looking at the held-out part.
func TestLabelled(t *testing.T) {
	cfg, tg, passages := siteLabelled(t)
	if len(passages) < 300 {
		t.Fatalf("%d labelled passages, want at least 300", len(passages))
	}
	// The parts, and their pieces: each sub-part the header marks (a fresh held-out or tune round),
	// and the held-out passages of no sub-part, so that a fresh round reads apart from the older
	// pieces.
	parts := []string{"tune", "held-out"}
	tuneOnly := os.Getenv("LABELLED_TUNE_ONLY") != ""
	if tuneOnly {
		parts = parts[:1]
	}
	groups := func(p labelled) []string {
		switch {
		case p.subpart != "":
			return []string{p.part, p.part + subpartSep + p.subpart}
		case p.part != "held-out":
			return []string{p.part}
		}
		return []string{p.part, heldOutRest}
	}
	byPart := map[string]map[string]*counts{}
	sizes := map[string]int{}
	for _, g := range parts {
		byPart[g] = map[string]*counts{}
		for _, th := range cfg.Themes {
			byPart[g][th.Slug] = &counts{}
		}
	}
	for _, p := range passages {
		if tuneOnly && p.part != "tune" {
			continue
		}
		for _, g := range groups(p) {
			if byPart[g] == nil {
				byPart[g] = map[string]*counts{}
				for _, th := range cfg.Themes {
					byPart[g][th.Slug] = &counts{}
				}
				if g != heldOutRest {
					parts = append(parts, g)
				}
			}
			sizes[g]++
		}
	}
	if len(parts) > 2 && sizes[heldOutRest] > 0 {
		parts = append(parts, heldOutRest)
	}
	var errors []string
	for _, p := range passages {
		if tuneOnly && p.part != "tune" {
			continue
		}
		got := map[string]bool{}
		for _, tag := range tg.MatchTags(p.text) {
			got[tag.Theme] = true
			for _, g := range groups(p) {
				if p.themes[tag.Theme] {
					byPart[g][tag.Theme].tp++
				} else {
					byPart[g][tag.Theme].fp++
				}
			}
			if !p.themes[tag.Theme] && p.part == "tune" {
				errors = append(errors, fmt.Sprintf("%s +%s (%s in %s)", p.id, tag.Theme, tag.Reason.Phrase(p.text), tag.Reason.Sentence(p.text)))
			}
		}
		for th := range p.themes {
			if got[th] {
				continue
			}
			for _, g := range groups(p) {
				byPart[g][th].fn++
			}
			if p.part == "tune" {
				errors = append(errors, fmt.Sprintf("%s -%s", p.id, th))
			}
		}
	}
	if os.Getenv("LABELLED_ERRORS") != "" { // the tune part's errors, for whoever tunes the taxonomy
		sort.Strings(errors)
		t.Logf("tune errors:\n%s", strings.Join(errors, "\n"))
	}
	for _, part := range parts {
		var sum counts
		var b strings.Builder
		name := part
		if part == "tune" || part == "held-out" {
			name += " part"
		}
		fmt.Fprintf(&b, "%s, %d passages\n%-18s %6s %6s %6s\n", name, sizes[part], "theme", "labels", "P", "R")
		for _, th := range cfg.Themes {
			c := byPart[part][th.Slug]
			sum.tp, sum.fp, sum.fn = sum.tp+c.tp, sum.fp+c.fp, sum.fn+c.fn
			fmt.Fprintf(&b, "%-18s %6d %6.2f %6.2f\n", th.Slug, c.tp+c.fn, c.precision(), c.recall())
			if part == "held-out" && c.tp+c.fn >= 10 {
				if c.precision() < floorTheme || c.recall() < floorTheme {
					t.Errorf("held-out %s (%d labels): precision %.2f, recall %.2f; want both at least %.2f", th.Slug, c.tp+c.fn, c.precision(), c.recall(), floorTheme)
				} else if c.precision() < goalTheme || c.recall() < goalTheme {
					t.Logf("held-out %s (%d labels): precision %.2f, recall %.2f; issue 18 asks %.2f", th.Slug, c.tp+c.fn, c.precision(), c.recall(), goalTheme)
				}
			}
		}
		fmt.Fprintf(&b, "%-18s %6d %6.2f %6.2f", "micro", sum.tp+sum.fn, sum.precision(), sum.recall())
		t.Log(b.String())
		if part != "held-out" {
			continue
		}
		if sum.precision() < floorMicroP || sum.recall() < floorMicroR {
			t.Errorf("held-out micro precision %.2f, recall %.2f; want at least %.2f and %.2f", sum.precision(), sum.recall(), floorMicroP, floorMicroR)
		} else if sum.precision() < goalMicro || sum.recall() < goalMicro {
			t.Logf("held-out micro precision %.2f, recall %.2f; issue 18 asks %.2f for both", sum.precision(), sum.recall(), goalMicro)
		}
	}
}

// BenchmarkLabelled tags every labelled passage with the site's taxonomy (config.toml): the
// cost of the real phrases and rules on real plan text, to compare a change to either.
func BenchmarkLabelled(b *testing.B) {
	_, tg, passages := siteLabelled(b)
	var size int64
	for _, p := range passages {
		size += int64(len(p.text))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range passages {
			tg.MatchTags(p.text)
		}
	}
}

// TestParseLabelledSubpart checks that a "# subpart" line marks only the run of source lines
// right after it, and through them their documents' passages.
func TestParseLabelledSubpart(t *testing.T) {
	in := strings.Join([]string{
		"# source web-a http://a.example/1",
		"# subpart round9 held-out, fresh",
		"# source web-b http://b.example/1",
		"# source web-c http://c.example/1",
		"#",
		"# source web-d http://d.example/1",
		"web-a#p1\theld-out\t-\tone",
		"web-b#p1\theld-out\t-\ttwo",
		"web-c#p1\ttune\t-\tthree",
		"web-d#p1\theld-out\t-\tfour",
		"local#p1\theld-out\t-\tfive",
	}, "\n")
	want := map[string]string{"web-a#p1": "", "web-b#p1": "round9", "web-c#p1": "round9", "web-d#p1": "", "local#p1": ""}
	got := map[string]string{}
	for _, p := range parseLabelled(t, strings.NewReader(in), func(string) bool { return true }) {
		got[p.id] = p.subpart
	}
	if len(got) != len(want) {
		t.Fatalf("read %d passages, want %d", len(got), len(want))
	}
	for id, sub := range want {
		if got[id] != sub {
			t.Errorf("%s: sub-part %q, want %q", id, got[id], sub)
		}
	}
}
