package render

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
)

// The markup chips and entries write, as the default theme's templates wrote it before
// (items.html's "labels", theme.html's list of entries): html/template executing these is
// what the Go code must equal byte for byte, escaping included.
const (
	labelsTemplate = `{{with .}}<ul class="labels" aria-label="本条主题">{{range .}}<li><a href="{{.URL}}" tabindex="-1">{{.Name}}<span class="why">{{with .Why}}{{if .Directive}}编辑标注的主题{{else}}依据“{{.Phrase}}”{{end}}{{end}}</span></a></li>{{end}}</ul>{{end}}`
	// tspan is the number of rows a target's item cell spans: 0 where the row above links the
	// same item.
	targetsTemplate = `{{range $i, $t := .Ts}}<tr><td>{{zh .Subject}}<td>{{.Comparator}} {{.ValueText}}{{.Unit}}<td>{{if .Year}}{{.Year}}{{end}}{{with tspan $.Ts $i}}<td{{if gt . 1}} rowspan="{{.}}"{{end}}><a href="#{{$t.Anchor}}" tabindex="-1">{{with index $.Names $t.Anchor}}{{.}}{{else}}原文{{end}}</a>{{end}}{{end}}`
	// span is the number of rows an indicator's item cell spans: 0 where the row above
	// links the same item.
	indicatorsTemplate = `{{range $i, $x := .}}<tr><td>{{zh .Target.Subject}}<td>{{.Target.Comparator}} {{.Target.ValueText}}{{.Target.Unit}}<td>{{.Year}}{{with span $ $i}}<td{{if gt . 1}} rowspan="{{.}}"{{end}}><a href="{{$x.URL}}">{{with $x.Item}}{{.}}{{else}}原文{{end}}</a>{{end}}{{end}}`
	unitTemplate       = `{{range .}}<li><a class="entry-link" href="{{.URL}}">{{with .Marker}}<span class="num">{{.}}</span>{{end}}{{zh .Lead}}</a>{{if eq .Role "co_units"}} <span class="role">（配合）</span>{{end}}{{with .Deadline}} <span class="role">完成时限：{{.}}</span>{{end}}</li>{{end}}`
	// anchorTemplate is how the former "item" template wrote an item's anchor: an id, and a
	// link after a #.
	anchorTemplate = `<div id="{{.}}"><a href="#{{.}}">{{.}}</a></div>`
	// runsTemplate is theme.html's former loop over a document's runs of entries (BySection).
	runsTemplate    = `{{range .}}{{with .Section}}<p class="entry-sec">{{zh .}}</p>{{end}}<ul class="entries">{{template "entries" .Entries}}</ul>{{end}}`
	entriesTemplate = `{{range .}}<li id="{{.ID}}"><a href="{{.URL}}">{{with .Marker}}<b>{{.}}</b>{{end}}{{if .Phrase}}{{$z := zhMark .}}{{if .CutBefore}}…{{end}}{{$z.Before}}<mark>{{$z.Phrase}}</mark>{{$z.After}}{{if .CutAfter}}…{{end}}{{else}}{{zh .Text}}{{end}}</a>{{if .ByHand}} <span class="by-hand">（作者标注）</span>{{end}}</li>{{end}}`
)

// targetsOf is what the plan page's targets template reads: the targets and their items'
// names.
type targetsOf struct {
	Ts    []analysis.Target
	Names map[string]string
}

// hostile are texts that html/template escapes differently by context: quotes, markup, a
// script, entities, a + (escaped as &#43;), NUL, U+2028 and U+2029 (line ends to JavaScript),
// a noncharacter, a byte that is not UTF-8, spaces and =, Chinese.
var hostile = []string{
	"", "plain", `"quoted" and 'single'`, "<script>alert(1)</script>", "a & b &amp; c", "1+1=2",
	"nul\x00here", "line\u2028sep\u2029para", "non\ufdd0char", "bad\xffbyte", "tab\there `tick` x=y",
	"健康（基层）, 医防协同; 50%:", "</span></a><a href=x>", "{{.ID}}",
}

// hostileURLs are values of an href: safe and unsafe schemes, %-escapes valid and not, bytes a
// URL may not hold, a query with & and +, Chinese.
var hostileURLs = []string{
	"", "/themes/primary-care/page/2/#plans-a-s1-i2", "javascript:alert(1)", "JavaScript:alert(1)",
	" javascript:alert(1)", "vbscript:x", "data:text/html,<script>", "http://example.org/?a=1&b=2+3",
	"HTTPS://example.org/x", "mailto:a@example.org", "/a%20b%zz%4", "/a b\"c'd<e>f`g\\h", "/主题/基层#锚",
	"/x\x00y\u2028z", "//evil.example/x", "/a:b", "#frag'\"", "%",
}

// TestFragmentsMatchTemplates: chips, entries, entryRuns, targetRows, indicatorRows and unitEntries write what html/template writes from the
// markup they replace, on hostile text in every field, so a value is escaped for its place
// (text, attribute, URL: a javascript: link becomes #ZgotmplZ) as the templates escaped it.
func TestFragmentsMatchTemplates(t *testing.T) {
	// passageOf[i] is the passage inds[i] is read from, as the test made them (below): the
	// reference's idea of one item, not the code it checks (sameItem).
	var passageOf []int
	span := func(inds []*site.Indicator, i int) int {
		if i > 0 && passageOf[i-1] == passageOf[i] {
			return 0
		}
		n := 1
		for i+n < len(inds) && passageOf[i+n] == passageOf[i] {
			n++
		}
		return n
	}
	tspan := func(ts []analysis.Target, i int) int {
		if i > 0 && ts[i-1].Anchor == ts[i].Anchor {
			return 0
		}
		n := 1
		for i+n < len(ts) && ts[i+n].Anchor == ts[i].Anchor {
			n++
		}
		return n
	}
	funcs := template.FuncMap{"zhMark": zhMark, "zh": zhText, "span": span, "tspan": tspan}
	labelsT := template.Must(template.New("labels").Funcs(funcs).Parse(labelsTemplate))
	entriesT := template.Must(template.New("entries").Funcs(funcs).Parse(entriesTemplate))
	runsT := template.Must(template.Must(entriesT.Clone()).New("runs").Parse(runsTemplate))
	targetsT := template.Must(template.New("targets").Funcs(funcs).Parse(targetsTemplate))
	indicatorsT := template.Must(template.New("indicators").Funcs(funcs).Parse(indicatorsTemplate))
	unitT := template.Must(template.New("unit").Funcs(funcs).Parse(unitTemplate))
	anchorT := template.Must(template.New("anchor").Parse(anchorTemplate))
	anchor := func(s string) string {
		b := escURLPart(append(escAttr([]byte(`<div id="`), s), `"><a href="#`...), s)
		return string(append(escText(append(b, `">`...), s), `</a></div>`...))
	}
	exec := func(t *template.Template, data any) string {
		var b strings.Builder
		if err := t.Execute(&b, data); err != nil {
			panic(err)
		}
		return b.String()
	}
	var labels []themeLabel
	var es []site.Entry
	var ts []analysis.Target
	for i, s := range hostile {
		ts = append(ts, analysis.Target{Subject: s, Comparator: hostile[(i+1)%len(hostile)], ValueText: hostile[(i+2)%len(hostile)],
			Unit: hostile[(i+3)%len(hostile)], Year: []int32{0, 2025, -1}[i%3], Clause: hostile[(i+4)%len(hostile)], Anchor: s})
		u := hostileURLs[i%len(hostileURLs)]
		other := hostile[(i+3)%len(hostile)]
		labels = append(labels, themeLabel{Name: s, URL: u, Why: why{Phrase: other, Directive: i%4 == 3}})
		es = append(es,
			site.Entry{ID: s, URL: u, Marker: other, Text: s, ByHand: i%2 == 0},
			site.Entry{ID: other, URL: u, Before: s, Phrase: other + "x", After: s, CutBefore: i%2 == 0, CutAfter: i%3 == 0, Lead: "(", Tail: ")"})
	}
	var inds []*site.Indicator
	for i := range ts {
		inds = append(inds, &site.Indicator{Doc: &content.Document{URL: hostileURLs[i%len(hostileURLs)]}, Target: &ts[i],
			Year: hostile[(i+6)%len(hostile)], Item: hostile[(i+7)%len(hostile)]})
		passageOf = append(passageOf, i) // each its own passage: anchors (hostile) differ
	}
	// Runs of one item's targets, of two and three rows, with hostile text in every cell.
	for _, run := range [][2]int{{1, 1}, {5, 2}} { // after inds[k], n more of its item
		k := run[0]
		for j := 1; j <= run[1]; j++ {
			ind := *inds[k]
			ind.Year, ind.Target = hostile[(k+j)%len(hostile)], &analysis.Target{Subject: hostile[(k+2*j)%len(hostile)], Anchor: ind.Target.Anchor}
			inds = slices.Insert(inds, k+1, &ind)
			passageOf = slices.Insert(passageOf, k+1, passageOf[k])
		}
	}
	// After a target, one of another document's passage of the same anchor: another item.
	other := *inds[9]
	other.Doc, other.Target = &content.Document{URL: other.Doc.URL + "x"}, &analysis.Target{Subject: "x", Anchor: other.Target.Anchor}
	inds, passageOf = slices.Insert(inds, 10, &other), slices.Insert(passageOf, 10, -1)
	// The plan page's targets: runs of one item's targets, of two and three rows, and items
	// named with hostile text, some not named (a paragraph: 原文).
	tts := slices.Clone(ts)
	tts = slices.Insert(tts, 2, ts[1])
	tts = slices.Insert(tts, 6, ts[4], ts[4])
	names := map[string]string{}
	for i, t := range ts {
		if i%3 != 2 {
			names[t.Anchor] = hostile[(i+5)%len(hostile)]
		}
	}
	var ues []site.UnitEntry
	for i, s := range hostile {
		ues = append(ues, site.UnitEntry{Role: []string{"co_units", "lead_units", s}[i%3], Noted: &site.Noted{
			URL: hostileURLs[i%len(hostileURLs)], Marker: hostile[(i+1)%len(hostile)], Lead: s, Deadline: hostile[(i+2)%len(hostile)]}})
	}
	for _, u := range hostileURLs {
		labels = append(labels, themeLabel{Name: "n", URL: u})
		es = append(es, site.Entry{ID: "e", URL: u, Text: "t"})
	}
	var runs []site.EntryRun
	for i, sec := range append(hostile, "") {
		runs = append(runs, site.EntryRun{Section: sec, Entries: es[i%len(es) : i%len(es)+i%3]})
	}
	type check struct {
		name      string
		got, want string
	}
	var checks []check
	for _, s := range append(hostile, hostileURLs...) {
		checks = append(checks, check{"anchor " + s, anchor(s), exec(anchorT, s)})
	}
	for _, tc := range append(checks, []check{
		{"chips", string(chipsOf(labels)), exec(labelsT, labels)},
		{"chips, none", string(chipsOf(nil)), exec(labelsT, []themeLabel(nil))},
		{"entries", string(entries(es)), exec(entriesT, es)},
		{"entries, none", string(entries(nil)), exec(entriesT, []site.Entry(nil))},
		{"entry runs", string(entryRuns(runs)), exec(runsT, runs)},
		{"entry runs, none", string(entryRuns(nil)), exec(runsT, []site.EntryRun(nil))},
		{"targets", string(targetRowsNamed(tts, names)), exec(targetsT, targetsOf{tts, names})},
		{"targets, none", string(targetRowsNamed(nil, names)), exec(targetsT, targetsOf{nil, names})},
		{"indicators", string(indicatorRows(inds)), exec(indicatorsT, inds)},
		{"unit entries", string(unitEntries(ues)), exec(unitT, ues)},
	}...) {
		if tc.got != tc.want {
			i := 0
			for i < len(tc.got) && i < len(tc.want) && tc.got[i] == tc.want[i] {
				i++
			}
			t.Errorf("%s: differs from html/template at byte %d:\n got %q\nwant %q", tc.name, i,
				tc.got[max(0, i-80):min(len(tc.got), i+80)], tc.want[max(0, i-80):min(len(tc.want), i+80)])
		}
	}
	if got := string(targetRowsNamed(tts, names)); !strings.Contains(got, ` rowspan="2"`) || !strings.Contains(got, ` rowspan="3"`) || !strings.Contains(got, `>原文</a>`) {
		t.Error("the targets' rows span no item cell over two and three rows, or name every item: the runs are not tested")
	}
	if got := string(indicatorRows(inds)); !strings.Contains(got, ` rowspan="2"`) || !strings.Contains(got, ` rowspan="3"`) {
		t.Error("the indicators' rows span no item cell over two and three rows: the runs are not tested")
	}
	// What the escaping is for, read by hand: no script, no javascript: link, no quote that
	// ends an attribute early.
	got := string(chipsOf(labels)) + string(entries(es))
	for _, bad := range []string{"<script", `href="javascript:`, `href="JavaScript:`, `href=" javascript:`, `="x=y`, "'single'"} {
		if strings.Contains(got, bad) {
			t.Errorf("fragments hold %q", bad)
		}
	}
	if !strings.Contains(got, `href="#ZgotmplZ"`) || !strings.Contains(got, "&lt;script&gt;") {
		t.Error("an unsafe URL or a <script> was not escaped as html/template escapes it")
	}
}

// forTestSites calls fn with the fixture site and the bundled site, each with a renderer of the
// default theme, in a subtest named for it.
func forTestSites(t *testing.T, fn func(t *testing.T, name string, cfg *config.Config, s *site.Site, r *Renderer)) {
	for _, tc := range []struct {
		name string
		dir  string
	}{{"fixture", "testdata/site"}, {"bundled", "../.."}} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, s := LoadSite(t, tc.dir, tc.name == "bundled")
			r, err := New(cfg, testThemeDir)
			if err != nil {
				t.Fatal(err)
			}
			fn(t, tc.name, cfg, s, r)
		})
	}
}

// testThemeDir is the default theme, whose items.html holds the "note" template itemBlock calls.
const testThemeDir = "../../themes/default"

// itemTemplate is the theme's former "item" template (items.html), which itemBlock replaces;
// it calls "labels" (labelsTemplate) and the theme's "note".
const itemTemplate = `{{define "item"}}{{$p := .P}}{{with .Item}}<div class="item" id="{{.Anchor}}">
<a class="num" href="#{{.Anchor}}" title="本条链接" tabindex="-1">{{.Marker}}</a>
<div class="item-text">{{zhHTML .HTML}}{{with .Annotation}}{{template "note" (note $p .)}}{{end}}{{template "labels" (labels $p .Anchor)}}<p class="cite">引用本条：<span class="citation">{{citation $p .Anchor}}</span></p>{{range .Items}}{{template "item" (item $p .)}}{{end}}</div>
</div>
{{- end}}{{end -}}
{{define "labels"}}` + labelsTemplate + `{{end}}`

// TestItemBlockMatchesTemplate: itemBlock writes each item of the fixture's and the bundled
// site's documents (with sub-items, responsibility notes, chips, citations) as the "item"
// template it replaces did, minified as the theme is; and an item made of hostile text, its
// anchor in an id and after a # in a link.
func TestItemBlockMatchesTemplate(t *testing.T) {
	items, err := os.ReadFile(filepath.Join(testThemeDir, "layouts", "partials", "items.html"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := minifyTemplates(map[string]string{"items.html": string(items), "item": itemTemplate})
	if err != nil {
		t.Fatal(err)
	}
	hostileItem := &content.Item{Marker: hostile[3], Anchor: hostileURLs[5], Text: hostile[2]}
	for _, s := range hostile {
		hostileItem.Items = append(hostileItem.Items, &content.Item{Marker: s, Anchor: s, Text: s})
	}
	forTestSites(t, func(t *testing.T, name string, cfg *config.Config, s *site.Site, r *Renderer) {
		ref := template.New("").Funcs(r.funcs())
		for _, name := range []string{"items.html", "item"} {
			template.Must(ref.New(name).Parse(src[name]))
		}
		n, subs, notes := 0, 0, 0
		for _, d := range s.Documents {
			p := documentPage(r, s, d)
			p.Layout = "document"
			for _, it := range append(Body(t, s, d).AllItems(), hostileItem) {
				var want strings.Builder
				if err := ref.ExecuteTemplate(&want, "item", itemAt{P: p, Item: it}); err != nil {
					t.Fatal(err)
				}
				got, err := r.itemBlock(p, it)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want.String() {
					t.Errorf("%s %s: itemBlock differs from the template:\n got %q\nwant %q", d.URL, it.Anchor, got, want.String())
				}
				if it == hostileItem {
					continue
				}
				n, subs = n+1, subs+len(it.Items)
				if it.Annotation != nil {
					notes++
				}
			}
		}
		t.Logf("%d items (%d of them sub-items), %d with notes", n, subs, notes)
		if name == "fixture" && (subs == 0 || notes == 0) {
			t.Errorf("the site has no sub-items (%d) or no notes (%d) to check", subs, notes)
		}
	})
}

// formerCheck returns check, which fails t unless the theme's partial executed with a page
// writes what src, the markup it replaced, writes (minified as the theme is, with the
// renderer's funcs), and returns it; and former, src executed with any data.
func formerCheck(t *testing.T, r *Renderer, partial, src string) (check func(*Page) string, former func(any) string) {
	t.Helper()
	min, err := minifyTemplates(map[string]string{partial: src})
	if err != nil {
		t.Fatal(err)
	}
	ref := template.Must(template.New("former").Funcs(r.funcs()).Parse(min[partial]))
	former = func(data any) string {
		t.Helper()
		var want strings.Builder
		if err := ref.ExecuteTemplate(&want, "former", data); err != nil {
			t.Fatal(err)
		}
		return want.String()
	}
	check = func(p *Page) string {
		t.Helper()
		var got strings.Builder
		if err := r.pages[p.Layout].ExecuteTemplate(&got, partial, p); err != nil {
			t.Fatal(err)
		}
		if want := former(p); got.String() != want {
			t.Errorf("%s (%s): %s differs from the former template:\n got %q\nwant %q", p.URL, p.Layout, partial, got.String(), want)
		}
		return got.String()
	}
	return check, former
}

// headTemplate is the default theme's former partials/head.html, which headLinks and headMeta
// replace (with the theme-color between them, and head-assets, which stays in the theme).
const headTemplate = `<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Title}}{{.Title}} - {{end}}{{.Config.Title}}</title>
{{- with .Description}}<meta name="description" content="{{zh .}}">{{end -}}
{{- if .NoIndex}}<meta name="robots" content="noindex">{{else}}<link rel="canonical" href="{{absURL .URL}}">{{end -}}
{{- row . "head-assets" (chrome .) -}}
{{- range feeds .}}<link rel="alternate" type="application/atom+xml" title="{{.Title}}" href="{{.URL}}">
{{- end -}}
<meta name="theme-color" content="#9e1b1b">
<meta property="og:site_name" content="{{.Config.Title}}">
<meta property="og:locale" content="zh_CN">
<meta property="og:title" content="{{if .Title}}{{.Title}}{{else}}{{.Config.Title}}{{end}}">
<meta property="og:url" content="{{absURL .URL}}">
{{- with .Description}}<meta property="og:description" content="{{zh .}}">{{end -}}
{{- with .Doc}}<meta property="og:type" content="article"><meta property="article:published_time" content="{{.Meta.Published}}">
{{- range $.DocThemes}}<meta property="article:tag" content="{{.Text}}">
{{- end}}{{else}}<meta property="og:type" content="website">{{end -}}
<meta name="SiteName" content="{{.Config.Title}}">
<meta name="SiteDomain" content="{{.Config.SiteDomain}}">
{{- with .ColumnName}}<meta name="ColumnName" content="{{.}}">{{end -}}
{{- with .Doc}}<meta name="ArticleTitle" content="{{.Meta.Title}}"><meta name="PubDate" content="{{.Meta.Published}}"><meta name="ContentSource" content="{{.Meta.Agency}}">
{{- with $.DocThemes}}<meta name="Keywords" content="{{range $i, $t := .}}{{if $i}},{{end}}{{$t.Text}}{{end}}">{{end}}{{end -}}
{{- /* The links to the theme's assets, the same on every page: made once per layout (row). On
one line: in this define the minifier kept the newlines between the three tags, which it
dropped where they stood before. */ -}}
{{- define "head-assets"}}<link rel="stylesheet" href="{{asset "style.css"}}"><script src="{{asset "a11y.js"}}" defer></script><link rel="icon" href="{{asset "favicon.svg"}}" type="image/svg+xml">{{end -}}
`

// TestHeadMatchesTemplate: the theme's head.html (headLinks, headMeta) writes what its former
// template wrote, minified as the theme is, on every page of the fixture and the bundled site
// (documents with and without themes, listings with feeds of their own, the 404 and search
// pages kept out of search engines), and on pages made of hostile text in every field.
func TestHeadMatchesTemplate(t *testing.T) {
	forTestSites(t, func(t *testing.T, name string, cfg *config.Config, s *site.Site, r *Renderer) {
		check, _ := formerCheck(t, r, "head.html", headTemplate)
		kinds := map[string]int{}
		noIndex, docs, feeds := 0, 0, 0
		r.eachPageJob(s, func(j pageJob) {
			check(j.page)
			kinds[j.page.Layout]++
			if j.page.NoIndex {
				noIndex++
			}
			if j.page.Doc != nil && len(j.page.DocThemes()) > 0 {
				docs++
			}
			if len(feedsOf(j.page)) > 1 {
				feeds++
			}
		})
		t.Logf("%d kinds of page %v; %d kept out of search engines, %d documents with themes, %d with a feed of their own", len(kinds), kinds, noIndex, docs, feeds)
		if noIndex == 0 || docs == 0 || feeds == 0 || len(kinds) < 8 {
			t.Errorf("the pages do not cover the head's branches: %d kinds, %d noindex, %d documents with themes, %d with feeds", len(kinds), noIndex, docs, feeds)
		}
		// Pages of hostile text: every field the head shows, the site's title and domain too.
		hc := *cfg
		for i, h := range hostile {
			hc.Title, hc.SiteDomain = h, hostile[(i+1)%len(hostile)]
			p := r.page(s, hostile[(i+2)%len(hostile)], hostileURLs[i%len(hostileURLs)])
			p.Config, p.Layout = &hc, []string{"document", "list", "theme", "unit", "404"}[i%5]
			p.Description, p.ColumnName, p.NoIndex = hostile[(i+3)%len(hostile)], hostile[(i+4)%len(hostile)], i%3 == 1
			switch i % 4 {
			case 0:
				p.Doc = &content.Document{URL: p.URL, Meta: content.Meta{Title: h, Agency: hostile[(i+5)%len(hostile)],
					Published: content.Date{Time: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), Prec: content.Precision(i % 3)},
					Themes:    []string{h, "children", hostile[(i+6)%len(hostile)]}}}
			case 1:
				p.Theme = &site.Theme{Slug: h, Name: hostile[(i+5)%len(hostile)], URL: hostileURLs[(i+1)%len(hostileURLs)]}
			case 2:
				p.Group = &site.Group{Name: h, URL: hostileURLs[(i+2)%len(hostileURLs)]}
			case 3:
				p.Unit = &site.Unit{Name: h, Agency: hostile[(i+5)%len(hostile)], URL: hostileURLs[(i+3)%len(hostileURLs)]}
			}
			check(p)
		}
	})
}

// docLinksTemplate is the default theme's former partials/doc-links.html, which docLinks
// replaces.
const docLinksTemplate = `{{- /* A related plan names the three heaviest themes it shares, then how many it shares in all
(共同主题：甲、乙、丙等14个): the whole list, up to 17 names per plan and 5 plans a page, was
1.66 MB of plan pages at 1,000 generated plans. */ -}}
{{with .Links}}{{if or .Related .Newer .Older}}<aside class="doc-links" aria-label="相关文件">
{{- with .Related}}<section aria-labelledby="related-h">
<h2 id="related-h">相关文件</h2>
<ul class="related">
{{- range .}}<li><a href="{{.Doc.URL}}">{{.Doc.Meta.Title}}</a> <span class="doc-info"><span>{{.Doc.Meta.Region}}</span><time datetime="{{.Doc.Meta.Published}}">{{.Doc.Meta.Published}}</time></span>{{with .Shared}}<span class="shared">共同主题：{{range $i, $t := .}}{{if lt $i 3}}{{if $i}}、{{end}}{{themeName $t}}{{end}}{{end}}{{if gt (len .) 3}}等{{len .}}个{{end}}</span>{{end}}</li>
{{- end}}</ul>
</section>{{end -}}
{{- if or .Newer .Older}}<nav class="prev-next" aria-label="同地区文件">
{{- with .Newer}}<a class="newer" href="{{.URL}}" rel="prev"><span class="pn-label">同地区较新</span>{{.Meta.Title}}</a>{{end -}}
{{- with .Older}}<a class="older" href="{{.URL}}" rel="next"><span class="pn-label">同地区较早</span>{{.Meta.Title}}</a>{{end -}}
</nav>{{end -}}
</aside>{{end}}{{end -}}
`

// TestDocLinksMatchesTemplate: the theme's doc-links.html (docLinks) writes what its former
// template wrote, minified as the theme is, on every plan page of the fixture and the bundled
// site; and docLinksOf on related plans and neighbours made of hostile text, sharing from none
// to five themes (known slugs and unknown ones, which show as they are), with neither, either
// or both neighbours.
func TestDocLinksMatchesTemplate(t *testing.T) {
	// The fields of a page and its links that the former template reads.
	type links struct {
		Related      []site.Related
		Newer, Older *content.Document
	}
	type page struct{ Links *links }
	forTestSites(t, func(t *testing.T, name string, cfg *config.Config, s *site.Site, r *Renderer) {
		check, former := formerCheck(t, r, "doc-links.html", docLinksTemplate)
		differs := func(what, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("%s: doc-links differs from the former template:\n got %q\nwant %q", what, got, want)
			}
		}
		related, shared, neighbours := 0, 0, 0
		for _, d := range s.Documents {
			p := documentPage(r, s, d)
			p.Layout = "document"
			check(p)
			for _, rel := range p.Links.Related() {
				related++
				if len(rel.Shared) > 3 {
					shared++
				}
			}
			if p.Links.Newer != nil || p.Links.Older != nil {
				neighbours++
			}
		}
		t.Logf("%d documents: %d related plans, %d sharing more than three themes, %d with neighbours", len(s.Documents), related, shared, neighbours)
		if name == "bundled" && (related == 0 || shared == 0) {
			t.Errorf("the bundled site has no related plans sharing more than three themes: the hostile ones below cover the neighbours")
		}
		differs("no links", string(r.docLinks(&Page{})), former(page{}))
		for i, h := range hostile {
			doc := func(j int) *content.Document {
				return &content.Document{URL: hostileURLs[(i+j)%len(hostileURLs)], Meta: content.Meta{Title: hostile[(i+j)%len(hostile)],
					Region: hostile[(i+j+1)%len(hostile)], Published: content.Date{Time: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), Prec: content.Precision(j % 3)}}}
			}
			var l links
			if i%4 != 1 {
				l.Newer = doc(1)
			}
			if i%4 >= 2 {
				l.Older = doc(2)
			}
			for j := range i % 7 {
				l.Related = append(l.Related, site.Related{Doc: doc(j + 3), Shared: []string{h, "children", hostile[(i+j)%len(hostile)], "tcm", "x", "elderly"}[:j]})
			}
			differs(fmt.Sprintf("hostile %d", i), string(r.docLinksOf(l.Related, l.Newer, l.Older)), former(page{&l}))
		}
	})
}

// docMetaTemplate is the default theme's former partials/doc-meta.html, whose rows metaTable
// writes.
const docMetaTemplate = `{{/* The metadata table: a row for each front matter key named here, in this order, labelled
and formatted as the field registry says (docs/CONTENT.md). A key ending in "?" is left out
when the document has no value for it; the other rows say 未注明 (the source does not state
it). An excerpt or a report shows no disclosure fields, and says what it is. */}}{{with .Doc}}{{if not .Meta.Original}}<p class="doc-nature" role="note"><strong>{{.Meta.Nature}}</strong>：{{if eq .Meta.Nature "报道"}}本页是{{with .Meta.SourceName}}{{.}}{{else}}一篇报道{{end}}中关于{{.Meta.Agency}}工作安排的段落，不是{{.Meta.Agency}}公开发布的文件原文，没有文号、索引号等公开要素。{{else}}本页摘录自{{with .Meta.SourceName}}{{.}}{{else}}原件{{end}}，不是文件全文。{{end}}以原件为准。</p>{{end}}{{end}}<dl class="doc-meta">
{{- range metaRows . "index_number" "agency" "written" "published" "doc_number" "themes" "disclosure" "validity" "region?" "category?" "source_name?" "source"}}<div{{if eq .Key "themes"}} class="meta-themes"{{end}}><dt>{{.Label}}</dt><dd>{{range $i, $v := .Values}}{{if $i}}、{{end}}{{if .URL}}<a href="{{.URL}}"{{if eq $.Doc.Meta.Source .URL}} rel="noopener"{{end}}>{{.Text}}</a>{{else if .Date}}<time datetime="{{.Date}}">{{.Text}}</time>{{else}}{{.Text}}{{end}}{{else}}<span class="unstated">未注明</span>{{end}}{{if and .Inferred .Values}} <span class="unstated">（来源未注明，编者推定）</span>{{end}}</dd></div>
{{- end}}</dl>
`

// TestMetaTableMatchesTemplate: the theme's doc-meta.html (metaTable) writes what its former
// template wrote, minified as the theme is, on every plan page of the fixture and the bundled
// site, and on documents of hostile text in every field: originals, excerpts and reports (no
// disclosure rows), values the editor supplied (inferred), a source that is a link (rel) or a
// file, dates of each precision, themes known and unknown.
func TestMetaTableMatchesTemplate(t *testing.T) {
	forTestSites(t, func(t *testing.T, name string, cfg *config.Config, s *site.Site, r *Renderer) {
		check, _ := formerCheck(t, r, "doc-meta.html", docMetaTemplate)
		for _, d := range s.Documents {
			p := documentPage(r, s, d)
			p.Layout = "document"
			check(p)
		}
		natures := []string{"", content.NatureOriginal, content.NatureExcerpt, content.NatureReport}
		for i, h := range hostile {
			at := func(j int) string { return hostile[(i+j)%len(hostile)] }
			date := func(j int) content.Date {
				return content.Date{Time: time.Date(2020+j, time.Month(1+j), 1+j, 0, 0, 0, 0, time.UTC), Prec: content.Precision((i + j) % 3)}
			}
			m := content.Meta{Title: h, Agency: at(1), Region: at(2), DocNumber: at(3), IndexNumber: at(4), Category: at(5),
				Disclosure: at(6), Validity: at(7), SourceName: at(8), Nature: natures[i%4], Published: date(1),
				Themes: []string{h, "children"}[:i%3], Source: []string{"", "http://example.org/?a=1&b=" + h, "seeds/" + h + ".txt", "https://" + hostileURLs[i%len(hostileURLs)]}[i%4],
				Inferred: []string{"agency", "written", "region", "source"}[:i%5]}
			if i%3 != 0 {
				m.Written = date(2)
			}
			check(&Page{Layout: "document", Config: cfg, Doc: &content.Document{URL: hostileURLs[i%len(hostileURLs)], Meta: m}})
		}
	})
}

// formerDocument and formerItems are the default theme's former document.html and
// partials/items.html, whose text (the "blocks", "section" and "toc-sections" templates and
// document.html's loops over them) docBody and tocSections write.
const (
	formerDocument = `{{define "main"}}{{with .Doc -}}
<article class="doc wrap">
<header class="doc-header">
<h1>{{zh .Meta.Title}}</h1>
{{- template "doc-meta.html" $ -}}
</header>
{{- if or .Main.Sections .Annexes}}<nav class="toc" aria-labelledby="toc-h">
<h2 id="toc-h">目录</h2>
{{- template "toc-sections" .Main.Sections -}}
{{- with .Annexes}}<ol class="toc-annexes">{{range .}}<li><a href="#{{.Anchor}}">{{zh .Title}}</a></li>{{end}}</ol>{{end -}}
</nav>{{end -}}
{{- if $.DocThemes}}<p class="why-opt"><label class="a11y-opt"><input type="checkbox" id="opt-why">显示各条主题的依据</label></p>{{end -}}
<div class="doc-body">
{{- with .Main}}{{template "blocks" (preamble $)}}{{range .Sections}}{{template "section" (nest $ . 1)}}{{end}}{{end -}}
{{- range .Annexes}}<section class="annex" id="{{.Anchor}}" aria-labelledby="{{.Anchor}}-h">
<h2 id="{{.Anchor}}-h" class="annex-title">{{zh .Title}}<a class="anchor" href="#{{.Anchor}}" aria-label="附件链接">#</a></h2>
{{- template "blocks" (blocks $ .Blocks)}}{{range .Sections}}{{template "section" (nest $ . 2)}}{{end -}}
</section>{{end -}}
{{- with copyBlocks $}}<div class="cover-copy" role="note" aria-label="版记">{{range .}}{{zhHTML .HTML}}{{end}}</div>{{end -}}
</div>
{{- template "doc-targets.html" $ -}}
{{- template "doc-cite.html" $ -}}
{{- template "doc-links.html" $ -}}
<footer class="doc-footer">
<p><a href="#main">返回顶部</a></p>
</footer>
</article>
{{- end}}{{end -}}
`
	formerItems = `{{define "blocks"}}{{$p := .P}}{{$b := .}}{{range .Blocks}}{{if .Item}}{{itemBlock $p .Item}}{{else}}{{$r := $b.Role .}}{{with $r}}<div class="{{.}}">{{end}}{{zhHTML .HTML}}{{if $r}}</div>{{end}}{{with .Annotation}}{{template "note" (note $p .)}}{{end}}{{chips $p .Anchor}}{{end}}{{end}}{{end -}}
{{- define "note"}}{{with .}}<dl class="note">{{range .}}<div><dt>{{.Label}}</dt><dd>{{if .Names}}{{range $i, $n := .Names}}{{if $i}}、{{end}}{{if $n.URL}}<a href="{{$n.URL}}" tabindex="-1">{{zh $n.Name}}</a>{{else}}{{zh $n.Name}}{{end}}{{end}}{{else}}{{zh .Value}}{{end}}</dd></div>{{end}}</dl>{{end}}{{end -}}
{{- define "section"}}{{$s := .S}}<section class="sec level{{$s.Level}}" id="{{$s.Anchor}}" aria-labelledby="{{$s.Anchor}}-h">
{{- if eq .H 2}}<h2 id="{{$s.Anchor}}-h">{{else if eq .H 3}}<h3 id="{{$s.Anchor}}-h">{{else}}<h4 id="{{$s.Anchor}}-h">{{end}}{{zh $s.Heading}}<a class="anchor" href="#{{$s.Anchor}}" aria-label="本节链接">#</a>{{if eq .H 2}}</h2>{{else if eq .H 3}}</h3>{{else}}</h4>{{end -}}
{{- with $s.Annotation}}{{template "note" (note $.P .)}}{{end -}}
{{- template "blocks" (blocks .P $s.Blocks) -}}
{{- range $s.Sections}}{{template "section" (nest $.P . $.Base)}}{{end -}}
</section>
{{- end -}}
{{- define "toc-sections"}}<ol>
{{- range .}}<li><a href="#{{.Anchor}}">{{zh .Heading}}</a>{{with .Sections}}{{template "toc-sections" .}}{{end}}</li>
{{- end}}</ol>{{end -}}
`
)

// formerMain runs fn on the fixture and the bundled site (forTestSites) with check, which fails
// t unless a page's "main" template, executed by the default theme, writes what it wrote with
// the theme's files named in former as they were (the others as they are), all minified as the
// theme is, and returns it.
func formerMain(t *testing.T, former map[string]string, fn func(t *testing.T, name string, s *site.Site, r *Renderer, check func(*Page) string)) {
	partials, err := filepath.Glob(filepath.Join(testThemeDir, "layouts", "partials", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	srcs := map[string]string{}
	for _, f := range partials {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[filepath.Base(f)] = string(b)
	}
	for f, src := range former {
		srcs[f] = src
	}
	minified, err := minifyTemplates(srcs)
	if err != nil {
		t.Fatal(err)
	}
	forTestSites(t, func(t *testing.T, name string, cfg *config.Config, s *site.Site, r *Renderer) {
		ref := template.New("").Funcs(r.funcs())
		// A row is the former template's, executed anew.
		ref.Funcs(template.FuncMap{"row": func(_ *Page, name string, data any) (template.HTML, error) {
			var b strings.Builder
			err := ref.ExecuteTemplate(&b, name, data)
			return template.HTML(b.String()), err
		}})
		for f, src := range minified {
			template.Must(ref.New(f).Parse(src))
		}
		fn(t, name, s, r, func(p *Page) string {
			t.Helper()
			var got, want strings.Builder
			if err := r.pages[p.Layout].ExecuteTemplate(&got, "main", p); err != nil {
				t.Fatal(err)
			}
			if err := ref.ExecuteTemplate(&want, "main", p); err != nil {
				t.Fatal(err)
			}
			if g, w := got.String(), want.String(); g != w {
				i := 0
				for i < len(g) && i < len(w) && g[i] == w[i] {
					i++
				}
				t.Errorf("%s (%s): the page's main part differs from the former template at byte %d:\n got %q\nwant %q", p.URL, p.Layout, i,
					g[max(0, i-120):min(len(g), i+120)], w[max(0, i-120):min(len(w), i+120)])
			}
			return got.String()
		})
	})
}

// TestDocBodyMatchesTemplate: a plan page's main part, its text written by docBody and its
// table of contents by tocSections, is what the former document.html and items.html wrote,
// minified as the theme is (the other partials the theme's own), on every plan page of the
// fixture and the bundled site; and on documents of hostile text: section headings and
// anchors, annex titles and anchors, cover-notice roles, notes on sections and paragraphs,
// sections of every level nested three deep, in the main text and in annexes.
func TestDocBodyMatchesTemplate(t *testing.T) {
	formerMain(t, map[string]string{"document.html": formerDocument, "items.html": formerItems}, func(t *testing.T, name string, s *site.Site, r *Renderer, check func(*Page) string) {
		var sections, annexes, roles, notes int
		for _, d := range s.Documents {
			p := documentPage(r, s, d)
			p.Layout = "document"
			got := check(p)
			sections += strings.Count(got, `<section class="sec `)
			annexes += strings.Count(got, `<section class="annex"`)
			roles += len(Body(t, s, d).CoverRoles())
			notes += strings.Count(got, `<dl class="note">`)
		}
		t.Logf("%d documents: %d sections, %d annexes, %d paragraphs with a cover-notice role, %d notes", len(s.Documents), sections, annexes, roles, notes)
		if name == "bundled" && (sections == 0 || annexes == 0 || roles == 0 || notes == 0) {
			t.Errorf("the bundled site does not cover the text's branches: %d sections, %d annexes, %d roles, %d notes", sections, annexes, roles, notes)
		}
		// Documents of hostile text in every field docBody and tocSections write.
		at := func(i int) string { return hostile[i%len(hostile)] }
		note := func(i int) *content.Annotation {
			return &content.Annotation{Pairs: []content.AnnotationPair{{Label: at(i), Value: at(i + 1)}, {Label: at(i + 2), Names: []string{at(i + 3), at(i + 4)}}}}
		}
		var sec func(i, depth int) *content.Section
		sec = func(i, depth int) *content.Section {
			x := &content.Section{Level: i % 4, Heading: at(i), Anchor: hostileURLs[i%len(hostileURLs)],
				Blocks: []*content.Block{{HTML: template.HTML("<p>" + at(i+1) + "</p>\n"), Anchor: at(i + 2)}, {Item: &content.Item{Marker: at(i), Anchor: at(i + 3), Text: at(i + 4)}}}}
			if i%2 == 0 {
				x.Annotation = note(i)
				x.Blocks[0].Annotation = note(i + 1)
			}
			for j := 0; depth < 3 && j < 2; j++ {
				x.Sections = append(x.Sections, sec(i+j+1, depth+1))
			}
			return x
		}
		for i, h := range hostile {
			d := &content.Document{URL: hostileURLs[i%len(hostileURLs)], Meta: content.Meta{Title: h, Agency: at(i + 1)}}
			d.Main = &content.Part{} // as the loader makes it: the table of contents reads .Main.Sections
			if i%3 != 2 {
				d.Main = &content.Part{Blocks: []*content.Block{{HTML: template.HTML(at(i + 5))}, {HTML: "<p>抄送：" + template.HTML(at(i+6)) + "</p>"}}}
				for j := range i % 3 {
					d.Main.Sections = append(d.Main.Sections, sec(i+j, 1))
				}
			}
			for j := range i % 4 {
				d.Annexes = append(d.Annexes, &content.Part{Title: at(i + j + 7), Anchor: hostileURLs[(i+j)%len(hostileURLs)],
					Blocks: []*content.Block{{HTML: template.HTML(at(i + j))}}, Sections: []*content.Section{sec(i+j+2, 2)}})
			}
			p := r.page(s, h, d.URL)
			p.Doc, p.Layout = d, "document"
			check(p)
		}
	})
}

// formerTheme is the default theme's former theme.html, whose groups themeGroups writes.
const formerTheme = `{{define "main"}}{{$t := .Theme}}<div class="wrap">
<h1>{{$t.Name}}{{if gt .ThemePage.N 1}}<span class="page-no">（第{{.ThemePage.N}}页）</span>{{end}}</h1>
{{- with $t.Description}}<p class="list-intro">{{.}}</p>{{end -}}
<p class="list-intro">每个条目显示使它归入本主题的句子，关键词以底色标出；点击条目查看全文。</p>
<p class="list-count">{{$t.Documents}} 篇文件 · {{$t.Items}} 个条目{{if gt (len $t.Pages) 1}}，第 {{.ThemePage.N}}/{{len $t.Pages}} 页{{end}}</p>
{{- with $t.Table}}<p class="view-switch"><a href="{{.}}">本主题 {{$t.Documents}} 篇文件的列表</a>（标题、发布机构、文号、成文日期、发布日期，可排序）</p>{{end -}}
{{- template "feed-link.html" . -}}
{{- with .ThemePage.Groups}}<nav class="group-index" aria-label="本页地区">
<ul>{{range .}}<li><a href="#{{.ID}}">{{.Name}}</a></li>{{end}}</ul>
</nav>{{end -}}
{{- range .ThemePage.Groups}}<section class="theme-group" id="{{.ID}}">
<h2>{{with .Within}}<span class="within">{{range .}}{{.Place}} · {{end}}</span>{{end}}{{if .URL}}<a href="{{.URL}}">{{.Name}}</a>{{else}}{{.Name}}{{end}}{{if .Continued}}<span class="cont">（续）</span>{{end}}</h2>
{{- range .Documents}}<article class="theme-doc" id="{{.ID}}">
<h3>{{row $ "theme-doc-title" .Doc}}</h3>
{{- with .BySection}}{{entryRuns .}}
{{- else}}<p class="entry-none">文件的主题分类标注了本主题，正文中没有单独涉及本主题的条目。</p>
{{- end -}}
</article>
{{- end}}</section>
{{- else}}<p>暂无条目。</p>
{{- end -}}
{{- template "pager.html" . -}}
</div>{{end -}}
{{- /* A document's title and date, the same on every theme page it is on (16 on average at
1,000 generated plans), so a build makes each once (row). */}}{{define "theme-doc-title"}}<a href="{{.URL}}">{{zh .Meta.Title}}</a> <time>{{.Meta.Published}}</time>{{end -}}
`

// TestThemeGroupsMatchesTemplate: a theme page's main part, its groups written by themeGroups,
// is what the former theme.html wrote, minified as the theme is, on every theme page of the
// fixture and the bundled site (the untagged passages' too); and on pages of hostile groups:
// names, ids, listing URLs (safe and not), the places a region is in, continued or not, and
// documents of hostile title, URL and id, with entries or none, and a page with no group.
func TestThemeGroupsMatchesTemplate(t *testing.T) {
	formerMain(t, map[string]string{"theme.html": formerTheme}, func(t *testing.T, name string, s *site.Site, r *Renderer, check func(*Page) string) {
		var pages, docs, none, within []*Page
		var last *Page
		r.eachPageJob(s, func(j pageJob) {
			p := j.page
			if p.Layout != "theme" {
				return
			}
			got := check(p)
			pages, last = append(pages, p), p
			if strings.Contains(got, `<article class="theme-doc"`) {
				docs = append(docs, p)
			}
			if strings.Contains(got, `class="entry-none"`) {
				none = append(none, p)
			}
			if strings.Contains(got, `class="within"`) {
				within = append(within, p)
			}
		})
		t.Logf("%d theme pages: %d with documents, %d with one the text does not put there, %d with a region within another", len(pages), len(docs), len(none), len(within))
		if len(docs) == 0 || name == "bundled" && len(within) == 0 {
			t.Errorf("the theme pages do not cover the groups' branches: %d with documents, %d with regions within others", len(docs), len(within))
		}
		at := func(i int) string { return hostile[i%len(hostile)] }
		for i, h := range hostile {
			tp := &site.ThemePage{N: 1 + i%3, URL: last.ThemePage.URL}
			for j := range i % 4 {
				g := &site.ThemeGroup{Name: at(i + j), ID: at(i + j + 1), URL: hostileURLs[(i+j)%len(hostileURLs)], Continued: (i+j)%2 == 1}
				for k := range (i + j) % 3 {
					g.Within = append(g.Within, &site.Group{Place: at(i + j + k + 2)})
				}
				for k := range 1 + (i+j)%3 {
					d := &content.Document{URL: hostileURLs[(i+j+k+3)%len(hostileURLs)], Meta: content.Meta{Title: at(i + k),
						Published: content.Date{Time: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), Prec: content.Precision(k % 3)}}}
					g.Documents = append(g.Documents, &site.ThemeDoc{Doc: d, ID: at(i + j + k + 4)})
				}
				if len(docs) > 0 && j == 1 { // a document with entries
					g.Documents = append(g.Documents, docs[i%len(docs)].ThemePage.Groups[0].Documents[0])
				}
				tp.Groups = append(tp.Groups, g)
			}
			check(&Page{Site: s, Config: last.Config, Layout: "theme", Title: h, URL: last.URL, Theme: last.Theme, ThemePage: tp, Pager: last.Pager})
		}
	})
}

// formerUnit is the default theme's former unit.html, whose articles unitDocs writes.
const formerUnit = `{{define "main"}}{{$u := .Unit}}<div class="wrap">
<h1>{{zh $u.Name}}</h1>
<p class="list-count">{{$u.Agency}} · {{if eq $u.Kind "leader"}}负责领导{{else}}责任单位{{end}} · {{len $u.Entries}} 个条目 · {{len $u.Documents}} 篇文件</p>
<p class="list-intro">每个条目列出其首句，点击查看文件中的全文。</p>
{{- range $i, $d := $u.ByDocument}}<article class="theme-doc" aria-labelledby="ud{{$i}}-h">
<h2 id="ud{{$i}}-h"><a href="{{$d.Doc.URL}}">{{$d.Doc.Meta.Title}}</a></h2>
<p class="doc-info"><span>{{$d.Doc.Meta.Agency}}</span><time datetime="{{$d.Doc.Meta.Published}}">{{$d.Doc.Meta.Published}}</time></p>
<ul class="entries">
{{- unitEntries $d.Entries}}</ul>
</article>
{{- end -}}
</div>{{end -}}
`

// TestUnitDocsMatchesTemplate: a unit's or leader's page, its documents' articles written by
// unitDocs, is what the former unit.html wrote, minified as the theme is, on every unit page of
// the fixture and the bundled site (each names its units in one document); and on units of hostile entries: documents of hostile
// title, URL, agency and date, one to three entries each, none at all, and a document's
// entries interrupted by another's (two articles for it, as ByDocument makes them).
func TestUnitDocsMatchesTemplate(t *testing.T) {
	formerMain(t, map[string]string{"unit.html": formerUnit}, func(t *testing.T, name string, s *site.Site, r *Renderer, check func(*Page) string) {
		pages, multi := 0, 0
		var last *Page
		r.eachPageJob(s, func(j pageJob) {
			if j.page.Layout != "unit" {
				return
			}
			got := check(j.page)
			pages, last = pages+1, j.page
			if strings.Contains(got, `id="ud1-h"`) {
				multi++
			}
		})
		t.Logf("%d unit pages, %d with more than one document", pages, multi)
		if last == nil {
			t.Fatal("the site has no unit page") // the hostile units below cover several documents
		}
		at := func(i int) string { return hostile[i%len(hostile)] }
		for i, h := range hostile {
			u := &site.Unit{Kind: []string{"leader", "unit"}[i%2], Name: h, Agency: at(i + 1), URL: last.URL}
			var docs []*content.Document
			for k := range 1 + i%3 {
				docs = append(docs, &content.Document{URL: hostileURLs[(i+k)%len(hostileURLs)], Meta: content.Meta{Title: at(i + k + 2), Agency: at(i + k + 3),
					Published: content.Date{Time: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), Prec: content.Precision(k % 3)}}})
			}
			for k := range i % 7 {
				d := docs[(k/2)%len(docs)] // runs of two; with one document, a run of all
				u.Entries = append(u.Entries, site.UnitEntry{Role: []string{"co_units", "lead_units"}[k%2], Noted: &site.Noted{Doc: d,
					URL: hostileURLs[(i+k)%len(hostileURLs)], Marker: at(i + k), Lead: at(i + k + 1), Deadline: at(i + k + 2)}})
			}
			if i%5 == 4 && len(docs) > 1 { // the first document again, after another
				u.Entries = append(u.Entries, site.UnitEntry{Noted: &site.Noted{Doc: docs[0], URL: "/x/", Lead: h}})
			}
			for _, e := range u.Entries {
				if len(u.Documents) == 0 || u.Documents[len(u.Documents)-1] != e.Doc {
					u.Documents = append(u.Documents, e.Doc)
				}
			}
			check(&Page{Site: s, Config: last.Config, Layout: "unit", Title: h, URL: last.URL, Unit: u})
		}
	})
}
