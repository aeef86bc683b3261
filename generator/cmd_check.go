package main

import (
	"fmt"
	"github.com/planportal/planportal/generator/msg"
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
		fmt.Fprintln(stderr, msg.T("check.warning", w))
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintln(stderr, msg.T("check.failed", msg.N("n.problem", len(rep.Problems)), rep.Documents))
		return 1
	}
	fmt.Fprintln(stdout, msg.T("check.ok", msg.N("n.document", rep.Documents), msg.N("n.item", rep.Items), msg.N("n.link", rep.Links)))
	return 0
}
