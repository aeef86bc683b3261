// Package corpus generates large, realistic sites for benchmarks: N plans assembled from the
// sections and items of real documents, with varied regions, agencies, dates, document
// numbers and themes, deterministically from a seed.
package corpus

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"

	"github.com/planportal/planportal/generator/content"
)

// Version names how plans are assembled; bench reports print it, since figures measured on
// corpora of different versions do not compare. 1: whole items of the bundled plans
// repeated (0.4% distinct item texts at 1,000 plans), an authority per plan; 2 (2026-12-03):
// items varied sentence by sentence, counts and rates changed (68% distinct at 1,000 plans),
// and each authority publishes one plan a year for four years (PlansPerAuthority).
const Version = 2

// Options configure a generated corpus.
type Options struct {
	N    int   // number of plans
	Seed int64 // same seed, same corpus
	// TargetBytes is the approximate Markdown size of one plan (the bundled plans average
	// about 19 KB).
	TargetBytes int
	// Themes are the slugs documents may carry.
	Themes []string
}

// Pool is the material plans are assembled from.
type Pool struct {
	Preambles []string
	Sections  []PoolSection
	details   []string // every section's Details
}

// PoolSection is a section heading (without its number) and its items.
type PoolSection struct {
	Heading string
	Items   []PoolItem
	// Details are the sentences after the first of the section's items, without notes:
	// generated items mix them, so that a corpus's items are not a few hundred texts
	// repeated (a corpus of repeated items measures a search engine on a few thousand
	// distinct records, whatever its size).
	Details []string
}

// PoolItem is an item's text and its responsibility note as the source wrote it
// (（责任科室：…）), or "". The note goes back after the text in generated plans, so that they
// cost what real ones do to read.
type PoolItem struct {
	Text, Note string
}

// NewPool collects the preambles, sections and items of loaded documents.
func NewPool(docs []*content.Document) *Pool {
	p := &Pool{}
	for _, d := range docs {
		for _, b := range d.Main.Blocks {
			if t := b.Text(); len([]rune(t)) > 60 {
				p.Preambles = append(p.Preambles, t)
			}
		}
		var walk func(ss []*content.Section)
		walk = func(ss []*content.Section) {
			for _, s := range ss {
				ps := PoolSection{Heading: stripNumber(s.Heading)}
				for _, b := range s.Blocks {
					if b.Item != nil && b.Item.Text != "" {
						ps.Items = append(ps.Items, PoolItem{Text: b.Item.Text, Note: b.Item.Annotation.Source()})
						if ss := sentences(b.Item.Text); len(ss) > 1 {
							ps.Details = append(ps.Details, ss[1:]...)
						}
					}
				}
				if len(ps.Items) > 0 {
					p.Sections = append(p.Sections, ps)
					p.details = append(p.details, ps.Details...)
				}
				walk(s.Sections)
			}
		}
		walk(d.Main.Sections)
	}
	return p
}

// stripNumber removes a heading's own number (一、 （一） (一)).
func stripNumber(h string) string {
	for _, sep := range []string{"、", "）", ")"} {
		if i := strings.Index(h, sep); i >= 0 && i <= 12 {
			return strings.TrimSpace(h[i+len(sep):])
		}
	}
	return h
}

var provinces = []struct{ name, abbr string }{
	{"江苏省", "苏"}, {"浙江省", "浙"}, {"安徽省", "皖"}, {"福建省", "闽"}, {"江西省", "赣"}, {"山东省", "鲁"},
	{"河南省", "豫"}, {"湖北省", "鄂"}, {"湖南省", "湘"}, {"广东省", "粤"}, {"四川省", "川"}, {"陕西省", "陕"},
	{"河北省", "冀"}, {"山西省", "晋"}, {"贵州省", "黔"}, {"云南省", "滇"}, {"甘肃省", "甘"}, {"辽宁省", "辽"},
}

// Place-name syllables: regions are made of two, so there are many distinct ones.
var syllables = []rune("安宁平江阳山河海清源德兴泰华丰和永昌新城东西南北中金石桥湖林云龙凤宝长乐嘉定武文")

var suffixes = []struct{ region, agency string }{
	{"市", "市卫生健康委员会"}, {"县", "县卫生健康局"}, {"区", "区卫生健康局"},
}

var cn = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

// Generate writes opt.N plans under dir/content/plans/ and returns their paths.
func Generate(dir string, pool *Pool, opt Options) error {
	if len(pool.Sections) == 0 || len(pool.Preambles) == 0 || len(pool.details) == 0 {
		return fmt.Errorf("corpus: the pool has no sections or preambles to assemble plans from")
	}
	if opt.TargetBytes == 0 {
		opt.TargetBytes = 19000
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	out := filepath.Join(dir, "content", "plans")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	authorities := newAuthorities(rng, (opt.N+PlansPerAuthority-1)/PlansPerAuthority)
	for i := 0; i < opt.N; i++ {
		md := plan(rng, pool, opt, authorities, i)
		name := filepath.Join(out, fmt.Sprintf("plan-%05d.md", i))
		if err := os.WriteFile(name, []byte(md), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// PlansPerAuthority is how many plans each generated health authority publishes: one 工作要点
// a year, 2022 to 2025, as real ones do. (Until 2026-12-03 every plan had an authority of its
// own, so a corpus had as many agencies, regions and unit pages as plans, where a real portal
// of 5,000 plans has about 1,300 authorities.)
const PlansPerAuthority = 4

// authority is a generated health authority: its province, place name and kind.
type authority struct {
	prov                  struct{ name, abbr string }
	place, region, agency string
}

// newAuthorities returns n authorities with distinct names.
func newAuthorities(rng *rand.Rand, n int) []authority {
	seen := map[string]bool{}
	var as []authority
	for len(as) < n {
		suf := suffixes[rng.Intn(len(suffixes))]
		a := authority{prov: provinces[rng.Intn(len(provinces))]}
		a.place = string([]rune{syllables[rng.Intn(len(syllables))], syllables[rng.Intn(len(syllables))]})
		if len(seen) > 3*len(syllables)*len(syllables)/4 { // names run short: number the place
			a.place += fmt.Sprint(len(as))
		}
		a.region, a.agency = a.place+suf.region, a.place+suf.agency
		if seen[a.agency] {
			continue
		}
		seen[a.agency] = true
		as = append(as, a)
	}
	return as
}

// plan returns the Markdown of plan i: authority i mod len(as), in year 2022 + i / len(as)
// (mod 4), so that each authority publishes one plan a year.
func plan(rng *rand.Rand, pool *Pool, opt Options, as []authority, i int) string {
	a := as[i%len(as)]
	prov, place, region, agency := a.prov, a.place, a.region, a.agency
	year := 2022 + (i/len(as))%PlansPerAuthority
	month, day := 1+rng.Intn(12), 1+rng.Intn(28)
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %q\n", fmt.Sprintf("%d年%s卫生健康工作要点", year, region))
	fmt.Fprintf(&b, "agency = %q\n", agency)
	fmt.Fprintf(&b, "published = \"%d-%02d-%02d\"\n", year, month, day)
	fmt.Fprintf(&b, "written = \"%d-%02d-%02d\"\n", year, month, max(1, day-rng.Intn(5)))
	fmt.Fprintf(&b, "province = %q\nregion = %q\n", prov.name, region)
	fmt.Fprintf(&b, "doc_number = %q\n", fmt.Sprintf("%s%s卫健发〔%d〕%d号", prov.abbr, place, year, i+1))
	fmt.Fprintf(&b, "index_number = %q\n", fmt.Sprintf("%09d/%d-%05d", 100000000+i*7919%900000000, year, i+1))
	b.WriteString("category = \"工作要点\"\n")
	if len(opt.Themes) > 0 {
		n := 2 + rng.Intn(4)
		seen := map[string]bool{}
		var ts []string
		for len(ts) < n && len(ts) < len(opt.Themes) {
			t := opt.Themes[rng.Intn(len(opt.Themes))]
			if !seen[t] {
				seen[t] = true
				ts = append(ts, fmt.Sprintf("%q", t))
			}
		}
		fmt.Fprintf(&b, "themes = [%s]\n", strings.Join(ts, ", "))
	}
	b.WriteString("+++\n\n")
	b.WriteString(pool.Preambles[rng.Intn(len(pool.Preambles))])
	b.WriteString("\n\n")
	item := 1
	for s := 0; s < len(cn) && b.Len() < opt.TargetBytes; s++ {
		sec := pool.Sections[rng.Intn(len(pool.Sections))]
		fmt.Fprintf(&b, "## %s、%s\n\n", cn[s], sec.Heading)
		n := 3 + rng.Intn(5)
		for k := 0; k < n && b.Len() < opt.TargetBytes; k++ {
			fmt.Fprintf(&b, "%d.%s\n\n", item, vary(rng, pool, sec, sec.Items[rng.Intn(len(sec.Items))]))
			item++
		}
	}
	return b.String()
}

// vary returns a variant of item, a pool item of sec, as another region's plan would word it:
// its first sentence (what the item is about) stays; each later one is kept, dropped, or
// replaced by a detail of another item (mostly of the same section), and a detail may be
// added; counts and rates in it change (a region sets its own targets). The item's note, if
// any, stays at its end.
func vary(rng *rand.Rand, pool *Pool, sec PoolSection, item PoolItem) string {
	detail := func() string {
		if d := sec.Details; len(d) > 0 && rng.Intn(10) < 7 {
			return d[rng.Intn(len(d))]
		}
		return pool.details[rng.Intn(len(pool.details))]
	}
	ss := sentences(item.Text)
	var b strings.Builder
	for k, s := range ss {
		switch r := rng.Intn(20); {
		case k == 0 || r < 7:
			b.WriteString(s)
		case r < 10 && len(ss) > 2:
			// dropped
		default:
			b.WriteString(detail())
		}
	}
	if rng.Intn(10) < 4 || len(ss) == 1 && rng.Intn(10) < 7 {
		b.WriteString(detail())
	}
	return varyNumbers(rng, b.String()) + item.Note
}

// sentences splits text after each 。 (and a closing quote or bracket right after it), keeping
// it; the rest after the last one is a sentence.
func sentences(text string) []string {
	var ss []string
	for text != "" {
		i := strings.Index(text, "。")
		if i < 0 {
			ss = append(ss, text)
			break
		}
		end := i + len("。")
		for _, q := range []string{"”", "）", "」"} { // a closing mark after 。 ends with it
			if strings.HasPrefix(text[end:], q) {
				end += len(q)
			}
		}
		ss = append(ss, text[:end])
		text = text[end:]
	}
	return ss
}

// countUnits are what a number that varies from region to region is followed by: a rate or
// a count of places, people or things. Numbers before anything else (2型糖尿病, 0—6岁,
// years, 第3条) stay as written.
var countUnits = []string{"%", "％", "个百分点", "家", "所", "名", "人", "万", "张", "个", "项", "例"}

// varyNumbers changes each whole number of 2 to 5 digits followed by a count unit to another
// of the same number of digits within ±30% (a rate stays at most 100).
func varyNumbers(rng *rand.Rand, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			b.WriteByte(s[i])
			i++
			continue
		}
		num := s[i:j]
		prev := byte(0)
		if i > 0 {
			prev = s[i-1]
		}
		unit := ""
		for _, u := range countUnits {
			if strings.HasPrefix(s[j:], u) {
				unit = u
				break
			}
		}
		if len(num) >= 2 && len(num) <= 5 && num[0] != '0' && unit != "" && prev != '.' && !(j < len(s) && s[j] == '.') {
			var v int
			fmt.Sscan(num, &v)
			w := v + (rng.Intn(61)-30)*v/100
			if unit == "%" || unit == "％" {
				w = min(w, 100)
			}
			if len(fmt.Sprint(w)) == len(num) {
				num = fmt.Sprint(w)
			}
		}
		b.WriteString(num)
		i = j
	}
	return b.String()
}
