// Package server serves a built site over HTTP: static files from the published directory
// with safe headers, compression and a 404 page. Later handlers (search, dev reload) mount on
// the same mux.
package server

import (
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

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
		WithCompression(func(w http.ResponseWriter, r *http.Request) {
			http.ServeContent(w, r, name, fi.ModTime(), f)
		})(w, r)
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, f)
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
