package build

import (
	"runtime/metrics"
	"time"

	"github.com/planportal/planportal/generator/internal/cputime"
)

// StageCost is what one stage of a build cost the process, to tell the collector's part of
// its CPU from the program's own work and the kernel's (issue 16: at 50,000 plans the build's
// system time was 21x the 5,000-plan build's, its user time 15.6x, and nothing said which
// stage, or whether the collector at the memory limit, made up the difference).
type StageCost struct {
	// User and Sys are the process's user and system CPU time in the stage (all threads:
	// cputime.ProcessSplit); together they are the stage's entry in StageCPU.
	User time.Duration `json:"user"`
	Sys  time.Duration `json:"sys"`
	// GCCycles is how many collections ended in the stage (/gc/cycles/total:gc-cycles).
	GCCycles uint64 `json:"gc_cycles"`
	// GC is the collector's CPU time in the stage (/cpu/classes/gc/total:cpu-seconds: its
	// workers, the assists charged to the program's goroutines and its pauses times
	// GOMAXPROCS), and Scavenge the scavenger's, which gives free memory back to the system
	// (/cpu/classes/scavenge/total:cpu-seconds; near the memory limit it works harder, and
	// its madvise calls are system time). The runtime adds a collection's CPU time when it
	// ends, so one that spans two stages counts in the later. Both are the runtime's
	// estimates, the time its processors spent on the work whether their threads had a core
	// or not: on a loaded machine they pass the CPU time the kernel counts (a 5,000-plan
	// render at load 13-15 showed 25.6 s of collector's time for 25.1 s of user time), so
	// compare them between runs at the same load, and read GCCycles and Live beside them.
	GC       time.Duration `json:"gc"`
	Scavenge time.Duration `json:"scavenge"`
	// Live is the heap the last collection before the stage's end found live
	// (/gc/heap/live:bytes), no collection forced for it.
	Live uint64 `json:"live"`
}

// CPU is the stage's user and system CPU time together.
func (c StageCost) CPU() time.Duration { return c.User + c.Sys }

// StageCosts are a build's StageCost by stage (Timings.Stages).
type StageCosts struct {
	Load, Analyse, Render, Index, Publish StageCost
}

// CPU is the stages' CPU times (Timings.CPU).
func (s StageCosts) CPU() StageCPU {
	return StageCPU{Load: s.Load.CPU(), Analyse: s.Analyse.CPU(), Render: s.Render.CPU(), Index: s.Index.CPU(), Publish: s.Publish.CPU()}
}

// Sum is the stages' costs added up (Live is the last stage's that has one).
func (s StageCosts) Sum() StageCost {
	var t StageCost
	for _, c := range []StageCost{s.Load, s.Analyse, s.Render, s.Index, s.Publish} {
		t.User += c.User
		t.Sys += c.Sys
		t.GCCycles += c.GCCycles
		t.GC += c.GC
		t.Scavenge += c.Scavenge
		if c.Live > 0 {
			t.Live = c.Live
		}
	}
	return t
}

// meter reads what a build has cost so far; lap returns the cost since the last lap (or the
// meter's making). It is the one place a build's stages are measured.
type meter struct {
	last    StageCost // the totals at the last lap, Live aside
	samples []metrics.Sample
}

var meterMetrics = []string{"/gc/cycles/total:gc-cycles", "/cpu/classes/gc/total:cpu-seconds",
	"/cpu/classes/scavenge/total:cpu-seconds", "/gc/heap/live:bytes"}

func newMeter() *meter {
	m := &meter{samples: make([]metrics.Sample, len(meterMetrics))}
	for i, name := range meterMetrics {
		m.samples[i].Name = name
	}
	m.last = m.read()
	return m
}

// read is the process's totals so far, and the heap live now.
func (m *meter) read() StageCost {
	user, sys := cputime.ProcessSplit()
	metrics.Read(m.samples)
	c := StageCost{User: time.Duration(user), Sys: time.Duration(sys)}
	if v := m.samples[0].Value; v.Kind() == metrics.KindUint64 {
		c.GCCycles = v.Uint64()
	}
	if v := m.samples[1].Value; v.Kind() == metrics.KindFloat64 {
		c.GC = seconds(v.Float64())
	}
	if v := m.samples[2].Value; v.Kind() == metrics.KindFloat64 {
		c.Scavenge = seconds(v.Float64())
	}
	if v := m.samples[3].Value; v.Kind() == metrics.KindUint64 {
		c.Live = v.Uint64()
	}
	return c
}

// lap returns the cost since the last lap, with the heap live now.
func (m *meter) lap() StageCost {
	now := m.read()
	d := StageCost{User: now.User - m.last.User, Sys: now.Sys - m.last.Sys, GCCycles: now.GCCycles - m.last.GCCycles,
		GC: now.GC - m.last.GC, Scavenge: now.Scavenge - m.last.Scavenge, Live: now.Live}
	m.last = now
	return d
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
