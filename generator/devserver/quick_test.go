package devserver

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
)

// haian is content/plans/haian-2025.md edited in place (the same file, agency, places and
// date): a new title, the 医共体 item (theme reform) gone, a new item on children's health
// with a responsibility note (a unit) and a target (an indicator), and mark in its text.
func haian(mark string) string {
	return `+++
title = "2025年海安市卫生健康工作要点（` + mark + `）"
agency = "海安市卫生健康委员会"
published = "2025-03-04"
province = "江苏省"
region = "海安市"
category = "工作要点"
+++

2025年全市卫生健康工作坚持以人民健康为中心，提升服务能力，办好民生实事。

## 一、提升儿童健康服务

1. 扩大儿科医疗服务供给，全市二级公立综合医院均提供儿科服务。

2. ` + mark + `：儿童健康管理率达到95%以上。（牵头单位：妇幼健康科；完成时限：2025年12月底前）

## 二、加强疾病预防控制

1. 完善疾病预防控制体系，提升监测预警能力。
`
}

// holdFullBuilds keeps the background's full build from running until the returned func is
// called (or the test ends): what is served meanwhile is served without one.
func (p *preview) holdFullBuilds() (release func()) {
	p.s.buildMu.Lock()
	var once sync.Once
	release = func() { once.Do(p.s.buildMu.Unlock) }
	p.t.Cleanup(release) // before the preview's Close, which waits for the background
	return release
}

// settleFull waits until the state served is a full build and nothing has changed for a while.
func (p *preview) settleFull() {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		p.settle()
		if st := p.s.cur.Load(); st != nil && st.base == nil {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatal("no full build served after 20 s")
		}
	}
}

// TestEditServedBeforeFullBuild: an edit of a document in place is served, and found by
// search, without a full build of the site (none can run while the test holds them back), and
// the full build that follows serves what a fresh build of the same content gives, file for
// file.
func TestEditServedBeforeFullBuild(t *testing.T) {
	p := start(t, Options{Index: filepath.Join(t.TempDir(), "search.bleve")}, 0)
	p.waitFor("the first index", "/api/search?q="+url.QueryEscape("海安"), func(s int, _ string) bool { return s == 200 })
	p.settleFull()
	full, quicks := p.s.fullBuilds.Load(), p.s.quicks.Load()
	_, oldList := p.get("/plans/")

	release := p.holdFullBuilds()
	p.write("content/plans/haian-2025.md", haian("快速预览标记"))
	body := p.waitFor("the edit", "/plans/haian-2025/", func(s int, b string) bool { return s == 200 && strings.Contains(b, "快速预览标记") })
	if n, q := p.s.fullBuilds.Load()-full, p.s.quicks.Load()-quicks; n != 0 || q != 1 {
		t.Errorf("the edit was served after %d full builds and %d quick states, want none and one", n, q)
	}
	if !strings.Contains(body, "儿童健康管理率达到95%以上") || strings.Contains(body, "紧密型县域医共体") {
		t.Errorf("the quick page is not the edited document: %.600s", body)
	}
	p.waitFor("the edit in search", "/api/search?q="+url.QueryEscape("快速预览标记"), func(s int, b string) bool {
		return s == 200 && strings.Contains(b, `"doc_url":"/plans/haian-2025/"`)
	})
	// The rest of the site is the last full build's until the full build is done.
	if _, list := p.get("/plans/"); unversioned(list) != unversioned(oldList) {
		t.Errorf("the listing changed before the full build")
	}
	release()
	p.settleFull()
	if n := p.s.fullBuilds.Load() - full; n != 1 {
		t.Errorf("%d full builds after the edit, want 1", n)
	}
	if _, list := p.get("/plans/"); !strings.Contains(list, "快速预览标记") {
		t.Errorf("the listing does not show the new title after the full build")
	}
	sameAsFresh(t, p)
}

// sameAsFresh checks that the state served is, file for file, what a fresh load and build of
// the site's content renders.
func sameAsFresh(t *testing.T, p *preview) {
	t.Helper()
	cfg, err := build.LoadConfig(filepath.Join(p.src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	res, _, err := build.NewLoader(cfg).Reload(nil, p.src, nil)
	if err != nil || len(res.Errors) > 0 {
		t.Fatal(err, res.Errors)
	}
	rend, err := render.New(cfg, filepath.Join(p.src, "themes", cfg.Theme))
	if err != nil {
		t.Fatal(err)
	}
	files, conflicts := rend.Files(site.Build(cfg, res.Documents, site.Options{Drafts: true}))
	if len(conflicts) > 0 {
		t.Fatal(conflicts)
	}
	st := p.s.cur.Load()
	var names, served []string
	for name := range files {
		names = append(names, name)
	}
	for name := range st.files {
		served = append(served, name)
	}
	slices.Sort(names)
	slices.Sort(served)
	if !slices.Equal(names, served) {
		t.Fatalf("served %d files, a fresh build has %d", len(served), len(names))
	}
	differ := 0
	for _, name := range names {
		want, err := files[name]()
		if err != nil {
			t.Fatal(name, err)
		}
		got, err := st.page(name)
		if err != nil {
			t.Fatal(name, err)
		}
		if string(got) != string(want) {
			differ++
			t.Errorf("%s differs from a fresh build's", name)
		}
	}
	if differ == 0 && len(names) < 20 {
		t.Errorf("only %d files compared", len(names))
	}
}

// TestEditsInARowLatestWins: edits that come while the full build of an earlier one waits or
// runs are served as they come, never an older one after a newer, and the site ends in the
// latest content, built in full.
func TestEditsInARowLatestWins(t *testing.T) {
	p := start(t, Options{}, 0)
	p.settleFull()
	release := p.holdFullBuilds()
	for _, mark := range []string{"第一次修改", "第二次修改", "第三次修改"} {
		p.write("content/plans/haian-2025.md", haian(mark))
		p.waitFor(mark, "/plans/haian-2025/", func(s int, b string) bool { return s == 200 && strings.Contains(b, mark) })
	}
	// The background now builds the first or second edit in full, then patches the latest
	// over it.
	release()
	for end := time.Now().Add(time.Second); time.Now().Before(end); {
		if _, b := p.get("/plans/haian-2025/"); !strings.Contains(b, "第三次修改") {
			t.Fatalf("an older edit is served after the latest: %.300s", b[strings.Index(b, "<h1"):])
		}
	}
	p.write("content/plans/huzhou-2025.md", strings.Replace(read(t, p, "content/plans/huzhou-2025.md"), "+++\n\n", "+++\n\n湖州第四次修改。\n\n", 1))
	p.waitFor("another document", "/plans/huzhou-2025/", func(s int, b string) bool { return strings.Contains(b, "湖州第四次修改") })
	p.settleFull()
	if _, b := p.get("/plans/haian-2025/"); !strings.Contains(b, "第三次修改") {
		t.Errorf("the latest edit of haian-2025 is lost")
	}
	sameAsFresh(t, p)
}

// unversioned is a page served without the status version its reload script carries.
func unversioned(page string) string {
	return regexp.MustCompile(`data-version="\d+"`).ReplaceAllString(page, "")
}

func read(t *testing.T, p *preview, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(p.src, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
