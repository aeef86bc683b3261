package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/publish"
)

// editPlan appends a paragraph holding word to one plan, so that the next build differs.
func editPlan(t *testing.T, site, word string) {
	t.Helper()
	doc := filepath.Join(site, "content", "plans", "haian-2025.md")
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, append(b, []byte("\n"+word+"相关工作持续推进。\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// chattr sets or clears the immutable flag, which makes a directory impossible to rename,
// even for root: a real failure of a swap. It skips the test where that is not possible.
func chattr(t *testing.T, flag, path string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("chattr is Linux's")
	}
	if out, err := exec.Command("chattr", flag, path).CombinedOutput(); err != nil {
		t.Skipf("chattr %s: %v %s", flag, err, out)
	}
}

// TestFailedPublishPublishesNothing: when the index cannot be published (a plain file where
// search.bleve should be, a directory that cannot be renamed) or the site cannot (after the
// index was swapped), the build fails, says nothing was published, and public/ and
// search.bleve/ are byte for byte what they were.
func TestFailedPublishPublishesNothing(t *testing.T) {
	for _, tc := range []struct {
		name    string
		breakIt func(t *testing.T, public, index string) (undo func())
	}{
		{"index is a plain file", func(t *testing.T, public, index string) func() {
			if err := os.RemoveAll(index); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(index, []byte("not an index\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return func() {}
		}},
		{"index cannot be renamed", func(t *testing.T, public, index string) func() {
			chattr(t, "+i", index)
			return func() { chattr(t, "-i", index) }
		}},
		{"site cannot be renamed", func(t *testing.T, public, index string) func() {
			chattr(t, "+i", public)
			return func() { chattr(t, "-i", public) }
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t)
			if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
				t.Fatalf("first build exited %d: %s", code, errs)
			}
			public, index := filepath.Join(site, "public"), filepath.Join(site, "search.bleve")
			undo := tc.breakIt(t, public, index)
			defer undo()
			beforeSite := treeHash(t, public)
			beforeIndex := treeHash(t, index)
			editPlan(t, site, "发布测试词")

			code, _, errs := runCLI(t, "build", "--source", site)
			undo()
			if code != 1 || !strings.Contains(errs, "nothing was published") {
				t.Errorf("build exited %d, want 1 and \"nothing was published\":\n%s", code, errs)
			}
			if treeHash(t, public) != beforeSite {
				t.Error("public/ changed, though the build says nothing was published")
			}
			if treeHash(t, index) != beforeIndex {
				t.Error("search.bleve changed, though the build says nothing was published")
			}
			if m, _ := filepath.Glob(filepath.Join(site, ".*.[to][ml][pd]-*")); len(m) > 0 {
				t.Errorf("staging directories left behind: %v", m)
			}
			if fi, err := os.Stat(index); err == nil && fi.IsDir() && publish.ID(index) != publish.ID(public) {
				t.Errorf("site ID %q, index ID %q", publish.ID(public), publish.ID(index))
			}
		})
	}
}

// TestSymlinkedIndex: search.bleve may be a symbolic link to a directory elsewhere (another
// disk): the build publishes the index into the directory it points to, the link stays, and
// search finds what the site shows.
func TestSymlinkedIndex(t *testing.T) {
	site := copySite(t)
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatalf("first build exited %d: %s", code, errs)
	}
	index := filepath.Join(site, "search.bleve")
	elsewhere := filepath.Join(t.TempDir(), "index-disk")
	if err := os.Rename(index, elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, index); err != nil {
		t.Skip(err)
	}
	const word = "链接索引测试词"
	editPlan(t, site, word)
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatalf("build with a linked index exited %d: %s", code, errs)
	}
	if fi, err := os.Lstat(index); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("search.bleve is no longer a link: %v", err)
	}
	if id := publish.ID(elsewhere); id == "" || id != publish.ID(filepath.Join(site, "public")) {
		t.Errorf("index ID %q, site ID %q", id, publish.ID(filepath.Join(site, "public")))
	}
	if p := readFile(t, filepath.Join(site, "public"), "plans/haian-2025/index.html"); !strings.Contains(p, word) {
		t.Error("the edit is not on the page")
	}
	code, out, errs := runCLI(t, "search", "--source", site, word)
	if code != 0 || !strings.HasPrefix(out, "1 hits") {
		t.Errorf("search %s: exit %d, %q %s", word, code, firstLine(out), errs)
	}
}

// TestKilledBuild kills `planportal build` processes with SIGKILL at moments spread over
// their publishing (from the journal's appearing to a few dozen milliseconds later), each
// time after changing one plan. A `planportal serve` replica runs throughout: right after
// each kill, the search it answers agrees with the page it serves. Then a recovery (what the
// next build or serve does first) leaves public/ and search.bleve/ from one build: the same
// ID, and the page and the index hold the same version of the plan. The next build then
// publishes.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site a dozen times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("kills with SIGKILL")
	}
	site := copySite(t)
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatalf("first build exited %d: %s", code, errs)
	}
	public, index := filepath.Join(site, "public"), filepath.Join(site, "search.bleve")
	journals := []string{filepath.Join(site, ".public.publish"), filepath.Join(site, ".search.bleve.publish")}
	version := func() int { // which version of the plan the page shows (0: none yet)
		p := readFile(t, public, "plans/haian-2025/index.html")
		for v := 20; v > 0; v-- {
			if strings.Contains(p, fmt.Sprintf("杀进程测试第%d版", v)) {
				return v
			}
		}
		return 0
	}
	replica := startServe(t, "--source", site, "--index-poll", "20ms")
	servedVersion := func() int { // the version of the plan the replica's page shows
		resp, err := http.Get(replica.base + "/plans/haian-2025/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		for v := 20; v > 0; v-- {
			if strings.Contains(string(b), fmt.Sprintf("杀进程测试第%d版", v)) {
				return v
			}
		}
		return 0
	}
	inside := 0
	for v := 1; v <= 12; v++ {
		editPlan(t, site, fmt.Sprintf("杀进程测试第%d版", v))
		cmd := exec.Command(os.Args[0], "build", "--source", site)
		cmd.Env = append(os.Environ(), "PLANPORTAL_AS_CLI=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for the publish window to open, then kill 0 to 33 ms into it.
		delay := time.Duration(v*v*250) * time.Microsecond
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		killed := false
	wait:
		for {
			select {
			case <-exited:
				break wait
			default:
			}
			for _, j := range journals {
				if _, err := os.Lstat(j); err == nil {
					time.Sleep(delay)
					killed = cmd.Process.Signal(syscall.SIGKILL) == nil
					<-exited
					break wait
				}
			}
			time.Sleep(50 * time.Microsecond)
		}
		pending := false
		for _, j := range journals {
			if _, err := os.Lstat(j); err == nil {
				pending = true
			}
		}
		if pending {
			inside++
		}
		// The replica answers from the index of the site it serves, whatever the kill left.
		pv := servedVersion()
		for w := 1; w <= v; w++ {
			n, _, err := apiSearch(replica.base, fmt.Sprintf("杀进程测试第%d版", w))
			if err != nil {
				t.Fatalf("version %d: the replica's search: %v", v, err)
			}
			if (n > 0) != (w <= pv) {
				t.Errorf("version %d killed %s into publishing: the replica's page shows version %d, its search finds version %d: %d hits",
					v, delay, pv, w, n)
			}
		}
		// The replica may be settling the publish itself: then wait for it.
		for try := 0; ; try++ {
			err := publish.Recover(index, public)
			if err == nil {
				break
			}
			if !errors.Is(err, publish.ErrBusy) || try == 100 {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond)
		}
		sid, iid := publish.ID(public), publish.ID(index)
		if sid == "" || sid != iid {
			t.Fatalf("version %d, killed %v %s into publishing: site ID %q, index ID %q", v, killed, delay, sid, iid)
		}
		got := version()
		// The index must agree with the page: it finds the version the page shows, and no later one.
		for w := 1; w <= v; w++ {
			_, out, _ := runCLI(t, "search", "--source", site, fmt.Sprintf("杀进程测试第%d版", w))
			found := !strings.HasPrefix(out, "0 hits")
			if found != (w <= got) {
				t.Errorf("version %d killed %s into publishing: the page shows version %d, the index finds version %d: %v",
					v, delay, got, w, found)
			}
		}
		t.Logf("version %d: killed %v %s into publishing (journal left: %v): recovered version %d", v, killed, delay, pending, got)
	}
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatalf("the build after the kills exited %d: %s", code, errs)
	}
	if got := version(); got != 12 {
		t.Errorf("the last build shows version %d, want 12", got)
	}
	t.Logf("%d of 12 kills left a publish to recover", inside)
}
