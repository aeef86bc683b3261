//go:build !unix

package render

import (
	"io"
	"io/fs"
	"os"
)

// create opens the file at p for writing, with flag's O_CREATE and O_TRUNC or O_EXCL.
func create(p string, flag int) (io.WriteCloser, error) {
	return os.OpenFile(p, flag|os.O_WRONLY, 0o644)
}

// soleMine reports whether the file may be shared with a new version: where the link count
// and owner are not at hand (Windows), a file the mode check let through (not read-only).
func soleMine(fs.FileInfo) bool { return true }
