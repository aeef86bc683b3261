//go:build unix

package render

import (
	"io/fs"
	"os"
	"syscall"
)

// soleMine reports whether the file has no other name and belongs to this process's user,
// as a file it writes would.
func soleMine(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink == 1 && st.Uid == uint32(os.Getuid())
}
