package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/importer"
)

// cmdImport converts raw text files into Markdown documents under --out, one per file, and
// prints what it detected in each.
func cmdImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "import FILE… [--out content/plans] [--force] [--name NAME]", stderr)
	out := fs.String("out", filepath.Join("content", "plans"), "`directory` to write the documents to")
	force := fs.Bool("force", false, "overwrite documents that exist")
	name := fs.String("name", "", "file `name` of the document (e.g. rugao-2025; one FILE only); default: from FILE's name")
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
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if name == "" {
		name = importer.DocName(file)
	}
	name = strings.TrimSuffix(name, ".md")
	dest := filepath.Join(outDir, name+".md")
	// The loader checks the result under the name it will have in the site.
	rel := "content/" + filepath.Base(filepath.Clean(outDir)) + "/" + name + ".md"
	res, err := importer.Import(src, importer.Options{Source: filepath.ToSlash(file), Path: rel, Today: time.Now().Format("2006-01-02")})
	if err != nil {
		return err
	}
	if err := content.Create(dest, res.Markdown, force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s → %s\n%s", file, dest, res.Report)
	return nil
}
