package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestFuture checks that a document dated after today is held back unless Future is set,
// and that the build after its date is not taken for a no-op.
func TestFuture(t *testing.T) {
	src := copySources(t)
	tomorrow := time.Now().AddDate(0, 0, 1).Format("2006-01-02")
	doc := "+++\ntitle = \"明日发布的通知\"\nagency = \"测试市卫生健康委员会\"\npublished = \"" + tomorrow + "\"\n+++\n\n1. 推进工作。\n"
	if err := os.WriteFile(filepath.Join(src, "content", "plans", "tomorrow.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(src, "public", "plans", "tomorrow", "index.html")
	o := Options{Source: src, NoIndex: true}
	r, err := Run(o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Documents != siteDocs {
		t.Errorf("without Future: %d documents, want %d (the future one held back)", r.Documents, siteDocs)
	}
	if _, err := os.Stat(page); err == nil {
		t.Errorf("the document dated %s is published before its date", tomorrow)
	}
	held := []HeldBack{{Path: "content/plans/tomorrow.md", Release: tomorrow}}
	if !reflect.DeepEqual(r.HeldBack, held) {
		t.Errorf("held back %+v, want %+v", r.HeldBack, held)
	}
	if r, err = Run(o); err != nil || !r.UpToDate {
		t.Fatalf("the same day, nothing changed: UpToDate = %v, %v", r != nil && r.UpToDate, err)
	}
	if !reflect.DeepEqual(r.HeldBack, held) {
		t.Errorf("up to date: held back %+v, want %+v", r.HeldBack, held)
	}

	// The day comes: the stamp says when, and the same inputs are no longer up to date.
	sp := stampPath(filepath.Join(src, "public"))
	b, err := os.ReadFile(sp)
	if err != nil {
		t.Fatal(err)
	}
	var st stamp
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	if st.Release != tomorrow {
		t.Errorf("stamp release %q, want %q", st.Release, tomorrow)
	}
	st.Release = time.Now().Format("2006-01-02")
	b, _ = json.Marshal(st)
	if err := os.WriteFile(sp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err = Run(o); err != nil || r.UpToDate {
		t.Fatalf("on the release date: UpToDate = %v, %v; want a real build", r != nil && r.UpToDate, err)
	}

	o.Future = true
	if r, err = Run(o); err != nil {
		t.Fatal(err)
	}
	if len(r.HeldBack) != 0 {
		t.Errorf("with Future: held back %+v, want none", r.HeldBack)
	}
	if r.UpToDate || r.Documents != siteDocs+1 {
		t.Errorf("with Future: UpToDate = %v, %d documents; want a build of %d", r.UpToDate, r.Documents, siteDocs+1)
	}
	if _, err := os.Stat(page); err != nil {
		t.Errorf("with Future the document is not published: %v", err)
	}
}
