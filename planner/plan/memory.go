package plan

import (
	"runtime"
	"runtime/metrics"
	"unsafe"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/rules"
)

// goMemory is the memory the run's data holds, counted as the
// optimiser counts it (assign.MemoryInUse): garbage waiting for the
// collector does not count, so decisions taken near the budget do not
// depend on how far the collector has got.
func goMemory() int64 { return assign.MemoryInUse() }

// pairArrayBytes is what one candidate pair takes in the builder's
// arrays of pairs (the assessment, its proposal and parcel indices).
const pairArrayBytes = int64(unsafe.Sizeof(rules.PairAssessment{})) + 2*int64(unsafe.Sizeof(int(0)))

// minProjected is the share of the proposals assessed before the guard
// projects the whole model's memory from them.
const minProjected = 0.05

// alwaysPrice makes every run under a budget that can price its pairs
// price them (the guard refuses the first proposal), whatever the memory
// in use: tests turn it on to compare priced runs that do not depend on
// it.
var alwaysPrice = false

// memoryGuard keeps the building of the model within the run's memory
// budget: it stops the build with an error that names the budget and how
// far the build got, before the solver starts and before the operating
// system has to step in.
type memoryGuard struct {
	budget int64 // bytes; 0: none
	base   int64 // memory when the build started
	// collected is the raw memory at the last collection the guard
	// asked for.
	collected int64
}

// used is the memory in use (goMemory). goMemory counts the heap as its
// live size at the last collection, which says nothing of what was built
// since: when the raw figure (garbage included) with growth reaches the
// budget and the live one does not, the guard has the collector run
// once and measures again — at most once for every sixteenth of the
// budget the raw figure grows — so that whether a build keeps to its
// budget does not depend on when the collector last ran.
func (g *memoryGuard) used(growth int64) int64 {
	used := goMemory()
	if used+growth >= g.budget {
		return used
	}
	raw := rawMemory()
	if raw+growth >= g.budget && raw-g.collected > g.budget/16 {
		runtime.GC()
		g.collected = raw
		used = goMemory()
	}
	return used
}

// rawMemory is what the Go runtime holds from the system, garbage and
// free spans included.
func rawMemory() int64 {
	ms := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(ms)
	return int64(ms[0].Value.Uint64()) - int64(ms[1].Value.Uint64())
}

// start records the memory before the build.
func (g *memoryGuard) start() {
	if g.budget > 0 {
		g.base = goMemory()
	}
}

// check returns a KindLimit error, after done of total proposals with
// pairs candidate pairs held in arrays of capacity capPairs (0: arrays
// that no longer grow), when the
// memory in use and the next growth of those arrays reach the budget, or
// when, from a twentieth of the proposals on, the memory the pairs so far
// took, scaled to all proposals, would.
func (g *memoryGuard) check(done, total, pairs, capPairs int) error {
	if g.budget <= 0 {
		return nil
	}
	if alwaysPrice {
		return planner.Errorf(planner.KindLimit, "plan: the pairs are priced, not held, whatever the budget (a test's setting)")
	}
	growth := int64(0)
	if capPairs > 0 && capPairs-pairs < capPairs/8+1 {
		// An append copies the arrays into ones a quarter or more larger,
		// the old ones still held.
		growth = int64(capPairs) * pairArrayBytes * 5 / 4
	}
	used := g.used(growth)
	if used+growth >= g.budget {
		return planner.Errorf(planner.KindLimit,
			"plan: building the model reached the memory budget of %d MiB (--max-memory): %d candidate pairs after %d of %d proposals take %d MiB; nothing was solved or stored. Raise the budget, or narrow the land each proposal may use (fewer eligible parcels per proposal)",
			g.budget>>20, pairs, done, total, used>>20)
	}
	// The room left in the pair arrays is filled, not grown: it is not
	// scaled with the rest.
	spare := int64(max(0, capPairs-pairs)) * pairArrayBytes
	if done > 0 && done < total && float64(done) >= minProjected*float64(total) && used-spare > g.base {
		projected := g.base + (used-spare-g.base)*int64(total)/int64(done)
		if projected >= g.budget {
			return planner.Errorf(planner.KindLimit,
				"plan: the model would exceed the memory budget of %d MiB (--max-memory): the first %d of %d proposals have %d candidate pairs taking %d MiB, about %d MiB for all of them; nothing was solved or stored. Raise the budget, or narrow the land each proposal may use (fewer eligible parcels per proposal)",
				g.budget>>20, done, total, pairs, (used-g.base)>>20, projected>>20)
		}
	}
	return nil
}
