package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/server"
)

// repoRoot is the site bundled with the repository.
const repoRoot = ".."

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// buildBundled builds the bundled content into a temporary directory once per test binary.
func buildBundled(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	code, out, errs := runCLI(t, "build", "--source", repoRoot, "--dest", dest, "--index", filepath.Join(tmp, "search.bleve"))
	if code != 0 {
		t.Fatalf("build exited %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if !strings.Contains(out, "built 19 documents") {
		t.Errorf("summary line = %q, want it to report 19 documents", out)
	}
	return dest
}

// sourceItems is the ground truth for one document, computed from its Markdown without the
// content package: the item numbers, in order, of every paragraph that starts with a number
// marker (1. 1、 （1）), outside front matter and code.
type sourceDoc struct {
	url   string
	items []string
	// report is true for a document whose front matter says it is a report or an excerpt
	// (nature = "报道" or "摘录"), not the agency's own document.
	report bool
}

var (
	markerRE = regexp.MustCompile(`^(?:([0-9]{1,3})(?:[.．、]|\. )|[（(]([0-9]{1,3})[）)])`)
	decimal  = regexp.MustCompile(`^[0-9]{1,3}\.[0-9]`)
)

func readSources(t *testing.T) []sourceDoc {
	t.Helper()
	var docs []sourceDoc
	err := filepath.WalkDir(filepath.Join(repoRoot, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(repoRoot, "content"), p)
		doc := sourceDoc{url: "/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/"}
		lines := strings.Split(string(src), "\n")
		inFM, prevBlank := false, true
		for i, l := range lines {
			if i == 0 && strings.TrimSpace(l) == "+++" {
				inFM = true
				continue
			}
			if inFM {
				inFM = strings.TrimSpace(l) != "+++"
				doc.report = doc.report || strings.HasPrefix(l, `nature = "报道"`) || strings.HasPrefix(l, `nature = "摘录"`)
				continue
			}
			if prevBlank {
				if m := markerRE.FindStringSubmatch(l); m != nil && !decimal.MatchString(l) {
					doc.items = append(doc.items, m[1]+m[2])
				}
			}
			prevBlank = strings.TrimSpace(l) == ""
		}
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

var numLinkRE = regexp.MustCompile(`<div class="item" id="([^"]+)"><a class="num" href="#([^"]+)"[^>]*>([^<]*)</a>`)

// TestBundledSite builds the bundled content and checks that every document has a page and
// every numbered item of its source has its own anchored element with a permalink.
func TestBundledSite(t *testing.T) {
	dest := buildBundled(t)
	docs := readSources(t)
	if len(docs) != 19 {
		t.Fatalf("found %d bundled documents, want 19", len(docs))
	}
	totalItems := 0
	for _, d := range docs {
		page, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(d.url), "index.html"))
		if err != nil {
			t.Errorf("%s: no page: %v", d.url, err)
			continue
		}
		var got []string
		ids := map[string]bool{}
		for _, m := range numLinkRE.FindAllStringSubmatch(string(page), -1) {
			if m[1] != m[2] {
				t.Errorf("%s: item id %q has permalink #%s", d.url, m[1], m[2])
			}
			if ids[m[1]] {
				t.Errorf("%s: duplicate item id %q", d.url, m[1])
			}
			ids[m[1]] = true
			got = append(got, strings.Trim(m[3], ".、．（）() "))
		}
		if strings.Join(got, ",") != strings.Join(d.items, ",") {
			t.Errorf("%s: item numbers in page\n got %v\nwant %v (from the source)", d.url, got, d.items)
		}
		totalItems += len(got)
		// A document shows the disclosure fields; a report or an excerpt, which has none of its
		// own, shows what it is about and where it comes from instead.
		want, unwanted := []string{"索引号", "发布机构", "成文日期", "发布日期", "文号", "主题分类", "公开方式", "有效性", "原文链接"}, []string{"所涉机构"}
		if d.report {
			want, unwanted = []string{"所涉机构", "日期", "主题分类", "来源", "原文链接"}, []string{"索引号", "发布机构", "成文日期", "文号", "公开方式", "有效性"}
		}
		for _, meta := range want {
			if !strings.Contains(string(page), "<dt>"+meta+"</dt>") {
				t.Errorf("%s: metadata table lacks %s", d.url, meta)
			}
		}
		for _, meta := range unwanted {
			if strings.Contains(string(page), "<dt>"+meta+"</dt>") {
				t.Errorf("%s: metadata table shows %s", d.url, meta)
			}
		}
	}
	// The Haian plan keeps its source's numbering: 1–18, 22–67, 67 again, 69–93.
	haian := readFile(t, dest, "plans/haian-2025/index.html")
	for _, id := range []string{`id="s1-i18"`, `id="s1-i22"`, `id="s6-i67"`, `id="s7-i67"`, `id="s9-i93"`, `id="a1"`} {
		if !strings.Contains(haian, id) {
			t.Errorf("haian-2025: no element with %s", id)
		}
	}
	for _, missing := range []string{`-i19"`, `-i20"`, `-i21"`, `-i68"`} {
		if strings.Contains(haian, missing) {
			t.Errorf("haian-2025: has an item ending %s, which the source does not number", missing)
		}
	}
	if totalItems < 150 {
		t.Errorf("only %d items in the bundled pages", totalItems)
	}
	t.Logf("%d documents, %d items checked", len(docs), totalItems)

	// Home and the section listing link every document.
	for _, list := range []string{"index.html", "plans/index.html"} {
		html := readFile(t, dest, list)
		for _, d := range docs {
			if !strings.Contains(html, `href="`+d.url+`"`) {
				t.Errorf("%s does not link %s", list, d.url)
			}
		}
	}
	// Output is minified: no indentation runs, no comments.
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".css")) {
			b, _ := os.ReadFile(p)
			if bytes.Contains(b, []byte("\n  ")) || bytes.Contains(b, []byte("<!--")) || bytes.Contains(b, []byte("/*")) {
				t.Errorf("%s is not minified", p)
			}
		}
		return nil
	})
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestServeBundled serves the built site and fetches pages the way a browser would.
func TestServeBundled(t *testing.T) {
	dest := buildBundled(t)
	srv := httptest.NewServer(&server.Static{Root: dest})
	defer srv.Close()
	for path, want := range map[string]int{
		"/": 200, "/plans/": 200, "/plans/haian-2025/": 200, "/plans/haian-2025": 301, "/no/such/page/": 404,
	} {
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
	}
}

// copySite copies the bundled site's sources (content, themes, config) to a temp dir.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"content", "themes"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(repoRoot, name))); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(repoRoot, "config.toml"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "config.toml"), b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// treeHash hashes every file's path and bytes under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, n)
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestBrokenDateLeavesPublicUntouched: a bad date fails the build with file:line: field and
// public/ stays byte-for-byte what it was.
func TestBrokenDateLeavesPublicUntouched(t *testing.T) {
	site := copySite(t)
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatalf("first build exited %d: %s", code, errs)
	}
	public := filepath.Join(site, "public")
	before := treeHash(t, public)

	doc := filepath.Join(site, "content", "plans", "haian-2025.md")
	src, _ := os.ReadFile(doc)
	broken := strings.Replace(string(src), `published = "2025-03-04"`, `published = "2025-13-40"`, 1)
	if broken == string(src) {
		t.Fatal("fixture: haian-2025.md has no published = \"2025-03-04\" line")
	}
	// A second, independent problem in another file must be reported in the same run.
	other := filepath.Join(site, "content", "plans", "jintan-2025.md")
	osrc, _ := os.ReadFile(other)
	os.WriteFile(other, []byte(strings.Replace(string(osrc), `validity = "有效"`, `validity = "作废"`, 1)), 0o644)
	os.WriteFile(doc, []byte(broken), 0o644)
	line := 1 + strings.Count(broken[:strings.Index(broken, `published = "2025-13-40"`)], "\n")

	code, _, errs := runCLI(t, "build", "--source", site)
	if code != 1 {
		t.Errorf("build with a broken date exited %d, want 1", code)
	}
	want := fmt.Sprintf(`content/plans/haian-2025.md:%d: published: "2025-13-40" is not a real date (there is no month 13)`, line)
	if !strings.Contains(errs, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errs)
	}
	if !strings.Contains(errs, "content/plans/jintan-2025.md:") || !strings.Contains(errs, "validity") {
		t.Errorf("stderr does not report the second file's problem too:\n%s", errs)
	}
	if after := treeHash(t, public); after != before {
		t.Error("public/ changed after a failed build")
	}
	if m, _ := filepath.Glob(filepath.Join(site, ".public.[to][ml][pd]-*")); len(m) > 0 {
		t.Errorf("staging directories left behind: %v", m)
	}
}

// TestDeletedDocumentDisappears: a rebuild after removing a document removes its page.
func TestDeletedDocumentDisappears(t *testing.T) {
	site := copySite(t)
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatalf("build exited %d: %s", code, errs)
	}
	page := filepath.Join(site, "public", "plans", "anhui-2025", "index.html")
	if _, err := os.Stat(page); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(site, "content", "plans", "anhui-2025.md"))
	if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
		t.Fatalf("rebuild exited %d: %s", code, errs)
	}
	if _, err := os.Stat(page); !os.IsNotExist(err) {
		t.Errorf("page of a deleted document still exists (err=%v)", err)
	}
}

// TestExitCodes: usage errors are 2, --help is 0, version prints.
func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"build", "--no-such-flag"}, 2},
		{[]string{"build", "extra-arg"}, 2},
		{[]string{"build", "--help"}, 0},
		{[]string{"serve", "--help"}, 0},
		{[]string{"version"}, 0},
		{[]string{"serve", "--dest", t.TempDir()}, 1},
	} {
		if code, _, _ := runCLI(t, tc.args...); code != tc.code {
			t.Errorf("planportal %v exited %d, want %d", tc.args, code, tc.code)
		}
	}
}

// TestValidHTML runs the Nu Html Checker (vnu-jar) on every built page. make test installs it;
// set PLANPORTAL_REQUIRE_VNU=1 (as make test does) to fail rather than skip when it is missing.
func TestValidHTML(t *testing.T) {
	jar := os.Getenv("PLANPORTAL_VNU")
	if jar == "" {
		jar = filepath.Join(repoRoot, "tests", "e2e", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	}
	_, jarErr := os.Stat(jar)
	java, javaErr := exec.LookPath("java")
	if jarErr != nil || javaErr != nil {
		if os.Getenv("PLANPORTAL_REQUIRE_VNU") != "" {
			t.Fatalf("vnu validator unavailable (jar: %v, java: %v); run 'make test', which installs it", jarErr, javaErr)
		}
		t.Skip("vnu validator not installed; 'make test' installs it")
	}
	dest := buildBundled(t)
	// The search page is rendered per request: validate a results page, a filtered one, an
	// empty form and an error page too.
	mux, closeIndex, err := newMux(build.Options{Source: repoRoot, Index: filepath.Join(filepath.Dir(dest), "search.bleve")}, dest, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer closeIndex()
	for i, q := range []string{"?q=儿科", "?q=儿科&region=湖州市&sort=date", "", "?q=" + strings.Repeat("长", 300)} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", "/search/"+q, nil))
		if want := map[bool]int{true: 400, false: 200}[i == 3]; rec.Code != want || (i < 2 && !strings.Contains(rec.Body.String(), "<mark>")) {
			t.Fatalf("GET /search/%s = %d (want %d, with marks for results)", q, rec.Code, want)
		}
		if err := os.WriteFile(filepath.Join(dest, fmt.Sprintf("search-%d.html", i)), rec.Body.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", dest)
	out, err := cmd.CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("vnu reports errors (%v):\n%s", err, out)
	}
}

// TestSearchCommand: flags anywhere, -word as an exclusion, --json the endpoint's shape.
func TestSearchCommand(t *testing.T) {
	tmp := t.TempDir()
	index := filepath.Join(tmp, "search.bleve")
	if code, _, errs := runCLI(t, "build", "--source", repoRoot, "--dest", filepath.Join(tmp, "public"), "--index", index); code != 0 {
		t.Fatal(errs)
	}
	_, all, _ := runCLI(t, "search", "--source", repoRoot, "--index", index, "儿科")
	code, excl, errs := runCLI(t, "search", "儿科", "-精神卫生", "--source", repoRoot, "--index", index, "--limit", "100")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	_, allJSON, _ := runCLI(t, "search", "--json", "--source", repoRoot, "--index", index, "儿科")
	var total struct{ Total int }
	if err := json.Unmarshal([]byte(allJSON), &total); err != nil || total.Total == 0 {
		t.Fatalf("--json 儿科: %v: %.200s", err, allJSON)
	}
	n := fmt.Sprintf("%d hits", total.Total)
	if !strings.HasPrefix(all, n) || strings.HasPrefix(excl, n) || strings.Contains(strings.SplitN(excl, "\n", 2)[1], "精神卫生") {
		t.Errorf("儿科 (%s in JSON): %q\n儿科 -精神卫生: %q", n, firstLine(all), excl)
	}
	code, js, _ := runCLI(t, "search", "--json", "--source", repoRoot, "--index", index, "--limit", "1", "癌")
	if code != 0 || !strings.Contains(js, `"total": `) || !strings.Contains(js, `<mark>癌</mark>`) {
		t.Errorf("--json output: %s", js)
	}
}

// TestSearchPagePath: only /search/ is the search page; /search/anything is a 404.
func TestSearchPagePath(t *testing.T) {
	tmp := t.TempDir()
	dest, index := filepath.Join(tmp, "public"), filepath.Join(tmp, "search.bleve")
	if code, _, errs := runCLI(t, "build", "--source", repoRoot, "--dest", dest, "--index", index); code != 0 {
		t.Fatal(errs)
	}
	mux, closeIndex, err := newMux(build.Options{Source: repoRoot, Index: index}, dest, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer closeIndex()
	for path, want := range map[string]int{"/search/?q=癌": 200, "/search/x?q=癌": 404, "/search/../etc/passwd": 404} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != want && !(rec.Code/100 == 3 && want == 404) {
			t.Errorf("GET %s = %d, want %d", path, rec.Code, want)
		}
	}
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }
