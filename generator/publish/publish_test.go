package publish

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
)

// writeTree creates files (slash-separated relative path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writePublished creates files under dir as an earlier transaction published them: with its
// IDFile. Only such a directory (or an empty one) is a transaction's to replace.
func writePublished(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	writeTree(t, dir, files)
	writeTree(t, dir, map[string]string{IDFile: "earlier-build\n"})
}

// entry is what readTree records of each file or directory.
type entry struct {
	Mode os.FileMode
	Data string
}

// readTree returns every file and directory under dir (dir itself excluded) with its mode and,
// for files, its bytes.
func readTree(t *testing.T, dir string) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		e := entry{Mode: fi.Mode()}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			e.Data = string(b)
		}
		out[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// fileContents reduces readTree to regular files and their contents, but for the IDFile
// every commit writes.
func fileContents(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, e := range readTree(t, dir) {
		if e.Mode.IsRegular() && name != IDFile {
			out[name] = e.Data
		}
	}
	return out
}

// siblings lists the names in parent other than keep.
func siblings(t *testing.T, parent string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !contains(keep, e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var (
	oldSite = map[string]string{
		"index.html":             "old home",
		"plans/a/index.html":     "old a",
		"plans/gone/index.html":  "only in the old version",
		"assets/old.css":         "body{}",
		"emptydir-marker/x.txt":  "x",
		"plans/a/attachment.pdf": "%PDF old",
	}
	newSite = map[string]string{
		"index.html":         "new home",
		"plans/a/index.html": "new a",
		"plans/b/index.html": "new b",
		"assets/new.css":     "p{}",
	}
)

func TestStageCommitReplaces(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writePublished(t, dest, oldSite)

	st, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(st.Dir()) != parent {
		t.Errorf("staging dir %s is not beside %s", st.Dir(), dest)
	}
	if !strings.HasPrefix(filepath.Base(st.Dir()), ".public.tmp-") {
		t.Errorf("staging dir %s is not named .public.tmp-*", st.Dir())
	}
	if got := fileContents(t, st.Dir()); len(got) != 0 {
		t.Errorf("staging dir is not empty: %v", got)
	}
	writeTree(t, st.Dir(), newSite)
	// Until Commit the destination is untouched.
	if got := fileContents(t, dest); !reflect.DeepEqual(got, oldSite) {
		t.Errorf("destination changed before Commit: %v", got)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := fileContents(t, dest); !reflect.DeepEqual(got, newSite) {
		t.Errorf("after Commit the destination holds\n%v\nwant\n%v", got, newSite)
	}
	for _, gone := range []string{"plans/gone", "assets/old.css", "emptydir-marker"} {
		if _, err := os.Lstat(filepath.Join(dest, gone)); !os.IsNotExist(err) {
			t.Errorf("%s of the old version survived the Commit (err %v)", gone, err)
		}
	}
	if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("destination mode = %v (err %v), want 0755", fi.Mode(), err)
	}
	if left := siblings(t, parent, "public"); len(left) != 0 {
		t.Errorf("Commit left %v beside the destination", left)
	}
	if st.tx.ID() == "" || ID(dest) != st.tx.ID() {
		t.Errorf("the destination's ID is %q, want the transaction's %q", ID(dest), st.tx.ID())
	}
}

func TestAbortLeavesDestination(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writePublished(t, dest, oldSite)
	if err := os.Chmod(filepath.Join(dest, "index.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)

	st, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, st.Dir(), newSite)
	if err := st.Abort(); err != nil {
		t.Fatal(err)
	}
	if after := readTree(t, dest); !reflect.DeepEqual(after, before) {
		t.Errorf("Abort changed the destination:\nbefore %v\nafter  %v", before, after)
	}
	if _, err := os.Lstat(st.Dir()); !os.IsNotExist(err) {
		t.Errorf("staging dir %s still exists after Abort (err %v)", st.Dir(), err)
	}
	if left := siblings(t, parent, "public"); len(left) != 0 {
		t.Errorf("Abort left %v beside the destination", left)
	}
	if err := st.Abort(); err != nil {
		t.Errorf("second Abort: %v, want nil", err)
	}
	if err := st.Commit(); err == nil {
		t.Error("Commit after Abort succeeded, want an error")
	}
	if after := readTree(t, dest); !reflect.DeepEqual(after, before) {
		t.Errorf("Commit after Abort changed the destination: %v", after)
	}
}

func TestCommitIntoMissingDestination(t *testing.T) {
	for _, tc := range []struct {
		name string
		rel  string // destination, relative to a fresh temporary directory
	}{
		{"parent exists", "public"},
		{"parent missing", "out/site/public"},
		{"trailing slash", "public/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, filepath.FromSlash(tc.rel))
			st, err := Stage(root + "/" + tc.rel)
			if err != nil {
				t.Fatal(err)
			}
			writeTree(t, st.Dir(), newSite)
			if err := st.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := fileContents(t, dest); !reflect.DeepEqual(got, newSite) {
				t.Errorf("destination holds %v, want %v", got, newSite)
			}
			if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o755 {
				t.Errorf("destination mode = %v (err %v), want 0755", fi.Mode(), err)
			}
			if left := siblings(t, filepath.Dir(dest), "public"); len(left) != 0 {
				t.Errorf("Commit left %v beside the destination", left)
			}
		})
	}
}

func TestStageRemovesStaleDirectories(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writePublished(t, dest, oldSite)
	// Left by an interrupted run: a staging dir and an old version of the two-rename swap.
	writeTree(t, filepath.Join(parent, ".public.tmp-1234"), map[string]string{"index.html": "half", "a/b/c.txt": "deep"})
	writeTree(t, filepath.Join(parent, ".public.old-.public.tmp-99"), map[string]string{"index.html": "older"})
	if err := os.Mkdir(filepath.Join(parent, ".public.tmp-empty"), 0o700); err != nil {
		t.Fatal(err)
	}
	// Not ours: other destinations' staging dirs and unrelated files stay.
	writeTree(t, filepath.Join(parent, ".other.tmp-1"), map[string]string{"x": "keep"})
	writeTree(t, filepath.Join(parent, ".publicity.tmp-1"), map[string]string{"x": "keep"})
	writeTree(t, filepath.Join(parent, "public.tmp-1"), map[string]string{"x": "keep"})
	writeTree(t, parent, map[string]string{"notes.txt": "keep"})

	st, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	got := siblings(t, parent, "public", filepath.Base(st.Dir()))
	want := []string{".other.tmp-1", ".publicity.tmp-1", "notes.txt", "public.tmp-1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after Stage the parent holds %v besides public and the new staging dir, want %v", got, want)
	}
	if got := fileContents(t, dest); !reflect.DeepEqual(got, oldSite) {
		t.Errorf("Stage changed the destination: %v", got)
	}
}

// TestOpenFileSurvivesCommit checks that a reader with a file of the old version open (a server
// in the middle of a response) can finish reading it after the swap.
func TestOpenFileSurvivesCommit(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	big := strings.Repeat("old version line\n", 10000)
	writePublished(t, dest, map[string]string{"index.html": big, "only-old.txt": "x"})

	f, err := os.Open(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil {
		t.Fatal(err)
	}

	st, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, st.Dir(), map[string]string{"index.html": "new version"})
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}

	rest, err := io.ReadAll(f)
	if err != nil {
		t.Fatalf("reading the open old file after Commit: %v", err)
	}
	if got := string(head) + string(rest); got != big {
		t.Errorf("open old file read %d bytes after Commit, not the old content (%d bytes)", len(got), len(big))
	}
	if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "new version" {
		t.Errorf("a new open reads %q (err %v), want the new version", b, err)
	}
}

func TestCommitTwice(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writePublished(t, dest, oldSite)
	st, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, st.Dir(), newSite)
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err == nil {
		t.Error("second Commit succeeded, want an error")
	}
	if got := fileContents(t, dest); !reflect.DeepEqual(got, newSite) {
		t.Errorf("second Commit changed the destination: %v", got)
	}
	if err := st.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v, want nil (nothing to do)", err)
	}
	if got := fileContents(t, dest); !reflect.DeepEqual(got, newSite) {
		t.Errorf("Abort after Commit changed the destination: %v", got)
	}
}

func TestCommitOntoRegularFile(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	content := []byte("I am a file, not a site\n")
	if err := os.WriteFile(dest, content, 0o640); err != nil {
		t.Fatal(err)
	}
	st, err := Stage(dest)
	if err != nil {
		// Refusing at Stage is also acceptable, as long as the file is untouched.
		checkFile(t, dest, content)
		return
	}
	writeTree(t, st.Dir(), newSite)
	if err := st.Commit(); err == nil {
		t.Fatal("Commit onto a regular file succeeded, want an error")
	} else if !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("error %q does not say the destination is not a directory", err)
	}
	checkFile(t, dest, content)
	if _, err := os.Lstat(st.Dir()); !os.IsNotExist(err) {
		t.Errorf("staging dir still exists after the failed Commit (err %v)", err)
	}
	if left := siblings(t, parent, "public"); len(left) != 0 {
		t.Errorf("failed Commit left %v beside the destination", left)
	}
}

func checkFile(t *testing.T, name string, want []byte) {
	t.Helper()
	fi, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o640 {
		t.Errorf("%s mode = %v, want a regular file 0640", name, fi.Mode())
	}
	if b, _ := os.ReadFile(name); !bytes.Equal(b, want) {
		t.Errorf("%s now holds %q, want %q", name, b, want)
	}
}

// TestCommitRepeatedly publishes several versions in a row, as a watch loop does.
func TestCommitRepeatedly(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for i, v := range []map[string]string{oldSite, newSite, {"index.html": "third"}, oldSite} {
		st, err := Stage(dest)
		if err != nil {
			t.Fatalf("version %d: %v", i, err)
		}
		writeTree(t, st.Dir(), v)
		if err := st.Commit(); err != nil {
			t.Fatalf("version %d: %v", i, err)
		}
		if got := fileContents(t, dest); !reflect.DeepEqual(got, v) {
			t.Errorf("version %d: destination holds %v", i, got)
		}
		if left := siblings(t, parent, "public"); len(left) != 0 {
			t.Errorf("version %d: left %v beside the destination", i, left)
		}
	}
}

// TestCommitIsAtomic reads the destination while versions are committed: on Linux the swap is a
// single exchange, so a reader never finds the site missing or half-written.
func TestCommitIsAtomic(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("atomic exchange is Linux-only; elsewhere Commit uses two renames")
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	page := func(i int) string { return fmt.Sprintf("version %03d %s", i, strings.Repeat("x", 4096)) }
	writePublished(t, dest, map[string]string{"index.html": page(0)})

	stop := make(chan struct{})
	problems := make(chan string, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			b, err := os.ReadFile(filepath.Join(dest, "index.html"))
			if err != nil || len(b) != len(page(0)) || !strings.HasPrefix(string(b), "version ") {
				select {
				case problems <- fmt.Sprintf("reader saw %d bytes, err %v", len(b), err):
				default:
				}
				return
			}
		}
	}()
	for i := 1; i <= 200; i++ {
		st, err := Stage(dest)
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, st.Dir(), map[string]string{"index.html": page(i)})
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	select {
	case p := <-problems:
		t.Error(p)
	default:
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != page(200) {
		t.Errorf("final version is %.12q, want version 200", b)
	}
}

// TestLockExcludesSecondBuild: while one build holds a destination, a second cannot take it.
func TestLockExcludesSecondBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	release, err := Lock(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(dest); err == nil {
		t.Fatal("second Lock of the same destination succeeded")
	}
	release()
	again, err := Lock(dest)
	if err != nil {
		t.Fatalf("Lock after release: %v", err)
	}
	again()
}
