package publish

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/msg"
)

// A pair is what a build publishes: a site and its search index, in one directory.
const (
	siteName  = "public"
	indexName = "search.bleve"
)

// siteTree and indexTree are the two outputs of "build" tag; n adds files, to make a commit
// (and its window) longer.
func siteTree(tag string, n int) map[string]string {
	m := map[string]string{"index.html": "home " + tag, "plans/a/index.html": "a " + tag}
	if tag == "v1" {
		m["plans/only-in-v1/index.html"] = "gone later"
	}
	for i := 0; i < n; i++ {
		m[fmt.Sprintf("plans/p%03d/index.html", i)] = fmt.Sprintf("page %d of %s", i, tag)
	}
	return m
}

func indexTree(tag string, n int) map[string]string {
	m := map[string]string{"planportal-index.json": `{"build":"` + tag + `"}`, "shard-0/000.zap": "segment " + tag}
	for i := 0; i < n/10; i++ {
		m[fmt.Sprintf("shard-%d/001.zap", i+1)] = "segment " + tag
	}
	return m
}

// publishPair publishes build tag of both outputs under root in one transaction, the index
// first as planportal build does, and returns the transaction's ID.
func publishPair(root, tag string, n int) (string, error) {
	tx, err := Begin(filepath.Join(root, indexName), filepath.Join(root, siteName))
	if err != nil {
		return "", err
	}
	defer tx.Abort()
	for _, out := range []struct {
		name string
		tree map[string]string
	}{{siteName, siteTree(tag, n)}, {indexName, indexTree(tag, n)}} {
		st, err := tx.Stage(filepath.Join(root, out.name))
		if err != nil {
			return "", err
		}
		if err := writeFiles(st.Dir(), out.tree); err != nil {
			return "", err
		}
	}
	return tx.ID(), tx.Commit()
}

// writeFiles is writeTree for callers without a *testing.T (the child process).
func writeFiles(dir string, files map[string]string) error {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// pairTag checks that the site and the index under root are both, entirely, from one build
// and carry the same ID, and returns which build (v1, v2 …).
func pairTag(t *testing.T, root string, n int) string {
	t.Helper()
	site, index := filepath.Join(root, siteName), filepath.Join(root, indexName)
	if target, err := filepath.EvalSymlinks(index); err == nil {
		index = target // a linked index: read the directory it points to
	}
	sid, iid := ID(site), ID(index)
	if sid == "" || sid != iid {
		t.Fatalf("site ID %q, index ID %q: not one build", sid, iid)
	}
	got := fileContents(t, site)
	tag := strings.TrimPrefix(got["index.html"], "home ")
	if !reflect.DeepEqual(got, siteTree(tag, n)) {
		t.Fatalf("the site is not build %q entirely: %v", tag, got)
	}
	if gi := fileContents(t, index); !reflect.DeepEqual(gi, indexTree(tag, n)) {
		t.Fatalf("the site is build %q, the index is not: %v", tag, gi)
	}
	return tag
}

// noLeftovers checks that nothing but the two outputs and their lock files is left in root.
func noLeftovers(t *testing.T, root string) {
	t.Helper()
	if left := siblings(t, root, siteName, indexName, "."+siteName+".lock", "."+indexName+".lock"); len(left) != 0 {
		t.Errorf("left beside the outputs: %v", left)
	}
}

// withHook sets testHook for the rest of the test.
func withHook(t *testing.T, h func(step, dest string) error) {
	t.Cleanup(func() { testHook = nil })
	testHook = h
}

// swapModes runs f with the two renames systems without an atomic exchange use and, on
// Linux, with the exchange.
func swapModes(t *testing.T, f func(t *testing.T, renames bool)) {
	t.Run("renames", func(t *testing.T) {
		saved := exchange
		exchange = func(a, b string) error { return errors.New("no exchange in this test") }
		defer func() { exchange = saved }()
		f(t, true)
	})
	if runtime.GOOS == "linux" {
		t.Run("exchange", func(t *testing.T) { f(t, false) })
	}
}

func TestTxPublishesBoth(t *testing.T) {
	swapModes(t, func(t *testing.T, renames bool) {
		root := t.TempDir()
		var ids []string
		for _, tag := range []string{"v1", "v2", "v3"} {
			id, err := publishPair(root, tag, 3)
			if err != nil {
				t.Fatal(err)
			}
			if got := pairTag(t, root, 3); got != tag {
				t.Errorf("after publishing %s the outputs are %s", tag, got)
			}
			if ID(filepath.Join(root, siteName)) != id {
				t.Errorf("the outputs' ID is not the transaction's %s", id)
			}
			ids = append(ids, id)
			noLeftovers(t, root)
		}
		if ids[0] == ids[1] || ids[1] == ids[2] {
			t.Errorf("two builds share an ID: %v", ids)
		}
	})
}

func TestTxAbortLeavesBoth(t *testing.T) {
	root := t.TempDir()
	if _, err := publishPair(root, "v1", 3); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(filepath.Join(root, indexName), filepath.Join(root, siteName))
	if err != nil {
		t.Fatal(err)
	}
	st, err := tx.Stage(filepath.Join(root, siteName))
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, st.Dir(), siteTree("v2", 3))
	// The index step fails here: the build aborts.
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if tag := pairTag(t, root, 3); tag != "v1" {
		t.Errorf("after Abort the outputs are %s", tag)
	}
	noLeftovers(t, root)
	if err := tx.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	// The locks are released: the next build goes ahead.
	if _, err := publishPair(root, "v2", 3); err != nil {
		t.Fatal(err)
	}
}

// TestTxRefusesNonDirectory: an index path that is a plain file (or a link leading nowhere)
// is refused before anything is published, and the file is left alone.
func TestTxRefusesNonDirectory(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, index string)
		want  string
	}{
		{"plain file", func(t *testing.T, index string) {
			if err := os.WriteFile(index, []byte("not an index"), 0o640); err != nil {
				t.Fatal(err)
			}
		}, "not a directory"},
		{"dangling symlink", func(t *testing.T, index string) {
			if err := os.Symlink(filepath.Join(filepath.Dir(index), "nowhere"), index); err != nil {
				t.Skip(err)
			}
		}, "symbolic link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			site, index := filepath.Join(root, siteName), filepath.Join(root, indexName)
			writePublished(t, site, siteTree("v1", 3))
			tc.setup(t, index)
			before := readTree(t, root)
			tx, err := Begin(index, site)
			if err != nil {
				t.Fatal(err)
			}
			st, err := tx.Stage(site)
			if err != nil {
				t.Fatal(err)
			}
			writeTree(t, st.Dir(), siteTree("v2", 3))
			if _, err := tx.Stage(index); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Stage(%s): %v, want an error saying %q", tc.name, err, tc.want)
			}
			if err := tx.Abort(); err != nil {
				t.Fatal(err)
			}
			after := readTree(t, root)
			for _, lock := range []string{"." + siteName + ".lock", "." + indexName + ".lock"} {
				delete(after, lock)
			}
			if !reflect.DeepEqual(after, before) {
				t.Errorf("the outputs changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// TestTxIndexBecomesFileBeforeCommit: the index path turns into a plain file while the
// build runs: Commit refuses, and the site stays as it was.
func TestTxIndexBecomesFileBeforeCommit(t *testing.T) {
	root := t.TempDir()
	if _, err := publishPair(root, "v1", 3); err != nil {
		t.Fatal(err)
	}
	site, index := filepath.Join(root, siteName), filepath.Join(root, indexName)
	tx, err := Begin(index, site)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	for name, tree := range map[string]map[string]string{site: siteTree("v2", 3), index: indexTree("v2", 3)} {
		st, err := tx.Stage(name)
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, st.Dir(), tree)
	}
	if err := os.RemoveAll(index); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(index, []byte("x"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("Commit: %v, want a not-a-directory error", err)
	}
	if got := fileContents(t, site); !reflect.DeepEqual(got, siteTree("v1", 3)) {
		t.Errorf("the site changed: %v", got)
	}
	checkFile(t, index, []byte("x"))
}

// TestTxFollowsSymlinkedIndex: an index path that is a symbolic link to a directory (kept on
// another disk) is published through: the directory it points to is replaced, the link stays.
func TestTxFollowsSymlinkedIndex(t *testing.T) {
	swapModes(t, func(t *testing.T, renames bool) {
		root, disk := t.TempDir(), t.TempDir()
		target := filepath.Join(disk, "index-data")
		if err := os.Mkdir(target, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(root, indexName)); err != nil {
			t.Skip(err)
		}
		for _, tag := range []string{"v1", "v2"} {
			if _, err := publishPair(root, tag, 3); err != nil {
				t.Fatal(err)
			}
			if got := pairTag(t, root, 3); got != tag {
				t.Errorf("after %s: outputs are %s", tag, got)
			}
			if fi, err := os.Lstat(filepath.Join(root, indexName)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("the index link was replaced: %v %v", fi.Mode(), err)
			}
			if l, _ := os.Readlink(filepath.Join(root, indexName)); l != target {
				t.Errorf("the link points to %s, want %s", l, target)
			}
		}
		if left := siblings(t, disk, "index-data", ".index-data.lock"); len(left) != 0 {
			t.Errorf("left beside the index: %v", left)
		}
	})
}

// TestTxFailedSwapPutsBack makes each step of a commit fail in turn: the commit reports the
// error, both outputs are the previous build, nothing is left over, and the next build works.
func TestTxFailedSwapPutsBack(t *testing.T) {
	swapModes(t, func(t *testing.T, renames bool) {
		for _, failAt := range []string{"ids written", "journal written " + indexName, "journal written " + siteName,
			"swap " + indexName, "swap " + siteName, "moved aside " + indexName, "moved aside " + siteName} {
			t.Run(failAt, func(t *testing.T) {
				root := t.TempDir()
				if _, err := publishPair(root, "v1", 3); err != nil {
					t.Fatal(err)
				}
				failed := false
				withHook(t, func(step, dest string) error {
					if step+" "+filepath.Base(dest) == failAt || (step == failAt && dest == "") {
						failed = true
						return errors.New("injected failure")
					}
					return nil
				})
				_, err := publishPair(root, "v2", 3)
				if !failed {
					if !renames && strings.HasPrefix(failAt, "moved aside") {
						t.Skip("an exchange moves nothing aside")
					}
					t.Fatalf("no step %q", failAt)
				}
				if err == nil {
					t.Fatal("the commit reported success")
				}
				if !strings.Contains(err.Error(), "injected failure") {
					t.Errorf("error %q does not give the cause", err)
				}
				testHook = nil
				if got := pairTag(t, root, 3); got != "v1" {
					t.Errorf("after a failure at %s the outputs are %s, want v1", failAt, got)
				}
				noLeftovers(t, root)
				if _, err := publishPair(root, "v3", 3); err != nil {
					t.Fatal(err)
				}
				if got := pairTag(t, root, 3); got != "v3" {
					t.Errorf("the next build published %s", got)
				}
			})
		}
	})
}

// TestTxPutBackFailsToo: the second swap fails and so does putting the first back (as a
// rename of a directory with open files can on Windows): the error says so, and the next
// transaction (or Recover) finds the journal and puts the previous build back.
func TestTxPutBackFailsToo(t *testing.T) {
	swapModes(t, func(t *testing.T, renames bool) {
		for _, next := range []string{"Recover", "Begin"} {
			t.Run(next, func(t *testing.T) {
				root := t.TempDir()
				if _, err := publishPair(root, "v1", 3); err != nil {
					t.Fatal(err)
				}
				withHook(t, func(step, dest string) error {
					if (step == "swap" && filepath.Base(dest) == siteName) || step == "restore" {
						return errors.New("injected failure")
					}
					return nil
				})
				_, err := publishPair(root, "v2", 3)
				if err == nil || !strings.Contains(err.Error(), "next build or serve") {
					t.Fatalf("commit: %v, want an error saying the next run puts the versions back", err)
				}
				testHook = nil
				site, index := filepath.Join(root, siteName), filepath.Join(root, indexName)
				if ID(site) == ID(index) {
					t.Fatal("the failure did not leave the outputs mixed: the test injects nothing")
				}
				switch next {
				case "Recover":
					if err := Recover(index, site); err != nil {
						t.Fatal(err)
					}
					if got := pairTag(t, root, 3); got != "v1" {
						t.Errorf("Recover left %s, want v1", got)
					}
				case "Begin":
					if _, err := publishPair(root, "v3", 3); err != nil {
						t.Fatal(err)
					}
					if got := pairTag(t, root, 3); got != "v3" {
						t.Errorf("the next build left %s, want v3", got)
					}
				}
				noLeftovers(t, root)
			})
		}
	})
}

// TestTxLocks: while one transaction holds the outputs, another cannot begin, and Recover
// does not touch a transaction in progress.
func TestTxLocks(t *testing.T) {
	switch runtime.GOOS {
	case "plan9", "js", "wasip1":
		t.Skip("no file locks on this system")
	}
	root := t.TempDir()
	site, index := filepath.Join(root, siteName), filepath.Join(root, indexName)
	tx, err := Begin(index, site)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(site); !errors.Is(err, ErrBusy) {
		t.Errorf("a second Begin: %v, want ErrBusy", err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if _, err := publishPair(root, "v1", 3); err != nil {
		t.Fatalf("after Abort: %v", err)
	}
}

// TestRealRenameFailure makes the site's swap fail for real (an immutable directory cannot
// be renamed, even by root) after the index was swapped: the index is put back.
func TestRealRenameFailure(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("chattr is Linux's")
	}
	root := t.TempDir()
	if _, err := publishPair(root, "v1", 3); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(root, siteName)
	if out, err := exec.Command("chattr", "+i", site).CombinedOutput(); err != nil {
		t.Skipf("chattr +i: %v %s", err, out)
	}
	defer exec.Command("chattr", "-i", site).Run()
	_, err := publishPair(root, "v2", 3)
	if err == nil {
		t.Fatal("publishing over an immutable site succeeded")
	}
	t.Log(err)
	if err := exec.Command("chattr", "-i", site).Run(); err != nil {
		t.Fatal(err)
	}
	if got := pairTag(t, root, 3); got != "v1" {
		t.Errorf("after the failed swap the outputs are %s, want v1", got)
	}
	noLeftovers(t, root)
}

// The kill tests run this test binary again as a child that publishes (or recovers) and
// kills itself with SIGKILL (TerminateProcess on Windows) at one step.
const (
	childEnv   = "PUBLISH_TEST_CHILD"   // "commit" or "recover"
	rootEnv    = "PUBLISH_TEST_ROOT"    // the directory holding the outputs
	killEnv    = "PUBLISH_TEST_KILL_AT" // the step to die at, from 1; 0: none
	renamesEnv = "PUBLISH_TEST_RENAMES" // "1": no atomic exchange
	loopEnv    = "PUBLISH_TEST_LOOP"    // "1": publish v1, v2, v1 … until killed from outside
	sizeEnv    = "PUBLISH_TEST_SIZE"    // files per output
)

func TestMain(m *testing.M) {
	if what := os.Getenv(childEnv); what != "" {
		os.Exit(child(what))
	}
	// The tests pin the Chinese wording of the refusals, whatever the locale (the CLI's
	// tests pin the English).
	msg.SetEnglish(false)
	os.Exit(m.Run())
}

func child(what string) int {
	root := os.Getenv(rootEnv)
	killAt, _ := strconv.Atoi(os.Getenv(killEnv))
	n, _ := strconv.Atoi(os.Getenv(sizeEnv))
	if os.Getenv(renamesEnv) == "1" {
		exchange = func(a, b string) error { return errors.New("no exchange") }
	}
	out := bufio.NewWriter(os.Stdout)
	steps := 0
	testHook = func(step, dest string) error {
		steps++
		fmt.Fprintf(out, "%s %s\n", step, filepath.Base(dest))
		out.Flush()
		if steps == killAt {
			p, _ := os.FindProcess(os.Getpid())
			_ = p.Kill()
			select {}
		}
		return nil
	}
	var err error
	switch {
	case what == "recover":
		err = Recover(filepath.Join(root, indexName), filepath.Join(root, siteName))
	case os.Getenv(loopEnv) == "1":
		for i := 2; err == nil; i++ {
			_, err = publishPair(root, fmt.Sprintf("v%d", i), n)
		}
	default:
		_, err = publishPair(root, "v2", n)
	}
	if err != nil {
		fmt.Fprintln(out, "error:", err)
		out.Flush()
		return 1
	}
	fmt.Fprintln(out, "done")
	out.Flush()
	return 0
}

// runChild runs the child and returns the steps it printed and whether it finished.
func runChild(t *testing.T, what, root string, killAt int, renames bool) (steps []string, finished bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+what, rootEnv+"="+root, killEnv+"="+strconv.Itoa(killAt), sizeEnv+"=3")
	if renames {
		cmd.Env = append(cmd.Env, renamesEnv+"=1")
	}
	out, err := cmd.Output()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "done" {
		if err != nil {
			t.Fatalf("child %s: %v", what, err)
		}
		return lines[:len(lines)-1], true
	}
	if err == nil {
		t.Fatalf("child %s ended without finishing or being killed: %q", what, out)
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "error:") {
			t.Fatalf("child %s: %s", what, l)
		}
	}
	return lines, false
}

// TestKillAnywhere kills a publishing process at every step of its commit, then a recovering
// process at every step of the recovery, and checks that afterwards the site and the index
// are both the previous build, or (once the last swap was done) both the new one: never one
// of each, and nothing left over.
func TestKillAnywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a few hundred processes")
	}
	swapModes(t, func(t *testing.T, renames bool) {
		for k := 1; ; k++ {
			root := t.TempDir()
			if _, err := publishPair(root, "v1", 3); err != nil {
				t.Fatal(err)
			}
			steps, finished := runChild(t, "commit", root, k, renames)
			if finished {
				if got := pairTag(t, root, 3); got != "v2" {
					t.Errorf("an uninterrupted commit left %s", got)
				}
				if k < 8 {
					t.Errorf("only %d steps in a commit of two outputs: the hook is not reached", k-1)
				}
				t.Logf("killed at each of %d steps of a commit", k-1)
				return
			}
			// Once every output is swapped the commit is done: cleanup steps follow.
			want := "v1"
			if strings.HasPrefix(steps[len(steps)-1], "removed") || strings.HasPrefix(steps[len(steps)-1], "journal removed") {
				want = "v2"
			}
			// Save the state the kill left, to recover from it once per step of recovery.
			killed := filepath.Join(t.TempDir(), "killed")
			if err := os.Rename(root, killed); err != nil {
				t.Fatal(err)
			}
			for m := 1; ; m++ {
				if err := os.RemoveAll(root); err != nil {
					t.Fatal(err)
				}
				if err := os.CopyFS(root, os.DirFS(killed)); err != nil {
					t.Fatal(err)
				}
				_, done := runChild(t, "recover", root, m, renames)
				if err := Recover(filepath.Join(root, indexName), filepath.Join(root, siteName)); err != nil {
					t.Fatalf("kill at %q, recovery killed at step %d: Recover: %v", steps[len(steps)-1], m, err)
				}
				if got := pairTag(t, root, 3); got != want {
					t.Errorf("kill at %q (step %d), recovery killed at step %d: outputs are %s, want %s", steps[len(steps)-1], k, m, got, want)
				}
				// Staging directories of a kill before the journal are the next build's to
				// remove: it does, and publishes.
				if _, err := publishPair(root, "v3", 3); err != nil {
					t.Fatal(err)
				}
				if got := pairTag(t, root, 3); got != "v3" {
					t.Errorf("the build after the recovery published %s", got)
				}
				noLeftovers(t, root)
				if done {
					break
				}
			}
		}
	})
}

// TestKillAtRandomTimes kills a process that publishes one build after another at random
// moments of a commit (inside a rename, a journal write, a removal: anywhere, not only
// between steps), then recovers and publishes again.
func TestKillAtRandomTimes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const n = 30 // files per output
	inside := 0
	for i := 0; i < 20; i++ {
		root := t.TempDir()
		if _, err := publishPair(root, "v1", n); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=commit", loopEnv+"=1", rootEnv+"="+root, sizeEnv+"="+strconv.Itoa(n))
		if i%2 == 1 {
			cmd.Env = append(cmd.Env, renamesEnv+"=1")
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it a random time after a commit of its began: from at once to 3 ms later.
		commits, d := 1+rand.IntN(3), time.Duration(rand.IntN(3000))*time.Microsecond
		var steps []string
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			steps = append(steps, sc.Text())
			if sc.Text() == "ids written ." {
				if commits--; commits == 0 {
					time.Sleep(d)
					_ = cmd.Process.Kill()
				}
			}
		}
		_ = cmd.Wait()
		last := steps[len(steps)-1]
		if !strings.HasPrefix(last, "journal removed "+siteName) {
			inside++ // the last step printed was not the end of a commit
		}
		if err := Recover(filepath.Join(root, indexName), filepath.Join(root, siteName)); err != nil {
			t.Fatal(err)
		}
		tag := pairTag(t, root, n)
		if _, err := publishPair(root, "v99", n); err != nil {
			t.Fatal(err)
		}
		pairTag(t, root, n)
		noLeftovers(t, root)
		t.Logf("killed %s after a commit began, after step %q: recovered %s", d, last, tag)
	}
	t.Logf("%d of 20 kills fell inside a commit", inside)
}
