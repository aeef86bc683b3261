package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// Options configure loading.
type Options struct {
	// KnownTheme reports whether a theme slug exists; nil accepts any.
	KnownTheme func(slug string) bool
	// Unsafe lets raw HTML in Markdown through instead of escaping it.
	Unsafe bool
}

// Loader loads documents. It is safe for concurrent use.
type Loader struct {
	opt Options
	md  goldmark.Markdown
}

// NewLoader returns a loader with the given options.
func NewLoader(opt Options) *Loader {
	return &Loader{opt: opt, md: NewMarkdown(opt.Unsafe)}
}

var fileNameRE = regexp.MustCompile(`^[a-z0-9]+(?:[-_.][a-z0-9]+)*$`)

// ValidName reports whether name (without .md) is a file name the loader accepts for a
// document: ASCII lower-case letters and digits, joined by single -, _ or . (rugao-2025). It
// becomes the page's URL.
func ValidName(name string) bool { return fileNameRE.MatchString(name) }

// Parse loads one document from its source. rel is its path relative to the site's source
// directory (content/plans/x.md), used for its URL and in diagnostics. A document is returned
// whenever the file could be read at all; errs holds its problems, warnings included.
func (l *Loader) Parse(rel string, src []byte) (*Document, []*Diagnostic) {
	var diags []*Diagnostic
	fail := func(line int, field, msg string) {
		diags = append(diags, &Diagnostic{File: rel, Line: line, Field: field, Message: msg})
	}
	sum := sha256.Sum256(src)
	doc := &Document{Path: rel, Hash: hex.EncodeToString(sum[:8]), Main: &Part{}}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	name := strings.TrimSuffix(parts[len(parts)-1], ".md")
	doc.Slug = name
	if len(parts) >= 3 {
		doc.Section = parts[len(parts)-2]
		doc.URL = "/" + strings.Join(append(parts[1:len(parts)-1], name), "/") + "/"
	} else {
		doc.URL = "/" + name + "/"
	}
	if !ValidName(name) {
		fail(1, "", fmt.Sprintf("file name %q is not ASCII lower-case letters, digits and -; it becomes the page's URL", name+".md"))
	}
	if !utf8.Valid(src) {
		line := 1 + strings.Count(string(src[:firstInvalid(src)]), "\n")
		fail(line, "", "file is not UTF-8 (convert it, e.g. iconv -f GBK -t UTF-8)")
		return doc, diags
	}
	fm, body, bodyLine, err := splitFrontMatter(src)
	if err != nil {
		fail(1, "", err.Error())
		return doc, diags
	}
	doc.Meta = parseMeta(rel, fm, &l.opt, &diags)
	body, dirs := extractDirectives(body, func(i int) int { return bodyLine + i }, rel, l.opt.KnownTheme, &diags)
	root := l.md.Parser().Parse(text.NewReader(body))
	b := &builder{src: body, md: l.md, lineAt: lineIndex(body, bodyLine), doc: doc}
	b.build(root)
	attachDirectives(b.passages, dirs, rel, &diags)
	for _, it := range doc.AllItems() {
		if strings.TrimSpace(it.Text) == "" {
			diags = append(diags, &Diagnostic{File: rel, Line: it.Line, Field: "item " + it.Marker, Message: "item has no text", Warning: true})
		}
	}
	if doc.Meta.Summary == "" {
		doc.Meta.Summary = deriveSummary(doc)
	}
	return doc, diags
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// deriveSummary takes the first substantial paragraph of the preamble (or the first item) and
// shortens it to SummaryMax characters, at a sentence end where one is near.
func deriveSummary(d *Document) string {
	var candidate string
	d.Walk(func(_ *Part, _ *Section, b *Block) {
		if candidate != "" {
			return
		}
		t := b.Text()
		if utf8.RuneCountInString(t) >= 40 {
			candidate = t
		}
	})
	return Shorten(candidate, SummaryMax)
}

// Shorten cuts s to at most max characters, preferring the end of a sentence past half of max,
// and marks a cut with "…".
func Shorten(s string, max int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= max {
		return string(r)
	}
	cut := r[:max-1]
	for i := len(cut) - 1; i >= max/2; i-- {
		if cut[i] == '。' || cut[i] == '；' || cut[i] == '！' || cut[i] == '？' {
			return string(cut[:i+1])
		}
	}
	return string(cut) + "…"
}

// Text returns the block's plain text: the item's text, or the paragraph's.
func (b *Block) Text() string {
	if b.Item != nil {
		return b.Item.Text
	}
	return htmlText(string(b.HTML))
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

func htmlText(h string) string {
	s := tagRE.ReplaceAllString(h, "")
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Result is what loading a content directory produced.
type Result struct {
	Documents []*Document
	// Errors are the problems that stop a build; Warnings do not.
	Errors   Errors
	Warnings Errors
}

// LoadDir loads every .md file under root/content, in parallel, and checks what only the whole
// set shows (duplicate 索引号 and 文号). Documents come back sorted by path.
func (l *Loader) LoadDir(root string) (*Result, error) {
	var paths []string
	contentDir := filepath.Join(root, "content")
	err := filepath.WalkDir(contentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != contentDir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".md") && !strings.HasPrefix(d.Name(), ".") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	docs := make([]*Document, len(paths))
	diags := make([][]*Diagnostic, len(paths))
	ioErrs := make([]error, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers())
	for i, p := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, p string) {
			defer func() { <-sem; wg.Done() }()
			src, err := os.ReadFile(p)
			if err != nil {
				ioErrs[i] = err
				return
			}
			rel, _ := filepath.Rel(root, p)
			docs[i], diags[i] = l.Parse(filepath.ToSlash(rel), src)
		}(i, p)
	}
	wg.Wait()
	res := &Result{}
	for i := range paths {
		if ioErrs[i] != nil {
			return nil, ioErrs[i]
		}
		for _, d := range diags[i] {
			if d.Warning {
				res.Warnings = append(res.Warnings, d)
				docs[i].Warnings = append(docs[i].Warnings, d)
			} else {
				res.Errors = append(res.Errors, d)
			}
		}
		res.Documents = append(res.Documents, docs[i])
	}
	res.Errors = append(res.Errors, CheckUnique(res.Documents)...)
	return res, nil
}

// CheckUnique reports documents that share an 索引号 or a 文号, or a URL.
func CheckUnique(docs []*Document) []*Diagnostic {
	var out []*Diagnostic
	for _, f := range []struct {
		field string
		get   func(*Document) string
	}{
		{"index_number", func(d *Document) string { return d.Meta.IndexNumber }},
		{"doc_number", func(d *Document) string { return d.Meta.DocNumber }},
		{"", func(d *Document) string { return d.URL }},
	} {
		first := map[string]*Document{}
		for _, d := range docs {
			v := f.get(d)
			if v == "" {
				continue
			}
			if prev, ok := first[v]; ok {
				line := d.Meta.Lines[f.field]
				msg := fmt.Sprintf("%q is already used by %s", v, prev.Path)
				if f.field == "" {
					line, msg = 1, fmt.Sprintf("URL %s is already used by %s", v, prev.Path)
				}
				out = append(out, &Diagnostic{File: d.Path, Line: line, Field: f.field, Message: msg})
				continue
			}
			first[v] = d
		}
	}
	return out
}
