package content

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReloadIsLoadDir: after any change, Reload gives what a fresh LoadDir of the tree gives,
// reuses every unchanged document (the same value) and names exactly the changed paths.
func TestReloadIsLoadDir(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(filepath.Join("testdata", "site"))); err != nil {
		t.Fatal(err)
	}
	l := NewLoader(Options{})
	prev, err := l.LoadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	plan := func(name string) string { return filepath.Join(root, "content", "plans", name) }
	steps := []struct {
		name  string
		edit  func()
		paths []string
		want  []string // changed paths
	}{
		{"identical bytes saved again", func() {
			b, _ := os.ReadFile(plan("a.md"))
			write(t, plan("a.md"), string(b))
		}, []string{plan("a.md")}, nil},
		{"one file edited", func() {
			b, _ := os.ReadFile(plan("c.md"))
			write(t, plan("c.md"), string(b)+"\n\n补充一段说明文字。\n")
		}, []string{plan("c.md")}, []string{"content/plans/c.md"}},
		{"one file removed", func() { os.Remove(plan("b.md")) }, []string{plan("b.md")}, []string{"content/plans/b.md"}},
		{"a directory added", func() {
			write(t, filepath.Join(root, "content", "notices", "e.md"), "+++\ntitle = \"关于开展义诊活动的通知\"\nagency = \"甲市卫生健康委员会\"\npublished = \"2025-05-01\"\n+++\n\n正文。\n")
		}, []string{filepath.Join(root, "content", "notices")}, []string{"content/notices/e.md"}},
		{"an unrelated path", func() {}, []string{filepath.Join(root, "themes")}, nil},
	}
	for _, st := range steps {
		st.edit()
		got, changed, err := l.Reload(prev, root, st.paths)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !reflect.DeepEqual(changed, st.want) {
			t.Errorf("%s: changed %q, want %q", st.name, changed, st.want)
		}
		fresh, err := l.LoadDir(root)
		if err != nil {
			t.Fatal(err)
		}
		if paths(got.Documents) != paths(fresh.Documents) {
			t.Errorf("%s: documents %s, LoadDir has %s", st.name, paths(got.Documents), paths(fresh.Documents))
		}
		if got.Errors.Error() != fresh.Errors.Error() || got.Warnings.Error() != fresh.Warnings.Error() {
			t.Errorf("%s: problems\n%v\n%v\nLoadDir:\n%v\n%v", st.name, got.Errors, got.Warnings, fresh.Errors, fresh.Warnings)
		}
		old := map[string]*Document{}
		for _, d := range prev.Documents {
			old[d.Path] = d
		}
		isChanged := map[string]bool{}
		for _, c := range changed {
			isChanged[c] = true
		}
		for _, d := range got.Documents {
			if reused := old[d.Path] == d; reused == isChanged[d.Path] {
				t.Errorf("%s: %s reused %v, changed %v", st.name, d.Path, reused, isChanged[d.Path])
			}
		}
		prev = got
	}
}

func paths(docs []*Document) string {
	s := ""
	for _, d := range docs {
		s += d.Path + " "
	}
	return s
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
