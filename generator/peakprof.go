package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// watchPeak writes a heap profile to path each time the heap live after a garbage collection
// grows by an eighth past its largest so far, so that the last one written shows what was
// live at the peak (within an eighth); the returned func stops it. It reads runtime/metrics,
// which does not stop the world, every 50 ms, and logs the figures with the process's
// /proc/self/statm (resident pages second) to path.log: the live heap, the heap goal, all
// the memory Go has mapped, and of it what is released to the OS, free but kept (not yet
// scavenged), unused in spans that hold objects, and held by objects, so that a peak of
// resident memory can be told apart as live data, garbage not yet collected, or memory the
// runtime keeps. Each profile is taken after a forced collection, so that it holds what is
// live and not garbage not yet swept: a diagnostic only, it slows the build down.
//
// It also writes a profile to path.rss, without a collection of its own, each time the
// process's resident memory grows by a sixteenth past its largest so far (where
// /proc/self/statm can be read): the live heap's peak and the resident peak are not the same
// moment (the live heap peaks in the render, the resident memory can peak in the index's
// phase, where the collector runs less often), and it is the resident peak a build's memory
// is judged by (issue 16).
func watchPeak(path string) func() {
	quit, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"}, {Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"},
			{Name: "/memory/classes/heap/free:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
		logf, _ := os.Create(path + ".log")
		defer logf.Close()
		start := time.Now()
		var peak, peakRSS uint64
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			statm, _ := os.ReadFile("/proc/self/statm")
			if logf != nil {
				fmt.Fprintf(logf, "%.2f live=%d goal=%d gomem=%d released=%d free=%d unused=%d objects=%d statm=%s", time.Since(start).Seconds(), sample[0].Value.Uint64()>>20, sample[1].Value.Uint64()>>20, sample[2].Value.Uint64()>>20, sample[3].Value.Uint64()>>20,
					sample[4].Value.Uint64()>>20, sample[5].Value.Uint64()>>20, sample[6].Value.Uint64()>>20, statm)
			}
			// The resident pages (statm's second field) past their largest by a sixteenth:
			// a profile of what is live when the process is largest, to path.rss.
			var size, rss uint64
			if _, err := fmt.Sscan(string(statm), &size, &rss); err == nil && rss > peakRSS+peakRSS/16 {
				peakRSS = rss
				if out, err := os.Create(path + ".rss"); err == nil {
					pprof.WriteHeapProfile(out)
					out.Close()
				}
			}
			if live := sample[0].Value.Uint64(); live > peak+peak/8 {
				peak = live
				runtime.GC()
				if out, err := os.Create(path); err == nil {
					pprof.WriteHeapProfile(out)
					out.Close()
				}
			}
		}
	}()
	return func() { close(quit); <-stopped }
}
