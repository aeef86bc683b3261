// Package config reads and validates a site's config.toml.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/planportal/planportal/generator/msg"
)

// Config is the validated site configuration.
type Config struct {
	// Title is the portal's name, shown in every page header and in <title>.
	Title string `toml:"title"`
	// Description describes the portal for the home page's meta description.
	Description string `toml:"description"`
	// BaseURL is the absolute URL the site is published at; canonical and Open Graph URLs use it.
	BaseURL string `toml:"base_url"`
	// Language is the pages' lang attribute.
	Language string `toml:"language"`
	// Theme names the directory under themes/ holding templates and static assets.
	Theme string `toml:"theme"`
	// Publisher is the organisation running the portal, shown in the footer.
	Publisher string `toml:"publisher"`
	// Sections names each content section (content/<key>/) for menus and breadcrumbs.
	Sections map[string]string `toml:"sections"`
	// Markup configures Markdown rendering.
	Markup Markup `toml:"markup"`
	// Themes is the theme taxonomy (主题分类).
	Themes []Theme `toml:"themes"`
	// Search configures the search index and queries.
	Search Search `toml:"search"`
	// Content configures what the content loader accepts.
	Content Content `toml:"content"`
	// Subjects are the indicators (指标) compared across plans: each target whose subject
	// names one of a subject's aliases is listed on the subject's comparison page.
	Subjects []Subject `toml:"subjects"`
	// Slugs overrides the URL slug derived (as pinyin) from an agency or region name, for
	// names the pinyin of which is wrong (重庆市 = "chongqingshi") or too long.
	Slugs map[string]string `toml:"slugs"`
	// FeedLimit is how many entries each Atom feed holds: the newest, by the date the
	// content states (a document's published date), of the year before the newest
	// (render.FeedReach). 0 means every entry of that year.
	FeedLimit int `toml:"feed_limit"`

	// SiteDomain is the host of BaseURL, for the SiteDomain meta tag.
	SiteDomain  string `toml:"-"`
	themeBySlug map[string]*Theme
}

// Markup configures Markdown rendering.
type Markup struct {
	// Unsafe lets raw HTML in Markdown through; by default it is escaped and shown as text.
	Unsafe bool `toml:"unsafe"`
}

// Content configures what front matter may hold.
type Content struct {
	// MinYear and MaxYear bound the year of every date in front matter (published, written
	// …): a date outside them is a typing mistake (0000-01-01), not a plan.
	MinYear int `toml:"min_year"`
	MaxYear int `toml:"max_year"`
}

// Search configures search.
type Search struct {
	// Synonyms lists groups of terms a query treats as one (医共体 = 医疗共同体).
	Synonyms [][]string `toml:"synonyms"`
}

// Theme is one entry of the theme taxonomy. Its phrases tag passages (package taxonomy): a
// passage is on the theme when it holds one of its keywords, or two of its weak phrases, outside
// its exclusions and outside lists of examples (docs/CONTENT.md, 主题分类).
type Theme struct {
	Slug        string `toml:"slug"`
	Name        string `toml:"name"`
	Description string `toml:"description"`
	// Keywords each put a passage on the theme (儿科).
	Keywords []string `toml:"keywords"`
	// Weak phrases put a passage on the theme two at a time, or with a keyword (人才 alone
	// is often said in passing).
	Weak []string `toml:"weak"`
	// Exclude are phrases in which a keyword or weak phrase does not count: another sense
	// (基层党组织 for 基层) or an institution named only as the actor (中医院 for 中医).
	Exclude []string `toml:"exclude"`
	// NotWith are phrases that, in the same clause (or the sentence a clause opening 围绕, 结合,
	// 针对, … frames), make the theme's phrases count nothing: the setting of another theme's
	// work (安全生产 for emergency: the 应急演练 and 培训 of a safety item are safety only,
	// judging rule 5).
	NotWith []string `toml:"not_with"`
	// Together are readings that no single phrase carries: a sentence that holds a phrase of
	// each group puts the passage on the theme, the way a reader takes an actor and its task
	// together. Groups are joined by " + ", a group's phrases by "|"; phrases after " - " undo
	// the reading where the sentence holds one ("体检|查体 + 65岁以上|老人 + 卫生院 - 五保老人":
	// a township health centre's checkup of people aged 65 and over is its basic public health
	// service, judging rule 23). ParseTogether reads one.
	Together []string `toml:"together"`
	// Aspect marks a theme whose phrases, right after another theme's phrase, name an aspect
	// of that theme rather than a subject of their own (健康教育 in 中医健康教育基地 is tcm's).
	Aspect bool `toml:"aspect"`
}

// Subject is an indicator compared across plans: 家庭医生签约服务覆盖率, written also
// 家庭医生签约率 or 签约服务覆盖率.
type Subject struct {
	Slug string `toml:"slug"`
	Name string `toml:"name"`
	// Aliases are other ways plans write it; the name is one too. A target's subject matches
	// when it contains one; the longest match decides between subjects.
	Aliases []string `toml:"aliases"`
	// Theme is the slug of the taxonomy theme the subject belongs to (optional).
	Theme string `toml:"theme"`
}

// Names returns the subject's name followed by its aliases.
func (s Subject) Names() []string { return append([]string{s.Name}, s.Aliases...) }

// ThemeBySlug returns the theme with the given slug, or nil.
func (c *Config) ThemeBySlug(slug string) *Theme { return c.themeBySlug[slug] }

// ThemeName returns the display name of the theme with the given slug, or the slug itself for
// a theme the configuration does not know.
func (c *Config) ThemeName(slug string) string {
	if t := c.ThemeBySlug(slug); t != nil {
		return t.Name
	}
	return slug
}

// ThemeSlugs returns the known theme slugs in taxonomy order.
func (c *Config) ThemeSlugs() []string {
	s := make([]string, len(c.Themes))
	for i, t := range c.Themes {
		s[i] = t.Slug
	}
	return s
}

// SectionName returns the display name of a content section, or the key itself.
func (c *Config) SectionName(key string) string {
	if n, ok := c.Sections[key]; ok && n != "" {
		return n
	}
	return key
}

// DefaultFeedLimit is the number of newest entries a feed holds unless config.toml says
// otherwise: a reader's feed client asks for what is new, not for the archive, which the
// listing pages hold.
const DefaultFeedLimit = 50

// UntaggedSlug is the theme page listing items that carry no theme; no theme may use it.
const UntaggedSlug = "untagged"

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Default returns the configuration used for fields config.toml leaves out.
func Default() *Config {
	return &Config{
		Title:    "卫生健康规划计划公开",
		BaseURL:  "http://127.0.0.1:8080/",
		Language: "zh-CN",
		Theme:    "default",
		Sections: map[string]string{},
		Content:  Content{MinYear: 1949, MaxYear: 2100},

		FeedLimit: DefaultFeedLimit,
	}
}

// Load reads and validates the config file at path. Every problem is reported, each as
// "path:line: field: message".
func Load(path string) (*Config, error) {
	src, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, &missingError{path, err}
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// missingError is a config file that does not exist: it names the file and says what
// --source and --config are, without the system's English "no such file or directory".
type missingError struct {
	path string
	err  error
}

func (e *missingError) Error() string { return e.path + ": " + msg.T("config.missing") }
func (e *missingError) Unwrap() error { return e.err }

// typeErrRE matches the TOML decoder's error for a value of the wrong type: its line, key,
// the value's Go type and the type the field wants.
var typeErrRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): incompatible types: TOML value has type (\S+); destination has type (.+)$`)

// tomlType names a type of the TOML decoder's type errors for an editor, in the words the
// front matter's type errors use (msg type.*).
func tomlType(t string) string {
	switch t {
	case "int64", "integer":
		return msg.T("type.integer")
	case "float64", "float":
		return msg.T("type.number")
	case "string", "primitive (string-like)":
		return msg.T("type.string")
	case "bool", "boolean":
		return msg.T("type.bool")
	case "[]any", "slice":
		return msg.T("type.list")
	case "map[string]any", "map":
		return msg.T("type.table")
	case "time.Time":
		return msg.T("type.date")
	}
	return t
}

// Parse validates config source; name is used in error messages.
func Parse(name string, src []byte) (*Config, error) {
	c := Default()
	md, err := toml.Decode(string(src), c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", name, pe.Position.Line, msg.T("config.toml", pe.Message))
		}
		if m := typeErrRE.FindStringSubmatch(err.Error()); m != nil {
			// A value of the wrong type (feed_limit = "abc"): the decoder says so in English
			// without a ParseError; say it as every other config problem is said.
			return nil, fmt.Errorf("%s:%s: %s: %s", name, m[1], m[2], msg.T("config.type", tomlType(m[4]), tomlType(m[3])))
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(md.Keys()) == 0 {
		return nil, fmt.Errorf("%s: %s", name, msg.T("config.empty"))
	}
	lines := strings.Split(string(src), "\n")
	lineOf := func(key string) int {
		re := regexp.MustCompile(`^\s*` + regexp.QuoteMeta(key) + `\s*=`)
		for i, l := range lines {
			if re.MatchString(l) {
				return i + 1
			}
		}
		return 1
	}
	var errs []error
	fail := func(line int, field string, id msg.ID, a ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s: %s", name, line, field, msg.T(id, a...)))
	}
	for _, k := range md.Undecoded() {
		fail(lineOfKey(lines, k, lineOf), k.String(), "config.unknown")
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fail(lineOf("base_url"), "base_url", "config.baseurl", c.BaseURL)
	} else {
		c.SiteDomain = u.Hostname()
		if !strings.HasSuffix(c.BaseURL, "/") {
			c.BaseURL += "/"
		}
	}
	if strings.TrimSpace(c.Title) == "" {
		fail(lineOf("title"), "title", "config.empty.key")
	}
	if !slugRE.MatchString(c.Theme) {
		fail(lineOf("theme"), "theme", "config.theme", c.Theme)
	}
	c.themeBySlug = map[string]*Theme{}
	occurrences := map[string]int{}
	for i := range c.Themes {
		t := &c.Themes[i]
		line := lineOf("slug")
		if t.Slug != "" {
			line = lineOfValue(lines, "slug", t.Slug, occurrences[t.Slug])
		}
		occurrences[t.Slug]++
		switch {
		case !slugRE.MatchString(t.Slug):
			fail(line, "themes.slug", "config.slug", t.Slug)
		case c.themeBySlug[t.Slug] != nil:
			fail(line, "themes.slug", "config.twice", t.Slug)
		case t.Slug == UntaggedSlug:
			fail(line, "themes.slug", "config.reserved", t.Slug)
		}
		if strings.TrimSpace(t.Name) == "" {
			fail(line, "themes.name", "config.noname", t.Slug)
		}
		for _, f := range []struct {
			key     string
			phrases []string
		}{{"keywords", t.Keywords}, {"weak", t.Weak}, {"exclude", t.Exclude}, {"not_with", t.NotWith}} {
			for _, ph := range f.phrases {
				ph = strings.TrimSpace(ph)
				if ph == "" || strings.Count(ph, "*") > 1 || strings.HasPrefix(ph, "*") || strings.HasSuffix(ph, "*") {
					fail(lineInTable(lines, line, ph), "themes."+f.key, "config.phrase", t.Slug, ph)
				}
			}
		}
		for _, r := range t.Together {
			if _, _, ok := ParseTogether(r); !ok {
				fail(lineInTable(lines, line, r), "themes.together", "config.together", t.Slug, r)
			}
		}
		c.themeBySlug[t.Slug] = t
	}
	subjectSlugs := map[string]bool{}
	for i, sub := range c.Subjects {
		line := lineOfValue(lines, "slug", sub.Slug, 0)
		switch {
		case !slugRE.MatchString(sub.Slug):
			fail(line, "subjects.slug", "config.subject.slug", i+1, sub.Slug)
		case subjectSlugs[sub.Slug]:
			fail(line, "subjects.slug", "config.twice", sub.Slug)
		}
		subjectSlugs[sub.Slug] = true
		if strings.TrimSpace(sub.Name) == "" {
			fail(line, "subjects.name", "config.subject.noname", sub.Slug)
		}
		if sub.Theme != "" && c.themeBySlug[sub.Theme] == nil {
			fail(lineOfValue(lines, "theme", sub.Theme, 0), "subjects.theme", "config.subject.theme", sub.Slug, sub.Theme)
		}
	}
	for name, slug := range c.Slugs {
		if !slugRE.MatchString(slug) {
			fail(lineOfKey(lines, toml.Key{"slugs", name}, lineOf), "slugs."+name, "config.slug", slug)
		}
	}
	for i, g := range c.Search.Synonyms {
		if len(g) < 2 {
			fail(lineOf("synonyms"), "search.synonyms", "config.synonyms", i+1, len(g))
		}
	}
	if y := c.Content.MinYear; y < 1 || y > 9999 {
		fail(lineOf("min_year"), "content.min_year", "config.minyear", y)
	}
	if y := c.Content.MaxYear; y < c.Content.MinYear || y > 9999 {
		fail(lineOf("max_year"), "content.max_year", "config.maxyear", y, c.Content.MinYear)
	}
	if c.FeedLimit < 0 {
		fail(lineOf("feed_limit"), "feed_limit", "config.feedlimit", c.FeedLimit)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// lineInTable returns the line, in the table that holds line at, that holds value as a
// quoted string (a phrase in a theme's list), so that a bad phrase is reported where it is
// written; at itself if none does.
func lineInTable(lines []string, at int, value string) int {
	start := min(at, len(lines)) - 1
	for start > 0 && !tableHeaderRE.MatchString(lines[start]) {
		start--
	}
	for i := max(start, 0); i < len(lines); i++ {
		if i > start && tableHeaderRE.MatchString(lines[i]) {
			break
		}
		if strings.Contains(lines[i], `"`+value+`"`) || strings.Contains(lines[i], "'"+value+"'") {
			return i + 1
		}
	}
	return at
}

// lineOfValue returns the line of the (skip+1)-th `key = "value"`, so that a value defined
// twice is reported where it is redefined.
func lineOfValue(lines []string, key, value string, skip int) int {
	re := regexp.MustCompile(`^\s*` + regexp.QuoteMeta(key) + `\s*=\s*["']` + regexp.QuoteMeta(value) + `["']`)
	found := 1
	for i, l := range lines {
		if re.MatchString(l) {
			found = i + 1
			if skip--; skip < 0 {
				break
			}
		}
	}
	return found
}

// tableHeaderRE matches a [table] or [[array.of.tables]] header with bare keys (not a line of
// a multi-line array such as ["a"]).
var tableHeaderRE = regexp.MustCompile(`^\s*\[\[?\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*\]\]?\s*(#.*)?$`)

// lineOfKey returns the line defining key k inside the table it belongs to ([markup] for
// markup.unsafe), so that a key misplaced in another table is reported where it is written.
// It falls back to lineOf of the key's last part.
func lineOfKey(lines []string, k toml.Key, lineOf func(string) int) int {
	name := k[len(k)-1]
	table := strings.Join(k[:len(k)-1], ".")
	re := regexp.MustCompile(`^\s*["']?` + regexp.QuoteMeta(name) + `["']?\s*=`)
	cur := ""
	for i, l := range lines {
		if m := tableHeaderRE.FindStringSubmatch(l); m != nil {
			cur = strings.Join(strings.Fields(strings.ReplaceAll(m[1], ".", " ")), ".")
			continue
		}
		if cur == table && re.MatchString(l) {
			return i + 1
		}
	}
	return lineOf(name)
}

// ParseTogether splits one of a theme's together readings ("体检|查体 + 65岁以上 + 卫生院 -
// 五保老人") into its groups of phrases, of which a sentence must hold one each, and the phrases
// that undo the reading. ok is false unless it has at least two groups and every phrase is a
// phrase: not empty, no wildcard, no space and no separator in it (a full-width ｜ or ＋, a + or
// - without its spaces, a - at either end: typed for a separator, it would leave a phrase no
// text holds), and none in two places.
func ParseTogether(s string) (groups [][]string, unless []string, ok bool) {
	seen := map[string]bool{}
	split := func(s string) []string {
		var out []string
		for _, ph := range strings.Split(s, "|") {
			ph = strings.TrimSpace(ph)
			if ph == "" || seen[ph] || strings.ContainsAny(ph, "*+＋｜") || strings.ContainsFunc(ph, unicode.IsSpace) ||
				strings.HasPrefix(ph, "-") || strings.HasSuffix(ph, "-") || strings.HasPrefix(ph, "－") || strings.HasSuffix(ph, "－") {
				return nil
			}
			seen[ph] = true
			out = append(out, ph)
		}
		return out
	}
	all, not, hasNot := strings.Cut(s, " - ")
	for _, g := range strings.Split(all, " + ") {
		phrases := split(g)
		if phrases == nil {
			return nil, nil, false
		}
		groups = append(groups, phrases)
	}
	if hasNot {
		if unless = split(not); unless == nil {
			return nil, nil, false
		}
	}
	return groups, unless, len(groups) >= 2
}
