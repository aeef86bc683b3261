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
}

// PoolSection is a section heading (without its number) and the texts of its items.
type PoolSection struct {
	Heading string
	Items   []string
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
						// The note goes back after the text, as the source wrote it, so that
						// generated plans cost what real ones do to read.
						ps.Items = append(ps.Items, b.Item.Text+b.Item.Annotation.Source())
					}
				}
				if len(ps.Items) > 0 {
					p.Sections = append(p.Sections, ps)
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
	if len(pool.Sections) == 0 || len(pool.Preambles) == 0 {
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
	for i := 0; i < opt.N; i++ {
		md := plan(rng, pool, opt, i)
		name := filepath.Join(out, fmt.Sprintf("plan-%05d.md", i))
		if err := os.WriteFile(name, []byte(md), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func plan(rng *rand.Rand, pool *Pool, opt Options, i int) string {
	prov := provinces[rng.Intn(len(provinces))]
	suf := suffixes[rng.Intn(len(suffixes))]
	place := string([]rune{syllables[rng.Intn(len(syllables))], syllables[rng.Intn(len(syllables))]})
	region := place + suf.region
	agency := place + suf.agency
	year := 2022 + rng.Intn(4)
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
			fmt.Fprintf(&b, "%d.%s\n\n", item, sec.Items[rng.Intn(len(sec.Items))])
			item++
		}
	}
	return b.String()
}
