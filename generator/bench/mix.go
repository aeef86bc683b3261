package bench

import (
	"net/url"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/search"
)

// The load test's mix of requests: Queries, then what a reader does besides typing a term,
// built from the corpus under test rather than chosen by hand (see Mix).

// Searcher answers one request of the mix (a query string of /api/search): over HTTP in the
// load test, on an open index in the engine's benchmarks.
type Searcher func(v url.Values) (*search.Response, error)

// maxTypos is how many zero-result typos the mix holds.
const maxTypos = 3

// Mix returns the requests the load test sends, round robin:
//   - every query of Queries;
//   - browsing without a keyword (region, agency, category, year with theme), and two values
//     of one facet with and without a keyword (multi-value facets, OR within a facet), on the
//     values that the facets of a search for Queries[0] list first: the corpus's own;
//   - typos of the site's theme keywords (two characters swapped, one missing) that find
//     nothing, so that suggestions are built, up to maxTypos.
func Mix(s Searcher, keywords []string) ([]url.Values, error) {
	var mix []url.Values
	for _, q := range Queries {
		mix = append(mix, url.Values{"q": {q}})
	}
	resp, err := s(url.Values{"q": {Queries[0]}})
	if err != nil {
		return nil, err
	}
	top := func(facet string, n int) []string {
		var out []string
		for _, f := range resp.Facets[facet] {
			if len(out) < n {
				out = append(out, f.Value)
			}
		}
		return out
	}
	add := func(v url.Values, need ...[]string) {
		for _, vals := range need {
			if len(vals) == 0 {
				return // the corpus has no such facet value: nothing to browse
			}
		}
		mix = append(mix, v)
	}
	region, agency, category := top("region", 2), top("agency", 1), top("category", 1)
	year, theme, province := top("year", 1), top("theme", 2), top("province", 2)
	add(url.Values{"region": region[:min(1, len(region))]}, region)
	add(url.Values{"agency": agency}, agency)
	add(url.Values{"category": category}, category)
	add(url.Values{"year": year, "theme": theme[:min(1, len(theme))]}, year, theme)
	add(url.Values{"province": province}, province)
	add(url.Values{"q": {Queries[0]}, "region": region}, region)
	add(url.Values{"q": {Queries[1]}, "theme": theme}, theme)
	typos := 0
	for _, k := range keywords {
		rs := []rune(k)
		if len(rs) < 4 || typos == maxTypos {
			continue
		}
		swapped := append([]rune(nil), rs...)
		swapped[1], swapped[2] = swapped[2], swapped[1]
		missing := append(append([]rune(nil), rs[:1]...), rs[2:]...)
		for _, typo := range []string{string(swapped), string(missing)} {
			v := url.Values{"q": {typo}}
			r, err := s(v)
			if err != nil {
				return nil, err
			}
			if r.Total == 0 && typos < maxTypos {
				mix = append(mix, v)
				typos++
			}
		}
	}
	return mix, nil
}

// ThemeKeywords lists the theme keywords of a site's configuration, theme by theme.
func ThemeKeywords(cfg *config.Config) []string {
	var out []string
	for _, t := range cfg.Themes {
		out = append(out, t.Keywords...)
	}
	return out
}
