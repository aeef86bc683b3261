package content

import (
	"bufio"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/msg"
)

// docLine is a field line of docs/CONTENT.md's front matter block: key = value  # comment.
var docLineRE = regexp.MustCompile(`^([a-z_]+) = (.+?)\s+# (.*)$`)

// TestContentDocMatchesRegistry keeps docs/CONTENT.md's front matter block in step with the
// registry: every field is there, in order, with its example and its description (label
// first), "required" exactly on the required ones, and no key the registry does not know.
func TestContentDocMatchesRegistry(t *testing.T) {
	f, err := os.Open("../../docs/CONTENT.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var block []string
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case !in && l == "```toml" && len(block) == 0:
			in = true
		case in && l == "```":
			in = false
		case in:
			block = append(block, l)
		}
	}
	if len(block) < 2 || block[0] != "+++" || block[len(block)-1] != "+++" {
		t.Fatalf("docs/CONTENT.md: no front matter block (```toml, +++ … +++, ```) found: %q", block)
	}
	var keys []string
	for i, l := range block[1 : len(block)-1] {
		m := docLineRE.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("docs/CONTENT.md front matter line %d is not `key = value  # description`: %q", i+2, l)
			continue
		}
		key, value, comment := m[1], m[2], m[3]
		keys = append(keys, key)
		fd := FieldByKey(key)
		if fd == nil {
			t.Errorf("docs/CONTENT.md documents %q, which is not a front matter field (generator/content/fields.go)", key)
			continue
		}
		if want := fd.TOML(fd.Example); value != want {
			t.Errorf("docs/CONTENT.md: %s: example %s, the registry's is %s", key, value, want)
		}
		want := fd.Describe()
		if fd.Required {
			want = "required: " + want
		}
		if comment != want {
			t.Errorf("docs/CONTENT.md: %s: described as %q, want %q", key, comment, want)
		}
		if !strings.Contains(comment, fd.Label) {
			t.Errorf("docs/CONTENT.md: %s: the description %q lacks the label %s", key, comment, fd.Label)
		}
	}
	var want []string
	for _, fd := range Fields() {
		want = append(want, fd.Key)
	}
	if strings.Join(keys, " ") != strings.Join(want, " ") {
		t.Errorf("docs/CONTENT.md documents the fields\n  %s\nthe registry has\n  %s", strings.Join(keys, " "), strings.Join(want, " "))
	}
	// The documented block is itself valid front matter.
	src := strings.Join(block, "\n") + "\n正文。\n"
	if _, diags := NewLoader(Options{}).Parse("content/plans/example.md", []byte(src)); len(diags) > 0 {
		t.Errorf("docs/CONTENT.md's front matter does not load cleanly: %q", diagStrings(diags))
	}
}

// TestRegistryIsConsistent checks what the code relies on: unique keys and disclosure labels,
// a Go field of the field's kind behind every bound field, examples and defaults of the right
// kind, and no TODO in what the scaffolds write (planportal check would report it).
func TestRegistryIsConsistent(t *testing.T) {
	labels := map[string]string{}
	for _, f := range Fields() {
		if f.Key == "" || f.Label == "" || f.Example == "" {
			t.Errorf("%q: key, label and example are required", f.Key)
		}
		if FieldByKey(f.Key) != f {
			t.Errorf("%s: FieldByKey does not find it (a repeated key?)", f.Key)
		}
		for _, l := range f.Labels {
			if other, dup := labels[l]; dup {
				t.Errorf("disclosure label %s is both %s's and %s's", l, other, f.Key)
			}
			labels[l] = f.Key
		}
		if f.bind != nil {
			want := map[Kind]reflect.Type{KindString: reflect.TypeFor[*string](), KindEnum: reflect.TypeFor[*string](),
				KindDate: reflect.TypeFor[*Date](), KindBool: reflect.TypeFor[*bool](), KindThemes: reflect.TypeFor[*[]string](), KindKeys: reflect.TypeFor[*[]string]()}[f.Kind]
			if got := reflect.TypeOf(f.bind(&Meta{})); got != want {
				t.Errorf("%s: bound to a %v, want a %v for its kind", f.Key, got, want)
			}
		}
		if f.Default != "" && f.Kind != KindString && f.Kind != KindEnum {
			t.Errorf("%s: a default is for strings and enums only", f.Key)
		}
		if f.Kind == KindEnum && (len(f.Values) == 0 || f.Default != "" && !contains(f.Values, f.Default)) {
			t.Errorf("%s: an enum needs values, and its default must be one", f.Key)
		}
		if strings.Contains(f.Describe(), "TODO") || strings.Contains(f.Example, "TODO") {
			t.Errorf("%s: TODO in the description or example", f.Key)
		}
	}
	if len(Fields()) == 0 || &Fields()[0] == &fields[0] {
		t.Error("Fields must return a copy of the registry's list")
	}
}

// register adds fields to the registry for the duration of a test.
func register(t *testing.T, extra ...*Field) {
	t.Helper()
	for _, f := range extra {
		if FieldByKey(f.Key) != nil {
			t.Fatalf("register: %s is a field already", f.Key)
		}
	}
	saved := fields
	fields = append(append([]*Field{}, fields...), extra...)
	for _, f := range extra {
		fieldIndex[f.Key] = f
	}
	t.Cleanup(func() {
		fields = saved
		for _, f := range extra {
			delete(fieldIndex, f.Key)
		}
	})
}

// TestExtraFields adds fields the code has no Go field for, as an entry of the registry each
// (keys no real field will take), and checks that the loader parses, validates and stores them, and that Get reads them.
func TestExtraFields(t *testing.T) {
	register(t,
		&Field{Key: "x_effective", Label: "施行日期", Kind: KindDate, Example: "2025-04-01"},
		&Field{Key: "x_subject_words", Label: "主题词", Example: "卫生, 工作要点", MaxLen: 10},
		&Field{Key: "x_level", Label: "层级", Kind: KindEnum, Values: []string{"省", "市", "县"}, Default: "市", Example: "市"},
		&Field{Key: "x_signed", Label: "签发", Kind: KindBool, Example: "true"},
		&Field{Key: "x_reviewer", Label: "审核人", Required: true, Example: "张三"},
	)
	const f = "content/plans/x.md"
	for _, tt := range []struct {
		name  string
		lines []string
		want  map[string]any // Get of each extra key
		diags []string
	}{
		{"all set", with(`x_effective = "2025-04-01"`, `x_subject_words = " 卫生 "`, `x_level = "县"`, `x_signed = true`, `x_reviewer = "张三"`),
			map[string]any{"x_effective": Date{Time: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}, "x_subject_words": "卫生",
				"x_level": "县", "x_signed": true, "x_reviewer": "张三"}, nil},
		{"defaults", with(`x_reviewer = "张三"`),
			map[string]any{"x_effective": nil, "x_subject_words": nil, "x_level": "市", "x_signed": nil, "x_reviewer": "张三"}, nil},
		{"bad values", with(`x_effective = "4月1日"`, `x_subject_words = 3`, `x_level = "乡"`, `x_signed = "yes"`, `x_reviewer = ""`),
			map[string]any{"x_effective": nil, "x_subject_words": nil, "x_level": "乡", "x_signed": nil, "x_reviewer": nil}, []string{
				"E " + f + `:5: x_effective: "4月1日" is not a date (want YYYY-MM-DD)`,
				"E " + f + ":6: x_subject_words: want a string, got an integer",
				"E " + f + `:7: x_level: "乡" is not a x_level (want one of 省, 市, 县)`,
				"E " + f + ":8: x_signed: want true or false, got a string",
				"E " + f + ":9: x_reviewer: must not be empty (want 审核人)"}},
		{"too long, required missing", with(`x_subject_words = "` + strings.Repeat("字", 11) + `"`), nil, []string{
			"E " + f + ":1: x_reviewer: missing (want 审核人)",
			"E " + f + ":5: x_subject_words: is 11 characters long (want at most 10)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := NewLoader(Options{}).Parse(f, fm(tt.lines, "正文。\n"))
			if got := diagStrings(diags); strings.Join(got, "\n") != strings.Join(tt.diags, "\n") {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.diags, "\n  "))
			}
			for k, want := range tt.want {
				if got := doc.Meta.Get(k); !reflect.DeepEqual(got, want) {
					t.Errorf("Get(%q) = %#v, want %#v", k, got, want)
				}
			}
			if doc.Meta.Title != "T" || doc.Meta.Agency != "A" {
				t.Errorf("the typed fields suffered: %+v", doc.Meta)
			}
		})
	}
}

func TestGet(t *testing.T) {
	d := Date{Time: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)}
	m := Meta{Title: "T", Published: d, Themes: []string{"reform"}, Draft: true, Extra: map[string]any{"x": "y"}}
	for _, tt := range []struct {
		key  string
		want any
	}{
		{"title", "T"}, {"published", d}, {"themes", []string{"reform"}}, {"draft", true},
		{"agency", nil}, {"written", nil}, // not set
		{"x", nil}, {"nosuch", nil}, // not registered, whatever Extra holds
	} {
		if got := m.Get(tt.key); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Get(%q) = %#v, want %#v", tt.key, got, tt.want)
		}
	}
}

// TestFrontMatterRoundTrip writes front matter with FrontMatter and loads it back: every
// field set to its example loads as that example; every field left out is commented out with
// its description; the TODO lines go above their fields.
func TestFrontMatterRoundTrip(t *testing.T) {
	src := FrontMatter(func(f *Field) Entry { return Entry{Value: f.Example, Set: true} })
	doc, diags := NewLoader(Options{}).Parse("content/plans/x.md", []byte(src+"正文。\n"))
	if len(diags) > 0 {
		t.Fatalf("diagnostics %q in\n%s", diagStrings(diags), src)
	}
	for _, f := range Fields() {
		got := doc.Meta.Get(f.Key)
		var s string
		switch v := got.(type) {
		case Date:
			s = v.String()
		case []string:
			s = strings.Join(v, ", ")
		case bool:
			s = "true"
		case nil:
			s = "false" // the draft example
		default:
			s = v.(string)
		}
		if s != f.Example {
			t.Errorf("%s: wrote %q, loaded %q", f.Key, f.Example, s)
		}
	}

	src = FrontMatter(func(f *Field) Entry {
		if f.Required {
			return Entry{Value: f.Placeholder("2025-01-02"), Set: true, Todo: "fill in " + f.Label}
		}
		return Entry{}
	})
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	wantLines := []string{"+++"}
	for _, f := range Fields() {
		switch {
		case f.Required:
			wantLines = append(wantLines, "# TODO: "+f.Key+": fill in "+f.Label, f.Key+" = ")
		default:
			wantLines = append(wantLines, "# "+f.Key+" = ")
		}
	}
	wantLines = append(wantLines, "+++")
	if len(lines) != len(wantLines) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(wantLines), src)
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, wantLines[i]) {
			t.Errorf("line %d: %q, want it to start with %q", i+1, l, wantLines[i])
		}
		if k := strings.TrimPrefix(wantLines[i], "# "); strings.HasSuffix(k, " = ") && strings.HasPrefix(wantLines[i], "# ") {
			if f := FieldByKey(strings.TrimSuffix(k, " = ")); !strings.HasSuffix(l, "# "+f.Describe()) {
				t.Errorf("line %d: %q lacks the description %q", i+1, l, f.Describe())
			}
		}
	}
	if !strings.Contains(src, "\npublished = \"2025-01-02\"\n") || !strings.Contains(src, "\ntitle = \"TODO\"\n") ||
		!strings.Contains(src, "\n# disclosure = \"主动公开\" ") || !strings.Contains(src, "\n# themes = [] ") {
		t.Errorf("placeholders or defaults missing:\n%s", src)
	}
	doc, diags = NewLoader(Options{}).Parse("content/plans/x.md", []byte(src))
	if len(diags) > 0 || doc.Meta.Title != "TODO" || doc.Meta.Published.String() != "2025-01-02" {
		t.Errorf("scaffold with placeholders: %q, %+v", diagStrings(diags), doc.Meta)
	}
}

func TestTOML(t *testing.T) {
	str, themes, draft := FieldByKey("title"), FieldByKey("themes"), FieldByKey("draft")
	for _, tt := range []struct {
		f        *Field
		in, want string
	}{
		{str, `a"b\c`, `"a\"b\\c"`}, {str, "x\ty", `"x\ty"`}, {str, "\x01", `"\u0001"`}, {str, "海安", `"海安"`},
		{str, "", `""`},
		{themes, "reform, children", `["reform", "children"]`}, {themes, "", `[]`}, {themes, " a ,, b", `["a", "b"]`},
		{draft, "true", "true"}, {draft, "", "false"},
	} {
		if got := tt.f.TOML(tt.in); got != tt.want {
			t.Errorf("%s.TOML(%q) = %s, want %s", tt.f.Key, tt.in, got, tt.want)
		}
	}
}

// TestFieldWordingInCatalogue: what the registry says about a field (its description, what a
// required field wants) comes from the catalogue, so that it reads in Chinese by default.
func TestFieldWordingInCatalogue(t *testing.T) {
	defer msg.SetEnglish(false)()
	for _, f := range Fields() {
		if f.Doc != "" && !msg.Has(f.Doc) {
			t.Errorf("%s: Doc %q is not in the catalogue", f.Key, f.Doc)
		}
		if f.want != "" && !msg.Has(f.want) {
			t.Errorf("%s: want %q is not in the catalogue", f.Key, f.want)
		}
		for _, s := range []string{f.Describe(), f.Want()} {
			if englishWordRE.MatchString(s) {
				t.Errorf("%s: %q has English words in Chinese", f.Key, s)
			}
		}
	}
}

// englishWordRE finds a run of two English words (config.toml, YYYY-MM-DD and slugs are not).
var englishWordRE = regexp.MustCompile(`\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b`)
