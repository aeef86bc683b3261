package taxonomy

import (
	"unicode/utf8"

	"github.com/planportal/planportal/generator/config"
)

// reading is one of a theme's together readings (config.toml): a sentence that holds a phrase
// of each of its groups, and none of the phrases that undo it, puts the passage on the theme.
// It reads what no single phrase says: the actor and its task together (a 卫生院 and the
// checkup of people aged 65 and over: the 基层's basic public health service, judging rule 23).
// The phrases of its first group and those that undo it are in the tagger's phrase index with
// weight read, found in the same pass as the others; rest, the other groups (folded), are looked
// for only in a sentence that holds one of the first group's.
type reading struct {
	theme int
	rest  [][]string
}

// parsedReading is a reading as config.ParseTogether splits it, its phrases folded.
type parsedReading struct {
	groups [][]string
	unless []string
}

// newReadings parses a theme's together readings; config.Load has checked them, so a
// malformed one (never loaded) is skipped.
func newReadings(theme int, together []string) []parsedReading {
	var out []parsedReading
	for _, s := range together {
		groups, unless, ok := config.ParseTogether(s)
		if !ok {
			continue
		}
		r := parsedReading{unless: foldAll(unless)}
		for _, g := range groups {
			r.groups = append(r.groups, foldAll(g))
		}
		out = append(out, r)
	}
	return out
}

func foldAll(phrases []string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = fold(p)
	}
	return out
}

// readHit is a phrase of a reading's first group (group 0) or one that undoes it (group -1),
// found at the bytes [start, end) of the text.
type readHit struct {
	reading, group, start, end int
}

// together puts the passage on each theme one of whose readings a sentence of text holds,
// when its phrases have not already done so; the reason is the reading's first phrase of its
// first group in that sentence. reads are the readings' phrases found, in order of position;
// skip are the spans where a phrase counts nothing: the lists of examples (对辖区老人、
// 儿童…等重点人群…体检: old people as one target group of many), the means and the line
// followed, the asides; scopes are where the themes' not_with phrases reach, which silence a
// reading of their theme as they do its phrases. Each sentence that holds a
// read is bounded once and searched once per phrase of the readings' other groups, so the work
// is linear in the length of text.
//
// sc lends the room for the readings' states.
func (t *Tagger) together(text string, reads []readHit, skip [][]span, scopes []scope, hits []hit, sc *scratch) {
	if len(reads) == 0 {
		return
	}
	var states []readingState // by reading, made at the first sentence that needs it
	touched := sc.touched[:0]
	defer func() { sc.touched = touched[:0] }()
	a, b := 0, -1 // the sentence of the reads so far
	flush := func() {
		for _, r := range touched {
			st, rd := &states[r], t.readings[r]
			if st.found && !st.undone && hits[rd.theme].score < full && !inScope(scopes, rd.theme, st.start) && holdsAll(text, a, b, rd.rest, skip) {
				h := &hits[rd.theme]
				h.score += full
				if h.best < full {
					h.start, h.end, h.best = st.start, st.end, full
				}
			}
			states[r] = readingState{}
		}
		touched = touched[:0]
	}
	for _, rh := range reads {
		if rh.start >= b {
			flush()
			from := max(b, 0)
			a = from
			if k := sentenceEndSet.LastIndex(text[from:rh.start]); k >= 0 {
				_, n := utf8.DecodeRuneInString(text[from+k:])
				a = from + k + n
			}
			b = len(text)
			if k := sentenceEndSet.Index(text[rh.start:]); k >= 0 {
				b = rh.start + k
			}
		}
		if states == nil {
			// Every state is zero: flush clears those it touched.
			if cap(sc.together) < len(t.readings) {
				sc.together = make([]readingState, len(t.readings))
			}
			states = sc.together[:len(t.readings)]
		}
		st := &states[rh.reading]
		if !st.found && !st.undone {
			touched = append(touched, rh.reading)
		}
		if rh.group < 0 {
			st.undone = true
		} else if !st.found {
			st.found, st.start, st.end = true, rh.start, rh.end
		}
	}
	flush()
}

// readingState is what together has found of one reading in the sentence at hand.
type readingState struct {
	found, undone bool
	start, end    int // the first phrase of the first group
}

// holdsAll reports whether text[a:b] holds a phrase of each of groups outside the spans of skip.
func holdsAll(text string, a, b int, groups [][]string, skip [][]span) bool {
	for _, phrases := range groups {
		if !holdsOne(text, a, b, phrases, skip) {
			return false
		}
	}
	return true
}

// holdsOne reports whether text[a:b] holds one of phrases outside the spans of skip.
func holdsOne(text string, a, b int, phrases []string, skip [][]span) bool {
	for _, p := range phrases {
		for i := a; i < b; {
			k := index(text[i:b], p)
			if k < 0 {
				break
			}
			if !inAnySpan(skip, i+k) {
				return true
			}
			i += k + len(p)
		}
	}
	return false
}

// inAnySpan reports whether byte i lies in one of the spans of sets. The means and asides of
// a clause may overlap or come out of order, so each set is walked whole: a passage's spans
// are few, and only a phrase of a reading found in a sentence that holds its first group's is
// looked up.
func inAnySpan(sets [][]span, i int) bool {
	for _, spans := range sets {
		for _, s := range spans {
			if s.start <= i && i < s.end {
				return true
			}
		}
	}
	return false
}
