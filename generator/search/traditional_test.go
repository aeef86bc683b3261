package search_test

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/width"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/search/engine"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

var withTraditional struct {
	once sync.Once
	ix   *engine.Index
	docs []*content.Document
	err  error
}

// traditionalIndex indexes the bundled content and testdata/traditional.md, a plan written in
// traditional characters.
func traditionalIndex(t *testing.T) (*engine.Index, []*content.Document) {
	t.Helper()
	bundledIndex(t) // sets bundled.cfg, which recordsOf reads
	cfg, docs := searchtest.Bundled(t)
	withTraditional.once.Do(func() {
		src, err := os.ReadFile(filepath.Join("testdata", "traditional.md"))
		if err != nil {
			withTraditional.err = err
			return
		}
		d, diags := content.NewLoader(content.Options{}).Parse("content/plans/macao-2025.md", src)
		for _, dg := range diags {
			if !dg.Warning {
				withTraditional.err = dg
				return
			}
		}
		all := append(append([]*content.Document(nil), docs...), d)
		dir := filepath.Join(tmpRoot, "traditional.bleve")
		if _, err := bleveindex.Build(dir, searchtest.Sources(cfg, all), cfg.Search.Synonyms); err != nil {
			withTraditional.err = err
			return
		}
		withTraditional.ix, withTraditional.err = bleveindex.Open(dir, search.NewSynonyms(cfg.Search.Synonyms))
		withTraditional.docs = all
	})
	if withTraditional.err != nil {
		t.Fatal(withTraditional.err)
	}
	return withTraditional.ix, withTraditional.docs
}

// TestTraditionalQueries: traditional and simplified characters fold both ways. The truth is
// computed by converting every record and every query to simplified characters with OpenCC's
// phrase-aware t2s conversion (not the character table the index uses) and looking for the
// query as a substring.
func TestTraditionalQueries(t *testing.T) {
	ix, docs := traditionalIndex(t)
	ui := newUnitIndex(t, docs)
	cc, err := opencc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	simp := func(s string) string {
		c, err := cc.Convert(s)
		if err != nil {
			t.Fatal(err)
		}
		return strings.ToLower(width.Fold.String(c))
	}
	texts := map[string]string{}
	for url, u := range ui.units {
		texts[url] = simp(strings.Join([]string{u.Text, u.TitleS, u.Heading, u.Meta}, "\n"))
	}
	syn := search.NewSynonyms(bundled.cfg.Search.Synonyms)
	tradDoc := "/plans/macao-2025/"
	for _, q := range []string{"兒科", "醫共體", "家庭醫生簽約", "精神衛生", "中醫館", "院前急救", "衛生健康", "醫療共同體",
		"儿科", "医共体", "家庭医生签约", "精神卫生", "中医馆", "心理援助热线", "澳门"} {
		want := map[string]bool{}
		for url, text := range texts {
			for _, a := range syn.Expand(simp(q)) {
				if strings.Contains(text, simp(a)) {
					want[url] = true
				}
			}
		}
		got := urlSet(allHits(t, ix, search.Request{Q: q}))
		sameSet(t, q, got, want)
		inTrad := false
		for url := range want {
			inTrad = inTrad || strings.HasPrefix(url, tradDoc)
		}
		if !inTrad && q != "衛生健康" {
			t.Errorf("%s: the traditional document is not among the expected hits: the case does not test folding", q)
		}
	}
}

// TestLandingLinks: every hit links to its passage's anchor with a text fragment naming the
// text matched as it stands on the landing page (兒科 in the traditional document, where 儿科
// was searched), so that the browser marks it.
func TestLandingLinks(t *testing.T) {
	ix, docs := traditionalIndex(t)
	ui := newUnitIndex(t, docs)
	for _, q := range []string{"儿科", "家庭医生签约", "AI", "65%"} {
		resp := allHits(t, ix, search.Request{Q: q})
		if len(resp.Hits) == 0 {
			t.Fatalf("%s: no hits", q)
		}
		for _, h := range resp.Hits {
			base, frag, ok := strings.Cut(h.Link, ":~:text=")
			if !ok || strings.TrimSuffix(base, "#") != h.URL {
				t.Errorf("%s: hit %s links to %s, want its URL with a text fragment", q, h.URL, h.Link)
				continue
			}
			// [prefix-,]text[,-suffix], each part percent-encoded.
			var prefix, text, suffix string
			bad := false
			for _, part := range strings.Split(frag, ",") {
				v, err := url.PathUnescape(strings.TrimSuffix(strings.TrimPrefix(part, "-"), "-"))
				switch {
				case err != nil:
					bad = true
				case strings.HasSuffix(part, "-") && text == "":
					prefix = v
				case strings.HasPrefix(part, "-"):
					suffix = v
				default:
					text = v
				}
			}
			if bad || text == "" {
				t.Errorf("%s: %s: not a text directive", q, h.Link)
				continue
			}
			u := ui.units[h.URL]
			if !strings.Contains(strings.Join([]string{u.Text, u.Heading, u.Title, u.Meta}, "\n"), prefix+text+suffix) {
				t.Errorf("%s: %s: fragment text %q (with its context) is not on the landing passage", q, h.Link, prefix+text+suffix)
			}
			if alts := search.NewSynonyms(bundled.cfg.Search.Synonyms).Expand(q); !slices.Contains(alts, search.NormalizeString(text)) {
				t.Errorf("%s: %s: fragment text %q is not the term or a synonym %v", q, h.Link, text, alts)
			}
			if strings.HasPrefix(h.URL, "/plans/macao-2025/") && q == "儿科" && text != "兒科" {
				t.Errorf("%s: %s: want the traditional text 兒科", q, h.Link)
			}
		}
	}
}

// TestTraditionalFilters: a filter value folds as the text does, both ways: region=澳门 browses
// the plan whose region is written 澳門, and category=工作要點 the plans filed under 工作要点 as
// well as that one. The values typed are converted from the written ones with OpenCC (t2s,
// s2t), not with the index's table.
func TestTraditionalFilters(t *testing.T) {
	ix, _ := traditionalIndex(t)
	t2s, err := opencc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	s2t, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	browse := func(name, value string) map[string]bool {
		return urlSet(allHits(t, ix, search.Request{Filters: map[string][]string{name: {value}}}))
	}
	for _, c := range []struct {
		name, written string
		conv          *opencc.OpenCC
	}{{"region", "澳門", t2s}, {"province", "澳門特別行政區", t2s}, {"category", "工作要點", t2s}, {"category", "工作要点", s2t}} {
		typed, err := c.conv.Convert(c.written)
		if err != nil {
			t.Fatal(err)
		}
		if typed == c.written {
			t.Fatalf("%s: OpenCC leaves it as it is: pick another value", c.written)
		}
		want := browse(c.name, c.written)
		if len(want) == 0 {
			t.Fatalf("%s=%s browses nothing: the value is not in the content", c.name, c.written)
		}
		got := browse(c.name, typed)
		for u := range want {
			if !got[u] {
				t.Errorf("%s=%s (typed for %s) misses %s", c.name, typed, c.written, u)
			}
		}
	}
}
