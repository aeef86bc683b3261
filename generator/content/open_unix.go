//go:build unix

package content

import "syscall"

// openFlags opens without waiting: a named pipe would otherwise block the open until a
// writer came. It changes nothing for a regular file.
const openFlags = syscall.O_NONBLOCK
