package analysis

import (
	"testing"
	"unsafe"
)

// TestTargetsShareTheirClause: the targets read from one clause keep one copy of it between
// them (Target.own), and one of their own from the passage's text; a target of another clause
// keeps its own.
func TestTargetsShareTheirClause(t *testing.T) {
	d := parse(t, "", "1. 全市新增床位200张和护理员50名，建设家庭病床170张。\n")
	ts := New(cfg).Analyse(d).Targets()
	if len(ts) != 3 || ts[0].Clause != ts[1].Clause || ts[1].Clause == ts[2].Clause {
		t.Fatalf("targets %+v: the test needs two in one clause and one in another", ts)
	}
	text := d.AllItems()[0].Text
	for i, tg := range ts {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(tg.Clause))); p >= uintptr(unsafe.Pointer(unsafe.StringData(text))) && p < uintptr(unsafe.Pointer(unsafe.StringData(text)))+uintptr(len(text)) {
			t.Errorf("target %d: its clause is cut from the passage's text", i)
		}
	}
	if unsafe.StringData(ts[0].Clause) != unsafe.StringData(ts[1].Clause) {
		t.Errorf("two targets of one clause keep a copy each")
	}
	if unsafe.StringData(ts[1].Clause) == unsafe.StringData(ts[2].Clause) {
		t.Errorf("targets of two clauses share one")
	}
}
