package render

import (
	"fmt"
	"math"
	"testing"
)

// TestPager: on a listing of any length every page links the first, the last, its
// neighbours and the previous and next page; it carries a few links per power of ten of the
// listing's length (so a listing's size grows with its length, not its square); and every
// page is reached from the first in a few clicks.
func TestPager(t *testing.T) {
	url := func(n int) string { return fmt.Sprintf("/p/%d/", n) }
	for _, pages := range []int{2, 5, 12, 13, 99, 370, 1863, 50000} {
		decades := int(math.Ceil(math.Log10(float64(pages))))
		maxLinks := 9 + 11*decades // ±3, first, last, and 11 landmarks a scale
		links := make([][]int, pages+1)
		for cur := 1; cur <= pages; cur++ {
			p := pager(cur, pages, url)
			var ns []int
			current := 0
			for i, l := range p.Links {
				if l.Gap {
					if i == 0 || i == len(p.Links)-1 || p.Links[i-1].Gap {
						t.Fatalf("%d/%d: misplaced gap", cur, pages)
					}
					continue
				}
				if len(ns) > 0 && l.N <= ns[len(ns)-1] {
					t.Fatalf("%d/%d: links out of order: %v", cur, pages, p.Links)
				}
				if i > 0 && !p.Links[i-1].Gap && p.Links[i-1].N != l.N-1 {
					t.Fatalf("%d/%d: %d follows %d with no gap between", cur, pages, l.N, p.Links[i-1].N)
				}
				if l.URL != url(l.N) {
					t.Fatalf("%d/%d: page %d links %s", cur, pages, l.N, l.URL)
				}
				if l.Current {
					current = l.N
				}
				ns = append(ns, l.N)
			}
			if current != cur || ns[0] != 1 || ns[len(ns)-1] != pages {
				t.Fatalf("%d/%d: current %d, links %v", cur, pages, current, ns)
			}
			for n := max(1, cur-3); n <= min(pages, cur+3); n++ {
				if !contains(ns, n) {
					t.Fatalf("%d/%d: neighbour %d not linked", cur, pages, n)
				}
			}
			if (cur > 1) != (p.Prev == url(cur-1)) || (cur < pages) != (p.Next == url(cur+1)) {
				t.Fatalf("%d/%d: prev %q next %q", cur, pages, p.Prev, p.Next)
			}
			if pages <= 12 && len(ns) != pages {
				t.Fatalf("%d/%d: a short listing links every page, got %v", cur, pages, ns)
			}
			if len(ns) > maxLinks {
				t.Fatalf("%d/%d: %d links, want at most %d", cur, pages, len(ns), maxLinks)
			}
			links[cur] = ns
		}
		// Clicks from the first page to each page (breadth first).
		clicks := make([]int, pages+1)
		for i := range clicks {
			clicks[i] = -1
		}
		clicks[1] = 0
		queue := []int{1}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			for _, n := range links[cur] {
				if clicks[n] < 0 {
					clicks[n] = clicks[cur] + 1
					queue = append(queue, n)
				}
			}
		}
		most := 0
		for n := 1; n <= pages; n++ {
			if clicks[n] < 0 {
				t.Fatalf("%d pages: page %d cannot be reached", pages, n)
			}
			most = max(most, clicks[n])
		}
		if limit := 3 * decades; most > limit {
			t.Errorf("%d pages: a page is %d clicks from the first, want at most %d", pages, most, limit)
		}
	}
}

func contains(ns []int, n int) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}
