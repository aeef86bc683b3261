// Package analysis computes what planportal knows about a document beyond what its author
// wrote: the themes of each passage (item or paragraph), of each section and of the whole
// document. It returns values and never changes the document, so that every consumer (the
// document page, the theme pages, related plans, feeds, the search index and its facets)
// reads one result and they cannot disagree.
package analysis

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/internal/cputime"
	"github.com/planportal/planportal/generator/taxonomy"
)

// Analyser analyses documents against one config. It is safe for concurrent use.
type Analyser struct {
	tagger   *taxonomy.Tagger
	order    map[string]int // theme slug → position in the taxonomy
	subjects []config.Subject
	// names are the subjects' names and aliases, subject by subject (the order that breaks a
	// tie in subjectOf); byFirst lists them (by index) by their first character, and first
	// has a bit for each first character (its code mod 1024), so that subjectOf looks up
	// only the characters of a target's subject that may begin a name.
	names   []subjectName
	byFirst map[rune][]int32
	first   [16]uint64
	// lists holds one copy of each list of themes analysis has returned (a passage's, a
	// section's, a document's), keyed by the slugs joined: a site has a few hundred distinct
	// lists for hundreds of thousands of passages, each kept to the end of the build.
	listsMu sync.Mutex
	lists   map[string]*[]string
}

// New returns an analyser for the config's taxonomy.
func New(cfg *config.Config) *Analyser {
	a := &Analyser{tagger: taxonomy.New(cfg.Themes), order: map[string]int{}, subjects: cfg.Subjects, lists: map[string]*[]string{}}
	for i, t := range cfg.Themes {
		a.order[t.Slug] = i
	}
	a.byFirst = map[rune][]int32{}
	for _, s := range cfg.Subjects {
		for _, name := range s.Names() {
			if name == "" {
				continue
			}
			r, _ := utf8.DecodeRuneInString(name)
			a.byFirst[r] = append(a.byFirst[r], int32(len(a.names)))
			a.first[r>>6&15] |= 1 << (r & 63)
			a.names = append(a.names, subjectName{name, s.Slug})
		}
	}
	return a
}

// subjectName is a configured subject's name or alias and the subject's slug.
type subjectName struct{ name, slug string }

// Doc is what analysis found in one document. A nil *Doc answers like a document on no theme.
type Doc struct {
	themes []string
	// weights counts the passages carrying each of themes, by its index there (nil when none
	// does): not the tagger's map, which a document kept from analysis to the end of the
	// build (about 1.2 KB each; issue 16).
	weights  []int32
	passages []passage // the passages on a theme, by anchor (see passage)
	sections []section // the sections and annexes on a theme, by anchor (byAnchor)
	targets  []Target
	problems []*content.Diagnostic
	tag      time.Duration // CPU time spent tagging (cputime.Call), for the build's figures
	extract  time.Duration // CPU time spent finding targets (cputime.Call), the same
}

// passage is what analysis found in one passage: its themes, in taxonomy order (a list shared
// with every passage on the same themes), and the same themes each with its reason. A Doc keeps
// them in a slice sorted by anchor, not a map: kept from analysis to the end of the build, a
// map's buckets and each passage's own list of themes cost 6.0 MB per 1,000 plans, the slice
// 3.3 (issue 16).
//
// themes points to the shared list (Analyser.lists) rather than holding its header: 16 bytes
// less for each passage on a theme, all kept to the end of the build (issue 16).
type passage struct {
	anchor string
	themes *[]string
	tags   []taxonomy.Tag
}

// section is a section's or an annex's themes (those of its passages) by its anchor. A Doc
// keeps them in a slice sorted by anchor, as its passages, not a map: a map per document
// kept to the end of the build, with its buckets and a list header per section (issue 16).
type section struct {
	anchor string
	themes *[]string // the shared list (Analyser.lists)
}

// list is the passage's themes (nil for none).
func (p passage) list() []string {
	if p.themes == nil {
		return nil
	}
	return *p.themes
}

// passage returns the passage with the anchor; the zero passage (no themes) if none carries
// a theme.
func (r *Doc) passage(anchor string) passage {
	lo, hi := 0, len(r.passages)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := byAnchor(r.passages[m].anchor, anchor); {
		case c < 0:
			lo = m + 1
		case c > 0:
			hi = m
		default:
			return r.passages[m]
		}
	}
	return passage{}
}

// byAnchor is the order of a Doc's passages: by the anchor's length, then its bytes (most
// steps of a lookup compare two lengths, not two strings).
func byAnchor(a, b string) int {
	if len(a) != len(b) {
		return cmp.Compare(len(a), len(b))
	}
	return strings.Compare(a, b)
}

// intern returns the one copy of the list of themes (see Analyser.lists); nil for none. The
// list returned is shared: it must not be changed, nor appended to in place (its capacity is
// its length).
func (a *Analyser) intern(themes []string) []string {
	if l := a.internRef(themes); l != nil {
		return *l
	}
	return nil
}

// internRef is intern's list by reference (nil for none), as a passage keeps it.
func (a *Analyser) internRef(themes []string) *[]string {
	if len(themes) == 0 {
		return nil
	}
	// The key is each slug after its length, so no two lists share one: slugs outside the
	// taxonomy (front matter that was not validated) may hold any byte, a separator among them.
	n := 0
	for _, t := range themes {
		n += binary.MaxVarintLen64 + len(t)
	}
	key := make([]byte, 0, n)
	for _, t := range themes {
		key = binary.AppendUvarint(key, uint64(len(t)))
		key = append(key, t...)
	}
	a.listsMu.Lock()
	defer a.listsMu.Unlock()
	if l, ok := a.lists[string(key)]; ok {
		return l
	}
	l := new([]string)
	*l = slices.Clip(slices.Clone(themes))
	a.lists[string(key)] = l
	return l
}

// targetScratch holds the buffers a document's targets are read into before they are kept
// (Analyse), one per worker at a time.
var targetScratch = sync.Pool{New: func() any { return new([]Target) }}

// Analyse analyses one document.
func (a *Analyser) Analyse(d *content.Document) *Doc {
	var tags taxonomy.Tags
	spent := cputime.Call(func() { tags = a.tagger.Tag(d) })
	r := &Doc{tag: spent, passages: make([]passage, 0, len(tags.Passages))}
	themes := make([]string, 0, len(a.order))
	for anchor, tt := range tags.Passages {
		themes = themes[:0]
		for _, t := range tt {
			themes = append(themes, t.Theme)
		}
		r.passages = append(r.passages, passage{anchor: anchor, themes: a.internRef(themes), tags: tt})
	}
	slices.SortFunc(r.passages, func(p, q passage) int { return byAnchor(p.anchor, q.anchor) })
	// A document is on a theme when its front matter names it or any of its passages carries
	// it: exactly the documents a theme's pages list, and the theme filter finds.
	on := map[string]bool{}
	for _, t := range d.Meta.Themes {
		on[t] = true
	}
	for t := range tags.Weights {
		on[t] = true
	}
	r.themes = a.ordered(on)
	if len(tags.Weights) > 0 {
		r.weights = make([]int32, len(r.themes))
		for i, t := range r.themes {
			r.weights[i] = int32(tags.Weights[t])
		}
	}
	r.extract = cputime.Call(func() {
		buf := targetScratch.Get().(*[]Target)
		found := (*buf)[:0]
		d.Passages(func(p content.Passage) {
			n := len(found)
			found = appendTargets(found, p.Text())
			for i := n; i < len(found); i++ {
				t := &found[i]
				t.Anchor, t.Line = p.Anchor(), int32(p.Line())
				t.SubjectSlug = a.subjectOf(t.Subject)
				if t.Unit == "" {
					r.problems = append(r.problems, &content.Diagnostic{File: d.Path, Line: int(t.Line), Field: "指标",
						Message: fmt.Sprintf("指标“%s%s%s”有数值没有单位，请写明单位（a target with a value but no unit）", t.Subject, t.Comparator, t.ValueText), Warning: true})
				}
			}
		})
		// The targets are kept for the whole build (the lists of targets point into them):
		// in a slice of their own length, not the buffer, which is the next document's, and
		// with strings of their own, not cut from the passages' text, which a build lets go
		// once the document's last reader has it (site.Release; issue 16).
		if len(found) > 0 {
			r.targets = slices.Clone(found)
			for i := range r.targets {
				prev := ""
				if i > 0 && found[i-1].Clause == found[i].Clause {
					prev = r.targets[i-1].Clause
				}
				r.targets[i].own(prev)
			}
		}
		clear(found) // the buffer keeps no document's text alive
		*buf = found[:0]
		targetScratch.Put(buf)
	})
	r.tag += cputime.Call(func() {
		for i := range r.targets {
			t := &r.targets[i]
			t.Themes = a.targetThemes(t, r.passage(t.Anchor))
		}
	})
	for _, p := range d.Parts() {
		set := map[string]bool{}
		r.addBlocks(set, p.Blocks)
		for _, s := range p.Sections {
			r.addSection(a, set, s)
		}
		if p.Anchor != "" {
			r.sections = append(r.sections, section{p.Anchor, a.orderedRef(set)})
		}
	}
	r.sections = sortSections(r.sections)
	return r
}

// sortSections sorts a document's sections by anchor (byAnchor) for lookup, keeping the last
// of two with one anchor, as assigning to a map did, and leaving out those on no theme; the
// list returned is at its length (kept to the end of the build).
func sortSections(list []section) []section {
	slices.SortStableFunc(list, func(x, y section) int { return byAnchor(x.anchor, y.anchor) })
	out := list[:0]
	for i, s := range list {
		if i+1 < len(list) && list[i+1].anchor == s.anchor || s.themes == nil {
			continue
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil
	}
	return slices.Clone(out)
}

// addSection records a section's themes (those of every passage in it and its sub-sections)
// and adds them to set, its parent's.
func (r *Doc) addSection(a *Analyser, set map[string]bool, s *content.Section) {
	own := map[string]bool{}
	r.addBlocks(own, s.Blocks)
	for _, c := range s.Sections {
		r.addSection(a, own, c)
	}
	if len(own) > 0 {
		r.sections = append(r.sections, section{s.Anchor, a.orderedRef(own)})
	}
	for t := range own {
		set[t] = true
	}
}

func (r *Doc) addBlocks(set map[string]bool, blocks []*content.Block) {
	var items func([]*content.Item)
	items = func(list []*content.Item) {
		for _, it := range list {
			for _, t := range r.passage(it.Anchor).list() {
				set[t] = true
			}
			items(it.Items)
		}
	}
	for _, b := range blocks {
		if b.Item != nil {
			items([]*content.Item{b.Item})
			continue
		}
		for _, t := range r.passage(b.Anchor).list() {
			set[t] = true
		}
	}
}

// ordered lists a set of theme slugs in taxonomy order; slugs outside the taxonomy (front
// matter that was not validated) come last, in name order. The list is shared (intern).
func (a *Analyser) ordered(set map[string]bool) []string {
	if l := a.orderedRef(set); l != nil {
		return *l
	}
	return nil
}

// orderedRef is ordered's list by reference (nil for none), as a section keeps it.
func (a *Analyser) orderedRef(set map[string]bool) *[]string {
	if len(set) == 0 {
		return nil
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	rank := func(t string) int {
		if i, ok := a.order[t]; ok {
			return i
		}
		return len(a.order)
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := rank(out[i]), rank(out[j]); ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return a.internRef(out)
}

// Themes are the document's themes in taxonomy order: those of its front matter and those
// any of its passages carries.
func (r *Doc) Themes() []string {
	if r == nil {
		return nil
	}
	return r.themes
}

// Has reports whether the document is on a theme.
func (r *Doc) Has(theme string) bool {
	for _, t := range r.Themes() {
		if t == theme {
			return true
		}
	}
	return false
}

// Weight is the number of the document's passages that carry a theme.
func (r *Doc) Weight(theme string) int {
	if r == nil {
		return 0
	}
	for i, w := range r.weights {
		if r.themes[i] == theme {
			return int(w)
		}
	}
	return 0
}

// Weights counts the passages carrying each theme (the themes no passage carries are not in
// it). The map is made at each call.
func (r *Doc) Weights() taxonomy.Weights {
	if r == nil || r.weights == nil {
		return nil
	}
	w := make(taxonomy.Weights, len(r.weights))
	for i, n := range r.weights {
		if n > 0 {
			w[r.themes[i]] = int(n)
		}
	}
	return w
}

// PassageThemes are the themes of the passage (item, sub-item or paragraph) with the anchor.
func (r *Doc) PassageThemes(anchor string) []string {
	if r == nil {
		return nil
	}
	return r.passage(anchor).list()
}

// PassageTags are the themes of the passage with the anchor, in taxonomy order, each with the
// reason the passage carries it: the phrase and its sentence, or the editor's directive.
func (r *Doc) PassageTags(anchor string) []taxonomy.Tag {
	if r == nil {
		return nil
	}
	return r.passage(anchor).tags
}

// Reason is why the passage with the anchor carries the theme; ok is false when it does not.
func (r *Doc) Reason(anchor, theme string) (reason taxonomy.Reason, ok bool) {
	for _, t := range r.PassageTags(anchor) {
		if t.Theme == theme {
			return t.Reason, true
		}
	}
	return taxonomy.Reason{}, false
}

// SectionThemes are the themes of a section or annex: those of every passage in it.
func (r *Doc) SectionThemes(anchor string) []string {
	if r == nil {
		return nil
	}
	i, ok := slices.BinarySearchFunc(r.sections, anchor, func(s section, anchor string) int { return byAnchor(s.anchor, anchor) })
	if !ok || r.sections[i].themes == nil {
		return nil
	}
	return *r.sections[i].themes
}

// Targets are the quantitative targets of the document's passages, in document order.
func (r *Doc) Targets() []Target {
	if r == nil {
		return nil
	}
	return r.targets
}

// Problems are what analysis found wrong in the document's text (a target without a unit),
// as warnings at their file:line.
func (r *Doc) Problems() []*content.Diagnostic {
	if r == nil {
		return nil
	}
	return r.problems
}

// targetThemes are the themes of passage p that its target t is about: those the target's own
// clause carries (家庭医生签约服务覆盖率不低于65% is primary care, also in a passage that is
// elderly care as well), the theme of its configured subject, and those an editor's directive
// gave the passage; all of p's themes when it carries none of its own (建设家庭病床170张 says
// no theme). A target is so never on a theme its passage is not on, and a list of targets by
// theme holds the targets about the theme, not every number of a passage that names it.
func (a *Analyser) targetThemes(t *Target, p passage) []string {
	if len(p.tags) < 2 {
		return p.list()
	}
	found := a.tagger.Match(t.Clause)
	subject := ""
	if t.SubjectSlug != "" {
		for _, s := range a.subjects {
			if s.Slug == t.SubjectSlug {
				subject = s.Theme
				break
			}
		}
	}
	var on []string
	own := false
	for _, tg := range p.tags {
		switch {
		case tg.Theme == subject || slices.Contains(found, tg.Theme):
			own = true
			on = append(on, tg.Theme)
		case tg.Reason.Directive != 0:
			on = append(on, tg.Theme)
		}
	}
	if !own || len(on) == len(p.list()) {
		return p.list()
	}
	return a.intern(on)
}

// subjectOf is the slug of the configured subject a target's subject names: the one with the
// longest name or alias it contains; "" when none.
// Of two names as long, the first configured wins. It looks the names up by the characters of
// the subject that may begin one (Analyser.byFirst), not every name in the whole subject
// (issue 16: once per target, 60 names in the generated corpus's config).
func (a *Analyser) subjectOf(subject string) string {
	best, n := -1, 0
	for i, r := range subject {
		if a.first[r>>6&15]&(1<<(r&63)) == 0 {
			continue
		}
		for _, k := range a.byFirst[r] {
			name := a.names[k].name
			if (len(name) > n || len(name) == n && int(k) < best) && strings.HasPrefix(subject[i:], name) {
				best, n = int(k), len(name)
			}
		}
	}
	if best < 0 {
		return ""
	}
	return a.names[best].slug
}

// ExtractTime is the CPU time finding the document's targets took (cputime.Call: wall time
// where the system has no per-thread CPU clock).
func (r *Doc) ExtractTime() time.Duration {
	if r == nil {
		return 0
	}
	return r.extract
}

// TagTime is the CPU time tagging the document's passages took (cputime.Call: wall time where
// the system has no per-thread CPU clock).
func (r *Doc) TagTime() time.Duration {
	if r == nil {
		return 0
	}
	return r.tag
}
