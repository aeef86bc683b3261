package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/build"
)

// startDev starts `planportal dev` (this test binary as the CLI, see TestMain) on a free
// port and waits until it serves.
func startDev(t *testing.T, args ...string) string {
	t.Helper()
	return startCLI(t, "dev", 30*time.Second, args...).base
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitPage polls url until ok holds for its body.
func waitPage(t *testing.T, what, url string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, body := httpGet(t, url)
		if ok(body) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s never did: %.400q", what, url, body)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// TestDevLivePreview is issue 5's acceptance test: `planportal dev` serves a document page;
// editing its Markdown in place, then by write-then-rename, changes the page each time (and
// tells the browser over the event stream); broken front matter brings an overlay naming
// file:line: field while the last good page is still served; search follows the edits.
func TestDevLivePreview(t *testing.T) {
	src := copySite(t)
	base := startDev(t, "--source", src)
	doc := filepath.Join(src, "content", "plans", "haian-2025.md")
	page := base + "/plans/haian-2025/"
	orig, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	status, body := httpGet(t, page)
	if status != 200 || !strings.Contains(body, "海安市") {
		t.Fatalf("document page: %d %.200q", status, body)
	}
	if !strings.Contains(body, `src="/_planportal/live.js"`) {
		t.Errorf("the page lacks the reload script")
	}

	// The browser's event stream.
	resp, err := http.Get(base + "/_planportal/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if e, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- e
			}
		}
	}()
	expectEvent := func(want string) {
		t.Helper()
		timeout := time.After(15 * time.Second)
		for {
			select {
			case e := <-events:
				if e == want {
					return
				}
			case <-timeout:
				t.Fatalf("no %q event", want)
			}
		}
	}
	expectEvent("hello")

	// 1. Written in place.
	edited := strings.Replace(string(orig), "\n1.", "\n1.实时预览原地修改标记。", 1)
	if edited == string(orig) {
		t.Fatal("no item to edit")
	}
	if err := os.WriteFile(doc, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitPage(t, "edit in place", page, func(b string) bool { return strings.Contains(b, "实时预览原地修改标记") })
	expectEvent("reload")

	// 2. Written to a temporary file in the same directory and renamed over.
	renamed := strings.Replace(string(orig), "\n1.", "\n1.改名覆盖标记。", 1)
	tmp := filepath.Join(filepath.Dir(doc), ".haian-2025.md.tmp")
	if err := os.WriteFile(tmp, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, doc); err != nil {
		t.Fatal(err)
	}
	body = waitPage(t, "write then rename", page, func(b string) bool { return strings.Contains(b, "改名覆盖标记") })
	if strings.Contains(body, "实时预览原地修改标记") {
		t.Errorf("the first edit is still on the page")
	}
	expectEvent("reload")

	// 3. Broken front matter: the overlay names file:line: field; the last good page stays.
	broken := strings.Replace(renamed, `published = "2025-03-04"`, `published = "2025-13-45"`, 1)
	if broken == renamed {
		t.Fatal("no published line to break")
	}
	if err := os.WriteFile(doc, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	// os.WriteFile truncates before it writes, as many editors do: the watcher may first read
	// the empty file and show its overlay ("no front matter" at line 1); the overlay that counts
	// is the one for the whole file, which must come.
	body = waitPage(t, "broken front matter", page, func(b string) bool {
		return strings.Contains(b, "planportal-dev-overlay") && strings.Contains(b, "content/plans/haian-2025.md:4: published:")
	})
	if !strings.Contains(body, "改名覆盖标记") {
		t.Errorf("the last good page is not served under the overlay")
	}
	expectEvent("reload")
	if _, home := httpGet(t, base+"/"); !strings.Contains(home, "planportal-dev-overlay") {
		t.Errorf("other pages do not show the overlay")
	}

	// Fixed: the overlay goes.
	if err := os.WriteFile(doc, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	waitPage(t, "fixed", page, func(b string) bool { return !strings.Contains(b, "planportal-dev-overlay") })

	// Search follows: the index is rebuilt in the background.
	deadline := time.Now().Add(60 * time.Second)
	for {
		n, urls, err := apiSearch(base, "改名覆盖标记")
		if err == nil && n == 1 && strings.HasPrefix(urls[0], "/plans/haian-2025/") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("search never found the edit: %d %v %v", n, urls, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestBuildHasNoDevScript checks that the reload script and overlay exist only in dev mode.
func TestBuildHasNoDevScript(t *testing.T) {
	dest := buildBundled(t)
	err := filepath.Walk(dest, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), "_planportal") {
			t.Errorf("%s mentions _planportal", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDevSearchIsServeSearch: planportal dev answers every search exactly as planportal serve
// does on the same content: the same hits in the same order with the same scores, snippets and
// facets, synonyms included (疾控 = 疾病预防控制 …), filters, paging and sort.
func TestDevSearchIsServeSearch(t *testing.T) {
	src := copySite(t)
	if code, _, errs := runCLI(t, "build", "--source", src); code != 0 {
		t.Fatal(errs)
	}
	mux, closeIndex, err := newMux(build.Options{Source: src}, filepath.Join(src, "public"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer closeIndex()
	base := startDev(t, "--source", src)
	waitPage(t, "dev's search index", base+"/api/search?q=%E5%8D%AB%E7%94%9F", func(b string) bool { return strings.Contains(b, `"hits"`) })
	queries := []string{
		"q=疾控", "q=医共体", "q=家医签约", "q=儿科", "q=儿科 精神卫生", "q=儿科 OR 托育", "q=儿科 -精神卫生",
		"q=海安 儿科", `q="家庭医生签约"`, "q=互联网+", "q=卫生&theme=childcare", "q=卫生&region=海安市&region=湖州市",
		"q=卫生&sort=date&size=7&page=3", "q=托育&theme=childcare", "q=中医&from=2025-01-18&to=2025-02-01",
		"q=不存在的词语", "q=", "q=卫生&size=1000",
	}
	strip := func(b []byte) string {
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return string(b)
		}
		delete(m, "took_ms")
		out, _ := json.Marshal(m)
		return string(out)
	}
	for _, q := range queries {
		u := "/api/search?" + (&url.URL{RawQuery: q}).Query().Encode()
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
		status, body := httpGet(t, base+u)
		if status != rec.Code {
			t.Errorf("%s: dev %d, serve %d", q, status, rec.Code)
			continue
		}
		if d, s := strip([]byte(body)), strip(rec.Body.Bytes()); d != s {
			i := 0
			for i < len(d) && i < len(s) && d[i] == s[i] {
				i++
			}
			lo := max(0, i-200)
			t.Errorf("%s: dev and serve differ at byte %d:\n dev   …%.400s\n serve …%.400s", q, i, d[lo:], s[lo:])
		}
	}
}
