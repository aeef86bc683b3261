// Package searchtest gives the tests of the search packages the bundled content (config.toml
// and content/ at the repository's root), loaded once per test binary, and its documents
// paired with their analysis as the build indexes them.
package searchtest

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/internal/sitetest"
	"github.com/planportal/planportal/generator/search"
)

var bundled struct {
	once sync.Once
	cfg  *config.Config
	docs []*content.Document
	err  error
}

// Bundled returns the repository's config and documents.
func Bundled(t testing.TB) (*config.Config, []*content.Document) {
	t.Helper()
	bundled.once.Do(func() {
		root := sitetest.Root()
		cfg, err := config.Load(filepath.Join(root, "config.toml"))
		if err != nil {
			bundled.err = err
			return
		}
		res, err := content.NewLoader(content.Options{}).LoadDir(root)
		if err != nil {
			bundled.err = err
			return
		}
		bundled.cfg, bundled.docs = cfg, res.Documents
	})
	if bundled.err != nil {
		t.Fatal(bundled.err)
	}
	return bundled.cfg, bundled.docs
}

// Sources pairs documents with their analysis under cfg, as the build does.
func Sources(cfg *config.Config, docs []*content.Document) []search.Source {
	az := analysis.New(cfg)
	out := make([]search.Source, len(docs))
	for i, d := range docs {
		out[i] = search.Source{Doc: d, Analysis: az.Analyse(d)}
	}
	return out
}
