package main

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/config"
)

var (
	linkRE   = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	htmlIDRE = regexp.MustCompile(`\sid="([^"]+)"`)
	tagsRE   = regexp.MustCompile(`<[^>]*>`)
)

// dynamic paths are served by planportal serve, not files of public/.
func dynamic(p string) bool { return p == "/search/" || strings.HasPrefix(p, "/api/") }

// pageFile maps a site path to its file under public/.
func pageFile(dest, p string) string {
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(p, "/")))
}

// TestCrawl follows every internal href and src of the built bundled site from the home page:
// each must resolve to a file, each #fragment to an id on its page, and every page must be
// reachable from the home page within three clicks.
func TestCrawl(t *testing.T) {
	dest := buildBundled(t)
	ids := map[string]map[string]bool{} // page path → ids
	read := func(p string) (string, bool) {
		b, err := os.ReadFile(pageFile(dest, p))
		if err != nil {
			return "", false
		}
		s := string(b)
		if _, ok := ids[p]; !ok && strings.HasSuffix(p, "/") {
			set := map[string]bool{}
			for _, m := range htmlIDRE.FindAllStringSubmatch(s, -1) {
				set[m[1]] = true
			}
			ids[p] = set
		}
		return s, true
	}
	depth := map[string]int{"/": 0}
	queue := []string{"/"}
	var broken []string
	type frag struct{ from, page, id string }
	var frags []frag
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		html, ok := read(p)
		if !ok {
			continue
		}
		for _, m := range linkRE.FindAllStringSubmatch(html, -1) {
			raw := strings.ReplaceAll(m[1], "&amp;", "&")
			u, err := url.Parse(raw)
			if err != nil {
				broken = append(broken, p+": unparsable "+raw)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // external: canonical, og:url, source links
			}
			target := u.Path
			if target == "" {
				target = p
			} else if !strings.HasPrefix(target, "/") {
				broken = append(broken, p+": relative link "+raw)
				continue
			}
			if dynamic(target) {
				continue
			}
			if _, err := os.Stat(pageFile(dest, target)); err != nil {
				broken = append(broken, p+" → "+raw)
				continue
			}
			if u.Fragment != "" {
				frags = append(frags, frag{p, target, u.Fragment})
			}
			if strings.HasSuffix(target, "/") {
				if _, seen := depth[target]; !seen {
					depth[target] = depth[p] + 1
					queue = append(queue, target)
				}
			}
		}
	}
	for _, f := range frags {
		read(f.page)
		if !ids[f.page][f.id] {
			broken = append(broken, f.from+" → "+f.page+"#"+f.id+" (no such id)")
		}
	}
	sort.Strings(broken)
	for i, b := range broken {
		if i == 20 {
			t.Errorf("… and %d more", len(broken)-20)
			break
		}
		t.Errorf("broken link: %s", b)
	}
	if len(frags) < 500 {
		t.Errorf("only %d #fragment links checked; the theme pages alone should have hundreds", len(frags))
	}

	// Every page of the site is reachable, within three clicks of the home page.
	var pages, far []string
	_ = filepath.WalkDir(dest, func(f string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dest, filepath.Dir(f))
		p := "/"
		if rel != "." {
			p = "/" + filepath.ToSlash(rel) + "/"
		}
		pages = append(pages, p)
		// The editors' page of untagged items is noindex and linked from no public page.
		if b, err := os.ReadFile(f); err == nil && p == "/themes/untagged/" && strings.Contains(string(b), `<meta name="robots" content="noindex">`) {
			return nil
		}
		if d, ok := depth[p]; !ok || d > 3 {
			far = append(far, p)
		}
		return nil
	})
	if len(pages) < 60 {
		t.Errorf("only %d pages built", len(pages))
	}
	for _, p := range far {
		if d, ok := depth[p]; ok {
			t.Errorf("%s is %d clicks from the home page", p, d)
		} else {
			t.Errorf("%s is not reachable from the home page", p)
		}
	}
	t.Logf("%d pages, %d links to #fragments checked", len(pages), len(frags))
}

// TestChildrenThemePage: the children's health theme lists items from 海安, 湖州, 新城区, 金坛
// and every province whose summary mentions 儿科, each linking to an element of its document
// that mentions one of the theme's keywords.
func TestChildrenThemePage(t *testing.T) {
	dest := buildBundled(t)
	cfg, err := config.Load(filepath.Join(repoRoot, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	keywords := cfg.ThemeBySlug("children").Keywords

	// Ground truth from the sources: the four city plans, and the documents whose front
	// matter summary mentions 儿科.
	want := map[string]bool{"/plans/haian-2025/": true, "/plans/huzhou-2025/": true, "/plans/xincheng-2025/": true, "/plans/jintan-2025/": true}
	files, _ := filepath.Glob(filepath.Join(repoRoot, "content", "plans", "*.md"))
	summaryRE := regexp.MustCompile(`(?m)^summary\s*=\s*"(.*)"`)
	provinces := 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		if m := summaryRE.FindSubmatch(src); m != nil && strings.Contains(string(m[1]), "儿科") {
			want["/plans/"+strings.TrimSuffix(filepath.Base(f), ".md")+"/"] = true
			provinces++
		}
	}
	if provinces < 5 {
		t.Fatalf("only %d summaries mention 儿科; the ground truth is wrong", provinces)
	}

	entryRE := regexp.MustCompile(`<li id="[^"]+"><a href="([^"#]+)#([^"]+)"`)
	got := map[string]bool{}
	entries := 0
	for n := 1; ; n++ {
		p := "/themes/children/"
		if n > 1 {
			p += "page/" + strconv.Itoa(n) + "/"
		}
		b, err := os.ReadFile(pageFile(dest, p))
		if err != nil {
			break
		}
		for _, m := range entryRE.FindAllStringSubmatch(string(b), -1) {
			entries++
			got[m[1]] = true
			doc, err := os.ReadFile(pageFile(dest, m[1]))
			if err != nil {
				t.Errorf("%s: %v", m[1], err)
				continue
			}
			text := elementText(string(doc), m[2])
			if text == "" {
				t.Errorf("%s#%s: no such element", m[1], m[2])
				continue
			}
			if !containsAny(text, keywords) {
				t.Errorf("%s#%s does not mention %v: %.80s", m[1], m[2], keywords, text)
			}
		}
	}
	for u := range want {
		if !got[u] {
			t.Errorf("children theme page lists nothing from %s", u)
		}
	}
	t.Logf("%d entries from %d documents; %d expected documents", entries, len(got), len(want))
}

// elementText is the text of the item or paragraph with the given id, up to its first </p>.
func elementText(html, id string) string {
	i := strings.Index(html, ` id="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := html[i:]
	if j := strings.Index(rest, "</p>"); j >= 0 {
		rest = rest[:j]
	}
	return tagsRE.ReplaceAllString(rest[strings.Index(rest, ">")+1:], "")
}

func containsAny(s string, subs []string) bool {
	for _, k := range subs {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// TestThemeFilterFindsTaggedItems: the search filter theme=children returns exactly the items
// the children theme page lists (among those matching the query), each hit carrying the theme.
func TestThemeFilterFindsTaggedItems(t *testing.T) {
	dest := buildBundled(t)
	mux, closeIndex, err := newMux(build.Options{Source: repoRoot, Index: filepath.Join(filepath.Dir(dest), "search.bleve")}, dest, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer closeIndex()
	const q = "医院"
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?size=100&theme=children&q="+url.QueryEscape(q), nil))
	var resp struct {
		Total int `json:"total"`
		Hits  []struct {
			URL    string   `json:"url"`
			Item   string   `json:"item"`
			Themes []string `json:"themes"`
		} `json:"hits"`
		Facets map[string][]struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"facets"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("%v: %s", err, rec.Body.String())
	}
	// Every hit carries the theme, so its facet count is the total.
	counted := false
	for _, f := range resp.Facets["theme"] {
		if f.Value == "children" {
			counted = true
			if f.Count != resp.Total {
				t.Errorf("facet theme=children counts %d, total is %d", f.Count, resp.Total)
			}
		}
	}
	if !counted {
		t.Errorf("no theme=children facet in %v", resp.Facets["theme"])
	}
	got := map[string]bool{}
	for _, h := range resp.Hits {
		if !slices.Contains(h.Themes, "children") {
			t.Errorf("%s: themes %v", h.URL, h.Themes)
		}
		if h.Item != "" {
			got[h.URL] = true
		}
	}
	// The items of the children theme page whose text mentions 医院.
	want := map[string]bool{}
	b, err := os.ReadFile(pageFile(dest, "/themes/children/"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`<li id="[^"]+"><a href="([^"#]+)#([^"]+)"><b>`).FindAllStringSubmatch(string(b), -1) {
		doc, _ := os.ReadFile(pageFile(dest, m[1]))
		if strings.Contains(elementText(string(doc), m[2]), q) {
			want[m[1]+"#"+m[2]] = true
		}
	}
	if len(want) < 3 {
		t.Fatalf("only %d children items mention %s; the test proves little", len(want), q)
	}
	for u := range want {
		if !got[u] {
			t.Errorf("theme=children&q=%s misses %s", q, u)
		}
	}
	for u := range got {
		if !want[u] {
			t.Errorf("theme=children&q=%s returns %s, which the theme page does not list", q, u)
		}
	}
	t.Logf("%d item hits, %d expected, total %d", len(got), len(want), resp.Total)
}
