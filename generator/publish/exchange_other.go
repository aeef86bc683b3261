//go:build !linux

package publish

import "errors"

// exchange would swap two directories atomically; this system has no such call, so a swap
// is two renames, which the journal protects.
var exchange = func(a, b string) error { return errors.New("no atomic exchange on this system") }
