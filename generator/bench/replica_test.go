package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// parseSmaps reads the two fields of a real smaps_rollup (captured from `planportal serve` of the bundled site
// on Linux 6.18, testdata/smaps_rollup), whose Pss_Dirty, Pss_Anon and Pss_File lines begin
// as Pss does.
func TestParseSmaps(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "smaps_rollup"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	private, pss, err := parseSmaps(f)
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's "Private_Dirty: 12420 kB" and "Pss: 23360 kB", read by hand.
	if private != 12420*1024 || pss != 23360*1024 {
		t.Errorf("Private_Dirty %d, Pss %d bytes: want %d and %d", private, pss, 12420*1024, 23360*1024)
	}
	for _, bad := range []string{
		"Rss: 10 kB\nPss: 5 kB\n",                     // no Private_Dirty
		"Pss: 5 kB\nPrivate_Dirty: 4 MB\n",            // not kB
		"Pss: 5 kB\nPrivate_Dirty: many kB\n",         // not a number
		"Pss: 5 kB\nPss: 6 kB\nPrivate_Dirty: 4 kB\n", // not a rollup
	} {
		if p, s, err := parseSmaps(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: read as private %d, Pss %d, not refused", bad, p, s)
		}
	}
}

// The replica table judges the limits on the medians, scales the memory limit with
// the corpus (150 MB per 5,000 plans, 150 MB below), and says where memory was not measured.
func TestReplicaTable(t *testing.T) {
	ms := time.Millisecond
	results := []*Result{
		{Name: "bundled", Docs: 19, Replica: Replica{Starts: 5, Open: 90 * ms, OpenMax: 400 * ms, OpenCPU: 60 * ms, Private: 15e6, PrivateMax: 16e6, Pss: 40e6, PssMax: 41e6, Memory: true, LoadAvg: "1.00"}},
		{Name: "5000 plans", Docs: 5000, Replica: Replica{Starts: 5, Open: 310 * ms, OpenMax: 350 * ms, Private: 151e6, PrivateMax: 152e6, Pss: 200e6, PssMax: 210e6, Memory: true, LoadAvg: "2.00"}},
		{Name: "50000 plans", Docs: 50000, Replica: Replica{Starts: 5, Open: 250 * ms, OpenMax: 2 * time.Second, Private: 1000e6, PrivateMax: 1600e6, Pss: 2000e6, PssMax: 2100e6, Memory: true, LoadAvg: "3.00"}},
		{Name: "1000 plans", Docs: 1000, Replica: Replica{Starts: 5, Open: 100 * ms, OpenMax: 120 * ms}},
		{Name: "2000 plans", Docs: 2000},
	}
	got := replicaTable(results)
	for _, want := range []string{
		"| bundled | 19 | 5 | 90.0 ms | 400.0 ms | 60.0 ms | met | 15.0 MB | 16.0 MB | 150.0 MB | met | 40.0 MB | 41.0 MB | 1.00 |",
		"| 5000 plans | 5000 | 5 | 310.0 ms | 350.0 ms | – | not met | 151.0 MB | 152.0 MB | 150.0 MB | not met | 200.0 MB | 210.0 MB | 2.00 |",
		"| 50000 plans | 50000 | 5 | 250.0 ms | 2000.0 ms | – | met | 1000.0 MB | 1600.0 MB | 1500.0 MB | met |",
		"| 1000 plans | 1000 | 5 | 100.0 ms | 120.0 ms | – | met | – | – | 150.0 MB | not measured on this OS | – | – |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("replica table lacks\n%s\n%s", want, got)
		}
	}
	if strings.Contains(got, "| 2000 plans |") {
		t.Errorf("a corpus whose replica was not started has a row:\n%s", got)
	}
	if replicaTable(results[4:]) != "" {
		t.Error("a run without replica starts has a replica table")
	}
}
