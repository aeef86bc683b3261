package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/devserver"
	"github.com/planportal/planportal/generator/publish"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/watch"
)

// cmdDev is the live preview: build in memory, serve, watch, rebuild, reload browsers.
func cmdDev(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("dev", "dev [--addr 127.0.0.1:1313] [--poll DURATION] [--future] [--source DIR] [--config FILE]", stderr)
	src := fs.String("source", ".", "site `directory` holding content/, themes/ and config.toml")
	cfgPath := fs.String("config", "", "config `file` (default <source>/config.toml)")
	addr := fs.String("addr", "127.0.0.1:1313", "`host:port` to listen on")
	poll := fs.Duration("poll", 0, "scan for changes at this interval instead of using file events (network drives, WSL), e.g. 1s")
	future := fs.Bool("future", false, "show documents dated after today (drafts are always shown)")
	noSearch := fs.Bool("no-search", false, "do not build a search index")
	if code := parse(args); code >= 0 {
		return code
	}
	o := build.Options{Source: *src, Config: *cfgPath}.WithDefaults()
	dopt := devserver.Options{Source: o.Source, Config: o.Config, Future: *future, Log: stderr}
	if !*noSearch {
		tmp, err := os.MkdirTemp("", "planportal-dev-")
		if err != nil {
			fmt.Fprintf(stderr, "planportal dev: %v\n", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		dopt.Index = filepath.Join(tmp, "search.bleve")
		dopt.BuildIndex = devIndexer(o.Source, o.Config, dopt.Index, *future)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "planportal dev: %v\n", err)
		return 1
	}
	// Watch before loading: a change saved during the first load is then seen too.
	roots := []string{filepath.Join(o.Source, "content"), filepath.Join(o.Source, "themes"), o.Config}
	w, err := watch.New(roots, watch.Options{Poll: *poll, Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "planportal dev: %v\n", err)
		return 1
	}
	defer w.Close()
	srv, err := devserver.New(dopt)
	if err != nil {
		fmt.Fprintf(stderr, "planportal dev: %v\n", err)
		return 1
	}
	defer srv.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go srv.Run(ctx, w.Batches())
	// No write timeout: the reload event streams stay open.
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 60 * time.Second}
	hs.RegisterOnShutdown(srv.Close)
	how := "file events"
	if *poll > 0 {
		how = "polling every " + poll.String()
	}
	fmt.Fprintf(stdout, "dev: previewing %s at http://%s/ (drafts shown; watching content/, themes/ and %s by %s; Ctrl-C to stop)\n",
		o.Source, ln.Addr(), filepath.Base(o.Config), how)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "planportal dev: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = hs.Shutdown(shutdown)
	return 0
}

// devIndexer rebuilds the dev search index in a child process (this program's dev-index
// command) at low CPU priority, so that rebuilding pages after an edit stays fast while
// the index, which takes far longer, is built; and its memory goes when it exits.
func devIndexer(src, cfg, index string, future bool) func(context.Context) error {
	return func(ctx context.Context) error {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		args := []string{"dev-index", "--source", src, "--config", cfg, "--index", index}
		if future {
			args = append(args, "--future")
		}
		name := exe
		if nice, err := exec.LookPath("nice"); err == nil {
			name, args = nice, append([]string{"-n", "10", exe}, args...)
		}
		cmd := exec.CommandContext(ctx, name, args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			msg := strings.TrimSpace(out.String())
			if len(msg) > 2000 {
				msg = msg[:2000] + " …"
			}
			return fmt.Errorf("%v: %s", err, msg)
		}
		return nil
	}
}

// cmdDevIndex builds the search index of what planportal dev shows (drafts included) and
// publishes it atomically. It is not listed in the usage: dev runs it.
func cmdDevIndex(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("dev-index", "dev-index --source DIR --config FILE --index DIR [--future]", stderr)
	o := siteFlags(fs)
	fs.BoolVar(&o.Future, "future", false, "index documents dated after today")
	if code := parse(args); code >= 0 {
		return code
	}
	*o = o.WithDefaults()
	cfg, res, err := build.Load(*o)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if len(res.Errors) > 0 {
		fmt.Fprintln(stderr, res.Errors)
		return 1
	}
	s := site.Build(cfg, res.Documents, site.Options{Drafts: true, Future: o.Future})
	release, err := publish.Lock(o.Index)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer release()
	st, err := publish.Stage(o.Index)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer st.Abort()
	if _, err := search.Build(st.Dir(), s.Documents); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := st.Commit(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
