package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/importer"
	"github.com/planportal/planportal/generator/msg"
)

// cmdImport converts raw text files into Markdown documents under --out, one per file, and
// prints what it detected in each.
func cmdImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "import FILE… (.txt, .docx, .pdf) [--out content/plans] [--force] [--name NAME]", stderr)
	out := fs.String("out", filepath.Join("content", "plans"), "`directory` to write the documents to")
	force := fs.Bool("force", false, "overwrite documents that exist")
	name := fs.String("name", "", "file `name` of the document (e.g. rugao-2025; one FILE only); default: the pinyin of the region and the year (huzhou-2025)")
	files, code := parseArgs(fs, args, false)
	if code >= 0 {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "planportal import: give the text files to import, e.g. planportal import notice.txt")
		fs.Usage()
		return 2
	}
	if *name != "" && len(files) > 1 {
		fmt.Fprintln(stderr, "planportal import: --name names one document; give one FILE with it")
		return 2
	}
	if *name != "" && !content.ValidName(strings.TrimSuffix(*name, ".md")) {
		fmt.Fprintf(stderr, "planportal import: --name %q: want ASCII lower-case letters, digits and - (e.g. rugao-2025)\n", *name)
		return 2
	}
	failed := 0
	for _, f := range files {
		if err := importFile(f, *out, *name, *force, stdout); err != nil {
			fmt.Fprintf(stderr, "planportal import: %s: %v\n", f, err)
			failed++
		}
	}
	if failed > 0 {
		return 1
	}
	return 0
}

func importFile(file, outDir, name string, force bool, stdout io.Writer) error {
	src, err := importer.ReadFile(file)
	if err != nil {
		return err
	}
	section := filepath.Base(filepath.Clean(outDir))
	run := func(name string) (*importer.Result, error) {
		// The loader checks the result under the name it will have in the site.
		rel := "content/" + section + "/" + name + ".md"
		return importer.Import(src, importer.Options{Source: filepath.ToSlash(file), Path: rel, Today: time.Now().Format("2006-01-02")})
	}
	res, err := run("imported")
	if err != nil {
		return err
	}
	name = strings.TrimSuffix(name, ".md")
	if name == "" {
		// From the document's region and year (huzhou-2025), the next free one (huzhou-2025-2)
		// when that is taken: never another document's file.
		base := res.Name()
		if base == "" {
			base = importer.DocName(file)
		}
		name = base
		for i := 2; exists(filepath.Join(outDir, name+".md")) && !force; i++ {
			name = fmt.Sprintf("%s-%d", base, i)
		}
	}
	if res, err = run(name); err != nil {
		return err
	}
	dest := filepath.Join(outDir, name+".md")
	rel := "content/" + section + "/" + name + ".md"
	if !force && exists(dest) {
		// --force is for a document imported again from the same file, never for another one.
		if old := otherDocument(dest, rel, file); old != "" {
			return errors.New(msg.T("import.exists.other", dest, old))
		}
		return errors.New(msg.T("import.exists.same", dest))
	}
	if err := content.Create(dest, res.Markdown, force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s → %s\n%s", file, dest, res.Report)
	for _, d := range duplicates(outDir, rel, res.Markdown) {
		fmt.Fprint(stdout, msg.T("import.report.duplicate", d))
	}
	return nil
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// otherDocument returns the title of the document at dest when it is not one imported from
// file before, or "".
func otherDocument(dest, rel, file string) string {
	b, err := os.ReadFile(dest)
	if err != nil {
		return dest
	}
	doc, _ := content.NewLoader(content.Options{}).Parse(rel, b)
	if doc == nil {
		return dest
	}
	if doc.Meta.Source == filepath.ToSlash(file) {
		return ""
	}
	if doc.Meta.Title != "" {
		return doc.Meta.Title
	}
	return dest
}

// duplicates reports the 索引号 and 文号 of the imported document that a document of the site
// already has, as check would: the site is the one whose content/ holds outDir.
func duplicates(outDir, rel string, md []byte) []string {
	contentDir := filepath.Dir(filepath.Clean(outDir))
	if filepath.Base(contentDir) != "content" {
		return nil
	}
	l := content.NewLoader(content.Options{})
	res, err := l.LoadDir(filepath.Dir(contentDir))
	if err != nil || res == nil {
		return nil
	}
	doc, _ := l.Parse(rel, md)
	if doc == nil {
		return nil
	}
	var others []*content.Document
	for _, d := range res.Documents {
		if d.Path != rel {
			others = append(others, d)
		}
	}
	var out []string
	for _, d := range content.CheckUnique(append(others, doc)) {
		if d.File == rel && d.Field != "" {
			out = append(out, d.Error())
		}
	}
	return out
}
