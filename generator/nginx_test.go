package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestNginxDeployment runs docs/nginx.conf with Debian's nginx in front of two `planportal
// serve` replicas: public/ served statically, /search/ and /api/search proxied. Under load
// through nginx (static pages, a feed, an asset, the API and the search page), two rebuilds
// publish new versions of the site and its index: no request fails, and search through nginx
// then finds what the last build added. Dot files (the build's .publish-id) are not served.
func TestNginxDeployment(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		nginx = "/usr/sbin/nginx"
	}
	if _, err := os.Stat(nginx); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("nginx not found: .ci/run installs Debian's nginx")
		}
		t.Skip("no nginx here (apt-get install nginx)")
	}
	if testing.Short() {
		t.Skip("runs nginx and a load")
	}
	site := copySite(t)
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatal(errs)
	}
	a := startServe(t, "--source", site, "--index-poll", "50ms")
	b := startServe(t, "--source", site, "--index-poll", "50ms")
	run := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	listen := ln.Addr().String()
	ln.Close()
	conf, err := os.ReadFile(filepath.Join(repoRoot, "docs", "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	user := "" // workers run as the user running the test, or, for root, as root (to read t.TempDir)
	if os.Geteuid() == 0 {
		user = "user root;"
	}
	vars := map[string]string{"user": user, "run": run, "mime_types": "/etc/nginx/mime.types", "listen": listen,
		"public": filepath.Join(site, "public"), "replica_a": strings.TrimPrefix(a.base, "http://"), "replica_b": strings.TrimPrefix(b.base, "http://")}
	filled := regexp.MustCompile(`\$\{([a-z_]+)\}`).ReplaceAllStringFunc(string(conf), func(m string) string {
		v, ok := vars[m[2:len(m)-1]]
		if !ok {
			t.Fatalf("docs/nginx.conf: unknown placeholder %s", m)
		}
		return v
	})
	confFile := filepath.Join(run, "nginx.conf")
	if err := os.WriteFile(confFile, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nginx, "-c", confFile, "-p", run, "-e", filepath.Join(run, "error.log"))
	cmd.Stderr = &logWriter{t: t}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			if b, err := os.ReadFile(filepath.Join(run, "error.log")); err == nil {
				t.Logf("nginx error.log:\n%s", b)
			}
		}
	})
	base := "http://" + listen
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", listen); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(filepath.Join(run, "error.log"))
			t.Fatalf("nginx does not listen on %s: %s", listen, b)
		}
	}
	home := waitPage(t, "nginx", base+"/", func(b string) bool { return strings.Contains(b, "</html>") })
	css := regexp.MustCompile(`href="(/assets/style\.[0-9a-f]+\.css)"`).FindStringSubmatch(home)
	if css == nil {
		t.Fatal("no stylesheet on the home page")
	}
	paths := []string{"/", "/plans/haian-2025/", "/themes/children/", "/feed.xml", css[1],
		"/api/search?q=" + url.QueryEscape("儿科"), "/search/?q=" + url.QueryEscape("医共体"), "/api/search?q=" + url.QueryEscape("负载测试")}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	var requests, failures atomic.Int64
	var firstFailure atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				p := paths[i%len(paths)]
				resp, err := client.Get(base + p)
				requests.Add(1)
				if err != nil {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, fmt.Sprintf("%s: %v", p, err))
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, fmt.Sprintf("%s: status %d", p, resp.StatusCode))
				}
			}
		}(w)
	}
	for v := 1; v <= 2; v++ {
		time.Sleep(time.Second)
		editPlan(t, site, fmt.Sprintf("负载测试第%d版的发布流程验证", v))
		if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
			close(stop)
			wg.Wait()
			t.Fatalf("rebuild %d under load: %s", v, errs)
		}
	}
	// Search through nginx finds what the last build added, once the replicas follow it.
	waitPage(t, "the rebuilt index through nginx", base+"/api/search?q="+url.QueryEscape("负载测试第2版"), func(b string) bool {
		return strings.Contains(b, `"total":1`)
	})
	time.Sleep(time.Second)
	close(stop)
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d requests through nginx failed; the first: %v", n, requests.Load(), firstFailure.Load())
	}
	if requests.Load() < 200 {
		t.Errorf("only %d requests: the load proves little", requests.Load())
	}
	if status, _ := httpGet(t, base+"/.publish-id"); status != http.StatusNotFound {
		t.Errorf("/.publish-id through nginx: status %d, want 404", status)
	}
	t.Logf("%d requests through nginx during two rebuilds, %d failed", requests.Load(), failures.Load())
}
