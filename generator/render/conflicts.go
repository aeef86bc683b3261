package render

import (
	"fmt"
	"strings"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// Conflicts reports the documents of s whose page would take a path the site generates: a
// file of its own (a listing, a theme or group page, a feed, the sitemap, robots.txt, the 404
// page …), or one under a URL a kind of page owns whole (pageKind.owns: /themes/, /agencies/,
// /search/ …; the theme's assets, /assets/; the open data, /data/), or a directory where one of those is a file
// (content/sitemap.xml.md). Left alone, the document would silently replace the page, or the
// build would fail writing it. Each is an error at the document's first line: its file name
// makes its URL. Files compare without letter case, as they do on Windows and macOS.
func Conflicts(s *site.Site) content.Errors {
	r := withLimits(&Renderer{cfg: s.Config})
	generated := map[string]string{}
	r.eachJob(s, func(j pageJob) { addGenerated(generated, j) })
	return conflicts(s, generated)
}

// addGenerated records the file a job writes, unless it is a document's page, in generated
// (file, without letter case → what generates it).
func addGenerated(generated map[string]string, j pageJob) {
	switch {
	case j.page == nil && urls.IsFeed(j.file):
		generated[strings.ToLower(j.file)] = "/" + j.file + " (feed)"
	case j.page == nil:
		generated[strings.ToLower(j.file)] = "/" + j.file
	case j.page.Doc == nil:
		generated[strings.ToLower(j.file)] = j.page.URL + " (" + j.page.Layout + ")"
	}
}

// conflicts is Conflicts given the files the site generates (addGenerated), for a caller that
// goes through the site's files anyway (Files).
func conflicts(s *site.Site, generated map[string]string) content.Errors {
	type space struct{ url, what string }
	spaces := []space{{urls.Assets, urls.Assets + "… (assets)"}, {urls.Data, urls.Data + "… (data)"}}
	for _, k := range pageKinds {
		for _, u := range k.owns {
			what := u + " (" + k.layout + ")"
			if strings.HasSuffix(u, "/") {
				what = u + "… (" + k.layout + ")"
			}
			spaces = append(spaces, space{u, what})
		}
	}
	var out content.Errors
	for _, d := range s.Documents {
		what := ""
		file := strings.ToLower(urls.File(d.URL))
		// The document's file, or a directory on its path, is generated as a file.
		for p := file; p != "." && what == ""; p = parentOf(p) {
			what = generated[p]
		}
		for _, sp := range spaces {
			if what != "" {
				break
			}
			owned := strings.ToLower(sp.url)
			if strings.HasSuffix(owned, "/") && strings.HasPrefix(strings.ToLower(d.URL), owned) ||
				!strings.HasSuffix(owned, "/") && strings.HasPrefix(file, strings.ToLower(urls.File(sp.url))+"/") {
				what = sp.what
			}
		}
		if what != "" {
			out = append(out, &content.Diagnostic{File: d.Path, Line: 1, Message: fmt.Sprintf(
				"网址 %s 与 planportal 生成的 %s 冲突，请给文件改名或移到别处（URL %s collides with %s, which planportal generates: rename or move the file）",
				d.URL, what, d.URL, what)})
		}
	}
	return out
}

// parentOf is the directory of a slash path, "." at the top.
func parentOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}
