// Package bench measures planportal end to end, as a user runs it: it generates corpora,
// builds them with the planportal binary in child processes (so peak memory is the build's
// own), rebuilds them, serves them and queries the search endpoint over HTTP with concurrent
// clients. The report is Markdown, for BENCHMARKS.md.
package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/planportal/planportal/generator/build"
	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/corpus"
	"github.com/planportal/planportal/generator/search"
)

// Queries is the fixed list of search queries every run sends, in order: Chinese terms,
// Latin words, AND/OR/NOT and phrases, and what readers type besides (issue 13): pinyin,
// traditional characters, numbers with units, a full-width comma, and a typo that finds
// nothing and is answered with suggestions. Mix adds browsing, multi-value facets and more
// typos, drawn from the corpus.
var Queries = []string{
	"儿科", "托育", "家庭医生签约", "三明医改", "医共体", "癌", "精神卫生", "中医馆", "安宁疗护",
	"院前急救", "DeepSeek", "AI", "互联网医院", "健康素养", "儿科 精神卫生", "\"家庭医生\" 签约",
	"医共体 -县域", "托育 OR 托幼", "公立医院 绩效考核", "疾控 传染病",
	"erke", "jiating yisheng", "zhongyiguan", "兒科", "醫共體", "家庭醫生簽約", "65%", "儿科，精神卫生",
	"家庭医声签约", "170张", "4.5个", "100%",
}

// Options configure a benchmark run.
type Options struct {
	Bin      string // the planportal binary to measure
	Root     string // the repository: bundled content, config.toml, themes/
	Sizes    []int  // corpus sizes (plans)
	Seed     int64
	Clients  int // concurrent HTTP clients
	Requests int // search requests per corpus
	WorkDir  string
	Log      io.Writer
	// DevEdits is how many one-document edits the live preview is timed on (0: none);
	// DevOnly measures only that.
	DevEdits int
	DevOnly  bool
	// Soak is how long each phase of the load test runs (0: no load test), with SoakClients
	// concurrent clients.
	Soak        time.Duration
	SoakClients int
	// Peers are compared with the full build on each corpus (see FindPeers).
	Peers Peers
	// Only names the measurements to make on each corpus (nil: all of Phases); the full
	// build always runs, since the others read its output.
	Only map[string]bool
}

// Phases are the measurements of a corpus that Options.Only can choose from: "full" (the
// full build with index, always made), "render" (a render-only build), "peers" (Hugo and
// Pagefind), "noop" (the full build again, nothing changed), "edit" (one document edited,
// then rebuilt), "dev" (the live preview's edits, see DevEdits), "replica" (a search
// replica's start and memory, see Replica) and "search" (the HTTP load test, and with it
// "replica": both measure the server that answers searches). A 50,000-plan run needs only
// full and search.
var Phases = []string{"full", "render", "peers", "noop", "edit", "dev", "replica", "search"}

// ParseOnly reads a comma-separated list of Phases ("" or "all": every one).
func ParseOnly(s string) (map[string]bool, error) {
	if s = strings.TrimSpace(s); s == "" || s == "all" {
		return nil, nil
	}
	only := map[string]bool{"full": true}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if !slices.Contains(Phases, f) {
			return nil, fmt.Errorf("测量项 %q 不存在 (unknown measurement %q; expected some of %s)", f, f, strings.Join(Phases, ","))
		}
		only[f] = true
	}
	if only["search"] {
		only["replica"] = true
	}
	return only, nil
}

// runs says whether the measurement phase is made.
func (o Options) runs(phase string) bool { return o.Only == nil || o.Only[phase] }

// Result is what one corpus measured.
type Result struct {
	Name        string
	Docs        int
	SourceBytes int64
	Build       Run // full build with index
	RenderOnly  Run // --no-index
	Noop        Run // the same build again, nothing changed
	EditOne     Run // one document edited
	Stats       statsJSON
	OutputBytes int64
	IndexBytes  int64
	Search      Load
	Replica     Replica
	// DevEdit and DevEditSearch time planportal dev's edit-to-page latency, without and
	// with its background search index.
	DevEdit, DevEditSearch DevEdit
	// Peer is Hugo and Pagefind on the same corpus.
	Peer PeerRun
}

// Run is one child process: wall time, CPU time and peak resident memory. A Run not made is
// all zero.
type Run struct {
	Wall time.Duration
	CPU  time.Duration // user and system, the child's and its waited-for children's
	// Sys is the system (kernel) part of CPU: on a file system where creating an inode is
	// costly it moves with the disk's state more than with the code.
	Sys    time.Duration
	MaxRSS int64 // bytes
	// LoadAvg is the machine's 1-minute load average when the child ended, and Others the
	// CPU time the rest of the machine used while it ran, in cores (0 where unknown): on a
	// shared machine the wall time depends on them, the CPU time hardly.
	LoadAvg string
	Others  float64
}

// Load is a concurrent HTTP load test's outcome.
type Load struct {
	Requests   int
	Clients    int
	Mix        int // distinct requests, sent round robin
	P50, P99   time.Duration
	Mean       time.Duration
	QPS        float64
	Errors     int
	StatusNon2 int
	// LoadAvg is the machine's 1-minute load average at the end of the run (other work on a
	// shared machine shows here).
	LoadAvg string
	// ServeCPU is the CPU time serve spent per request while timed (0: unknown, outside
	// Linux): unlike latency, it hardly depends on what else the machine runs.
	ServeCPU time.Duration
	// Private is serve's Private_Dirty in bytes at the end of the run, read from
	// /proc/PID/smaps_rollup (0: unknown, outside Linux): what the replica holds alone after
	// the load, where issue 16's limit applies.
	Private int64
	// ByRequest is each request of the mix's latencies, slowest first: whether the slowest
	// sends come from a few heavy queries or from every kind of request (the machine).
	ByRequest []RequestLatency
}

// RequestLatency is how long the sends of one request of the mix took.
type RequestLatency struct {
	Request  string // its query string
	P50, P99 time.Duration
	Tail     int // how many of its sends took the run's p99 or longer
}

// byRequest groups the latencies of a run by request (send i sent mix[i%len(mix)]), slowest
// p50 first; p99 is the run's, for the tails.
func byRequest(lat []time.Duration, mix []url.Values, p99 time.Duration) []RequestLatency {
	if len(mix) == 0 {
		return nil
	}
	sends := make([][]time.Duration, len(mix))
	for i, d := range lat {
		sends[i%len(mix)] = append(sends[i%len(mix)], d)
	}
	var out []RequestLatency
	for k, ds := range sends {
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		r := RequestLatency{Request: mix[k].Encode(), P50: ds[len(ds)/2], P99: ds[len(ds)*99/100]}
		for _, d := range ds {
			if d >= p99 {
				r.Tail++
			}
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].P50 > out[j].P50 })
	return out
}

type statsJSON struct {
	Documents int           `json:"documents"`
	Pages     int64         `json:"pages"`
	Records   int           `json:"records"`
	Bytes     int64         `json:"bytes"`
	Timings   build.Timings `json:"timings"`
}

// RunAll measures the bundled content and each corpus size. On an error it returns the
// corpora measured before it with the error, so that a run of hours that fails at its largest
// corpus still reports the others. Each corpus and its output are removed when the run ends
// (at 50,000 plans they are about 20 GB), not as soon as they are measured: see cleanup.
func RunAll(o Options) ([]*Result, error) {
	var out []*Result
	clean := &cleanup{}
	defer clean.run()
	if !o.DevOnly {
		bundled, err := measure(o, "bundled", o.Root, false)
		clean.add(outDir(o, "bundled"))
		if err != nil {
			return out, err
		}
		out = append(out, bundled)
	}
	for _, n := range o.Sizes {
		dir := filepath.Join(o.WorkDir, fmt.Sprintf("corpus-%d", n))
		os.RemoveAll(dir) // left by an earlier run that was killed
		fmt.Fprintf(o.Log, "bench: generating %d plans in %s\n", n, dir)
		if err := GenerateSite(o.Root, dir, n, o.Seed); err != nil {
			return out, err
		}
		name := fmt.Sprintf("%d plans", n)
		r, err := measure(o, name, dir, true)
		clean.add(dir, outDir(o, name))
		if err != nil {
			return out, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// cleanup holds the directories a run made, to remove when it ends. Removing a tree of
// tens of thousands of files just before a timed build slows that build down on some file
// systems: ext4 without a journal (this bench machine's disk) skips, for about a minute, the
// inodes freed in the last minute when it allocates new ones, scanning each block group from
// its start, so that 20,000 files made right after 40,000 were removed took 7-12 s against
// 0.8 s (2026-12-03). A run that removed the 2,000-plan output and then built 5,000 plans
// timed that scan, not the build.
type cleanup struct{ dirs []string }

func (c *cleanup) add(dirs ...string) { c.dirs = append(c.dirs, dirs...) }

func (c *cleanup) run() {
	for _, d := range c.dirs {
		os.RemoveAll(d)
	}
}

// outDir is where the corpus called name is built.
func outDir(o Options, name string) string { return filepath.Join(o.WorkDir, "out-"+sanitize(name)) }

// copySiteFiles gives a generated corpus the repository's config and theme.
func copySiteFiles(root, dir string) error {
	if err := copyFile(filepath.Join(root, "config.toml"), filepath.Join(dir, "config.toml")); err != nil {
		return err
	}
	src := filepath.Join(root, "themes")
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		return copyFile(p, filepath.Join(dir, rel))
	})
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

func measure(o Options, name, site string, editable bool) (*Result, error) {
	r := &Result{Name: name}
	if o.DevOnly {
		return r, measureDev(o, r, site)
	}
	out := outDir(o, name)
	os.RemoveAll(out) // left by an earlier run that was killed
	dest, index, stats := filepath.Join(out, "public"), filepath.Join(out, "search.bleve"), filepath.Join(out, "stats.json")
	args := []string{"build", "--source", site, "--dest", dest, "--index", index, "--stats", stats}
	r.SourceBytes = dirSize(filepath.Join(site, "content"))

	var err error
	if o.runs("render") {
		fmt.Fprintf(o.Log, "bench: %s: render-only build\n", name)
		if r.RenderOnly, err = child(o.Bin, append(args[:len(args)-2:len(args)-2], "--no-index", "--dest", filepath.Join(out, "public-render"))...); err != nil {
			return nil, err
		}
		// public-render stays until the run ends, with the rest of out (see cleanup).
	}
	fmt.Fprintf(o.Log, "bench: %s: full build\n", name)
	if r.Build, err = child(o.Bin, args...); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(stats)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &r.Stats); err != nil {
		return nil, err
	}
	r.Docs = r.Stats.Documents
	r.OutputBytes, r.IndexBytes = dirSize(dest), dirSize(index)
	if o.Peers.Hugo != "" && o.runs("peers") {
		fmt.Fprintf(o.Log, "bench: %s: Hugo, then Pagefind on its output\n", name)
		if r.Peer, err = measurePeers(o.Peers, site, out); err != nil {
			return nil, err
		}
		// Hugo's output stays until the run ends, with the rest of out (see cleanup).
	}
	if o.runs("noop") {
		fmt.Fprintf(o.Log, "bench: %s: no-op rebuild\n", name)
		if r.Noop, err = child(o.Bin, args...); err != nil {
			return nil, err
		}
	}
	if editable && o.runs("edit") {
		fmt.Fprintf(o.Log, "bench: %s: one-document edit\n", name)
		doc := filepath.Join(site, "content", "plans", "plan-00000.md")
		src, err := os.ReadFile(doc)
		if err != nil {
			return nil, err
		}
		edited := strings.Replace(string(src), "\n1.", "\n1.（已修订）", 1)
		if err := os.WriteFile(doc, []byte(edited), 0o644); err != nil {
			return nil, err
		}
		if r.EditOne, err = child(o.Bin, args...); err != nil {
			return nil, err
		}
	}
	if editable && o.runs("dev") {
		if err := measureDev(o, r, site); err != nil {
			return nil, err
		}
	}
	if o.runs("replica") {
		fmt.Fprintf(o.Log, "bench: %s: a search replica's start, %d times\n", name, ReplicaStarts)
		if r.Replica, err = measureReplica(o, site, dest, index, r.Docs); err != nil {
			return nil, err
		}
	}
	if o.runs("search") {
		fmt.Fprintf(o.Log, "bench: %s: search load (%d requests, %d clients)\n", name, o.Requests, o.Clients)
		if r.Search, err = loadTest(o, site, dest, index, r.Docs); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func sanitize(s string) string { return regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(s, "-") }

// child runs the binary and returns its wall time, CPU time and peak RSS, and what the rest
// of the machine did meanwhile.
func child(bin string, args ...string) (Run, error) {
	cmd := exec.Command(bin, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	busy0, busyOK := machineBusy()
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return Run{}, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
	}
	ps := cmd.ProcessState
	r := Run{Wall: time.Since(start), CPU: ps.UserTime() + ps.SystemTime(), Sys: ps.SystemTime(), MaxRSS: peakRSS(ps), LoadAvg: loadAvg()}
	if busy1, ok := machineBusy(); ok && busyOK {
		r.Others = max(0, (busy1-busy0-r.CPU).Seconds()/r.Wall.Seconds())
	}
	return r, nil
}

// loadAvg is the machine's 1-minute load average ("" where unknown).
func loadAvg() string {
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) > 0 {
			return f[0]
		}
	}
	return ""
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

var addrRE = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)

// startListening starts a planportal server command (serve, dev) that listens on a free
// loopback port and waits, at most timeout, for the line announcing its address. stop ends it.
func startListening(bin string, args []string, stderr io.Writer, timeout time.Duration) (addr string, stop func(), err error) {
	addr, _, stopped, err := startChild(bin, args, stderr, timeout)
	if err != nil {
		return "", nil, err
	}
	return addr, func() { stopped() }, nil
}

// startChild is startListening that also returns the child's process id, and whose stop returns
// its exit state (its peak memory).
func startChild(bin string, args []string, stderr io.Writer, timeout time.Duration) (addr string, pid int, stop func() *os.ProcessState, err error) {
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, args...)
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		cancel()
		return "", 0, nil, err
	}
	stop = func() *os.ProcessState {
		// Windows has no SIGTERM: there the child is killed.
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			cmd.Process.Kill()
		}
		cmd.Wait()
		cancel()
		return cmd.ProcessState
	}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := addrRE.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addrc <- m[1]:
				default:
				}
			}
		}
	}()
	select {
	case addr = <-addrc:
		return addr, cmd.Process.Pid, stop, nil
	case <-time.After(timeout):
		stop()
		return "", 0, nil, fmt.Errorf("%s did not start", args[0])
	}
}

// loadTest starts `planportal serve` on a free loopback port and sends the requests of the
// mix (Mix: Queries, browsing, facets, typos) round-robin from concurrent clients.
// A replica's opening time grows with the index: serve gets 30 s, and 30 s more for each
// 5,000 documents (docs).
func loadTest(o Options, site, dest, index string, docs int) (Load, error) {
	cfg, err := config.Load(filepath.Join(site, "config.toml"))
	if err != nil {
		return Load{}, err
	}
	timeout := 30*time.Second + time.Duration(docs/5000)*30*time.Second
	addr, pid, stop, err := startChild(o.Bin, []string{"serve", "--source", site, "--dest", dest, "--index", index, "--addr", "127.0.0.1:0", "--keep-answers=false"}, io.Discard, timeout)
	if err != nil {
		return Load{}, err
	}
	defer stop()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: o.Clients}}
	get := func(v url.Values) (time.Duration, int, error) {
		start := time.Now()
		resp, err := client.Get("http://" + addr + "/api/search?" + v.Encode())
		if err != nil {
			return 0, 0, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return time.Since(start), resp.StatusCode, nil
	}
	mix, err := Mix(func(v url.Values) (*search.Response, error) {
		resp, err := client.Get("http://" + addr + "/api/search?" + v.Encode())
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("/api/search?%s: %s", v.Encode(), resp.Status)
		}
		var r search.Response
		return &r, json.NewDecoder(resp.Body).Decode(&r)
	}, ThemeKeywords(cfg))
	if err != nil {
		return Load{}, err
	}
	for _, v := range mix { // warm up: first touch of each term's postings
		get(v)
	}
	cpu0, cpuOK := childCPU(pid)
	lat := make([]time.Duration, o.Requests)
	var mu sync.Mutex
	l := Load{Requests: o.Requests, Clients: o.Clients, Mix: len(mix)}
	var wg sync.WaitGroup
	next := make(chan int)
	start := time.Now()
	for c := 0; c < o.Clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d, status, err := get(mix[i%len(mix)])
				mu.Lock()
				lat[i] = d
				if err != nil {
					l.Errors++
				} else if status != 200 {
					l.StatusNon2++
				}
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < o.Requests; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	if cpu1, ok := childCPU(pid); ok && cpuOK {
		l.ServeCPU = (cpu1 - cpu0) / time.Duration(o.Requests)
	}
	if private, _, ok := processMemory(pid); ok {
		l.Private = private
	}
	sent := slices.Clone(lat)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	l.P50 = lat[len(lat)/2]
	l.P99 = lat[min(len(lat)-1, len(lat)*99/100)]
	l.Mean = sum / time.Duration(len(lat))
	l.ByRequest = byRequest(sent, mix, l.P99)
	l.QPS = float64(o.Requests) / elapsed.Seconds()
	l.LoadAvg = loadAvg()
	return l, nil
}

// Machine describes where the benchmark ran.
func Machine() string {
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if m := regexp.MustCompile(`MemTotal:\s+(\d+) kB`).FindSubmatch(b); m != nil {
			var kb int64
			fmt.Sscan(string(m[1]), &kb)
			mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	cpu := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`model name\s*:\s*(.+)`).FindSubmatch(b); m != nil {
			cpu = strings.TrimSpace(string(m[1]))
		}
	}
	return fmt.Sprintf("%d cores (%s), %s memory, %s %s/%s", runtime.NumCPU(), cpu, mem, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// Report formats results as Markdown; peers names the tools compared with.
func Report(results []*Result, commit, command string, peers Peers) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## %s, commit %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"), commit)
	fmt.Fprintf(&b, "Machine: %s. Command: `%s`. Generated corpus version %d.", Machine(), command, corpus.Version)
	if v := peers.Versions(); v != "" {
		fmt.Fprintf(&b, " Compared with: %s.", v)
	}
	for _, n := range peers.Notes {
		fmt.Fprintf(&b, " %s.", n)
	}
	b.WriteString("\n\n")
	if len(results) == 0 {
		return b.String()
	}
	if devOnly(results) {
		b.WriteString(devTable(results))
		return b.String()
	}
	b.WriteString("| corpus | docs | source | full build | its CPU (user+sys) | others' CPU, load avg | render only | load | analyse (tagging, targets) | render (minifying: worker time) | index | peak RSS | pages/s | output | index size | no-op rebuild | one-doc edit |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		t := r.Stats.Timings
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s (%s, %s) | %s (%s) | %s | %s | %.0f | %s | %s | %s | %s |\n",
			r.Name, r.Docs, mb(r.SourceBytes), sec(r.Build.Wall), sec(r.Build.CPU), others(r.Build), runSec(r.RenderOnly), sec(t.Load), sec(t.Analyse), sec(t.Tag), sec(t.Targets),
			sec(t.Render), sec(t.Minify), sec(t.Index), mb(r.Build.MaxRSS),
			float64(r.Stats.Pages)/r.Build.Wall.Seconds(), mb(r.OutputBytes), mb(r.IndexBytes), runSec(r.Noop), runSec(r.EditOne))
	}
	b.WriteString(timingsNote(results))
	b.WriteString(stageCPUTable(results))
	b.WriteString(stageCostTable(results))
	b.WriteString(searchTable(results))
	b.WriteString(replicaTable(results))
	if len(results) >= 3 {
		a, z := results[len(results)-2], results[len(results)-1]
		if a.Docs > 0 && z.Docs > 0 {
			fmt.Fprintf(&b, "\nGrowth from %s to %s (%.1fx the documents): full build %s (its CPU %s), render only %s, peak RSS %s, output %s, index size %s, search p50 %s, p99 %s, tagging %s.\n",
				a.Name, z.Name, float64(z.Docs)/float64(a.Docs), growth(z.Build.Wall, a.Build.Wall), growth(z.Build.CPU, a.Build.CPU),
				growth(z.RenderOnly.Wall, a.RenderOnly.Wall), growth(z.Build.MaxRSS, a.Build.MaxRSS), growth(z.OutputBytes, a.OutputBytes),
				growth(z.IndexBytes, a.IndexBytes), growth(z.Search.P50, a.Search.P50), growth(z.Search.P99, a.Search.P99),
				growth(z.Stats.Timings.Tag, a.Stats.Timings.Tag))
			b.WriteString(taggingLine(a, z))
			if c := z.Stats.Timings.CPU; c.Render > 0 {
				ca := a.Stats.Timings.CPU
				fmt.Fprintf(&b, "CPU time by stage, %s to %s: load %s, analyse %s, render %s, index %s.\n", a.Name, z.Name,
					growth(c.Load, ca.Load), growth(c.Analyse, ca.Analyse), growth(c.Render, ca.Render), growth(c.Index, ca.Index))
			}
			b.WriteString(stageGrowthLine(a, z))
		}
	}
	b.WriteString(peerTable(results))
	b.WriteString(devTable(results))
	return b.String()
}

// stageCPUTable is the full builds' CPU time (the process's, user and system) by stage,
// beside which the table's wall times can be read: on a shared machine CPU time varies less,
// and it counts the collector's workers and the kernel's file work, which wall time hides
// behind the cores. "" when no build has it (a binary from before it was recorded).
func stageCPUTable(results []*Result) string {
	var b strings.Builder
	for _, r := range results {
		c := r.Stats.Timings.CPU
		if c.Render == 0 {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("\nCPU time (user+sys, the whole process) of the full build by stage, and the system (kernel) part of the whole:\n\n")
			b.WriteString("| corpus | load | analyse | render | index | publish | its CPU | of it system |\n|---|---|---|---|---|---|---|---|\n")
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Name, sec(c.Load), sec(c.Analyse), sec(c.Render), sec(c.Index), sec(c.Publish), sec(r.Build.CPU), secOrDash(r.Build.Sys))
	}
	return b.String()
}

// stageCostTable splits each full build's stages: the process's user and system CPU time,
// the collections that ended in the stage and the collector's CPU time (the runtime's
// estimate, which counts its pauses on every processor), the scavenger's, and the heap live
// at the stage's end; then the memory limit the build set after analysis. Whether a stage
// that grows faster than the plans does so in the collector, the kernel or its own work can
// be read from it (issue 16). "" when no build has it (a binary from before it was recorded).
func stageCostTable(results []*Result) string {
	var b strings.Builder
	for _, r := range results {
		t := r.Stats.Timings
		if t.Stages.Render.User == 0 {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("\nThe full build's stages: user and system CPU time, collections, the collector's and the scavenger's CPU time (runtime/metrics: the runtime's estimates, which pass the kernel's count on a loaded machine), the heap live at the stage's end:\n\n")
			b.WriteString("| corpus | stage | user | system | GC cycles | GC CPU | scavenger CPU | live heap after | memory limit (live after analysis) |\n|---|---|---|---|---|---|---|---|---|\n")
		}
		limit := "–"
		if t.MemoryLimit > 0 {
			limit = fmt.Sprintf("%s (%s)", mb(t.MemoryLimit), mb(t.LiveAfterAnalysis))
		}
		st := t.Stages
		for _, c := range []struct {
			name string
			c    build.StageCost
		}{{"load", st.Load}, {"analyse", st.Analyse}, {"render", st.Render}, {"index", st.Index}, {"publish", st.Publish}, {"all", st.Sum()}} {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %s | %s | %s | %s |\n", r.Name, c.name, sec(c.c.User), sec(c.c.Sys), c.c.GCCycles,
				sec(c.c.GC), sec(c.c.Scavenge), mb(int64(c.c.Live)), limit)
			limit = ""
		}
	}
	return b.String()
}

// stageGrowthLine is each stage's user, system and collector's CPU time per plan at z over
// a's (1.00x when linear), "" when either build lacks them.
func stageGrowthLine(a, z *Result) string {
	sa, sz := a.Stats.Timings.Stages, z.Stats.Timings.Stages
	if sa.Render.User == 0 || sz.Render.User == 0 {
		return ""
	}
	per := func(dz, da time.Duration) string {
		return growth(time.Duration(float64(dz)/float64(z.Docs)*1e6), time.Duration(float64(da)/float64(a.Docs)*1e6))
	}
	var parts []string
	for _, c := range []struct {
		name   string
		ca, cz build.StageCost
	}{{"load", sa.Load, sz.Load}, {"analyse", sa.Analyse, sz.Analyse}, {"render", sa.Render, sz.Render}, {"index", sa.Index, sz.Index}, {"all", sa.Sum(), sz.Sum()}} {
		parts = append(parts, fmt.Sprintf("%s %s / %s / %s", c.name, per(c.cz.User, c.ca.User), per(c.cz.Sys, c.ca.Sys), per(c.cz.GC, c.ca.GC)))
	}
	return fmt.Sprintf("Per plan, %s over %s (user / system / collector's CPU time): %s.\n", z.Name, a.Name, strings.Join(parts, ", "))
}

// threadCPU reports whether the builds' tagging and targets timings are CPU time (each worker
// thread's own clock, build.Timings.TagClock) rather than wall time summed over workers.
func threadCPU(results []*Result) bool {
	for _, r := range results {
		if r.Stats.Timings.TagClock != "thread CPU" {
			return false
		}
	}
	return len(results) > 0
}

// timingsNote says what the table's timings of work spread over workers are.
func timingsNote(results []*Result) string {
	if threadCPU(results) {
		return "\nTagging and targets are the CPU time of their calls, each read on the clock of the worker thread that made it and summed " +
			"over the documents: compare them with the build's CPU time. Minifying is wall time summed over the workers that do it, " +
			"as much as its CPU time on a quiet machine, more when other work takes the cores.\n"
	}
	return "\nTagging, targets and minifying are the build's own timings: wall time summed over the workers that do them, " +
		"as much as their CPU time on a quiet machine, more when other work takes the cores (compare them with the build's CPU).\n"
}

// taggingLine sets the tagging of the largest corpus, z, beside its build, like for like: its
// CPU time beside the build's CPU time, and its CPU time per MB of Markdown beside a's, the
// corpus before it, which is the same when tagging is linear. Without per-thread clocks it
// says so and compares wall time summed over workers with the build's wall time, as before.
func taggingLine(a, z *Result) string {
	ta, tz := a.Stats.Timings.Tag, z.Stats.Timings.Tag
	if !threadCPU([]*Result{a, z}) {
		return fmt.Sprintf("Tagging (wall time summed over the workers: no per-thread CPU clock on this system) at %s: %s, %.1f%% of the full build's wall time.\n",
			z.Name, sec(tz), 100*ratio(tz, z.Build.Wall))
	}
	line := fmt.Sprintf("Tagging (CPU time of its calls, each worker thread's own clock) at %s: %s, %.1f%% of the full build's CPU time (%s)",
		z.Name, sec(tz), 100*ratio(tz, z.Build.CPU), sec(z.Build.CPU))
	if a.SourceBytes > 0 && z.SourceBytes > 0 && ta > 0 {
		pa, pz := perMB(ta, a.SourceBytes), perMB(tz, z.SourceBytes)
		line += fmt.Sprintf("; per MB of Markdown %s at %s, %s at %s (%s: linear when near 1.00x)", msec(pa), a.Name, msec(pz), z.Name, growth(pz, pa))
	}
	return line + ".\n"
}

// perMB is d per million bytes of n.
func perMB(d time.Duration, n int64) time.Duration {
	return time.Duration(float64(d) * 1e6 / float64(n))
}

// searchTable reports the load tests made ("" when none was).
func searchTable(results []*Result) string {
	var b strings.Builder
	mix := 0
	for _, r := range results {
		mix = max(mix, r.Search.Mix)
	}
	if mix == 0 {
		return ""
	}
	fmt.Fprintf(&b, "\nSearch over HTTP (`/api/search`, `serve --keep-answers=false`, a mix of %d requests round robin: %d fixed queries, then browsing, multi-value facets and typos drawn from the corpus):\n\n", mix, len(Queries))
	b.WriteString("| corpus | index records | requests | clients | p50 | p99 | mean | queries/s | serve CPU/request | serve private memory after | errors | load avg |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		s := r.Search
		if s.Requests == 0 {
			continue
		}
		cpu, private := "–", "–"
		if s.ServeCPU > 0 {
			cpu = msec(s.ServeCPU)
		}
		if s.Private > 0 {
			private = mb(s.Private)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s | %s | %s | %.0f | %s | %s | %d | %s |\n", r.Name, r.Stats.Records, s.Requests, s.Clients,
			msec(s.P50), msec(s.P99), msec(s.Mean), s.QPS, cpu, private, s.Errors+s.StatusNon2, s.LoadAvg)
	}
	return b.String()
}

// runSec is a run's wall time, "–" when it was not made.
func runSec(r Run) string { return secOrDash(r.Wall) }

// secOrDash is d in seconds, "–" when it was not measured.
func secOrDash(d time.Duration) string {
	if d == 0 {
		return "–"
	}
	return sec(d)
}

// others is the CPU the rest of the machine used during a run, in cores, and the load
// average at its end.
func others(r Run) string {
	if r.LoadAvg == "" {
		return "–"
	}
	return fmt.Sprintf("%.2f cores, %s", r.Others, r.LoadAvg)
}

// growth is z/a as "N.NNx", "–" when either was not measured.
func growth[T time.Duration | int64](z, a T) string {
	if z == 0 || a == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2fx", float64(z)/float64(a))
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }
func sec(d time.Duration) string       { return fmt.Sprintf("%.2f s", d.Seconds()) }
func msec(d time.Duration) string      { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
func mb(n int64) string                { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// GenerateSite writes a corpus of n plans assembled from root's content into dir, with root's
// config and theme, ready for planportal build --source dir.
func GenerateSite(root, dir string, n int, seed int64) error {
	cfg, err := config.Load(filepath.Join(root, "config.toml"))
	if err != nil {
		return err
	}
	res, err := content.NewLoader(content.Options{}).LoadDir(root)
	if err != nil {
		return err
	}
	if err := corpus.Generate(dir, corpus.NewPool(res.Documents), corpus.Options{N: n, Seed: seed, Themes: cfg.ThemeSlugs()}); err != nil {
		return err
	}
	return copySiteFiles(root, dir)
}
