package plan

import (
	"runtime/metrics"

	"github.com/landplan/landplan/planner"
)

// goMemory is the memory the Go runtime holds from the system: all its
// classes less what it has released to the system.
func goMemory() int64 {
	ms := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(ms)
	return int64(ms[0].Value.Uint64()) - int64(ms[1].Value.Uint64())
}

// memoryGuard stops the building of the model when the process reaches
// the run's memory budget, with an error that names the budget and how
// far the build got, before the solver has started and before the
// operating system has to step in.
type memoryGuard struct {
	budget int64 // bytes; 0: none
}

// check returns a KindLimit error when the budget is reached after done
// of total proposals with pairs candidate pairs.
func (g memoryGuard) check(done, total, pairs int) error {
	if g.budget <= 0 {
		return nil
	}
	if used := goMemory(); used >= g.budget {
		return planner.Errorf(planner.KindLimit,
			"plan: the candidate pairs reached the memory budget of %d MiB (--max-memory) while the model was built: %d pairs after %d of %d proposals, %d MiB in use; nothing was solved or stored. Raise the budget, or narrow the land each proposal may use (fewer eligible parcels per proposal)",
			g.budget>>20, pairs, done, total, used>>20)
	}
	return nil
}
