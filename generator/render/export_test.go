package render

import "github.com/planportal/planportal/generator/config"

// SetSitemapMax lets tests split the sitemap of a small site: the real limit, SitemapMax
// URLs, takes a site of 50,000 pages to reach.
func SetSitemapMax(r *Renderer, n int) { r.sitemapMax = n }

// SetPageSizes lets tests paginate the index of units and the lists of targets of a small
// site.
func SetPageSizes(r *Renderer, units, indicators int) {
	r.unitsPerPage, r.indicatorsPerPage = units, indicators
}

// NewPerPage is New with the theme's templates read as written and each page minified after
// it is executed: the pages as they were made before templates were minified once.
func NewPerPage(cfg *config.Config, themeDir string) (*Renderer, error) {
	return newRenderer(cfg, themeDir, true)
}
