package render

// SetSitemapMax lets tests split the sitemap of a small site: the real limit, SitemapMax
// URLs, takes a site of 50,000 pages to reach.
func SetSitemapMax(r *Renderer, n int) { r.sitemapMax = n }
