package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/planportal/planportal/generator/msg"
)

// SummaryMax is the longest summary (内容概述) allowed, in characters.
const SummaryMax = 100

const delim = "+++"

// splitFrontMatter separates the TOML front matter from the body. It returns the front matter
// text (without delimiters), the body, and the 1-based line the body starts on.
func splitFrontMatter(src []byte) (fm, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if strings.TrimSpace(string(first)) != delim {
		return nil, nil, 0, errors.New(msg.T("fm.none"))
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
	return nil, nil, 0, errors.New(msg.T("fm.unclosed"))
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
			// The key is the registry's string where it is a field's, else a copy: a part
			// of the front matter would keep all of it with the document (issue 16).
			k := strings.Trim(sm[1], `"`)
			if f := FieldByKey(k); f != nil {
				k = f.Key
			} else {
				k = strings.Clone(k)
			}
			if _, dup := m[k]; !dup {
				m[k] = i + 2
			}
		}
	}
	return m
}

// parseMeta decodes and validates front matter, field by field as the registry (Fields)
// describes them. Errors and warnings are appended to diags.
func parseMeta(file string, fm []byte, opt *Options, diags *[]*Diagnostic) Meta {
	meta := Meta{Lines: keyLines(fm)}
	for _, f := range fields {
		if f.Default != "" {
			f.set(&meta, f.Default)
		}
	}
	diag := func(field, msg string, warning bool) {
		line := meta.Lines[field]
		if line == 0 {
			line = 1
		}
		*diags = append(*diags, &Diagnostic{File: file, Line: line, Field: field, Message: msg, Warning: warning})
	}
	var raw map[string]any
	if _, err := toml.Decode(string(fm), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			*diags = append(*diags, &Diagnostic{File: file, Line: pe.Position.Line + 1, Message: msg.T("fm.toml", pe.Message)})
		} else {
			*diags = append(*diags, &Diagnostic{File: file, Line: 1, Message: msg.T("fm.toml", err.Error())})
		}
		return meta
	}
	for _, f := range fields {
		report := func(format string, a ...any) { diag(f.Key, fmt.Sprintf(format, a...), false) }
		v, present := raw[f.Key]
		if !present {
			if f.Required {
				report("%s", msg.T("fm.missing", f.Want()))
			}
			continue
		}
		// A value of the wrong type is one problem, reported once (not also as "empty").
		if val, ok := f.decode(v, opt, report); ok {
			f.set(&meta, f.check(val, report))
		}
	}

	// Unknown keys are warnings, so content written for other generators still loads.
	var unknown []string
	for k := range raw {
		if FieldByKey(k) == nil {
			unknown = append(unknown, k)
		}
	}
	sort.Slice(unknown, func(i, j int) bool { return meta.Lines[unknown[i]] < meta.Lines[unknown[j]] })
	for _, k := range unknown {
		diag(k, msg.T("fm.unknown"), true)
	}
	return meta
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return msg.T("type.string")
	case int64:
		return msg.T("type.integer")
	case float64:
		return msg.T("type.number")
	case bool:
		return msg.T("type.bool")
	case time.Time:
		return msg.T("type.date")
	case []any:
		return msg.T("type.list")
	case map[string]any:
		return msg.T("type.table")
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
