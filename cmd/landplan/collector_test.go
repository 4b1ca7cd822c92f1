package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestCollectLess checks that imports turn the collector off under a
// memory limit, that overlapping imports share it, and that the last to
// end restores the settings from before.
func TestCollectLess(t *testing.T) {
	pct := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	defer func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	}()
	gc := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	if r := collectLess(0); gc() != 100 {
		t.Fatalf("collectLess(0) changed the collector")
	} else {
		r()
	}
	first := collectLess(1 << 30)
	second := collectLess(2 << 30)
	if gc() != -1 || debug.SetMemoryLimit(-1) != 1<<30 {
		t.Fatalf("during two imports: GC percent %d, limit %d; want off and the first's limit", gc(), debug.SetMemoryLimit(-1))
	}
	first()
	if gc() != -1 {
		t.Fatalf("the collector came back on while an import still ran")
	}
	second()
	if gc() != 100 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Fatalf("after the imports: GC percent %d, limit %d; want 100 and no limit", gc(), debug.SetMemoryLimit(-1))
	}
}
