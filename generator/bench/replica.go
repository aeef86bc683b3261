package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ReplicaStarts is how many times the replica measurement starts serve on a corpus.
const ReplicaStarts = 5

// Issue 16's limits for a search replica: open in at most ReplicaOpenLimit, and hold at most
// ReplicaPrivateLimit of private memory per ReplicaPlans plans.
const (
	ReplicaOpenLimit    = 300 * time.Millisecond
	ReplicaPrivateLimit = 150e6 // bytes
	ReplicaPlans        = 5000
)

// replicaFirstQuery is the query polled until a starting replica answers it.
const replicaFirstQuery = "儿科"

// Replica is how a search replica starts: `planportal serve --index-poll 0` started
// ReplicaStarts times on the full build's site and index (in the OS's page cache, as the build
// just wrote them), each timed from its start to its first answer (200) to
// /api/search?q=儿科, polled every 10 ms; then sent the fixed Queries, and its memory read
// while it holds the index. Medians and maxima over the starts; a Replica not made is all zero.
type Replica struct {
	Starts        int
	Open, OpenMax time.Duration
	// OpenCPU is the median CPU time serve used until its first answer (0: unknown, outside
	// Linux): on a shared machine the wall time depends on the others' load, this hardly.
	OpenCPU time.Duration
	// Private is the replica's Private_Dirty (memory no other process shares or can read
	// back from a file: its heap and stacks), Pss its proportional set size (with its share
	// of the mapped index and binary), in bytes; both 0, and Memory false, outside Linux.
	Private, PrivateMax int64
	Pss, PssMax         int64
	Memory              bool
	LoadAvg             string
}

// measureReplica starts serve on a built site ReplicaStarts times (see Replica). docs sets
// the time allowed for each start, as for the load test.
func measureReplica(o Options, site, dest, index string, docs int) (Replica, error) {
	timeout := 30*time.Second + time.Duration(docs/5000)*30*time.Second
	var opens, cpus []time.Duration
	var private, pss []int64
	memory := true
	for i := 0; i < ReplicaStarts; i++ {
		var stderr bytes.Buffer
		start := time.Now()
		addr, pid, stop, err := startChild(o.Bin, []string{"serve", "--source", site, "--dest", dest, "--index", index,
			"--addr", "127.0.0.1:0", "--index-poll", "0"}, &stderr, timeout)
		if err != nil {
			return Replica{}, fmt.Errorf("%v\n%s", err, stderr.String())
		}
		open, err := firstAnswer(addr, start, timeout)
		cpu, cpuOK := childCPU(pid)
		if err == nil {
			for _, q := range Queries {
				if _, err = answer(addr, q); err != nil {
					break
				}
			}
		}
		p, s, ok := processMemory(pid)
		stop()
		if err != nil {
			return Replica{}, fmt.Errorf("serve: %v\n%s", err, stderr.String())
		}
		opens = append(opens, open)
		if cpuOK {
			cpus = append(cpus, cpu)
		}
		memory = memory && ok
		private, pss = append(private, p), append(pss, s)
	}
	r := Replica{Starts: ReplicaStarts, Memory: memory, LoadAvg: loadAvg()}
	r.Open, r.OpenMax = medianMax(opens)
	if len(cpus) == len(opens) {
		r.OpenCPU, _ = medianMax(cpus)
	}
	if memory {
		r.Private, r.PrivateMax = medianMax(private)
		r.Pss, r.PssMax = medianMax(pss)
	}
	return r, nil
}

// firstAnswer polls addr's search with replicaFirstQuery every 10 ms until it answers 200 and
// returns the time since start; it gives up after timeout.
func firstAnswer(addr string, start time.Time, timeout time.Duration) (time.Duration, error) {
	for {
		status, err := answer(addr, replicaFirstQuery)
		if err == nil && status == http.StatusOK {
			return time.Since(start), nil
		}
		if time.Since(start) > timeout {
			return 0, fmt.Errorf("/api/search?q=%s: no answer in %v (last: %d, %v)", replicaFirstQuery, timeout, status, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var replicaClient = &http.Client{Timeout: 10 * time.Second}

// answer sends one search to addr and reads its answer.
func answer(addr, q string) (int, error) {
	resp, err := replicaClient.Get("http://" + addr + "/api/search?" + url.Values{"q": {q}}.Encode())
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

// parseSmaps reads Private_Dirty and Pss, in bytes, from /proc/PID/smaps_rollup (Linux,
// values in kB). The fields that only begin with those names (Pss_Dirty, Pss_Anon…) are not
// them.
func parseSmaps(r io.Reader) (private, pss int64, err error) {
	found := 0
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || (name != "Private_Dirty" && name != "Pss") {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, 0, fmt.Errorf("smaps: %s: expected a number of kB, got %q", name, strings.TrimSpace(rest))
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("smaps: %s: %v", name, err)
		}
		if name == "Pss" {
			pss = n << 10
		} else {
			private = n << 10
		}
		found++
	}
	if err := sc.Err(); err != nil {
		return 0, 0, err
	}
	if found != 2 {
		return 0, 0, fmt.Errorf("smaps: expected one Private_Dirty and one Pss line, found %d such lines", found)
	}
	return private, pss, nil
}

// replicaLimit is the private memory the issue allows a replica of docs plans: 150 MB per
// 5,000 plans, and 150 MB for a smaller corpus (whose fixed costs, the runtime and the
// theme, a per-plan share would not cover).
func replicaLimit(docs int) int64 {
	return ReplicaPrivateLimit * int64(max(docs, ReplicaPlans)) / ReplicaPlans
}

// replicaTable reports the replica starts made ("" when none was).
func replicaTable(results []*Result) string {
	var b strings.Builder
	for _, r := range results {
		p := r.Replica
		if p.Starts == 0 {
			continue
		}
		if b.Len() == 0 {
			fmt.Fprintf(&b, "\nA search replica's start: `serve --index-poll 0` started %d times on the full build's site and index (in the page cache, as the build wrote them), "+
				"timed from its start to its first answer (200) to `/api/search?q=%s`, polled every 10 ms (with the CPU time serve used until then); then sent the %d fixed queries and its memory read from /proc/PID/smaps_rollup "+
				"(private: Private_Dirty, its own heap and stacks; Pss: with its share of the mapped index and binary). Medians and maxima over the starts. "+
				"Issue 16's limits, judged on the medians: open in at most %s; private memory at most %s per %d plans (%s below %d plans).\n\n",
				ReplicaStarts, replicaFirstQuery, len(Queries), sec(ReplicaOpenLimit), mb(ReplicaPrivateLimit), ReplicaPlans, mb(ReplicaPrivateLimit), ReplicaPlans)
			b.WriteString("| corpus | docs | starts | open: median | max | its CPU | open ≤ 0.30 s | private: median | max | limit | private within it | Pss: median | max | load avg |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
		}
		cpu, priv, privMax, pss, pssMax, within := "–", "–", "–", "–", "–", "not measured on this OS"
		if p.OpenCPU > 0 {
			cpu = msec(p.OpenCPU)
		}
		if p.Memory {
			priv, privMax, pss, pssMax = mb(p.Private), mb(p.PrivateMax), mb(p.Pss), mb(p.PssMax)
			within = verdict(p.Private <= replicaLimit(r.Docs))
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Name, r.Docs, p.Starts,
			msec(p.Open), msec(p.OpenMax), cpu, verdict(p.Open <= ReplicaOpenLimit), priv, privMax, mb(replicaLimit(r.Docs)), within, pss, pssMax, p.LoadAvg)
	}
	return b.String()
}

// verdict says whether a limit was kept.
func verdict(met bool) string {
	if met {
		return "met"
	}
	return "not met"
}
