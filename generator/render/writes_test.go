package render_test

import (
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/planportal/planportal/generator/render"
)

// writesOutput records, for each file, the sizes of the writes it is made of.
type writesOutput struct {
	mu     sync.Mutex
	writes map[string][]int
}

type writesFile struct {
	o    *writesOutput
	name string
}

func (o *writesOutput) Create(name string) (io.WriteCloser, error) {
	return writesFile{o, name}, nil
}

func (f writesFile) Write(p []byte) (int, error) {
	f.o.mu.Lock()
	f.o.writes[f.name] = append(f.o.writes[f.name], len(p))
	f.o.mu.Unlock()
	return len(p), nil
}

func (writesFile) Close() error { return nil }

// TestRenderWritesWholeFiles: every file of the site reaches its Output in one write, or, when
// it is larger than the 64 KB a generated file is written through, in writes of 64 KB but the
// last: the open data's CSV files and catalogue were written in the pieces they are made in
// (4 KB of CSV, a comma and a document of JSON), a system call each; the CSV files are in zip
// archives (.csv.zip).
//
// The site is 30 plans generated from the bundled ones (gencorpus's corpus.Generate): the
// bundled site's own open data, deflated, has no file of more than 64 KB made in pieces.
func TestRenderWritesWholeFiles(t *testing.T) {
	cfg, s := render.GeneratedSite(t, 30, 1)
	r, err := render.New(cfg, themeDir)
	if err != nil {
		t.Fatal(err)
	}
	out := &writesOutput{writes: map[string][]int{}}
	if _, err := r.Render(s, out, nil); err != nil {
		t.Fatal(err)
	}
	const buf = 64 << 10
	var csv, multi int
	for name, ws := range out.writes {
		if strings.HasSuffix(name, ".csv.zip") {
			csv++
		}
		if len(ws) > 1 {
			multi++
		}
		for i, n := range ws[:len(ws)-1] {
			if n != buf {
				t.Errorf("%s: write %d of %d is %d bytes, want %d (writes %v)", name, i+1, len(ws), n, buf, ws)
				break
			}
		}
	}
	if csv == 0 || multi == 0 {
		t.Errorf("%d CSV files, %d files in more than one write: want the open data, and a file larger than %d bytes", csv, multi, buf)
	}
}
