//go:build !unix

package content

// openFlags: no named pipes in the file system here to block an open.
const openFlags = 0
