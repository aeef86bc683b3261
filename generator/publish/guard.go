package publish

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/planportal/planportal/generator/msg"
)

// A RefusedError is a destination a transaction will not replace, and why: nothing was
// written beside it, nor deleted. Reason is for people: Chinese, then English in parentheses.
type RefusedError struct {
	Dest   string // as the caller named it
	Reason string
}

func (e *RefusedError) Error() string { return msg.T("refused", e.Dest, e.Reason) }

// guard refuses, before anything is locked, written or deleted, a set of destinations of
// which one is not the transaction's to replace:
//   - a destination that is one of sources (a site's content/, themes/ and config file),
//     holds one or lies inside one;
//   - two destinations that are the same directory, or one inside the other;
//   - an existing directory that planportal did not make (see owned).
//
// Paths are compared by what they name (os.SameFile), so that a symbolic link, ".." or, on
// Windows and macOS, letter case make no difference.
func guard(sources []string, dests []*destination) error {
	for _, d := range dests {
		for _, s := range sources {
			if _, err := os.Stat(s); err != nil {
				continue // nothing there to lose
			}
			switch {
			case within(d.path, s) && within(s, d.path):
				return &RefusedError{d.given, msg.T("refused.source", s)}
			case within(s, d.path):
				return &RefusedError{d.given, msg.T("refused.holds", s)}
			case within(d.path, s):
				return &RefusedError{d.given, msg.T("refused.inside", s)}
			}
		}
	}
	for i, d := range dests {
		for _, o := range dests[:i] {
			switch {
			case within(d.path, o.path) && within(o.path, d.path):
				return &RefusedError{d.given, msg.T("refused.same", o.given)}
			case within(o.path, d.path):
				d, o = o, d // the one inside is refused
				fallthrough
			case within(d.path, o.path):
				return &RefusedError{d.given, msg.T("refused.nested", o.given)}
			}
		}
	}
	for _, d := range dests {
		if err := checkOwned(d); err != nil {
			return err
		}
	}
	return nil
}

// checkOwned refuses d if it is an existing directory that planportal may not replace.
// Anything else (nothing there, a file, a broken link) is for checkDest to judge.
func checkOwned(d *destination) error {
	fi, err := os.Stat(d.path)
	if err != nil || !fi.IsDir() {
		return nil
	}
	ok, err := owned(d.path)
	if err != nil {
		return err
	}
	if !ok {
		return &RefusedError{d.given, msg.T("refused.notours")}
	}
	return nil
}

// owned reports whether the existing directory dir is planportal's to replace:
//   - it holds an IDFile: a transaction published it;
//   - it is empty: there is nothing in it to lose;
//   - an empty lock file is beside it (lockPath): it is the output of a planportal from
//     before IDFiles, every version of which since 2026-11 locked its outputs there, in a file
//     it left empty. A lock file made since holds lockMark from the start, an old one once its
//     directory is published (markLock): so the outputs of that older planportal are
//     replaced, and never a directory someone puts in their place afterwards. A lock file is
//     only made beside a directory that passed this test (guard runs before lock).
func owned(dir string) (bool, error) {
	if fi, err := os.Lstat(filepath.Join(dir, IDFile)); err == nil && fi.Mode().IsRegular() {
		return true, nil
	}
	if fi, err := os.Lstat(lockPath(dir)); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		return true, nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); errors.Is(err, io.EOF) {
		return true, nil
	} else if err != nil {
		return false, err
	}
	return false, nil
}

// within reports whether the file or directory a is b or lies inside it. Where b exists,
// a's real path and each of its parents is compared with b by identity; otherwise (two
// destinations neither of which exists yet) their real paths are compared by name.
func within(a, b string) bool {
	ra, rb := realPath(a), realPath(b)
	if bi, err := os.Stat(rb); err == nil {
		for p := ra; ; p = filepath.Dir(p) {
			if fi, err := os.Stat(p); err == nil && os.SameFile(fi, bi) {
				return true
			}
			if filepath.Dir(p) == p {
				return false
			}
		}
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		ra, rb = strings.ToLower(ra), strings.ToLower(rb)
	}
	rel, err := filepath.Rel(rb, ra)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath is p made absolute with the symbolic links of the part of it that exists resolved.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return abs
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}
