package site

import (
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/taxonomy"
)

const (
	// RelatedMax is how many related documents a document page shows.
	RelatedMax = 5
	// relatedPool is how many of the documents weighing most on a theme (overall, and within
	// each year) are candidates for the documents on that theme. It bounds the work per
	// document, so that finding related documents is linear in their number, where comparing
	// every pair would be quadratic.
	relatedPool = 24
	// sameYear is the bonus for a document of the same year, on a similarity of 0 to 1.
	sameYear = 0.15
	// frontMatterWeight is what a theme named in the front matter adds to its item count.
	frontMatterWeight = 2
)

// vector is a document's themes (in taxonomy order) weighted by how many of its passages
// carry them, scaled to unit length so that long and short documents compare alike. A slice,
// not a map, so that sums are taken in one order and builds are reproducible.
type vector []float64

func themeVector(d *content.Document, w taxonomy.Weights, index map[string]int) vector {
	v := make(vector, len(index))
	for t, n := range w {
		if i, ok := index[t]; ok {
			v[i] = float64(n)
		}
	}
	for _, t := range d.Meta.Themes {
		if i, ok := index[t]; ok {
			v[i] += frontMatterWeight
		}
	}
	var sum float64
	for _, x := range v {
		sum += x * x
	}
	if sum > 0 {
		norm := math.Sqrt(sum)
		for t := range v {
			v[t] /= norm
		}
	}
	return v
}

func (a vector) dot(b vector) float64 {
	var s float64
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// pool keeps the n documents with the highest weight seen so far.
type pool struct {
	docs []int
	w    []float64
}

func (p *pool) add(doc int, w float64, n int) {
	if len(p.docs) == n && w <= p.w[n-1] {
		return
	}
	i := sort.Search(len(p.w), func(i int) bool { return p.w[i] < w })
	if len(p.docs) < n {
		p.docs, p.w = append(p.docs, 0), append(p.w, 0)
	}
	copy(p.docs[i+1:], p.docs[i:])
	copy(p.w[i+1:], p.w[i:])
	p.docs[i], p.w[i] = doc, w
}

// relatedIndex is what finding a document's related documents needs: every document's theme
// vector and year, and the bounded candidate pools per theme and per theme and year.
type relatedIndex struct {
	slugs       []string
	vecs        []vector
	years       []string
	byTheme     []pool
	byThemeYear map[string][]pool // by year, then theme
}

// related prepares finding each document's related documents: those sharing the most themes,
// weighted by how many passages carry them, the same year favoured. Candidates come from
// bounded pools per theme (and per theme and year), so the cost is linear in the number of
// documents. Each document's list is computed when it is first asked for (Links.Related):
// rendering computes them in parallel, and a live preview only those of the pages it shows.
func (s *Site) related(an []*listing) {
	slugs := s.Config.ThemeSlugs()
	index := map[string]int{}
	for i, t := range slugs {
		index[t] = i
	}
	ri := &relatedIndex{slugs: slugs, vecs: make([]vector, len(s.Documents)), years: make([]string, len(s.Documents)),
		byTheme: make([]pool, len(slugs)), byThemeYear: map[string][]pool{}}
	for i, d := range s.Documents {
		ri.vecs[i] = themeVector(d, an[i].an.Weights(), index)
		ri.years[i] = year(d)
		if ri.byThemeYear[ri.years[i]] == nil {
			ri.byThemeYear[ri.years[i]] = make([]pool, len(slugs))
		}
		for t, w := range ri.vecs[i] {
			if w > 0 {
				ri.byTheme[t].add(i, w, relatedPool)
				ri.byThemeYear[ri.years[i]][t].add(i, w, relatedPool)
			}
		}
	}
	for i, d := range s.Documents {
		l := s.links[d.URL]
		l.ri, l.index, l.docs = ri, i, s.Documents
	}
}

// Related returns the document's related documents, at most RelatedMax, the closest first.
func (l *Links) Related() []Related {
	l.relatedOnce.Do(func() {
		if l.ri != nil {
			l.related = l.ri.of(l.index, l.docs)
		}
	})
	return l.related
}

// of finds the related documents of document i.
func (ri *relatedIndex) of(i int, docs []*content.Document) []Related {
	buf := relatedScratch.Get().(*candidates)
	vecs, years := ri.vecs, ri.years
	// The candidates: every document of the pools of i's themes, once, i left out. Sorted
	// and deduplicated in a slice (at most two pools of relatedPool per theme), not a map.
	ids := buf.ids[:0]
	for t, w := range vecs[i] {
		if w > 0 {
			ids = append(ids, ri.byTheme[t].docs...)
			ids = append(ids, ri.byThemeYear[years[i]][t].docs...)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	cands := buf.cands[:0]
	for _, c := range ids {
		if c == i {
			continue
		}
		sc := vecs[i].dot(vecs[c])
		if sc <= 0 {
			continue
		}
		if years[c] == years[i] && years[i] != "" {
			sc += sameYear
		}
		cands = append(cands, scored{c, sc})
	}
	// The RelatedMax closest, the closest first: documents are sorted newest first, so the
	// lower index wins a tie. Chosen one by one, not by sorting every candidate.
	better := func(a, b scored) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		return a.doc < b.doc
	}
	var out []Related
	for len(out) < RelatedMax && len(cands) > 0 {
		best := 0
		for k := range cands {
			if better(cands[k], cands[best]) {
				best = k
			}
		}
		c := cands[best]
		cands[best] = cands[len(cands)-1]
		cands = cands[:len(cands)-1]
		out = append(out, Related{Doc: docs[c.doc], Shared: sharedThemes(ri.slugs, vecs[i], vecs[c.doc])})
	}
	buf.ids, buf.cands = ids, cands
	relatedScratch.Put(buf)
	return out
}

// scored is a candidate related document and its similarity.
type scored struct {
	doc   int
	score float64
}

// candidates are the buffers of (relatedIndex.of), reused from document to document: at up to two pools of
// relatedPool per theme, each document's were tens of KB made anew (87 MB at 2,000 plans).
type candidates struct {
	ids   []int
	cands []scored
}

var relatedScratch = sync.Pool{New: func() any { return new(candidates) }}

// sharedThemes lists the themes both documents carry, the heaviest first.
func sharedThemes(slugs []string, a, b vector) []string {
	var idx []int
	for i := range slugs {
		if a[i] > 0 && b[i] > 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(x, y int) bool { return a[idx[x]]*b[idx[x]] > a[idx[y]]*b[idx[y]] })
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = slugs[i]
	}
	return out
}
