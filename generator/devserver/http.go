package devserver

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/planportal/planportal/generator/msg"
	"github.com/planportal/planportal/generator/server"
	"github.com/planportal/planportal/generator/urls"
)

// The live preview's own URLs, under a prefix no site page can have (paths starting with /_
// are not produced by planportal).
const (
	prefix    = "/_planportal/"
	eventsURL = prefix + "events"
	scriptURL = prefix + "live.js"
	styleURL  = prefix + "dev.css"
)

//go:embed live.js
var liveJS []byte

//go:embed dev.css
var devCSS []byte

// Handler serves the site from memory, the search endpoints, and the reload events. Only
// this handler adds the reload script and the problem overlay: built sites never have them.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(eventsURL, s.events)
	mux.HandleFunc(scriptURL, asset("application/javascript; charset=utf-8", liveJS))
	mux.HandleFunc(styleURL, asset("text/css; charset=utf-8", devCSS))
	mux.HandleFunc(urls.API, s.searchAPI)
	mux.HandleFunc(urls.Search, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != urls.Search {
			s.serveSite(w, r) // the 404 page
			return
		}
		s.searchPage(w, r)
	})
	mux.HandleFunc("/", s.serveSite)
	return mux
}

func asset(ctype string, data []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		server.SetSecurityHeaders(w.Header())
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(data)
	}
}

// serveSite answers from the current build: the file the URL names, rendered on first use.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	server.SetSecurityHeaders(w.Header())
	w.Header().Set("Cache-Control", "no-cache")
	if !server.AllowRead(w, r) {
		return
	}
	st := s.cur.Load()
	if st == nil {
		// Nothing has built yet: every page is the list of problems (the overlay says so).
		w.Header().Set("Retry-After", "1")
		s.write(w, r, http.StatusServiceUnavailable, "text/html; charset=utf-8", s.bare(msg.T("dev.nosite.title")))
		return
	}
	clean := path.Clean("/" + r.URL.Path)
	if strings.Contains(clean, "/.") || strings.Contains(clean, "\x00") {
		s.notFound(w, r, st)
		return
	}
	name := strings.TrimPrefix(clean, "/")
	if _, ok := st.file(name); !ok || name == "" {
		dir := strings.TrimSuffix(name, "/")
		if dir != "" {
			dir += "/"
		}
		if _, ok := st.file(dir + "index.html"); !ok {
			s.notFound(w, r, st)
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/") {
			q := ""
			if r.URL.RawQuery != "" {
				q = "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, clean+"/"+q, http.StatusMovedPermanently)
			return
		}
		name = dir + "index.html"
	}
	body, err := st.page(name)
	if err != nil {
		s.renderFailed(w, r, name, err)
		return
	}
	if st.drafts[name] {
		body = inject(body, draftBanner())
	}
	s.write(w, r, http.StatusOK, contentType(name), body)
}

func contentType(name string) string {
	if urls.IsFeed(name) {
		return "application/atom+xml; charset=utf-8"
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	body, err := st.page("404.html")
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	s.write(w, r, http.StatusNotFound, "text/html; charset=utf-8", body)
}

// renderFailed answers a page whose template failed (a theme error only some pages reach).
func (s *Server) renderFailed(w http.ResponseWriter, r *http.Request, name string, err error) {
	fmt.Fprintf(s.o.Log, "dev: %s: %v\n", name, err)
	body := s.bare(msg.T("dev.render.failed"))
	body = inject(body, overlay([]string{fmt.Sprintf("render %s: %v", name, err)}, s.cur.Load() != nil))
	s.write(w, r, http.StatusInternalServerError, "text/html; charset=utf-8", body)
}

// write sends a response; HTML gets the reload script and, while there are problems, the
// overlay.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, ctype string, body []byte) {
	if strings.HasPrefix(ctype, "text/html") {
		body = s.decorate(body)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// decorate adds the dev-mode additions to an HTML page, before </body>.
func (s *Server) decorate(page []byte) []byte {
	st := s.status.Load()
	var b strings.Builder
	if len(st.Problems) > 0 {
		b.WriteString(overlay(st.Problems, s.cur.Load() != nil))
	}
	fmt.Fprintf(&b, `<script src="%s" data-version="%d"></script>`, scriptURL, st.Version)
	return inject(page, b.String())
}

// overlay is the problem list shown over the last good page, or, when nothing has built yet
// (lastGood false), over a page that says so.
func overlay(problems []string, lastGood bool) string {
	var b strings.Builder
	b.WriteString(`<link rel="stylesheet" href="` + styleURL + `">`)
	say := msg.T("dev.overlay.failed")
	if !lastGood {
		say = msg.T("dev.overlay.nosite")
	}
	b.WriteString(`<div id="planportal-dev-overlay" role="alert"><p>` + html.EscapeString(say) + `</p><pre>`)
	for i, p := range problems {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(html.EscapeString(p))
	}
	b.WriteString(`</pre></div>`)
	return b.String()
}

// draftBanner marks a draft's page in the preview: built and checked, never published.
func draftBanner() string {
	return `<link rel="stylesheet" href="` + styleURL + `"><div id="planportal-dev-draft" role="status">` +
		html.EscapeString(msg.T("dev.draft")) + `</div>`
}

func inject(page []byte, add string) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(add))
	out = append(out, page[:i]...)
	out = append(out, add...)
	return append(out, page[i:]...)
}

// bare is a page for when there is no site to show.
func (s *Server) bare(title string) []byte {
	return []byte(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>` + html.EscapeString(title) +
		`</title></head><body><h1>` + html.EscapeString(title) + `</h1></body></html>`)
}

// searchAPI answers /api/search from the dev index; 503 until its first build is done.
func (s *Server) searchAPI(w http.ResponseWriter, r *http.Request) {
	st := s.cur.Load()
	if st == nil || st.search == nil || !s.indexReady.Load() {
		server.SetSecurityHeaders(w.Header())
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		say := msg.T("dev.search.building")
		if s.live == nil {
			say = msg.T("dev.search.off")
		}
		fmt.Fprintf(w, "{\"error\":%q}\n", say)
		return
	}
	st.search.API(w, r)
}

// searchPage renders /search/ through the search handler and decorates it.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	st := s.cur.Load()
	if st == nil || st.search == nil {
		s.serveSite(w, r)
		return
	}
	r = r.Clone(r.Context())
	r.Header.Del("Accept-Encoding") // the page is decorated, so it must come uncompressed
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	st.search.Page(rec, r)
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	s.write(w, r, rec.status, rec.header.Get("Content-Type"), rec.body.Bytes())
}

type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

// events is the server-sent event stream: "hello" with the current version on connecting,
// "reload" with the new version after each rebuild or change of problems, "index" when a
// new search index is in place.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	ch, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(ch)
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %d\n\n", s.status.Load().Version)
	fl.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg, ok := <-ch:
			if !ok {
				return
			}
			if _, err := io.WriteString(w, msg); err != nil {
				return
			}
			fl.Flush()
		case <-ping.C:
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// hub fans events out to the connected browsers. A browser that is slow to read misses
// nothing that matters: its queue keeps the latest events.
type hub struct {
	mu      sync.Mutex
	clients map[chan string]bool
	closed  bool
}

func (h *hub) init() { h.clients = map[chan string]bool{} }

func (h *hub) subscribe() (chan string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	ch := make(chan string, 16)
	h.clients[ch] = true
	return ch, true
}

func (h *hub) unsubscribe(ch chan string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[ch] {
		delete(h.clients, ch)
		close(ch)
	}
}

func (h *hub) send(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- msg:
		default: // full: drop the oldest, keep the newest
			select {
			case <-ch:
			default:
			}
			select {
			case ch <- msg:
			default:
			}
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}
