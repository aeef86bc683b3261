package render

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCreate: a file create opens is what os.OpenFile would make of it: every byte written
// (a large write too), the mode a file written with os.OpenFile gets here, O_EXCL refusing a
// name taken, and errors that name the operation and the path; closing twice is an error.
func TestCreate(t *testing.T) {
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	f0, err := os.OpenFile(ref, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f0.Close()
	want, _ := os.Stat(ref)

	p := filepath.Join(dir, "page.html")
	big := strings.Repeat("页面", 3<<20) // 18 MB in one write
	f, err := create(p, os.O_CREATE|os.O_TRUNC)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := f.Write([]byte(big)); n != len(big) || err != nil {
		t.Fatalf("write: %d of %d bytes, %v", n, len(big), err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("second close: %v, want %v", err, fs.ErrClosed)
	}
	if b, err := os.ReadFile(p); err != nil || string(b) != big {
		t.Errorf("read back %d bytes (%v), want %d", len(b), err, len(big))
	}
	if got, _ := os.Stat(p); got == nil || got.Mode() != want.Mode() {
		t.Errorf("mode %v, want %v as os.OpenFile makes it", got, want.Mode())
	}
	// O_TRUNC: a shorter file written over a longer one is the shorter one.
	if f, err = create(p, os.O_CREATE|os.O_TRUNC); err == nil {
		f.Write([]byte("短"))
		f.Close()
	}
	if b, _ := os.ReadFile(p); string(b) != "短" {
		t.Errorf("rewritten file holds %d bytes, want 3", len(b))
	}
	var pe *fs.PathError
	if _, err := create(p, os.O_CREATE|os.O_EXCL); !errors.Is(err, fs.ErrExist) || !errors.As(err, &pe) || pe.Op != "open" || pe.Path != p {
		t.Errorf("O_EXCL on a taken name: %v, want an open error on %s that is fs.ErrExist", err, p)
	}
	if _, err := create(filepath.Join(dir, "missing", "x.html"), os.O_CREATE|os.O_TRUNC); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("in a missing directory: %v, want fs.ErrNotExist", err)
	}
}
