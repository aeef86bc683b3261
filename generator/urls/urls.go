// Package urls is the one owner of the site's URLs, as Hugo's permalinks are: where each
// document, listing, listing page, feed and passage lives, and which file of the built site
// serves a URL. Every package asks it; none spells a path of its own.
package urls

import (
	"net/url"
	"path"
	"strconv"
	"strings"
)

// The site's fixed places.
const (
	Home     = "/"
	NotFound = "/404.html"
	Themes   = "/themes/"
	Agencies = "/agencies/"
	Regions  = "/regions/"
	Years    = "/years/"
	Units    = "/units/"
	// Data holds the open data: plans.json, the CSV files, datapackage.json and one JSON
	// file per document (DocData).
	Data = "/data/"
	// Indicators lists the plans' quantitative targets; its lists by theme, region, year and
	// subject are under it (IndicatorList).
	Indicators = "/indicators/"
	Search     = "/search/"
	API        = "/api/search"
	Assets     = "/assets/"
	Sitemap    = "/sitemap.xml"
	Robots     = "/robots.txt"
)

// Doc is the page of the document at rel, its slash path relative to the site's source
// directory (content/plans/haian-2025.md → /plans/haian-2025/).
func Doc(rel string) string {
	parts := strings.Split(strings.TrimSuffix(rel, ".md"), "/")
	if len(parts) > 1 {
		parts = parts[1:] // content/
	}
	return "/" + strings.Join(parts, "/") + "/"
}

// Section is the listing of a content section (plans → /plans/).
func Section(key string) string { return "/" + key + "/" }

// Theme is a theme's first page.
func Theme(slug string) string { return Themes + slug + "/" }

// ThemeTable is the policy-library table of a theme's documents: /themes/children/files/.
func ThemeTable(slug string) string { return Theme(slug) + "files/" }

// Agency is an agency's listing, by its slug.
func Agency(slug string) string { return Agencies + slug + "/" }

// Region is a region's listing, by its slug.
func Region(slug string) string { return Regions + slug + "/" }

// DocData is the JSON file of the document whose page is at doc:
// /plans/haian-2025/ → /data/plans/haian-2025.json.
func DocData(doc string) string {
	return Data + strings.Trim(doc, "/") + ".json"
}

// Unit is the page of a unit or leader named in responsibility notes, by its slug.
func Unit(slug string) string { return Units + slug + "/" }

// IndicatorList is the list of targets of a theme, region, year or configured subject
// (kind "themes", "regions", "years", "subjects"), by its slug; kind "" is every target, and
// slug "" the index of a kind's lists.
func IndicatorList(kind, slug string) string {
	switch {
	case kind == "":
		return Indicators
	case slug == "":
		return Indicators + kind + "/"
	}
	return Indicators + kind + "/" + slug + "/"
}

// Year is a year's listing.
func Year(y string) string { return Years + y + "/" }

// Page is page n (from 1) of the listing at list: the listing itself, then list/page/2/ ….
func Page(list string, n int) string {
	if n <= 1 {
		return list
	}
	return list + "page/" + strconv.Itoa(n) + "/"
}

// Sorted is a listing in another order, by its key (written-asc): /plans/sort/written-asc/;
// the listing itself for the default order ("").
func Sorted(list, key string) string {
	if key == "" {
		return list
	}
	return list + "sort/" + key + "/"
}

// Feed is the Atom feed of a listing: /feed.xml for the site, /themes/children/feed.xml.
func Feed(list string) string { return list + "feed.xml" }

// IsFeed reports whether a file or URL is a feed.
func IsFeed(name string) bool { return path.Base(name) == "feed.xml" }

// Passage is an element of a page, by its id: /plans/haian-2025/#s1-i6.
func Passage(page, id string) string { return page + "#" + id }

// AppendPassage appends Passage(page, id) to b, for a URL written on into a page or a
// citation rather than kept.
func AppendPassage(b []byte, page, id string) []byte {
	return append(append(append(b, page...), '#'), id...)
}

// TextFragment is u with a text fragment (/plans/x/#s1-i26:~:text=推进-,家庭医生签约,-服务): a
// browser scrolls to the text and marks it, without JavaScript. The text is found in the
// whole page, so prefix and suffix (either may be empty) name the occurrence meant: the text
// right before and after it. u may already carry an element's id, which browsers use when
// the text is not found. Each part is percent-encoded, with the marks the directive itself
// uses (& , -).
func TextFragment(u, prefix, text, suffix string) string {
	if text == "" {
		return u
	}
	if !strings.Contains(u, "#") {
		u += "#"
	}
	esc := func(s string) string { return directiveEscaper.Replace(url.PathEscape(s)) }
	d := esc(text)
	if prefix != "" {
		d = esc(prefix) + "-," + d
	}
	if suffix != "" {
		d += ",-" + esc(suffix)
	}
	return u + ":~:text=" + d
}

// directiveEscaper escapes what url.PathEscape leaves and a text directive reserves.
var directiveEscaper = strings.NewReplacer("&", "%26", ",", "%2C", "-", "%2D")

// SearchWith is the search page for a query string.
func SearchWith(q url.Values) string { return Search + "?" + q.Encode() }

// File is the file of the built site, a slash path relative to its root, that serves a
// site-relative URL: /plans/x/ → plans/x/index.html, /feed.xml → feed.xml.
func File(u string) string {
	name := strings.TrimPrefix(u, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name
}
