package bench

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
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
	}
	sorted := append([]time.Duration(nil), r.All...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	r.Median, r.Max = sorted[len(sorted)/2], sorted[len(sorted)-1]
	return r, nil
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
	fmt.Fprintf(o.Log, "bench: %s: live preview, %d edits with the search index rebuilt in the background\n", r.Name, o.DevEdits)
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
				"(median and max of the edits; the page is fetched every 2 ms; with search, the index is rebuilt in the background after each edit, one shard at a time):\n\n")
			b.WriteString("| corpus | docs | startup | edits | median | max | with search: median | max |\n|---|---|---|---|---|---|---|---|\n")
		}
		d, s := r.DevEdit, r.DevEditSearch
		fmt.Fprintf(&b, "| %s | %d | %s | %d | %s | %s | %s | %s |\n", r.Name, r.Docs, sec(d.Startup), d.Edits,
			msec(d.Median), msec(d.Max), msec(s.Median), msec(s.Max))
	}
	return b.String()
}
