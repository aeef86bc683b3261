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
	"github.com/planportal/planportal/generator/msg"
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
		fmt.Fprintln(stderr, "planportal new: "+msg.T("new.usage"))
		fs.Usage()
		return 2
	}
	section, name, err := content.ParseName(rest[0])
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
			fmt.Fprintln(stderr, "planportal new: "+msg.T("new.section", section, strings.Join(known, ", ")))
			return 2
		}
	}
	dest := filepath.Join(*source, "content", section, name+".md")
	if err := content.Create(dest, content.Scaffold(time.Now().Format("2006-01-02"), cfg.ThemeSlugs()), false); err != nil {
		fmt.Fprintf(stderr, "planportal new: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, msg.T("new.created", dest, section, name))
	return 0
}
