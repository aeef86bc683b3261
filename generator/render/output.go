package render

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// DirOutput writes files under Dir.
//
// Prev, when set, is the version of the site these files replace (the published public/
// during a rebuild). A file whose bytes are those of the file of the same name in Prev is
// hard-linked from there instead of written again, so that a rebuild after an edit writes
// the pages the edit changed and not the whole site. Sharing is safe because no file is
// ever changed in place: a changed page is a new file, and the old version is removed by
// name once the new one is published, which frees no data still in use. Where a link
// cannot be made (another file system, FAT) the file is written.
type DirOutput struct {
	Dir  string
	Prev string
}

// reuseMax is the largest file compared with its previous version; a larger one (the open
// data) is written as it is made.
const reuseMax = 1 << 20

// Create implements Output.
func (d DirOutput) Create(name string) (io.WriteCloser, error) {
	p := filepath.Join(d.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	if d.Prev == "" {
		// No buffer of its own: a page is one write, a JSON file one write per document,
		// and the CSV writer buffers.
		return os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	return &reuseFile{path: p, prev: filepath.Join(d.Prev, filepath.FromSlash(name))}, nil
}

// reuseFile holds a file in memory until it is closed or grows past reuseMax.
type reuseFile struct {
	path, prev string
	buf        []byte
	f          *os.File // once the file is written as it is made
}

func (w *reuseFile) Write(p []byte) (int, error) {
	if w.f == nil && len(w.buf)+len(p) <= reuseMax {
		w.buf = append(w.buf, p...)
		return len(p), nil
	}
	if w.f == nil {
		f, err := os.OpenFile(w.path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return 0, err
		}
		w.f = f
		if _, err := f.Write(w.buf); err != nil {
			return 0, err
		}
		w.buf = nil
	}
	return w.f.Write(p)
}

func (w *reuseFile) Close() error {
	if w.f != nil {
		return w.f.Close()
	}
	if sameFile(w.prev, w.buf) && linkRegular(w.prev, w.path) {
		return nil
	}
	return os.WriteFile(w.path, w.buf, 0o644)
}

var readBufs = sync.Pool{New: func() any { return new([]byte) }}

// sameFile reports whether path is a regular file (not a link) holding exactly b.
func sameFile(path string, b []byte) bool {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(b)) {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	if cap(*bp) < len(b)+1 {
		*bp = make([]byte, len(b)+1)
	}
	buf := (*bp)[:len(b)+1] // one byte more: a file that grew since the Lstat is not the same
	n, err := io.ReadFull(f, buf)
	return (err == io.ErrUnexpectedEOF || err == io.EOF) && n == len(b) && bytes.Equal(buf[:n], b)
}

// linkRegular links old to new and reports whether new is now a regular file (a link made
// to anything else, swapped in since sameFile looked, is removed again).
func linkRegular(old, new string) bool {
	if os.Link(old, new) != nil {
		return false
	}
	if fi, err := os.Lstat(new); err == nil && fi.Mode().IsRegular() {
		return true
	}
	os.Remove(new)
	return false
}
