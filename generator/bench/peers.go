package bench

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// Peers are the tools a build is compared with in the same run, on the same corpus: Hugo
// rendering it with minimal templates, and Pagefind indexing Hugo's output, which together
// do what planportal build does (pages and a search index). Either may be missing: the
// report then says so rather than compare.
type Peers struct {
	Hugo, Pagefind string // executables, "" when not found
	Notes          []string
}

// FindPeers looks for hugo and pagefind in dir (make bench-tools puts them there, pinned),
// then on PATH.
func FindPeers(dir string) Peers {
	var p Peers
	find := func(name string, in ...string) string {
		for _, c := range in {
			if fi, err := os.Stat(c); err == nil && !fi.IsDir() {
				return c
			}
		}
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
		return ""
	}
	p.Hugo = find("hugo", filepath.Join(dir, "hugo"))
	p.Pagefind = find("pagefind", filepath.Join(dir, "node_modules", ".bin", "pagefind"))
	if p.Hugo == "" {
		p.Notes = append(p.Notes, "Hugo not found (make bench-tools builds it from the Go module proxy): not compared")
	}
	if p.Pagefind == "" {
		p.Notes = append(p.Notes, "Pagefind not found (make bench-tools installs it from npm): not compared")
	}
	return p
}

// Version is the tool's own version line.
func version(bin string, arg string) string {
	out, err := exec.Command(bin, arg).Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

// Versions names the tools found, for the report.
func (p Peers) Versions() string {
	var v []string
	if p.Hugo != "" {
		v = append(v, version(p.Hugo, "version"))
	}
	if p.Pagefind != "" {
		v = append(v, version(p.Pagefind, "--version"))
	}
	return strings.Join(v, "; ")
}

// PeerRun is what the peers measured on one corpus.
type PeerRun struct {
	Hugo, Pagefind Run
	Output         int64 // bytes Hugo and Pagefind wrote: pages and index
	Index          int64 // of which Pagefind's index (pagefind/)
}

// Sum is Hugo and Pagefind one after the other: wall and CPU times added, the higher peak.
func (r PeerRun) Sum() Run {
	return Run{Wall: r.Hugo.Wall + r.Pagefind.Wall, CPU: r.Hugo.CPU + r.Pagefind.CPU, MaxRSS: max(r.Hugo.MaxRSS, r.Pagefind.MaxRSS)}
}

// hugoConfig and hugoLayouts make the minimal Hugo site: a page per document with its title
// and body, the section lists and the home page; no taxonomies (planportal's theme pages have
// no counterpart in Hugo's content model without writing the tagger again).
const hugoConfig = `baseURL = "http://127.0.0.1/"
languageCode = "zh-CN"
title = "bench"
contentDir = "content"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = false
`

var hugoLayouts = map[string]string{
	"_default/baseof.html": `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>`,
	"_default/single.html": `{{ define "main" }}<main data-pagefind-body><h1>{{ .Title }}</h1>{{ .Content }}</main>{{ end }}`,
	"_default/list.html":   `{{ define "main" }}<main><h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}</main>{{ end }}`,
	"index.html":           `{{ define "main" }}<main><h1>{{ .Site.Title }}</h1><ul>{{ range first 50 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}`,
}

// measurePeers builds the corpus at site with Hugo into work/hugo, then indexes Hugo's
// output with Pagefind, each as a child process. It leaves work/hugo for the caller.
func measurePeers(p Peers, site, work string) (PeerRun, error) {
	var r PeerRun
	if p.Hugo == "" {
		return r, nil
	}
	hs := filepath.Join(work, "hugo")
	os.RemoveAll(hs)
	// Hugo reads "published" as its own flag (the opposite of draft) and refuses a date in
	// it; the copy, made before Hugo is timed, names planportal's field otherwise.
	if err := copyContentForHugo(filepath.Join(site, "content"), filepath.Join(hs, "content")); err != nil {
		return r, err
	}
	files := map[string]string{"hugo.toml": hugoConfig}
	for name, text := range hugoLayouts {
		files[filepath.Join("layouts", name)] = text
	}
	for name, text := range files {
		f := filepath.Join(hs, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			return r, err
		}
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			return r, err
		}
	}
	out := filepath.Join(hs, "public")
	var err error
	if r.Hugo, err = child(p.Hugo, "--source", hs, "--destination", out, "--quiet"); err != nil {
		return r, err
	}
	if p.Pagefind != "" {
		if r.Pagefind, err = child(p.Pagefind, "--site", out, "--silent"); err != nil {
			return r, err
		}
	}
	r.Output, r.Index = dirSize(out), dirSize(filepath.Join(out, "pagefind"))
	return r, nil
}

// peerTable compares each corpus's full build with Hugo and Pagefind's, as ratios.
func peerTable(results []*Result) string {
	var b strings.Builder
	for _, r := range results {
		if r.Peer.Hugo.Wall == 0 {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("\nSide by side on the same corpus (Hugo with minimal templates, then Pagefind on Hugo's output; planportal's full build makes pages and index):\n\n")
			b.WriteString("| corpus | Hugo | Pagefind | Hugo + Pagefind | planportal | planportal ÷ (Hugo + Pagefind) | CPU (user+sys) Hugo / Pagefind / planportal, planportal ÷ peers | peak RSS Hugo / Pagefind / planportal | pages + index: Hugo + Pagefind / planportal |\n|---|---|---|---|---|---|---|---|---|\n")
		}
		sum := r.Peer.Sum()
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %.2fx | %s / %s / %s, %s | %s / %s / %s | %s + %s / %s + %s |\n", r.Name, sec(r.Peer.Hugo.Wall), runSec(r.Peer.Pagefind), sec(sum.Wall),
			sec(r.Build.Wall), ratio(r.Build.Wall, sum.Wall), sec(r.Peer.Hugo.CPU), secOrDash(r.Peer.Pagefind.CPU), sec(r.Build.CPU), growth(r.Build.CPU, sum.CPU),
			mb(r.Peer.Hugo.MaxRSS), mb(r.Peer.Pagefind.MaxRSS), mb(r.Build.MaxRSS),
			mb(r.Peer.Output-r.Peer.Index), mb(r.Peer.Index), mb(r.OutputBytes), mb(r.IndexBytes))
	}
	return b.String()
}

// copyContentForHugo copies the Markdown under src to dst, renaming the front matter key
// published, which Hugo reserves.
func copyContentForHugo(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		b = publishedKey.ReplaceAll(b, []byte("pp_published ="))
		return os.WriteFile(target, b, 0o644)
	})
}

var publishedKey = regexp.MustCompile(`(?m)^published\s*=`)
