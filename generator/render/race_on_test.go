//go:build race

package render

// raceEnabled: under the race detector sync.Pool drops a share of what is put back on purpose,
// so a pooled buffer is made again now and then and allocation counts say nothing.
const raceEnabled = true
