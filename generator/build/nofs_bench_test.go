package build

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/planportal/planportal/generator/render"
	"github.com/planportal/planportal/generator/site"
)

// discardOutput is an Output that writes nowhere.
type discardOutput struct{}

type discardFile struct{}

func (discardFile) Write(p []byte) (int, error) { return len(p), nil }
func (discardFile) Close() error                { return nil }

func (discardOutput) Create(string) (io.WriteCloser, error) { return discardFile{}, nil }

// BenchmarkRenderCorpusNoFS is BenchmarkRenderCorpus with every file written nowhere: the
// render's own CPU time (templates, fragments, feeds, open data, the collector), without the
// file system's, which on a shared disk depends on what was removed there last (ext4 without
// a journal skips recently freed inodes). out-MB/op is what the render made (every file, in
// MB): unlike its time it does not depend on the machine, and per plan it should not grow
// with the site (issue 16). Skipped without $PLANPORTAL_BENCH_SITE.
func BenchmarkRenderCorpusNoFS(b *testing.B) {
	src, cfg, res := loadBenchSite(b)
	s := site.Build(cfg, res.Documents, site.Options{})
	rend, err := render.New(cfg, filepath.Join(src, "themes", cfg.Theme))
	if err != nil {
		b.Fatal(err)
	}
	cpuPerRun(b, "public", func(string) {
		st, err := rend.Render(s, discardOutput{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Pages), "pages/op")
		b.ReportMetric(float64(st.Bytes)/1e6, "out-MB/op")
	})
}
