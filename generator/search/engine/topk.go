package engine

import "sort"

// scored is one hit while collecting.
type scored struct {
	score float64
	day   int32
	part  int32
	rec   uint32
	seq   uint64
}

// topK keeps the k best hits seen, in a heap with the worst at the top.
type topK struct {
	k      int
	byDate bool
	h      []scored
}

// before reports whether a ranks before b.
func (t *topK) before(a, b *scored) bool {
	if t.byDate && a.day != b.day {
		return a.day > b.day
	}
	if a.score != b.score {
		return a.score > b.score
	}
	return a.seq < b.seq
}

// admits reports whether a hit of this score and day may be kept: false only when k are kept
// and it ranks after the worst of them whatever its build order.
func (t *topK) admits(score float64, day int32) bool {
	if len(t.h) < t.k {
		return true
	}
	if t.k == 0 {
		return false
	}
	w := &t.h[0]
	if t.byDate && day != w.day {
		return day > w.day
	}
	return score >= w.score
}

func (t *topK) push(s scored) {
	if len(t.h) < t.k {
		t.h = append(t.h, s)
		for i := len(t.h) - 1; i > 0; {
			up := (i - 1) / 2
			if !t.before(&t.h[up], &t.h[i]) {
				break
			}
			t.h[up], t.h[i] = t.h[i], t.h[up]
			i = up
		}
		return
	}
	if t.k == 0 || !t.before(&s, &t.h[0]) {
		return
	}
	t.h[0] = s
	for i := 0; ; {
		l, r, worst := 2*i+1, 2*i+2, i
		if l < len(t.h) && t.before(&t.h[worst], &t.h[l]) {
			worst = l
		}
		if r < len(t.h) && t.before(&t.h[worst], &t.h[r]) {
			worst = r
		}
		if worst == i {
			break
		}
		t.h[i], t.h[worst] = t.h[worst], t.h[i]
		i = worst
	}
}

// sorted returns the kept hits, best first.
func (t *topK) sorted() []scored {
	out := append([]scored(nil), t.h...)
	sort.Slice(out, func(i, j int) bool { return t.before(&out[i], &out[j]) })
	return out
}
