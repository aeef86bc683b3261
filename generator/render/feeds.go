package render

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
	"github.com/planportal/planportal/generator/urls"
)

// SitemapMax is the number of URLs one sitemap file may hold (sitemaps.org).
const SitemapMax = 50000

// timeZone is the portal's: dates without a time are midnight in China Standard Time.
var timeZone = time.FixedZone("CST", 8*3600)

// feed is an Atom 1.0 feed (RFC 4287).
type feed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Gen     string      `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

// atomEntry is an entry. It states no atom:published: a document's entry is never updated
// after it is published, so updated says it (it said it twice); its link's type is left to
// the page, as RFC 4287 allows. Its author is left out where the feed's is every entry's
// (RFC 4287, 4.2.1: an entry without one has its feed's).
type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Link       atomLink       `xml:"link"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Summary    string         `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

func atomTime(d content.Date) string {
	if d.IsZero() {
		return time.Date(1970, 1, 1, 0, 0, 0, 0, timeZone).Format(time.RFC3339)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, timeZone).Format(time.RFC3339)
}

// atomFeed writes the feed of a listing to w: its newest entries, as many as config.toml's
// feed_limit says, of the year before the newest (feedCount; a job's documents, or a unit's
// items).
func (r *Renderer) atomFeed(w io.Writer, s *site.Site, j feedJob) error {
	abs := r.absURL
	f := feed{
		Lang: r.cfg.Language, ID: abs(urls.Feed(j.listURL)), Title: j.title,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: abs(urls.Feed(j.listURL))},
			{Rel: "alternate", Type: "text/html", Href: abs(j.listURL)},
		},
		Author: atomPerson{Name: r.cfg.Publisher}, Gen: "planportal",
		Updated: atomTime(content.Date{}),
	}
	if f.Author.Name == "" {
		f.Author.Name = r.cfg.Title
	}
	if j.listURL == urls.Home {
		// The site's description is the site feed's; a theme's, an agency's or a unit's
		// feed is said by its title (the description was 9,848 times the same 230 bytes).
		f.Sub = r.cfg.Description
	}
	if j.unit != nil {
		f.Entries = r.unitEntries(j.unit, f.Author.Name)
	} else {
		f.Entries = r.docEntries(s, j.docs, f.Author.Name)
	}
	if len(f.Entries) > 0 {
		f.Updated = f.Entries[0].Updated
	}
	if j.oneAgency {
		oneAuthor(&f)
	}
	sp := scratch()
	b := appendFeed(*sp, &f)
	_, err := w.Write(b)
	release(sp, b)
	return err
}

// appendFeed appends the feed f to b as encoding/xml's Encoder writes the type feed, after
// xml.Header and with a newline at the end, its link and category elements closed by "/>"
// (selfClosing): the type's tags stay the truth, which TestAppendFeedAsEncoder checks this
// against on hostile text. The encoder made each of the 9,225 feeds of 2,000 plans by
// reflection, a field at a time.
func appendFeed(b []byte, f *feed) []byte {
	b = append(b, xml.Header...)
	b = append(b, `<feed xmlns="http://www.w3.org/2005/Atom"`...)
	if f.Lang != "" {
		b = appendXMLAttr(b, "xml:lang", f.Lang)
	}
	b = append(b, '>')
	b = appendXMLElem(b, "id", f.ID)
	b = appendXMLElem(b, "title", f.Title)
	if f.Sub != "" {
		b = appendXMLElem(b, "subtitle", f.Sub)
	}
	b = appendXMLElem(b, "updated", f.Updated)
	for _, l := range f.Links {
		b = appendAtomLink(b, l)
	}
	b = appendXMLElem(append(b, "<author>"...), "name", f.Author.Name)
	b = appendXMLElem(append(b, "</author>"...), "generator", f.Gen)
	for i := range f.Entries {
		e := &f.Entries[i]
		b = appendXMLElem(append(b, "<entry>"...), "id", e.ID)
		b = appendXMLElem(b, "title", e.Title)
		b = appendXMLElem(b, "updated", e.Updated)
		b = appendAtomLink(b, e.Link)
		if e.Author != nil {
			b = appendXMLElem(append(b, "<author>"...), "name", e.Author.Name)
			b = append(b, "</author>"...)
		}
		if e.Summary != "" {
			b = appendXMLElem(b, "summary", e.Summary)
		}
		for _, c := range e.Categories {
			b = appendXMLAttr(append(b, "<category"...), "term", c.Term)
			if c.Label != "" {
				b = appendXMLAttr(b, "label", c.Label)
			}
			b = append(b, "/>"...)
		}
		b = append(b, "</entry>"...)
	}
	return append(b, "</feed>\n"...)
}

// appendAtomLink appends a link element (appendFeed).
func appendAtomLink(b []byte, l atomLink) []byte {
	b = append(b, "<link"...)
	if l.Rel != "" {
		b = appendXMLAttr(b, "rel", l.Rel)
	}
	if l.Type != "" {
		b = appendXMLAttr(b, "type", l.Type)
	}
	return append(appendXMLAttr(b, "href", l.Href), "/>"...)
}

// appendXMLElem appends the element name holding the text s (appendFeed).
func appendXMLElem(b []byte, name, s string) []byte {
	b = append(append(append(b, '<'), name...), '>')
	b = appendXMLText(b, s)
	return append(append(append(b, "</"...), name...), '>')
}

// appendXMLAttr appends the attribute name="s" with a space before it (appendFeed).
func appendXMLAttr(b []byte, name, s string) []byte {
	b = append(append(append(b, ' '), name...), `="`...)
	return append(appendXMLText(b, s), '"')
}

// appendXMLText appends s escaped as encoding/xml escapes text and attribute values
// (xml.EscapeText): the five markup characters, tab, newline and carriage return as
// references, and a character XML cannot hold (or a byte that is not UTF-8) as U+FFFD.
func appendXMLText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>' {
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !xmlChar(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			i += width
			continue
		}
		b = append(append(b, s[last:i]...), esc...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

// xmlChar reports whether XML 1.0 can hold r (its Char production).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// FeedReach is how far back from its newest entry a feed reaches: a year. A feed tells a
// subscriber what is new since it last looked, which clients do every few hours or days; the
// listing page (the feed's alternate link) holds every entry. The portal's documents are
// annual plans and notices, so a year holds an agency's current plan and a unit's items in
// it, whole, while a unit's items of the years before were 14.1 MB of the 36.8 MB of feeds
// at 2,000 generated plans (a unit is named in one plan a year, by up to 50 items a plan).
// It is counted from the newest entry, not from the day of the build, so that the same
// content makes the same feeds.
const FeedReach = 365 * 24 * time.Hour

// feedCount is how many of n entries, newest first (date(i) is entry i's), a feed holds:
// config.toml's feed_limit (all of them where it is 0) of those dated within FeedReach of
// the newest.
func (r *Renderer) feedCount(n int, date func(i int) content.Date) int {
	if r.cfg.FeedLimit > 0 {
		n = min(n, r.cfg.FeedLimit)
	}
	for i := 1; i < n; i++ {
		if date(0).Sub(date(i).Time) >= FeedReach {
			return i
		}
	}
	return n
}

// docEntries are a listing's newest documents as feed entries (docs are newest first, by the
// published date the content states: site.SortNewestFirst).
func (r *Renderer) docEntries(s *site.Site, docs []*content.Document, author string) []atomEntry {
	abs := r.absURL
	var out []atomEntry
	for _, d := range docs[:r.feedCount(len(docs), func(i int) content.Date { return docs[i].Meta.Published })] {
		e := atomEntry{
			ID: abs(d.URL), Title: d.Meta.Title, Updated: atomTime(d.Meta.Published),
			Link: atomLink{Rel: "alternate", Href: abs(d.URL)}, Author: entryAuthor(d, author),
			Summary: d.Meta.Summary,
		}
		for _, t := range s.Analysis(d).Themes() {
			e.Categories = append(e.Categories, atomCategory{Term: t, Label: r.cfg.ThemeName(t)})
		}
		out = append(out, e)
	}
	return out
}

// unitEntries are a unit's or leader's newest items as feed entries (u.Entries are newest
// document first): what a reader following a unit wants to hear of is the next item it
// answers for, not the whole plan. An entry's summary is the item's lead (site.Noted.Lead):
// the whole text is at its link.
func (r *Renderer) unitEntries(u *site.Unit, author string) []atomEntry {
	abs := r.absURL
	var out []atomEntry
	for _, e := range u.Entries[:r.feedCount(len(u.Entries), func(i int) content.Date { return u.Entries[i].Doc.Meta.Published })] {
		d := e.Doc
		title := d.Meta.Title
		if e.Marker != "" {
			title += " 第" + strings.TrimRight(e.Marker, ".、．") + "条"
		}
		a := atomEntry{
			ID: abs(e.URL), Title: title, Updated: atomTime(d.Meta.Published),
			Link: atomLink{Rel: "alternate", Href: abs(e.URL)}, Author: entryAuthor(d, author),
			Summary: zhText(e.Lead),
		}
		out = append(out, a)
	}
	return out
}

// entryAuthor is the author of d's entries: its agency, or the feed's author where it names
// none.
func entryAuthor(d *content.Document, feedAuthor string) *atomPerson {
	if d.Meta.Agency == "" {
		return &atomPerson{Name: feedAuthor}
	}
	return &atomPerson{Name: d.Meta.Agency}
}

// oneAuthor names the author of an agency's or a unit's feed (feedJob.oneAgency), whose
// entries have one, once, as the feed's, instead of in every entry: 1.9 MB of the 21.6 MB of
// feeds at 1,000 generated plans, most of it in the 4,193 units' feeds. The site's, a theme's
// and a region's feed keep the publisher as their author even when their entries happen to
// be one agency's (a region of one county, feed_limit = 1): it is the portal's list, and its
// author must not change with its newest entries.
func oneAuthor(f *feed) {
	if len(f.Entries) == 0 {
		return
	}
	name := f.Entries[0].Author.Name
	for _, e := range f.Entries {
		if e.Author.Name != name {
			return
		}
	}
	f.Author.Name = name
	for i := range f.Entries {
		f.Entries[i].Author = nil
	}
}

// feedJob is one feed to write.
type feedJob struct {
	listURL, title string
	docs           []*content.Document
	unit           *site.Unit // a unit's feed lists its items
	// oneAgency is set for the feeds of one agency by construction (an agency's, a unit's):
	// their author is that agency's (oneAuthor).
	oneAgency bool
}

// feedJobs lists the site's feed and one per theme, agency and region.
func (r *Renderer) feedJobs(s *site.Site) []feedJob {
	jobs := []feedJob{{listURL: urls.Home, title: r.cfg.Title, docs: s.Documents}}
	for _, t := range s.Themes {
		jobs = append(jobs, feedJob{listURL: t.URL, title: r.cfg.Title + "：" + t.Name, docs: s.ThemeDocuments(t.Slug)})
	}
	for _, g := range s.Agencies {
		jobs = append(jobs, feedJob{listURL: g.URL, title: r.cfg.Title + "：" + g.Name, docs: g.Documents, oneAgency: true})
	}
	for _, g := range s.Regions {
		jobs = append(jobs, feedJob{listURL: g.URL, title: r.cfg.Title + "：" + g.Name, docs: g.Documents})
	}
	for _, u := range s.Units {
		jobs = append(jobs, feedJob{listURL: u.URL, title: r.cfg.Title + "：" + u.Name + "（" + u.Agency + "）", unit: u, oneAgency: true})
	}
	return jobs
}

// feedsOf returns the feeds a page links to in its head: the site's, and its listing's own.
func feedsOf(p *Page) []feedLink {
	out := []feedLink{{Title: p.Config.Title, URL: urls.Feed(urls.Home)}}
	switch {
	case p.Theme != nil && p.Theme.Slug != "untagged":
		out = append(out, feedLink{Title: p.Config.Title + "：" + p.Theme.Name, URL: urls.Feed(p.Theme.URL)})
	case p.Group != nil:
		out = append(out, feedLink{Title: p.Config.Title + "：" + p.Group.Name, URL: urls.Feed(p.Group.URL)})
	case p.Unit != nil:
		out = append(out, feedLink{Title: p.Config.Title + "：" + p.Unit.Name + "（" + p.Unit.Agency + "）", URL: urls.Feed(p.Unit.URL)})
	}
	return out
}

type feedLink struct{ Title, URL string }

// ownFeed is the feed of what the page lists, for a visible subscribe link: a theme's, an
// agency's or a region's, the site's on the home page; nil on other pages.
func ownFeed(p *Page) *feedLink {
	f := feedsOf(p)
	switch {
	case len(f) > 1:
		return &f[len(f)-1]
	case p.Layout == "home":
		return &f[0]
	}
	return nil
}

// sitemapURL is one page a sitemap lists: loc is its site-relative URL (the page's own
// string, a document's shared with the document), made absolute as the sitemap is written.
type sitemapURL struct{ loc, lastmod string }

// sitemapEntry is a page as the sitemap lists it, with its last modification: a document's
// date, or the newest document of a listing; ok is false for a file the sitemap leaves out.
func (r *Renderer) sitemapEntry(j pageJob) (entry sitemapURL, ok bool) {
	p := j.page
	if p == nil || p.NoIndex || !strings.HasSuffix(j.file, "index.html") {
		return entry, false
	}
	var last content.Date
	switch {
	case p.Doc != nil:
		last = p.Doc.Meta.Published
	case p.List != nil && len(p.List.Documents) > 0:
		last = p.List.Documents[0].Meta.Published // listings are newest first
	case p.ThemePage != nil:
		for _, g := range p.ThemePage.Groups {
			for _, d := range g.Documents {
				if d.Doc.Meta.Published.After(last.Time) {
					last = d.Doc.Meta.Published
				}
			}
		}
	case len(p.Site.Documents) > 0:
		last = p.Site.Documents[0].Meta.Published
	}
	entry = sitemapURL{loc: p.URL}
	if !last.IsZero() {
		entry.lastmod = last.String()
	}
	return entry, true
}

// sitemapPart is one sitemap file: a list of URLs, or (index set) the index of the others.
type sitemapPart struct {
	name  string
	urls  []sitemapURL
	index []string // names of the parts, in an index
}

// sitemapParts decides which sitemap files a site has, for Render and Files alike:
// sitemap.xml alone, or past sitemapMax URLs an index sitemap.xml and sitemap-1.xml …
// sitemap-N.xml of at most sitemapMax URLs each.
func (r *Renderer) sitemapParts(urls []sitemapURL) []sitemapPart {
	max := r.sitemapMax
	if len(urls) <= max {
		return []sitemapPart{{name: "sitemap.xml", urls: urls}}
	}
	parts := []sitemapPart{{name: "sitemap.xml"}}
	for i := 0; i*max < len(urls); i++ {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		parts = append(parts, sitemapPart{name: name, urls: urls[i*max : min((i+1)*max, len(urls))]})
		parts[0].index = append(parts[0].index, name)
	}
	return parts
}

// write writes a sitemap file to w as it makes it: a part lists up to sitemapMax URLs (about
// 5 MB), made whole in memory before it was written, at the end of the render, where the
// rows of the indicator lists still were.
func (p sitemapPart) write(w io.Writer, abs func(string) string) error {
	b := bufio.NewWriter(w)
	if p.index != nil {
		b.WriteString(xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, name := range p.index {
			b.WriteString("<sitemap><loc>" + abs("/"+name) + "</loc></sitemap>\n")
		}
		b.WriteString("</sitemapindex>\n")
		return b.Flush()
	}
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, x := range p.urls {
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(b, []byte(abs(x.loc)))
		b.WriteString("</loc>")
		if x.lastmod != "" {
			b.WriteString("<lastmod>" + x.lastmod + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Flush()
}

// robots keeps crawlers off the JSON API and points at the sitemap. The search page decides
// itself: a plain keyword search is indexable, filtered and paged ones are noindex.
func (r *Renderer) robots() []byte {
	return []byte("User-agent: *\nDisallow: " + path.Dir(urls.API) + "/\n\nSitemap: " + r.absURL(urls.Sitemap) + "\n")
}
