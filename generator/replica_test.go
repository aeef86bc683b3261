package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/planportal/planportal/generator/msg"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestMain lets tests run this test binary as the planportal command itself
// (PLANPORTAL_AS_CLI=1), so that they can start real `planportal serve` processes without
// compiling another binary.
func TestMain(m *testing.M) {
	if os.Getenv("PLANPORTAL_AS_CLI") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	// The tests pin the English messages (the CLI's children read LC_ALL); the Chinese
	// default has tests of its own that set it.
	msg.SetEnglish(true)
	os.Setenv("LC_ALL", "en_US.UTF-8")
	os.Exit(m.Run())
}

// serveProc is a `planportal serve` process.
type serveProc struct {
	cmd  *exec.Cmd
	base string
}

// startServe starts `planportal serve` on a free port of 127.0.0.1 and waits until it listens.
func startServe(t *testing.T, args ...string) *serveProc {
	t.Helper()
	return startCLI(t, "serve", 20*time.Second, args...)
}

// startCLI runs `planportal <command> --addr 127.0.0.1:0 args…` (this test binary as the CLI),
// waits, at most timeout, for the line announcing its address, and stops it with SIGTERM when
// the test ends; a process that does not stop within 10 s fails the test.
func startCLI(t *testing.T, command string, timeout time.Duration, args ...string) *serveProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{command, "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "PLANPORTAL_AS_CLI=1")
	cmd.Stderr = &logWriter{t: t}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Errorf("planportal %s did not stop on SIGTERM", command)
			_ = cmd.Process.Kill()
			<-done
		}
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
	}()
	select {
	case l := <-lines:
		// "serving public at http://127.0.0.1:NNNN/ (Ctrl-C to stop)"
		i := strings.Index(l, "http://")
		if i < 0 {
			t.Fatalf("unexpected first line %q", l)
		}
		base := strings.Fields(l[i:])[0]
		return &serveProc{cmd: cmd, base: strings.TrimSuffix(base, "/")}
	case <-time.After(timeout):
		t.Fatalf("planportal %s did not start", command)
	}
	return nil
}

type logWriter struct{ t *testing.T }

func (w *logWriter) Write(p []byte) (int, error) {
	w.t.Logf("serve: %s", strings.TrimSpace(string(p)))
	return len(p), nil
}

// apiSearch queries a server's /api/search and decodes the total and the hit URLs.
func apiSearch(base, q string) (total int, urls []string, err error) {
	resp, err := http.Get(base + "/api/search?q=" + url.QueryEscape(q))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return 0, nil, fmt.Errorf("%s: status %d: %.200s", q, resp.StatusCode, body)
	}
	var r struct {
		Total int `json:"total"`
		Hits  []struct {
			URL string `json:"url"`
		} `json:"hits"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return 0, nil, err
	}
	for _, h := range r.Hits {
		urls = append(urls, h.URL)
	}
	return r.Total, urls, nil
}

// TestTwoReplicas starts two `planportal serve` processes on one built site and index at the
// same time (the index is opened read-only, so any number can share it) and queries both.
func TestTwoReplicas(t *testing.T) {
	dest := buildBundled(t)
	index := filepath.Join(filepath.Dir(dest), "search.bleve")
	args := []string{"--source", repoRoot, "--dest", dest, "--index", index}
	a, b := startServe(t, args...), startServe(t, args...)
	for _, q := range []string{"儿科", "家庭医生签约", "三明医改"} {
		ta, ua, err := apiSearch(a.base, q)
		if err != nil {
			t.Fatal(err)
		}
		tb, ub, err := apiSearch(b.base, q)
		if err != nil {
			t.Fatal(err)
		}
		if ta == 0 || ta != tb || strings.Join(ua, " ") != strings.Join(ub, " ") {
			t.Errorf("%s: replica A %d hits %v, replica B %d hits %v", q, ta, ua, tb, ub)
		}
	}
	for _, s := range []*serveProc{a, b} {
		resp, err := http.Get(s.base + "/plans/haian-2025/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: static page status %d", s.base, resp.StatusCode)
		}
	}
}

// TestReopenOnSwap rebuilds the index under a running server with a new document and sends
// SIGHUP: the server answers from the new index at once, and none of the requests made
// throughout fails.
func TestReopenOnSwap(t *testing.T) {
	src := copySite(t)
	code, out, errs := runCLI(t, "build", "--source", src)
	if code != 0 {
		t.Fatalf("build: %d %s %s", code, out, errs)
	}
	// Polling is off: only SIGHUP can make the server see the new index.
	s := startServe(t, "--source", src, "--index-poll", "0")
	const term = "复方替换测试词"
	if n, _, err := apiSearch(s.base, term); err != nil || n != 0 {
		t.Fatalf("before the rebuild: %d hits, %v", n, err)
	}

	// Query continuously while the index is rebuilt and swapped.
	var failures, requests atomic.Int64
	var firstErr atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				requests.Add(1)
				if _, _, err := apiSearch(s.base, "儿科"); err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		}()
	}

	doc := "+++\ntitle = \"替换测试通知\"\nagency = \"测试市卫生健康委员会\"\npublished = \"2025-06-01\"\n+++\n\n1. 推进" + term + "工作。\n"
	if err := os.WriteFile(filepath.Join(src, "content", "plans", "swap-test.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ { // several swaps, each under load
		if code, out, errs := runCLI(t, "build", "--source", src, "--force"); code != 0 {
			t.Fatalf("rebuild: %d %s %s", code, out, errs)
		}
		if err := s.cmd.Process.Signal(syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			n, urls, err := apiSearch(s.base, term)
			if err == nil && n == 1 && urls[0] == "/plans/swap-test/#i1" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("swap %d: the new document is not found 5 s after SIGHUP: %d %v %v", i+1, n, urls, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	close(stop)
	wg.Wait()
	if failures.Load() > 0 {
		t.Errorf("%d of %d requests failed during the swaps; first: %v", failures.Load(), requests.Load(), firstErr.Load())
	}
	t.Logf("%d requests during 3 swaps, %d failed", requests.Load(), failures.Load())
}
