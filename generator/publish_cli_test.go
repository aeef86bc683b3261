package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
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

// TestKilledBuild kills `planportal build` processes with SIGKILL, each time after changing
// one plan: 50 at random moments of the whole build (loading, rendering, indexing,
// publishing), then 10 aimed at the publishing (from the journal's appearing to a few dozen
// milliseconds later). A `planportal serve` replica runs throughout: right after each kill,
// the search it answers agrees with the page it serves. Then a recovery (what the next build
// or serve does first) leaves public/ and search.bleve/ from one build: the same ID, and the
// page and the index hold the same version of the plan. The next build then publishes.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site 60 times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("kills with SIGKILL")
	}
	const random, aimed = 50, 10
	site := copySite(t)
	start := time.Now()
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatalf("first build exited %d: %s", code, errs)
	}
	buildTime := time.Since(start)
	public, index := filepath.Join(site, "public"), filepath.Join(site, "search.bleve")
	journals := []string{filepath.Join(site, ".public.publish"), filepath.Join(site, ".search.bleve.publish")}
	// Each version adds a paragraph (a search record of its own) naming it, so the index of
	// version v finds v paragraphs.
	versionRE := regexp.MustCompile(`杀进程测试第([0-9]+)版`)
	shown := func(page string) int { // the newest version a page shows (0: none yet)
		got := 0
		for _, m := range versionRE.FindAllStringSubmatch(page, -1) {
			if n, _ := strconv.Atoi(m[1]); n > got {
				got = n
			}
		}
		return got
	}
	replica := startServe(t, "--source", site, "--index-poll", "20ms")
	inside := 0
	for v := 1; v <= random+aimed; v++ {
		editPlan(t, site, fmt.Sprintf("杀进程测试第%d版的发布流程验证", v))
		cmd := exec.Command(os.Args[0], "build", "--source", site)
		cmd.Env = append(os.Environ(), "PLANPORTAL_AS_CLI=1")
		began := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		var delay time.Duration
		if v <= random {
			// Anywhere in the build: up to 1.5 times the first build's time after it started.
			delay = time.Duration(rand.Int64N(int64(buildTime) * 3 / 2))
			select {
			case <-exited:
			case <-time.After(delay):
				_ = cmd.Process.Signal(syscall.SIGKILL)
				<-exited
			}
		} else {
			// Wait for the publish window to open, then kill 0 to 25 ms into it.
			k := v - random
			delay = time.Duration(k*k*250) * time.Microsecond
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
						_ = cmd.Process.Signal(syscall.SIGKILL)
						<-exited
						break wait
					}
				}
				time.Sleep(50 * time.Microsecond)
			}
		}
		for _, j := range journals {
			if _, err := os.Lstat(j); err == nil {
				inside++
				break
			}
		}
		// The replica answers from the index of the site it serves, whatever the kill left.
		resp, err := http.Get(replica.base + "/plans/haian-2025/")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		pv := shown(string(b))
		if n, _, err := apiSearch(replica.base, "杀进程测试"); err != nil {
			t.Fatalf("version %d: the replica's search: %v", v, err)
		} else if n != pv {
			t.Errorf("version %d killed %s after it began: the replica's page shows version %d, its search finds %d versions", v, time.Since(began).Round(time.Millisecond), pv, n)
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
			t.Fatalf("version %d, killed %s into the build: site ID %q, index ID %q", v, delay, sid, iid)
		}
		got := shown(readFile(t, public, "plans/haian-2025/index.html"))
		_, js, _ := runCLI(t, "search", "--json", "--source", site, "--limit", "100", "杀进程测试")
		var r struct{ Total int }
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			t.Fatalf("version %d: search --json: %v: %.200s", v, err, js)
		}
		if r.Total != got {
			t.Errorf("version %d killed %s into the build: the page shows version %d, the index finds %d versions", v, delay, got, r.Total)
		}
	}
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatalf("the build after the kills exited %d: %s", code, errs)
	}
	if got := shown(readFile(t, public, "plans/haian-2025/index.html")); got != random+aimed {
		t.Errorf("the last build shows version %d, want %d", got, random+aimed)
	}
	t.Logf("%d builds killed (%d at random, %d aimed at publishing; a build takes %s): %d left a publish to recover",
		random+aimed, random, aimed, buildTime.Round(time.Millisecond), inside)
}
