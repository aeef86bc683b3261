// Package devserver is planportal's live preview: it keeps the site in memory, rebuilds it
// when a source changes, serves it over HTTP, and tells open browsers to reload.
//
// The loaded documents stay in memory; a change re-parses only the files that changed
// (compared by content hash, so an editor's save of identical bytes is no change). An edit
// of documents in place (the same files, URLs and places in the listings) is served at once
// from a quick state: the last full build with the edited documents swapped in (site.Patch)
// and their pages rendered, the rest of the site served as it was. The full site (the site
// graph with a cache of every other document's analysis, and its file table: 1 to 4 s at
// 5,000 plans) is then rebuilt in the background and replaces the quick state when done,
// with the edits that came meanwhile patched over it, so that the latest content always wins
// and listings, theme, unit and indicator pages catch up within one full build. Any other
// change (a document added, removed or moved, a config or theme change) is built in full
// before it is served. Pages are rendered when a browser asks for them and kept until the
// next rebuild; the changed documents' pages (up to 20) are rendered at once, as the check
// that the new site renders. A config change reloads everything, a theme change the renderer.
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
	// buildMu serialises full builds (they share cache): Apply's and the background's.
	buildMu sync.Mutex
	cache   *site.Cache

	cur      atomic.Pointer[state]
	status   atomic.Pointer[Status]
	rebuilds atomic.Int64
	// fullBuilds counts the full builds of the site (site.Build and its file table) served,
	// quicks the edits served from a quick state.
	fullBuilds, quicks atomic.Int64
	// fullDirty asks the background for a full build of the quick state being served.
	fullDirty chan struct{}
	hub       hub

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

// state is one successful build: immutable, but for its cache of rendered pages. A full
// state is a build of the whole site; a quick one (base set) is a full state's site with
// documents edited in place swapped in (site.Patch): it renders their files itself (own) and
// serves every other file as its base does, from the same cache of rendered pages.
type state struct {
	site   *site.Site
	rend   *render.Renderer
	files  map[string]render.File
	pages  sync.Map // file name → []byte
	search *server.Search
	drafts map[string]bool // the file names of drafts' pages, marked 草稿 in the preview
	// docs are the loaded documents it was built from (content.Result.Documents).
	docs []*content.Document
	// base is the full state a quick state patches; own its files that differ from base's,
	// and changed the paths of the documents it swapped in.
	base    *state
	own     map[string]render.File
	changed []string
}

// file is the file of the site with the name.
func (st *state) file(name string) (render.File, bool) {
	if st.base != nil {
		if f, ok := st.own[name]; ok {
			return f, true
		}
		return st.base.file(name)
	}
	f, ok := st.files[name]
	return f, ok
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
		cache: site.NewCache(), indexDirty: make(chan struct{}, 1), fullDirty: make(chan struct{}, 1)}
	s.status.Store(&Status{})
	s.hub.init()
	ctx, cancel := context.WithCancel(context.Background())
	s.stop = cancel
	s.bg.Add(1)
	go func() { defer s.bg.Done(); s.fullLoop(ctx) }()
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

// Rebuilds counts the states served (the first build included): the full builds and the
// quick states of edits.
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
		if s.rend != nil && s.rend.Fallback != nil {
			fmt.Fprintln(s.o.Log, msg.T("build.warning", s.rend.Fallback))
		}
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
	if !full && !theme {
		// Documents edited in place: served at once, the full site built in the background.
		t := time.Now()
		if cur := s.cur.Load(); cur != nil && cur.rend == s.rend && cur.site.Config == s.cfg {
			if st, ok := s.quick(cur, s.loaded.Documents); ok {
				// Counted before it is served, so that whoever sees the page sees the count.
				s.quicks.Add(1)
				s.serve(st)
				s.setStatus(nil)
				fmt.Fprintln(s.o.Log, msg.T("dev.quick", describe(changed), time.Since(start).Round(time.Millisecond),
					parsed.Round(time.Millisecond), time.Since(t).Round(time.Millisecond)))
				s.markIndexDirty()
				return
			}
		}
	}
	st, timings, err := s.assemble(s.cfg, s.rend, s.loaded.Documents, changed, full || theme)
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
	s.serve(st)
	s.setStatus(nil)
	what := describe(changed)
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

// describe names the changed files for the log.
func describe(changed []string) string {
	if len(changed) == 1 {
		return changed[0]
	}
	return msg.T("dev.what.changed", len(changed))
}

// serve makes st the state served; a quick one asks the background for the full build.
// The counters go up before the state is stored, so that a reader who sees the state sees them.
func (s *Server) serve(st *state) {
	s.rebuilds.Add(1)
	if st.base == nil {
		s.fullBuilds.Add(1)
		s.cur.Store(st)
		return
	}
	s.cur.Store(st)
	select {
	case s.fullDirty <- struct{}{}:
	default:
	}
}

// quick is the state of docs (the loaded documents) as base's site patched with the documents
// edited since base's full build, their pages rendered: false when docs are not base's
// documents edited in place (site.Patch), are more than prerenderMax, or an edited page does
// not render (the full build reports it). With no edit since, it is base's full state.
func (s *Server) quick(base *state, docs []*content.Document) (*state, bool) {
	if base.base != nil {
		base = base.base
	}
	if len(docs) != len(base.docs) {
		return nil, false
	}
	byPath := make(map[string]*content.Document, len(base.docs))
	for _, d := range base.docs {
		byPath[d.Path] = d
	}
	edits := map[*content.Document]*content.Document{}
	var edited []*content.Document
	var changed []string
	for _, d := range docs {
		old := byPath[d.Path]
		switch {
		case old == nil:
			return nil, false
		case old != d:
			edits[old] = d
			edited = append(edited, d)
			changed = append(changed, d.Path)
		}
	}
	if len(edits) == 0 {
		return base, true
	}
	if len(edits) > prerenderMax {
		return nil, false
	}
	sg, ok := base.site.Patch(edits)
	if !ok {
		return nil, false
	}
	st := &state{site: sg, rend: base.rend, search: base.search, drafts: base.drafts, docs: docs,
		base: base, own: base.rend.DocumentFiles(sg, edited), changed: changed}
	for _, d := range edited {
		if _, err := st.page(urls.File(d.URL)); err != nil {
			return nil, false
		}
	}
	return st, true
}

// fullLoop builds the whole site of the quick state being served, whenever asked, one build
// at a time, and serves it unless a newer state was served meanwhile: then the newer state's
// edits are patched over it (the latest content wins, and the listings catch up to the build),
// or, where they cannot be or a full build was served meanwhile, it is dropped for the build
// the newer state asked for.
func (s *Server) fullLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.fullDirty:
		}
		cur := s.cur.Load()
		if cur == nil || cur.base == nil {
			continue // a full state: nothing to catch up
		}
		start := time.Now()
		st, tm, err := s.assemble(cur.site.Config, cur.rend, cur.docs, cur.changed, false)
		if ctx.Err() != nil {
			return
		}
		s.mu.Lock()
		now := s.cur.Load()
		switch {
		case err != nil:
			// The edited documents cannot be built in full (nothing in them could be patched
			// that a build refuses, but should it happen, say so: the quick state stays).
			s.problems(nil, err)
		case now == cur:
			s.serve(st)
		case now.base != nil && now.base == cur.base:
			// Quick states of the same full build: st is the newer build.
			if q, ok := s.quick(st, now.docs); ok {
				s.serve(q)
			}
		}
		if err == nil && s.cur.Load() != now {
			s.setStatus(s.status.Load().Problems) // the problems of newer content, if any, stay
			fmt.Fprintln(s.o.Log, msg.T("dev.caught.up", time.Since(start).Round(time.Millisecond),
				tm[0].Round(time.Millisecond), tm[1].Round(time.Millisecond)))
		}
		s.mu.Unlock()
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

// assemble builds the site graph of the loaded documents docs with cfg, and rend's file table
// of it, and renders the changed documents' pages (and, after a theme or config change, a
// page of each kind) as the check that the new site renders before it replaces the old one.
func (s *Server) assemble(cfg *config.Config, rend *render.Renderer, docs []*content.Document, changed []string, sample bool) (*state, [2]time.Duration, error) {
	var tm [2]time.Duration
	t := time.Now()
	s.buildMu.Lock()
	sg := site.Build(cfg, docs, site.Options{Drafts: true, Future: s.o.Future, Cache: s.cache})
	s.buildMu.Unlock()
	files, conflicts := rend.Files(sg)
	if len(conflicts) > 0 {
		// A document would replace a generated page: build and check refuse it, and so
		// does the preview, naming the file.
		return nil, tm, conflicts
	}
	st := &state{site: sg, rend: rend, files: files, drafts: map[string]bool{}, docs: docs}
	for _, d := range sg.Documents {
		if d.Meta.Draft {
			st.drafts[urls.File(d.URL)] = true
		}
	}
	if s.live != nil {
		st.search = &server.Search{Index: s.live, Renderer: rend, Timeout: 10 * time.Second}
	}
	tm[0] = time.Since(t)
	t = time.Now()
	// The changed documents' pages, the ones a browser is about to ask for; a few of them:
	// after a first load or a git checkout, the rest render when asked for.
	var pages []string
	if !sample && len(changed) > 0 {
		byPath := make(map[string]*content.Document, len(docs))
		for _, d := range docs {
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
		if _, ok := st.file(name); !ok {
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

// page renders a file once per build; a quick state's files but its own, once per its base.
func (st *state) page(name string) ([]byte, error) {
	if _, ok := st.own[name]; st.base != nil && !ok {
		return st.base.page(name)
	}
	if b, ok := st.pages.Load(name); ok {
		return b.([]byte), nil
	}
	f, ok := st.file(name)
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
