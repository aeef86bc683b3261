package bench

import (
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/search"
)

// TestMix checks that the load test's mix holds what readers do besides typing a term
// (issue 13): browsing by region, agency, category and year without a keyword, two values of
// one facet with and without a keyword, and typos that find nothing, on the values the
// corpus reports.
func TestMix(t *testing.T) {
	facets := map[string][]search.Facet{
		"region":   {{Value: "海安市", Count: 9}, {Value: "湖州市", Count: 7}, {Value: "宝南市", Count: 1}},
		"agency":   {{Value: "海安市卫生健康委员会", Count: 9}},
		"province": {{Value: "江苏省", Count: 9}, {Value: "浙江省", Count: 7}},
		"year":     {{Value: "2025", Count: 12}, {Value: "2024", Count: 4}},
		"theme":    {{Value: "children", Count: 12}, {Value: "tcm", Count: 3}},
		"category": {{Value: "工作要点", Count: 16}},
	}
	// The corpus holds 儿科服务 and 精神卫生 and whatever contains them.
	text := []string{"儿科服务", "精神卫生", "院前急救"}
	var asked []url.Values
	s := func(v url.Values) (*search.Response, error) {
		asked = append(asked, v)
		r := &search.Response{Facets: facets}
		for _, t := range text {
			if v.Get("q") == t {
				r.Total = 1
			}
		}
		return r, nil
	}
	mix, err := Mix(s, []string{"儿科服务", "癌", "精神卫生", "院前急救", "安宁疗护"})
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range Queries {
		if mix[i].Get("q") != q {
			t.Fatalf("mix[%d] = %v, want the query %q", i, mix[i], q)
		}
	}
	has := func(want url.Values) bool {
		return slices.ContainsFunc(mix, func(v url.Values) bool { return v.Encode() == want.Encode() })
	}
	for _, want := range []url.Values{
		{"region": {"海安市"}},
		{"agency": {"海安市卫生健康委员会"}},
		{"category": {"工作要点"}},
		{"year": {"2025"}, "theme": {"children"}},
		{"province": {"江苏省", "浙江省"}},
		{"q": {Queries[0]}, "region": {"海安市", "湖州市"}},
		{"q": {Queries[1]}, "theme": {"children", "tcm"}},
	} {
		if !has(want) {
			t.Errorf("the mix lacks %s", want.Encode())
		}
	}
	// Typos of the keywords of four characters or more, that find nothing, at most maxTypos:
	// 儿服科务 and 儿务 … 精卫神生 (not 精神卫生's own), in the order of the keywords.
	var typos []string
	for _, v := range mix[len(Queries):] {
		if len(v) == 1 && v.Get("q") != "" && !slices.Contains(Queries, v.Get("q")) {
			typos = append(typos, v.Get("q"))
		}
	}
	want := []string{"儿服科务", "儿服务", "精卫神生"}
	if !slices.Equal(typos, want) {
		t.Errorf("typos %q, want %q", typos, want)
	}
	if len(asked) == 0 || asked[0].Get("q") != Queries[0] {
		t.Errorf("the facets should come from a search for %q, asked %v", Queries[0], asked)
	}
}

// TestByRequest: a run's latencies grouped by the request of the mix each send sent (send i
// sent mix[i%3]), slowest p50 first, with the sends at or over the run's p99 counted.
func TestByRequest(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var out []time.Duration
		for _, x := range v {
			out = append(out, time.Duration(x)*time.Millisecond)
		}
		return out
	}
	mix := []url.Values{{"q": {"a"}}, {"q": {"b"}}, {"q": {"c"}}}
	// a: 1 2 3; b: 30 10 20; c: 5 100 5.
	lat := ms(1, 30, 5, 2, 10, 100, 3, 20, 5)
	got := byRequest(lat, mix, 100*time.Millisecond)
	want := []RequestLatency{
		{Request: "q=b", P50: 20 * time.Millisecond, P99: 30 * time.Millisecond},
		{Request: "q=c", P50: 5 * time.Millisecond, P99: 100 * time.Millisecond, Tail: 1},
		{Request: "q=a", P50: 2 * time.Millisecond, P99: 3 * time.Millisecond},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if !slices.Equal(lat, ms(1, 30, 5, 2, 10, 100, 3, 20, 5)) {
		t.Errorf("the run's latencies were reordered: %v", lat)
	}
}
