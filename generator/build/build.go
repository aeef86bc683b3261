// Package build runs the pipeline: load the config and content, assemble the site, render it
// into a staging directory and publish it atomically. Nothing is published unless every step
// succeeded.
package build

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/internal/cputime"
	"github.com/planportal/planportal/generator/msg"
	"github.com/planportal/planportal/generator/publish"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/site"
)

// Options configure a build.
type Options struct {
	Source string // site directory holding content/, themes/ and config.toml
	Dest   string // output directory; default <Source>/public
	Config string // config file; default <Source>/config.toml
	Index  string // search index directory; default <Source>/search.bleve
	// NoIndex skips the search index (rendering only).
	NoIndex bool
	Drafts  bool // publish draft documents too
	// Future publishes documents dated after today; without it they are held back until
	// their date (the next build on or after it publishes them).
	Future bool
	// Force rebuilds even when no input changed since the last build.
	Force bool
	// Log receives warnings, progress and the summary line; nil discards them.
	Log io.Writer
	// ProgressAfter is how long a build runs before it reports progress; 0 means 2 s.
	ProgressAfter time.Duration
	// HeapLimit, if above 0, holds the process's memory from the end of analysis to the end of
	// the build to this many times the heap then live (at least 512 MiB, and never above a
	// limit already set): see limitHeap. The command sets it; the runtime's limit is the
	// process's, so a caller that builds while it serves (dev) leaves it 0.
	HeapLimit float64
	// MemoryLimit, if above 0, is the user's memory limit in bytes (build --memory-limit,
	// $PLANPORTAL_MEMORYLIMIT), in force from the end of analysis in place of HeapLimit's,
	// but never below what the build needs (1.5 times the heap then live: a warning says
	// when it was raised), nor above a limit already set ($GOMEMLIMIT). Without it, HeapLimit's
	// limit is at most a quarter of the machine's memory, as Hugo's default (see heapLimit).
	MemoryLimit int64
	// IndexGCPercent, if above 0, is the collector's GOGC while the index's shards are fed
	// (their records analysed and written as segments, most of the index's work): the heap
	// live then is mostly the site, held since load and marked again by every collection,
	// while the shards make and drop ten times its size. The setting before is put back once
	// the shards have their records. HeapLimit, if set, still holds the heap. The command
	// sets it; like HeapLimit the setting is the process's, so dev leaves it 0.
	IndexGCPercent int
	// RenderGCPercent, if above 0, is the collector's GOGC while the pages are made: the
	// heap live then is the site (content, analysis, lists), held since load and marked
	// again by every collection, while the render allocates about ten times its size in
	// short-lived page parts. The setting before is put back when the render ends.
	// HeapLimit, if set, still holds the heap. The command sets it; dev leaves it 0.
	RenderGCPercent int
}

// Result describes a finished build.
type Result struct {
	Documents int
	Records   int // search index records (items and documents)
	Pages     int64
	Bytes     int64
	Warnings  content.Errors
	Timings   Timings
	// UpToDate is set when nothing changed since the last build, which was kept as it is.
	UpToDate bool
	// BuildID names the published build; public/ and the index carry it (publish.ID).
	BuildID string
	// HeldBack are the documents dated after today, held back until their date (without
	// Options.Future), soonest first.
	HeldBack []HeldBack
}

// HeldBack is a document held back until its publication date.
type HeldBack struct {
	Path    string `json:"path"`    // content/plans/x.md
	Release string `json:"release"` // YYYY-MM-DD
}

// Timings split a build's time by stage.
type Timings struct {
	Load, Analyse, Render, Index, Publish, Total time.Duration
	// Minify is CPU time inside Render spent minifying, summed over workers.
	Minify time.Duration
	// Tag is the CPU time inside Analyse spent tagging documents' passages with themes, and
	// Targets that spent finding quantitative targets, each summed over the documents: the
	// CPU clock of the thread that did it (cputime.Call), to compare with the build's CPU
	// time. Where the system has no per-thread clock (Windows) they are wall time summed
	// over the workers, which also counts waiting for a core: TagClock says which.
	Tag, Targets time.Duration
	// TagClock is "thread CPU" when Tag and Targets are CPU time, "wall" otherwise.
	TagClock string
	// CPU is the process's CPU time (user and system, all threads: cputime.Process) in each
	// stage, to set beside its wall time: on a shared machine it varies less, and it shows
	// what the collector and the kernel's file work cost, which wall time hides behind the
	// cores. Zero where the system has no process clock. It is Stages.CPU().
	CPU StageCPU
	// Stages split each stage's CPU time into user and system time, and say what the
	// collector did in it (collections, its CPU time, the heap live at the stage's end).
	Stages StageCosts
	// MemoryLimit is the memory limit in force from the end of analysis (limitHeap; 0 when
	// the build set none), and LiveAfterAnalysis the heap live when it was chosen, after a
	// collection: the collector runs more often the nearer the heap comes to the limit.
	MemoryLimit, LiveAfterAnalysis int64
}

// StageCPU is the process's CPU time in each stage of a build (Timings.CPU). Render counts
// from the end of analysis, so it holds the collection limitHeap forces before the render.
type StageCPU struct {
	Load, Analyse, Render, Index, Publish time.Duration
}

// TagClock names the clock of Timings.Tag and Timings.Targets on this system.
func TagClock() string {
	if cputime.PerThread {
		return "thread CPU"
	}
	return "wall"
}

// ContentError is returned when the content or config is at fault (exit status 1), as opposed
// to an I/O or internal failure.
type ContentError struct{ Err error }

func (e *ContentError) Error() string { return e.Err.Error() }
func (e *ContentError) Unwrap() error { return e.Err }

// WithDefaults returns the options with every empty path filled in from Source (public/,
// config.toml, search.bleve/), so that callers agree on where things are.
func (o Options) WithDefaults() Options {
	o.defaults()
	return o
}

func (o *Options) defaults() {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Dest == "" {
		o.Dest = filepath.Join(o.Source, "public")
	}
	if o.Config == "" {
		o.Config = filepath.Join(o.Source, "config.toml")
	}
	if o.Index == "" {
		o.Index = filepath.Join(o.Source, "search.bleve")
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.ProgressAfter == 0 {
		o.ProgressAfter = 2 * time.Second
	}
}

// sources are the site's own files, which no output may replace, hold or lie inside.
func (o *Options) sources() []string {
	return []string{filepath.Join(o.Source, "content"), filepath.Join(o.Source, "themes"), o.Config}
}

// Load reads the config and all content, reporting every problem found together.
func Load(o Options) (*config.Config, *content.Result, error) {
	o.defaults()
	cfg, err := LoadConfig(o.Config)
	if err != nil {
		return nil, nil, err
	}
	res, err := NewLoader(cfg).LoadDir(o.Source)
	if err != nil {
		return nil, nil, err
	}
	return cfg, res, nil
}

// Run builds the site and publishes it to o.Dest.
func Run(o Options) (*Result, error) {
	o.defaults()
	// Warnings and the progress goroutine both write to the log.
	o.Log = &lockedWriter{w: o.Log}
	start := time.Now()
	m := newMeter()
	r := &Result{}
	// CPU is filled in from Stages however the build ends.
	defer func() { r.Timings.CPU = r.Timings.Stages.CPU() }()
	var stage atomic.Value
	stage.Store("loading content")
	var done atomic.Int64
	var total atomic.Int64
	stop := progress(o, &stage, &done, &total)
	defer stop()

	// Nothing changed since the last build: keep it. Hashing the inputs costs a fraction of
	// loading them.
	var digest string
	if c, err := config.Load(o.Config); err == nil {
		if digest, err = inputDigest(o, c.Theme); err == nil && !o.Force {
			if st, ok := upToDate(o, digest); ok {
				r.UpToDate = true
				r.BuildID = publish.ID(o.Dest)
				r.Documents, r.Pages, r.Records, r.Bytes = st.Documents, st.Pages, st.Records, st.Bytes
				r.HeldBack = st.HeldBack
				r.Timings.Total = time.Since(start)
				return r, nil
			}
		}
	}

	// Loading and analysis are held to the build's budget (earlyLimit): the heap live after
	// them, which the limit of the render and index is chosen from, is not known yet.
	var system int64
	if o.HeapLimit > 0 || o.MemoryLimit > 0 {
		system = SystemMemory() // /proc and cgroup files: not read when no limit is set
	}
	restoreEarly := setLimit(earlyLimit(o.HeapLimit, o.MemoryLimit, system))
	defer restoreEarly()
	// public/ and the index are published as one unit: both or neither, even if this build is
	// killed (the next build, or serve, completes or undoes what it began). The index comes
	// first, so that whoever follows public/ (serve) finds the matching index in place. Both
	// are locked, even with NoIndex, so that one build at a time settles or stages either.
	// Begin comes first of all: it refuses, before any work, outputs that would replace the
	// site's own files or anything else planportal did not make.
	tx, err := publish.BeginFrom(o.sources(), o.Index, o.Dest)
	if err != nil {
		return r, err
	}
	defer tx.Abort()

	cfg, res, err := Load(o)
	if err != nil {
		return nil, err
	}
	r.Warnings = res.Warnings
	for _, w := range res.Warnings {
		fmt.Fprintln(o.Log, msg.T("build.warning", w))
	}
	if len(res.Errors) > 0 {
		return r, &ContentError{res.Errors}
	}
	r.Timings.Load = time.Since(start)
	r.Timings.Stages.Load = m.lap()
	memPhase(o, "load")

	t := time.Now()
	s := site.Build(cfg, res.Documents, site.Options{Drafts: o.Drafts, Future: o.Future})
	r.Documents = len(s.Documents)
	for _, d := range s.Scheduled {
		r.HeldBack = append(r.HeldBack, HeldBack{Path: d.Path, Release: d.Meta.Published.String()})
	}
	r.Timings.Analyse = time.Since(t)
	r.Timings.Tag, r.Timings.TagClock = s.Tagging, TagClock()
	// What analysis found wrong in the text (a target with a value but no unit).
	for _, d := range s.Documents {
		r.Timings.Targets += s.Analysis(d).ExtractTime()
		for _, w := range s.Analysis(d).Problems() {
			r.Warnings = append(r.Warnings, w)
			fmt.Fprintln(o.Log, msg.T("build.warning", w))
		}
	}
	r.Timings.Stages.Analyse = m.lap()
	memPhase(o, "analyse")
	restoreEarly()
	restoreLimit, limit, live, raised := limitHeap(o.HeapLimit, minHeapLimit, o.MemoryLimit, system)
	defer restoreLimit()
	if o.HeapLimit > 0 || o.MemoryLimit > 0 {
		r.Timings.MemoryLimit, r.Timings.LiveAfterAnalysis = limit, live
	}
	if raised && o.MemoryLimit > 0 {
		fmt.Fprintln(o.Log, msg.T("build.warning", msg.T("build.memlimit.raised", MemorySize(o.MemoryLimit), MemorySize(live), MemorySize(limit))))
	} else if raised {
		fmt.Fprintln(o.Log, msg.T("build.warning", msg.T("build.memlimit.budget", MemorySize(memoryBudget(system)), MemorySize(live), MemorySize(limit))))
	}
	// Every output path has one owner: a document may not take a generated page's.
	if errs := render.Conflicts(s); len(errs) > 0 {
		return r, &ContentError{errs}
	}

	t = time.Now()
	rend, err := render.New(cfg, filepath.Join(o.Source, "themes", cfg.Theme))
	if err != nil {
		return r, &ContentError{err}
	}
	if rend.Fallback != nil {
		fmt.Fprintln(o.Log, msg.T("build.warning", rend.Fallback))
	}
	st, err := tx.Stage(o.Dest)
	if err != nil {
		return r, err
	}
	stage.Store("rendering")
	total.Store(int64(len(s.Documents)))
	restoreGC := setGC(o.RenderGCPercent)
	out := &recorder{Output: &render.DirOutput{Dir: st.Dir(), Prev: st.Previous()}}
	stats, err := rend.Render(s, out, func(n int) { done.Store(int64(n)) })
	restoreGC()
	if err != nil {
		return r, err
	}
	// The pages go to disk while the index is made, so that the flush Commit waits for
	// before the swap finds little left to write: the kernel would otherwise hold the whole
	// site (about 750 MB of dirty pages at 2,000 plans) until then.
	st.Flush()
	r.Pages, r.Bytes = stats.Pages, stats.Bytes
	r.Timings.Minify = stats.Minify
	r.Timings.Render = time.Since(t)
	r.Timings.Stages.Render = m.lap()
	if o.NoIndex {
		// The render was the documents' last reader.
		for _, d := range s.Documents {
			s.Release(d)
		}
	}
	memPhase(o, "render")

	var ist *publish.Staging
	if !o.NoIndex {
		t = time.Now()
		stage.Store("indexing")
		if ist, err = tx.Stage(o.Index); err != nil {
			return r, err
		}
		// The site is read for the last time by the index's shards: once each has all its
		// records, GOGC is set back (feedGC), before the shards write their segments and the
		// parts file.
		fed, restoreGC := feedGC(o.IndexGCPercent)
		fed = fedPhase(o, fed)
		// The index is the documents' last reader: the site lets each text go once the
		// index has it, and the index once its records are made.
		r.Records, err = indexDocs(ist.Dir(), s, s.Documents, bleveindex.Shards, 0, fed, true)
		restoreGC()
		if err != nil {
			return r, err
		}
		r.Timings.Index = time.Since(t)
		r.Timings.Stages.Index = m.lap()
		memPhase(o, "index")
	}

	t = time.Now()
	if err := clearStamp(o); err != nil {
		return r, err
	}
	if err := tx.Commit(); err != nil {
		return r, err
	}
	r.BuildID = tx.ID()
	files, err := outputFiles(o, out.names)
	var outs string
	if err == nil {
		outs, err = outputDigest(files)
	}
	if digest != "" && err == nil {
		// Not fatal: without a stamp the next build just does the work again.
		st := stamp{Outputs: outs, Files: strings.Join(files, "\n"), Digest: digest, Documents: r.Documents, Pages: r.Pages, Records: r.Records, Bytes: r.Bytes,
			HeldBack: r.HeldBack}
		if len(r.HeldBack) > 0 {
			st.Release = r.HeldBack[0].Release
		}
		_ = writeStamp(o, st)
	}
	r.Timings.Publish = time.Since(t)
	r.Timings.Stages.Publish = m.lap()
	r.Timings.Total = time.Since(start)
	return r, nil
}

// progress prints what the build is doing every two seconds once it has run for
// o.ProgressAfter; the returned func stops it and returns once it has stopped, so that
// nothing is written to o.Log after the build returns.
func progress(o Options, stage *atomic.Value, done, total *atomic.Int64) func() {
	quit := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		timer := time.NewTimer(o.ProgressAfter)
		defer timer.Stop()
		select {
		case <-quit:
			return
		case <-timer.C:
		}
		tick := time.NewTicker(2 * time.Second)
		defer tick.Stop()
		for {
			if n := total.Load(); n > 0 {
				fmt.Fprintf(o.Log, "… %s: %d pages\n", stage.Load(), done.Load())
			} else {
				fmt.Fprintf(o.Log, "… %s\n", stage.Load())
			}
			select {
			case <-quit:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(quit); <-stopped }
}

// lockedWriter serialises writes from several goroutines to one writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// IsContentError reports whether err is the content's fault (exit status 1).
func IsContentError(err error) bool {
	var ce *ContentError
	return errors.As(err, &ce)
}
