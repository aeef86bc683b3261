package bench

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Soak is the load test of a running portal (issue 17): many concurrent clients for a while
// on loopback over the static pages, a feed, an asset, the search page and the search API of
// `planportal serve`, once on a quiet site and once while the site is rebuilt and its index
// swapped every few seconds.
type Soak struct {
	Clients  int
	Duration time.Duration // of each phase
	Phases   []SoakPhase
	PeakRSS  int64 // serve's, over both phases
}

// SoakPhase is one phase's outcome.
type SoakPhase struct {
	Name     string
	Requests int
	Errors   int // transport errors and timeouts
	Non2xx   int // answers other than 2xx (by status in Statuses)
	Statuses map[int]int
	P50, P99 time.Duration
	Rebuilds int
}

// RunSoak runs the load test on a copy of the bundled site under o.WorkDir.
func RunSoak(o Options) (*Soak, error) {
	site := filepath.Join(o.WorkDir, "soak-site")
	os.RemoveAll(site)
	if err := os.CopyFS(filepath.Join(site, "content"), os.DirFS(filepath.Join(o.Root, "content"))); err != nil {
		return nil, err
	}
	if err := copySiteFiles(o.Root, site); err != nil {
		return nil, err
	}
	build := func() error {
		_, err := child(o.Bin, "build", "--source", site)
		return err
	}
	if err := build(); err != nil {
		return nil, err
	}
	addr, _, stop, err := startChild(o.Bin, []string{"serve", "--source", site, "--addr", "127.0.0.1:0", "--index-poll", "200ms"}, o.Log, 30*time.Second)
	if err != nil {
		return nil, err
	}
	base := "http://" + addr
	home, err := http.Get(base + "/")
	if err != nil {
		stop()
		return nil, err
	}
	b, _ := io.ReadAll(home.Body)
	home.Body.Close()
	paths := []string{"/", "/plans/haian-2025/", "/themes/children/", "/feed.xml", "/regions/"}
	if m := regexp.MustCompile(`href="(/assets/style\.[0-9a-f]+\.css)"`).FindSubmatch(b); m != nil {
		paths = append(paths, string(m[1]))
	}
	for _, q := range Queries {
		paths = append(paths, "/api/search?q="+url.QueryEscape(q), "/search/?q="+url.QueryEscape(q))
	}
	s := &Soak{Clients: o.SoakClients, Duration: o.Soak}
	for _, phase := range []string{"quiet", "rebuilding every 5 s"} {
		fmt.Fprintf(o.Log, "bench: soak: %d clients for %s, %s\n", s.Clients, s.Duration, phase)
		p := SoakPhase{Name: phase, Statuses: map[int]int{}}
		done := make(chan struct{})
		var rebuildErr error
		var rebuilds sync.WaitGroup
		if phase != "quiet" {
			rebuilds.Add(1)
			go func() {
				defer rebuilds.Done()
				doc := filepath.Join(site, "content", "plans", "haian-2025.md")
				for v := 1; ; v++ {
					select {
					case <-done:
						return
					case <-time.After(5 * time.Second):
					}
					src, err := os.ReadFile(doc)
					if err == nil {
						err = os.WriteFile(doc, append(src, fmt.Sprintf("\n负载期间第%d次修订的说明文字。\n", v)...), 0o644)
					}
					if err == nil {
						err = build()
					}
					if err != nil {
						rebuildErr = err
						return
					}
					p.Rebuilds++
				}
			}()
		}
		p.run(base, paths, s.Clients, s.Duration)
		close(done)
		rebuilds.Wait()
		if rebuildErr != nil {
			stop()
			return nil, fmt.Errorf("soak: rebuild under load: %w", rebuildErr)
		}
		s.Phases = append(s.Phases, p)
	}
	s.PeakRSS = peakRSS(stop())
	return s, nil
}

// run sends requests from clients goroutines, each cycling the paths, for d.
func (p *SoakPhase) run(base string, paths []string, clients int, d time.Duration) {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	var mu sync.Mutex
	var lat []time.Duration
	end := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			errs, non2, statuses := 0, 0, map[int]int{}
			for i := c; time.Now().Before(end); i++ {
				start := time.Now()
				resp, err := client.Get(base + paths[i%len(paths)])
				if err != nil {
					errs++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(start))
				if resp.StatusCode/100 != 2 {
					non2++
					statuses[resp.StatusCode]++
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			p.Errors += errs
			p.Non2xx += non2
			for k, v := range statuses {
				p.Statuses[k] += v
			}
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	p.Requests = len(lat) + p.Errors
	if len(lat) > 0 {
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		p.P50, p.P99 = lat[len(lat)/2], lat[min(len(lat)-1, len(lat)*99/100)]
	}
}

// Report is the load test's Markdown table.
func (s *Soak) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nLoad test of `planportal serve` on the bundled site (%d concurrent clients on loopback for %s per phase over pages, a feed, an asset, the search page and `/api/search`; serve's peak RSS %s):\n\n",
		s.Clients, s.Duration, mb(s.PeakRSS))
	b.WriteString("| phase | requests | req/s | errors | non-2xx | p50 | p99 | rebuilds |\n|---|---|---|---|---|---|---|---|\n")
	for _, p := range s.Phases {
		non2 := fmt.Sprint(p.Non2xx)
		if len(p.Statuses) > 0 {
			var keys []int
			for k := range p.Statuses {
				keys = append(keys, k)
			}
			sort.Ints(keys)
			var parts []string
			for _, k := range keys {
				parts = append(parts, fmt.Sprintf("%d×%d", p.Statuses[k], k))
			}
			non2 += " (" + strings.Join(parts, ", ") + ")"
		}
		fmt.Fprintf(&b, "| %s | %d | %.0f | %d | %s | %s | %s | %d |\n", p.Name, p.Requests, float64(p.Requests)/s.Duration.Seconds(),
			p.Errors, non2, msec(p.P50), msec(p.P99), p.Rebuilds)
	}
	return b.String()
}
