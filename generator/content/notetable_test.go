package content

import (
	"testing"
	"unsafe"
)

// TestNotesShared checks that notes written the same way, in one document and in another
// read by the same loader, share their strings and lists (noteTable), each with its own line,
// and that a note whose text is the same but whose values are not (spaced otherwise) keeps
// its own.
func TestNotesShared(t *testing.T) {
	l := NewLoader(Options{})
	note := "（分管领导：徐通生、仲重阳；责任科室：医政医管科、人事科）"
	a, _ := l.Parse("content/plans/a.md", []byte(header+"1. 深化改革。"+note+"\n2. 推进医养结合。"+note+"\n"))
	b, _ := l.Parse("content/plans/b.md", []byte(header+"1. 加强监管。\n\n2. 推进医养结合。"+note+"\n"))
	var notes []*Annotation
	for _, d := range []*Document{a, b} {
		for _, it := range d.AllItems() {
			if it.Annotation != nil {
				notes = append(notes, it.Annotation)
			}
		}
	}
	if len(notes) != 3 {
		t.Fatalf("%d notes, want 3", len(notes))
	}
	first := notes[0]
	for i, n := range notes[1:] {
		if n == first {
			t.Fatalf("note %d is the first note itself, not one of its own", i+1)
		}
		if unsafe.StringData(n.Text) != unsafe.StringData(first.Text) {
			t.Errorf("note %d: its text is a copy of its own", i+1)
		}
		if &n.Pairs[0] != &first.Pairs[0] || &n.Leaders[0] != &first.Leaders[0] || &n.LeadUnits[0] != &first.LeadUnits[0] {
			t.Errorf("note %d: its lists are copies of their own", i+1)
		}
	}
	if notes[0].Line == notes[1].Line || notes[1].Line == notes[2].Line {
		t.Errorf("lines %d, %d, %d: each note keeps its own", notes[0].Line, notes[1].Line, notes[2].Line)
	}
	// The same text (spaces collapsed) from values written otherwise (a space, a tab): not the
	// same note.
	c, _ := l.Parse("content/plans/c.md", []byte(header+"1. 深化改革。（分管领导：徐通生、 仲重阳；责任科室：人事科）\n"))
	d, _ := l.Parse("content/plans/d.md", []byte(header+"1. 深化改革。（分管领导：徐通生、\t仲重阳；责任科室：人事科）\n"))
	m, n := c.AllItems()[0].Annotation, d.AllItems()[0].Annotation
	if n.Text != m.Text || n.Pairs[0].Value == m.Pairs[0].Value {
		t.Fatalf("texts %q and %q, values %q and %q: the test needs the same text from other values", m.Text, n.Text, m.Pairs[0].Value, n.Pairs[0].Value)
	}
	if &n.Pairs[0] == &m.Pairs[0] || n.Pairs[0].Value != "徐通生、\t仲重阳" {
		t.Errorf("a note with other values has the first one's pairs (%q)", n.Pairs[0].Value)
	}
}
