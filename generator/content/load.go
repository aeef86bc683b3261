package content

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/msg"

	"github.com/planportal/planportal/generator/urls"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// Options configure loading.
type Options struct {
	// KnownTheme reports whether a theme slug exists; nil accepts any.
	KnownTheme func(slug string) bool
	// ThemeSlugs are the known slugs, for the message about an unknown one.
	ThemeSlugs []string
	// Unsafe lets raw HTML in Markdown through instead of escaping it.
	Unsafe bool
	// MinYear and MaxYear bound the year of every date field (config.toml [content]
	// min_year, max_year); 0 leaves that end open.
	MinYear, MaxYear int
}

// Loader loads documents. It is safe for concurrent use.
type Loader struct {
	opt Options
	md  goldmark.Markdown
	// notes is one copy of each note's content the loader has read (noteTable).
	notes *noteTable
}

// NewLoader returns a loader with the given options.
func NewLoader(opt Options) *Loader {
	return &Loader{opt: opt, md: NewMarkdown(opt.Unsafe), notes: &noteTable{m: map[string]*Annotation{}}}
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
	doc := &Document{Path: rel, Main: &Part{}}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	name := strings.TrimSuffix(parts[len(parts)-1], ".md")
	doc.Slug = name
	if len(parts) >= 3 {
		doc.Section = parts[len(parts)-2]
	}
	doc.URL = urls.Doc(filepath.ToSlash(rel))
	if !ValidName(name) {
		fail(1, "", msg.T("load.name", name+".md"))
	}
	if !utf8.Valid(src) {
		line := 1 + strings.Count(string(src[:firstInvalid(src)]), "\n")
		fail(line, "", msg.T("load.utf8"))
		return doc, diags
	}
	fm, body, bodyLine, err := splitFrontMatter(src)
	if err != nil {
		fail(1, "", err.Error())
		return doc, diags
	}
	doc.Meta = parseMeta(rel, fm, &l.opt, &diags)
	body, dirs := extractDirectives(body, func(i int) int { return bodyLine + i }, rel, &l.opt, &diags)
	if i := TooDeep(body); i >= 0 {
		fail(bodyLine+i, "", msg.T("load.nesting", MaxNesting, 2*MaxNesting))
		return doc, diags
	}
	root := l.md.Parser().Parse(text.NewReader(body))
	b := &builder{src: body, md: l.md, lineAt: lineIndex(body, bodyLine), doc: doc, notes: l.notes,
		warn: func(line int, field, msg string) {
			diags = append(diags, &Diagnostic{File: rel, Line: line, Field: field, Message: msg, Warning: true})
		}, scratch: scratchPool.Get().(*scratch)}
	b.build(root)
	scratchPool.Put(b.scratch)
	b.scratch = nil
	attachDirectives(b.passages, dirs, rel, &diags)
	for _, it := range doc.AllItems() {
		if strings.TrimSpace(it.Text) == "" {
			diags = append(diags, &Diagnostic{File: rel, Line: int(it.Line), Field: "item " + it.Marker, Message: msg.T("load.emptyitem"), Warning: true})
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

// entityText turns the character references goldmark writes back into characters; made
// once, as a Replacer builds its tables on first use (a paragraph's text is asked for often).
var entityText = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#34;", `"`, "&#39;", "'", "&amp;", "&")

// textRunesAtLeast reports whether htmlText(h) has at least n characters, counted as it
// goes without making the text; ok is false, and the answer is to be had from htmlText, where
// the text has a character reference (&), which htmlText would turn into one character.
// Tags are skipped as tagRE removes them (a < up to the first > after it; a < with no > after
// it stays), and spaces count as strings.Fields and Join leave them: one between two runs.
func textRunesAtLeast(h string, n int) (atLeast, ok bool) {
	count, fields, inField, tags := 0, 0, false, true
	for i := 0; i < len(h); {
		c := h[i]
		if c == '<' && tags {
			if j := strings.IndexByte(h[i+1:], '>'); j >= 0 {
				i += j + 2
				continue
			}
			tags = false // no > after this <, so none after any later < either
		}
		if c == '&' {
			return false, false
		}
		r, size := utf8.DecodeRuneInString(h[i:])
		i += size
		if unicode.IsSpace(r) {
			inField = false
			continue
		}
		if !inField {
			if inField = true; fields > 0 {
				count++ // the space Join puts between two runs
			}
			fields++
		}
		if count++; count >= n {
			return true, true
		}
	}
	return count >= n, true
}

func htmlText(h string) string {
	s := tagRE.ReplaceAllString(h, "")
	s = entityText.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Result is what loading a content directory produced.
type Result struct {
	// Documents are sorted by path.
	Documents []*Document
	// Errors are the problems that stop a build; Warnings do not.
	Errors   Errors
	Warnings Errors

	root  string
	files map[string]*file // by path relative to root (content/plans/x.md)
}

// file is one source file as last read.
type file struct {
	sum   [sha256.Size]byte
	doc   *Document
	diags []*Diagnostic
}

// LoadDir loads every .md file under root/content, in parallel, and checks what only the whole
// set shows (duplicate 索引号 and 文号). Documents come back sorted by path.
func (l *Loader) LoadDir(root string) (*Result, error) {
	res, _, err := l.Reload(nil, root, nil)
	return res, err
}

// Reload is LoadDir after the files at or under paths (absolute or relative to the working
// directory; files or directories, existing or gone) have changed since prev was loaded from
// root. Only those files are read again, and only those whose bytes changed are parsed
// again: every other document is prev's, the same value, so that what was computed from it
// stays valid. It also returns the paths (relative to root, as Document.Path) of the
// documents that changed, appeared or went. A nil prev, or one loaded from another root or
// with another loader, loads everything.
func (l *Loader) Reload(prev *Result, root string, paths []string) (*Result, []string, error) {
	contentDir := filepath.Join(root, "content")
	files := map[string]*file{}
	todo := map[string]bool{}
	full := prev == nil || prev.root != root
	if full {
		paths = []string{contentDir}
	} else {
		for rel, f := range prev.files {
			files[rel] = f
		}
	}
	for _, p := range paths {
		rel, err := filepath.Rel(root, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue // not in this site
		}
		rel = filepath.ToSlash(rel)
		for known := range files {
			if known == rel || strings.HasPrefix(known, rel+"/") {
				todo[known] = true
			}
		}
		err = filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
			if err != nil {
				if !full && errors.Is(err, fs.ErrNotExist) {
					return nil // gone since the change was noticed
				}
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && f != contentDir {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			// A document, or what might be one and is refused by ReadSource: a link to a
			// directory (which WalkDir does not follow) would hide the documents in it.
			if !d.IsDir() && (strings.HasSuffix(d.Name(), ".md") || d.Type()&fs.ModeSymlink != 0 && isDir(f)) {
				r, _ := filepath.Rel(root, f)
				todo[filepath.ToSlash(r)] = true
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	list := make([]string, 0, len(todo))
	for rel := range todo {
		list = append(list, rel)
	}
	sort.Strings(list)
	read := make([]*file, len(list))
	ioErrs := make([]error, len(list))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(workers(), max(1, len(list))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// buf is read into, file after file: nothing Parse returns keeps its source
			// (TestParseKeepsNothingItReads).
			var buf []byte
			for i := range next {
				rel := list[i]
				src, err := readSource(filepath.Join(root, filepath.FromSlash(rel)), buf)
				buf = src
				if se, ok := isSourceError(err); ok {
					read[i] = &file{diags: []*Diagnostic{{File: rel, Message: se.Reason}}}
					continue
				}
				if err != nil {
					if !errors.Is(err, fs.ErrNotExist) {
						ioErrs[i] = err
					}
					continue // removed, or renamed away
				}
				f := &file{sum: sha256.Sum256(src)}
				if old := files[rel]; old != nil && old.sum == f.sum {
					read[i] = old
					continue
				}
				f.doc, f.diags = l.Parse(rel, src)
				read[i] = f
			}
		}()
	}
	for i := range list {
		next <- i
	}
	close(next)
	wg.Wait()
	var changed []string
	for i, rel := range list {
		if ioErrs[i] != nil {
			return nil, nil, ioErrs[i]
		}
		old := files[rel]
		switch {
		case read[i] == nil && old != nil:
			delete(files, rel)
			changed = append(changed, rel)
		case read[i] != nil && read[i] != old:
			files[rel] = read[i]
			changed = append(changed, rel)
		}
	}
	res := &Result{root: root, files: files}
	all := make([]string, 0, len(files))
	for rel := range files {
		all = append(all, rel)
	}
	sort.Strings(all)
	for _, rel := range all {
		f := files[rel]
		for _, d := range f.diags {
			if d.Warning {
				res.Warnings = append(res.Warnings, d)
			} else {
				res.Errors = append(res.Errors, d)
			}
		}
		if f.doc != nil { // nil: a file refused (ReadSource)
			res.Documents = append(res.Documents, f.doc)
		}
	}
	res.Errors = append(res.Errors, CheckUnique(res.Documents)...)
	return res, changed, nil
}

func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
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
				m := msg.T("unique.used", v, prev.Path)
				if f.field == "" {
					line, m = 1, msg.T("unique.url", v, prev.Path)
				}
				out = append(out, &Diagnostic{File: d.Path, Line: line, Field: f.field, Message: m})
				continue
			}
			first[v] = d
		}
	}
	return out
}
