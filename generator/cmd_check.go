package main

import (
	"fmt"
	"io"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/check"
)

// cmdCheck validates all content as a build would, and more (package check), without writing
// anything. One line per problem, file:line: field: message; exit status 1 if there is any.
func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("check", "check [--source DIR] [--config FILE]", stderr)
	o := &build.Options{}
	fs.StringVar(&o.Source, "source", ".", "site `directory` holding content/, themes/ and config.toml")
	fs.StringVar(&o.Config, "config", "", "config `file` (default <source>/config.toml)")
	if code := parse(args); code >= 0 {
		return code
	}
	*o = o.WithDefaults()
	cfg, res, err := build.Load(*o)
	if err != nil {
		if build.IsContentError(err) {
			fmt.Fprintln(stderr, err) // the config's own problems, already file:line: field: message
			fmt.Fprintln(stderr, "check failed: the config has problems")
		} else {
			fmt.Fprintf(stderr, "planportal check: %v\n", err)
		}
		return 1
	}
	rep, err := check.Site(o.Source, cfg, res)
	if err != nil {
		fmt.Fprintf(stderr, "planportal check: %v\n", err)
		return 1
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(stderr, p)
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "%s (warning)\n", w)
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(stderr, "check failed: %s in %d documents\n", count(len(rep.Problems), "problem"), rep.Documents)
		return 1
	}
	fmt.Fprintf(stdout, "checked %s (%s, %s): no problems\n", count(rep.Documents, "document"),
		count(rep.Items, "item"), count(rep.Links, "internal link"))
	return 0
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
