// Command planportal builds and serves a portal of government work plans from Markdown.
//
//	planportal build [--source DIR] [--dest DIR] [--config FILE]
//	planportal serve [--addr 127.0.0.1:8080] [--source DIR] [--dest DIR]
//	planportal version
//
// Exit status: 0 ok, 1 content errors, 2 usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/server"
)

// version is set at link time: -ldflags "-X main.version=…".
var version = "dev"

const usage = `planportal builds and serves a portal of government work plans.

Usage:
  planportal <command> [flags]

Commands:
  build     build the site into public/
  serve     serve the built site over HTTP
  version   print the version

Run 'planportal <command> --help' for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "planportal %s\n", version)
		return 0
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "planportal: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// flags creates a command's flag set; parse returns the exit status to use when parsing
// stopped the command (0 for --help, 2 for a usage error), or -1 to go on.
func flags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, func([]string) int) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: planportal %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs, func(args []string) int {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() > 0 {
			fmt.Fprintf(stderr, "planportal %s: unexpected argument %q\n", name, fs.Arg(0))
			fs.Usage()
			return 2
		}
		return -1
	}
}

func siteFlags(fs *flag.FlagSet) *build.Options {
	o := &build.Options{}
	fs.StringVar(&o.Source, "source", ".", "site `directory` holding content/, themes/ and config.toml")
	fs.StringVar(&o.Dest, "dest", "", "output `directory` (default <source>/public)")
	fs.StringVar(&o.Config, "config", "", "config `file` (default <source>/config.toml)")
	return o
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("build", "build [--source DIR] [--dest DIR] [--config FILE]", stderr)
	o := siteFlags(fs)
	fs.BoolVar(&o.Drafts, "drafts", false, "publish documents marked draft = true")
	if code := parse(args); code >= 0 {
		return code
	}
	o.Log = stderr
	res, err := build.Run(*o)
	if err != nil {
		return reportError(err, stderr)
	}
	dest := o.Dest
	if dest == "" {
		dest = filepath.Join(o.Source, "public")
	}
	fmt.Fprintf(stdout, "built %d documents, %d pages (%.1f MB) in %s → %s\n",
		res.Documents, res.Pages, float64(res.Bytes)/1e6, res.Timings.Total.Round(time.Millisecond), dest)
	return 0
}

// reportError prints a failed build's problems; content errors are already "file:line: …".
func reportError(err error, stderr io.Writer) int {
	if build.IsContentError(err) {
		fmt.Fprintln(stderr, err)
	} else {
		fmt.Fprintf(stderr, "planportal build: %v\n", err)
	}
	fmt.Fprintln(stderr, "build failed: nothing was published")
	return 1
}

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("serve", "serve [--addr 127.0.0.1:8080] [--source DIR] [--dest DIR]", stderr)
	o := siteFlags(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on")
	if code := parse(args); code >= 0 {
		return code
	}
	dest := o.Dest
	if dest == "" {
		dest = filepath.Join(o.Source, "public")
	}
	if err := server.CheckRoot(dest); err != nil {
		fmt.Fprintf(stderr, "planportal serve: %s has no built site; run 'planportal build' first\n", dest)
		return 1
	}
	mux := http.NewServeMux()
	mux.Handle("/", &server.Static{Root: dest})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "planportal serve: %v\n", err)
		return 1
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 60 * time.Second, MaxHeaderBytes: 16 << 10}
	fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", dest, ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "planportal serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
	return 0
}
