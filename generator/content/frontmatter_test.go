package content

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// fm builds a source file from front matter lines and a body: line 1 is "+++", the given lines
// are file lines 2, 3, …, and the body starts on the line after the closing "+++".
func fm(lines []string, body string) []byte {
	return []byte("+++\n" + strings.Join(lines, "\n") + "\n+++\n" + body)
}

// required is a minimal valid front matter: title on line 2, agency on 3, published on 4.
var required = []string{`title = "T"`, `agency = "A"`, `published = "2025-03-04"`}

// with returns the required lines with extra lines appended (from file line 5 on).
func with(extra ...string) []string {
	return append(append([]string{}, required...), extra...)
}

// replacing returns the required lines with the line of key replaced by line, or dropped if
// line is empty.
func replacing(key, line string) []string {
	var out []string
	for _, l := range required {
		if strings.HasPrefix(l, key+" ") {
			if line != "" {
				out = append(out, line)
			}
			continue
		}
		out = append(out, l)
	}
	return out
}

// diagStrings formats diagnostics as "W " or "E " followed by their Error() text, sorted by
// line and then text, so that a test states exactly which problems a file has.
func diagStrings(diags []*Diagnostic) []string {
	sorted := append([]*Diagnostic{}, diags...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Line != sorted[j].Line {
			return sorted[i].Line < sorted[j].Line
		}
		return sorted[i].Error() < sorted[j].Error()
	})
	var out []string
	for _, d := range sorted {
		kind := "E "
		if d.Warning {
			kind = "W "
		}
		out = append(out, kind+d.Error())
	}
	return out
}

func TestParseValidFrontMatter(t *testing.T) {
	src := fm([]string{
		`title = "2025年海安市卫生健康工作要点"`,                // 2
		`agency = "海安市卫生健康委员会"`,                     // 3
		`published = "2025-03-04"`,                  // 4
		`written = "2025-03-01"`,                    // 5
		`province = "江苏省"`,                          // 6
		`region = "海安市"`,                            // 7
		`doc_number = "海卫健发〔2025〕1号"`,               // 8
		`index_number = "002564395/2025-00051"`,     // 9
		`category = "工作要点"`,                         // 10
		`themes = ["reform", "children", "reform"]`, // 11
		`disclosure = "依申请公开"`,                      // 12
		`validity = "已修改"`,                          // 13
		`source = "seeds/001_bb61ea8165d77bf6.txt"`, // 14
		`summary = "  全年卫生健康工作的重点任务。 "`,             // 15
		`draft = true`,                              // 16
	}, "正文。\n")
	known := map[string]bool{"reform": true, "children": true}
	doc, diags := NewLoader(Options{KnownTheme: func(s string) bool { return known[s] }}).
		Parse("content/plans/haian-2025.md", src)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %q", diagStrings(diags))
	}
	want := Meta{
		Title:       "2025年海安市卫生健康工作要点",
		Agency:      "海安市卫生健康委员会",
		Published:   Date{Time: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)},
		Written:     Date{Time: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
		Province:    "江苏省",
		Region:      "海安市",
		DocNumber:   "海卫健发〔2025〕1号",
		IndexNumber: "002564395/2025-00051",
		Category:    "工作要点",
		Themes:      []string{"reform", "children"}, // the repeated slug is dropped
		Disclosure:  "依申请公开",
		Validity:    "已修改",
		Nature:      NatureOriginal,
		Source:      "seeds/001_bb61ea8165d77bf6.txt",
		Summary:     "全年卫生健康工作的重点任务。", // trimmed, kept although the text is short
		Draft:       true,
		Lines: map[string]int{
			"title": 2, "agency": 3, "published": 4, "written": 5, "province": 6, "region": 7,
			"doc_number": 8, "index_number": 9, "category": 10, "themes": 11, "disclosure": 12,
			"validity": 13, "source": 14, "summary": 15, "draft": 16,
		},
	}
	if !reflect.DeepEqual(doc.Meta, want) {
		t.Errorf("Meta:\n got %+v\nwant %+v", doc.Meta, want)
	}
	// Kept with the document to the end of a build: the keys of Lines are the registry's
	// strings, not parts of (and so not keeping) the front matter.
	for k := range doc.Meta.Lines {
		if f := FieldByKey(k); f == nil || unsafe.StringData(k) != unsafe.StringData(f.Key) {
			t.Errorf("Lines: key %q is not the registry's", k)
		}
	}
	if got := doc.Meta.Published.String(); got != "2025-03-04" {
		t.Errorf("Published.String() = %q", got)
	}
	if got := doc.Meta.Published.Chinese(); got != "2025年03月04日" {
		t.Errorf("Published.Chinese() = %q", got)
	}
	for _, c := range []struct{ field, got, want string }{
		{"Path", doc.Path, "content/plans/haian-2025.md"},
		{"Section", doc.Section, "plans"},
		{"Slug", doc.Slug, "haian-2025"},
		{"URL", doc.URL, "/plans/haian-2025/"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
}

func TestParseDefaults(t *testing.T) {
	doc, diags := NewLoader(Options{}).Parse("content/plans/x.md", fm(required, ""))
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %q", diagStrings(diags))
	}
	m := doc.Meta
	if m.Disclosure != "主动公开" || m.Validity != "有效" || m.Draft || m.Themes != nil || !m.Written.IsZero() {
		t.Errorf("defaults: %+v", m)
	}
	if (Date{}).String() != "" || (Date{}).Chinese() != "" {
		t.Error("zero Date does not format as empty")
	}
}

func TestParseDates(t *testing.T) {
	for _, tt := range []struct {
		line string
		want string
	}{
		{`published = "2025-03-04"`, "2025-03-04"},
		{`published = " 2025-03-04 "`, "2025-03-04"},
		{`published = 2025-03-04`, "2025-03-04"},                // TOML local date
		{`published = 2025-03-04T23:30:00`, "2025-03-04"},       // TOML local date-time
		{`published = 2025-03-04T23:30:00-05:00`, "2025-03-04"}, // the date as written, not in UTC
		{`published = 2024-02-29`, "2024-02-29"},
	} {
		doc, diags := NewLoader(Options{}).Parse("content/plans/x.md", fm(replacing("published", tt.line), ""))
		if len(diags) != 0 {
			t.Errorf("%s: diagnostics %q", tt.line, diagStrings(diags))
			continue
		}
		if got := doc.Meta.Published.String(); got != tt.want {
			t.Errorf("%s: Published = %q, want %q", tt.line, got, tt.want)
		}
		if loc := doc.Meta.Published.Location(); loc != time.UTC {
			t.Errorf("%s: Published is in %v, want UTC", tt.line, loc)
		}
	}
}

// TestApproximateDates checks that a date the source states only to the year or month is
// kept at that precision: shown as no more than the source says, sorted as its first day.
func TestApproximateDates(t *testing.T) {
	for _, tt := range []struct {
		line, str, chinese, day string
	}{
		{`published = "2025"`, "2025", "2025年（月、日未注明）", "2025-01-01"},
		{`published = "2025-03"`, "2025-03", "2025年03月（日未注明）", "2025-03-01"},
		{`published = "2025-03-04"`, "2025-03-04", "2025年03月04日", "2025-03-04"},
	} {
		doc, diags := NewLoader(Options{}).Parse("content/plans/x.md", fm(replacing("published", tt.line), ""))
		if len(diags) != 0 {
			t.Errorf("%s: diagnostics %q", tt.line, diagStrings(diags))
			continue
		}
		p := doc.Meta.Published
		if p.String() != tt.str || p.Chinese() != tt.chinese || p.Format("2006-01-02") != tt.day {
			t.Errorf("%s: got %q, %q, %s; want %q, %q, %s", tt.line, p.String(), p.Chinese(), p.Format("2006-01-02"), tt.str, tt.chinese, tt.day)
		}
		if p.Approximate() != (tt.str != tt.day) {
			t.Errorf("%s: Approximate() = %v", tt.line, p.Approximate())
		}
	}
	for _, bad := range []string{`published = "2025-13"`, `published = "25"`, `published = "2025-3"`} {
		if _, diags := NewLoader(Options{}).Parse("content/plans/x.md", fm(replacing("published", bad), "")); len(diags) == 0 {
			t.Errorf("%s: no diagnostic", bad)
		}
	}
}

// TestDateRange checks that every date field is held to the plausible years, written as a
// string or as a TOML date, at both ends, and that zero bounds leave the range open.
func TestDateRange(t *testing.T) {
	const f = "content/plans/x.md"
	const msg = "is out of the range 1949–2100 (set [content] min_year/max_year in config.toml)"
	years := Options{MinYear: 1949, MaxYear: 2100}
	for _, tt := range []struct {
		name  string
		lines []string
		opt   Options
		want  []string
	}{
		{"year 0000", replacing("published", `published = "0000-01-01"`), years, []string{
			"E " + f + `:4: published: "0000-01-01" ` + msg}},
		{"1948", replacing("published", `published = "1948-12-31"`), years, []string{
			"E " + f + `:4: published: "1948-12-31" ` + msg}},
		{"1949", replacing("published", `published = "1949-01-01"`), years, nil},
		{"2100", replacing("published", `published = "2100-12-31"`), years, nil},
		{"2101", replacing("published", `published = "2101-01-01"`), years, []string{
			"E " + f + `:4: published: "2101-01-01" ` + msg}},
		{"written, a TOML date", with(`written = 0202-03-04`), years, []string{
			"E " + f + `:5: written: "0202-03-04" ` + msg}},
		{"configured range", replacing("published", `published = "1948-12-31"`), Options{MinYear: 1900, MaxYear: 2000}, nil},
		{"no range", replacing("published", `published = "0000-01-01"`), Options{}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := NewLoader(tt.opt).Parse(f, fm(tt.lines, "正文。\n"))
			if got := diagStrings(diags); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestPublishedNotADate checks the exact message the authoring guide promises.
func TestPublishedNotADate(t *testing.T) {
	src := fm([]string{`title = "T"`, `agency = "A"`, `published = "2025-13-40"`}, "")
	_, diags := NewLoader(Options{}).Parse("content/plans/x.md", src)
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics %q, want 1", len(diags), diagStrings(diags))
	}
	const want = `content/plans/x.md:4: published: "2025-13-40" is not a real date (there is no month 13)`
	if got := diags[0].Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if d := diags[0]; d.File != "content/plans/x.md" || d.Line != 4 || d.Field != "published" || d.Warning {
		t.Errorf("diagnostic fields: %+v", *d)
	}
}

func TestFrontMatterDiagnostics(t *testing.T) {
	const f = "content/plans/x.md"
	known := func(s string) bool { return s == "reform" || s == "children" }
	long := strings.Repeat("字", SummaryMax+1)
	for _, tt := range []struct {
		name  string
		lines []string
		known func(string) bool
		want  []string
	}{
		{"title missing", replacing("title", ""), nil, []string{
			"E " + f + ":1: title: missing (want the document's title)"}},
		{"agency missing", replacing("agency", ""), nil, []string{
			"E " + f + ":1: agency: missing (want 发布机构, the full name of the publishing agency)"}},
		{"published missing", replacing("published", ""), nil, []string{
			"E " + f + ":1: published: missing (want 发布日期 as YYYY-MM-DD)"}},
		{"all required missing", []string{`region = "海安市"`}, nil, []string{
			"E " + f + ":1: agency: missing (want 发布机构, the full name of the publishing agency)",
			"E " + f + ":1: published: missing (want 发布日期 as YYYY-MM-DD)",
			"E " + f + ":1: title: missing (want the document's title)"}},
		{"title empty", replacing("title", `title = ""`), nil, []string{
			"E " + f + ":2: title: must not be empty (want the document's title)"}},
		{"agency blank", replacing("agency", `agency = "   "`), nil, []string{
			"E " + f + ":3: agency: must not be empty (want 发布机构, the full name of the publishing agency)"}},
		{"published empty", replacing("published", `published = ""`), nil, []string{
			"E " + f + `:4: published: "" is not a date (want YYYY-MM-DD)`}},
		{"published with slashes", replacing("published", `published = "2025/03/04"`), nil, []string{
			"E " + f + `:4: published: "2025/03/04" is not a date (want YYYY-MM-DD)`}},
		{"published not a leap day", replacing("published", `published = "2025-02-29"`), nil, []string{
			"E " + f + `:4: published: "2025-02-29" is not a real date (month 2 has no day 29)`}},
		{"published 30 February", replacing("published", `published = "2025-02-30"`), nil, []string{
			"E " + f + `:4: published: "2025-02-30" is not a real date (month 2 has no day 30)`}},
		{"published 31 April", replacing("published", `published = "2025-04-31"`), nil, []string{
			"E " + f + `:4: published: "2025-04-31" is not a real date (month 4 has no day 31)`}},
		{"published day 00", replacing("published", `published = "2025-04-00"`), nil, []string{
			"E " + f + `:4: published: "2025-04-00" is not a real date (month 4 has no day 0)`}},
		{"published leap day", replacing("published", `published = "2024-02-29"`), nil, nil},
		{"written bad", with(`written = "3月4日"`), nil, []string{
			"E " + f + `:5: written: "3月4日" is not a date (want YYYY-MM-DD)`}},
		{"published integer", replacing("published", `published = 20250304`), nil, []string{
			"E " + f + ":4: published: want a date (YYYY-MM-DD), got an integer"}},
		// A value of the wrong type is one problem, reported once (not also as "empty").
		{"title integer", replacing("title", `title = 3`), nil, []string{
			"E " + f + ":2: title: want a string, got an integer"}},
		{"agency list", replacing("agency", `agency = ["A"]`), nil, []string{
			"E " + f + ":3: agency: want a string, got a list"}},
		{"region boolean", with(`region = true`), nil, []string{
			"E " + f + ":5: region: want a string, got a boolean"}},
		{"draft string", with(`draft = "yes"`), nil, []string{
			"E " + f + ":5: draft: want true or false, got a string"}},
		{"draft number", with(`draft = 1.5`), nil, []string{
			"E " + f + ":5: draft: want true or false, got a number"}},
		{"themes string", with(`themes = "a"`), nil, []string{
			"E " + f + ":5: themes: want a list of theme slugs, got a string"}},
		{"themes element integer", with(`themes = ["reform", 3]`), nil, []string{
			"E " + f + ":5: themes: want a list of theme slugs, got an element of type an integer"}},
		{"theme unknown", with(`themes = ["reform", "nope"]`), known, []string{
			"E " + f + `:5: themes: unknown theme "nope" (want one of the slugs in config.toml [[themes]])`}},
		{"theme unknown but no KnownTheme", with(`themes = ["reform", "nope"]`), nil, nil},
		{"validity 作废", with(`validity = "作废"`), nil, []string{
			"E " + f + `:5: validity: "作废" is not a validity (want one of 有效, 失效, 已修改)`}},
		{"validity empty", with(`validity = ""`), nil, []string{
			"E " + f + `:5: validity: "" is not a validity (want one of 有效, 失效, 已修改)`}},
		{"validity 失效", with(`validity = "失效"`), nil, nil},
		{"inferred agency", with(`inferred = ["agency", "agency"]`), nil, nil},
		{"inferred unknown", with(`inferred = ["agency", "author"]`), nil, []string{
			"E " + f + `:5: inferred: "author" is not a front matter field that can be inferred (see docs/CONTENT.md)`}},
		{"inferred itself", with(`inferred = ["inferred"]`), nil, []string{
			"E " + f + `:5: inferred: "inferred" is not a front matter field that can be inferred (see docs/CONTENT.md)`}},
		{"inferred string", with(`inferred = "agency"`), nil, []string{
			"E " + f + `:5: inferred: want a list of field keys (such as ["agency"]), got a string`}},
		{"summary 100", with(`summary = "` + strings.Repeat("字", SummaryMax) + `"`), nil, nil},
		{"summary 101", with(`summary = "` + long + `"`), nil, []string{
			"E " + f + ":5: summary: is 101 characters long (want at most 100)"}},
		{"unknown key", with(`author = "张三"`, `# a comment`, `tags = ["x"]`), nil, []string{
			"W " + f + ":5: author: unknown key, ignored",
			"W " + f + ":7: tags: unknown key, ignored"}},
		{"unknown table", with(`[params]`, `title = "x"`), nil, []string{
			"W " + f + ":5: params: unknown key, ignored"}},
		// Three problems, three diagnostics, all reported together.
		{"three problems", []string{`title = 3`, `agency = "A"`, `published = "2025-13-40"`, `validity = "无"`}, nil, []string{
			"E " + f + ":2: title: want a string, got an integer",
			"E " + f + `:4: published: "2025-13-40" is not a real date (there is no month 13)`,
			"E " + f + `:5: validity: "无" is not a validity (want one of 有效, 失效, 已修改)`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := NewLoader(Options{KnownTheme: tt.known}).Parse(f, fm(tt.lines, "正文。\n"))
			got := diagStrings(diags)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("front matter:\n%s\ngot:\n  %s\nwant:\n  %s", strings.Join(tt.lines, "\n"),
					strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestTOMLSyntaxErrors checks that a TOML error is one diagnostic at its file line (front
// matter starts at file line 2). The message after the prefix is the TOML library's.
func TestTOMLSyntaxErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lines []string
		line  int
	}{
		{"unterminated string", replacing("agency", `agency = "A`), 3},
		{"no equals sign", replacing("title", `title "T"`), 2},
		{"duplicate key", with(`title = "U"`), 5},
		{"bad value", with(`region = 海安市`), 5},
		{"unclosed list", with(`themes = ["a"`, `region = "海安市"`), 6},
		{"after a blank line and a comment", with(``, `# 注释`, `draft = yes`), 7},
	} {
		_, diags := NewLoader(Options{}).Parse("content/plans/x.md", fm(tt.lines, ""))
		if len(diags) != 1 {
			t.Errorf("%s: got %q, want one diagnostic", tt.name, diagStrings(diags))
			continue
		}
		d := diags[0]
		if d.File != "content/plans/x.md" || d.Line != tt.line || d.Field != "" || d.Warning ||
			!strings.HasPrefix(d.Message, "front matter is not valid TOML: ") {
			t.Errorf("%s: got %q, want line %d", tt.name, d.Error(), tt.line)
		}
	}
	for bad := 0; bad < 6; bad++ {
		lines := with(`region = "海安市"`, `province = "江苏省"`, `category = "通知"`)
		lines[bad] = `broken = = 1`
		_, diags := NewLoader(Options{}).Parse("content/plans/x.md", fm(lines, ""))
		if len(diags) != 1 || diags[0].Line != bad+2 || !strings.Contains(diags[0].Message, "not valid TOML") {
			t.Errorf("bad line %d: got %q", bad+2, diagStrings(diags))
		}
	}
}

func TestParseSourceProblems(t *testing.T) {
	gbk := "\xd6\xd0\xce\xc4" // 中文 in GBK
	valid := string(fm(required, "正文。\n"))
	for _, tt := range []struct {
		name string
		path string
		src  string
		want []string
	}{
		{"valid", "content/plans/x.md", valid, nil},
		{"BOM", "content/plans/x.md", "\ufeff" + valid, nil},
		{"CRLF", "content/plans/x.md", strings.ReplaceAll(valid, "\n", "\r\n"), nil},
		{"no trailing newline", "content/plans/x.md", strings.TrimSuffix(string(fm(required, "")), "\n"), nil},
		{"delimiters with spaces", "content/plans/x.md", strings.Replace(valid, "+++\n", "+++  \n", 2), nil},
		{"empty file", "content/plans/x.md", "", []string{
			`E content/plans/x.md:1: no front matter: the file must start with a "+++" line, then TOML fields, then "+++"`}},
		{"no front matter", "content/plans/x.md", "# 标题\n\n正文。\n", []string{
			`E content/plans/x.md:1: no front matter: the file must start with a "+++" line, then TOML fields, then "+++"`}},
		{"YAML front matter", "content/plans/x.md", "---\ntitle: T\n---\n", []string{
			`E content/plans/x.md:1: no front matter: the file must start with a "+++" line, then TOML fields, then "+++"`}},
		{"blank line before front matter", "content/plans/x.md", "\n" + valid, []string{
			`E content/plans/x.md:1: no front matter: the file must start with a "+++" line, then TOML fields, then "+++"`}},
		{"unclosed", "content/plans/x.md", "+++\ntitle = \"T\"\nagency = \"A\"\n\n正文。\n", []string{
			`E content/plans/x.md:1: front matter is not closed: add a "+++" line after the last field`}},
		{"GBK in body", "content/plans/x.md", valid + "\n" + gbk + "\n", []string{
			"E content/plans/x.md:8: file is not UTF-8 (convert it, e.g. iconv -f GBK -t UTF-8)"}},
		{"GBK in front matter", "content/plans/x.md", "+++\ntitle = \"" + gbk + "\"\n+++\n", []string{
			"E content/plans/x.md:2: file is not UTF-8 (convert it, e.g. iconv -f GBK -t UTF-8)"}},
		{"GBK on line 1", "content/plans/x.md", gbk, []string{
			"E content/plans/x.md:1: file is not UTF-8 (convert it, e.g. iconv -f GBK -t UTF-8)"}},
		{"upper case file name", "content/plans/Haian-2025.md", valid, []string{
			`E content/plans/Haian-2025.md:1: file name "Haian-2025.md" is not ASCII lower-case letters, digits and -; it becomes the page's URL`}},
		{"Chinese file name", "content/plans/海安.md", valid, []string{
			`E content/plans/海安.md:1: file name "海安.md" is not ASCII lower-case letters, digits and -; it becomes the page's URL`}},
		{"space in file name", "content/plans/hai an.md", valid, []string{
			`E content/plans/hai an.md:1: file name "hai an.md" is not ASCII lower-case letters, digits and -; it becomes the page's URL`}},
		{"file name and front matter", "content/plans/X.md", string(fm([]string{`title = "T"`, `published = "2025-13-40"`}, "")), []string{
			`E content/plans/X.md:1: agency: missing (want 发布机构, the full name of the publishing agency)`,
			`E content/plans/X.md:1: file name "X.md" is not ASCII lower-case letters, digits and -; it becomes the page's URL`,
			`E content/plans/X.md:3: published: "2025-13-40" is not a real date (there is no month 13)`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := NewLoader(Options{}).Parse(tt.path, []byte(tt.src))
			if doc == nil {
				t.Fatal("Parse returned no document")
			}
			got := diagStrings(diags)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			if tt.want == nil && (doc.Meta.Title != "T" || doc.Meta.Agency != "A" || doc.Meta.Published.String() != "2025-03-04") {
				t.Errorf("Meta = %+v", doc.Meta)
			}
		})
	}
}

func TestDiagnosticError(t *testing.T) {
	for _, tt := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "a.md", Line: 3, Field: "title", Message: "m"}, "a.md:3: title: m"},
		{Diagnostic{File: "a.md", Line: 0, Field: "title", Message: "m"}, "a.md: title: m"},
		{Diagnostic{File: "a.md", Line: 2, Message: "m"}, "a.md:2: m"},
	} {
		if got := tt.d.Error(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.d, got, tt.want)
		}
	}
	errs := Errors{{File: "a.md", Line: 1, Message: "x"}, {File: "b.md", Line: 2, Message: "y"}}
	if got, want := errs.Error(), "a.md:1: x\nb.md:2: y"; got != want {
		t.Errorf("Errors.Error() = %q, want %q", got, want)
	}
}
