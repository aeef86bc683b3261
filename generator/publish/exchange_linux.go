package publish

import "golang.org/x/sys/unix"

// exchange atomically swaps two directories (renameat2 with RENAME_EXCHANGE). It is a
// variable so that tests can take the path of the systems without it.
var exchange = func(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
