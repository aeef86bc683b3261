package render

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/planportal/planportal/generator/site"
)

// File renders one file of the site on demand.
type File func() ([]byte, error)

// Files lists every file Render would write, by site-relative slash path (index.html,
// plans/x/index.html, assets/style.1a2b3c4d.css, feed.xml …), without rendering any: a live
// preview renders only what a browser asks for. Each File renders (and minifies) afresh when
// called; it is safe to call Files' values concurrently.
func (r *Renderer) Files(s *site.Site) map[string]File {
	out := map[string]File{}
	for _, a := range r.assets {
		data := a.data
		out[strings.TrimPrefix(a.url, "/")] = func() ([]byte, error) { return data, nil }
	}
	jobs := r.pageJobs(s)
	for _, j := range jobs {
		out[j.file] = func() ([]byte, error) { return r.RenderPage(j.page) }
	}
	// The sitemap is computed once, when first asked for; past SitemapMax URLs it is split.
	var once sync.Once
	var maps map[string][]byte
	sitemap := func(name string) File {
		return func() ([]byte, error) {
			once.Do(func() { maps = r.sitemap(jobs) })
			if b, ok := maps[name]; ok {
				return b, nil
			}
			return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
		}
	}
	out["sitemap.xml"] = sitemap("sitemap.xml")
	for i := 0; i*SitemapMax < len(jobs) && len(jobs) > SitemapMax; i++ {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		out[name] = sitemap(name)
	}
	out["robots.txt"] = func() ([]byte, error) { return r.robots(), nil }
	for _, f := range r.feedJobs(s) {
		out[strings.TrimPrefix(FeedURL(f.listURL), "/")] = func() ([]byte, error) {
			return r.atomFeed(s, f.listURL, f.title, f.docs)
		}
	}
	return out
}
