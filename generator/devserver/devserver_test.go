package devserver

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/internal/sitetest"
	"github.com/planportal/planportal/generator/msg"
	"github.com/planportal/planportal/generator/watch"
)

// preview is a live preview of the test site, watched with file events (or
// polling), served by httptest.
type preview struct {
	t   *testing.T
	src string
	s   *Server
	url string
}

// copySite writes the test site (testdata/site.txtar) into a new directory.
func copySite(t *testing.T) string {
	t.Helper()
	return sitetest.WriteFile(t, filepath.Join("testdata", "site.txtar"))
}

func start(t *testing.T, o Options, poll time.Duration) *preview {
	t.Helper()
	if o.Source == "" {
		o.Source = copySite(t)
	}
	o.Log = &testLog{t}
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	w, err := watch.New([]string{filepath.Join(o.Source, "content"), filepath.Join(o.Source, "themes"), filepath.Join(o.Source, "config.toml")},
		// A quiet period well above a loaded machine's scheduling pauses: the test writes a
		// burst of files that must arrive as one batch.
		watch.Options{Poll: poll, Quiet: 250 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go s.Run(ctx, w.Batches())
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() { cancel(); s.Close(); hs.Close(); w.Close() })
	return &preview{t: t, src: o.Source, s: s, url: hs.URL}
}

type testLog struct{ t *testing.T }

func (l *testLog) Write(p []byte) (int, error) {
	l.t.Logf("%s", strings.TrimSpace(string(p)))
	return len(p), nil
}

func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor polls path until its body satisfies ok.
func (p *preview) waitFor(what, path string, ok func(status int, body string) bool) string {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		status, body := p.get(path)
		if ok(status, body) {
			return body
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s: %s still %d %.300q", what, path, status, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (p *preview) write(rel, s string) {
	p.t.Helper()
	f := filepath.Join(p.src, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func plan(title, date, extra, body string) string {
	return fmt.Sprintf("+++\ntitle = %q\nagency = \"测试市卫生健康委员会\"\npublished = %q\n%s+++\n\n%s\n", title, date, extra, body)
}

// settle waits until no rebuild has happened for a while and returns the count.
func (p *preview) settle() int64 {
	n := p.s.Rebuilds()
	for {
		time.Sleep(400 * time.Millisecond)
		m := p.s.Rebuilds()
		if m == n {
			return m
		}
		n = m
	}
}

func TestJunkFilesDoNotRebuild(t *testing.T) {
	p := start(t, Options{}, 0)
	before := p.settle()
	plans := filepath.Join(p.src, "content", "plans")
	for _, name := range []string{"haian-2025.md~", ".haian-2025.md.swp", ".haian-2025.md.swx", "4913",
		"haian-2025.md___jb_tmp___", "haian-2025.md___jb_old___", "#haian-2025.md#", ".#haian-2025.md", "notes.txt"} {
		f := filepath.Join(plans, name)
		if err := os.WriteFile(f, []byte("junk"), 0o644); err != nil {
			t.Fatal(err)
		}
		if name != "notes.txt" {
			os.Remove(f)
		}
	}
	doc := filepath.Join(plans, "haian-2025.md")
	if err := os.Chmod(doc, 0o600); err != nil {
		t.Fatal(err)
	}
	// An editor's save of identical bytes (write then rename) is no change either.
	b, _ := os.ReadFile(doc)
	if err := os.WriteFile(doc+".tmp", b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(doc+".tmp", doc); err != nil {
		t.Fatal(err)
	}
	if after := p.settle(); after != before {
		t.Errorf("%d rebuilds from swap, backup and temporary files, a chmod and an identical save", after-before)
	}
}

func TestBurstIsOneRebuild(t *testing.T) {
	p := start(t, Options{}, 0)
	before := p.settle()
	for i := 0; i < 50; i++ {
		p.write(fmt.Sprintf("content/plans/burst-%02d.md", i), plan(fmt.Sprintf("批量文件%d", i), "2025-05-01", "", "1. 批量。"))
	}
	p.waitFor("burst", "/plans/burst-49/", func(s int, _ string) bool { return s == 200 })
	if n := p.settle() - before; n != 1 {
		t.Errorf("50 files written at once: %d rebuilds, want 1", n)
	}
	for _, u := range []string{"/plans/burst-00/", "/plans/burst-25/"} {
		if s, _ := p.get(u); s != 200 {
			t.Errorf("%s: %d", u, s)
		}
	}
}

func TestNewDirectoryWatched(t *testing.T) {
	for _, poll := range []time.Duration{0, 100 * time.Millisecond} {
		t.Run(fmt.Sprintf("poll=%s", poll), func(t *testing.T) {
			p := start(t, Options{}, poll)
			p.write("content/notices/n1.md", plan("新栏目通知", "2025-05-02", "", "1. 第一版。"))
			p.waitFor("new directory", "/notices/n1/", func(s int, b string) bool { return s == 200 && strings.Contains(b, "第一版") })
			p.write("content/notices/n1.md", plan("新栏目通知", "2025-05-02", "", "1. 第二版。"))
			p.waitFor("edit in the new directory", "/notices/n1/", func(s int, b string) bool { return strings.Contains(b, "第二版") })
			if err := os.RemoveAll(filepath.Join(p.src, "content", "notices")); err != nil {
				t.Fatal(err)
			}
			p.waitFor("directory removed", "/notices/n1/", func(s int, _ string) bool { return s == 404 })
		})
	}
}

func TestDraftsAndFuture(t *testing.T) {
	tomorrow := time.Now().AddDate(0, 0, 1).Format("2006-01-02")
	for _, future := range []bool{false, true} {
		t.Run(fmt.Sprintf("future=%v", future), func(t *testing.T) {
			src := copySite(t)
			write := func(rel, s string) {
				if err := os.WriteFile(filepath.Join(src, rel), []byte(s), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("content/plans/draft.md", plan("草稿文件", "2025-05-03", "draft = true\n", "1. 草稿。"))
			write("content/plans/tomorrow.md", plan("明日文件", tomorrow, "", "1. 明日。"))
			p := start(t, Options{Source: src, Future: future}, 0)
			if s, body := p.get("/plans/draft/"); s != 200 || !strings.Contains(body, `id="planportal-dev-draft"`) {
				t.Errorf("draft: %d, want 200 marked as a draft (drafts show in dev): %.300s", s, body)
			}
			if _, body := p.get("/plans/tomorrow/"); strings.Contains(body, "planportal-dev-draft") {
				t.Error("a document that is no draft is marked as one")
			}
			want := 404
			if future {
				want = 200
			}
			if s, _ := p.get("/plans/tomorrow/"); s != want {
				t.Errorf("dated %s: %d, want %d", tomorrow, s, want)
			}
		})
	}
}

func TestThemeAndConfigChanges(t *testing.T) {
	p := start(t, Options{}, 0)
	styleURL := func(home string) string {
		i := strings.Index(home, "/assets/style.")
		if i < 0 {
			t.Fatalf("no stylesheet link")
		}
		return home[i : i+strings.Index(home[i:], `"`)]
	}
	_, home := p.get("/")
	old := styleURL(home)
	css := filepath.Join(p.src, "themes", "default", "static", "style.css")
	b, _ := os.ReadFile(css)
	if err := os.WriteFile(css, append(b, []byte("\n.dev-test-marker{color:#123456}\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	home = p.waitFor("css change", "/", func(_ int, b string) bool { return styleURL(b) != old })
	cssURL := styleURL(home)
	p.waitFor("new stylesheet", cssURL, func(s int, b string) bool { return s == 200 && strings.Contains(b, "#123456") })

	// A template error: the overlay names it, the last good page stays.
	layout := filepath.Join(p.src, "themes", "default", "layouts", "document.html")
	lb, _ := os.ReadFile(layout)
	if err := os.WriteFile(layout, append(lb, []byte("{{ .Nope ")...), 0o644); err != nil {
		t.Fatal(err)
	}
	body := p.waitFor("broken template", "/plans/haian-2025/", func(_ int, b string) bool { return strings.Contains(b, "planportal-dev-overlay") })
	if !strings.Contains(body, "theme:") || !strings.Contains(body, "海安") {
		t.Errorf("broken template: overlay or last good page missing: %.500s", body)
	}
	if err := os.WriteFile(layout, lb, 0o644); err != nil {
		t.Fatal(err)
	}
	p.waitFor("template fixed", "/plans/haian-2025/", func(_ int, b string) bool { return !strings.Contains(b, "planportal-dev-overlay") })

	// A config change reloads everything; a broken config keeps the site.
	cfg := filepath.Join(p.src, "config.toml")
	cb, _ := os.ReadFile(cfg)
	if err := os.WriteFile(cfg, append([]byte("title = = broken\n"), cb...), 0o644); err != nil {
		t.Fatal(err)
	}
	body = p.waitFor("broken config", "/", func(_ int, b string) bool { return strings.Contains(b, "planportal-dev-overlay") })
	if !strings.Contains(body, "config.toml:1") {
		t.Errorf("broken config: overlay does not name config.toml:1: %.800s", body[strings.Index(body, "planportal-dev-overlay"):])
	}
	if err := os.WriteFile(cfg, cb, 0o644); err != nil {
		t.Fatal(err)
	}
	p.waitFor("config fixed", "/", func(_ int, b string) bool { return !strings.Contains(b, "planportal-dev-overlay") })
}

func TestEventsAndOnlyHTMLDecorated(t *testing.T) {
	p := start(t, Options{}, 0)
	resp, err := http.Get(p.url + eventsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("events: Content-Type %q", ct)
	}
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	expect := func(want string) {
		t.Helper()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("stream ended before %q", want)
				}
				if l == want {
					return
				}
			case <-timeout:
				t.Fatalf("no %q", want)
			}
		}
	}
	expect("event: hello")
	p.write("content/plans/haian-2025.md", plan("海安改", "2025-03-04", "", "1. 改。"))
	expect("event: reload")

	_, html := p.get("/plans/haian-2025/")
	if !strings.Contains(html, `<script src="/_planportal/live.js"`) {
		t.Errorf("page lacks the reload script")
	}
	for _, u := range []string{"/feed.xml", "/sitemap.xml", "/robots.txt"} {
		if _, b := p.get(u); strings.Contains(b, "_planportal") {
			t.Errorf("%s is decorated", u)
		}
	}
	if s, b := p.get(scriptURL); s != 200 || !strings.Contains(b, "EventSource") {
		t.Errorf("%s: %d", scriptURL, s)
	}
}

// TestSearchFollowsEditsWithSynonyms: the preview's search answers from an index of the site
// it shows, with the config's synonyms (医共体 = 医疗共同体), and follows an edit: a new
// document is found once its index is built, a config change of synonyms takes effect.
func TestSearchFollowsEditsWithSynonyms(t *testing.T) {
	index := filepath.Join(t.TempDir(), "search.bleve")
	p := start(t, Options{Index: index}, 0)
	hits := func(q string) string {
		return p.waitFor("search "+q, "/api/search?q="+q, func(s int, _ string) bool { return s == 200 })
	}
	body := hits("%E5%8C%BB%E5%85%B1%E4%BD%93") // 医共体
	for _, u := range []string{"/plans/haian-2025/#s1-i1", "/plans/huzhou-2025/#s1-1-i1"} {
		if !strings.Contains(body, `"url":"`+u+`"`) {
			t.Errorf("医共体 does not find %s (its synonym 医疗共同体 is there): %.600s", u, body)
		}
	}
	p.write("content/plans/rugao-2025.md", plan("2025年如皋市卫生健康工作要点", "2025-04-01", "", "1. 推进医疗共同体信息化建设。"))
	p.waitFor("the new document in search", "/api/search?q=%E5%8C%BB%E5%85%B1%E4%BD%93", func(s int, b string) bool {
		return s == 200 && strings.Contains(b, `"url":"/plans/rugao-2025/#i1"`)
	})
	cfg, err := os.ReadFile(filepath.Join(p.src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	p.write("config.toml", strings.Replace(string(cfg), `["医共体", "医疗共同体"]`, `["医共体", "医疗共同体", "健共体"]`, 1))
	p.write("content/plans/rudong-2025.md", plan("2025年如东县卫生健康工作要点", "2025-04-02", "", "1. 深化健共体改革。"))
	p.waitFor("the new synonym", "/api/search?q=%E5%8C%BB%E5%85%B1%E4%BD%93", func(s int, b string) bool {
		return s == 200 && strings.Contains(b, `"url":"/plans/rudong-2025/#i1"`)
	})
	// Each index was built in a directory of its own; the replaced ones go once it is served:
	// what is left is the last full index and the patch over it, if any.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		entries, err := os.ReadDir(index)
		full, patch := 0, 0
		for _, e := range entries {
			switch e.Name()[0] {
			case 'v':
				full++
			case 'o':
				patch++
			}
		}
		if err == nil && full == 1 && patch <= 1 && len(entries) == full+patch {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("index directory holds %d entries (%v), want the current full index and at most one patch", len(entries), err)
		}
	}
}

// Search follows edits, new and removed documents by patching the last full index with an
// index of the documents changed since, not by building the whole index again.
func TestSearchPatchesEdits(t *testing.T) {
	p := start(t, Options{Index: filepath.Join(t.TempDir(), "search.bleve")}, 0)
	search := func(what, q string, ok func(body string) bool) {
		t.Helper()
		p.waitFor(what, "/api/search?size=100&q="+url.QueryEscape(q), func(s int, b string) bool { return s == 200 && ok(b) })
	}
	search("the first index", "湖州", func(b string) bool { return strings.Contains(b, `"doc_url":"/plans/huzhou-2025/"`) })
	full := p.s.fullIndexes.Load()

	doc := filepath.Join(p.src, "content", "plans", "haian-2025.md")
	src, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	p.write("content/plans/haian-2025.md", string(src)+"\n开展补丁测试专项行动。\n")
	search("the edit", "补丁测试专项", func(b string) bool { return strings.Contains(b, `"doc_url":"/plans/haian-2025/"`) })

	p.write("content/plans/rugao-2025.md", plan("2025年如皋市卫生健康工作要点", "2025-04-01", "", "1. 建设如皋长寿研究中心。"))
	search("the new document", "长寿研究中心", func(b string) bool { return strings.Contains(b, `"doc_url":"/plans/rugao-2025/"`) })

	if err := os.Remove(filepath.Join(p.src, "content", "plans", "huzhou-2025.md")); err != nil {
		t.Fatal(err)
	}
	search("the removed document", "湖州", func(b string) bool { return !strings.Contains(b, `"doc_url":"/plans/huzhou-2025/"`) })
	// The edit is still found: each patch is of every change since the full index.
	search("the edit after later ones", "补丁测试专项", func(b string) bool { return strings.Contains(b, `"doc_url":"/plans/haian-2025/"`) })

	if n := p.s.fullIndexes.Load(); n != full {
		t.Errorf("%d full index builds after the first, want none: edits are patched", n-full)
	}
	if p.s.patches.Load() < 3 {
		t.Errorf("%d patches for three changes", p.s.patches.Load())
	}
}

// A document whose URL is a generated page's (content/plans.md would be /plans/) is refused
// in the preview as build and check refuse it: the overlay names the file, and the generated
// page stays; removing the file clears it.
func TestURLCollisionInDev(t *testing.T) {
	p := start(t, Options{}, 0)
	_, list := p.get("/plans/")
	p.write("content/plans.md", plan("冒名的文件列表", "2025-05-04", "", "1. 这一页会占用文件列表的网址。"))
	body := p.waitFor("collision", "/", func(_ int, b string) bool { return strings.Contains(b, "planportal-dev-overlay") })
	overlay := body[strings.Index(body, "planportal-dev-overlay"):]
	if !strings.Contains(overlay, "content/plans.md:1") || !strings.Contains(overlay, "冲突") {
		t.Errorf("the overlay does not name content/plans.md:1 and the collision: %.800s", overlay)
	}
	if _, b := p.get("/plans/"); strings.Contains(b, "冒名的文件列表") || !strings.Contains(b, "海安") {
		t.Errorf("/plans/ is no longer the generated list (it was %d bytes): %.300s", len(list), b)
	}
	if err := os.Remove(filepath.Join(p.src, "content", "plans.md")); err != nil {
		t.Fatal(err)
	}
	p.waitFor("collision removed", "/", func(_ int, b string) bool { return !strings.Contains(b, "planportal-dev-overlay") })
}

// TestStartOnBrokenContent: dev started with a content error serves every page as the
// overlay listing it (saying that nothing has built yet, in Chinese), and the site as soon as
// the content builds.
func TestStartOnBrokenContent(t *testing.T) {
	defer msg.SetEnglish(false)()
	msg.SetEnglish(false)
	src := copySite(t)
	broken := plan("坏日期", "2025-02-30", "", "1. 内容。")
	if err := os.WriteFile(filepath.Join(src, "content", "plans", "broken.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	p := start(t, Options{Source: src}, 0)
	for _, path := range []string{"/", "/plans/broken/", "/no/such/page/"} {
		_, body := p.get(path)
		for _, want := range []string{"planportal-dev-overlay", `content/plans/broken.md:4: 发布日期: &#34;2025-02-30&#34; 不是有效日期（2 月没有 30 日）`, "还没有成功构建过"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %s in %.1500s", path, want, body)
			}
		}
		if strings.Contains(body, "上一次成功构建") {
			t.Errorf("%s: the overlay speaks of a last good build there never was", path)
		}
	}
	p.write("content/plans/broken.md", plan("好日期", "2025-02-28", "", "1. 内容。"))
	body := p.waitFor("content fixed", "/plans/broken/", func(s int, b string) bool { return s == 200 && !strings.Contains(b, "planportal-dev-overlay") })
	if !strings.Contains(body, "好日期") {
		t.Errorf("the fixed page is not the document: %.500s", body)
	}
}
