package content

import (
	"slices"
	"sync"
)

// noteTable holds one copy of the content of each responsibility note a Loader has read, so
// that the notes written the same way share their strings and lists: an agency writes the same
// few notes under item after item and plan after plan (（分管领导：…；责任科室：…）), and a
// build keeps every note to its end. The 11,248 notes of the 1,000-plan generated corpus are
// 45 different ones; their parsed strings and lists, one set per note, were about 13 MB of
// the heap live after loading 5,000 plans (issue 16). Each note keeps its own Annotation (its
// Line and Unclosed are its own); what is shared is never changed (a list of pairs is at its
// length, so appending to it copies).
type noteTable struct {
	mu sync.Mutex
	m  map[string]*Annotation // by Text
}

// maxNotes bounds a table (a Loader of the live preview lives as long as the server).
const maxNotes = 1 << 16

// share gives a the strings and lists of the note read before it with the same content, or
// keeps a's as the first of its content. Safe for concurrent use; a nil table shares nothing.
func (t *noteTable) share(a *Annotation) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	c, ok := t.m[a.Text]
	switch {
	case !ok && len(t.m) < maxNotes:
		kept := *a
		t.m[a.Text] = &kept
	case ok && sameNote(c, a):
		a.Leaders, a.LeadUnits, a.CoUnits, a.Deadline, a.Pairs, a.Text = c.Leaders, c.LeadUnits, c.CoUnits, c.Deadline, c.Pairs, c.Text
	}
}

// sameNote reports whether two notes say the same (their Line and Unclosed aside): the same
// Text may come from values spaced differently.
func sameNote(a, b *Annotation) bool {
	if a.Text != b.Text || a.Deadline != b.Deadline || !sameList(a.Leaders, b.Leaders) ||
		!sameList(a.LeadUnits, b.LeadUnits) || !sameList(a.CoUnits, b.CoUnits) || (a.Pairs == nil) != (b.Pairs == nil) {
		return false
	}
	return slices.EqualFunc(a.Pairs, b.Pairs, func(p, q AnnotationPair) bool {
		return p.Label == q.Label && p.Value == q.Value && p.Field == q.Field && sameList(p.Names, q.Names)
	})
}

// sameList is slices.Equal, and nil only for nil.
func sameList(a, b []string) bool { return (a == nil) == (b == nil) && slices.Equal(a, b) }
