package render

import (
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// File renders one file of the site on demand.
type File func() ([]byte, error)

// Files lists every file Render would write, by site-relative slash path (index.html,
// plans/x/index.html, assets/style.1a2b3c4d.css, feed.xml …), without rendering any: a live
// preview renders only what a browser asks for. Each File renders (and minifies) afresh when
// called; it is safe to call Files' values concurrently. It also reports, as Conflicts does, the
// documents whose page would take the path of a generated page: the table is not to be
// served while there are any.
func (r *Renderer) Files(s *site.Site) (map[string]File, content.Errors) {
	out := map[string]File{}
	for _, a := range r.assets {
		data := a.data
		out[urls.File(a.url)] = func() ([]byte, error) { return data, nil }
	}
	gens := map[string]string{}
	r.eachJob(s, func(j pageJob) {
		addGenerated(gens, j)
		if j.gen != nil {
			out[j.file] = generated(j.gen)
		} else {
			out[j.file] = func() ([]byte, error) { return r.RenderPage(j.page) }
		}
	})
	return out, conflicts(s, gens)
}
