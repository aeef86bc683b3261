package site

import (
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/internal/runes"
	"github.com/planportal/planportal/generator/taxonomy"
	"github.com/planportal/planportal/generator/urls"
)

// Theme is one theme of the taxonomy with every passage that carries it, grouped by region
// (or agency, for a document without a region) and paginated for its pages.
type Theme struct {
	Slug        string
	Name        string
	Description string
	URL         string // /themes/children/
	// Table is the policy-library table of the theme's documents (/themes/children/files/);
	// "" for the untagged items, which are for editors.
	Table string
	// Documents counts the documents with a passage on the theme or the theme in their front
	// matter; Items counts the passages.
	Documents int
	Items     int
	Pages     []*ThemePage
	// docs are the documents counted in Documents, newest first (for the theme's feed).
	docs []*content.Document
}

// ThemeDocuments returns the documents on a theme, newest first.
func (s *Site) ThemeDocuments(slug string) []*content.Document {
	for _, t := range s.Themes {
		if t.Slug == slug {
			return t.docs
		}
	}
	return nil
}

// ThemePage is one page of a theme's listing. A document's passages are never split across
// pages, so each document of the theme has one place on its pages.
type ThemePage struct {
	N      int    // from 1
	URL    string // /themes/children/ or /themes/children/page/2/
	Groups []*ThemeGroup
}

// ThemeGroup is a region's (or agency's) documents on a theme page.
type ThemeGroup struct {
	Name      string
	ID        string // element id on the theme page: the region's slug
	URL       string // the region's (or agency's) own listing
	Continued bool   // the group began on the previous page
	// Within are the places the region is in, the province first.
	Within    []*Group
	Documents []*ThemeDoc
}

// ThemeDoc is a document on a theme page with its passages on the theme.
type ThemeDoc struct {
	Doc *content.Document // the head (Site.Documents)
	ID  string            // element id on the theme page, DocID(Doc)
	// body is the document's text, the site's (Site.Body): the entries are made from it.
	body *body
	// theme is the theme's slug (config.UntaggedSlug for the passages on none); n counts the
	// document's entries on it.
	theme string
	an    *analysis.Doc
	n     int
}

// Entries are the document's passages on the theme, in document order. They are made from
// the document's text and its analysis when a page asks, not kept: a site holds a ThemeDoc
// for every (document, theme), and the entries of all of them were the largest part of its
// memory. The error is Site.Body's, once the site has released the document's text.
func (d *ThemeDoc) Entries() ([]Entry, error) {
	if d.n == 0 {
		return nil, nil
	}
	out := make([]Entry, 0, d.n)
	if err := d.EachEntry(func(e *Entry) { out = append(out, *e) }); err != nil {
		return nil, err
	}
	return out, nil
}

// EachEntry calls fn with each of Entries in turn, made as Entries makes it but not kept: a
// page that writes each entry as it comes (the render's theme pages) needs no list of them.
// The entry is fn's only during the call. The error is Site.Body's, as Entries'.
func (d *ThemeDoc) EachEntry(fn func(*Entry)) error {
	if d.n == 0 {
		return nil
	}
	doc, err := d.body.get(d.Doc)
	if err != nil {
		return err
	}
	found := 0
	var e Entry
	doc.Passages(func(p content.Passage) {
		// The n entries were counted by the same walk when the document was listed: once they
		// are found, the passages after the last are not looked up. A passage's tags are its
		// themes, each with its reason: one lookup finds both.
		if found == d.n {
			return
		}
		tags := d.an.PassageTags(p.Anchor())
		if d.theme == config.UntaggedSlug {
			if len(tags) == 0 {
				e = d.entry(p)
				found++
				fn(&e)
			}
			return
		}
		for _, t := range tags {
			if t.Theme != d.theme {
				continue
			}
			// An entry with a reason from the text shows its sentence, not the passage's
			// opening: the opening is shortened only where it is shown.
			text := ""
			if !t.Reason.FromText() {
				text = shortened(p.Text())
			}
			e = withReason(d.entryAt(p, text), p.Text(), t.Reason)
			found++
			fn(&e)
			return
		}
	})
	return nil
}

// entry is a passage as a theme page lists it before any reason is set.
func (d *ThemeDoc) entry(p content.Passage) Entry { return d.entryAt(p, shortened(p.Text())) }

// entryAt is entry with the text given.
func (d *ThemeDoc) entryAt(p content.Passage, text string) Entry {
	sec := ""
	if n := len(p.Sections); n > 0 {
		sec = p.Sections[n-1].Heading
	}
	return Entry{ID: passageID(d.ID, p.Anchor()), URL: urls.Passage(d.Doc.URL, p.Anchor()), Marker: p.Marker(),
		Section: sec, Text: text}
}

// EntryRun is a run of a document's entries under one section heading.
type EntryRun struct {
	Section string
	Entries []Entry
}

// BySection splits the document's entries into runs of one section, so that a page shows each
// heading once. The error is Entries'.
func (d *ThemeDoc) BySection() ([]EntryRun, error) {
	var out []EntryRun
	entries, err := d.Entries()
	if err != nil {
		return nil, err
	}
	for i, e := range entries {
		if n := len(out); n == 0 || out[n-1].Section != e.Section {
			out = append(out, EntryRun{Section: e.Section, Entries: entries[i:i]})
		}
		run := &out[len(out)-1]
		run.Entries = run.Entries[:len(run.Entries)+1] // the runs share entries: no copy
	}
	return out, nil
}

// Entry is one passage listed on a theme page.
type Entry struct {
	ID      string // element id on the theme page: DocID-anchor
	URL     string // the passage on its document's page
	Marker  string // the item's number as written; "" for a paragraph
	Section string // the heading of the innermost enclosing section
	// Text is the passage's opening, shortened, on an untagged entry and on one the author's
	// directive put on the theme (ByHand); otherwise Before, Phrase and After are the sentence
	// that puts the passage on the theme (analysis' reason), the phrase to be marked, cut to
	// about EntryText characters around it, and CutBefore and CutAfter say where text is left out.
	Text                  string
	Before, Phrase, After string
	CutBefore, CutAfter   bool
	// Lead and Tail are the passage's text left out before and after what the entry shows
	// (slices of it, not copies): a page sets the punctuation at the cut full-width or not as
	// it does in the whole passage.
	Lead, Tail string
	ByHand     bool
}

// How many characters of a reason's sentence an entry shows before and after its phrase.
const (
	reasonBefore = 24
	reasonAfter  = 48
)

// withReason is e as listed on a theme: the sentence of the reason r the passage (text)
// carries it, the phrase marked; the passage's opening when the author's directive gave it.
func withReason(e Entry, text string, r taxonomy.Reason) Entry {
	if !r.FromText() {
		e.ByHand = true
		return e
	}
	before, cutBefore := runes.Tail(r.Before(text), reasonBefore)
	after, cutAfter := runes.Head(r.After(text), reasonAfter)
	e.CutBefore = r.SentenceStart > 0 || cutBefore
	e.CutAfter = int(r.SentenceEnd) < len(strings.TrimRight(text, " \n")) || cutAfter
	e.Text, e.Before, e.Phrase, e.After = "", before, r.Phrase(text), after
	e.Lead, e.Tail = text[:int(r.Start)-len(e.Before)], text[int(r.End)+len(e.After):]
	return e
}

// EntryText is how many characters of a passage's opening a theme page shows where it has
// no reason's sentence to show (untagged entries, and those tagged by hand).
const EntryText = 120

// DocID is a document's element id on a theme page (plans-haian-2025).
func DocID(d *content.Document) string {
	return strings.ReplaceAll(strings.Trim(d.URL, "/"), "/", "-")
}

// Links are what a document page links to besides its own text.
type Links struct {
	Region, Agency, Year *Group
	// Newer and Older are the neighbouring documents of the same region, by date.
	Newer, Older *content.Document
	an           *analysis.Doc
	cfg          *config.Config
	// body is the document's text, until the site releases it (Site.Body, Release).
	body  *body
	docID string // DocID of the document
	// themePage is the page of each theme (by its index in themeIdx) listing this document.
	themePage []string
	themeIdx  map[string]int

	// related is computed on first use, by Related.
	related     []Related
	relatedOnce sync.Once
	ri          *relatedIndex
	index       int
	docs        []*content.Document
}

// ThemeRef is a document's theme: its name, how many of the document's passages carry it, and
// where on the theme's pages the document is.
type ThemeRef struct {
	Slug, Name string
	Items      int
	URL        string
}

// Related is a related document and the themes it shares.
type Related struct {
	Doc    *content.Document
	Shared []string
}

// LinksOf returns the links of the document published at d's URL (content.Document.URL):
// the site is keyed by URL, so a document parsed again from the same file finds the links of
// the version this site was built from; nil for a URL the site does not publish.
func (s *Site) LinksOf(d *content.Document) *Links { return s.links[d.URL] }

// PassageURL returns the URL of a passage (by its anchor) of the document on the theme's
// pages (the page listing it, with the passage's id there), or "" if the theme does not list
// it.
func (l *Links) PassageURL(slug, anchor string) string {
	k, ok := l.themeIdx[slug]
	if !ok || l.themePage[k] == "" {
		return ""
	}
	return urls.Passage(l.themePage[k], passageID(l.docID, anchor))
}

// passageID is the element id of a document's passage on a theme page (plans-haian-2025-s1-i6),
// from the document's (DocID) and the passage's anchor.
func passageID(docID, anchor string) string { return docID + "-" + anchor }

// listing is what a document contributes to the theme pages: how many of its passages are on
// each theme (and on none), from its analysis. The entries themselves are made when a page
// lists them (ThemeDoc.Entries).
type listing struct {
	an *analysis.Doc
	id string // DocID
	// head is the document as the site's lists hold it (headOf), body its text: one of each
	// per loaded document, so that a Cache gives the next build the same head (the live
	// preview tells an unchanged document by it).
	head *content.Document
	body *body
	// listed is the document as listed on each theme's pages (and on the untagged page).
	listed map[string]*ThemeDoc
}

// listDoc analyses a loaded document (with h its head) and counts its passages by theme.
func listDoc(az *analysis.Analyser, h, d *content.Document) *listing {
	a := &listing{an: az.Analyse(d), id: DocID(d), head: h, body: newBody(d)}
	own := map[string]int{}
	untagged := 0
	d.Passages(func(p content.Passage) {
		themes := a.an.PassageThemes(p.Anchor())
		if len(themes) == 0 {
			untagged++
		}
		for _, t := range themes {
			own[t]++
		}
	})
	a.listed = make(map[string]*ThemeDoc, len(a.an.Themes())+1)
	for _, t := range a.an.Themes() {
		// A theme of the front matter that no passage carries lists the document alone.
		a.listed[t] = &ThemeDoc{Doc: h, ID: a.id, body: a.body, theme: t, an: a.an, n: own[t]}
	}
	if untagged > 0 {
		a.listed[config.UntaggedSlug] = &ThemeDoc{Doc: h, ID: a.id, body: a.body, theme: config.UntaggedSlug, an: a.an, n: untagged}
	}
	return a
}

// Analysis returns what analysis found in a published document (nil for any other).
func (s *Site) Analysis(d *content.Document) *analysis.Doc {
	if l := s.links[d.URL]; l != nil {
		return l.an
	}
	return nil
}

// Cache keeps documents' analyses between builds of one config (Options.Cache), by loaded
// document, with its head. It is safe to use from one build at a time.
type Cache struct {
	cfg  *config.Config
	docs map[*content.Document]*listing
}

// head is the head of the loaded document d in a build with config cfg: the one an earlier
// build of the cache made, or a new one (headOf); a nil cache makes a new one.
func (c *Cache) head(cfg *config.Config, d *content.Document) *content.Document {
	if l := c.listing(cfg, d); l != nil {
		return l.head
	}
	return headOf(d)
}

// listing is what an earlier build of the cache with config cfg found in the loaded document
// d, or nil.
func (c *Cache) listing(cfg *config.Config, d *content.Document) *listing {
	if c == nil || c.cfg != cfg {
		return nil
	}
	return c.docs[d]
}

// NewCache returns an empty analysis cache.
func NewCache() *Cache { return &Cache{} }

// analyse analyses every document (in parallel: it is the costly part), then builds the
// theme pages and each document's links. With a cache, documents analysed by an earlier build
// of the same config are not analysed again: a loaded document never changes, so its
// analysis cannot either.
// loaded holds each document's loaded version by its head (Site.Documents).
func (s *Site) analyse(cache *Cache, loaded map[*content.Document]*content.Document) {
	az := analysis.New(s.Config)
	an := make([]*listing, len(s.Documents))
	var todo []int
	for i, h := range s.Documents {
		if l := cache.listing(s.Config, loaded[h]); l != nil && l.head == h {
			an[i] = l
		} else {
			todo = append(todo, i)
		}
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), max(1, len(todo))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				h := s.Documents[i]
				an[i] = listDoc(az, h, loaded[h])
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	s.Tagging = 0
	for _, i := range todo {
		s.Tagging += an[i].an.TagTime()
	}
	if cache != nil {
		// Keep exactly the documents of this build: a re-parsed or deleted document's old
		// analysis goes.
		cache.cfg = s.Config
		cache.docs = make(map[*content.Document]*listing, len(s.Documents))
		for i, h := range s.Documents {
			cache.docs[loaded[h]] = an[i]
		}
	}

	s.links = make(map[string]*Links, len(s.Documents))
	links := make([]*Links, len(s.Documents))
	idx := map[string]int{}
	for k, t := range s.Config.Themes {
		idx[t.Slug] = k
	}
	pages := make([]string, len(s.Documents)*len(idx))
	for i, d := range s.Documents {
		links[i] = &Links{an: an[i].an, cfg: s.Config, body: an[i].body, docID: DocID(d), themePage: pages[i*len(idx) : (i+1)*len(idx) : (i+1)*len(idx)], themeIdx: idx}
		s.links[d.URL] = links[i]
	}
	s.groupLinks()
	s.buildThemes(an, links)
	s.related(an)
}

// groupLinks records each document's region, agency and year and its neighbours in its region.
func (s *Site) groupLinks() {
	for _, g := range s.Regions {
		var in []*content.Document // the documents whose own place g is
		for _, d := range g.Documents {
			if s.ownRegion[d.URL] == g {
				in = append(in, d)
			}
		}
		for i, d := range in {
			l := s.links[d.URL]
			l.Region = g
			if i > 0 {
				l.Newer = in[i-1]
			}
			if i+1 < len(in) {
				l.Older = in[i+1]
			}
		}
	}
	for _, g := range s.Agencies {
		for _, d := range g.Documents {
			s.links[d.URL].Agency = g
		}
	}
	for _, g := range s.Years {
		for _, d := range g.Documents {
			s.links[d.URL].Year = g
		}
	}
}

// buildThemes collects each theme's passages, grouped by place with the groups of the newest
// documents first, and paginates them.
func (s *Site) buildThemes(an []*listing, links []*Links) {
	type docEntries struct {
		i  int // in s.Documents
		td *ThemeDoc
		n  int // td.n, kept here to spare a pointer chase per entry
	}
	byTheme := map[string][]docEntries{}
	docCount := map[string]int{}
	docsOf := map[string][]*content.Document{}
	slugs := s.Config.ThemeSlugs()
	for i, d := range s.Documents {
		for _, t := range slugs {
			if td := an[i].listed[t]; td != nil {
				docCount[t]++
				docsOf[t] = append(docsOf[t], d)
				byTheme[t] = append(byTheme[t], docEntries{i, td, max(1, td.n)})
			}
		}
		if td := an[i].listed[config.UntaggedSlug]; td != nil {
			byTheme[config.UntaggedSlug] = append(byTheme[config.UntaggedSlug], docEntries{i, td, td.n})
		}
	}
	placeRank := map[*Group]int{}
	for i, g := range s.Regions {
		placeRank[g] = i
	}
	for _, g := range s.Agencies {
		placeRank[g] = len(s.Regions)
	}
	themes := append([]config.Theme(nil), s.Config.Themes...)
	themes = append(themes, config.Theme{Slug: config.UntaggedSlug, Name: "未归类条目",
		Description: "没有任何主题关键词、也没有作者标注主题的条目，供编辑完善主题关键词。"})
	for _, ct := range themes {
		t := &Theme{Slug: ct.Slug, Name: ct.Name, Description: ct.Description, URL: urls.Theme(ct.Slug), Documents: docCount[ct.Slug], docs: docsOf[ct.Slug]}
		if ct.Slug != config.UntaggedSlug {
			t.Table = urls.ThemeTable(ct.Slug)
		}
		// Documents are newest first already; order places by their newest document, which
		// keeps that order within each place.
		var places []*Group
		byPlace := map[*Group][]docEntries{}
		for _, de := range byTheme[ct.Slug] {
			g := links[de.i].Region
			if g == nil {
				g = links[de.i].Agency
			}
			if _, ok := byPlace[g]; !ok {
				places = append(places, g)
			}
			byPlace[g] = append(byPlace[g], de)
			t.Items += de.td.n
		}
		// Places in the order of the region hierarchy: by province, then the places within it
		// (pinyin); a document without a region, under its agency, comes last.
		sort.SliceStable(places, func(i, j int) bool { return placeRank[places[i]] < placeRank[places[j]] })
		if ct.Slug == config.UntaggedSlug {
			t.Documents = len(byTheme[ct.Slug])
		}
		k, tagged := s.themeSlot(links, ct.Slug)
		page := &ThemePage{N: 1, URL: t.URL}
		t.Pages = []*ThemePage{page}
		onPage := 0
		for _, g := range places {
			var tg *ThemeGroup
			for _, de := range byPlace[g] {
				if onPage >= ThemePageSize {
					page = &ThemePage{N: len(t.Pages) + 1, URL: urls.Page(t.URL, len(t.Pages)+1)}
					t.Pages = append(t.Pages, page)
					onPage = 0
					tg = nil
				}
				if tg == nil {
					tg = &ThemeGroup{Name: "（未注明地区）", ID: "g-none", Continued: g != nil && page.N > 1 && len(page.Groups) == 0 && byPlace[g][0].i != de.i}
					if g != nil {
						tg.Name, tg.ID, tg.URL = g.Name, "g-"+g.Slug, g.URL
						tg.Within = g.Ancestors()
					}
					page.Groups = append(page.Groups, tg)
				}
				tg.Documents = append(tg.Documents, de.td)
				onPage += de.n
				if tagged {
					links[de.i].themePage[k] = page.URL
				}
			}
		}
		if ct.Slug == config.UntaggedSlug {
			s.Untagged = t
		} else {
			s.Themes = append(s.Themes, t)
		}
	}
}

// Themes are the document's themes, each with the number of its passages that carry it and
// the theme page where they are listed: a theme link goes to where the document's passages
// are listed, or to the theme's first page when the theme comes from its front matter alone.
// They are made at each call, for the document's page, from its analysis and the theme pages
// that list it, not kept for the whole build with every document's links (9 MB of the heap
// live after analysing 5,000 plans; issue 16).
func (l *Links) Themes() []ThemeRef {
	var out []ThemeRef
	if n := len(l.an.Themes()); n > 0 {
		out = make([]ThemeRef, 0, n)
	}
	for _, t := range l.an.Themes() {
		ref := ThemeRef{Slug: t, Name: l.cfg.ThemeName(t), Items: l.an.Weight(t), URL: urls.Theme(t)}
		if k, ok := l.themeIdx[t]; ok && l.themePage[k] != "" {
			ref.URL = urls.Passage(l.themePage[k], l.docID)
		}
		out = append(out, ref)
	}
	return out
}

// themeSlot returns a theme's index in the documents' themePage, and whether it has one
// (the untagged page does not). Theme pages list a document under its region, else its
// agency.
func (s *Site) themeSlot(links []*Links, slug string) (int, bool) {
	if len(links) == 0 || slug == config.UntaggedSlug {
		return 0, false
	}
	k, ok := links[0].themeIdx[slug]
	return k, ok
}

// shortened is a passage's text as a theme page shows it: at most EntryText characters,
// ending in "…" when the passage goes on.
func shortened(text string) string {
	s := content.Shorten(text, EntryText)
	if len(s) < len(text) && !strings.HasSuffix(s, "…") {
		s += "…"
	}
	return s
}
