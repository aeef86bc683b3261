package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlags creates a command's flag set; its usage message is "Usage: planportal <synopsis>"
// and the flags.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: planportal %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs is every command's argument parser. Flags may come before, between and after
// the positional arguments (planportal import a.txt --name x b.txt), which it returns in
// order; "--" makes the rest positional. A word that starts with - but names no flag of fs is
// a usage error, or, with dashWords, a positional argument (search's -精神卫生 excludes a
// word). code is 0 after --help, 2 after a usage error (reported on fs's output), -1 to go on.
func parseArgs(fs *flag.FlagSet, args []string, dashWords bool) (positional []string, code int) {
	var flagArgs []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, _, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		f := fs.Lookup(name)
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case a == "-" || !strings.HasPrefix(a, "-"):
			positional = append(positional, a)
		case f == nil && name != "h" && name != "help" && dashWords:
			positional = append(positional, a)
		default:
			// A flag (or an unknown one, for fs.Parse to report), with its value if it is
			// the next word.
			flagArgs = append(flagArgs, a)
			if f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
				flagArgs = append(flagArgs, args[i+1])
				i++
			}
		}
	}
	if err := fs.Parse(flagArgs); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, 0
		}
		return nil, 2
	}
	return positional, -1
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// flags creates the flag set of a command that takes no positional arguments, and its parse
// function (parseArgs, and an error for any positional argument). parse returns the exit
// status to stop with (0 for --help, 2 for a usage error), or -1 to go on.
func flags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, func([]string) int) {
	fs := newFlags(name, synopsis, stderr)
	return fs, func(args []string) int {
		rest, code := parseArgs(fs, args, false)
		if code >= 0 {
			return code
		}
		if len(rest) > 0 {
			fmt.Fprintf(stderr, "planportal %s: unexpected argument %q\n", name, rest[0])
			fs.Usage()
			return 2
		}
		return -1
	}
}
