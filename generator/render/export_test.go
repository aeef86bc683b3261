package render

// SetSitemapMax lets tests split the sitemap of a small site: the real limit, SitemapMax
// URLs, takes a site of 50,000 pages to reach.
func SetSitemapMax(r *Renderer, n int) { r.sitemapMax = n }

// SetPageSizes lets tests paginate the index of units and the lists of targets of a small
// site.
func SetPageSizes(r *Renderer, units, indicators int) {
	r.unitsPerPage, r.indicatorsPerPage = units, indicators
}
