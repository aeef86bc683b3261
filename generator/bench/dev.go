package bench

import (
	"cmp"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// DevEdit is the live preview's edit latency: the time from writing one document to the
// dev server serving its new page, over several edits.
type DevEdit struct {
	Edits        int
	Median, Max  time.Duration
	Startup      time.Duration // from starting planportal dev to its first page
	All          []time.Duration
	PollInterval time.Duration // how often the page was fetched while waiting
	// With search: IndexReady is from starting planportal dev to its first search answer, and
	// Found the time from writing each edit to /api/search finding its marker.
	IndexReady            time.Duration
	FoundMedian, FoundMax time.Duration
	Found                 []time.Duration
}

// MeasureDevEdit starts `planportal dev` on site, edits doc (a path under site) edits times,
// each time writing it in place with a new marker, and measures how long until the page
// serves the marker. Edits are spaced by gap, so that each is a rebuild of its own.
func MeasureDevEdit(bin, site, doc string, edits int, gap time.Duration, withSearch bool, log io.Writer) (DevEdit, error) {
	r := DevEdit{Edits: edits, PollInterval: 2 * time.Millisecond}
	args := []string{"dev", "--source", site, "--addr", "127.0.0.1:0"}
	if !withSearch {
		args = append(args, "--no-search")
	}
	start := time.Now()
	addr, stop, err := startListening(bin, args, log, 5*time.Minute)
	if err != nil {
		return r, err
	}
	defer stop()
	rel, err := filepath.Rel(filepath.Join(site, "content"), doc)
	if err != nil {
		return r, err
	}
	page := "http://" + addr + "/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/"
	client := &http.Client{Timeout: 30 * time.Second}
	get := func() (string, error) {
		resp, err := client.Get(page)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			return "", fmt.Errorf("%s: status %d", page, resp.StatusCode)
		}
		return string(b), err
	}
	if _, err := get(); err != nil {
		return r, err
	}
	r.Startup = time.Since(start)
	// found reports whether search answers (not 503: no index yet) and finds q in the edited
	// document.
	found := func(q string) (answered, ok bool, err error) {
		resp, err := client.Get("http://" + addr + "/api/search?size=50&q=" + url.QueryEscape(q))
		if err != nil {
			return false, false, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		switch {
		case resp.StatusCode == http.StatusServiceUnavailable:
			return false, false, nil
		case resp.StatusCode != http.StatusOK:
			return false, false, fmt.Errorf("search %q: status %d", q, resp.StatusCode)
		}
		return true, strings.Contains(string(b), `"doc_url":"`+strings.TrimPrefix(page, "http://"+addr)+`"`), err
	}
	if withSearch {
		for {
			answered, _, err := found("卫生")
			if err != nil {
				return r, err
			}
			if answered {
				break
			}
			if time.Since(start) > 10*time.Minute {
				return r, fmt.Errorf("no search index after 10 minutes")
			}
			time.Sleep(50 * time.Millisecond)
		}
		r.IndexReady = time.Since(start)
	}
	orig, err := os.ReadFile(doc)
	if err != nil {
		return r, err
	}
	defer os.WriteFile(doc, orig, 0o644)
	for i := 0; i < edits; i++ {
		time.Sleep(gap)
		marker := fmt.Sprintf("实时预览第%d次修改", i+1)
		edited := strings.Replace(string(orig), "\n1.", "\n1."+marker+"。", 1)
		t0 := time.Now()
		if err := os.WriteFile(doc, []byte(edited), 0o644); err != nil {
			return r, err
		}
		for {
			body, err := get()
			if err != nil {
				return r, err
			}
			if strings.Contains(body, marker) {
				break
			}
			if time.Since(t0) > time.Minute {
				return r, fmt.Errorf("edit %d not served after a minute", i+1)
			}
			time.Sleep(r.PollInterval)
		}
		r.All = append(r.All, time.Since(t0))
		for withSearch {
			_, ok, err := found(marker)
			if err != nil {
				return r, err
			}
			if ok {
				r.Found = append(r.Found, time.Since(t0))
				break
			}
			if time.Since(t0) > 2*time.Minute {
				return r, fmt.Errorf("edit %d not found by search after two minutes", i+1)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	r.Median, r.Max = medianMax(r.All)
	if len(r.Found) > 0 {
		r.FoundMedian, r.FoundMax = medianMax(r.Found)
	}
	return r, nil
}

// medianMax is the median of v (the upper one of an even count) and its largest value.
func medianMax[T cmp.Ordered](v []T) (median, max T) {
	sorted := slices.Clone(v)
	slices.Sort(sorted)
	return sorted[len(sorted)/2], sorted[len(sorted)-1]
}

// measureDev times the live preview on a generated corpus: edits of its first plan, without
// and with the background search index.
func measureDev(o Options, r *Result, site string) error {
	if o.DevEdits <= 0 {
		return nil
	}
	doc := filepath.Join(site, "content", "plans", "plan-00000.md")
	if r.Docs == 0 {
		files, _ := filepath.Glob(filepath.Join(site, "content", "plans", "*.md"))
		r.Docs = len(files)
	}
	var err error
	fmt.Fprintf(o.Log, "bench: %s: live preview, %d edits without search\n", r.Name, o.DevEdits)
	if r.DevEdit, err = MeasureDevEdit(o.Bin, site, doc, o.DevEdits, 700*time.Millisecond, false, io.Discard); err != nil {
		return err
	}
	fmt.Fprintf(o.Log, "bench: %s: live preview, %d edits with search (each edit patches the index)\n", r.Name, o.DevEdits)
	r.DevEditSearch, err = MeasureDevEdit(o.Bin, site, doc, o.DevEdits, 700*time.Millisecond, true, io.Discard)
	return err
}

func devOnly(results []*Result) bool {
	for _, r := range results {
		if r.Build.Wall > 0 || r.DevEdit.Edits == 0 {
			return false
		}
	}
	return len(results) > 0
}

// devTable reports the live preview's edit latency.
func devTable(results []*Result) string {
	var b strings.Builder
	for _, r := range results {
		if r.DevEdit.Edits == 0 {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("\nLive preview (`planportal dev`): one document written in place → its new page served over HTTP " +
				"(median and max of the edits; the page is fetched every 2 ms; with search, the full index is built in the background at startup and each edit patches it), " +
				"and, with search, → found by `/api/search`:\n\n")
			b.WriteString("| corpus | docs | startup | edits | median | max | with search: median | max | index ready | edit found by search: median | max |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
		}
		d, s := r.DevEdit, r.DevEditSearch
		fmt.Fprintf(&b, "| %s | %d | %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", r.Name, r.Docs, sec(d.Startup), d.Edits,
			msec(d.Median), msec(d.Max), msec(s.Median), msec(s.Max), sec(s.IndexReady), msec(s.FoundMedian), msec(s.FoundMax))
	}
	return b.String()
}
