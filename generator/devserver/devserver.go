// Package devserver is planportal's live preview: it keeps the site in memory, rebuilds it
// when a source changes, serves it over HTTP, and tells open browsers to reload.
//
// The loaded documents stay in memory; a change re-parses only the files that changed
// (compared by content hash, so an editor's save of identical bytes is no change), and the
// site graph is rebuilt with a cache of every other document's analysis (about 0.1 s for
// 5,000 plans). Pages are rendered when a browser asks for them and kept until the next
// rebuild; the changed documents' pages (up to 20) are rendered at once, as the check that
// the new site renders. A config change reloads everything, a theme change the renderer.
//
// A failed rebuild changes nothing that is served: the last good site stays, and every page
// carries an overlay listing the problems (file:line: field: message) until they are fixed.
//
// The search index is rebuilt in the background after a change, from the site being served
// (the same analysis, the same synonyms: build.Index, as planportal build does), and swapped
// in when complete; search answers from the previous index meanwhile. Pages never wait for it.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/msg"
	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/search/engine"
	"github.com/planportal/planportal/generator/server"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
	"github.com/planportal/planportal/generator/watch"
)

// Options configure a live preview.
type Options struct {
	Source string // site directory holding content/, themes/ and config.toml
	Config string // config file; default <Source>/config.toml
	// Future shows documents dated after today; drafts are always shown.
	Future bool
	// Index is a directory of the preview's own (a temporary one) that the search index is
	// built in, each version in a directory of its own; empty turns search off.
	Index string
	// Log receives one line per rebuild and the problems found; nil discards it.
	Log io.Writer
}

// Server is a running live preview.
type Server struct {
	o                              Options
	src, contentDir, themesDir, cf string // absolute

	mu       sync.Mutex // serialises rebuilds; guards the fields below
	cfg      *config.Config
	cfgErr   error
	loader   *content.Loader
	rend     *render.Renderer
	themeErr error
	loaded   *content.Result // the content as last read (nil until the config loads)
	loadErr  error           // an I/O error reading it
	cache    *site.Cache

	cur      atomic.Pointer[state]
	status   atomic.Pointer[Status]
	rebuilds atomic.Int64
	hub      hub

	live       *search.Live
	indexReady atomic.Bool
	indexDirty chan struct{}
	// indexVersion numbers the index builds, and base is the last full one (read and written
	// by indexLoop alone); fullIndexes and patches count the full builds and the patches.
	indexVersion         int
	base                 *baseIndex
	fullIndexes, patches atomic.Int64
	stop                 context.CancelFunc
	bg                   sync.WaitGroup
}

// state is one successful build: immutable, but for its cache of rendered pages.
type state struct {
	site   *site.Site
	rend   *render.Renderer
	files  map[string]render.File
	pages  sync.Map // file name → []byte
	search *server.Search
	drafts map[string]bool // the file names of drafts' pages, marked 草稿 in the preview
}

// Status is what browsers are told: a version that changes with every new build or change
// of problems, and the problems (empty after a good build).
type Status struct {
	Version  uint64
	Problems []string
}

// New loads the site and starts the background work (the search index). Problems in the
// content are not an error: they show in the browser until fixed.
func New(o Options) (*Server, error) {
	src, err := filepath.Abs(o.Source)
	if err != nil {
		return nil, err
	}
	if o.Config == "" {
		o.Config = filepath.Join(src, "config.toml")
	}
	cf, err := filepath.Abs(o.Config)
	if err != nil {
		return nil, err
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	s := &Server{o: o, src: src, contentDir: filepath.Join(src, "content"), themesDir: filepath.Join(src, "themes"), cf: cf,
		cache: site.NewCache(), indexDirty: make(chan struct{}, 1)}
	s.status.Store(&Status{})
	s.hub.init()
	ctx, cancel := context.WithCancel(context.Background())
	s.stop = cancel
	if o.Index != "" {
		// indexLoop gives it each index it builds or patches (Replace).
		s.live = search.NewLive(o.Index, nil, bleveindex.Opener)
		s.bg.Add(1)
		go func() { defer s.bg.Done(); s.indexLoop(ctx) }()
	}
	start := time.Now()
	s.Apply(watch.Batch{Overflow: true})
	if st := s.cur.Load(); st != nil {
		fmt.Fprintln(o.Log, msg.T("dev.loaded", len(st.site.Documents), time.Since(start).Round(time.Millisecond)))
	}
	return s, nil
}

// Close stops the background work and ends the browsers' event streams.
func (s *Server) Close() {
	s.stop()
	s.hub.close()
	s.bg.Wait()
	if s.live != nil {
		s.live.Close()
	}
}

// Run applies the watcher's batches until ctx ends or the channel closes.
func (s *Server) Run(ctx context.Context, batches <-chan watch.Batch) {
	for {
		select {
		case <-ctx.Done():
			return
		case b, ok := <-batches:
			if !ok {
				return
			}
			s.Apply(b)
		}
	}
}

// Rebuilds counts the builds made (the first one included).
func (s *Server) Rebuilds() int64 { return s.rebuilds.Load() }

// Apply rebuilds what a batch of changed paths affects. Overflow (or the first call)
// reloads everything.
func (s *Server) Apply(b watch.Batch) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	full := b.Overflow || s.cfg == nil
	theme := false
	var contentPaths []string
	for _, p := range b.Paths {
		switch {
		case p == s.cf:
			full = true
		case within(p, s.themesDir):
			theme = true
		case within(p, s.contentDir):
			contentPaths = append(contentPaths, p)
		}
	}
	var changed []string
	if full {
		if s.cfg, s.cfgErr = build.LoadConfig(s.cf); s.cfgErr != nil {
			s.problems(nil)
			return
		}
		s.loader = build.NewLoader(s.cfg)
		s.loaded = nil // everything is read again
		theme = true
	}
	if s.cfgErr != nil {
		return // nothing can be built until the config is fixed, which brings a full reload
	}
	if theme {
		s.rend, s.themeErr = render.New(s.cfg, filepath.Join(s.src, "themes", s.cfg.Theme))
	}
	if res, ch, err := s.loader.Reload(s.loaded, s.src, contentPaths); err != nil {
		// A file could not be read: read everything again next time, so that a file whose
		// read failed is not taken for unchanged.
		s.loadErr, s.loaded = err, nil
	} else {
		s.loaded, s.loadErr, changed = res, nil, ch
	}
	if !full && !theme && len(changed) == 0 && s.loadErr == nil {
		return // junk, or bytes identical to what was loaded
	}
	parsed := time.Since(start)
	if s.themeErr != nil || s.loadErr != nil || s.loaded == nil || len(s.loaded.Errors) > 0 {
		s.problems(changed)
		return
	}
	st, timings, err := s.assemble(changed, full || theme)
	if err != nil {
		extra := []error{err}
		if errs := (content.Errors)(nil); errors.As(err, &errs) {
			extra = extra[:0]
			for _, d := range errs {
				extra = append(extra, d)
			}
		}
		s.problems(changed, extra...)
		return
	}
	s.cur.Store(st)
	s.rebuilds.Add(1)
	s.setStatus(nil)
	what := msg.T("dev.what.changed", len(changed))
	if len(changed) == 1 {
		what = changed[0]
	}
	if full {
		what = msg.T("dev.what.all")
	} else if theme {
		what = msg.T("dev.what.theme")
	}
	fmt.Fprintln(s.o.Log, msg.T("dev.rebuilt", what, time.Since(start).Round(time.Millisecond), parsed.Round(time.Millisecond),
		timings[0].Round(time.Millisecond), timings[1].Round(time.Millisecond)))
	if full || len(changed) > 0 {
		s.markIndexDirty()
	}
}

func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// problems publishes the current problems (config, theme, content, and extra), keeping the
// last good site.
func (s *Server) problems(changed []string, extra ...error) {
	var list []string
	if s.cfgErr != nil {
		list = append(list, s.cfgErr.Error())
	}
	if s.themeErr != nil {
		list = append(list, msg.T("dev.theme", s.themeErr))
	}
	if s.loadErr != nil {
		list = append(list, s.loadErr.Error())
	}
	if s.loaded != nil {
		for _, d := range s.loaded.Errors {
			list = append(list, d.Error())
		}
	}
	for _, e := range extra {
		list = append(list, e.Error())
	}
	say := msg.T("dev.log.failed")
	if s.cur.Load() == nil {
		say = msg.T("dev.log.nosite")
	}
	fmt.Fprintf(s.o.Log, "%s\n  %s\n", say, strings.Join(list, "\n  "))
	s.setStatus(list)
}

func (s *Server) setStatus(problems []string) {
	old := s.status.Load()
	st := &Status{Version: old.Version + 1, Problems: problems}
	s.status.Store(st)
	s.hub.send(fmt.Sprintf("event: reload\ndata: %d\n\n", st.Version))
}

// assemble builds the site graph and its file table, and renders the changed documents'
// pages (and, after a theme or config change, a page of each kind) as the check that the
// new site renders before it replaces the old one.
func (s *Server) assemble(changed []string, sample bool) (*state, [2]time.Duration, error) {
	var tm [2]time.Duration
	t := time.Now()
	sg := site.Build(s.cfg, s.loaded.Documents, site.Options{Drafts: true, Future: s.o.Future, Cache: s.cache})
	files, conflicts := s.rend.Files(sg)
	if len(conflicts) > 0 {
		// A document would replace a generated page: build and check refuse it, and so
		// does the preview, naming the file.
		return nil, tm, conflicts
	}
	st := &state{site: sg, rend: s.rend, files: files, drafts: map[string]bool{}}
	for _, d := range sg.Documents {
		if d.Meta.Draft {
			st.drafts[urls.File(d.URL)] = true
		}
	}
	if s.live != nil {
		st.search = &server.Search{Index: s.live, Renderer: s.rend, Timeout: 10 * time.Second}
	}
	tm[0] = time.Since(t)
	t = time.Now()
	// The changed documents' pages, the ones a browser is about to ask for; a few of them:
	// after a first load or a git checkout, the rest render when asked for.
	var pages []string
	if !sample && len(changed) > 0 {
		byPath := make(map[string]*content.Document, len(s.loaded.Documents))
		for _, d := range s.loaded.Documents {
			byPath[d.Path] = d
		}
		for _, rel := range changed[:min(len(changed), prerenderMax)] {
			if d := byPath[rel]; d != nil {
				pages = append(pages, d.URL)
			}
		}
	}
	if sample {
		pages = append(pages, urls.Home, urls.NotFound, urls.Themes, urls.Agencies, urls.Regions, urls.Years)
		if len(sg.Documents) > 0 {
			pages = append(pages, sg.Documents[0].URL)
		}
		for _, gs := range [][]*site.Group{sg.Sections, sg.Agencies, sg.Regions, sg.Years} {
			if len(gs) > 0 {
				pages = append(pages, gs[0].URL)
			}
		}
		if len(sg.Themes) > 0 {
			pages = append(pages, sg.Themes[0].URL)
		}
	}
	for _, u := range pages {
		name := urls.File(u)
		if _, ok := st.files[name]; !ok {
			continue // a draft held back, or a layout the theme does not have
		}
		if _, err := st.page(name); err != nil {
			return nil, tm, fmt.Errorf("render %s: %w", u, err)
		}
	}
	tm[1] = time.Since(t)
	return st, tm, nil
}

// prerenderMax is how many changed documents' pages a rebuild renders before it is served.
const prerenderMax = 20

// page renders a file once per build.
func (st *state) page(name string) ([]byte, error) {
	if b, ok := st.pages.Load(name); ok {
		return b.([]byte), nil
	}
	f, ok := st.files[name]
	if !ok {
		return nil, fs.ErrNotExist
	}
	b, err := f()
	if err != nil {
		return nil, err
	}
	st.pages.Store(name, b)
	return b, nil
}

// markIndexDirty asks for a rebuild of the search index.
func (s *Server) markIndexDirty() {
	if s.live == nil {
		return
	}
	select {
	case s.indexDirty <- struct{}{}:
	default:
	}
}

// indexLoop brings the search index up to date whenever asked, one update at a time:
// changes made while one runs bring one more after it.
func (s *Server) indexLoop(ctx context.Context) {
	defer func() {
		if s.base != nil {
			s.base.ix.Close()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.indexDirty:
		}
		start := time.Now()
		how, err := s.updateIndex()
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			fmt.Fprintln(s.o.Log, msg.T("dev.index.failed", strings.TrimSpace(err.Error())))
			continue
		}
		if how == "" {
			continue
		}
		s.indexReady.Store(true)
		fmt.Fprintln(s.o.Log, msg.T("dev.index.done", how, time.Since(start).Round(time.Millisecond)))
		s.hub.send("event: index\ndata: 1\n\n")
	}
}

// baseIndex is the last full index and the documents it was built from.
type baseIndex struct {
	ix   *engine.Index // a handle of the preview's own; search answers from others
	dir  string
	cfg  *config.Config
	docs map[string]*content.Document // by path
}

// patchMax is how many documents edited since the last full index are indexed apart and
// patched over it (milliseconds); beyond it, or after a change of config, the whole index is
// built again.
const patchMax = 100

// updateIndex brings search up to date with the site being served: it indexes the documents
// edited, added or removed since the last full index and patches it with them, or, the first
// time, after many edits or a change of config, builds the whole index again. Each index is
// built in a directory of its own under Options.Index (Windows cannot replace a directory
// whose index is open); those no longer used are removed. It says what it did ("" nothing).
func (s *Server) updateIndex() (string, error) {
	st := s.cur.Load()
	if st == nil {
		return "", nil
	}
	var edited []*content.Document
	var replaced []string
	full := s.base == nil || s.base.cfg != st.site.Config
	if !full {
		seen := make(map[string]bool, len(st.site.Documents))
		for _, d := range st.site.Documents {
			seen[d.Path] = true
			// The loader gives an unchanged document as the same value (content.Reload).
			if old := s.base.docs[d.Path]; old != d {
				edited = append(edited, d)
				replaced = append(replaced, d.URL)
				if old != nil && old.URL != d.URL {
					replaced = append(replaced, old.URL)
				}
			}
		}
		for p, d := range s.base.docs {
			if !seen[p] {
				replaced = append(replaced, d.URL)
			}
		}
		full = len(replaced) > patchMax
	}
	s.indexVersion++
	if full {
		dir := filepath.Join(s.o.Index, fmt.Sprintf("v%d", s.indexVersion))
		if _, err := build.Index(dir, st.site, 1); err != nil {
			_ = os.RemoveAll(dir)
			return "", err
		}
		ix, err := bleveindex.Open(dir, nil) // expanded by the synonyms it was built with: the config's
		if err != nil {
			_ = os.RemoveAll(dir)
			return "", err
		}
		old := s.base
		s.base = &baseIndex{ix: ix, dir: dir, cfg: st.site.Config, docs: make(map[string]*content.Document, len(st.site.Documents))}
		for _, d := range st.site.Documents {
			s.base.docs[d.Path] = d
		}
		s.live.Replace(ix.Share())
		if old != nil {
			old.ix.Close() // its segments close with the last search using them
		}
		s.fullIndexes.Add(1)
		s.removeIndexes(dir)
		return msg.T("dev.index.built"), nil
	}
	var ix search.Index
	dir := ""
	if len(replaced) == 0 {
		ix = s.base.ix.Share() // every edit since the full index was undone
	} else {
		dir = filepath.Join(s.o.Index, fmt.Sprintf("o%d", s.indexVersion))
		_, err := build.IndexDocs(dir, st.site, edited, 1, 1)
		if err == nil {
			ix, err = bleveindex.Patch(s.base.ix, dir, replaced)
		}
		if err != nil {
			_ = os.RemoveAll(dir)
			return "", err
		}
	}
	s.live.Replace(ix)
	s.patches.Add(1)
	s.removeIndexes(s.base.dir, dir)
	return msg.T("dev.index.patched", len(replaced)), nil
}

// removeIndexes removes the index directories under Options.Index but those in use. One
// still open, as a replaced index is until its last search ends, is removed after a later
// update (Windows cannot remove it before).
func (s *Server) removeIndexes(keep ...string) {
	entries, _ := os.ReadDir(s.o.Index)
	for _, e := range entries {
		p := filepath.Join(s.o.Index, e.Name())
		if !slices.Contains(keep, p) {
			_ = os.RemoveAll(p)
		}
	}
}
