//go:build !unix

package publish

// Lock is a no-op where flock is not available.
func Lock(dest string) (func(), error) { return func() {}, nil }
