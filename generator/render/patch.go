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
		f, _ := ownData(s, p)
		out[f.file] = generated(f.gen)
	}
	return out
}

// ownData is the job of writing the data file of a document's page (data.DocFile), which
// the document's page is followed by (eachJob, DocumentFiles); ok is false for any other page.
// A document's own outputs, its page and its data file, are made one after the other from its
// text: the first step of a build that makes each document's outputs in one pass and then
// lets its text go (issue 16), where the data files were made after every page, the sitemap
// and the corpus-wide files.
func ownData(s *site.Site, p *Page) (pageJob, bool) {
	if p == nil || p.Doc == nil || p.Layout != "document" {
		return pageJob{}, false
	}
	f := data.DocFile(s, p.Doc)
	return pageJob{file: urls.File(f.URL), gen: f.Gen}, true
}

// generated is a file that gen writes as it makes it, made in memory.
func generated(gen func(io.Writer) error) File {
	return func() ([]byte, error) {
		var b bytes.Buffer
		err := gen(&b)
		return b.Bytes(), err
	}
}
