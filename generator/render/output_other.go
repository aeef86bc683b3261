//go:build !unix

package render

import "io/fs"

// soleMine reports whether the file may be shared with a new version: where the link count
// and owner are not at hand (Windows), a file the mode check let through (not read-only).
func soleMine(fs.FileInfo) bool { return true }
