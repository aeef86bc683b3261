package site

import (
	"math"
	"sort"

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

// related finds each document's related documents: those sharing the most themes, weighted by
// how many passages carry them, the same year favoured. Candidates come from bounded pools per
// theme (and per theme and year), so the cost is linear in the number of documents.
func (s *Site) related(weights []taxonomy.Weights) {
	slugs := s.Config.ThemeSlugs()
	index := map[string]int{}
	for i, t := range slugs {
		index[t] = i
	}
	vecs := make([]vector, len(s.Documents))
	years := make([]string, len(s.Documents))
	byTheme := make([]pool, len(slugs))
	byThemeYear := map[string][]pool{} // by year, then theme
	for i, d := range s.Documents {
		vecs[i] = themeVector(d, weights[i], index)
		years[i] = year(d)
		if byThemeYear[years[i]] == nil {
			byThemeYear[years[i]] = make([]pool, len(slugs))
		}
		for t, w := range vecs[i] {
			if w > 0 {
				byTheme[t].add(i, w, relatedPool)
				byThemeYear[years[i]][t].add(i, w, relatedPool)
			}
		}
	}
	type scored struct {
		doc   int
		score float64
	}
	seen := map[int]bool{}
	for i, d := range s.Documents {
		clear(seen)
		seen[i] = true
		var cands []scored
		consider := func(p *pool) {
			if p == nil {
				return
			}
			for _, c := range p.docs {
				if seen[c] {
					continue
				}
				seen[c] = true
				sc := vecs[i].dot(vecs[c])
				if sc <= 0 {
					continue
				}
				if years[c] == years[i] && years[i] != "" {
					sc += sameYear
				}
				cands = append(cands, scored{c, sc})
			}
		}
		for t, w := range vecs[i] {
			if w > 0 {
				consider(&byTheme[t])
				consider(&byThemeYear[years[i]][t])
			}
		}
		sort.Slice(cands, func(a, b int) bool {
			if cands[a].score != cands[b].score {
				return cands[a].score > cands[b].score
			}
			return cands[a].doc < cands[b].doc // newest first: documents are sorted so
		})
		l := s.links[d]
		for _, c := range cands[:min(len(cands), RelatedMax)] {
			other := s.Documents[c.doc]
			l.Related = append(l.Related, Related{Doc: other, Shared: sharedThemes(slugs, vecs[i], vecs[c.doc])})
		}
	}
}

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
