package main

import (
	"runtime/debug"
	"sync"
)

// collector holds the garbage collector's settings from before the
// imports running now (the tests run commands side by side in one
// process): n imports share one setting, and the last to end restores the
// one before.
var collector struct {
	sync.Mutex
	n     int
	pct   int
	limit int64
}

// collectLess turns the garbage collector off, up to a memory limit of
// limit bytes, until the returned function is called. What an import reads
// stays live until it is stored, so a collection while reading frees
// little and costs the time to mark it all: the 100 000-parcel import of
// BENCHMARKS.md §1 takes about a tenth less time without, at the same peak
// memory. Nothing changes when limit is not positive.
func collectLess(limit int64) (restore func()) {
	if limit <= 0 {
		return func() {}
	}
	collector.Lock()
	defer collector.Unlock()
	if collector.n == 0 {
		collector.pct = debug.SetGCPercent(-1)
		collector.limit = debug.SetMemoryLimit(limit)
	}
	collector.n++
	return func() {
		collector.Lock()
		defer collector.Unlock()
		if collector.n--; collector.n == 0 {
			debug.SetMemoryLimit(collector.limit)
			debug.SetGCPercent(collector.pct)
		}
	}
}
