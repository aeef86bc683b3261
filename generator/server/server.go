// Package server serves a built site over HTTP: static files from the published directory
// with safe headers, compression and a 404 page. Later handlers (search, dev reload) mount on
// the same mux.
package server

import (
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/planportal/planportal/generator/urls"
)

// Static serves files from a directory. It re-resolves the directory on every request, so an
// atomic swap of the directory by a new build is picked up at once.
type Static struct {
	Root string
}

var securityHeaders = map[string]string{
	"X-Content-Type-Options":  "nosniff",
	"Referrer-Policy":         "strict-origin-when-cross-origin",
	"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
	"X-Frame-Options":         "DENY",
}

// SetSecurityHeaders adds the headers every response carries.
func SetSecurityHeaders(h http.Header) {
	for k, v := range securityHeaders {
		h.Set(k, v)
	}
}

// AllowRead answers 405 to anything but GET and HEAD, and reports whether to go on.
func AllowRead(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

func (s *Static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	SetSecurityHeaders(w.Header())
	if !AllowRead(w, r) {
		return
	}
	upath := r.URL.Path
	if !strings.HasPrefix(upath, "/") {
		upath = "/" + upath
	}
	clean := path.Clean(upath)
	if strings.Contains(clean, "\x00") || strings.Contains(clean, "/.") {
		s.notFound(w, r)
		return
	}
	// Localize refuses what names another file on this system than the URL says: on
	// Windows a backslash is a separator (/plans\..\..\x climbs out of the root once
	// joined), a colon names a drive or a stream, and CON or NUL a device.
	rel := "."
	if clean != "/" {
		var err error
		if rel, err = filepath.Localize(clean[1:]); err != nil {
			s.notFound(w, r)
			return
		}
	}
	name := filepath.Join(s.Root, rel)
	fi, err := os.Stat(name)
	if err == nil && fi.IsDir() {
		if !strings.HasSuffix(upath, "/") {
			http.Redirect(w, r, clean+"/"+queryOf(r), http.StatusMovedPermanently)
			return
		}
		name = filepath.Join(name, "index.html")
		fi, err = os.Stat(name)
	}
	if err != nil || fi.IsDir() {
		s.notFound(w, r)
		return
	}
	if strings.HasPrefix(clean, "/assets/") {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	s.serveFile(w, r, name, fi, http.StatusOK)
}

func queryOf(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return ""
	}
	return "?" + r.URL.RawQuery
}

func (s *Static) notFound(w http.ResponseWriter, r *http.Request) {
	name := filepath.Join(s.Root, "404.html")
	fi, err := os.Stat(name)
	w.Header().Set("Cache-Control", "no-cache")
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	s.serveFile(w, r, name, fi, http.StatusNotFound)
}

func (s *Static) serveFile(w http.ResponseWriter, r *http.Request, name string, fi fs.FileInfo, status int) {
	f, err := os.Open(name)
	if err != nil {
		http.Error(w, "file unavailable", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	ctype := mime.TypeByExtension(filepath.Ext(name))
	if urls.IsFeed(filepath.ToSlash(name)) {
		ctype = "application/atom+xml; charset=utf-8" // so that feed readers and browsers know it
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if status == http.StatusOK {
		if tag := fileETag(name, fi); tag != "" {
			w.Header().Set("ETag", tag) // ServeContent answers If-None-Match with it
		}
		// ServeContent handles Range, If-Modified-Since and HEAD; compression wraps it.
		WithGzip(func(w http.ResponseWriter, r *http.Request) {
			http.ServeContent(w, r, name, fi.ModTime(), f)
		})(w, r)
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, f)
	}
}

var gzPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression); return w }}

// gzipETagSuffix marks the ETag of a gzipped answer: a strong ETag names one sequence of
// bytes, and the gzipped one is another than the plain one.
const gzipETagSuffix = `-gzip"`

// WithGzip compresses text responses for clients that accept gzip. The handler sets the
// Content-Type before, and may set an ETag: the ETag of a gzipped answer gets a suffix, which
// is taken off If-None-Match again before the handler compares it.
func WithGzip(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || r.Header.Get("Range") != "" ||
			!compressible(w.Header().Get("Content-Type")) {
			h(w, r)
			return
		}
		if inm := r.Header.Get("If-None-Match"); strings.Contains(inm, gzipETagSuffix) {
			r = r.Clone(r.Context())
			r.Header.Set("If-None-Match", strings.ReplaceAll(inm, gzipETagSuffix, `"`))
		}
		gw := &gzipWriter{ResponseWriter: w, head: r.Method == http.MethodHead}
		defer gw.close()
		h(gw, r)
	}
}

type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
	// head is set for HEAD requests: the headers say gzip, as for GET, but no gzip stream (not
	// even an empty one) is written.
	head bool
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "json") ||
		strings.Contains(ctype, "javascript") || strings.Contains(ctype, "xml") || strings.Contains(ctype, "svg")
}

func (g *gzipWriter) WriteHeader(status int) {
	if !g.decided {
		g.decided = true
		h := g.Header()
		if tag := h.Get("ETag"); tag != "" && (status == http.StatusOK || status == http.StatusNotModified) {
			h.Set("ETag", strings.TrimSuffix(tag, `"`)+gzipETagSuffix)
		}
		if status == http.StatusOK && h.Get("Content-Encoding") == "" {
			h.Del("Content-Length")
			h.Set("Content-Encoding", "gzip")
			if !g.head {
				g.gz = gzPool.Get().(*gzip.Writer)
				g.gz.Reset(g.ResponseWriter)
			}
		}
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		g.WriteHeader(http.StatusOK)
	}
	if g.gz != nil {
		return g.gz.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.gz != nil {
		_ = g.gz.Close()
		gzPool.Put(g.gz)
	}
}

// ErrNoSite is returned when the directory to serve has not been built.
var ErrNoSite = errors.New("no built site")

// CheckRoot reports whether dir holds a built site.
func CheckRoot(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return ErrNoSite
	}
	return nil
}
