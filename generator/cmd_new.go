package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

// cmdNew scaffolds content/<section>/<name>.md: every front matter field, the optional ones
// commented out, today's date, and TODO placeholders for the title and agency. The document
// is a draft (built and checked, not published) until the TODOs are done; check lists them.
func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", "new [--source DIR] SECTION/NAME (e.g. plans/rugao-2025)", stderr)
	source := fs.String("source", ".", "site `directory` holding content/ and config.toml")
	rest, code := parseArgs(fs, args, false)
	if code >= 0 {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprintln(stderr, "planportal new: give one document as SECTION/NAME, e.g. planportal new plans/rugao-2025")
		fs.Usage()
		return 2
	}
	section, name, err := parseNewName(rest[0])
	if err != nil {
		fmt.Fprintf(stderr, "planportal new: %v\n", err)
		return 2
	}
	cfg, err := config.Load(filepath.Join(*source, "config.toml"))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if _, known := cfg.Sections[section]; !known {
		if st, err := os.Stat(filepath.Join(*source, "content", section)); err != nil || !st.IsDir() {
			var known []string
			for k := range cfg.Sections {
				known = append(known, k)
			}
			fmt.Fprintf(stderr, "planportal new: unknown section %q (want one of config.toml [sections]: %s)\n", section, strings.Join(known, ", "))
			return 2
		}
	}
	dest := filepath.Join(*source, "content", section, name+".md")
	if err := writeNew(dest, []byte(scaffold(time.Now(), cfg.ThemeSlugs())), false); err != nil {
		fmt.Fprintf(stderr, "planportal new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "created %s (a draft, at /%s/%s/ once published): fill in the TODO fields, paste the text (docs/CONTENT.md), then run planportal check\n",
		dest, section, name)
	return 0
}

// parseNewName validates SECTION/NAME: two ASCII slugs, nothing that could leave content/.
func parseNewName(arg string) (section, name string, err error) {
	a := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(arg), "content/"), ".md")
	parts := strings.Split(a, "/")
	if len(parts) != 2 || strings.Contains(arg, `\`) || filepath.IsAbs(arg) {
		return "", "", fmt.Errorf("%q: want SECTION/NAME, e.g. plans/rugao-2025", arg)
	}
	for _, p := range parts {
		if !content.ValidName(p) || strings.Contains(p, "..") {
			return "", "", fmt.Errorf("%q: %q is not an ASCII name (want lower-case letters, digits and -, e.g. rugao-2025); it becomes the page's URL", arg, p)
		}
	}
	return parts[0], parts[1], nil
}

// scaffold is a new document's source, dated today: every field of the registry, the required
// ones with a "# TODO" placeholder (published is today), the others commented out.
func scaffold(now time.Time, themes []string) string {
	today := now.Format("2006-01-02")
	return content.FrontMatter(func(f *content.Field) content.Entry {
		switch {
		case f.Key == "draft":
			return content.Entry{Value: "true", Set: true, Comment: "TODO: remove when the document is ready to publish"}
		case f.Required && f.Kind == content.KindDate:
			return content.Entry{Value: today, Set: true, Comment: f.Describe()}
		case f.Required:
			return content.Entry{Value: f.Placeholder(today), Set: true, Todo: "write " + f.Want() + ", e.g. " + f.Example}
		case f.Kind == content.KindDate:
			return content.Entry{Value: today}
		case f.Kind == content.KindThemes && len(themes) > 0:
			return content.Entry{Comment: f.Describe() + ": " + strings.Join(themes, ", ")}
		}
		return content.Entry{}
	}) + "\n"
}
