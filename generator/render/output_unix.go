//go:build unix

package render

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// create opens the file at p for writing, with flag's O_CREATE and O_TRUNC or O_EXCL, mode
// 0o644 less the umask, as os.OpenFile would. A site is tens of thousands of files, each
// opened once, written and closed: os.OpenFile readies each for the poller as if it could
// block (two fcntl to set it non-blocking, an epoll_ctl that a regular file fails, two more
// fcntl to set it back) and gives it a finalizer, eight system calls a page where open, write
// and close are three.
func create(p string, flag int) (io.WriteCloser, error) {
	for {
		fd, err := syscall.Open(p, flag|syscall.O_WRONLY|syscall.O_CLOEXEC, 0o644)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: p, Err: err}
		}
		return &rawFile{fd: fd, path: p}, nil
	}
}

// rawFile is a file create opened: its descriptor, written and closed directly.
type rawFile struct {
	fd   int
	path string
}

// maxWrite bounds one write system call, as package os does: macOS refuses a write of 2 GiB
// or more (EINVAL), and Linux writes at most about 2 GiB in one call.
var maxWrite = 1 << 30

// sysWrite is the write system call (a test counts what each call is given).
var sysWrite = syscall.Write

func (f *rawFile) Write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := sysWrite(f.fd, b[n:n+min(len(b)-n, maxWrite)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "write", Path: f.path, Err: err}
		}
		if m == 0 {
			return n, &fs.PathError{Op: "write", Path: f.path, Err: io.ErrShortWrite}
		}
		n += m
	}
	return n, nil
}

func (f *rawFile) Close() error {
	if f.fd < 0 {
		return &fs.PathError{Op: "close", Path: f.path, Err: fs.ErrClosed}
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &fs.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}

// soleMine reports whether the file has no other name and belongs to this process's user,
// as a file it writes would.
func soleMine(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink == 1 && st.Uid == uid
}

// uid is this process's user, asked once: os.Getuid is a system call each time, one for each
// file a rebuild links from the previous version (28,685 at 2,000 plans).
var uid = uint32(os.Getuid())
