package render

import (
	"bytes"
	"io"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/data"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// DocumentFiles lists the files of the given published documents of s (their pages and their
// JSON files), by the names Files gives them, without listing the rest of the site: the
// live preview's quick answer to an edit of these documents (site.Patch) renders them alone.
func (r *Renderer) DocumentFiles(s *site.Site, docs []*content.Document) map[string]File {
	out := make(map[string]File, 2*len(docs))
	for _, d := range docs {
		p := documentPage(r, s, d)
		p.Layout = "document"
		out[urls.File(d.URL)] = func() ([]byte, error) { return r.RenderPage(p) }
		f := data.DocFile(s, d)
		out[urls.File(f.URL)] = generated(f.Gen)
	}
	return out
}

// generated is a file that gen writes as it makes it, made in memory.
func generated(gen func(io.Writer) error) File {
	return func() ([]byte, error) {
		var b bytes.Buffer
		err := gen(&b)
		return b.Bytes(), err
	}
}
