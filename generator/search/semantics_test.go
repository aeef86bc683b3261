package search_test

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/engine"
)

// unitIndex maps every indexed record's URL to the record and its document, built from the
// content as the index is.
type unitIndex struct {
	units map[string]search.Record
	docs  map[string]*content.Document
}

func newUnitIndex(t *testing.T, docs []*content.Document) unitIndex {
	t.Helper()
	ui := unitIndex{units: map[string]search.Record{}, docs: map[string]*content.Document{}}
	for _, d := range docs {
		ui.docs[d.URL] = d
		for _, u := range recordsOf(d) {
			if _, dup := ui.units[u.URL]; dup {
				t.Fatalf("two records share the URL %s", u.URL)
			}
			ui.units[u.URL] = u
		}
	}
	return ui
}

// searchable is everything searchable in a record, fields kept apart.
func searchable(u search.Record) string {
	return search.NormalizeString(strings.Join([]string{u.Text, u.TitleS, u.Heading, u.Meta}, "\n"))
}

// truthUnits: the URLs of the records containing any of the alternatives as a substring.
func (ui unitIndex) truthUnits(alternatives ...string) map[string]bool {
	out := map[string]bool{}
	for url, u := range ui.units {
		s := searchable(u)
		for _, a := range alternatives {
			if strings.Contains(s, search.NormalizeString(a)) {
				out[url] = true
				break
			}
		}
	}
	return out
}

// all is the AND of terms (each with its synonyms): the records where every term is in the
// record's own text or its document's title or metadata (its context), one at least in the
// record's own text (see TestCrossFieldAnd).
func (ui unitIndex) all(terms ...string) map[string]bool {
	syn := search.NewSynonyms(bundled.cfg.Search.Synonyms)
	out := map[string]bool{}
	for url, u := range ui.units {
		d := ui.units[u.DocURL]
		ctx := search.NormalizeString(d.TitleS + "\n" + d.Meta)
		own, all := false, true
		for _, term := range terms {
			in := func(s string) bool {
				for _, a := range syn.Expand(term) {
					if strings.Contains(s, search.NormalizeString(a)) {
						return true
					}
				}
				return false
			}
			switch {
			case in(searchable(u)):
				own = true
			case in(ctx):
			default:
				all = false
			}
		}
		if own && all {
			out[url] = true
		}
	}
	return out
}

// truth is truthUnits of a term and its configured synonyms.
func (ui unitIndex) truth(term string) map[string]bool {
	return ui.truthUnits(search.NewSynonyms(bundled.cfg.Search.Synonyms).Expand(term)...)
}

func urlSet(resp *search.Response) map[string]bool {
	out := map[string]bool{}
	for _, h := range resp.Hits {
		out[h.URL] = true
	}
	return out
}

func and(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		if b[k] {
			out[k] = true
		}
	}
	return out
}

func or(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func minus(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		if !b[k] {
			out[k] = true
		}
	}
	return out
}

func sameSet(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	if g, w := strings.Join(keys(got), " "), strings.Join(keys(want), " "); g != w {
		t.Errorf("%s:\n got %d %v\nwant %d %v\n missing %v\n extra %v", what, len(got), keys(got), len(want), keys(want),
			keys(minus(want, got)), keys(minus(got, want)))
	}
}

func doSearch(t *testing.T, ix search.Searcher, r search.Request) *search.Response {
	t.Helper()
	resp, err := ix.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("search %+v: %v", r, err)
	}
	return resp
}

// TestUnitPrecisionRecall: for every kind of record (items, sections, documents), the hits
// of a term are exactly the records containing it.
func TestUnitPrecisionRecall(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	syn := search.NewSynonyms(bundled.cfg.Search.Synonyms)
	for _, term := range []string{"儿科", "癌", "家庭医生签约", "工作会议", "海安", "卫生健康", "DeepSeek", "ai", "2025",
		"儿科、精神卫生", "控增量、调结构", "卫生健康、医疗保障", "十四五", "一老一小", "家医", "医共体"} {
		want := ui.truthUnits(syn.Expand(term)...)
		q := term
		if strings.Contains(term, "、") {
			q = `"` + term + `"` // unquoted, 、 separates terms (TestSeparators)
		}
		got := urlSet(allHits(t, ix, search.Request{Q: q}))
		sameSet(t, "records for "+term, got, want)
		if len(want) == 0 {
			t.Errorf("%s occurs nowhere in the content: pick a better term", term)
		}
	}
}

// TestPunctuationInTerm: a quoted term holding a punctuation mark matches only where that
// mark stands in the text, not where any character does ("儿科、精神卫生" must not find
// 儿科和精神卫生).
func TestPunctuationInTerm(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	got := urlSet(allHits(t, ix, search.Request{Q: `"儿科、精神卫生"`}))
	other := ui.truthUnits("儿科和精神卫生", "儿科与精神卫生")
	if len(other) == 0 {
		t.Fatal("no record with 儿科和精神卫生: the case is not exercised")
	}
	for url := range other {
		if got[url] && !strings.Contains(searchable(ui.units[url]), "儿科、精神卫生") {
			t.Errorf("儿科、精神卫生 found %s, which has only 儿科和/与精神卫生", url)
		}
	}
}

// TestSeparators: the full-width comma, enumeration comma, semicolon and colon that Chinese
// input methods type between words separate terms as a space does.
func TestSeparators(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	for _, c := range []struct{ a, b string }{{"儿科", "精神卫生"}, {"家庭医生", "签约"}, {"中医", "老年"}} {
		want := ui.all(c.a, c.b)
		if len(want) == 0 {
			t.Fatalf("%s and %s never meet: the case is not exercised", c.a, c.b)
		}
		for _, sep := range []string{"，", "、", "；", "：", "\u3000", " ， "} {
			q := c.a + sep + c.b
			sameSet(t, q, urlSet(allHits(t, ix, search.Request{Q: q})), want)
		}
	}
}

func TestAndOrExclude(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	for _, c := range []struct{ a, b string }{{"儿科", "精神卫生"}, {"家庭医生", "签约"}, {"中医", "老年"}, {"儿科", "托育"}, {"医共体", "医保"}} {
		ta, tb := ui.truth(c.a), ui.truth(c.b)
		sameSet(t, c.a+" "+c.b, urlSet(allHits(t, ix, search.Request{Q: c.a + " " + c.b})), ui.all(c.a, c.b))
		sameSet(t, c.a+"　"+c.b, urlSet(allHits(t, ix, search.Request{Q: c.a + "\u3000" + c.b})), ui.all(c.a, c.b))
		sameSet(t, c.a+" OR "+c.b, urlSet(allHits(t, ix, search.Request{Q: c.a + " OR " + c.b})), or(ta, tb))
		sameSet(t, c.a+" -"+c.b, urlSet(allHits(t, ix, search.Request{Q: c.a + " -" + c.b})), minus(ta, tb))
		if len(and(ta, tb)) == 0 || len(minus(ta, tb)) == 0 || len(minus(tb, ta)) == 0 {
			t.Errorf("%s/%s: AND %d, only a %d, only b %d: the case does not separate AND from OR", c.a, c.b,
				len(and(ta, tb)), len(minus(ta, tb)), len(minus(tb, ta)))
		}
	}
	// a OR b c = (a ∪ b) ∩ c.
	got := urlSet(allHits(t, ix, search.Request{Q: "儿科 OR 托育 服务"}))
	sameSet(t, "儿科 OR 托育 服务", got, and(or(ui.truthUnits("儿科"), ui.truthUnits("托育")), ui.truthUnits("服务")))
	// Every hit of an exclusion lacks the excluded term in all its text.
	for _, h := range allHits(t, ix, search.Request{Q: "卫生 -健康"}).Hits {
		if strings.Contains(searchable(ui.units[h.URL]), "健康") {
			t.Errorf("卫生 -健康 returned %s, which contains 健康", h.URL)
		}
	}
	// Only exclusions: nothing to match.
	if resp := doSearch(t, ix, search.Request{Q: "-儿科"}); resp.Total != 0 || len(resp.Hits) != 0 {
		t.Errorf("-儿科 alone: %d hits", resp.Total)
	}
}

func TestQuotedPhrase(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	// Between Han characters a space in a quoted phrase is layout: "医疗 服务" is 医疗服务 (or
	// 医疗 服务 written with a space), in any one field.
	despace := func(s string) string { return strings.Join(strings.Fields(search.NormalizeString(s)), "") }
	want := map[string]bool{}
	for url, u := range ui.units {
		for _, f := range []string{u.Text, u.TitleS, u.Heading, u.Meta} {
			if strings.Contains(despace(f), "医疗服务") {
				want[url] = true
			}
		}
	}
	phrase := urlSet(allHits(t, ix, search.Request{Q: `"医疗 服务"`}))
	sameSet(t, `"医疗 服务"`, phrase, want)
	sameSet(t, `“医疗 服务”`, urlSet(allHits(t, ix, search.Request{Q: `“医疗 服务”`})), want)
	// Unquoted, the two words are ANDed: strictly more records here.
	anded := urlSet(allHits(t, ix, search.Request{Q: `医疗 服务`}))
	sameSet(t, "医疗 服务", anded, and(ui.truth("医疗"), ui.truth("服务")))
	if len(minus(phrase, anded)) != 0 || len(anded) <= len(phrase) || len(phrase) == 0 {
		t.Errorf("医疗 服务 (AND) %d records vs phrase %d: AND must include the phrase and find more", len(anded), len(phrase))
	}
	// An unbalanced quote is taken literally; a quote is punctuation, which pins nothing at
	// the edge of a term: "儿科 finds what 儿科 finds.
	sameSet(t, `"儿科`, urlSet(allHits(t, ix, search.Request{Q: `"儿科`})), ui.truth("儿科"))
	sameSet(t, `儿科"`, urlSet(allHits(t, ix, search.Request{Q: `儿科"`})), ui.truth("儿科"))
	sameSet(t, `"家庭医生`, urlSet(allHits(t, ix, search.Request{Q: `"家庭医生`})), ui.truth("家庭医生"))
	// A quoted phrase may be excluded.
	sameSet(t, `儿科 -"精神卫生"`, urlSet(allHits(t, ix, search.Request{Q: `儿科 -"精神卫生"`})),
		minus(ui.truth("儿科"), ui.truth("精神卫生")))
}

// TestContiguous: 家庭医生签约 never returns a record where 家庭医生 and 签约 stand apart.
func TestContiguous(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	apart := minus(and(ui.truthUnits("家庭医生"), ui.truthUnits("签约")), ui.truthUnits("家庭医生签约"))
	if len(apart) == 0 {
		t.Fatal("no record has 家庭医生 and 签约 apart: the case is not exercised")
	}
	got := allHits(t, ix, search.Request{Q: "家庭医生签约"})
	for _, h := range got.Hits {
		if apart[h.URL] {
			t.Errorf("家庭医生签约 returned %s, where the words stand apart", h.URL)
		}
		if !strings.Contains(searchable(ui.units[h.URL]), "家庭医生签约") {
			t.Errorf("家庭医生签约 returned %s, which lacks it", h.URL)
		}
	}
	t.Logf("%d hits; %d records with the words apart, e.g. %s", got.Total, len(apart), keys(apart)[0])
}

// TestSynonymHits: every member of a configured group returns exactly the records containing
// one of its expansions; a two-character abbreviation is searched only when asked for, so
// 家庭医生 does not find 国家医学中心 through 家医.
func TestSynonymHits(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	syn := search.NewSynonyms(bundled.cfg.Search.Synonyms)
	jiayi := urlSet(allHits(t, ix, search.Request{Q: "家医"}))
	jtys := urlSet(allHits(t, ix, search.Request{Q: "家庭医生"}))
	sameSet(t, "家医", jiayi, ui.truthUnits("家医", "家庭医生"))
	sameSet(t, "家庭医生", jtys, ui.truthUnits("家庭医生"))
	if len(jtys) == 0 {
		t.Fatal("家庭医生 occurs nowhere")
	}
	for url := range jtys {
		if !strings.Contains(searchable(ui.units[url]), "家庭医生") {
			t.Errorf("家庭医生 returned %s, which lacks it", url)
		}
	}
	// 家医签约 finds 家庭医生签约.
	sameSet(t, "家医签约", urlSet(allHits(t, ix, search.Request{Q: "家医签约"})), ui.truthUnits("家医签约", "家庭医生签约"))
	for _, g := range bundled.cfg.Search.Synonyms {
		for _, m := range g {
			got := urlSet(allHits(t, ix, search.Request{Q: m}))
			sameSet(t, fmt.Sprintf("%s (group %s)", m, strings.Join(g, "=")), got, ui.truthUnits(syn.Expand(m)...))
		}
	}
	// 医共体 = 医疗共同体 = 县域医共体.
	a := urlSet(allHits(t, ix, search.Request{Q: "医共体"}))
	b := urlSet(allHits(t, ix, search.Request{Q: "医疗共同体"}))
	c := urlSet(allHits(t, ix, search.Request{Q: "县域医共体"}))
	sameSet(t, "医疗共同体 vs 医共体", b, a)
	sameSet(t, "县域医共体 vs 医共体", c, a)
	if len(a) == 0 {
		t.Error("医共体 occurs nowhere")
	}
}

// facetValue returns the values a record carries for a facet.
func facetValues(u search.Record, d *content.Document, name string) []string {
	switch name {
	case "theme":
		return u.Themes // the record's own, from the document's analysis
	case "agency":
		return []string{u.Agency}
	case "region":
		return []string{u.Region}
	case "province":
		return []string{u.Province}
	case "year":
		return []string{u.Year}
	case "category":
		return []string{u.Category}
	case "validity":
		return []string{u.Validity}
	}
	panic(name)
}

func TestFiltersAndFacets(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	const q = "卫生"
	all := allHits(t, ix, search.Request{Q: q})
	if int(all.Total) != len(all.Hits) || all.Total < 20 {
		t.Fatalf("%d hits of %d", len(all.Hits), all.Total)
	}
	for _, name := range search.FilterNames() {
		facets := all.Facets[name]
		if len(facets) == 0 {
			t.Errorf("facet %s is empty", name)
			continue
		}
		// Facet counts equal the number of hits carrying the value.
		count := map[string]int{}
		for _, h := range all.Hits {
			u := ui.units[h.URL]
			for _, v := range facetValues(u, ui.docs[h.DocURL], name) {
				if v != "" {
					count[v]++
				}
			}
		}
		seen := map[string]bool{}
		for i, f := range facets {
			seen[f.Value] = true
			if f.Count != count[f.Value] {
				t.Errorf("facet %s=%s: count %d, but %d hits carry it", name, f.Value, f.Count, count[f.Value])
			}
			if i > 0 && facets[i-1].Count < f.Count {
				t.Errorf("facet %s is not by count: %v", name, facets)
			}
		}
		for v := range count {
			if !seen[v] && len(facets) < search.MaxFacetTerms {
				t.Errorf("facet %s lacks %s (%d hits)", name, v, count[v])
			}
		}
		// Each filter narrows to the hits carrying the value.
		for i, f := range facets {
			if i >= 4 {
				break
			}
			resp := allHits(t, ix, search.Request{Q: q, Filters: map[string][]string{name: {f.Value}}})
			if int(resp.Total) != f.Count || len(resp.Hits) != f.Count {
				t.Errorf("%s=%s: %d hits (total %d), facet said %d", name, f.Value, len(resp.Hits), resp.Total, f.Count)
			}
			for _, h := range resp.Hits {
				vals := facetValues(ui.units[h.URL], ui.docs[h.DocURL], name)
				if !slices.Contains(vals, f.Value) {
					t.Errorf("%s=%s returned %s with %v", name, f.Value, h.URL, vals)
				}
				switch name {
				case "agency":
					if h.Agency != f.Value {
						t.Errorf("agency=%s: hit agency %s", f.Value, h.Agency)
					}
				case "region":
					if h.Region != f.Value {
						t.Errorf("region=%s: hit region %s", f.Value, h.Region)
					}
				case "theme":
					if !slices.Contains(h.Themes, f.Value) {
						t.Errorf("theme=%s: hit themes %v", f.Value, h.Themes)
					}
				case "year":
					if !strings.HasPrefix(h.Published, f.Value) {
						t.Errorf("year=%s: hit published %s", f.Value, h.Published)
					}
				}
			}
			// The filtered facet still lists every value with its count, so that another
			// can be added (OR) to compare (see TestMultiValueFacets).
			if fs := resp.Facets[name]; !slices.Equal(fs, facets) {
				t.Errorf("%s=%s: facet afterwards %v, want %v as before", name, f.Value, fs, facets)
			}
		}
		// Values of one filter are alternatives.
		if len(facets) >= 2 {
			a, b := facets[0], facets[1]
			resp := allHits(t, ix, search.Request{Q: q, Filters: map[string][]string{name: {a.Value, b.Value}}})
			want := 0
			for _, h := range all.Hits {
				vals := facetValues(ui.units[h.URL], ui.docs[h.DocURL], name)
				if slices.Contains(vals, a.Value) || slices.Contains(vals, b.Value) {
					want++
				}
			}
			if int(resp.Total) != want {
				t.Errorf("%s=%s|%s: %d hits, want %d", name, a.Value, b.Value, resp.Total, want)
			}
		}
		// An unknown value: zero hits, no error.
		resp := doSearch(t, ix, search.Request{Q: q, Filters: map[string][]string{name: {"不存在的值"}}})
		if resp.Total != 0 || len(resp.Hits) != 0 {
			t.Errorf("%s=不存在的值: %d hits", name, resp.Total)
		}
	}
	// Two filters intersect.
	reg, th := all.Facets["region"][0].Value, all.Facets["theme"][0].Value
	resp := allHits(t, ix, search.Request{Q: q, Filters: map[string][]string{"region": {reg}, "theme": {th}}})
	want := 0
	for _, h := range all.Hits {
		if h.Region == reg && slices.Contains(h.Themes, th) {
			want++
		}
	}
	if int(resp.Total) != want || want == 0 {
		t.Errorf("region=%s theme=%s: %d hits, want %d", reg, th, resp.Total, want)
	}
	// An unknown filter name is a request error.
	if _, err := ix.Search(context.Background(), search.Request{Q: q, Filters: map[string][]string{"colour": {"red"}}}); !search.IsRequestError(err) {
		t.Errorf("unknown filter: err = %v", err)
	}
}

func TestDateRange(t *testing.T) {
	ix, _ := bundledIndex(t)
	const q = "卫生"
	all := allHits(t, ix, search.Request{Q: q})
	var dates []string
	seen := map[string]bool{}
	for _, h := range all.Hits {
		if h.Published == "" {
			t.Errorf("%s has no date", h.URL)
		}
		if !seen[h.Published] {
			seen[h.Published] = true
			dates = append(dates, h.Published)
		}
	}
	sort.Strings(dates)
	if len(dates) < 4 {
		t.Fatalf("only %d dates", len(dates))
	}
	from, to := dates[1], dates[len(dates)-2]
	count := func(lo, hi string) (n int) {
		for _, h := range all.Hits {
			if (lo == "" || h.Published >= lo) && (hi == "" || h.Published <= hi) {
				n++
			}
		}
		return n
	}
	for _, c := range []struct{ from, to string }{{from, to}, {from, ""}, {"", to}, {from, from}, {to, to}, {to, from}} {
		resp := allHits(t, ix, search.Request{Q: q, From: c.from, To: c.to})
		want := count(c.from, c.to)
		if int(resp.Total) != want {
			t.Errorf("from %q to %q: %d hits, want %d", c.from, c.to, resp.Total, want)
		}
		for _, h := range resp.Hits {
			if (c.from != "" && h.Published < c.from) || (c.to != "" && h.Published > c.to) {
				t.Errorf("from %q to %q: hit published %s", c.from, c.to, h.Published)
			}
		}
		if c.from != "" && c.from <= c.to && want == 0 {
			t.Errorf("from %q to %q: inclusive bounds should find the documents of those days", c.from, c.to)
		}
	}
}

// TestOutOfRangeDates: dates the index cannot represent (before 1677 or after 2262) are
// still valid requests, not server errors.
func TestOutOfRangeDates(t *testing.T) {
	ix, _ := bundledIndex(t)
	const q = "卫生"
	total := doSearch(t, ix, search.Request{Q: q}).Total
	for _, c := range []struct {
		from, to string
		all      bool
	}{
		{"1000-01-01", "", true}, {"0001-01-01", "", true}, {"", "9999-12-31", true}, {"1000-01-01", "9999-12-31", true},
		{"9999-12-31", "", false}, {"", "1000-01-01", false}, {"", "0001-01-01", false}, {"2262-04-12", "", false},
		{"", "1677-09-20", false},
	} {
		resp, err := ix.Search(context.Background(), search.Request{Q: q, From: c.from, To: c.to})
		if err != nil {
			t.Errorf("from %q to %q: %v", c.from, c.to, err)
			continue
		}
		want := uint64(0)
		if c.all {
			want = total
		}
		if resp.Total != want {
			t.Errorf("from %q to %q: %d hits, want %d", c.from, c.to, resp.Total, want)
		}
	}
}

func TestSortByDate(t *testing.T) {
	ix, _ := bundledIndex(t)
	for _, q := range []string{"卫生", "儿科", "工作会议"} {
		byDate := allHits(t, ix, search.Request{Q: q, Sort: "date"})
		for i := 1; i < len(byDate.Hits); i++ {
			if byDate.Hits[i-1].Published < byDate.Hits[i].Published {
				t.Errorf("%s sort=date: %s (%s) before %s (%s)", q, byDate.Hits[i-1].URL, byDate.Hits[i-1].Published,
					byDate.Hits[i].URL, byDate.Hits[i].Published)
			}
		}
		if byDate.Sort != "date" {
			t.Errorf("sort %q", byDate.Sort)
		}
		byRel := allHits(t, ix, search.Request{Q: q})
		sameSet(t, q+" sort=date vs relevance", urlSet(byDate), urlSet(byRel))
		for i := 1; i < len(byRel.Hits); i++ {
			if byRel.Hits[i-1].Score < byRel.Hits[i].Score {
				t.Errorf("%s by relevance: score %v before %v", q, byRel.Hits[i-1].Score, byRel.Hits[i].Score)
			}
		}
	}
}

// TestTitleRanksFirst: a document whose title holds the term ranks above records that hold
// it only in their text; a heading match ranks above a match in an item's text.
func TestTitleRanksFirst(t *testing.T) {
	ix, docs := bundledIndex(t)
	checkTitleRanks(t, ix, newUnitIndex(t, docs))
}

func checkTitleRanks(t *testing.T, ix search.Searcher, ui unitIndex) {
	t.Helper()
	exercised := 0
	for _, q := range []string{"工作会议", "海安", "工作要点", "新城区", "卫生健康"} {
		n := search.NormalizeString(q)
		resp := allHits(t, ix, search.Request{Q: q})
		rank := func(u search.Record) int {
			// The issue asks title and heading matches above body matches; it does not order
			// a title against a heading.
			if strings.Contains(search.NormalizeString(u.TitleS), n) || strings.Contains(search.NormalizeString(u.Heading), n) {
				return 1
			}
			return 0
		}
		titled, bodyOnly := 0, 0
		for i, h := range resp.Hits {
			r := rank(ui.units[h.URL])
			if strings.Contains(search.NormalizeString(ui.units[h.URL].TitleS), n) {
				titled++
			} else if r == 0 {
				bodyOnly++
			}
			if i > 0 {
				if prev := rank(ui.units[resp.Hits[i-1].URL]); prev < r {
					t.Errorf("%s: %s (title/heading rank %d, score %v) below %s (rank %d, score %v)", q, h.URL, r, h.Score,
						resp.Hits[i-1].URL, prev, resp.Hits[i-1].Score)
				}
			}
		}
		if titled == 0 {
			t.Errorf("%s: no title hits", q)
		}
		if titled > 0 && bodyOnly > 0 {
			exercised++
		}
	}
	if exercised < 2 {
		t.Errorf("only %d queries have both title and body-only hits", exercised)
	}
}

func TestPagination(t *testing.T) {
	ix, _ := bundledIndex(t)
	for _, q := range []string{"卫生", "儿科"} {
		for _, sortBy := range []string{"", "date"} {
			full := doSearch(t, ix, search.Request{Q: q, Size: search.MaxSize, Sort: sortBy})
			var paged []string
			seen := map[string]bool{}
			for page := 1; ; page++ {
				resp := doSearch(t, ix, search.Request{Q: q, Size: 3, Page: page, Sort: sortBy})
				if resp.Total != full.Total || resp.Page != page || resp.Size != 3 {
					t.Fatalf("%s page %d: total %d page %d size %d", q, page, resp.Total, resp.Page, resp.Size)
				}
				if len(resp.Hits) > 3 {
					t.Fatalf("%d hits on a page of 3", len(resp.Hits))
				}
				for _, h := range resp.Hits {
					if seen[h.URL] {
						t.Errorf("%s: %s on two pages", q, h.URL)
					}
					seen[h.URL] = true
					paged = append(paged, h.URL)
				}
				if len(resp.Hits) < 3 {
					break
				}
			}
			var want []string
			for _, h := range full.Hits {
				want = append(want, h.URL)
			}
			n := min(len(want), len(paged))
			if full.Total <= search.MaxSize && len(paged) != len(want) {
				t.Errorf("%s: %d paged hits, %d in one page", q, len(paged), len(want))
			}
			if strings.Join(paged[:n], " ") != strings.Join(want[:n], " ") {
				t.Errorf("%s sort=%q: pages of 3 differ from one page of 100", q, sortBy)
			}
			if uint64(len(paged)) != full.Total {
				t.Errorf("%s: %d paged hits, total %d", q, len(paged), full.Total)
			}
		}
	}
	// Past the end: no hits, same total.
	resp := doSearch(t, ix, search.Request{Q: "儿科", Page: 500, Size: 20})
	if len(resp.Hits) != 0 || resp.Total == 0 {
		t.Errorf("page 500: %d hits, total %d", len(resp.Hits), resp.Total)
	}
}

func reqString(r search.Request) string {
	return fmt.Sprintf("{Q:%.40q page:%d size:%d sort:%q from:%q to:%q filters:%.60v}", r.Q, r.Page, r.Size, r.Sort, r.From, r.To, r.Filters)
}

func TestRequestNormalize(t *testing.T) {
	long := strings.Repeat("儿", search.MaxQueryLen)
	cases := []struct {
		r  search.Request
		ok bool
	}{
		{search.Request{Q: "儿科"}, true},
		{search.Request{Q: ""}, false},
		{search.Request{Q: " \t\u3000"}, false},
		{search.Request{Q: long}, true},
		{search.Request{Q: long + "儿"}, false},
		{search.Request{Q: "  " + long + "  "}, true}, // trimmed first
		{search.Request{Q: "x", Page: -1}, false},
		{search.Request{Q: "x", Size: -1}, false},
		{search.Request{Q: "x", Size: search.MaxSize}, true},
		{search.Request{Q: "x", Size: search.MaxSize + 1}, false},
		{search.Request{Q: "x", Page: 100, Size: 100}, true},
		{search.Request{Q: "x", Page: 101, Size: 100}, false},
		{search.Request{Q: "x", Page: math.MaxInt/4 + 1, Size: 4}, false}, // page × size overflows
		{search.Request{Q: "x", Page: math.MaxInt, Size: 100}, false},
		{search.Request{Q: "x", Sort: "date"}, true},
		{search.Request{Q: "x", Sort: "relevance"}, true},
		{search.Request{Q: "x", Sort: "foo"}, false},
		{search.Request{Q: "x", Sort: "Date"}, false},
		{search.Request{Q: "x", From: "2025-13-01"}, false},
		{search.Request{Q: "x", To: "2025-02-30"}, false},
		{search.Request{Q: "x", From: "2025-1-1"}, false},
		{search.Request{Q: "x", From: "2025-01-01", To: "2025-12-31"}, true},
		{search.Request{Q: "x", Filters: map[string][]string{"region": {"海安市"}}}, true},
		{search.Request{Q: "x", Filters: map[string][]string{"Region": {"海安市"}}}, false},
		{search.Request{Q: "x", Filters: map[string][]string{"region": make([]string, 21)}}, false},
	}
	for _, c := range cases {
		r := c.r
		err := r.Normalize()
		if (err == nil) != c.ok {
			t.Errorf("Normalize(%s) = %v, want ok=%v", reqString(c.r), err, c.ok)
		}
		if err != nil && !search.IsRequestError(err) {
			t.Errorf("Normalize(%s): %v is not a request error", reqString(c.r), err)
		}
		if err == nil && (r.Page < 1 || r.Size < 1 || r.Size > search.MaxSize || (r.Sort != "relevance" && r.Sort != "date")) {
			t.Errorf("Normalize(%s) left %d %d %q", reqString(c.r), r.Page, r.Size, r.Sort)
		}
	}
	r := search.Request{Q: " 儿科 "}
	if err := r.Normalize(); err != nil || r.Q != "儿科" || r.Page != 1 || r.Size != search.DefaultSize || r.Sort != "relevance" {
		t.Errorf("defaults: %+v %v", r, err)
	}
}

// TestNoServerErrors: whatever a request holds, Search answers or returns a request error;
// it never fails otherwise and never panics.
func TestNoServerErrors(t *testing.T) {
	ix, _ := bundledIndex(t)
	reqs := []search.Request{
		{Q: "儿科", Page: math.MaxInt/4 + 1, Size: 4},
		{Q: "儿科", Page: math.MaxInt, Size: 1},
		{Q: "儿科", Page: 10000, Size: 1},
		{Q: "儿科", From: "1000-01-01"},
		{Q: "儿科", To: "9999-12-31"},
		{Q: "儿科", From: "2026-01-01", To: "2024-01-01"},
		{Q: "\x00"},
		{Q: "\xff\xfe"},
		{Q: string([]byte{0xed, 0xa0, 0x80})},
		{Q: `"`},
		{Q: "-"},
		{Q: "OR"},
		{Q: "，。"},
		{Q: strings.Repeat("a", 256)},
		{Q: strings.Repeat("儿科 ", 85)},
		{Q: strings.Repeat("儿 OR ", 50) + "科"},
		{Q: strings.Repeat("-儿 ", 85)},
		{Q: "儿科", Filters: map[string][]string{"theme": {""}}},
		{Q: "儿科", Filters: map[string][]string{"year": {"\x00"}}},
		{Q: "家医 医共体 AI 卫健委 公卫 医保"},
	}
	// One shard answers through the index itself, several through an alias: both paths.
	for _, ix := range []*engine.Index{ix, shardedIndex(t, 1), shardedIndex(t, 3)} {
		checkNoServerErrors(t, ix, reqs)
	}
}

func checkNoServerErrors(t *testing.T, ix search.Searcher, reqs []search.Request) {
	t.Helper()
	for _, r := range reqs {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("search %s panicked: %v", reqString(r), p)
				}
			}()
			resp, err := ix.Search(context.Background(), r)
			if err != nil && !search.IsRequestError(err) {
				t.Errorf("search %s: server error %v", reqString(r), err)
			}
			if err == nil {
				if resp.Hits == nil || resp.Facets == nil {
					t.Errorf("search %s: nil hits or facets", reqString(r))
				}
				for _, h := range resp.Hits {
					checkWellFormed(t, string(h.Snippet))
				}
			}
		}()
	}
}

// TestHitFields: hits carry their record's fields, with a snippet marking the term.
func TestHitFields(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	resp := allHits(t, ix, search.Request{Q: "儿科"})
	kinds := map[string]int{}
	for _, h := range resp.Hits {
		u, ok := ui.units[h.URL]
		if !ok {
			t.Errorf("hit %s is no record", h.URL)
			continue
		}
		kinds[h.Kind]++
		d := ui.docs[h.DocURL]
		if d == nil || h.Title != d.Meta.Title || h.Agency != u.Agency || h.Region != u.Region || h.Kind != u.Kind ||
			h.Section != u.Section || h.Item != u.Item || h.Published != d.Meta.Published.String() ||
			strings.Join(h.Themes, ",") != strings.Join(u.Themes, ",") {
			t.Errorf("hit %+v does not match its record", h)
		}
		if h.Kind == search.KindItem && (!strings.Contains(h.URL, "#") || h.Item == "") {
			t.Errorf("item hit %s has no anchor or number", h.URL)
		}
		if !strings.HasPrefix(h.URL, h.DocURL) {
			t.Errorf("hit %s not under %s", h.URL, h.DocURL)
		}
		checkWellFormed(t, string(h.Snippet))
		if strings.Contains(string(h.Snippet), "<mark>儿</mark>") || strings.Contains(string(h.Snippet), "<mark>科</mark>") {
			t.Errorf("marks per character: %s", h.Snippet)
		}
		if n := len([]rune(plain(string(h.Snippet)))); n > search.SnippetLen+2 {
			t.Errorf("snippet of %d runes", n)
		}
		// Scores are cut to three decimals; a weak match in a long text may show as 0.
		if h.Score < 0 {
			t.Errorf("hit %s score %v", h.URL, h.Score)
		}
	}
	if kinds[search.KindItem] == 0 {
		t.Errorf("no item hits for 儿科: %v", kinds)
	}
}

// TestCrossFieldAnd: with two terms or more, a term may match the document's title or
// metadata (its context) while another matches the record's own text: 海安 儿科 finds the
// items of 海安's plan that say 儿科. At least one term must be in the record's own text, and
// an excluded term excludes by context too.
func TestCrossFieldAnd(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	context := func(u search.Record) string {
		d := ui.units[u.DocURL]
		return search.NormalizeString(d.TitleS + "\n" + d.Meta)
	}
	// want: the records where every term is in the own text or the context, one at least in
	// the own text.
	want := func(terms ...string) map[string]bool {
		out := map[string]bool{}
		for url, u := range ui.units {
			own, all := false, true
			for _, term := range terms {
				n := search.NormalizeString(term)
				switch {
				case strings.Contains(searchable(u), n):
					own = true
				case strings.Contains(context(u), n):
				default:
					all = false
				}
			}
			if own && all {
				out[url] = true
			}
		}
		return out
	}
	exercised := 0
	for _, q := range [][]string{{"海安", "儿科"}, {"湖州", "托育"}, {"金坛", "家庭医生"}, {"新城区", "养老"}, {"工作要点", "中医"}, {"儿科", "精神卫生"}} {
		got := urlSet(allHits(t, ix, search.Request{Q: strings.Join(q, " ")}))
		w := want(q...)
		sameSet(t, strings.Join(q, " "), got, w)
		ownOnly := and(ui.truth(q[0]), ui.truth(q[1]))
		if len(w) > len(ownOnly) {
			exercised++
		}
	}
	if exercised < 3 {
		t.Errorf("only %d queries find more through the context: the case is not exercised", exercised)
	}
	// 海安 儿科 holds only 海安's records, and every hit says 儿科 in its own text (海安 is
	// in no item's text).
	resp := allHits(t, ix, search.Request{Q: "海安 儿科"})
	if resp.Total == 0 {
		t.Fatal("海安 儿科: no hits")
	}
	for _, h := range resp.Hits {
		if h.DocURL != "/plans/haian-2025/" {
			t.Errorf("海安 儿科 returned %s", h.URL)
		}
		if !strings.Contains(searchable(ui.units[h.URL]), "儿科") {
			t.Errorf("海安 儿科 returned %s, whose own text lacks 儿科", h.URL)
		}
		if !strings.Contains(string(h.Snippet), "<mark>儿科</mark>") {
			t.Errorf("海安 儿科: snippet of %s does not mark 儿科: %s", h.URL, h.Snippet)
		}
	}
	// A single term matches the record's own text only: 海安 alone does not return every
	// item of 海安's plan.
	sameSet(t, "海安", urlSet(allHits(t, ix, search.Request{Q: "海安"})), ui.truth("海安"))
	// Exclusion by context: 儿科 -海安 and 海安 儿科 split 儿科's hits.
	without := urlSet(allHits(t, ix, search.Request{Q: "儿科 -海安"}))
	with := urlSet(resp)
	sameSet(t, "儿科 -海安 ∪ 海安 儿科", or(without, with), ui.truth("儿科"))
	if len(and(without, with)) != 0 {
		t.Errorf("儿科 -海安 and 海安 儿科 share %v", keys(and(without, with)))
	}
	// OR inside a group works with context too.
	sameSet(t, "海安 OR 湖州 儿科", urlSet(allHits(t, ix, search.Request{Q: "海安 OR 湖州 儿科"})),
		or(want("海安", "儿科"), want("湖州", "儿科")))
}

// TestTrailingPlus: a + at the end of a term is part of it: 互联网+ finds the records that
// say 互联网+, not every record that says 互联网, and the snippet marks the plus.
func TestTrailingPlus(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	plus := ui.truthUnits("互联网+")
	all := ui.truthUnits("互联网")
	if len(plus) == 0 || len(plus) >= len(all) {
		t.Fatalf("互联网+ in %d records, 互联网 in %d: the case is not exercised", len(plus), len(all))
	}
	for _, q := range []string{"互联网+", "互联网＋", `"互联网+"`} {
		resp := allHits(t, ix, search.Request{Q: q})
		sameSet(t, q, urlSet(resp), plus)
		for _, h := range resp.Hits {
			if !strings.Contains(string(h.Snippet), "<mark>互联网+</mark>") {
				t.Errorf("%s: snippet of %s: %s", q, h.URL, h.Snippet)
			}
		}
	}
	sameSet(t, "互联网+护理", urlSet(allHits(t, ix, search.Request{Q: "互联网+护理"})), ui.truthUnits("互联网+护理"))
	// 互联网+医疗健康 is configured as a synonym of 互联网医院.
	sameSet(t, "互联网+医疗健康", urlSet(allHits(t, ix, search.Request{Q: "互联网+医疗健康"})), ui.truth("互联网+医疗健康"))
	if len(ui.truthUnits("互联网+医疗健康")) == 0 {
		t.Error("互联网+医疗健康 occurs nowhere")
	}
	// A leading + is the "must have" of other search engines: +儿科 is 儿科.
	sameSet(t, "+儿科", urlSet(allHits(t, ix, search.Request{Q: "+儿科"})), ui.truth("儿科"))
}

// facetCounts counts, over hits, the values of facet name that they carry.
func facetCounts(ui unitIndex, hits []search.Hit, name string) map[string]int {
	out := map[string]int{}
	for _, h := range hits {
		for _, v := range facetValues(ui.units[h.URL], ui.docs[h.DocURL], name) {
			if v != "" {
				out[v]++
			}
		}
	}
	return out
}

func facetMap(fs []search.Facet) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.Value] = f.Count
	}
	return out
}

// TestMultiValueFacets: values of one facet are alternatives (OR), facets intersect (AND),
// and each facet counts its values over the hits that pass the other facets' filters, so a
// chosen region leaves the others listed with their counts.
func TestMultiValueFacets(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	// A term whose postings are exact (a bigram: a hit that fails only one filter then counts
	// for that facet without being checked or scored), and one checked on the text.
	for _, q := range []string{"卫生", "卫生健康"} {
		t.Run(q, func(t *testing.T) { testMultiValueFacets(t, ix, ui, q) })
	}
}

func testMultiValueFacets(t *testing.T, ix *engine.Index, ui unitIndex, q string) {
	all := allHits(t, ix, search.Request{Q: q})
	regions, themes := all.Facets["region"], all.Facets["theme"]
	if len(regions) < 3 || len(themes) < 2 {
		t.Fatalf("too few regions %v or themes %v to test", regions, themes)
	}
	pickR := []string{regions[0].Value, regions[2].Value}
	pickT := []string{themes[1].Value}
	has := func(h search.Hit, name string, vals []string) bool {
		for _, v := range facetValues(ui.units[h.URL], ui.docs[h.DocURL], name) {
			if slices.Contains(vals, v) {
				return true
			}
		}
		return false
	}
	var inR, inT, inBoth []search.Hit
	for _, h := range all.Hits {
		r, th := has(h, "region", pickR), has(h, "theme", pickT)
		if r {
			inR = append(inR, h)
		}
		if th {
			inT = append(inT, h)
		}
		if r && th {
			inBoth = append(inBoth, h)
		}
	}
	resp := allHits(t, ix, search.Request{Q: q, Filters: map[string][]string{"region": pickR, "theme": pickT}})
	want := map[string]bool{}
	for _, h := range inBoth {
		want[h.URL] = true
	}
	sameSet(t, "region OR region AND theme", urlSet(resp), want)
	if len(inBoth) == 0 || len(inR) == len(inBoth) {
		t.Fatalf("the theme filter does not narrow the regions' %d hits (%d): pick other values", len(inR), len(inBoth))
	}
	for _, name := range search.FilterNames() {
		var over []search.Hit
		switch name {
		case "region":
			over = inT // the region facet ignores the region filter
		case "theme":
			over = inR
		default:
			over = inBoth
		}
		w := facetCounts(ui, over, name)
		if g := facetMap(resp.Facets[name]); !maps.Equal(g, w) {
			t.Errorf("facet %s: got %v, want %v", name, g, w)
		}
	}
	if n := len(resp.Facets["region"]); n <= len(pickR) {
		t.Errorf("only %d regions listed with two chosen: the others vanished", n)
	}
}

// TestBrowse: filters without a keyword list the documents that carry the value, newest
// first; facets count them.
func TestBrowse(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	value := func(d *content.Document, name string) []string {
		m := d.Meta
		switch name {
		case "region":
			return []string{m.Region}
		case "agency":
			return []string{m.Agency}
		case "year":
			return []string{m.Published.Format("2006")}
		case "category":
			return []string{m.Category}
		case "theme":
			return ui.units[d.URL].Themes
		}
		panic(name)
	}
	for _, name := range []string{"region", "agency", "year", "theme", "category"} {
		count := map[string]int{}
		for _, d := range docs {
			for _, v := range value(d, name) {
				count[v]++
			}
		}
		tried := 0
		for v := range count {
			if tried++; tried > 3 {
				break
			}
			want := map[string]bool{}
			for _, d := range docs {
				if slices.Contains(value(d, name), v) {
					want[d.URL] = true
				}
			}
			resp := allHits(t, ix, search.Request{Filters: map[string][]string{name: {v}}})
			sameSet(t, "browse "+name+"="+v, urlSet(resp), want)
			for i, h := range resp.Hits {
				if h.Kind != search.KindDoc {
					t.Errorf("browse %s=%s: hit %s is a %s, want documents", name, v, h.URL, h.Kind)
				}
				if i > 0 && resp.Hits[i-1].Published < h.Published {
					t.Errorf("browse %s=%s: %s (%s) after %s (%s): not newest first", name, v, h.URL, h.Published,
						resp.Hits[i-1].URL, resp.Hits[i-1].Published)
				}
			}
			if resp.Sort != "date" {
				t.Errorf("browse %s=%s: sort %q, want date", name, v, resp.Sort)
			}
			if g := facetMap(resp.Facets[name])[v]; g != len(want) {
				t.Errorf("browse %s=%s: facet count %d, want %d", name, v, g, len(want))
			}
		}
	}
	// No keyword and no filter is still a request error: there is nothing to list.
	if _, err := ix.Search(context.Background(), search.Request{}); !search.IsRequestError(err) {
		t.Errorf("empty request: err = %v, want a request error", err)
	}
}
