// Package taxonomy tags a document's passages (items and paragraphs) with the themes of the
// site's taxonomy, the way a reader would: a theme's phrases found in the text (traditional
// characters read as simplified), weighed (a keyword counts fully, a weak phrase half, a weak
// phrase as the object of a task's verb fully), not counted inside the theme's exclusions
// (another sense of the word, an institution named only as the actor) nor inside a list of
// examples ("中医、口腔、老年等科室"; a list of centres to be built is a list of tasks), a
// statement of principles (坚持…，坚持…) or of the line followed (以…为指导), the means of a
// task or the scope of a document (适用于…), a time reference (…以来), a purpose (为…保驾护航),
// the topic of knowledge of prevention handed out (普及慢性病防治知识),
// the places a visit went to, a commendation, a quoted slogan (“…、…”模式), nor in a sentence
// that holds one of the theme's not_with phrases (安全生产 for emergency); then the themes'
// together readings, a sentence that holds a phrase of each group where no single phrase
// carries the theme (卫生院, 65岁以上 and 体检: the 基层's basic public health service); then the author's
// explicit {themes: +a -b} directives on enclosing sections and on
// the passage itself, which have the last word. Each theme comes
// with its reason: the phrase that carried it and its sentence. It returns values and never
// changes the document; package analysis assembles them per document.
//
// Tagging is linear in the length of the text: phrases are looked up by their first
// character at each position, not searched for one by one.
package taxonomy

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/hanzi"
	"github.com/planportal/planportal/generator/internal/runes"
)

// Weights of phrases, in halves: a passage is on a theme when its phrases add up to full.
const (
	read     = -2 // a phrase of one of the theme's together readings: counted by together
	context  = -1 // a phrase of the theme's not_with: its sentence's phrases of the theme count nothing
	excluded = 0  // an exclusion: covers the text, counts nothing
	weak     = 1
	full     = 2
)

// Tagger tags documents with one taxonomy. It is safe for concurrent use.
type Tagger struct {
	slugs   []string
	aspect  []bool         // by theme: its phrases after another theme's name that theme's aspect
	index   map[string]int // slug → position in slugs
	byFirst map[rune][]phrase
	weakSet map[themeWord]bool // each theme's weak phrases without a wildcard
	trie    *phraseTrie        // byFirst's phrases, to find those at a position; nil: use byFirst
	// readings are the themes' together readings: sentences that put a passage on a theme
	// where no single phrase does.
	readings []reading
	// scratch holds the room match's slices grew to (*scratch), for the next document: a
	// document's passages reuse one scratch, and each document grew its own again.
	scratch sync.Pool
}

// themeWord is one of a theme's phrases.
type themeWord struct {
	theme int
	text  string
}

// weakWord reports whether s is one of the theme's weak phrases.
func (t *Tagger) weakWord(theme int, s string) bool {
	return t.weakSet[themeWord{theme, s}]
}

type phrase struct {
	text   string // folded; with a wildcard, the part before the *
	suffix string // the part after the *, or "" without one
	theme  int
	weight int
	bit    uint64 // a weak phrase's bit in hit.seen
	// reading and group place a phrase of weight read: t.readings[reading], its group (-1: a
	// phrase that undoes the reading)
	reading, group int
}

// Wildcard in a phrase stands for one to maxGap characters (Han, Latin or digits, no
// punctuation): 健康*行动 finds 健康湖北行动 and 健康江苏建设行动.
const (
	Wildcard = "*"
	maxGap   = 4
)

// length is the phrase's length without its gap, to order phrases longest first.
func (k phrase) length() int { return len(k.text) + len(k.suffix) }

// at returns the end of the phrase if it occurs at text[i:], or -1.
func (k *phrase) at(text string, i int) int {
	if !strings.HasPrefix(text[i:], k.text) {
		return -1
	}
	end := i + len(k.text)
	if k.suffix == "" {
		if !wordEdge(text, i, k.text) || counting(k.text, text[end:]) {
			return -1
		}
		return end
	}
	for n := 0; n < maxGap; n++ {
		r, size := utf8.DecodeRuneInString(text[end:])
		if size == 0 || !(unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return -1
		}
		end += size
		if strings.HasPrefix(text[end:], k.suffix) {
			return end + len(k.suffix)
		}
	}
	return -1
}

// New returns a tagger for the taxonomy's themes and their phrases.
func New(themes []config.Theme) *Tagger {
	t := &Tagger{index: map[string]int{}, byFirst: map[rune][]phrase{}, weakSet: map[themeWord]bool{}}
	for i, th := range themes {
		weakBits := map[string]uint64{}
		t.slugs = append(t.slugs, th.Slug)
		t.aspect = append(t.aspect, th.Aspect)
		t.index[th.Slug] = i
		for _, r := range newReadings(i, th.Together) {
			// Only the first group's phrases (the rarest: 体检, 帮扶, a day's name) and those
			// that undo the reading are looked for in the pass; the other groups are looked for
			// in the few sentences that hold one of the first group's.
			for g, phrases := range [][]string{r.unless, r.groups[0]} {
				for _, p := range phrases {
					first, _ := utf8.DecodeRuneInString(p)
					t.byFirst[first] = append(t.byFirst[first], phrase{text: p, theme: i, weight: read, reading: len(t.readings), group: g - 1})
				}
			}
			t.readings = append(t.readings, reading{theme: i, rest: r.groups[1:]})
		}
		for _, list := range []struct {
			phrases []string
			weight  int
		}{{th.Keywords, full}, {th.Weak, weak}, {th.Exclude, excluded}, {th.NotWith, context}} {
			for _, k := range list.phrases {
				k = fold(strings.TrimSpace(k))
				prefix, suffix, _ := strings.Cut(k, Wildcard)
				if prefix == "" {
					continue
				}
				r, _ := utf8.DecodeRuneInString(prefix)
				k := phrase{text: prefix, suffix: suffix, theme: i, weight: list.weight}
				if list.weight == weak {
					k.bit = weakBit(th.Weak, k.text, weakBits)
					if suffix == "" {
						t.weakSet[themeWord{i, prefix}] = true
					}
				}
				t.byFirst[r] = append(t.byFirst[r], k)
			}
		}
	}
	// Longest first, so that at each position the most specific phrase of a theme wins
	// (中医院, an exclusion, over 中医).
	for _, ps := range t.byFirst {
		sort.SliceStable(ps, func(a, b int) bool { return ps[a].length() > ps[b].length() })
	}
	t.trie = newPhraseTrie(t.byFirst)
	return t
}

// fold lower-cases ASCII letters so that DRG matches drg, and folds traditional Han characters
// to simplified ones (package hanzi, the table the search index folds with) so that 兒科 matches
// 儿科 and a plan in traditional characters is tagged as the same plan in simplified ones. A
// character is folded only to one of the same length in bytes, so that offsets in the folded
// text are offsets in the text and a tag's reason quotes the text as written.
//
// Every character hanzi folds is three bytes long in UTF-8 (hanzi.Lo to hanzi.Hi): fold decodes
// only those, by hand, and looks them up in foldable; any other byte it steps over, which
// changes nothing (no character decoded from an earlier byte can hold a byte that begins one).
func fold(s string) string {
	f, _ := foldMask(s, nil)
	return f
}

// foldMask is fold, and the mask of the folded text (charMask), made in the same pass, with the
// bits of the words it holds (words' automaton, stepped at each character fold reads); and
// when st is not nil, it sets st to the stops of the folded text, reusing its room. Those are
// the stops of s: every stop character is ASCII or three bytes long (stopASCII, stopPages), fold
// changes none and makes none, and a pass that steps over a three-byte character's last two
// bytes only meets each stop at its first byte, as stopSet's Index does.
func foldMask(s string, st *stops) (string, charMask) {
	var b []byte // a copy of s, made at the first character that changes
	var m charMask
	var seg charMask // the characters since the last stop, which are not in m yet
	fs := foldable()
	ws := words()
	state := int32(0) // ws's, after the characters read so far
	if st != nil {
		st.at, st.kind, st.masks = st.at[:0], st.kind[:0], st.masks[:0]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				if b == nil {
					b = []byte(s)
				}
				c += 'a' - 'A'
				b[i] = c
			}
			seg.add(rune(c))
			if cl := ws.class(rune(c)); cl == 0 {
				state = 0
			} else if next := ws.next[state*ws.stride+cl]; next < endsWord {
				state = int32(next)
			} else {
				state = int32(next &^ endsWord)
				ws.add(&seg.w, state)
			}
			if k := stopASCII[c]; k != 0 && st != nil {
				st.add(i, k, &seg)
				m.or(&seg)
				seg = charMask{}
			}
			continue
		}
		if c&0xF0 != 0xE0 || i+2 >= len(s) || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
			state = 0 // no word holds a character fold does not read
			continue
		}
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		var k uint8
		if stopPages[r>>14]&(1<<(r>>8&63)) != 0 && r >= 0x800 && st != nil {
			k = stopKind(r)
		}
		if r >= hanzi.Lo && r <= hanzi.Hi && fs[(r-hanzi.Lo)>>6]&(1<<((r-hanzi.Lo)&63)) != 0 {
			if b == nil {
				b = []byte(s)
			}
			r = hanzi.Simplified(r)
			utf8.EncodeRune(b[i:], r)
		}
		seg.add(r)
		// A word is counted in the segment of its last character, which every clause that
		// holds the whole word holds.
		// (ws.step, inlined by hand.)
		if cl := ws.class(r); cl == 0 {
			state = 0
		} else if next := ws.next[state*ws.stride+cl]; next < endsWord {
			state = int32(next)
		} else {
			state = int32(next &^ endsWord)
			ws.add(&seg.w, state)
		}
		if k != 0 {
			st.add(i, k, &seg)
			m.or(&seg)
			seg = charMask{}
		}
		i += 2
	}
	m.or(&seg)
	if st != nil {
		st.tail, st.all = seg, m
	}
	if b == nil {
		return s, m
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), m // b is not written again: no second copy
}

// foldable marks, one bit per character from hanzi.Lo, the characters fold changes: those
// hanzi folds to another character of the same length in bytes. Made once.
var foldable = sync.OnceValue(func() []uint64 {
	bits := make([]uint64, (hanzi.Hi-hanzi.Lo)/64+1)
	for r := rune(hanzi.Lo); r <= hanzi.Hi; r++ {
		if f := hanzi.Simplified(r); f != r && utf8.RuneLen(f) == utf8.RuneLen(r) {
			bits[(r-hanzi.Lo)>>6] |= 1 << ((r - hanzi.Lo) & 63)
		}
	}
	return bits
})

// Match returns the themes of text, in taxonomy order.
func (t *Tagger) Match(text string) []string {
	var out []string
	for _, tg := range t.MatchTags(text) {
		out = append(out, tg.Theme)
	}
	return out
}

// MatchTags returns the themes of text, in taxonomy order, each with its reason: the first of
// its strongest phrases and that phrase's sentence.
func (t *Tagger) MatchTags(text string) []Tag {
	return t.tags(text, t.match(text, make([]hit, len(t.slugs)), &scratch{}))
}

// scratch is the room tagging a passage works in: the spans the context rules find and the
// phrases found, kept from one passage of a document to the next (Tag) so that a passage's
// tagging allocates none of them afresh. Nothing in it outlives the passage it was filled for.
type scratch struct {
	mask                         charMask // the passage's
	stops                        stops    // the passage's
	lists, means, asides, topics []span
	actors                       []span // meansSpans's agents after 由 and institutions checked (placed)
	principles                   []span // meansSpans's clauses of principles in a row
	scopes                       []int  // meansSpans's clauses of a scope
	fs, contexts                 []found
	reads                        []readHit
	notWith                      []scope
	together                     []readingState // together's state, by reading
	touched                      []int          // together's readings touched in a sentence
}

// hit is what the text holds of one theme: the sum of its phrases' weights, the end of the
// last phrase counted (a phrase inside it is not counted again, but for a keyword that runs
// past the end of a weak phrase it overlaps by one of the theme's weak phrases: 加强基层 does
// not hide 基层服务能力, which shares 基层 with it; 应急 hides 急救 in 应急救援), and the reason,
// the bytes [start, end) of its first strongest phrase. directive is the line of an editor's
// directive that gave the theme.
type hit struct {
	score, until     int
	weakUntil        bool   // the phrase that ends at until is a weak one
	seen             uint64 // the weak phrases counted
	start, end, best int
	directive        int
}

func (h hit) on() bool { return h.score >= full || h.directive > 0 }

func (t *Tagger) match(text string, hits []hit, sc *scratch) []hit {
	folded, mask := foldMask(text, &sc.stops)
	sc.mask = mask
	sc.lists = exampleLists(sc.lists[:0], folded, &sc.mask, &sc.stops)
	// A clause that counts what a body disclosed reads as a list of examples (countedClauses).
	if n := len(sc.lists); n > 0 {
		if sc.lists = countedClauses(sc.lists, folded, &sc.mask); len(sc.lists) > n {
			slices.SortFunc(sc.lists, func(a, b span) int { return a.start - b.start })
		}
	} else {
		sc.lists = countedClauses(sc.lists, folded, &sc.mask)
	}
	// A clause that breaks a count of people down by kind reads as a list of examples too.
	if n := len(sc.lists); sc.mask.may(&breakdownMark.m) {
		if sc.lists = breakdowns(sc.lists, folded, &sc.mask); len(sc.lists) > n && n > 0 {
			slices.SortFunc(sc.lists, byStart)
		}
	}
	sc.means = meansSpans(sc, folded)
	sc.asides = asideSpans(sc.asides, folded, &sc.stops)
	sc.topics = sc.topics[:0]
	if knowledgeMark.may(&sc.mask) { // (knowledgeTopics finds none in a passage without 知识)
		sc.topics = knowledgeTopics(sc.topics, folded)
	}
	if n := len(sc.topics); mayAny(&sc.mask, leaflets) {
		if sc.topics = leafletTopics(sc.topics, folded, &sc.mask); len(sc.topics) > n {
			slices.SortFunc(sc.topics, byStart)
		}
	}
	// A visit may have examined an institution's own building (examined): few passages hold
	// both a verb of inspection and a building, and only an institution a building follows
	// closely is asked.
	var buf [8]int
	builds := buf[:0]
	if mayAny(&sc.mask, inspections) && mayAny(&sc.mask, buildingMarks) {
		builds = buildingsAt(builds, folded, &sc.mask)
	}
	lists, means, asides, topics, actors := sc.lists, sc.means, sc.asides, sc.topics, sc.actors
	titledMay := mayAny(&sc.mask, titleMarks) // most passages hold no title: titled is not asked
	fs, contexts, reads := sc.fs[:0], sc.contexts[:0], sc.reads[:0]
	loc := -1 // where the place named after the clause's 在 begins, or -1
	// The next character of placeEndSet, from the stops: asking the set at every character
	// cost more than the rest of this loop's tests together.
	places := stopCursor{st: &sc.stops}
	place := places.index(0, stopPlaceEnd)
	for i := 0; i < len(folded); {
		r, n := han(folded, i)
		if n == 0 {
			r, n = utf8.DecodeRuneInString(folded[i:])
		}
		if place >= 0 && place < i {
			place = places.index(i, stopPlaceEnd)
		}
		switch {
		case i == place:
			loc = -1
		case r == '在' && !strings.ContainsRune("存正现实所", lastRune(folded[:i])):
			loc = i + n
		}
		ps := t.phrasesAt(folded, i, r, n)
		if len(ps) == 0 {
			// Nine positions in ten begin no phrase: the spans are passed over where one does
			// (they only ever move on, so where they stand at i is the same).
			i += n
			continue
		}
		for len(lists) > 0 && lists[0].end <= i {
			lists = lists[1:]
		}
		for len(means) > 0 && means[0].end <= i {
			means = means[1:]
		}
		for len(asides) > 0 && asides[0].end <= i {
			asides = asides[1:]
		}
		inAside := len(asides) > 0 && asides[0].start <= i
		inList := len(lists) > 0 && lists[0].start <= i
		inMeans := len(means) > 0 && means[0].start <= i
		for len(actors) > 0 && actors[0].end <= i {
			actors = actors[1:]
		}
		inActor := len(actors) > 0 && actors[0].start <= i
		for len(topics) > 0 && topics[0].end <= i {
			topics = topics[1:]
		}
		inTopic := len(topics) > 0 && topics[0].start <= i
		for ki := range ps {
			k := &ps[ki] // not a copy of the phrase at each step
			if k.weight == context {
				if k.at(folded, i) >= 0 {
					contexts = append(contexts, found{theme: k.theme, start: i})
				}
				continue
			}
			if k.weight == read {
				// A phrase inside a list of examples counts nothing for a reading either
				// (对辖区老人、儿童…等重点人群…体检: one target group of many), nor one in the
				// means, the line followed, the places visited, a title or an aside, where
				// no single phrase counts either; one that undoes the reading undoes it
				// anywhere in the sentence.
				if end := k.at(folded, i); end >= 0 && (k.group < 0 || !(inList || inMeans || inAside)) {
					reads = append(reads, readHit{reading: k.reading, group: k.group, start: i, end: end})
				}
				continue
			}
			h := &hits[k.theme]
			if i < h.until && !(h.weakUntil && k.weight == full && t.weakWord(k.theme, folded[i:h.until])) {
				continue
			}
			end := k.at(folded, i)
			if end < 0 || end <= h.until {
				continue
			}
			h.until, h.weakUntil = end, k.weight == weak
			w := k.weight
			placed := false
			switch {
			case inList || inMeans:
				w = excluded
			case inTopic && end <= topics[0].end && !t.aspect[k.theme]:
				w = excluded // 宣传慢性病防治知识: the topic of the knowledge handed out (judging rule 22)
			case hasAnyPrefix(folded[end:], awards):
				w = excluded // 医德医风优秀个人: an award named for the phrase, no task (judging rule 27)
			case inAside && w == full && lastRune(folded[:i]) != '、' && meetingNamed(folded[end:]):
				// The meeting a report is about, named for the phrase (…质量控制中心成立大会…召开):
				// its subject (judging rule 11). One of a list of subjects in a general meeting's
				// name (卫生健康工作会议暨中医药、疾控工作会议) stays an aside, as the labelled
				// set reads it.
			case inAside:
				// A title or a meeting's report names its subject once: one weak
				// phrase at most, however many of the theme's phrases it holds.
				if w == weak || h.seen&asideBit != 0 {
					w = excluded
				} else {
					w = weak
					h.seen |= asideBit
				}
				fs = append(fs, found{theme: k.theme, start: i, end: end, weight: w, phrase: k.weight})
				continue
			case (w == weak || names(folded[i:end], folded[end:]) && listedCount(folded[:i])) && census(folded[end:]):
				w = excluded // 其中三级医院32所: a count of institutions, no task on them
			case w == weak && utf8.RuneCountInString(k.text) >= minObject && objectOf(folded[:i]):
				w = full // the object of the task's verb is its subject
			case len(builds) > 0 && w != excluded && nearBuilding(builds, end) && (names(folded[i:end], folded[end:]) || institution(folded[i:end], folded[end:])) && examined(folded, i, end):
				w = full // the institution whose own building a visit examined (judging rule 28)
			case h.seen&k.bit != 0:
				w = excluded // a weak phrase counts once
			case titledMay && titled(folded[end:]):
				w = excluded // 精神卫生专家李天龙授课: a person's title names the field, no task
			case hasAnySuffix(folded[:i], partnerVerbs):
				w = excluded // 村两委干部联合村医,对…逐一入户排查: a partner in the task, its actor (judging rule 3)
			case (names(folded[i:end], folded[end:]) || strings.HasSuffix(folded[i:end], "中心")) && actsOn(folded[end:]):
				w = excluded // an institution doing a task (…中心卫生院结合…组织…): its actor
			case w > weak && (inActor || located(folded, loc, i, end) || hosts(folded[i:end], folded[end:])):
				placed = true
			case w > weak && (institution(folded[i:end], folded[end:]) || spirit(folded[end:])):
				w = weak
			}
			h.seen |= k.bit
			fs = append(fs, found{theme: k.theme, start: i, end: end, weight: w, phrase: k.weight, placed: placed, listed: inList})
		}
		i += n
	}
	sc.fs, sc.contexts, sc.reads = fs, contexts, reads
	t.inContext(folded, fs)
	unplace(folded, fs)
	scopes := notWith(sc.notWith[:0], folded, fs, contexts)
	sc.notWith = scopes
	for _, f := range fs {
		h := &hits[f.theme]
		h.score += f.weight
		if f.weight > h.best {
			h.start, h.end, h.best = f.start, f.end, f.weight
		}
	}
	t.together(folded, reads, [][]span{sc.lists, sc.means, sc.asides}, scopes, hits, sc)
	return hits
}

// phrasesAt returns the phrases that may begin at text[i:], whose first character r is n
// bytes long, longest first: the trie's, or all those of r. The list is not to be changed.
func (t *Tagger) phrasesAt(text string, i int, r rune, n int) []phrase {
	if t.trie == nil {
		return t.byFirst[r]
	}
	return t.trie.at(text, i, r, n)
}

// found is one phrase found in a text: its theme, its bytes [start, end), the weight it
// counts and the weight of its kind (keyword, weak phrase or exclusion).
type found struct {
	theme, start, end int
	weight, phrase    int
	placed            bool // an institution named after 在 (located)
	listed            bool // inside a list of examples (exampleLists)
}

// scope is the bytes [start, end) of text a theme's not_with phrase reaches over.
type scope struct{ theme, start, end int }

// inScope reports whether byte i lies in a scope of theme.
func inScope(ss []scope, theme, i int) bool {
	for _, s := range ss {
		if s.theme == theme && s.start <= i && i < s.end {
			return true
		}
	}
	return false
}

// notWith drops the phrases of a theme found where one of the theme's not_with phrases
// (contexts) sets the scene: there the theme's words serve another theme's work
// (安全生产…应急演练 is safety only, judging rule 5). A context reaches over its own clause
// (开展安全生产培训和应急演练), and over its whole sentence only when that clause frames the
// sentence (围绕全市安全生产工作重点，…开展应急演练), and over the next clause when that one goes on
// with the same task (制定网络安全应急预案,并定期进行应急预案演练); a context that is one task of a list
// (抓好安全生产和消防安全等工作,…做好医疗应急救援准备) leaves the other clauses' tasks alone.
// found and contexts are in order of position; a context inside a span already bounded adds no
// search, and found is walked once against the spans, so the work is linear in the length of
// text.
// It returns the scopes, for the themes' together readings, which they silence too.
// The scopes are appended to ss, which may hold room from an earlier passage.
func notWith(ss []scope, text string, found, contexts []found) []scope {
	if len(contexts) == 0 {
		return ss
	}
	for _, c := range contexts {
		if n := len(ss); n > 0 && c.start < ss[n-1].end {
			if ss[n-1].theme != c.theme {
				ss = append(ss, scope{c.theme, ss[n-1].start, ss[n-1].end})
			}
			continue
		}
		start, end := boundsAt(text, c.start, clauseEnds)
		if framing(text[start:c.start]) {
			start, end = boundsAt(text, c.start, sentenceEnds)
		} else if next, ok := continued(text, end); ok {
			_, end = boundsAt(text, next, clauseEnds)
		}
		ss = append(ss, scope{c.theme, start, end})
	}
	j := 0
	for i := range found {
		f := &found[i]
		for j < len(ss) && ss[j].end <= f.start {
			j++
		}
		for k := j; k < len(ss) && ss[k].start <= f.start; k++ {
			if ss[k].theme == f.theme && f.start < ss[k].end {
				f.weight = excluded
				break
			}
		}
	}
	return ss
}

// boundsAt returns the bytes [start, end) of the run of text around byte i that none of ends
// breaks.
func boundsAt(text string, i int, ends string) (int, int) {
	start := 0
	if k := strings.LastIndexAny(text[:i], ends); k >= 0 {
		_, n := utf8.DecodeRuneInString(text[k:])
		start = k + n
	}
	end := len(text)
	if k := strings.IndexAny(text[i:], ends); k >= 0 {
		end = i + k
	}
	return start, end
}

// continued reports whether the clause after the clause end at byte end goes on with the same
// task (…制定网络安全应急预案,并定期进行应急预案演练: 并 joins a second step of it), and where
// that clause begins.
func continued(text string, end int) (int, bool) {
	for _, comma := range []string{",", "，"} {
		if strings.HasPrefix(text[end:], comma) {
			next := end + len(comma)
			return next, strings.HasPrefix(text[next:], "并")
		}
	}
	return 0, false
}

// sceneFrames open a clause that sets the scene of the sentence after it (围绕…重点，…).
var sceneFrames = []string{"围绕", "结合", "针对", "聚焦", "按照", "根据", "在"}

// framing reports whether a clause that begins with head (up to a context phrase) frames its
// sentence.
func framing(head string) bool {
	head = strings.TrimLeftFunc(head, unicode.IsSpace)
	for _, f := range sceneFrames {
		if strings.HasPrefix(head, f) {
			return true
		}
	}
	return false
}

// unplace drops each institution named after 在 as a place (located) when its clause goes on
// to a phrase of another theme, the task done there (在社区卫生服务中心开展安宁疗护服务): it
// counts nothing. Without one, the place is the point (让群众在乡镇卫生院享受到专家的服务).
// A place that closes its clause (在乡镇卫生院,检查人员针对…消防安全隐患…) is the setting of the
// next clause, which is searched instead (settingClause).
// Only the next maxPlace bytes of a clause are searched for its end, so tagging stays linear.
func unplace(text string, found []found) {
	for i := range found {
		f := &found[i]
		if !f.placed {
			continue
		}
		end := min(f.end+maxPlace, len(text))
		if j := strings.IndexAny(text[f.end:end], placeEnds); j >= 0 {
			end = f.end + j
		}
		if settingClause(text, f.end, end) {
			// 在乡镇卫生院,检查人员…: a place that ends its clause is the setting of the next one.
			next := end + len(",")
			if r, n := utf8.DecodeRuneInString(text[end:]); r == '，' {
				next = end + n
			}
			end = min(next+maxPlace, len(text))
			if j := strings.IndexAny(text[next:end], placeEnds); j >= 0 {
				end = next + j
			}
		}
		for _, g := range found[i+1:] {
			if g.start >= end {
				break
			}
			if g.theme != f.theme && g.weight > excluded {
				f.weight = excluded
				break
			}
		}
	}
}

// settingClause reports whether the place named in text ending at byte at closes its clause,
// whose end is at byte end (perhaps after 中心, 里 or 内): a comma follows (在乡镇卫生院,…), and
// the clause after it says what was done there.
func settingClause(text string, at, end int) bool {
	if r, _ := utf8.DecodeRuneInString(text[end:]); r != ',' && r != '，' {
		return false
	}
	rest := strings.TrimPrefix(text[at:end], "中心")
	return rest == "" || rest == "里" || rest == "内"
}

// inContext weighs each phrase against the phrase of another theme right before it (at most
// maxJoin characters between them, no punctuation), the way a reader reads a noun phrase:
//   - an institution followed by another theme's phrase is where that happens, not the
//     subject (乡镇卫生院卒中防控站, 社区卫生服务中心中医馆): the institution counts nothing;
//     so is an institution that begins a list of institutions right before that phrase
//     (社区卫生服务中心以及爱民站中医药服务);
//   - an aspect theme's phrase (config.toml aspect = true) after another theme's phrase is that
//     theme's aspect (中医健康教育基地): it counts nothing, unless a conjunction joins the
//     two (疾病预防控制暨爱国卫生: two subjects, coordinated).
//   - a phrase that names people (老年人群, ending in one of audienceEnds) right before another
//     theme's keyword names those the task is for (老年人群疫苗接种): the people count nothing,
//     and nor do the phrases of their theme that begin their name (儿童 in 儿童青少年心理健康).
//   - a weak phrase counted in full as the object of a task's verb (objectOf) that goes on into
//     another theme's keyword qualifies it (加强公共卫生人才队伍建设): the keyword is the object,
//     and the weak phrase counts as weak again.
func (t *Tagger) inContext(text string, found []found) {
	last := -1 // the last phrase counted, or an exclusion
	for i := range found {
		f := &found[i]
		if last >= 0 {
			a := &found[last]
			if a.theme != f.theme && a.end <= f.start {
				gap := text[a.end:f.start]
				switch {
				case a.phrase != excluded && !f.listed && (joined(gap) || institutionList(gap)) && institutionSetting(text[a.start:f.start]):
					a.weight = excluded
				case a.phrase != excluded && joined(gap) && !coordinated(gap) && t.aspect[f.theme] && !audience(text[a.start:f.start]) && !handedOut(text[f.start:f.end]) && !taught(text[f.start:f.end], text[f.end:]):
					f.weight = excluded
				case a.phrase != excluded && f.phrase == full && joined(gap) && hasAnySuffix(text[a.start:f.start], audienceEnds):
					a.weight = excluded // the people a task is for (老年人群疫苗接种): its audience
					audiencePhrase(text, found[:last], a)
				case a.phrase == weak && a.weight == full && f.phrase == full && !f.listed && joined(gap):
					a.weight = weak // the verb's object is the phrase after it (加强公共卫生人才队伍建设)
				}
			}
			if a.theme != f.theme && a.phrase == weak && a.weight == full && f.phrase == full && f.start < a.end && f.end > a.end {
				a.weight = weak // the same, the phrases overlapping (公共卫生人才: 卫生人才)
			}
		}
		if last < 0 || f.start >= found[last].end {
			last = i
		}
	}
}

// audiencePhrase drops the phrases of a's theme that begin the people a names, right before it
// (儿童 in 儿童青少年心理健康: the people are 儿童青少年, all of them the task's audience).
func audiencePhrase(text string, before []found, a *found) {
	start := a.start
	for j := len(before) - 1; j >= 0; j-- {
		b := &before[j]
		if b.end > start {
			continue
		}
		if b.theme != a.theme || b.end != start {
			return
		}
		b.weight = excluded
		start = b.start
	}
}

// handouts are what health promotion hands people: knowledge (健康知识, 防病知识) and printed
// advice (健康教育处方, 健康手册).
var handouts = []string{"知识", "处方", "手册", "册子", "宣传册", "折页", "彩页", "宣传单", "资料"}

// handedOut reports whether an aspect theme's phrase names one of handouts: knowledge of
// another theme's subject spread to people (老年健康知识宣传, 慢病健康教育处方) is health
// promotion besides that theme (the fixture's rounds 10, 12 and 15), not its aspect.
func handedOut(phrase string) bool { return hasAnyPart(phrase, handouts) }

// teachings name health education given to people (健康教育, 健康宣教, 科普宣传, 宣传教育).
var teachings = []string{"教育", "宣教", "科普", "讲座", "讲堂"}

// taught reports whether an aspect theme's phrase, followed by rest, names health education
// that closes its clause (开展妇幼保健健康教育。, 多样化开展中医药科普宣传。): the education is the
// task, set on another theme's subject, and gives health promotion besides that theme (the
// fixture's paragraph 20); one that goes on to a noun (中医健康教育基地) stays that theme's aspect.
func taught(phrase, rest string) bool {
	return hasAnyPart(phrase, teachings) && closesClause(rest)
}

// audienceEnds end a phrase that names people (老年人, 孕产妇人群, 重点人群, 青少年, 学生): an
// aspect theme's phrase after it, or after a 的, is what is done for them, not an aspect of
// their theme (提高老年人的健康素养, 重点人群健康教育, 青少年健康教育: health promotion, judging
// rule 4).
var audienceEnds = []string{"人", "人群", "群体", "群众", "居民", "患者", "家庭", "少年", "学生"}

// audience reports whether s, a phrase and the gap after it, names the people a following
// aspect phrase is for: it ends in one of audienceEnds, or the gap holds 的.
func audience(s string) bool {
	return hasAnySuffix(s, audienceEnds) || contains(s, "的")
}

// conjunctions join two things of a row (疾病预防控制暨爱国卫生工作会议, 疾病预防控制和爱国卫生
// 工作): the phrase after one is a second subject, not an aspect of the first.
var conjunctions = []string{"和", "与", "及", "暨", "以及"}

// coordinated reports whether gap, the text between two phrases, is one of conjunctions.
func coordinated(gap string) bool { return slices.Contains(conjunctions, gap) }

// maxJoin is how many characters may stand between a phrase and the phrase it qualifies
// (妇幼保健健康教育, 中医药数字化综合监管, 中医、中药等质控).
const maxJoin = 2

// joined reports whether gap, the text between two phrases, keeps them in one noun phrase: at
// most maxJoin characters, none of them punctuation, 等 allowed.
func joined(gap string) bool {
	n := 0
	for _, r := range gap {
		if !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
		if n++; n > maxJoin {
			return false
		}
	}
	return true
}

// maxInstitutions is how many characters a list of institutions between an institution and
// another theme's phrase may hold (社区卫生服务中心以及爱民站中医药服务).
const maxInstitutions = 12

// institutionList reports whether gap, the text between a phrase and another theme's phrase,
// continues a list of institutions: the rest of the first one's name (中心), then 、, 和, 及
// or 与 and more names, no other punctuation, at most maxInstitutions characters.
// institutionSetting then checks that the list ends in an institution.
func institutionList(gap string) bool {
	// A character is at most four bytes long: a longer gap holds too many, and is not counted.
	if len(gap) > utf8.UTFMax*maxInstitutions || utf8.RuneCountInString(gap) > maxInstitutions {
		return false
	}
	for _, r := range gap {
		if r != '、' && !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	gap = strings.Replace(gap, "以及", "及", 1)
	i := strings.IndexAny(gap, "、和及与")
	return i >= 0 && (i == 0 || institutionSetting(gap[:i]))
}

// institutionSetting reports whether s, a phrase and what follows it up to the next phrase,
// names an institution: it ends in 院, 中心, 室, 站 or 所.
func institutionSetting(s string) bool {
	for _, suffix := range []string{"院", "中心", "室", "站", "所"} {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

// wordEdge keeps a Latin keyword (AI, DRG) from matching inside a longer word (DRAIN).
func wordEdge(text string, i int, k string) bool {
	isWord := func(r rune) bool { return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	first, _ := utf8.DecodeRuneInString(k)
	last, _ := utf8.DecodeLastRuneInString(k)
	if isWord(first) {
		if before, _ := utf8.DecodeLastRuneInString(text[:i]); isWord(before) {
			return false
		}
	}
	if isWord(last) {
		if after, _ := utf8.DecodeRuneInString(text[i+len(k):]); isWord(after) {
			return false
		}
	}
	return true
}

// countUnits are the measure words and units after a number that counts things (120人, 120家,
// 120万元).
const countUnits = "人个名家户位对万千亿元次余多所张台辆床岁年月日天项种条例份%％"

// counting reports whether a keyword made of digits (120, the emergency line) is followed, in
// rest, by a unit, so that it is a number counting things there (筛查出高风险人群120人), a word in
// another sense (judging rule 5).
func counting(k, rest string) bool {
	if k == "" || k[0] < '0' || k[0] > '9' || strings.Trim(k, "0123456789") != "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return r != utf8.RuneError && strings.ContainsRune(countUnits, r)
}

// countOpenings may stand right before an institution counted in a census (其中乡镇卫生院20个,
// 全县有村卫生室94个); a verb there makes the count a task's target (新建乡镇卫生院3所).
var countOpenings = []string{"其中", "有", "共有", "共", "包括", "、", "，", ",", "；", ";", "：", ":"}

// listedCount reports whether before, the text before an institution's name, ends with one of
// countOpenings or at the passage's start: the name begins an item of a census, not a verb's
// object.
func listedCount(before string) bool {
	return before == "" || hasAnySuffix(before, countOpenings)
}

// census reports whether rest, the text after a phrase, counts the institutions it names in
// Arabic numerals (三级医院32所, 二级医院18家): a census of those checked or built, which sets no
// task on them (judging rule 1). A weak phrase so counted counts nothing; so does a keyword that
// names an institution and begins an item of the census (listedCount: 其中…,乡镇卫生院20个).
func census(rest string) bool {
	n := strings.TrimLeft(rest, "0123456789")
	if len(n) == len(rest) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(n)
	return strings.ContainsRune("所家个", r)
}

// tags lists the themes hit, in taxonomy order, with their reasons in text.
func (t *Tagger) tags(text string, hits []hit) []Tag {
	// The list is kept to the end of a build: made at its length, not grown by append
	// (which left room for up to twice as many).
	n := 0
	for _, h := range hits {
		if h.directive > 0 || h.score >= full {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Tag, 0, n)
	for i, h := range hits {
		switch {
		case h.directive > 0:
			out = append(out, Tag{Theme: t.slugs[i], Reason: Reason{Directive: int32(h.directive)}})
		case h.score >= full:
			out = append(out, Tag{Theme: t.slugs[i], Reason: reasonAt(text, h.start, h.end)})
		}
	}
	return out
}

// apply adds and removes a directive's themes. A theme the text gave keeps its phrase as its
// reason when a directive adds it again.
func (t *Tagger) apply(hits []hit, d *content.ThemeDirective) {
	if d == nil {
		return
	}
	for _, s := range d.Add {
		if i, ok := t.index[s]; ok && !hits[i].on() {
			hits[i] = hit{directive: max(d.Line, 1)}
		}
	}
	for _, s := range d.Remove {
		if i, ok := t.index[s]; ok {
			hits[i] = hit{}
		}
	}
}

// Weights counts, for each theme of a document, the passages carrying it.
type Weights map[string]int

// Tags are the themes Tag found in one document.
type Tags struct {
	// Passages maps each passage's anchor to its themes, in taxonomy order, each with its
	// reason; a passage on no theme has none.
	Passages map[string][]Tag
	// Weights counts the passages carrying each theme.
	Weights Weights
	// Count is the number of passages.
	Count int
}

// Tag returns the themes of every passage of d: its text's themes, then the directives of
// its enclosing sections, outermost first, then its own directive. d is not changed.
func (t *Tagger) Tag(d *content.Document) Tags {
	tags := Tags{Passages: map[string][]Tag{}, Weights: Weights{}}
	hits := make([]hit, len(t.slugs))
	sc, _ := t.scratch.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer t.scratch.Put(sc)
	d.Passages(func(p content.Passage) {
		tags.Count++
		clear(hits)
		text := p.Text()
		t.match(text, hits, sc)
		for _, s := range p.Sections {
			t.apply(hits, s.Directive)
		}
		t.apply(hits, p.Directive())
		themes := t.tags(text, hits)
		if len(themes) > 0 {
			tags.Passages[p.Anchor()] = themes
		}
		for _, tg := range themes {
			tags.Weights[tg.Theme]++
		}
	})
	return tags
}

// institution reports whether a phrase followed by rest names an institution (中医医院,
// 儿童医院, 妇幼保健院, 中西医结合医院, 妇女儿童医院), a research base (肿瘤研究基地, …研究所) or an
// office (中医药管理部门): a passage names one mostly as the actor of a task, so it counts as a
// weak phrase. A phrase that is itself an institution (区域医疗中心) is a keyword as written.
func institution(phrase, rest string) bool {
	if office(rest) {
		return true
	}
	if strings.HasSuffix(phrase, "院") || strings.HasSuffix(phrase, "中心") {
		return false
	}
	if strings.HasSuffix(phrase, "卫生") && strings.HasPrefix(rest, "中心") {
		return true // 精神卫生中心, 妇幼卫生中心: an institution, as 中医医院 is
	}
	return hasAnyPrefix(rest, []string{"医院", "院", "专科医院", "结合医院", "儿童医院", "研究基地", "研究所"}) || department(rest) || association(rest)
}

// maxAssociation is how many characters may stand between a phrase and the 协会 or 学会 whose
// name it begins or holds (中国老年保健协会, 中国健康促进与教育协会).
const maxAssociation = 4

// association reports whether rest, the text after a phrase, finishes the name of an
// association (…保健协会, …与教育协会, …医学会): a passage names one mostly as an organiser, a
// co-organiser or the body visited (judging rule 3), so its field counts as a weak phrase.
func association(rest string) bool {
	n := 0 // the characters before rest[i:], counted as they are passed (RuneCountInString(rest[:i]))
	for i, r := range rest {
		if strings.HasPrefix(rest[i:], "协会") || strings.HasPrefix(rest[i:], "学会") {
			return true
		}
		if n >= maxAssociation || !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return false
}

// officeLinks may stand between a field and the office named for it: 平安建设办, 传染病防治领导
// 小组, 疫情防控办公室.
var officeLinks = []string{"建设", "防治", "防控"}

// officeHeads follow a phrase in the name of an office, a working group or the person in
// charge of a field (中医药管理部门, 疾控主管部门, 医联体办公室, 清廉医院建设工作小组组长,
// 信息化工作分管领导): a passage names one as the actor of a task, one of those a notice is
// addressed to or among those who attended, not as its subject (judging rule 3).
var officeHeads = []string{"管理部门", "主管部门", "行政部门", "办公室", "工作小组", "领导小组", "工作领导小组", "专班", "工作专班", "分管领导", "工作分管领导", "负责同志", "负责人", "工作负责人"}

// office reports whether rest, the text after a phrase, makes the phrase the field of an office
// or of its head (see officeHeads), 建设 perhaps between them; 办 alone is an office
// (平安建设办协助…) unless a verb's object follows it (办好, 办实事). A group that does the
// theme's work (质控小组) is not one.
func office(rest string) bool {
	for _, link := range officeLinks {
		if r, ok := strings.CutPrefix(rest, link); ok {
			rest = r
			break
		}
	}
	if r, ok := strings.CutPrefix(rest, "办"); ok && !strings.HasPrefix(r, "公室") {
		next, _ := utf8.DecodeRuneInString(r)
		return next != utf8.RuneError && !strings.ContainsRune("好理事实法成得", next)
	}
	return hasAnyPrefix(rest, officeHeads)
}

// staffTitles follow a department's name in a person's title (康复中医科副护士长, 肿瘤科主任).
var staffTitles = []string{"主任", "副主任", "护士长", "副护士长", "医生", "医师", "专家", "护士"}

// department reports whether rest, the text after a phrase, makes it a department or a centre
// named in a person's title (中医科副护士长, 出生缺陷研究中心副主任) or a discipline (肿瘤学科): the
// person's or the discipline's, not a task on the phrase's subject.
func department(rest string) bool {
	if r, ok := strings.CutPrefix(rest, "科"); ok {
		return hasAnyPrefix(r, staffTitles)
	}
	for _, centre := range []string{"研究中心", "防治中心", "中心"} {
		if r, ok := strings.CutPrefix(rest, centre); ok {
			return hasAnyPrefix(r, []string{"主任", "副主任"}) // 出生缺陷研究中心副主任: a title
		}
	}
	return strings.HasPrefix(rest, "学科")
}

// placeEnds end a place named after 在: clauseEnds but for brackets, which may hold another
// name of the place (社区卫生服务中心(乡镇卫生院)).
const placeEnds = "，。；：！？,;:\n"

var placeEndSet = runes.NewSet(placeEnds)

// maxPlace is how many bytes (twenty characters) may stand between 在 and an institution it
// names as the place of a task: a bound keeps tagging linear.
const maxPlace = 60

// located reports whether the phrase text[i:end] names an institution (社区卫生服务中心,
// 乡镇卫生院) that the clause names after 在, with no task verb between, as the place where a
// task about something else is done (在有条件的社区卫生服务中心和乡镇卫生院设立安宁疗护病床):
// like an actor (rule 3) or a setting (rule 5), it counts nothing (unplace). After a verb it is
// the task's object (在辖区建设社区卫生服务中心) and counts in full.
func located(text string, loc, i, end int) bool {
	if loc < 0 || i-loc > maxPlace || !names(text[i:end], text[end:]) {
		return false
	}
	between := text[loc:i]
	return meansEnd(between) == len(between) // no task verb between
}

// hostVerbs set something up in the institution before them (乡镇卫生院创建艾滋病检测点): what is
// set up there is the task, the institution its place.
var hostVerbs = []string{"建成", "创建", "设立", "开设", "设置"}

// hostAdverbs may stand between an institution and a hostVerb (全部建成, 均设立).
var hostAdverbs = []string{"全部", "均", "都", "普遍", "已"}

// maxAside is how many bytes a bracket after an institution's name may hold (another name of it:
// 乡镇卫生院(社区卫生服务中心)): a bound keeps tagging linear.
const maxAside = 40

// hosts reports whether the phrase, followed by rest, names an institution in which one of
// hostVerbs sets something up (乡镇卫生院(社区卫生服务中心)全部建成标准化中医综合服务区): like a
// place named after 在 (located), it is where a task about something else is done when its
// clause goes on to another theme's phrase (judging rule 5), and the point otherwise
// (unplace).
func hosts(phrase, rest string) bool {
	if !names(phrase, rest) {
		return false
	}
	rest = strings.TrimPrefix(rest, "中心")
	for _, open := range []struct{ open, close string }{{"(", ")"}, {"（", "）"}} {
		if strings.HasPrefix(rest, open.open) {
			if k := index(rest[:min(len(rest), maxAside)], open.close); k > 0 {
				rest = rest[k+len(open.close):]
			}
			break
		}
	}
	for _, a := range hostAdverbs {
		if strings.HasPrefix(rest, a) {
			rest = rest[len(a):]
			break
		}
	}
	return hasAnyPrefix(rest, hostVerbs)
}

// institutionEnds end the name of an institution (乡镇卫生院, 村卫生室, 急救站).
var institutionEnds = []string{"院", "室", "站"}

// names reports whether a phrase followed by rest names an institution: the phrase ends in
// 院, 室 or 站 (乡镇卫生院, 村卫生室), or 中心 follows it (社区卫生服务中心).
func names(phrase, rest string) bool {
	return hasAnySuffix(phrase, institutionEnds) || strings.HasPrefix(rest, "中心")
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// awards follow a phrase in the name of a commendation (医德医风优秀集体, …先进个人): the awards
// read out at a meeting name the phrase's field as what was praised, not as a task (judging
// rule 27: results and commendations read out give none); so does an honour named for it (授予…
// “最美乡村医生”荣誉称号, round 36).
var awards = []string{"优秀集体", "优秀个人", "先进集体", "先进个人", "优秀工作者", "先进工作者", "荣誉称号", "”荣誉称号", "\"荣誉称号", "称号", "”称号", "\"称号"}

// asideBit marks in hit.seen that a phrase of the theme counted inside an aside (asideSpans).
const asideBit = 1 << 63

// titles end a person's title (市儿童医院副院长, 国家中医药管理局医政司司长, 带教护士, 精神卫生专家:
// round 36).
var titles = []string{"副院长", "院长", "司长", "局长", "书记", "负责人", "护士长", "护士", "主任医师", "主任", "处长", "科长", "所长", "会长", "专家"}

// titleMarks are titles with their masks, to rule out a passage that holds none.
var titleMarks = newWords(titles)

// titleFirst reports whether r is the first character of one of titles: titled compares titles
// only where one stands (a switch: it is asked for nearly every phrase found).
func titleFirst(r rune) bool {
	switch r {
	case '副', '院', '司', '局', '书', '负', '护', '主', '处', '科', '所', '会', '专':
		return true
	}
	return false
}

// nameEnds may follow the name after a title: what the person does (讲话, 授课, 介绍) or a
// preposition or a stop.
var nameEnds = []string{"讲话", "表示", "指出", "介绍", "主持", "出席", "授课", "作", "在", "就", "带队", "一行", "同志", "分别", "从", "向", "强调", "，", ",", "、", "。"}

// maxTitled is how many characters may stand between a phrase and the title it begins.
const maxTitled = 6

// titled reports whether rest, the text after a phrase, goes on to a title and a name of two
// or three characters (…医院副院长武海滨从…, 带教护士徐琦琦在…): the phrase names the person's
// field or employer, who speaks or acts; it sets no task on the field (judging rules 3 and
// 11). A meeting's name after the title (院长论坛) is no name.
func titled(rest string) bool {
	for i, n := 0, 0; n <= maxTitled; n++ {
		r, size := han(rest, i)
		if size == 0 || r < minHan {
			return false
		}
		if titleFirst(r) {
			for _, t := range titles {
				// 专家 ends a title only right after the field it names (精神卫生专家李某): further on it
				// is mostly a noun of its own (在乡镇卫生院享受到县级专家的服务).
				if t == "专家" && i > 0 {
					continue
				}
				if after, ok := strings.CutPrefix(rest[i:], t); ok && !hasAnyPrefix(after, meetingWords) && named(after) {
					return true
				}
			}
		}
		i += size
	}
	return false
}

// minHan is the first of the CJK unified ideographs: a three-byte character below it (、, 。,
// ，'s kin) is punctuation or another script, and ends a name.
const minHan = 0x4E00

// named reports whether s begins with a name of two or three Han characters followed by one of
// nameEnds.
func named(s string) bool {
	for k := 0; k < 3; k++ {
		c, size := han(s, 0)
		if size == 0 || c < minHan {
			return false
		}
		s = s[size:]
		if k >= 1 && hasAnyPrefix(s, nameEnds) {
			return true
		}
	}
	return false
}

// partnerVerbs come right before a partner a task is done with (联合村医, 会同县疾控中心, 携手市中医院):
// the partner acts in the task, it is not the task's subject (judging rule 3).
var partnerVerbs = []string{"联合", "会同", "携手"}

// actorVerbs follow an institution that does a task (镇中心卫生院组织党员…, 社区卫生服务中心联合…):
// the institution is the actor, not the task's subject (judging rule 3).
var actorVerbs = []string{"结合", "组织", "联合", "携手", "召开", "举办", "举行", "派出", "积极", "主动", "充分利用"}

// actsOn reports whether rest, the text after an institution's name (perhaps 中心 first),
// begins with one of actorVerbs, perhaps after the theme or occasion the institution gives its
// task (镇卫生院以“弘扬雷锋精神,践行医者担当”为主题,组织…): the frame names what the task is
// done in the name of, the verb after it that the institution acts.
func actsOn(rest string) bool {
	rest = strings.TrimPrefix(rest, "中心")
	rest = skipInstitutions(rest)
	// 组织全市各乡镇卫生院和民营医院的主要负责人,在…开展安全生产消防培训: the institutions' heads
	// are the people a task organises or who attend it, not a task on the institutions.
	if hasAnyPrefix(strings.TrimPrefix(rest, "的"), heads) {
		return true
	}
	for _, s := range staff {
		if r, ok := strings.CutPrefix(rest, s); ok {
			return hasAnyPrefix(r, staffVerbs) || hasAnyPrefix(r, actorVerbs)
		}
	}
	return hasAnyPrefix(skipTheme(rest), actorVerbs)
}

// skipInstitutions returns rest after the other institutions a list goes on to (乡镇卫生院和村卫生室
// 通过…, 各乡镇卫生院及城镇居民卫生服务中心充分利用…): 和, 及, 与, 以及 or 、 and names ending in 院,
// 中心, 室 or 站, at most maxInstitutions characters in all; or rest itself when it goes on to none.
// The list's institutions act together: the verb after the last is the first one's too.
func skipInstitutions(rest string) string {
	out := rest
	for {
		r, ok := "", false
		for _, and := range []string{"以及", "和", "及", "与", "、"} {
			if r, ok = strings.CutPrefix(out, and); ok {
				break
			}
		}
		if !ok {
			return out
		}
		end := -1
		for i, c := range r {
			if utf8.RuneCountInString(r[:i]) > maxInstitutions || !unicode.Is(unicode.Han, c) {
				break
			}
			for _, e := range []string{"院", "中心", "室", "站"} {
				if strings.HasPrefix(r[i:], e) {
					end = i + len(e)
				}
			}
		}
		if end < 0 || utf8.RuneCountInString(rest[:len(rest)-len(r)+end]) > maxInstitutions+2 {
			return out
		}
		out = r[end:]
	}
}

// staff follow an institution's name when its people do a task (城关镇卫生院、村卫生室医务人员开展
// 免费测血压义诊): with one of staffVerbs after them, the institution is the actor, as with
// actorVerbs.
var staff = []string{"医务人员", "医护人员", "工作人员", "医生", "干部职工"}

// heads follow an institution's name (perhaps after 的) when its heads are named: those a task
// organises, trains or gathers, or who attend it (judging rule 3).
var heads = []string{"主要负责人", "负责人", "主要负责同志", "负责同志"}

// staffVerbs are what an institution's staff do on a task of another theme.
var staffVerbs = []string{"开展", "深入", "走进", "来到", "进村", "入户"}

// themeFrames close a 以… frame that gives an event its theme or occasion (以…为主题, 以…为契机).
var themeFrames = []string{"为主题", "为契机"}

// maxTheme is how many bytes (forty characters) a 以…为主题 frame may hold: a bound keeps
// tagging linear.
const maxTheme = 120

// skipTheme returns rest after a 以…为主题 or 以…为契机 frame at its start and the comma after
// it, or rest itself when it begins with none. The frame may hold a quoted slogan's commas, not
// the end of a sentence.
func skipTheme(rest string) string {
	if !strings.HasPrefix(rest, "以") {
		return rest
	}
	head := rest[:min(len(rest), maxTheme)]
	if k := strings.IndexAny(head, "。；;！？!?\n"); k >= 0 {
		head = head[:k]
	}
	for _, f := range themeFrames {
		if k := index(head, f); k >= 0 {
			after := rest[k+len(f):]
			for _, c := range []string{",", "，"} {
				after = strings.TrimPrefix(after, c)
			}
			return after
		}
	}
	return rest
}

// objectVerbs are the verbs of tasks whose object is a passage's subject: a weak phrase of at
// least minObject characters right after one names what the task is about, and counts as a
// keyword (深化公立医院管理体制机制改革, 加强公立医院主体地位). A shorter weak phrase is a word
// said in passing, often the setting of another task (推进基层医疗机构开设精神科门诊, 强化党委
// 政府领导), and still needs a second phrase.
const minObject = 3

var objectVerbs = []string{"推进", "推动", "深化", "加强", "加快", "强化", "完善", "健全", "建立", "建设", "发展", "规范", "优化", "明确"}

// qualifiers may stand between such a verb and its object (推进全市公立医院…, 明确县级公立医院…).
var qualifiers = []string{"我省", "我市", "我县", "我区", "全省", "全市", "全县", "全区", "省级", "市级", "县级", "城市", "各级"}

// objectOf reports whether before, the text before a phrase, ends with one of objectVerbs,
// perhaps followed by one of qualifiers.
func objectOf(before string) bool {
	for _, q := range qualifiers {
		if strings.HasSuffix(before, q) {
			before = before[:len(before)-len(q)]
			break
		}
	}
	for _, v := range objectVerbs {
		if strings.HasSuffix(before, v) {
			return true
		}
	}
	return false
}

// spirit reports whether rest, the text after a phrase, makes it the name of a line to follow
// that closes its clause (为深入贯彻医药卫生体制改革精神，: the spirit of a reform, not a task
// of it); 八项规定精神学习教育 goes on to a task, and 精神卫生 is another word.
func spirit(rest string) bool {
	if !strings.HasPrefix(rest, "精神") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[len("精神"):])
	return r == utf8.RuneError || unicode.IsPunct(r)
}

// weakBit returns the bit of a theme's weak phrase in hit.seen: a weak phrase that holds
// another (加强基层, 基层) shares its bit, so that it does not count as a second phrase.
func weakBit(phrases []string, text string, bits map[string]uint64) uint64 {
	for _, o := range phrases {
		o = fold(strings.TrimSpace(o))
		if o != "" && o != text && contains(text, o) {
			text = o
			break
		}
	}
	if b, ok := bits[text]; ok {
		return b
	}
	b := uint64(1) << (len(bits) % 63) // bit 63 is asideBit
	bits[text] = b
	return b
}

// meetingWords name a meeting (成立大会, 座谈会, 工作会议, 工作会: 全县老龄工作会召开; 洽谈会, 协调会,
// 例会, 办公会…: …区域(专科)医疗中心协作洽谈会在…召开, round 37).
var meetingWords = []string{"会议", "工作会", "大会", "座谈会", "推进会", "现场会", "研讨会", "论坛", "年会", "交流会", "调度会", "部署会", "动员会", "培训班", "视频会议", "电视电话会议", "洽谈会", "协调会", "联席会", "启动会", "培训会", "例会", "办公会", "汇报会", "总结会", "表彰会", "誓师会", "评审会", "分析会", "观摩会", "恳谈会", "发布会"}

// meetingLinks may stand between a theme's phrase and the meeting named for it (…建设座谈会,
// …工作会议, …成立大会).
var meetingLinks = []string{"建设", "工作", "成立", "专题", "推进", "管理"}

// meetingNamed reports whether rest, the text after a phrase, goes on to name a meeting: the
// phrase is then what the meeting is about (重点专(学)科建设座谈会, 质量控制中心成立大会).
func meetingNamed(rest string) bool {
	for again := true; again; {
		again = false
		if hasAnyPrefix(rest, meetingWords) {
			return true // 推进会, 建设座谈会: a link word may begin the meeting's own word
		}
		for _, l := range meetingLinks {
			if r, ok := strings.CutPrefix(rest, l); ok {
				rest, again = r, true
				break
			}
		}
	}
	// The rest of the meeting's name (妇幼健康工作会议, 中医药传承创新发展大会, 精神卫生综合管理
	// 工作会议, 心理健康服务体系建设现场会): at most maxMeetingName characters, none of them
	// punctuation or a word that joins another subject (暨, 和, 与, 及).
	for i, r := range rest {
		if utf8.RuneCountInString(rest[:i]) >= maxMeetingName || !unicode.Is(unicode.Han, r) || strings.ContainsRune("暨和与及", r) || (hasAnyPrefix(rest[i:], attending) && !panel(rest[i:])) {
			return false
		}
		if i > 0 && hasAnyPrefix(rest[i:], meetingWords) {
			return true
		}
	}
	return false
}

// attending end a meeting's name before its word: those who attend it and their verbs
// (…村卫生室负责人参加会议, 总会计师参加座谈会, 中医药专家收看了视频会议) name no meeting on the
// phrase.
var attending = []string{"参加", "出席", "列席", "参会", "收看", "观看", "负责人", "人员", "专家", "代表", "同志", "召开", "主持", "了"}

// panels are those who attend that may name the meeting they sit on (专家座谈会, 代表座谈会).
var panels = []string{"专家", "代表", "人员"}

// panel reports whether rest begins with one of panels and a meeting word right after it
// (中医药专家座谈会, 人大代表座谈会): the people are then part of the meeting's name, not those
// who attend a meeting named otherwise (中医药专家收看了视频会议).
func panel(rest string) bool {
	for _, p := range panels {
		if r, ok := strings.CutPrefix(rest, p); ok {
			return hasAnyPrefix(r, meetingWords)
		}
	}
	return false
}

// maxMeetingName is how many characters of a meeting's name may follow the phrase it is named
// for before the word that names the meeting (健康工作, 传承创新发展, 服务体系建设).
const maxMeetingName = 8
