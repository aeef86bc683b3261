package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestJunk(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "haian-2025.md": false, "style.css": false, "2025.md": false,
		"a.md~": true, ".a.md.swp": true, ".a.md.swx": true, "a.md.swp": true, "4913": true, "5036": true,
		"a.md___jb_tmp___": true, "a.md___jb_old___": true, "#a.md#": true, ".#a.md": true, "~$a.docx": true,
		".DS_Store": true, "a.md.bak": true, "a.md.tmp": true,
	} {
		if got := Junk(name, false); got != want {
			t.Errorf("Junk(%q) = %v, want %v", name, got, want)
		}
	}
	if Junk("2025", true) || !Junk(".git", true) {
		t.Errorf("directories: 2025 is a directory name, .git is hidden")
	}
}

// quiet is the harness's Quiet. A burst written by the test is one batch only if the test's
// goroutine never pauses that long between two files; on a busy machine a thread waits for a
// core for tens of milliseconds (with 60 ms, on a loaded machine, about one burst in thirty
// was cut in two with file events, one in 150 when polling).
const quiet = 250 * time.Millisecond

// harness is a watcher on a temporary tree: content/ (recursive) and config.toml.
type harness struct {
	t       *testing.T
	root    string
	content string
	w       *Watcher
}

func newHarness(t *testing.T, poll time.Duration) *harness {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	if err := os.MkdirAll(filepath.Join(content, "plans"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(content, "plans", "a.md"), "a")
	write(t, filepath.Join(root, "config.toml"), "title = \"x\"")
	w, err := New([]string{content, filepath.Join(root, "config.toml")}, Options{Poll: poll, Quiet: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return &harness{t: t, root: root, content: content, w: w}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for a batch; nil if none came within d.
func (h *harness) next(d time.Duration) *Batch {
	select {
	case b := <-h.w.Batches():
		return &b
	case <-time.After(d):
		return nil
	}
}

// expect waits for the next batch and checks that it holds want (paths relative to root).
func (h *harness) expect(what string, want ...string) {
	h.t.Helper()
	b := h.next(5 * time.Second)
	if b == nil {
		h.t.Fatalf("%s: no batch", what)
	}
	var got []string
	for _, p := range b.Paths {
		rel, _ := filepath.Rel(h.root, p)
		got = append(got, rel)
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			h.t.Errorf("%s: batch %v lacks %s", what, got, w)
		}
	}
	for _, g := range got {
		if fi, err := os.Stat(filepath.Join(h.root, g)); err == nil && fi.IsDir() {
			continue // a directory created is reported, with what is in it
		}
		if filepath.Ext(g) != ".md" && g != "config.toml" && !slices.Contains(want, g) {
			h.t.Errorf("%s: batch %v has %s", what, got, g)
		}
	}
}

// quiet checks that no batch comes.
func (h *harness) quiet(what string, d time.Duration) {
	h.t.Helper()
	if b := h.next(d); b != nil {
		h.t.Errorf("%s: unexpected batch %v", what, b.Paths)
	}
}

func testWatcher(t *testing.T, poll time.Duration) {
	h := newHarness(t, poll)
	plans := filepath.Join(h.content, "plans")
	// How long to wait to be sure that no batch comes: a change is seen (at the next scan,
	// when polling), then delivered once quiet.
	settle := poll + quiet + 250*time.Millisecond
	if poll > 0 {
		// A file's mtime must move, or its hash be taken, for a scan to see a change.
		time.Sleep(10 * time.Millisecond)
	}

	write(t, filepath.Join(plans, "a.md"), "a, edited in place")
	h.expect("write in place", "content/plans/a.md")

	tmp := filepath.Join(plans, ".a.md.tmp123")
	write(t, tmp, "a, written and renamed over")
	if err := os.Rename(tmp, filepath.Join(plans, "a.md")); err != nil {
		t.Fatal(err)
	}
	h.expect("write then rename", "content/plans/a.md")

	// Editors' by-products and a permission change bring no batch.
	for _, name := range []string{"a.md~", ".a.md.swp", "4913", "a.md___jb_tmp___", "#a.md#"} {
		write(t, filepath.Join(plans, name), "junk")
		os.Remove(filepath.Join(plans, name))
	}
	if err := os.Chmod(filepath.Join(plans, "a.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.quiet("swap, backup and temporary files; chmod", settle)

	// A burst is one batch.
	for i := 0; i < 50; i++ {
		write(t, filepath.Join(plans, fmt.Sprintf("burst-%02d.md", i)), "x")
	}
	b := h.next(5 * time.Second)
	if b == nil || len(b.Paths) != 50 {
		t.Fatalf("burst of 50 files: %v", b)
	}
	h.quiet("after the burst", settle)

	// A directory created later is watched, files written into it at once included.
	sub := filepath.Join(h.content, "notices", "2025")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(sub, "n.md"), "n")
	h.expect("new directory", "content/notices/2025/n.md")
	time.Sleep(settle)
	write(t, filepath.Join(sub, "n.md"), "n, edited")
	h.expect("edit in the new directory", "content/notices/2025/n.md")

	write(t, filepath.Join(h.root, "config.toml"), "title = \"y\"")
	h.expect("config", "config.toml")
	write(t, filepath.Join(h.root, "other.txt"), "not watched")
	h.quiet("a file beside config.toml", settle)

	if err := os.Remove(filepath.Join(plans, "a.md")); err != nil {
		t.Fatal(err)
	}
	h.expect("remove", "content/plans/a.md")
}

func TestNotify(t *testing.T) { testWatcher(t, 0) }
func TestPoll(t *testing.T)   { testWatcher(t, 50*time.Millisecond) }

// TestPollSameSizeSameTick checks that polling sees a rewrite of the same size whose mtime
// does not move (coarse timestamps), by its hash.
func TestPollSameSizeSameTick(t *testing.T) {
	h := newHarness(t, 50*time.Millisecond)
	p := filepath.Join(h.content, "plans", "a.md")
	fi, _ := os.Stat(p)
	write(t, p, "b")
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	h.expect("same size, same mtime", "content/plans/a.md")
}

// TestPollBurstAcrossScans: files written one after another while scans pass (a checkout,
// a copy of a folder) are one batch when polling, as they are with file events: a scan that
// sees part of them does not end the burst; only a scan that finds nothing new does. (Quiet
// shorter than Poll, as planportal dev's defaults are.) The batches are received as they
// come, as the dev server does.
func TestPollBurstAcrossScans(t *testing.T) {
	root := t.TempDir()
	w, err := New([]string{root}, Options{Poll: 400 * time.Millisecond, Quiet: 250 * time.Millisecond, MaxDelay: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	batches := make(chan int, 100)
	go func() {
		for b := range w.Batches() {
			batches <- len(b.Paths)
		}
	}()
	// About 1.2 s of writing, a file every 10 ms: two or three scans fall inside it.
	start := time.Now()
	n := 0
	for ; time.Since(start) < 1200*time.Millisecond; n++ {
		write(t, filepath.Join(root, fmt.Sprintf("f-%03d.md", n)), "x")
		time.Sleep(10 * time.Millisecond)
	}
	var got []int
	for seen := 0; seen < n; {
		select {
		case k := <-batches:
			got = append(got, k)
			seen += k
		case <-time.After(10 * time.Second):
			t.Fatalf("%d files written, batches of %v", n, got)
		}
	}
	if len(got) != 1 {
		t.Errorf("%d files written one after another came in batches of %v, want one", n, got)
	}
}
