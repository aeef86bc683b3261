package site

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/content"
)

func TestFutureHeldBack(t *testing.T) {
	docs := []*content.Document{
		doc("content/plans/past.md", "甲", "a", "2025-06-01", false),
		doc("content/plans/today.md", "甲", "a", "2025-06-10", false),
		doc("content/plans/later.md", "甲", "a", "2025-07-01", false),
		doc("content/plans/tomorrow.md", "甲", "a", "2025-06-11", false),
	}
	// Late in the evening of 10 June, local time, is still 10 June.
	today := time.Date(2025, 6, 10, 23, 30, 0, 0, time.FixedZone("CST", 8*3600))
	s := Build(testConfig(), docs, Options{Today: today})
	if got := paths(s.Documents); !reflect.DeepEqual(got, []string{"content/plans/today.md", "content/plans/past.md"}) {
		t.Errorf("published %v", got)
	}
	if got := paths(s.Scheduled); !reflect.DeepEqual(got, []string{"content/plans/tomorrow.md", "content/plans/later.md"}) {
		t.Errorf("scheduled %v, want soonest first", got)
	}
	if s := Build(testConfig(), docs, Options{Today: today, Future: true}); len(s.Documents) != 4 || len(s.Scheduled) != 0 {
		t.Errorf("Future: %d published, %d scheduled", len(s.Documents), len(s.Scheduled))
	}
}

// TestCacheSameResult checks that a rebuild that reuses cached analyses, with one document
// re-parsed, gives the site a build from scratch gives.
func TestCacheSameResult(t *testing.T) {
	mk := func(extra string) []*content.Document {
		return []*content.Document{
			plan(t, "x", "甲", "2025-01-01", "儿科。", "儿科。", "老年。"+extra),
			plan(t, "y", "乙", "2025-02-01", "儿科。", "中医。"),
			plan(t, "z", "丙", "2023-02-01", "老年。", "老年。", "其他。"),
		}
	}
	docs := mk("")
	cache := NewCache()
	cfg := taxonomyConfig()
	Build(cfg, docs, Options{Cache: cache})
	// x is edited: it is re-parsed (a new document) and now carries 中医 too.
	edited := mk("中医。")[0]
	docs2 := []*content.Document{edited, docs[1], docs[2]}
	got := Build(cfg, docs2, Options{Cache: cache})
	if len(cache.docs) != 3 || cache.docs[docs[0]] != nil {
		t.Errorf("cache keeps %d documents, the replaced one: %v", len(cache.docs), cache.docs[docs[0]] != nil)
	}
	fresh := mk("中医。")
	want := Build(taxonomyConfig(), []*content.Document{fresh[0], mk("")[1], mk("")[2]}, Options{})
	describe := func(s *Site) string {
		var b strings.Builder
		for _, th := range s.Themes {
			b.WriteString(th.Slug + ":")
			for _, p := range th.Pages {
				for _, g := range p.Groups {
					for _, d := range g.Documents {
						b.WriteString(" " + d.ID)
						for _, e := range mustEntries(t, d) {
							b.WriteString("," + e.ID)
						}
					}
				}
			}
			b.WriteString("\n")
		}
		for _, d := range s.Documents {
			b.WriteString(d.Slug + " " + strings.Join(s.Analysis(d).Themes(), ",") + " related")
			for _, r := range s.LinksOf(d).Related() {
				b.WriteString(" " + r.Doc.Slug)
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	if g, w := describe(got), describe(want); g != w {
		t.Errorf("cached rebuild:\n%s\nfrom scratch:\n%s", g, w)
	}
}

// TestTaggingCountsTheDocumentsTagged: a build's Tagging is the tagging time of the documents
// it analysed (their analyses' TagTime, CPU time where the system has a per-thread clock), no
// more (not the rest of their analysis, nor a worker's waits), and none for the analyses a
// Cache gave.
func TestTaggingCountsTheDocumentsTagged(t *testing.T) {
	docs := []*content.Document{
		plan(t, "x", "甲", "2025-01-01", "儿科。", "老年。"),
		plan(t, "y", "乙", "2025-02-01", "中医。"),
	}
	cache := NewCache()
	cfg := taxonomyConfig()
	s := Build(cfg, docs, Options{Cache: cache})
	var sum time.Duration
	for _, d := range s.Documents {
		if s.Analysis(d).TagTime() <= 0 {
			t.Errorf("%s: tagging took %s", d.Path, s.Analysis(d).TagTime())
		}
		sum += s.Analysis(d).TagTime()
	}
	if s.Tagging != sum {
		t.Errorf("Tagging %s, the documents' tagging %s", s.Tagging, sum)
	}
	if again := Build(cfg, docs, Options{Cache: cache}); again.Tagging != 0 {
		t.Errorf("a build from the cache spent %s tagging", again.Tagging)
	}
}
