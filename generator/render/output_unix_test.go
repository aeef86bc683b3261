//go:build unix

package render

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestRawFileWritesInChunks: a buffer larger than one write may take is written whole, in
// order, in several calls (macOS refuses one write of 2 GiB or more; here the bound is made
// small so that a page crosses it).
func TestRawFileWritesInChunks(t *testing.T) {
	defer func(m int, w func(int, []byte) (int, error)) { maxWrite, sysWrite = m, w }(maxWrite, sysWrite)
	maxWrite = 7
	calls := 0
	sysWrite = func(fd int, b []byte) (int, error) {
		calls++
		if len(b) > maxWrite {
			t.Fatalf("one write of %d bytes, more than the bound %d", len(b), maxWrite)
		}
		return syscall.Write(fd, b)
	}
	p := filepath.Join(t.TempDir(), "page.html")
	f, err := create(p, os.O_CREATE|os.O_EXCL)
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Repeat([]byte("页面0123456789"), 37)
	if n, err := f.Write(want); err != nil || n != len(want) {
		t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(want))
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if calls < len(want)/maxWrite {
		t.Errorf("%d write calls for %d bytes in chunks of %d", calls, len(want), maxWrite)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("file holds %d bytes, not the %d written in order", len(got), len(want))
	}
}
