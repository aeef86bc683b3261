package build

import (
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/site"
)

// The pipeline's stages, shared by build (Run), by the live preview (package devserver) and
// by its background indexing, so that each reads the same truth: load (LoadConfig, NewLoader
// and content.Loader.LoadDir or Reload), analyse (site.Build, which runs package analysis),
// outputs (render.Renderer.Files and Index), publish (Run).

// LoadConfig reads the site's config; a problem in it is a *ContentError.
func LoadConfig(path string) (*config.Config, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, &ContentError{err}
	}
	return cfg, nil
}

// NewLoader returns the content loader for a config: themes are checked against its
// taxonomy, raw HTML is escaped unless it allows it.
func NewLoader(cfg *config.Config) *content.Loader {
	return content.NewLoader(content.Options{
		KnownTheme: func(s string) bool { return cfg.ThemeBySlug(s) != nil },
		ThemeSlugs: themeSlugs(cfg),
		Unsafe:     cfg.Markup.Unsafe,
		MinYear:    cfg.Content.MinYear,
		MaxYear:    cfg.Content.MaxYear,
	})
}

// Index writes the search index of the site's documents into dir: their records, each with
// its analysis, and the config's synonyms. workers bounds how many shards are built at once
// (0: all of them, as build does; the live preview builds one at a time).
func Index(dir string, s *site.Site, workers int) (int, error) {
	return indexDocs(dir, s, s.Documents, bleveindex.Shards, workers, nil, false)
}

// IndexDocs is Index of some of the site's documents, in n shards: the live preview indexes
// the documents edited since its last full index this way, as a patch over it.
func IndexDocs(dir string, s *site.Site, docs []*content.Document, n, workers int) (int, error) {
	return indexDocs(dir, s, docs, n, workers, nil, false)
}

// indexDocs is IndexDocs; fed is called by each shard once it has all its records
// (bleveindex.BuildWorkers). The index reads each document's text as the site gives it
// (site.Site.Body). With release, the index is the documents' last reader (Run): the site
// lets each text go (site.Site.Release) once the index has it, and the sources it makes are
// the shards' to clear as they are fed, so that each document's text is freed once its
// records are made, not at the end of the build (issue 16).
func indexDocs(dir string, s *site.Site, docs []*content.Document, n, workers int, fed func(), release bool) (int, error) {
	src := make([]search.Source, len(docs))
	for i, d := range docs {
		body, err := s.Body(d)
		if err != nil {
			return 0, err
		}
		src[i] = search.Source{Doc: body, Analysis: s.Analysis(d)}
	}
	if release {
		for _, d := range docs {
			s.Release(d)
		}
	}
	if workers <= 0 {
		workers = n
	}
	return bleveindex.BuildWorkers(dir, src, s.Config.Search.Synonyms, n, workers, true, fed)
}

func themeSlugs(cfg *config.Config) []string {
	var s []string
	for _, t := range cfg.Themes {
		s = append(s, t.Slug)
	}
	return s
}
