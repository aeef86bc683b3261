package render

import (
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// TestOwnDataFollowsPage: every file list of a site (eachJob, which Render, Files and
// Conflicts read) has each published document's data file right after its page, once, and
// its bytes are data.DocFile's; a build then makes a document's own outputs one after the
// other from its text (issue 16), where main made the data files after every page, the
// sitemap and the corpus-wide files.
func TestOwnDataFollowsPage(t *testing.T) {
	forTestSites(t, func(t *testing.T, name string, cfg *config.Config, s *site.Site, r *Renderer) {
		var jobs []pageJob
		r.eachJob(s, func(j pageJob) { jobs = append(jobs, j) })
		at := map[string][]int{}
		for i, j := range jobs {
			at[j.file] = append(at[j.file], i)
		}
		if len(s.Documents) == 0 {
			t.Fatal("no documents")
		}
		for _, d := range s.Documents {
			page, own := at[urls.File(d.URL)], at[urls.File(urls.DocData(d.URL))]
			if len(page) != 1 || len(own) != 1 {
				t.Errorf("%s: page listed %d times, data file %d times, want once each", d.Path, len(page), len(own))
				continue
			}
			if own[0] != page[0]+1 {
				t.Errorf("%s: data file is job %d, its page job %d: not made right after it", d.Path, own[0], page[0])
			}
			j := jobs[own[0]]
			if j.page != nil || j.gen == nil {
				t.Errorf("%s: data file's job is not a generated file", d.Path)
			}
		}
	})
}
