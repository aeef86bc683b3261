package server

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

// ETags are content hashes: a page rebuilt with the same bytes keeps its ETag, so a
// rebuild does not make every browser and cache fetch the whole site again.

// hashETag is the quoted ETag of a content hash.
func hashETag(h []byte) string { return `"` + hex.EncodeToString(h[:16]) + `"` }

// BodyETag is the strong ETag of a response body.
func BodyETag(b []byte) string {
	h := sha256.Sum256(b)
	return hashETag(h[:])
}

// fileETags caches each file's ETag with the modification time and size it was computed
// for, so that a file is read once per build, not once per request; an entry per path keeps
// the cache as large as the site.
var fileETags sync.Map // path → fileTag

type fileTag struct {
	mtime time.Time
	size  int64
	tag   string
}

// fileETag returns the strong ETag of a file's content, or "" if it cannot be read.
func fileETag(name string, fi fs.FileInfo) string {
	if v, ok := fileETags.Load(name); ok {
		if e := v.(fileTag); e.mtime.Equal(fi.ModTime()) && e.size == fi.Size() {
			return e.tag
		}
	}
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	tag := hashETag(h.Sum(nil))
	fileETags.Store(name, fileTag{fi.ModTime(), fi.Size(), tag})
	return tag
}

// notModified reports whether the request's If-None-Match names etag (or is *).
func notModified(r *http.Request, etag string) bool {
	inm := r.Header.Get("If-None-Match")
	if inm == "" || etag == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}

// writeBody answers a generated body with its ETag, or 304 if the client has it already.
func writeBody(w http.ResponseWriter, r *http.Request, status int, etag string, body []byte) {
	if status == http.StatusOK && etag != "" {
		w.Header().Set("ETag", etag)
		if notModified(r, etag) {
			w.Header().Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
