package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Validity values (有效性).
var validities = []string{"有效", "失效", "已修改"}

// SummaryMax is the longest summary (内容概述) allowed, in characters.
const SummaryMax = 100

const delim = "+++"

// splitFrontMatter separates the TOML front matter from the body. It returns the front matter
// text (without delimiters), the body, and the 1-based line the body starts on.
func splitFrontMatter(src []byte) (fm, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if strings.TrimSpace(string(first)) != delim {
		return nil, nil, 0, errors.New(`no front matter: the file must start with a "+++" line, then TOML fields, then "+++"`)
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		next := len(rest) + 1
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
			next = off + end + 1
		}
		if strings.TrimSpace(string(l)) == delim {
			if next > len(rest) {
				next = len(rest)
			}
			return rest[:off], rest[next:], line + 1, nil
		}
		line++
		off = next
	}
	return nil, nil, 0, errors.New(`front matter is not closed: add a "+++" line after the last field`)
}

var (
	keyLineRE   = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+|"[^"]*")\s*=`)
	tableLineRE = regexp.MustCompile(`^\s*\[\[?\s*([A-Za-z0-9_-]+|"[^"]*")[^=]*\]\s*(?:#.*)?$`)
)

// keyLines maps each top-level key of the front matter to its file line (front matter starts at
// file line 2). A [table] header is the line of its top-level key; the keys under it are not
// top-level keys.
func keyLines(fm []byte) map[string]int {
	m := map[string]int{}
	inTable := false
	for i, l := range strings.Split(string(fm), "\n") {
		var sm []string
		if t := tableLineRE.FindStringSubmatch(l); t != nil {
			sm, inTable = t, true
		} else if !inTable {
			sm = keyLineRE.FindStringSubmatch(l)
		}
		if sm != nil {
			k := strings.Trim(sm[1], `"`)
			if _, dup := m[k]; !dup {
				m[k] = i + 2
			}
		}
	}
	return m
}

// parseMeta decodes and validates front matter. Errors and warnings are appended to diags.
func parseMeta(file string, fm []byte, opt *Options, diags *[]*Diagnostic) Meta {
	meta := Meta{Lines: keyLines(fm), Disclosure: "主动公开", Validity: "有效"}
	errf := func(field, format string, a ...any) {
		line := meta.Lines[field]
		if line == 0 {
			line = 1
		}
		*diags = append(*diags, &Diagnostic{File: file, Line: line, Field: field, Message: fmt.Sprintf(format, a...)})
	}
	var raw map[string]any
	if _, err := toml.Decode(string(fm), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			*diags = append(*diags, &Diagnostic{File: file, Line: pe.Position.Line + 1, Message: "front matter is not valid TOML: " + pe.Message})
		} else {
			*diags = append(*diags, &Diagnostic{File: file, Line: 1, Message: "front matter is not valid TOML: " + err.Error()})
		}
		return meta
	}
	str := func(key string, dst *string) {
		v, ok := raw[key]
		if !ok {
			return
		}
		s, ok := v.(string)
		if !ok {
			errf(key, "want a string, got %s", tomlType(v))
			return
		}
		*dst = strings.TrimSpace(s)
	}
	date := func(key string, dst *Date) {
		v, ok := raw[key]
		if !ok {
			return
		}
		switch t := v.(type) {
		case string:
			d, err := time.Parse("2006-01-02", strings.TrimSpace(t))
			if err != nil {
				errf(key, "%q is not a date (want YYYY-MM-DD)", t)
				return
			}
			*dst = Date{d}
		case time.Time:
			*dst = Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
		default:
			errf(key, "want a date (YYYY-MM-DD), got %s", tomlType(v))
		}
	}
	for _, f := range []struct {
		key string
		dst *string
	}{
		{"title", &meta.Title}, {"agency", &meta.Agency}, {"province", &meta.Province},
		{"region", &meta.Region}, {"doc_number", &meta.DocNumber}, {"index_number", &meta.IndexNumber},
		{"category", &meta.Category}, {"disclosure", &meta.Disclosure}, {"validity", &meta.Validity},
		{"source", &meta.Source}, {"summary", &meta.Summary},
	} {
		str(f.key, f.dst)
	}
	date("published", &meta.Published)
	date("written", &meta.Written)
	if v, ok := raw["draft"]; ok {
		if b, ok := v.(bool); ok {
			meta.Draft = b
		} else {
			errf("draft", "want true or false, got %s", tomlType(v))
		}
	}
	if v, ok := raw["themes"]; ok {
		list, ok := v.([]any)
		if !ok {
			errf("themes", "want a list of theme slugs, got %s", tomlType(v))
		}
		seen := map[string]bool{}
		for _, e := range list {
			s, ok := e.(string)
			switch {
			case !ok:
				errf("themes", "want a list of theme slugs, got an element of type %s", tomlType(e))
			case opt.KnownTheme != nil && !opt.KnownTheme(s):
				errf("themes", "unknown theme %q (want one of the slugs in config.toml [[themes]])", s)
			case !seen[s]:
				seen[s] = true
				meta.Themes = append(meta.Themes, s)
			}
		}
	}

	// Required fields and value checks.
	for _, req := range []struct{ key, val, what string }{
		{"title", meta.Title, "the document's title"},
		{"agency", meta.Agency, "发布机构, the full name of the publishing agency"},
	} {
		if v, present := raw[req.key]; !present {
			errf(req.key, "missing (want %s)", req.what)
		} else if _, isString := v.(string); isString && req.val == "" {
			// (a value of the wrong type has already been reported as such)
			errf(req.key, "must not be empty (want %s)", req.what)
		}
	}
	if _, present := raw["published"]; !present {
		errf("published", "missing (want 发布日期 as YYYY-MM-DD)")
	}
	if !contains(validities, meta.Validity) {
		errf("validity", "%q is not a validity (want one of %s)", meta.Validity, strings.Join(validities, ", "))
	}
	if n := utf8.RuneCountInString(meta.Summary); n > SummaryMax {
		errf("summary", "is %d characters long (want at most %d)", n, SummaryMax)
	}
	if meta.Disclosure == "" {
		meta.Disclosure = "主动公开"
	}

	// Unknown keys are warnings, so content written for other generators still loads.
	var unknown []string
	for k := range raw {
		if !knownKeys[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Slice(unknown, func(i, j int) bool { return meta.Lines[unknown[i]] < meta.Lines[unknown[j]] })
	for _, k := range unknown {
		line := meta.Lines[k]
		if line == 0 {
			line = 1
		}
		*diags = append(*diags, &Diagnostic{File: file, Line: line, Field: k, Message: "unknown key, ignored", Warning: true})
	}
	return meta
}

var knownKeys = map[string]bool{
	"title": true, "agency": true, "published": true, "written": true, "province": true,
	"region": true, "doc_number": true, "index_number": true, "category": true, "themes": true,
	"disclosure": true, "validity": true, "source": true, "summary": true, "draft": true,
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
