package main

import (
	"context"
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
	"github.com/planportal/planportal/generator/devserver"
	"github.com/planportal/planportal/generator/msg"
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
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "planportal dev: %v\n", err)
		return 1
	}
	warnExposed(stderr, *addr, ln)
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
	how := msg.T("dev.how.events")
	if *poll > 0 {
		how = msg.T("dev.how.poll", poll.String())
	}
	fmt.Fprintln(stdout, msg.T("dev.previewing", o.Source, ln.Addr(), filepath.Base(o.Config), how))
	return serveUntil(ctx, "dev", hs, ln, 3*time.Second, stderr)
}
