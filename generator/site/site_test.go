package site

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/urls"
)

// doc makes a document; date is YYYY-MM-DD or "" for none.
func doc(path, agency, region, date string, draft bool) *content.Document {
	var published content.Date
	if date != "" {
		tm, err := time.Parse("2006-01-02", date)
		if err != nil {
			panic(err)
		}
		published = content.Date{Time: tm}
	}
	section, _, _ := strings.Cut(strings.TrimPrefix(path, "content/"), "/")
	return &content.Document{
		Path:    path,
		URL:     urls.Doc(path),
		Section: section,
		Meta: content.Meta{
			Title:     path,
			Agency:    agency,
			Region:    region,
			Published: published,
			Draft:     draft,
		},
	}
}

func paths(docs []*content.Document) []string {
	out := []string{}
	for _, d := range docs {
		out = append(out, d.Path)
	}
	return out
}

// summary renders groups as "key(name):path,path".
func summary(gs []*Group) []string {
	out := []string{}
	for _, g := range gs {
		s := g.Key
		if g.Name != g.Key {
			s += "(" + g.Name + ")"
		}
		out = append(out, s+":"+strings.Join(paths(g.Documents), ","))
	}
	return out
}

func testConfig() *config.Config {
	c := config.Default()
	c.Sections = map[string]string{"plans": "工作计划", "notices": "通知公告"}
	return c
}

func corpus() []*content.Document {
	return []*content.Document{
		doc("content/plans/a.md", "海安市卫健委", "海安市", "2024-03-01", false),
		doc("content/plans/b.md", "如皋市卫健委", "如皋市", "2025-02-10", false),
		doc("content/plans/c.md", "海安市卫健委", "海安市", "2025-02-10", false), // same day as b
		doc("content/notices/d.md", "省卫健委", "", "2025-06-30", false),    // no region
		doc("content/plans/e.md", "如皋市卫健委", "如皋市", "2023-12-31", false),
		doc("content/plans/f.md", "海安市卫健委", "海安市", "2025-02-10", true), // draft
		doc("content/reports/g.md", "", "南通市", "", false),              // no agency, no date
		doc("content/notices/h.md", "省卫健委", "", "2024-11-05", false),
		doc("content/plans/i.md", "启东市卫健委", "启东市", "2022-01-01", false),
	}
}

func TestBuildOrdersDocuments(t *testing.T) {
	s := Build(testConfig(), corpus(), Options{})
	want := []string{
		"content/notices/d.md", // 2025-06-30
		"content/plans/b.md",   // 2025-02-10, ties by path
		"content/plans/c.md",   // 2025-02-10
		"content/notices/h.md", // 2024-11-05
		"content/plans/a.md",   // 2024-03-01
		"content/plans/e.md",   // 2023-12-31
		"content/plans/i.md",   // 2022-01-01
		"content/reports/g.md", // undated last
	}
	if got := paths(s.Documents); !reflect.DeepEqual(got, want) {
		t.Errorf("Documents\n got %v\nwant %v", got, want)
	}
}

func TestBuildTiesByPathWhateverTheInputOrder(t *testing.T) {
	in := []*content.Document{
		doc("content/plans/z.md", "A", "", "2025-01-01", false),
		doc("content/plans/m.md", "A", "", "2025-01-01", false),
		doc("content/plans/a.md", "A", "", "2025-01-01", false),
		doc("content/notices/q.md", "A", "", "2025-01-01", false),
	}
	want := []string{"content/notices/q.md", "content/plans/a.md", "content/plans/m.md", "content/plans/z.md"}
	for i := 0; i < len(in); i++ {
		rotated := append(append([]*content.Document{}, in[i:]...), in[:i]...)
		if got := paths(Build(testConfig(), rotated, Options{}).Documents); !reflect.DeepEqual(got, want) {
			t.Errorf("input rotated by %d: got %v, want %v", i, got, want)
		}
	}
}

func TestBuildDoesNotReorderInput(t *testing.T) {
	in := corpus()
	before := paths(in)
	Build(testConfig(), in, Options{Drafts: true})
	if after := paths(in); !reflect.DeepEqual(after, before) {
		t.Errorf("Build reordered its input:\nbefore %v\nafter  %v", before, after)
	}
}

func TestBuildDrafts(t *testing.T) {
	for _, tc := range []struct {
		opt       Options
		wantDraft bool
	}{
		{Options{}, false},
		{Options{Drafts: true}, true},
	} {
		s := Build(testConfig(), corpus(), tc.opt)
		inDocs := false
		for _, d := range s.Documents {
			if d.Path == "content/plans/f.md" {
				inDocs = true
			}
		}
		if inDocs != tc.wantDraft {
			t.Errorf("Drafts=%v: draft in Documents = %v, want %v", tc.opt.Drafts, inDocs, tc.wantDraft)
		}
		// A dropped draft must not appear in any listing either.
		for _, gs := range [][]*Group{s.Sections, s.Agencies, s.Regions, s.Years} {
			for _, g := range gs {
				for _, d := range g.Documents {
					if d.Meta.Draft && !tc.opt.Drafts {
						t.Errorf("Drafts=false: draft %s listed in group %q", d.Path, g.Key)
					}
				}
			}
		}
		wantN := 8
		if tc.opt.Drafts {
			wantN = 9
		}
		if len(s.Documents) != wantN {
			t.Errorf("Drafts=%v: %d documents, want %d", tc.opt.Drafts, len(s.Documents), wantN)
		}
	}

	// With drafts, the draft takes its place by date and path.
	s := Build(testConfig(), corpus(), Options{Drafts: true})
	want := []string{"content/notices/d.md", "content/plans/b.md", "content/plans/c.md", "content/plans/f.md"}
	if got := paths(s.Documents)[:4]; !reflect.DeepEqual(got, want) {
		t.Errorf("with drafts, first documents %v, want %v", got, want)
	}
}

func TestBuildGroups(t *testing.T) {
	s := Build(testConfig(), corpus(), Options{})
	for _, tc := range []struct {
		name string
		got  []*Group
		want []string
	}{
		{
			// Sorted by key; names from config, the key itself when not configured.
			name: "sections",
			got:  s.Sections,
			want: []string{
				"notices(通知公告):content/notices/d.md,content/notices/h.md",
				"plans(工作计划):content/plans/b.md,content/plans/c.md,content/plans/a.md,content/plans/e.md,content/plans/i.md",
				"reports:content/reports/g.md",
			},
		},
		{
			// By size (largest first), then name; each newest first. g has no agency.
			name: "agencies",
			got:  s.Agencies,
			want: []string{
				"如皋市卫健委:content/plans/b.md,content/plans/e.md",
				"海安市卫健委:content/plans/c.md,content/plans/a.md",
				"省卫健委:content/notices/d.md,content/notices/h.md",
				"启东市卫健委:content/plans/i.md",
			},
		},
		{
			// By pinyin (haian, nantong, qidong, rugao); d and h have no region and are in
			// no region group.
			name: "regions",
			got:  s.Regions,
			want: []string{
				"海安市:content/plans/c.md,content/plans/a.md",
				"南通市:content/reports/g.md",
				"启东市:content/plans/i.md",
				"如皋市:content/plans/b.md,content/plans/e.md",
			},
		},
		{
			// Newest year first; the undated g is in no year.
			name: "years",
			got:  s.Years,
			want: []string{
				"2025:content/notices/d.md,content/plans/b.md,content/plans/c.md",
				"2024:content/notices/h.md,content/plans/a.md",
				"2023:content/plans/e.md",
				"2022:content/plans/i.md",
			},
		},
	} {
		if got := summary(tc.got); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
	if s.Config == nil {
		t.Error("Site.Config is nil")
	}
}

// TestBuildGroupOrderIndependentOfInput checks that groups of equal size are ordered by name,
// not by which document came first.
func TestBuildGroupOrderIndependentOfInput(t *testing.T) {
	in := []*content.Document{
		doc("content/plans/1.md", "丙", "c", "2025-01-03", false),
		doc("content/plans/2.md", "乙", "b", "2025-01-02", false),
		doc("content/plans/3.md", "甲", "a", "2025-01-01", false),
		doc("content/plans/4.md", "乙", "b", "2019-01-01", false),
		doc("content/plans/5.md", "甲", "a", "2018-01-01", false),
		doc("content/plans/6.md", "丁", "d", "2030-01-01", false),
	}
	wantAgencies := []string{"乙", "甲", "丁", "丙"} // sizes 2,2,1,1; ties by name (code point order)
	wantRegions := []string{"a", "b", "c", "d"}
	wantYears := []string{"2030", "2025", "2019", "2018"}
	for i := range in {
		rotated := append(append([]*content.Document{}, in[i:]...), in[:i]...)
		s := Build(testConfig(), rotated, Options{Future: true}) // 2030 is not held back
		keys := func(gs []*Group) []string {
			out := []string{}
			for _, g := range gs {
				out = append(out, g.Key)
			}
			return out
		}
		if got := keys(s.Agencies); !reflect.DeepEqual(got, wantAgencies) {
			t.Errorf("rotation %d: agencies %v, want %v", i, got, wantAgencies)
		}
		if got := keys(s.Regions); !reflect.DeepEqual(got, wantRegions) {
			t.Errorf("rotation %d: regions %v, want %v", i, got, wantRegions)
		}
		if got := keys(s.Years); !reflect.DeepEqual(got, wantYears) {
			t.Errorf("rotation %d: years %v, want %v", i, got, wantYears)
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	s := Build(testConfig(), nil, Options{})
	if len(s.Documents)+len(s.Sections)+len(s.Agencies)+len(s.Regions)+len(s.Years) != 0 {
		t.Errorf("empty input gave %+v", s)
	}
	s = Build(testConfig(), []*content.Document{doc("content/plans/x.md", "A", "R", "2025-01-01", true)}, Options{})
	if len(s.Documents)+len(s.Sections)+len(s.Agencies)+len(s.Regions)+len(s.Years) != 0 {
		t.Errorf("drafts-only input gave %+v", s)
	}
}

func TestSortNewestFirst(t *testing.T) {
	at := func(path string, tm time.Time) *content.Document {
		return &content.Document{Path: path, URL: urls.Doc(path), Meta: content.Meta{Published: content.Date{Time: tm}}}
	}
	cst := time.FixedZone("CST", 8*3600)
	docs := []*content.Document{
		at("c", time.Time{}),
		at("b", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)),
		// The same instant in another zone is a tie, broken by path.
		at("a", time.Date(2025, 1, 1, 8, 0, 0, 0, cst)),
		at("d", time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)),
		at("e", time.Time{}),
	}
	SortNewestFirst(docs)
	if got, want := paths(docs), []string{"d", "a", "b", "c", "e"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestBuildSectionsSortedByKey checks that sections are sorted by key, not by their newest
// document.
func TestBuildSectionsSortedByKey(t *testing.T) {
	in := []*content.Document{
		doc("content/zeta/new.md", "A", "", "2025-05-05", false),
		doc("content/plans/mid.md", "A", "", "2024-05-05", false),
		doc("content/alpha/old.md", "A", "", "2020-05-05", false),
	}
	got := summary(Build(testConfig(), in, Options{}).Sections)
	want := []string{"alpha:content/alpha/old.md", "plans(工作计划):content/plans/mid.md", "zeta:content/zeta/new.md"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sections %q, want %q", got, want)
	}
}
