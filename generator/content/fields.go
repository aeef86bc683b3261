package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/msg"
)

// Kind is the type of a front matter field's value.
type Kind int

const (
	// KindString is a string, trimmed of surrounding white space.
	KindString Kind = iota
	// KindDate is a date, "YYYY-MM-DD" or a TOML date; its value is a Date.
	KindDate
	// KindBool is true or false.
	KindBool
	// KindThemes is a list of theme slugs from config.toml [[themes]]; repeats are dropped.
	KindThemes
	// KindEnum is a string that must be one of the field's Values.
	KindEnum
	// KindKeys is a list of other fields' keys (inferred: the fields the source does not
	// state and the editor supplied); repeats are dropped.
	KindKeys
)

// Field describes one front matter field: everything the loader, planportal new, the importer,
// the metadata table and docs/CONTENT.md need to know about it. Fields lists them all.
type Field struct {
	// Key is the TOML key (agency).
	Key string
	// Label is the field's Chinese name as the metadata table shows it (发布机构).
	Label    string
	Kind     Kind
	Required bool
	// Values are a KindEnum field's allowed values.
	Values []string
	// Default is the value of a KindString or KindEnum field the document does not set (a
	// KindString field set to "" gets it too).
	Default string
	// MaxLen is the most characters a KindString value may have; 0 for no limit.
	MaxLen int
	// Example is a typical value (a list's elements separated by ", "), as docs/CONTENT.md
	// shows it and planportal new suggests it.
	Example string
	// Doc says in a line what the value is, after the label (full name, never an abbreviation):
	// a message of the catalogue (msg), so that it reads in the officer's language.
	Doc msg.ID
	// want is what a required field wants, in "missing (want …)", a message of the catalogue;
	// "" means the label (for a date, the label "as YYYY-MM-DD"). Read it with Want.
	want msg.ID
	// Labels are what disclosure pages call the field in their metadata block (发文机关,
	// 发布单位 …), most trusted first: the importer reads the value from there. Written in
	// simplified characters; pages in traditional characters (發布機構) and with spaces
	// between the characters (索 引 号) match through NormalizeLabel.
	Labels []string
	// Hints are labels that only hint at the value (信息来源: 省卫生健康委): the importer takes
	// them after the document's letterhead and signature.
	Hints []string
	// Disclosure marks a field of a government disclosure page (索引号, 文号, 公开方式 …): only
	// an original document has it, so an excerpt or a report (Meta.Original false) shows none.
	Disclosure bool
	// ReportLabel, if set, is the field's label on an excerpt or a report, where Label would
	// misstate it (a report's agency is the body it is about, not its publisher).
	ReportLabel string
	// bind returns the Meta field that holds the value (*string, *Date, *bool or *[]string,
	// after Kind); nil keeps the value in Meta.Extra.
	bind func(*Meta) any
}

// fields is the registry, in the order front matter lists the fields. To add a field, add
// an entry here: without a bind its value goes to Meta.Extra, and templates read it with
// .Meta.Get. Document it in docs/CONTENT.md's front matter block (a test holds you to it), and
// name its key in themes/*/layouts/partials/doc-meta.html to show it in the metadata table.
var fields = []*Field{
	{Key: "title", Label: "标题", Required: true, Example: "2025年海安市卫生健康工作要点",
		want: "field.title.want", Labels: []string{"名称", "标题", "信息名称"},
		bind: func(m *Meta) any { return &m.Title }},
	{Key: "agency", Label: "发布机构", Required: true, Example: "海安市卫生健康委员会",
		Doc: "field.agency.doc", want: "field.agency.want",
		Labels: []string{"发布机构", "发文机关", "发文单位", "发布单位", "所属机构", "颁布机构"},
		Hints:  []string{"信息来源", "来源", "发布"}, ReportLabel: "所涉机构",
		bind: func(m *Meta) any { return &m.Agency }},
	{Key: "published", Label: "发布日期", Kind: KindDate, Required: true, Example: "2025-03-04",
		Doc:    "field.published.doc",
		Labels: []string{"发布日期", "发布时间", "公开日期", "公布日期", "颁布时间", "颁布日期", "上版日期", "时间"}, ReportLabel: "日期",
		bind: func(m *Meta) any { return &m.Published }},
	{Key: "written", Label: "成文日期", Kind: KindDate, Example: "2025-03-04",
		Labels: []string{"成文日期", "成文时间"}, Disclosure: true,
		bind: func(m *Meta) any { return &m.Written }},
	{Key: "province", Label: "省份", Example: "江苏省",
		bind: func(m *Meta) any { return &m.Province }},
	{Key: "city", Label: "地市", Example: "南通市", Doc: "field.city.doc",
		bind: func(m *Meta) any { return &m.City }},
	{Key: "region", Label: "地区", Example: "海安市", Doc: "field.region.doc",
		bind: func(m *Meta) any { return &m.Region }},
	{Key: "doc_number", Label: "文号", Example: "海卫健发〔2025〕1号",
		Labels: []string{"文件编号", "发文字号", "文号"}, Disclosure: true,
		bind: func(m *Meta) any { return &m.DocNumber }},
	{Key: "index_number", Label: "索引号", Example: "002564395/2025-00051", Doc: "field.index.doc",
		Labels: []string{"索引号"}, Disclosure: true,
		bind: func(m *Meta) any { return &m.IndexNumber }},
	{Key: "category", Label: "体裁", Example: "工作要点", Doc: "field.category.doc",
		Labels: []string{"体裁分类", "组配分类", "体裁"},
		bind:   func(m *Meta) any { return &m.Category }},
	{Key: "themes", Label: "主题分类", Kind: KindThemes, Example: "reform, children",
		Doc:  "field.themes.doc",
		bind: func(m *Meta) any { return &m.Themes }},
	{Key: "disclosure", Label: "公开方式", Default: "主动公开", Example: "主动公开",
		Labels: []string{"公开方式"}, Disclosure: true,
		bind: func(m *Meta) any { return &m.Disclosure }},
	{Key: "validity", Label: "有效性", Kind: KindEnum, Values: []string{"有效", "失效", "已修改"},
		Default: "有效", Example: "有效", Labels: []string{"有效性", "文件有效性", "时效性"}, Disclosure: true,
		bind: func(m *Meta) any { return &m.Validity }},
	{Key: "nature", Label: "文本性质", Kind: KindEnum, Values: []string{NatureOriginal, NatureExcerpt, NatureReport},
		Default: NatureOriginal, Example: NatureOriginal, Doc: "field.nature.doc",
		bind: func(m *Meta) any { return &m.Nature }},
	{Key: "source", Label: "原文链接", Example: "https://wjw.haian.gov.cn/art/2025/3/4/art_1.html", Doc: "field.source.doc",
		bind: func(m *Meta) any { return &m.Source }},
	{Key: "source_name", Label: "来源", Example: "海安市人民政府网站", Doc: "field.sourcename.doc",
		bind: func(m *Meta) any { return &m.SourceName }},
	{Key: "inferred", Label: "编者推定", Kind: KindKeys, Example: "agency", Doc: "field.inferred.doc",
		bind: func(m *Meta) any { return &m.Inferred }},
	{Key: "summary", Label: "内容概述", MaxLen: SummaryMax, Example: "全年卫生健康工作的重点任务。",
		Doc:  "field.summary.doc",
		bind: func(m *Meta) any { return &m.Summary }},
	{Key: "draft", Label: "草稿", Kind: KindBool, Example: "false",
		Doc:  "field.draft.doc",
		bind: func(m *Meta) any { return &m.Draft }},
}

// The values of the nature field: what a document's text is.
const (
	NatureOriginal = "原件"
	NatureExcerpt  = "摘录"
	NatureReport   = "报道"
)

var fieldIndex = func() map[string]*Field {
	m := make(map[string]*Field, len(fields))
	for _, f := range fields {
		m[f.Key] = f
	}
	return m
}()

// Fields returns the front matter fields in the order front matter lists them. The fields
// are shared: read them, never change them.
func Fields() []*Field { return append([]*Field(nil), fields...) }

// traditional maps the traditional characters of disclosure pages' labels (發布機構, 頒布時間,
// 發文字號) to the simplified ones the registry writes.
var traditional = map[rune]rune{
	'發': '发', '佈': '布', '機': '机', '構': '构', '單': '单', '頒': '颁', '時': '时', '間': '间',
	'號': '号', '來': '来', '開': '开', '標': '标', '題': '题', '稱': '称', '類': '类', '體': '体',
	'編': '编', '廢': '废', '關': '关', '鍵': '键', '詞': '词', '屬': '属', '內': '内', '據': '据',
	'資': '资', '訊': '讯', '統': '统', '覽': '览', '瀏': '浏', '數': '数', '擊': '击', '範': '范',
	'圍': '围', '効': '效', '實': '实', '級': '级',
}

// NormalizeLabel writes a label as the registry does: traditional characters simplified and
// white space between the characters removed (索 引 號 → 索引号). Each character keeps its
// length in bytes, so that offsets into a line normalized without removing white space
// (NormalizeLabel applied rune by rune) stay offsets into the original.
func NormalizeLabel(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\u3000' {
			continue
		}
		b.WriteRune(SimplifyLabelRune(r))
	}
	return b.String()
}

// SimplifyLabelRune is the simplified form of a traditional character of a label, or r.
func SimplifyLabelRune(r rune) rune {
	if s, ok := traditional[r]; ok {
		return s
	}
	return r
}

// FieldName is how messages name a front matter field: its Chinese label (发布日期), or its
// key (published) when messages are in English or key is no field of the registry.
func FieldName(key string) string {
	if f := FieldByKey(key); f != nil && !msg.English() {
		return f.Label
	}
	return key
}

// FieldByKey returns the field with the TOML key key, or nil if there is none.
func FieldByKey(key string) *Field { return fieldIndex[key] }

// Describe is the field's one-line description, as the scaffolds and docs/CONTENT.md give it
// after the value: the label, the date format or the length limit, the doc, the allowed
// values and the default (有效性: 有效, 失效 or 已修改 (default 有效)).
func (f *Field) Describe() string {
	s := f.Label
	if f.Kind == KindDate {
		s += msg.T("describe.date")
	}
	if f.MaxLen > 0 {
		s += msg.T("describe.max", f.MaxLen)
	}
	if f.Doc != "" {
		s += msg.T("describe.doc", msg.T(f.Doc))
	}
	if n := len(f.Values); n > 0 {
		s += msg.T("describe.values", strings.Join(f.Values[:n-1], msg.T("list.sep")), f.Values[n-1])
	}
	if f.Default != "" {
		s += msg.T("describe.default", f.Default)
	}
	return s
}

// Want says what a required field's value should be, as "missing (want …)" says it.
func (f *Field) Want() string {
	switch {
	case f.want != "":
		return msg.T(f.want)
	case f.Kind == KindDate:
		return msg.T("field.date.want", f.Label)
	}
	return f.Label
}

// Placeholder is the value a scaffold gives a required field it has no value for: today (as
// YYYY-MM-DD) for a date, "TODO" otherwise.
func (f *Field) Placeholder(today string) string {
	if f.Kind == KindDate {
		return today
	}
	return "TODO"
}

// TOML writes v as the field's TOML value: true or false for a KindBool, a list of the
// ", "-separated elements of v for a KindThemes, a quoted string otherwise.
func (f *Field) TOML(v string) string {
	switch f.Kind {
	case KindBool:
		if v == "" {
			return "false"
		}
		return v
	case KindThemes, KindKeys:
		var q []string
		for _, e := range strings.Split(v, ",") {
			if e = strings.TrimSpace(e); e != "" {
				q = append(q, tomlString(e))
			}
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	return tomlString(v)
}

// decode reads a TOML value as the field's kind: a string (trimmed), a Date, a bool or a
// []string. ok is false when v is of the wrong type; problems go to report.
func (f *Field) decode(v any, opt *Options, report func(format string, a ...any)) (val any, ok bool) {
	switch f.Kind {
	case KindDate:
		switch t := v.(type) {
		case string:
			s := strings.TrimSpace(t)
			// A source that states only the year or the month is written "2025" or "2025-03".
			prec := PrecDay
			switch {
			case yearShapeRE.MatchString(s):
				s, prec = s+"-01-01", PrecYear
			case monthShapeRE.MatchString(s):
				s, prec = s+"-01", PrecMonth
			}
			var y, m, d int
			if n, _ := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); n != 3 || !dateShapeRE.MatchString(s) {
				report("%s", msg.T("date.shape", t))
				return nil, false
			}
			day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			switch {
			case m < 1 || m > 12:
				report("%s", msg.T("date.month", t, m))
			case day.Day() != d || d < 1:
				report("%s", msg.T("date.day", t, m, d))
			default:
				return f.inRange(Date{Time: day, Prec: prec}, t, opt, report)
			}
			return nil, false
		case time.Time:
			// the date as written, whatever its time zone
			day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			return f.inRange(Date{Time: day}, day.Format("2006-01-02"), opt, report)
		}
		report("%s", msg.T("type.want.date", tomlType(v)))
	case KindBool:
		if b, ok := v.(bool); ok {
			return b, true
		}
		report("%s", msg.T("type.want.bool", tomlType(v)))
	case KindThemes:
		list, ok := v.([]any)
		if !ok {
			report("%s", msg.T("type.want.themes", tomlType(v)))
			return nil, false
		}
		var slugs []string
		seen := map[string]bool{}
		for _, e := range list {
			s, ok := e.(string)
			switch {
			case !ok:
				report("%s", msg.T("type.want.elem", tomlType(e)))
			case opt.KnownTheme != nil && !opt.KnownTheme(s):
				report("%s", unknownTheme(s, opt.ThemeSlugs))
			case !seen[s]:
				seen[s] = true
				slugs = append(slugs, s)
			}
		}
		return slugs, true
	case KindKeys:
		list, ok := v.([]any)
		if !ok {
			report("%s", msg.T("type.want.keys", tomlType(v)))
			return nil, false
		}
		var keys []string
		for _, e := range list {
			s, ok := e.(string)
			switch {
			case !ok:
				report("%s", msg.T("type.want.elem", tomlType(e)))
			case FieldByKey(s) == nil || s == f.Key:
				report("%s", msg.T("keys.unknown", s))
			case !slices.Contains(keys, s):
				keys = append(keys, s)
			}
		}
		return keys, true
	default:
		if s, ok := v.(string); ok {
			return strings.TrimSpace(s), true
		}
		report("%s", msg.T("type.want.string", tomlType(v)))
	}
	return nil, false
}

// unknownTheme is the message about a theme slug that config.toml does not define, listing
// the slugs it does (slugs; none when unknown).
func unknownTheme(slug string, slugs []string) string {
	if len(slugs) == 0 {
		return msg.T("theme.unknown0", slug)
	}
	return msg.T("theme.unknown", slug, strings.Join(slugs, ", "))
}

// dateShapeRE is the shape of a date as front matter writes it.
var dateShapeRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// yearShapeRE and monthShapeRE are a date whose source states only its year or month.
var (
	yearShapeRE  = regexp.MustCompile(`^[0-9]{4}$`)
	monthShapeRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}$`)
)

// inRange returns d if its year is within the options' plausible range (written is the
// value as the document writes it, for the message).
func (f *Field) inRange(d Date, written string, opt *Options, report func(format string, a ...any)) (any, bool) {
	lo, hi := opt.MinYear, opt.MaxYear
	if y := d.Year(); (lo != 0 && y < lo) || (hi != 0 && y > hi) {
		report("%s", msg.T("date.range", written, lo, hi))
		return nil, false
	}
	return d, true
}

// check validates a decoded value and returns the value to keep (a KindString's default for
// an empty string).
func (f *Field) check(val any, report func(format string, a ...any)) any {
	switch v := val.(type) {
	case string:
		if f.Kind == KindEnum && !contains(f.Values, v) {
			report("%s", msg.T("field.enum", v, FieldName(f.Key), strings.Join(f.Values, msg.T("list.sep"))))
		}
		if v == "" && f.Required {
			report("%s", msg.T("field.empty", f.Want()))
		}
		if v == "" && f.Kind == KindString && f.Default != "" {
			return f.Default
		}
		if n := utf8.RuneCountInString(v); f.MaxLen > 0 && n > f.MaxLen {
			report("%s", msg.T("field.long", n, f.MaxLen))
		}
	case []string:
		if len(v) == 0 && f.Required {
			report("%s", msg.T("field.empty", f.Want()))
		}
	}
	return val
}

// set stores a decoded value in m: in the Meta field bound to f, or in m.Extra.
func (f *Field) set(m *Meta, val any) {
	if f.bind == nil {
		if m.Extra == nil {
			m.Extra = map[string]any{}
		}
		m.Extra[f.Key] = val
		return
	}
	switch p := f.bind(m).(type) {
	case *string:
		*p, _ = val.(string)
	case *Date:
		*p, _ = val.(Date)
	case *bool:
		*p, _ = val.(bool)
	case *[]string:
		*p, _ = val.([]string)
	}
}

// Get returns the value of the front matter field key: a string, a Date, a bool or a
// []string, after the field's Kind; nil when the document has no value for it (an empty
// string or list, a zero date, false) or when key is not a field. Templates read the fields
// that have no Go field of their own with it: {{with .Meta.Get "effective"}}…{{end}}.
func (m Meta) Get(key string) any {
	f := FieldByKey(key)
	if f == nil {
		return nil
	}
	var v any
	if f.bind == nil {
		v = m.Extra[key]
	} else {
		switch p := f.bind(&m).(type) {
		case *string:
			v = *p
		case *Date:
			v = *p
		case *bool:
			v = *p
		case *[]string:
			v = *p
		}
	}
	switch t := v.(type) {
	case string:
		if t == "" {
			return nil
		}
	case Date:
		if t.IsZero() {
			return nil
		}
	case bool:
		if !t {
			return nil
		}
	case []string:
		if len(t) == 0 {
			return nil
		}
	}
	return v
}

// Entry is how FrontMatter writes one field.
type Entry struct {
	// Value is the field's value as text (a list's elements separated by ", "). When Set is
	// false, the line is commented out and shows Value, or else the field's default.
	Value string
	Set   bool
	// Todo, if not empty, goes on a "# TODO: key: …" line above the field, for planportal
	// check to list.
	Todo string
	// Comment goes after the value; a line commented out shows the field's description when
	// Comment is empty.
	Comment string
}

// FrontMatter writes TOML front matter with every field of the registry in order, each as
// fill says, between "+++" lines. planportal new and the importer write theirs with it.
func FrontMatter(fill func(f *Field) Entry) string {
	var b strings.Builder
	b.WriteString("+++\n")
	for _, f := range fields {
		e := fill(f)
		if e.Todo != "" {
			fmt.Fprintf(&b, "# TODO: %s: %s\n", f.Key, e.Todo)
		}
		v, prefix := e.Value, ""
		if !e.Set {
			prefix = "# "
			if v == "" {
				v = f.Default
			}
			if e.Comment == "" {
				e.Comment = f.Describe()
			}
		}
		line := prefix + f.Key + " = " + f.TOML(v)
		if e.Comment != "" {
			// comments line up in an editor, where a Han character is two columns wide
			line += strings.Repeat(" ", max(2, commentColumn-displayWidth(line))) + "# " + e.Comment
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("+++\n")
	return b.String()
}

// commentColumn is where FrontMatter starts the comments after the values.
const commentColumn = 32

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if isWide(r) {
			n++
		}
	}
	return n
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
