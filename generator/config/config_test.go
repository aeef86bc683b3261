package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/msg"
)

// src joins lines with "\n", so that line i of the slice (0-based) is file line i+1.
func src(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

// errLines splits a (joined) Parse error into its lines.
func errLines(err error) []string {
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

func TestLoadRepoConfig(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatalf("the repository's config.toml does not load:\n%v", err)
	}
	if len(c.Themes) < 15 {
		t.Errorf("got %d themes, want at least 15", len(c.Themes))
	}
	ascii := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for i, th := range c.Themes {
		if !ascii.MatchString(th.Slug) {
			t.Errorf("theme %d: slug %q is not a lower-case ASCII slug", i, th.Slug)
		}
		for _, r := range th.Slug {
			if r > 0x7f {
				t.Errorf("theme %d: slug %q has non-ASCII %q", i, th.Slug, r)
			}
		}
		if seen[th.Slug] {
			t.Errorf("theme slug %q appears twice", th.Slug)
		}
		seen[th.Slug] = true
		if strings.TrimSpace(th.Name) == "" {
			t.Errorf("theme %q has an empty name", th.Slug)
		}
		if got := c.ThemeBySlug(th.Slug); got == nil || got.Name != th.Name {
			t.Errorf("ThemeBySlug(%q) = %+v, want the theme named %q", th.Slug, got, th.Name)
		}
		if got := c.ThemeName(th.Slug); got != th.Name {
			t.Errorf("ThemeName(%q) = %q, want %q", th.Slug, got, th.Name)
		}
	}
	if got := c.ThemeSlugs(); len(got) != len(c.Themes) || (len(got) > 0 && got[0] != c.Themes[0].Slug) {
		t.Errorf("ThemeSlugs() = %v, not in taxonomy order", got)
	}
	if c.ThemeBySlug("no-such-theme") != nil {
		t.Error(`ThemeBySlug("no-such-theme") is not nil`)
	}
	if got := c.ThemeName("no-such-theme"); got != "no-such-theme" {
		t.Errorf(`ThemeName("no-such-theme") = %q, want the slug itself`, got)
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		t.Errorf("BaseURL %q has no trailing slash", c.BaseURL)
	}
	if c.SiteDomain == "" {
		t.Error("SiteDomain is empty")
	}
	if strings.Contains(c.SiteDomain, ":") || strings.Contains(c.SiteDomain, "/") {
		t.Errorf("SiteDomain %q should be a bare host name", c.SiteDomain)
	}
	if strings.TrimSpace(c.Title) == "" {
		t.Error("Title is empty")
	}
	if got := c.SectionName("plans"); got == "plans" || got == "" {
		t.Errorf(`SectionName("plans") = %q, want the configured display name`, got)
	}
	for i, g := range c.Search.Synonyms {
		if len(g) < 2 {
			t.Errorf("synonym group %d has %d terms", i+1, len(g))
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.toml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Load of a missing file: err = %v, want ErrNotExist", err)
	}
}

// TestEmptyConfig checks that a config without a single key is one error naming the file and
// what it lacks, not a site without themes (which made every document's themes unknown).
func TestEmptyConfig(t *testing.T) {
	defer msg.SetEnglish(false)()
	for _, body := range []string{"", "\n  \n", "# 站点配置\n"} {
		_, err := Parse("site/config.toml", []byte(body))
		if err == nil {
			t.Errorf("Parse(%q) accepted an empty config", body)
			continue
		}
		lines := errLines(err)
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "site/config.toml: 配置文件是空的") ||
			!strings.Contains(lines[0], "[[themes]]") || !strings.Contains(lines[0], "base_url") {
			t.Errorf("Parse(%q) = %q, want one line naming site/config.toml and what it lacks", body, lines)
		}
	}
}

// TestLoadMissingFileSaysSo checks that a missing config is named as missing, not as a bare
// "open …: no such file".
func TestLoadMissingFileSaysSo(t *testing.T) {
	defer msg.SetEnglish(false)()
	path := filepath.Join(t.TempDir(), "config.toml")
	_, err := Load(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": 找不到站点配置文件") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load of a missing file: %v", err)
	}
}

// TestYearRange checks the [content] year range: the default, a configured one, and the
// values that are no range.
func TestYearRange(t *testing.T) {
	c, err := Parse("c.toml", src(`title = "t"`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Content.MinYear != 1949 || c.Content.MaxYear != 2100 {
		t.Errorf("default years %d–%d, want 1949–2100", c.Content.MinYear, c.Content.MaxYear)
	}
	c, err = Parse("c.toml", src(`title = "t"`, `[content]`, `min_year = 1900`, `max_year = 2200`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Content.MinYear != 1900 || c.Content.MaxYear != 2200 {
		t.Errorf("configured years %d–%d, want 1900–2200", c.Content.MinYear, c.Content.MaxYear)
	}
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		{[]string{`[content]`, `min_year = 0`}, "c.toml:3: content.min_year: 0 is not a year (want 1–9999)"},
		{[]string{`[content]`, `max_year = 1900`}, "c.toml:3: content.max_year: 1900 is not a year from min_year 1949 to 9999"},
		{[]string{`[content]`, `min_year = 2000`, `max_year = 10000`}, "c.toml:4: content.max_year: 10000 is not a year from min_year 2000 to 9999"},
	} {
		_, err := Parse("c.toml", src(append([]string{`title = "t"`}, tc.lines...)...))
		if got := strings.Join(errLines(err), "\n"); got != tc.want {
			t.Errorf("%q:\ngot  %s\nwant %s", tc.lines, got, tc.want)
		}
	}
}

// TestFeedLimit: feed_limit defaults to 50 entries, 0 means all, and a negative number is
// an error that names the line.
func TestFeedLimit(t *testing.T) {
	c, err := Parse("c.toml", src(`title = "t"`))
	if err != nil {
		t.Fatal(err)
	}
	if c.FeedLimit != 50 {
		t.Errorf("default feed_limit %d, want 50", c.FeedLimit)
	}
	for _, n := range []int{0, 10} {
		c, err = Parse("c.toml", src(`title = "t"`, fmt.Sprintf("feed_limit = %d", n)))
		if err != nil {
			t.Fatal(err)
		}
		if c.FeedLimit != n {
			t.Errorf("feed_limit = %d read as %d", n, c.FeedLimit)
		}
	}
	_, err = Parse("c.toml", src(`title = "t"`, `base_url = "http://example.org/"`, `feed_limit = -1`))
	if got, want := strings.Join(errLines(err), "\n"), "c.toml:3: feed_limit: -1 is not a number of entries (want 0 for all, or more)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestTypeErrors: a value of the wrong type names the file, line and key and says what was
// wanted, as every other config problem does, not the TOML decoder's English.
func TestTypeErrors(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{`feed_limit = "abc"`, "c.toml:2: feed_limit: want an integer, found a string"},
		{`feed_limit = 1.5`, "c.toml:2: feed_limit: want an integer, found a number"},
		{`title = 3`, "c.toml:2: title: want a string, found an integer"},
		{`feed_limit = [1]`, "c.toml:2: feed_limit: want an integer, found a list"},
	} {
		_, err := Parse("c.toml", src(`base_url = "http://example.org/"`, tt.line))
		if got := strings.Join(errLines(err), "\n"); got != tt.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.line, got, tt.want)
		}
	}
}

func TestParseValid(t *testing.T) {
	c, err := Parse("c.toml", src(
		`base_url = "https://plans.example.org:8443/portal"`,
		`[sections]`,
		`plans = "工作计划"`,
		`notices = ""`,
		`[search]`,
		`synonyms = [["家医", "家庭医生"]]`,
		`[[themes]]`,
		`slug = "tcm"`,
		`name = "中医药"`,
	))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://plans.example.org:8443/portal/" {
		t.Errorf("BaseURL = %q, want a trailing slash added", c.BaseURL)
	}
	if c.SiteDomain != "plans.example.org" {
		t.Errorf("SiteDomain = %q, want plans.example.org (no port)", c.SiteDomain)
	}
	// Fields the file leaves out keep their defaults.
	d := Default()
	if c.Title != d.Title || c.Language != d.Language || c.Theme != d.Theme {
		t.Errorf("defaults lost: title %q language %q theme %q", c.Title, c.Language, c.Theme)
	}
	for key, want := range map[string]string{"plans": "工作计划", "notices": "notices", "other": "other"} {
		if got := c.SectionName(key); got != want {
			t.Errorf("SectionName(%q) = %q, want %q", key, got, want)
		}
	}
	if th := c.ThemeBySlug("tcm"); th == nil || th.Name != "中医药" {
		t.Errorf(`ThemeBySlug("tcm") = %+v`, th)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  []byte
		// want are substrings, each of which must start some line of the error.
		want []string
	}{
		{
			name: "unknown top-level key",
			src: src(
				`title = "t"`,
				`base_url = "http://example.org/"`,
				`titel = "typo"`,
			),
			want: []string{"f.toml:3: titel: unknown key"},
		},
		{
			name: "unknown key in a table",
			src: src(
				`base_url = "http://example.org/"`,
				`[markup]`,
				`unsafe = false`,
				`unsave = true`,
			),
			want: []string{"f.toml:4: markup.unsave: unknown key"},
		},
		{
			name: "unknown key in an array table",
			src: src(
				`base_url = "http://example.org/"`,
				`[[themes]]`,
				`slug = "tcm"`,
				`name = "中医药"`,
				`keywordz = ["中医"]`,
			),
			want: []string{"f.toml:5: themes.keywordz: unknown key"},
		},
		{
			name: "a theme phrase that is no phrase",
			src: src(
				`title = "t"`,
				`base_url = "http://example.org/"`,
				`[[themes]]`,
				`slug = "health"`,
				`name = "健康"`,
				`keywords = ["健康*行动", "*行动"]`,
				`weak = [" "]`,
				`exclude = ["a*b*c"]`,
				`not_with = ["安全*"]`,
			),
			want: []string{
				`f.toml:6: themes.keywords: theme "health": "*行动" is not a phrase`,
				`f.toml:4: themes.weak: theme "health": "" is not a phrase`,
				`f.toml:8: themes.exclude: theme "health": "a*b*c" is not a phrase`,
				`f.toml:9: themes.not_with: theme "health": "安全*" is not a phrase`,
			},
		},
		{
			name: "a together reading that is no reading",
			src: src(
				`title = "t"`,
				`base_url = "http://example.org/"`,
				`[[themes]]`,
				`slug = "health"`,
				`name = "健康"`,
				`together = ["体检 + 65岁以上|老人 + 卫生院 - 五保老人", "体检", "体检 + ", "体检 + 老人 - ", "体检 + 健康*行动",`,
				// Separators mistyped (full-width, without their spaces) leave phrases no text
				// holds; a phrase in two groups is one phrase.
				`  "体检 + 老人｜老年人", "体检 + 老人 -五保老人", "体检+老人 + 卫生院", "体检 + 老人 - 五保 - 党支部", "体检 + 体检"]`,
			),
			want: []string{
				`f.toml:6: themes.together: theme "health": together reading "体检" is malformed (want at least two groups of phrases joined by " + ", a group's phrases by "|", and after " - " phrases that undo it: 体检|查体 + 65岁以上 + 卫生院 - 五保老人)`,
				`f.toml:6: themes.together: theme "health": together reading "体检 + " is malformed (want at least two groups of phrases joined by " + ", a group's phrases by "|", and after " - " phrases that undo it: 体检|查体 + 65岁以上 + 卫生院 - 五保老人)`,
				`f.toml:6: themes.together: theme "health": together reading "体检 + 老人 - " is malformed (want at least two groups of phrases joined by " + ", a group's phrases by "|", and after " - " phrases that undo it: 体检|查体 + 65岁以上 + 卫生院 - 五保老人)`,
				`f.toml:6: themes.together: theme "health": together reading "体检 + 健康*行动" is malformed (want at least two groups of phrases joined by " + ", a group's phrases by "|", and after " - " phrases that undo it: 体检|查体 + 65岁以上 + 卫生院 - 五保老人)`,
				`f.toml:7: themes.together: theme "health": together reading "体检 + 老人｜老年人" is malformed (want at least two groups of phrases joined by " + ", a group's phrases by "|", and after " - " phrases that undo it: 体检|查体 + 65岁以上 + 卫生院 - 五保老人)`,
				`f.toml:7: themes.together: theme "health": together reading "体检 + 老人 -五保老人" is malformed (want at least two groups of phrases joined by " + ", a group's phrases by "|", and after " - " phrases that undo it: 体检|查体 + 65岁以上 + 卫生院 - 五保老人)`,
				`f.toml:7: themes.together: theme "health": together reading "体检+老人 + 卫生院" is malformed (want at least two groups of phrases joined by " + ", a group's phrases by "|", and after " - " phrases that undo it: 体检|查体 + 65岁以上 + 卫生院 - 五保老人)`,
				`f.toml:7: themes.together: theme "health": together reading "体检 + 老人 - 五保 - 党支部" is malformed (want at least two groups of phrases joined by " + ", a group's phrases by "|", and after " - " phrases that undo it: 体检|查体 + 65岁以上 + 卫生院 - 五保老人)`,
				`f.toml:7: themes.together: theme "health": together reading "体检 + 体检" is malformed (want at least two groups of phrases joined by " + ", a group's phrases by "|", and after " - " phrases that undo it: 体检|查体 + 65岁以上 + 卫生院 - 五保老人)`,
			},
		},
		{
			// The key is known at the top level; the error must point at the misplaced
			// occurrence, not at the valid one.
			name: "known key in the wrong table",
			src: src(
				`title = "t"`,
				`base_url = "http://example.org/"`,
				`[markup]`,
				`title = "misplaced"`,
			),
			want: []string{"f.toml:4: markup.title: unknown key"},
		},
		{
			// The lines of a multi-line array are not table headers.
			name: "unknown key after a multi-line array",
			src: src(
				`base_url = "http://example.org/"`,
				`[ search ] # comment`,
				`synonyms = [`,
				`  ["家医", "家庭医生"]`,
				`]`,
				`[markup]`,
				`synonyms = 1`,
			),
			want: []string{"f.toml:7: markup.synonyms: unknown key"},
		},
		{
			name: "relative base_url",
			src: src(
				`title = "t"`,
				`base_url = "/portal/"`,
			),
			want: []string{"f.toml:2: base_url: "},
		},
		{
			name: "base_url with another scheme",
			src: src(
				`# comment`,
				`base_url = "ftp://example.org/"`,
			),
			want: []string{"f.toml:2: base_url: "},
		},
		{
			name: "base_url without host",
			src: src(
				`base_url = "http:///x"`,
			),
			want: []string{"f.toml:1: base_url: "},
		},
		{
			name: "unparsable base_url",
			src: src(
				``,
				``,
				`base_url = "http://exa mple.org/%zz"`,
			),
			want: []string{"f.toml:3: base_url: "},
		},
		{
			name: "empty title",
			src: src(
				`base_url = "http://example.org/"`,
				`title = "  "`,
			),
			want: []string{"f.toml:2: title: must not be empty"},
		},
		{
			name: "bad theme directory name",
			src: src(
				`base_url = "http://example.org/"`,
				`theme = "../x"`,
			),
			want: []string{"f.toml:2: theme: "},
		},
		{
			// The duplicate is reported where it is redefined.
			name: "duplicate theme slug",
			src: src(
				`base_url = "http://example.org/"`,
				`[[themes]]`,
				`slug = "tcm"`,
				`name = "中医药"`,
				`[[themes]]`,
				`slug = "digital"`,
				`name = "数字健康"`,
				`[[themes]]`,
				`slug = "tcm"`,
				`name = "中医"`,
			),
			want: []string{`f.toml:9: themes.slug: "tcm" is defined twice`},
		},
		{
			name: "non-ASCII theme slug",
			src: src(
				`base_url = "http://example.org/"`,
				`[[themes]]`,
				`slug = "tcm"`,
				`name = "中医药"`,
				`[[themes]]`,
				`slug = "中医药"`,
				`name = "中医药"`,
			),
			want: []string{`f.toml:6: themes.slug: "中医药" is not an ASCII slug`},
		},
		{
			name: "upper-case theme slug",
			src: src(
				`base_url = "http://example.org/"`,
				`[[themes]]`,
				`slug = "TCM"`,
				`name = "中医药"`,
			),
			want: []string{`f.toml:3: themes.slug: "TCM" is not an ASCII slug`},
		},
		{
			name: "theme without name",
			src: src(
				`base_url = "http://example.org/"`,
				`[[themes]]`,
				`slug = "tcm"`,
				`name = "中医药"`,
				`[[themes]]`,
				`slug = "digital"`,
			),
			want: []string{`f.toml:6: themes.name: theme "digital" has no name`},
		},
		{
			name: "synonym group with one term",
			src: src(
				`base_url = "http://example.org/"`,
				`[search]`,
				`synonyms = [`,
				`  ["家医", "家庭医生"],`,
				`  ["医共体"],`,
				`]`,
			),
			want: []string{"f.toml:3: search.synonyms: group 2 has 1 term(s)"},
		},
		{
			name: "TOML syntax error",
			src: src(
				`title = "t"`,
				`base_url = "http://example.org/"`,
				`[markup]`,
				`unsafe = `,
				`[search]`,
			),
			want: []string{"f.toml:4: "},
		},
		{
			name: "unterminated string",
			src: src(
				`title = "t"`,
				`description = "never closed`,
				`base_url = "http://example.org/"`,
			),
			want: []string{"f.toml:2: "},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("f.toml", tc.src)
			if err == nil {
				t.Fatalf("Parse succeeded (%+v), want an error", c)
			}
			if c != nil {
				t.Errorf("Parse returned a config along with the error")
			}
			lines := errLines(err)
			for _, w := range tc.want {
				found := false
				for _, l := range lines {
					if strings.HasPrefix(l, w) {
						found = true
					}
				}
				if !found {
					t.Errorf("no error line starts with %q; got:\n%v", w, err)
				}
			}
			for _, l := range lines {
				if !regexp.MustCompile(`^f\.toml:\d+: `).MatchString(l) {
					t.Errorf("error line %q does not start with file:line:", l)
				}
			}
		})
	}
}

// TestParseReportsAllProblems checks that one Parse reports every problem, not just the first.
func TestParseReportsAllProblems(t *testing.T) {
	_, err := Parse("site/config.toml", src(
		`title = ""`,               // 1
		`base_url = "example.org"`, // 2
		`colour = "red"`,           // 3
		`[search]`,                 // 4
		`synonyms = [["医保"]]`,      // 5
		`[[themes]]`,               // 6
		`slug = "tcm"`,             // 7
		`name = "中医药"`,             // 8
		`[[themes]]`,               // 9
		`slug = "Zhong Yi"`,        // 10
		`name = "中医"`,              // 11
		`[[themes]]`,               // 12
		`slug = "tcm"`,             // 13
		`name = "中医药 again"`,       // 14
	))
	if err == nil {
		t.Fatal("Parse succeeded, want errors")
	}
	want := []string{
		"site/config.toml:1: title: ",
		"site/config.toml:2: base_url: ",
		"site/config.toml:3: colour: unknown key",
		"site/config.toml:5: search.synonyms: ",
		"site/config.toml:10: themes.slug: ",
		"site/config.toml:13: themes.slug: ",
	}
	lines := errLines(err)
	for _, w := range want {
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(l, w) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d error lines start with %q, want 1; got:\n%v", n, w, err)
		}
	}
	if len(lines) != len(want) {
		t.Errorf("got %d error lines, want %d:\n%v", len(lines), len(want), err)
	}
}

// A subject that names an unknown theme, has no name or a bad slug is an error at its line.
func TestSubjectErrors(t *testing.T) {
	src := "title = \"T\"\nbase_url = \"https://example.org/\"\n[[themes]]\nslug = \"children\"\nname = \"儿童\"\n" +
		"[[subjects]]\nslug = \"infant-mortality\"\nname = \"婴儿死亡率\"\ntheme = \"babies\"\n" +
		"[[subjects]]\nslug = \"Bad Slug\"\nname = \"\"\n"
	_, err := Parse("config.toml", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"config.toml:9: subjects.theme", `"babies"`, "config.toml:11: subjects.slug", "subjects.name"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	c, err := Parse("config.toml", []byte(strings.Replace(src[:strings.LastIndex(src, "[[subjects]]")], "babies", "children", 1)))
	if err != nil || len(c.Subjects) != 1 || c.Subjects[0].Names()[0] != "婴儿死亡率" {
		t.Errorf("valid subject: %v %+v", err, c)
	}
}

// TestParseTogether: a reading splits into its groups and the phrases that undo it.
func TestParseTogether(t *testing.T) {
	groups, unless, ok := ParseTogether("体检|查体 + 65岁以上 + 卫生院|村医 - 五保老人|党支部")
	want := [][]string{{"体检", "查体"}, {"65岁以上"}, {"卫生院", "村医"}}
	if !ok || !reflect.DeepEqual(groups, want) || !reflect.DeepEqual(unless, []string{"五保老人", "党支部"}) {
		t.Errorf("got %v %v %v", groups, unless, ok)
	}
	if _, _, ok := ParseTogether("体检|查体"); ok {
		t.Error("one group read as a reading")
	}
}
