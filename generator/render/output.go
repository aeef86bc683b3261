package render

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
)

// DirOutput writes files under Dir.
//
// Prev, when set, is the version of the site these files replace (the published public/
// during a rebuild). A file whose bytes are those of the file of the same name in Prev is
// hard-linked from there instead of written again, so that a rebuild after an edit writes
// the pages the edit changed and not the whole site. Sharing is safe because no file is
// ever changed in place: a changed page is a new file, and the old version is removed by
// name once the new one is published, which frees no data still in use. Only a plain file
// is linked, read inside Prev (never through a link out of it), with the mode and owner a
// written file would get and no other name (not one kept by a backup made with hard links);
// where a link cannot be made (FAT, a network drive) files are written.
type DirOutput struct {
	Dir  string
	Prev string

	once    sync.Once
	root    *os.Root    // Prev, opened once
	mode    fs.FileMode // the mode a file written here gets (0o644 less the umask)
	noLinks atomic.Bool // a link failed for a reason other than the name being taken
	// made holds the directories this output has made or found, by path (mkdir).
	made sync.Map // of *madeDir
}

// reuseMax is the largest file compared with its previous version; a larger one (the open
// data) is written as it is made.
const reuseMax = 1 << 20

// Create implements Output.
func (d *DirOutput) Create(name string) (io.WriteCloser, error) {
	p := filepath.Join(d.Dir, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return nil, err
	}
	if d.Prev == "" {
		// No buffer of its own: a page is one write, a JSON file one write per document,
		// and the CSV writer buffers.
		return create(p, os.O_CREATE|os.O_TRUNC)
	}
	d.once.Do(d.open)
	return &reuseFile{d: d, name: filepath.FromSlash(name), path: p}, nil
}

// mkdir makes dir and the parents of it this output has not made or found yet, with one
// Mkdir each and no Stat: a site is tens of thousands of directories (one a page, and the
// pages of a listing under page/), and os.MkdirAll stats the directory and each missing
// parent before making it. A parent is made before its child, and one worker makes a
// directory while any other that needs it waits, so a Mkdir fails only on a name that is
// taken: by a directory there before the render, or by a file, which a Stat tells apart. Dir
// itself is made with its parents as os.MkdirAll makes them.
func (d *DirOutput) mkdir(dir string) error {
	v, ok := d.made.Load(dir)
	if !ok {
		v, _ = d.made.LoadOrStore(dir, new(madeDir))
	}
	m := v.(*madeDir)
	m.once.Do(func() { m.err = d.makeDir(dir) })
	return m.err
}

// madeDir is a directory of the output: made, found, or the error making it returned.
type madeDir struct {
	once sync.Once
	err  error
}

// makeDir makes dir, its parent made first (mkdir).
func (d *DirOutput) makeDir(dir string) error {
	if dir == filepath.Clean(d.Dir) {
		return os.MkdirAll(dir, 0o755)
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := d.mkdir(parent); err != nil {
			return err
		}
	}
	err := osMkdir(dir, 0o755)
	if !errors.Is(err, fs.ErrExist) {
		return err
	}
	fi, serr := osStat(dir)
	if serr != nil {
		return serr
	}
	if !fi.IsDir() {
		return err
	}
	return nil
}

// osMkdir and osStat are os.Mkdir and os.Stat (a test counts the calls).
var osMkdir, osStat = os.Mkdir, os.Stat

// open opens Prev and learns the mode of a file written into Dir.
func (d *DirOutput) open() {
	d.root, _ = os.OpenRoot(d.Prev)
	probe := filepath.Join(d.Dir, ".planportal-mode-probe")
	if f, err := createNew(probe); err == nil {
		f.Close()
		if fi, err := os.Lstat(probe); err == nil {
			d.mode = fi.Mode()
		}
		os.Remove(probe)
	}
}

// createNew creates the file at p, which must not be a name of a file in use: a name taken
// (only ever by a file this build linked) is removed first, so that nothing written through
// it reaches the version being replaced.
func createNew(p string) (io.WriteCloser, error) {
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return create(p, os.O_CREATE|os.O_EXCL)
}

// reuseFile holds a file in memory until it is closed or grows past reuseMax.
type reuseFile struct {
	d          *DirOutput
	name, path string
	buf        []byte
	f          io.WriteCloser // once the file is written as it is made
}

func (w *reuseFile) Write(p []byte) (int, error) {
	if w.f == nil && len(w.buf)+len(p) <= reuseMax {
		w.buf = append(w.buf, p...)
		return len(p), nil
	}
	if w.f == nil {
		f, err := createNew(w.path)
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
	if w.link() {
		return nil
	}
	f, err := createNew(w.path)
	if err != nil {
		return err
	}
	_, err = f.Write(w.buf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// link links the previous version's file in place of this one when it holds exactly the
// same bytes, and reports whether it did.
func (w *reuseFile) link() bool {
	d := w.d
	if d.root == nil || d.mode == 0 || d.noLinks.Load() {
		return false
	}
	f, err := d.root.Open(w.name) // never leaves Prev, whatever links lie on the way
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Mode() != d.mode || fi.Size() != int64(len(w.buf)) || !soleMine(fi) {
		return false
	}
	bp := scratch()
	buf := slices.Grow(*bp, len(w.buf)+1)[:len(w.buf)+1] // one byte more: a file that grew since the Stat is not the same
	defer release(bp, buf)
	if n, err := io.ReadFull(f, buf); (err != io.ErrUnexpectedEOF && err != io.EOF) || n != len(w.buf) || !bytes.Equal(buf[:n], w.buf) {
		return false
	}
	if err := os.Link(filepath.Join(d.Prev, w.name), w.path); err != nil {
		if !errors.Is(err, fs.ErrExist) {
			d.noLinks.Store(true) // a file system without links: stop trying
		}
		return false
	}
	// The name may have led elsewhere since it was opened: keep the link only if it is the
	// file compared.
	if now, err := os.Lstat(w.path); err == nil && os.SameFile(now, fi) {
		return true
	}
	os.Remove(w.path)
	return false
}
