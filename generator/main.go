// Command planportal builds and serves a portal of government work plans from Markdown.
//
//	planportal build [--source DIR] [--dest DIR] [--config FILE] [--index DIR] [--drafts] [--future] [--no-index] [--force]
//	planportal serve [--addr 127.0.0.1:8080] [--index-poll 2s] [--source DIR] [--dest DIR] [--index DIR]
//	planportal dev [--addr 127.0.0.1:1313] [--poll DURATION] [--future] [--no-search] [--source DIR] [--config FILE]
//	planportal search [--json] [--limit N] [--page N] [--sort relevance|date] [--index DIR] QUERY
//	planportal check [--source DIR] [--config FILE]
//	planportal new [--source DIR] SECTION/NAME
//	planportal import FILE… [--out content/plans] [--force] [--name NAME]
//	planportal bench [--sizes 1000,5000] [--append BENCHMARKS.md]
//	planportal gencorpus --n N --out DIR [--seed S] [--source DIR]
//	planportal version
//
// Flags and arguments may come in any order; 'planportal <command> --help' lists a command's
// flags. Exit status: 0 ok, 1 content errors, 2 usage (an output directory build refuses to
// replace included).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/planportal/planportal/generator/bench"
	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/internal/cputime"
	"github.com/planportal/planportal/generator/msg"
	"github.com/planportal/planportal/generator/publish"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/server"
	"github.com/planportal/planportal/generator/urls"
)

// version is set at link time: -ldflags "-X main.version=…" (make build).
// A plain `go build` leaves it "dev"; buildVersion then reads the commit Go
// stamped into the binary, so a benchmark report names what it measured.
var version = "dev"

// buildVersion is the version a binary reports: the linked one when set,
// else the VCS revision Go recorded at build time (12 hex digits, "-dirty"
// when the working tree had changes), else "dev".
func buildVersion(linked string, info *debug.BuildInfo) string {
	if linked != "dev" || info == nil {
		return linked
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return linked
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return "dev-" + rev
}

const usage = `planportal builds and serves a portal of government work plans.

Usage:
  planportal <command> [flags]

Commands:
  build     build the site into public/ and the search index into search.bleve/
  serve     serve the built site and its search over HTTP
  dev       live preview: build in memory, serve, rebuild on every change, reload the browser
  search    query the built search index from the command line
  bench     measure builds and search on generated corpora (make bench)
  gencorpus write a generated corpus of N plans (for benchmarks)
  import    convert raw text (PDF extract, web page; UTF-8, GBK, UTF-16) into documents
  new       scaffold a document: planportal new plans/<name>
  check     validate all content without building (exit 1 on any problem)
  version   print the version

Run 'planportal <command> --help' for a command's flags.
`

func main() {
	info, _ := debug.ReadBuildInfo()
	version = buildVersion(version, info)
	os.Exit(profiled(func() int { return run(os.Args[1:], os.Stdout, os.Stderr) }))
}

// profiled runs f, writing a CPU profile to $PLANPORTAL_CPUPROFILE and a heap profile to
// $PLANPORTAL_MEMPROFILE when they are set (for `go tool pprof`; see BENCHMARKS.md), and
// with the latter two more, $PLANPORTAL_MEMPROFILE.peak, of the heap at its largest, and
// $PLANPORTAL_MEMPROFILE.peak.rss, of the heap when the process's resident memory was.
func profiled(f func() int) int {
	if path := os.Getenv("PLANPORTAL_CPUPROFILE"); path != "" {
		if out, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(out) == nil {
				defer func() { pprof.StopCPUProfile(); out.Close() }()
			}
		}
	}
	if path := os.Getenv("PLANPORTAL_MEMPROFILE"); path != "" {
		defer watchPeak(path + ".peak")()
	}
	code := f()
	if path := os.Getenv("PLANPORTAL_MEMPROFILE"); path != "" {
		if out, err := os.Create(path); err == nil {
			pprof.WriteHeapProfile(out)
			out.Close()
		}
	}
	return code
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
	case "search":
		return cmdSearch(args[1:], stdout, stderr)
	case "bench":
		return cmdBench(args[1:], stdout, stderr)
	case "gencorpus":
		return cmdGenCorpus(args[1:], stdout, stderr)
	case "import":
		return cmdImport(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "dev":
		return cmdDev(args[1:], stdout, stderr)
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

func siteFlags(fs *flag.FlagSet) *build.Options {
	o := &build.Options{}
	fs.StringVar(&o.Source, "source", ".", "site `directory` holding content/, themes/ and config.toml")
	fs.StringVar(&o.Dest, "dest", "", "output `directory` (default <source>/public)")
	fs.StringVar(&o.Config, "config", "", "config `file` (default <source>/config.toml)")
	fs.StringVar(&o.Index, "index", "", "search index `directory` (default <source>/search.bleve)")
	return o
}

// buildGCPercent is the garbage collector's GOGC for a build, unless $GOGC sets it: in
// force while the content is loaded and analysed (the render and the index set their own,
// renderGCPercent and indexGCPercent, under the memory limit chosen after analysis,
// buildHeapLimit). It was 50 when it held the whole build, before that limit existed, to
// keep the peak down (at 50 the 1,000-plan corpus peaked at 0.37 GB against 0.54-0.55 GB
// at 100). Loading's heap grows from nothing to the site, and at 50 it was collected
// 117-137 times at 5,000 plans and 419 at 20,000 (build --stats), each marking all that was
// loaded so far; at 100, 69 times (analysis 3 for 6), and loading and analysis took 10.7
// against 15.0 user CPU-s (one locked pair, the second run at a lower load). The peak is the
// render's or the index's, at the memory limit, not loading's (751 and 755 MB): a quarter of
// the machine's memory still holds loading and analysis (earlyLimit), and at 2x the heap live
// after analysis (at 5,000 plans 287 MiB) they stay under the render's limit (2.5x).
const buildGCPercent = 100

// buildHeapLimit is the build's soft memory limit as a multiple of the heap live after
// analysis (build.Options.HeapLimit), unless $GOMEMLIMIT sets one. At GOGC 50 alone the
// 5,000-plan build peaked at 1.07-1.19 GB resident at the end of its render for a live heap
// of about 560 MB, 1.5x the 370 MB live after analysis: the rest was the heap goal, free
// memory the runtime had not given back and garbage in partly used spans (issue 16).
const buildHeapLimit = 2.5

// indexGCPercent is the build's GOGC while the index's shards are fed (build.Options.
// IndexGCPercent), unless $GOGC is set. At 50 the collector ran about 90 times over the index
// phase of the 1,000-plan corpus, each time marking the whole site again for a few tens of
// MB of garbage; at 200 about 23 times, for 20-35% less CPU time (BenchmarkIndexCorpus,
// issue 16). The memory limit (buildHeapLimit) still holds the heap.
const indexGCPercent = 200

// renderGCPercent is the build's GOGC while the pages are made (build.Options.
// RenderGCPercent), unless $GOGC is set. At 50 the render ran 29 collections at 1,000 and
// at 5,000 plans alike, each marking the whole site again (at 5,000 plans ~430 MB live, 0.5 s
// of CPU a collection; 17 s of the render's 58 s of CPU were the collector's); at 100, 19,
// and mark assists fell from 6.3 to 2.2 s, the peak RSS 913 -> 919 MB (the render's heap
// goal, at most 779 MB, stayed under HeapLimit's limit, ~900 MB; issue 16).
const renderGCPercent = 100

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("build", "build [--source DIR] [--dest DIR] [--config FILE]", stderr)
	o := siteFlags(fs)
	fs.BoolVar(&o.Drafts, "drafts", false, "publish documents marked draft = true")
	fs.BoolVar(&o.Future, "future", false, "publish documents dated after today (held back until their date otherwise)")
	fs.BoolVar(&o.NoIndex, "no-index", false, "skip the search index (render pages only)")
	fs.BoolVar(&o.Force, "force", false, "rebuild even if no content, theme or config file changed since the last build")
	memLimit := fs.String("memory-limit", "", "the build's memory limit: GiB (4, 3.5) or with a unit (4GiB, 3500MiB), at least "+build.MemorySize(build.MinMemoryLimit)+"; default $PLANPORTAL_MEMORYLIMIT, else 2.5x the heap after analysis, at most "+build.MemorySize(build.DefaultMemoryBudget)+" or a quarter of the machine's memory where lower; never below 1.5x that heap")
	stats := fs.String("stats", "", "write the build's figures (counts, timings in ns, the process's CPU time in ns) as JSON to `file`")
	if code := parse(args); code >= 0 {
		return code
	}
	o.Log = stderr
	*o = o.WithDefaults()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(buildGCPercent)
		o.IndexGCPercent = indexGCPercent
		o.RenderGCPercent = renderGCPercent
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		o.HeapLimit = buildHeapLimit
	}
	limitFrom := "--memory-limit"
	if *memLimit == "" {
		*memLimit, limitFrom = os.Getenv("PLANPORTAL_MEMORYLIMIT"), "$PLANPORTAL_MEMORYLIMIT"
	}
	if *memLimit != "" {
		n, err := build.ParseMemory(*memLimit)
		if err != nil {
			fmt.Fprintf(stderr, "planportal build: %s: %v\n", limitFrom, err)
			return 2
		}
		o.MemoryLimit = n
	}
	res, err := build.Run(*o)
	if err != nil {
		return reportError(err, *o, stderr)
	}
	if *stats != "" {
		// cpu is the process's user and system CPU time so far: the build's, to set the
		// timings of work done on several threads (timings.Tag) beside.
		b, _ := json.Marshal(map[string]any{"documents": res.Documents, "pages": res.Pages, "records": res.Records,
			"bytes": res.Bytes, "timings": res.Timings, "cpu": cputime.Process()})
		if err := os.WriteFile(*stats, b, 0o644); err != nil {
			fmt.Fprintf(stderr, "planportal build: %v\n", err)
			return 1
		}
	}
	if res.UpToDate {
		fmt.Fprintln(stdout, msg.T("build.uptodate", res.Documents, res.Timings.Total.Round(time.Millisecond), o.Dest))
	} else {
		index := ""
		if !o.NoIndex {
			index = msg.T("build.records", res.Records)
		}
		fmt.Fprintln(stdout, msg.T("build.built", res.Documents, res.Pages, float64(res.Bytes)/1e6, index, res.Timings.Total.Round(time.Millisecond), o.Dest))
	}
	printHeldBack(stdout, res.HeldBack)
	return 0
}

// printHeldBack lists the documents a build held back as dated after today, so that none is
// left out unnoticed.
func printHeldBack(w io.Writer, held []build.HeldBack) {
	for _, h := range held {
		fmt.Fprintln(w, msg.T("build.held", h.Release, h.Path))
	}
}

// reportError prints a failed build's problems; content errors are already "file:line: …".
// An output directory the build refused to replace is a usage error (exit status 2), named by
// its flag.
func reportError(err error, o build.Options, stderr io.Writer) int {
	var refused *publish.RefusedError
	if errors.As(err, &refused) {
		flag := "--index"
		if refused.Dest == o.Dest {
			flag = "--dest"
		}
		fmt.Fprintf(stderr, "planportal build: %s %s\n", flag, refused)
		fmt.Fprintln(stderr, msg.T("build.failed"))
		return 2
	}
	if build.IsContentError(err) {
		fmt.Fprintln(stderr, err)
	} else {
		fmt.Fprintf(stderr, "planportal build: %v\n", err)
	}
	fmt.Fprintln(stderr, msg.T("build.failed"))
	return 1
}

// keepAnswers is serve's --keep-answers.
var keepAnswers = true

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("serve", "serve [--addr 127.0.0.1:8080] [--access-log FILE] [--index-poll 2s] [--source DIR] [--dest DIR] [--index DIR]", stderr)
	o := siteFlags(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on")
	accessLog := fs.String("access-log", "", "write a Common Log Format line per request to `FILE` (- for stderr; off by default)")
	fs.DurationVar(&indexPoll, "index-poll", indexPoll, "how often to look for a rebuilt search index (0: only on SIGHUP)")
	fs.BoolVar(&keepAnswers, "keep-answers", keepAnswers, "answer a repeated search from the answers kept for the index (false: search every time, as make bench does to time searches)")
	if code := parse(args); code >= 0 {
		return code
	}
	o.Log = stderr
	*o = o.WithDefaults()
	dest := o.Dest
	if err := server.CheckRoot(dest); err != nil {
		fmt.Fprintln(stderr, "planportal serve: "+msg.T("serve.nosite", dest))
		return 1
	}
	mux, closeIndex, err := newMux(*o, dest, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "planportal serve: %v\n", err)
		return 1
	}
	defer closeIndex()
	var handler http.Handler = mux
	switch *accessLog {
	case "":
	case "-":
		handler = server.AccessLog(stderr, mux)
	default:
		f, err := os.OpenFile(*accessLog, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			fmt.Fprintln(stderr, "planportal serve: "+msg.T("serve.accesslog", err))
			return 1
		}
		defer f.Close()
		handler = server.AccessLog(f, mux)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "planportal serve: %v\n", err)
		return 1
	}
	warnExposed(stderr, *addr, ln)
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 60 * time.Second, MaxHeaderBytes: 16 << 10}
	fmt.Fprintln(stdout, msg.T("serve.serving", dest, ln.Addr()))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, "serve", srv, ln, 5*time.Second, stderr)
}

// warnExposed warns, in the officer's language, when --addr lets other machines connect.
func warnExposed(stderr io.Writer, addr string, ln net.Listener) {
	if server.BeyondLoopback(addr) {
		fmt.Fprintln(stderr, msg.T("serve.exposed", ln.Addr()))
	}
}

// serveUntil serves hs on ln until ctx ends (Ctrl-C, SIGTERM), then lets the requests in
// flight finish for up to grace. It returns the exit status.
func serveUntil(ctx context.Context, cmd string, hs *http.Server, ln net.Listener, grace time.Duration, stderr io.Writer) int {
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "planportal %s: %v\n", cmd, err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	_ = hs.Shutdown(shutdown)
	return 0
}

// indexPoll is how often serve looks for a rebuilt search index.
var indexPoll = 2 * time.Second

// newMux wires the static site and the search endpoints. A missing index is a warning: the
// site is served and search answers 503 until a build writes one.
func newMux(o build.Options, dest string, stderr io.Writer) (*http.ServeMux, func(), error) {
	o = o.WithDefaults()
	cfg, err := config.Load(o.Config)
	if err != nil {
		return nil, nil, err
	}
	rend, err := render.New(cfg, filepath.Join(o.Source, "themes", cfg.Theme))
	if err != nil {
		return nil, nil, err
	}
	sh := &server.Search{Renderer: rend, Timeout: 10 * time.Second, NoKeep: !keepAnswers}
	// The index follows rebuilds: a new build swaps search.bleve/ and then the site, and serve
	// opens the new index, only ever one of the same build as the site.
	live := server.OpenSiteIndex(dest, o.Index, bleveindex.Opener, search.NewSynonyms(cfg.Search.Synonyms),
		func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) })
	ctx, cancel := context.WithCancel(context.Background())
	// The index is looked at every indexPoll, and at once on SIGHUP, for deployments that swap
	// a new one into place and would rather not wait for the next poll.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go live.Follow(ctx, indexPoll, hup, func() { fmt.Fprintf(stderr, "search index %s: SIGHUP: unchanged\n", o.Index) })
	sh.Index = live
	closeIndex := func() { signal.Stop(hup); cancel(); live.Close() }
	mux := http.NewServeMux()
	mux.HandleFunc(urls.API, sh.API)
	static := &server.Static{Root: dest}
	mux.HandleFunc(urls.Search, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != urls.Search {
			static.ServeHTTP(w, r) // the 404 page
			return
		}
		sh.Page(w, r)
	})
	mux.Handle("/", static)
	return mux, closeIndex, nil
}

func cmdSearch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("search", "search [--json] [--limit N] [--index DIR] QUERY", stderr)
	o := siteFlags(fs)
	asJSON := fs.Bool("json", false, "print the JSON the /api/search endpoint returns")
	limit := fs.Int("limit", 20, "number of hits to show (at most 100)")
	page := fs.Int("page", 1, "page of results, from 1")
	sortBy := fs.String("sort", "relevance", "order: relevance or date")
	// A word that starts with - but is not a flag (-精神卫生) is an exclusion in the query.
	words, code := parseArgs(fs, args, true)
	if code >= 0 {
		return code
	}
	q := strings.Join(words, " ")
	if strings.TrimSpace(q) == "" {
		fmt.Fprintln(stderr, "planportal search: give a query, e.g. planportal search 儿科")
		return 2
	}
	*o = o.WithDefaults()
	cfg, err := config.Load(o.Config)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	ix, err := bleveindex.Open(o.Index, search.NewSynonyms(cfg.Search.Synonyms))
	if err != nil {
		fmt.Fprintf(stderr, "planportal search: %v (run 'planportal build' first)\n", err)
		return 1
	}
	defer ix.Close()
	resp, err := ix.Search(context.Background(), search.Request{Q: q, Size: *limit, Page: *page, Sort: *sortBy})
	if err != nil {
		fmt.Fprintf(stderr, "planportal search: %v\n", err)
		if search.IsRequestError(err) {
			return 2
		}
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		_ = enc.Encode(resp)
		return 0
	}
	fmt.Fprintf(stdout, "%d hits for %q (%.1f ms)\n", resp.Total, resp.Query, resp.TookMS)
	for i, h := range resp.Hits {
		where := h.Title
		if h.Item != "" {
			where += " · 第" + h.Item + "条"
		}
		fmt.Fprintf(stdout, "\n%d. %s\n   %s  %s  %s\n   %s\n", (resp.Page-1)*resp.Size+i+1, where, h.Agency, h.Published, h.URL, plainSnippet(string(h.Snippet)))
	}
	return 0
}

// plainSnippet shows a snippet in a terminal: matches in 【】, entities decoded.
func plainSnippet(s string) string {
	s = strings.NewReplacer("<mark>", "【", "</mark>", "】").Replace(s)
	return html.UnescapeString(s)
}

func cmdGenCorpus(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("gencorpus", "gencorpus --n N --out DIR [--seed S] [--source DIR]", stderr)
	src := fs.String("source", ".", "site `directory` whose content the plans are assembled from")
	out := fs.String("out", "", "`directory` to create the corpus site in (content/, config.toml, themes/)")
	n := fs.Int("n", 1000, "number of plans")
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same corpus")
	if code := parse(args); code >= 0 {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "planportal gencorpus: --out is required")
		return 2
	}
	if err := bench.GenerateSite(*src, *out, *n, *seed); err != nil {
		fmt.Fprintf(stderr, "planportal gencorpus: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d plans to %s\n", *n, *out)
	return 0
}

func cmdBench(args []string, stdout, stderr io.Writer) int {
	fs, parse := flags("bench", "bench [--sizes 1000,5000] [--append BENCHMARKS.md]", stderr)
	sizes := fs.String("sizes", "1000,5000", "comma-separated corpus sizes in plans")
	appendTo := fs.String("append", "", "append the report to this Markdown `file` (e.g. BENCHMARKS.md)")
	clients := fs.Int("clients", 8, "concurrent HTTP clients for the search load")
	requests := fs.Int("requests", 2000, "search requests per corpus")
	seed := fs.Int64("seed", 1, "corpus seed")
	root := fs.String("source", ".", "repository `directory` (bundled content, config, theme)")
	devEdits := fs.Int("dev-edits", 7, "one-document edits to time the live preview (planportal dev) on, per corpus (0: none)")
	devOnly := fs.Bool("dev-only", false, "measure only the live preview's edit latency")
	soak := fs.Duration("soak", 60*time.Second, "each phase of the load test of serve (quiet, then rebuilding): its duration (0: none)")
	soakClients := fs.Int("soak-clients", 200, "concurrent clients of the load test")
	soakOnly := fs.Bool("soak-only", false, "run only the load test")
	tools := fs.String("tools", filepath.Join("bin", "tools"), "`directory` of the pinned peers to compare with (hugo, node_modules/.bin/pagefind; make bench-tools), else found on PATH")
	onlyList := fs.String("only", "all", "the `measurements` to make on each corpus, comma-separated, of "+strings.Join(bench.Phases, ",")+" (the full build always runs; e.g. full,search for the 50,000-plan run)")
	if code := parse(args); code >= 0 {
		return code
	}
	only, err := bench.ParseOnly(*onlyList)
	if err != nil {
		fmt.Fprintf(stderr, "planportal bench: --only: %v\n", err)
		return 2
	}
	var ns []int
	for _, f := range strings.Split(*sizes, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(f), &n); err != nil || n < 1 {
			fmt.Fprintf(stderr, "planportal bench: bad size %q\n", f)
			return 2
		}
		ns = append(ns, n)
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	work, err := os.MkdirTemp("", "planportal-bench-")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer os.RemoveAll(work)
	o := bench.Options{Bin: self, Root: *root, Sizes: ns, Seed: *seed, Clients: *clients, Requests: *requests,
		WorkDir: work, Log: stderr, DevEdits: *devEdits, DevOnly: *devOnly, Soak: *soak, SoakClients: *soakClients, Only: only}
	if !*soakOnly && !*devOnly && (only == nil || only["peers"]) {
		o.Peers = bench.FindPeers(*tools)
		for _, n := range o.Peers.Notes {
			fmt.Fprintf(stderr, "bench: %s\n", n)
		}
	}
	var results []*bench.Result
	var failed error
	if !*soakOnly {
		// A failure reports what was measured before it (and is appended), then exits 1.
		if results, failed = bench.RunAll(o); failed != nil {
			fmt.Fprintf(stderr, "planportal bench: %v\n", failed)
			if len(results) == 0 {
				return 1
			}
		}
	}
	report := bench.Report(results, version, "planportal bench "+strings.Join(args, " "), o.Peers)
	if failed != nil {
		report += fmt.Sprintf("\n基准运行未完成 (the run did not finish): %v\n", failed)
	}
	if *soak > 0 && !*devOnly && failed == nil {
		s, err := bench.RunSoak(o)
		if err != nil {
			fmt.Fprintf(stderr, "planportal bench: %v\n", err)
			return 1
		}
		report += s.Report()
	}
	fmt.Fprint(stdout, report)
	if *appendTo != "" {
		f, err := os.OpenFile(*appendTo, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer f.Close()
		if _, err := f.WriteString(report); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	if failed != nil {
		return 1
	}
	return 0
}
