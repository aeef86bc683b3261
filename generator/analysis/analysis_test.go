package analysis

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/taxonomy"
)

var cfg = mustConfig(`
title = "测试"
base_url = "https://example.org/"
[[themes]]
slug = "children"
name = "儿童"
keywords = ["儿科", "儿童"]
[[themes]]
slug = "elderly"
name = "老年"
keywords = ["老年"]
[[themes]]
slug = "digital"
name = "数字健康"
keywords = ["数字健康"]
[[themes]]
slug = "reform"
name = "医改"
keywords = ["医共体"]
`)

func mustConfig(src string) *config.Config {
	c, err := config.Parse("config.toml", []byte(src))
	if err != nil {
		panic(err)
	}
	return c
}

func parse(t *testing.T, front, body string) *content.Document {
	t.Helper()
	src := "+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"2025-03-04\"\n" + front + "+++\n" + body
	d, diags := content.NewLoader(content.Options{KnownTheme: func(s string) bool { return cfg.ThemeBySlug(s) != nil }}).Parse("content/plans/x.md", []byte(src))
	for _, dg := range diags {
		if !dg.Warning {
			t.Fatal(dg)
		}
	}
	return d
}

// TestDocumentThemes: a document is on a theme when its front matter names it or any passage
// carries it, however few (one item of twenty on 儿科 puts the document on the theme page, so
// its 主题分类 must say so too); themes come in taxonomy order.
func TestDocumentThemes(t *testing.T) {
	body := "## 一、一老一小\n\n1. 发展儿科。\n\n2. 其他工作。\n\n### （一）养老\n\n3. 关爱老年人。\n\n## 二、其他\n\n4. 其他工作。\n\n# 附件：数字健康行动\n\n这一段文字讲的是推进数字健康建设的具体安排和要求。\n"
	for _, tt := range []struct {
		name, front string
		themes      []string
		sections    map[string][]string
	}{
		{"passages alone", "", []string{"children", "elderly", "digital"},
			map[string][]string{"s1": {"children", "elderly"}, "s1-1": {"elderly"}, "s2": nil, "a1": {"digital"}}},
		{"front matter adds, in taxonomy order", "themes = [\"reform\", \"children\"]\n", []string{"children", "elderly", "digital", "reform"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, tt.front, body)
			a := New(cfg).Analyse(d)
			if !reflect.DeepEqual(a.Themes(), tt.themes) {
				t.Errorf("themes %v, want %v", a.Themes(), tt.themes)
			}
			for anchor, want := range tt.sections {
				if got := a.SectionThemes(anchor); !reflect.DeepEqual(got, want) {
					t.Errorf("section %s: %v, want %v", anchor, got, want)
				}
			}
			if w := a.Weight("children"); w != 1 {
				t.Errorf("children weight %d, want 1", w)
			}
			// Weights counts the passages of each theme; a theme of the front matter alone
			// (reform) has none and is not in it.
			want := taxonomy.Weights{"children": 1, "elderly": 1, "digital": 1}
			if w := a.Weights(); !reflect.DeepEqual(w, want) || a.Weight("reform") != 0 || a.Weight("none") != 0 {
				t.Errorf("weights %v (reform %d), want %v", w, a.Weight("reform"), want)
			}
			if got := a.PassageThemes("s1-1-i3"); !reflect.DeepEqual(got, []string{"elderly"}) {
				t.Errorf("item 3: %v", got)
			}
		})
	}
}

// TestNilDoc: a document without analysis (not published) is on no theme.
func TestNilDoc(t *testing.T) {
	var a *Doc
	if a.Themes() != nil || a.PassageThemes("i1") != nil || a.SectionThemes("s1") != nil || a.Weight("x") != 0 || a.Has("x") {
		t.Error("nil Doc answers with themes")
	}
}

// TestPassageReasons: the analysis keeps, for each theme of a passage, the reason the tagger
// gave, and its themes are the same as its tags'.
func TestPassageReasons(t *testing.T) {
	d := parse(t, "", "1. 总体要求。扩大儿科服务，关爱老年人。\n")
	a := New(cfg).Analyse(d)
	r, ok := a.Reason("i1", "children")
	const text = "总体要求。扩大儿科服务，关爱老年人。"
	if !ok || r.Phrase(text) != "儿科" || r.Sentence(text) != "扩大儿科服务，关爱老年人。" {
		t.Errorf("children: %+v %v", r, ok)
	}
	if _, ok := a.Reason("i1", "reform"); ok {
		t.Error("reform has a reason on a passage not on it")
	}
	var themes []string
	for _, tg := range a.PassageTags("i1") {
		themes = append(themes, tg.Theme)
	}
	if !reflect.DeepEqual(themes, a.PassageThemes("i1")) || len(themes) != 2 {
		t.Errorf("tags %v, themes %v", themes, a.PassageThemes("i1"))
	}
}

// noteRE finds where a 海安 source line's responsibility note begins: an independent scan of
// the source, not the loader's recogniser.
var noteRE = regexp.MustCompile(`\**[（(]\**分管领导`)

// No 海安 item gets a theme from its responsibility note: every theme analysis gives an item is
// one whose keywords or weak phrases occur in the item's source line before the note (the file
// has no {themes: …} directives). Before notes were read apart, 10 of the 17 items tagged 妇幼健康与
// 生育支持 had the tag only from "基层卫生与妇幼健康科" in their note.
func TestNoThemeFromAnnotation(t *testing.T) {
	site, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../content/plans/haian-2025.md")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(src, []byte("{themes:")) {
		t.Fatal("the test assumes no directives in the source")
	}
	d, _ := content.NewLoader(content.Options{}).Parse("content/plans/haian-2025.md", src)
	an := New(site).Analyse(d)
	lines := strings.Split(string(src), "\n")
	keywords := map[string][]string{} // a theme's keywords and weak phrases
	for _, th := range site.Themes {
		keywords[th.Slug] = append(append([]string{}, th.Keywords...), th.Weak...)
	}
	// contains reports whether s holds the phrase k; a * in k stands for a few characters.
	contains := func(s, k string) bool {
		before, after, wild := strings.Cut(k, "*")
		if !wild {
			return strings.Contains(s, k)
		}
		i := strings.Index(s, before)
		return i >= 0 && strings.Contains(s[i+len(before):], after)
	}
	checked, noteOnly := 0, map[string]int{}
	for _, it := range d.AllItems() {
		line := lines[it.Line-1]
		loc := noteRE.FindStringIndex(line)
		if loc == nil {
			continue
		}
		checked++
		before, note := line[:loc[0]], line[loc[0]:]
		for _, th := range an.PassageThemes(it.Anchor) {
			found := false
			for _, k := range keywords[th] {
				found = found || contains(before, k)
			}
			if !found {
				t.Errorf("item %s (line %d) tagged %s without a keyword before its note", it.Marker, it.Line, th)
			}
		}
		// The themes the note alone would have given: none of them may be on the item.
		for th, ks := range keywords {
			inNote, inText := false, false
			for _, k := range ks {
				inNote = inNote || contains(note, k)
				inText = inText || contains(before, k)
			}
			if inNote && !inText {
				noteOnly[th]++
				for _, got := range an.PassageThemes(it.Anchor) {
					if got == th {
						t.Errorf("item %s tagged %s from its note", it.Marker, th)
					}
				}
			}
		}
	}
	if checked < 80 || noteOnly["maternal"] < 5 {
		t.Fatalf("checked %d annotated items, %d whose note alone names 妇幼: the scan found too little to test", checked, noteOnly["maternal"])
	}
	t.Logf("%d annotated items; notes alone would have tagged %v", checked, noteOnly)
}

// TestPassagesLookedUpAndShared: each passage's themes and reasons, looked up by anchor, are
// the tagger's own for that passage (ground truth: taxonomy.Tagger.Tag on the same document,
// which keys them by anchor), a passage on no theme and an unknown anchor have none; and the
// lists a build keeps are not larger than they need be: passages (in two documents) on the
// same themes share one list of themes, the lists of themes and of reasons have no spare
// capacity (an append to a shared list must copy it, never write into another passage's).
func TestPassagesLookedUpAndShared(t *testing.T) {
	body := "## 一、一老一小\n\n1. 发展儿科。\n\n2. 关爱老年人和儿童。\n\n3. 其他工作。\n\n4. 推进医共体和数字健康，关爱老年人。\n\n" +
		"5. 关爱老年人，发展儿童保健。\n\n6. 加强儿科建设。\n\n# 附件：数字健康行动\n\n这一段文字讲的是推进数字健康建设的具体安排和要求。\n"
	a := New(cfg)
	d1, d2 := parse(t, "", body), parse(t, "", body)
	r1, r2 := a.Analyse(d1), a.Analyse(d2)
	want := taxonomy.New(cfg.Themes).Tag(d1).Passages
	lists := map[string][]string{}
	n := 0
	for _, r := range []*Doc{r1, r2} {
		d1.Passages(func(p content.Passage) {
			n++
			var themes []string
			for _, tg := range want[p.Anchor()] {
				themes = append(themes, tg.Theme)
			}
			got := r.PassageThemes(p.Anchor())
			if !slices.Equal(got, themes) || !reflect.DeepEqual(r.PassageTags(p.Anchor()), want[p.Anchor()]) {
				t.Errorf("%s: themes %v, tags %+v; want %v, %+v", p.Anchor(), got, r.PassageTags(p.Anchor()), themes, want[p.Anchor()])
			}
			if tags := r.PassageTags(p.Anchor()); cap(got) != len(got) || cap(tags) != len(tags) {
				t.Errorf("%s: %d themes in a list of capacity %d, %d reasons in %d", p.Anchor(), len(got), cap(got), len(tags), cap(tags))
			}
			if len(got) == 0 {
				return
			}
			key := strings.Join(got, " ")
			if prev, ok := lists[key]; ok && unsafe.SliceData(prev) != unsafe.SliceData(got) {
				t.Errorf("%s: its themes %v are a list of their own, not the one shared with the other passages on them", p.Anchor(), got)
			}
			lists[key] = got
		})
	}
	if n != 2*7 || len(lists) < 4 {
		t.Fatalf("%d passages, %d distinct lists of themes: the fixture no longer tests what it should", n, len(lists))
	}
	if r1.PassageThemes("no-such-anchor") != nil || r1.PassageTags("no-such-anchor") != nil {
		t.Errorf("an unknown anchor has themes: %v, %v", r1.PassageThemes("no-such-anchor"), r1.PassageTags("no-such-anchor"))
	}
}

// TestKeptValuesSizes: a build keeps every item, every passage's reasons and every target
// to its end (issue 16: 50,000 plans hold about two million items, a million reasons and as
// many targets), so their sizes are held at a size class of the allocator: 128 bytes for an
// item and a target (144 and 136 before their lines and years became int32), 40 for a
// reason's Tag (80 before its offsets became int32, 64 while it held its phrase and sentence
// as strings).
func TestKeptValuesSizes(t *testing.T) {
	// A reason is offsets into its passage's text, nothing that points: a string cut from the
	// text would keep the whole text alive as long as the analysis (a paragraph's text is made
	// afresh for analysis, so only the reasons held it), and the passage's text has to be free
	// to go once its document's pages are made.
	rt := reflect.TypeOf(taxonomy.Reason{})
	for i := 0; i < rt.NumField(); i++ {
		if f := rt.Field(i); f.Type.Kind() != reflect.Int32 {
			t.Errorf("taxonomy.Reason.%s is a %s, not an offset (int32)", f.Name, f.Type)
		}
	}
	for _, c := range []struct {
		name      string
		size, max uintptr
	}{
		{"content.Item", unsafe.Sizeof(content.Item{}), 128},
		// 128 bytes and its themes (a shared list), which site.Indicator no longer holds.
		{"analysis.Target", unsafe.Sizeof(Target{}), 152},
		{"taxonomy.Tag", unsafe.Sizeof(taxonomy.Tag{}), 40},
		// One per passage on a theme: its anchor, a pointer to its shared list of themes
		// (not the list's header: 64 bytes before) and its reasons.
		{"analysis.passage", unsafe.Sizeof(passage{}), 48},
	} {
		if c.size > c.max {
			t.Errorf("%s is %d bytes, more than %d", c.name, c.size, c.max)
		}
	}
}

// TestInternKeepsListsApart: two different lists of themes are never one shared list, even
// when their slugs joined by a separator would read the same (slugs outside the taxonomy come
// from front matter that was not validated and may hold spaces or any other byte).
func TestInternKeepsListsApart(t *testing.T) {
	a := New(cfg)
	pairs := [][2][]string{
		{{"a b", "c"}, {"a", "b c"}},
		{{"a\x00b"}, {"a", "b"}},
		{{"ab", ""}, {"a", "b"}},
	}
	for _, p := range pairs {
		x, y := a.intern(p[0]), a.intern(p[1])
		if !slices.Equal(x, p[0]) || !slices.Equal(y, p[1]) {
			t.Errorf("intern(%q) = %q, intern(%q) = %q: each must return its own list", p[0], x, p[1], y)
		}
	}
}

// TestSectionThemesMany: a document of a dozen sections (anchors s1 … s12, which sort apart
// by length and by bytes), one of them nested and some on no theme, answers each section's
// themes as its passages carry them, and none for a section on no theme or an unknown anchor.
func TestSectionThemesMany(t *testing.T) {
	words := []string{"发展儿科", "关爱老年人", "推进数字健康", "其他工作", "建设医共体和儿科"}
	want := map[string][]string{"s1": {"children"}, "s2": {"elderly"}, "s3": {"digital"}, "s4": nil, "s5": {"children", "reform"},
		"s6": {"children"}, "s7": {"elderly"}, "s8": {"digital"}, "s9": nil, "s10": {"children", "reform"}, "s11": {"children"},
		"s12": {"elderly", "digital"}, "s12-1": {"digital"}, "s13": nil, "s": nil, "s1-1": nil, "a1": nil}
	numerals := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}
	var b strings.Builder
	for k, n := range numerals {
		fmt.Fprintf(&b, "## %s、第%s部分\n\n%d. %s。\n\n", n, n, k+1, words[k%len(words)])
	}
	b.WriteString("### （一）数字\n\n13. 推进数字健康。\n")
	a := New(cfg).Analyse(parse(t, "", b.String()))
	for anchor, w := range want {
		if got := a.SectionThemes(anchor); !slices.Equal(got, w) {
			t.Errorf("section %s: %v, want %v", anchor, got, w)
		}
	}
}
