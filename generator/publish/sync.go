package publish

import (
	"io/fs"
	"os"
	"path/filepath"
)

// syncTree makes what was written under dir durable before it is swapped in, so that a power
// cut after the swap cannot leave a published directory with empty or missing files: every
// file and directory is flushed. (A kill needs no flush: the kernel keeps what was written.)
func syncTree(dir string) error {
	if ok, err := syncFS(dir); ok {
		return err
	}
	return syncEach(dir)
}

// syncEach flushes every file and directory under dir, one by one.
func syncEach(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		flag := os.O_RDONLY
		if !d.IsDir() {
			flag = os.O_RDWR // Windows flushes only a file open for writing
		}
		f, err := os.OpenFile(p, flag, 0)
		if err != nil {
			return err
		}
		err = f.Sync()
		if d.IsDir() {
			err = nil // not every system can flush a directory (Windows)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}
