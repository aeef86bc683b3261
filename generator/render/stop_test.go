package render_test

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/planportal/planportal/generator/render"
)

// failingOutput fails the write of one file and records every write that starts after the
// failure was returned.
type failingOutput struct {
	fail   string
	mu     sync.Mutex
	failed bool
	before int
	after  []string
}

var errDiskFull = errors.New("no space left on device")

func (o *failingOutput) Create(name string) (io.WriteCloser, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case o.failed:
		o.after = append(o.after, name)
	case name == o.fail:
		o.failed = true
		return nil, errDiskFull
	default:
		o.before++
	}
	return nopFile{}, nil
}

type nopFile struct{}

func (nopFile) Write(p []byte) (int, error) { return len(p), nil }
func (nopFile) Close() error                { return nil }

// TestRenderStopsAtFirstError: once a file fails, Render hands out no further work (only the
// workers already busy with a page may finish it) and the error names the failing file.
func TestRenderStopsAtFirstError(t *testing.T) {
	// One P: the workers (at least two) still interleave at every channel operation, but the
	// failing worker is not overtaken between its failed write and Render hearing of it by
	// another worker writing page after page on a second core, which made the bound below
	// depend on the machine's load (CI, 2026-12-03: 6 files once pages got cheaper).
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	cfg, s := loadSite(t, fixtureDir)
	all := outputFiles(t, renderSite(t, cfg, s, themeDir))
	r, err := render.New(cfg, themeDir)
	if err != nil {
		t.Fatal(err)
	}
	// index.html is the first page handed out; the assets before it are written in order.
	out := &failingOutput{fail: "index.html"}
	_, err = r.Render(s, out, nil)
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("Render: %v, want the write error", err)
	}
	if !strings.HasPrefix(err.Error(), "index.html: ") {
		t.Errorf("error %q does not start with the failing file", err)
	}
	// Workers besides the failing one may each finish the page they were rendering. The
	// fake output marks the failure before Render hears of it (the failing worker still has
	// to return from Create and close its signal), and on a loaded machine that worker can be
	// descheduled while another finishes a second small page: allow one more per worker. A
	// Render that kept handing out work would write nearly every remaining file.
	busy := 2 * (max(2, runtime.GOMAXPROCS(0)) - 1) // GOMAXPROCS is 1 here: 2 workers
	if len(out.after) > busy {
		t.Errorf("%d of %d files were still written after index.html failed (at most %d workers were busy): %v",
			len(out.after), len(all), busy, out.after)
	}
}
