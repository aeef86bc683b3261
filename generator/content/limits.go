package content

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/planportal/planportal/generator/msg"
)

// The limits of what the loader reads. A hostile or broken file gets an error naming it rather
// than minutes of parsing: goldmark's time grows with the cube of the nesting depth of lists
// and block quotes (4,000 levels of indented list took 75 s and 758 MB).
const (
	// MaxFileSize is the largest content file read: about twenty times the longest plan.
	MaxFileSize = 4 << 20
	// MaxNesting is the deepest nesting of lists and block quotes a document may have.
	MaxNesting = 32
)

// A SourceError is a content file the loader does not read, and why (for people: Chinese,
// then English in parentheses).
type SourceError struct {
	Path, Reason string
}

func (e *SourceError) Error() string { return e.Path + ": " + e.Reason }

// ReadSource reads the content file name as the loader does, or refuses it with a
// *SourceError. content/ is a boundary: only a regular file in it is read, never a symbolic
// link (it could lead anywhere: outside the site, to /etc/passwd, round in a loop), a named
// pipe (reading one waits for a writer forever), a device or a socket; and at most
// MaxFileSize bytes of it. A file that is replaced while it is opened is refused too.
func ReadSource(name string) ([]byte, error) { return readSource(name, nil) }

// readSource is ReadSource, reading into buf where it is large enough: a loader's worker
// reads every file into one buffer, as nothing Parse returns keeps its source (each file's
// buffer was a sixth of what loading allocated; issue 16).
func readSource(name string, buf []byte) ([]byte, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if err := admit(name, fi); err != nil {
		return nil, err
	}
	// openFlags keeps a named pipe put in its place meanwhile from blocking the open.
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	now, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !os.SameFile(fi, now) {
		return nil, &SourceError{name, msg.T("source.replaced")}
	} else if err := admit(name, now); err != nil {
		return nil, err
	}
	src, err := readAll(io.LimitReader(f, MaxFileSize+1), now.Size(), buf)
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		return nil, tooLarge(name, fi.Size())
	}
	return src, nil
}

// admit refuses what ReadSource does not read, by its file info (not following links).
func admit(name string, fi fs.FileInfo) error {
	m := fi.Mode()
	switch {
	case m&fs.ModeSymlink != 0:
		return &SourceError{name, msg.T("source.symlink")}
	case m.IsDir():
		return &SourceError{name, msg.T("source.dir")}
	case !m.IsRegular():
		kind := msg.T("source.kind")
		switch {
		case m&fs.ModeNamedPipe != 0:
			kind = msg.T("source.pipe")
		case m&fs.ModeSocket != 0:
			kind = msg.T("source.socket")
		case m&fs.ModeDevice != 0:
			kind = msg.T("source.device")
		}
		return &SourceError{name, msg.T("source.special", kind)}
	case fi.Size() > MaxFileSize:
		return tooLarge(name, fi.Size())
	}
	return nil
}

func tooLarge(name string, size int64) error {
	mib := float64(size) / (1 << 20)
	return &SourceError{name, msg.T("source.large", mib, MaxFileSize>>20)}
}

// isSourceError reports a file the loader refuses, as opposed to one it failed to read.
func isSourceError(err error) (*SourceError, bool) {
	var se *SourceError
	return se, errors.As(err, &se)
}

// TooDeep returns the first line of a Markdown body (from 0) at which lists and block quotes
// may be nested deeper than MaxNesting, or -1: a body that must not be parsed (the loader
// reports it). It is a bound found without parsing: each
// container a line opens takes a marker on it, and each one it continues takes a '>' or (a
// list item) at least two columns of indentation, so a line is at most as deep as its
// prefix's markers plus half its indentation in columns, not counting the space a marker
// takes after it.
func TooDeep(body []byte) int {
	for i := 0; len(body) > 0; i++ {
		line := body
		if n := bytes.IndexByte(body, '\n'); n >= 0 {
			line, body = body[:n], body[n+1:]
		} else {
			body = nil
		}
		if prefixDepth(line) > MaxNesting {
			return i
		}
	}
	return -1
}

// prefixDepth bounds the nesting depth of a line (see TooDeep).
func prefixDepth(l []byte) int {
	if thematicBreak(l) {
		return 0 // "- - - -" is a rule, not lists
	}
	markers, cols := 0, 0
	// marker counts a container marker ending before l[i] and skips the space it takes:
	// one after a '>', up to four columns after a list marker.
	marker := func(i, space int) int {
		markers++
		for ; i < len(l) && space > 0 && (l[i] == ' ' || l[i] == '\t'); i++ {
			space--
		}
		return i
	}
	spaceAt := func(i int) bool { return i == len(l) || l[i] == ' ' || l[i] == '\t' }
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4 - cols%4
			i++
		case c == '>':
			i = marker(i+1, 1)
		case (c == '-' || c == '+' || c == '*') && spaceAt(i+1):
			i = marker(i+1, 4)
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j == len(l) || (l[j] != '.' && l[j] != ')') || !spaceAt(j+1) {
				return markers + cols/2
			}
			i = marker(j+1, 4)
		default:
			return markers + cols/2
		}
	}
	return markers + cols/2
}

// thematicBreak reports a line of three or more of one of - * _, and spaces.
func thematicBreak(l []byte) bool {
	var mark byte
	n := 0
	for _, c := range l {
		switch {
		case c == ' ' || c == '\t':
		case (c == '-' || c == '*' || c == '_') && (mark == 0 || c == mark):
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// readAll reads r to its end into a buffer made for size bytes (the file's size when it was
// opened), and one more, so that a file read whole takes one allocation: io.ReadAll starts at
// 512 bytes and grows, about six times for a plan of 20 KB (half a second of a 5,000-plan
// build's load, and its garbage; issue 16). A file that grew meanwhile is still read whole.
// buf is used instead where it has room for size and one more byte: then a file read whole
// takes no allocation.
func readAll(r io.Reader, size int64, buf []byte) ([]byte, error) {
	size = min(max(size, 0), MaxFileSize) + 1
	b := buf[:0]
	if int64(cap(b)) < size {
		b = make([]byte, 0, size)
	}
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow
		}
	}
}
