package assign_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/landplan/landplan/planner/assign"
)

// TestSameSearchWhateverMemoryHeld checks that the memory the process
// holds besides a run does not change the run's search under a budget:
// the demo's 1300 亩 model (where the LP tree runs beside the Lagrangian
// one) solved with the same budget and node limit, once as it is and once
// with most of the budget held by something else, gives the same plan,
// bound and node counts.
func TestSameSearchWhateverMemoryHeld(t *testing.T) {
	p, err := readMPS("testdata/demo-quota-1300.mps")
	if err != nil {
		t.Fatal(err)
	}
	const budget = 768 << 20
	solve := func() *assign.Result {
		res, err := assign.Solve(context.Background(), p, &assign.Settings{NodeLimit: 1500, TimeLimit: 5 * time.Minute, TargetGap: 1e-9, MaxMemory: budget})
		if err != nil {
			t.Fatal(err)
		}
		if res.Stopped == assign.StoppedMemoryLimit {
			t.Fatalf("the run reached its memory budget")
		}
		return res
	}
	free := solve()
	runtime.GC()
	base := assign.MemoryInUse()
	// Held: all of the budget but 48 MiB besides what the process held.
	held := make([]byte, budget-base-48<<20)
	for i := range held {
		if i%4096 == 0 {
			held[i] = 1
		}
	}
	runtime.GC()
	heldRes := solve()
	runtime.KeepAlive(held)
	if free.Objective != heldRes.Objective || free.Bound != heldRes.Bound || free.Stats.Nodes != heldRes.Stats.Nodes || free.Stats.LPNodes != heldRes.Stats.LPNodes {
		t.Errorf("with %d MiB held: objective %.8f, bound %.8f, %d nodes (%d LP); without: %.8f, %.8f, %d (%d)",
			len(held)>>20, heldRes.Objective, heldRes.Bound, heldRes.Stats.Nodes, heldRes.Stats.LPNodes,
			free.Objective, free.Bound, free.Stats.Nodes, free.Stats.LPNodes)
	}
	if free.Stats.LPNodes == 0 {
		t.Errorf("the LP tree did not run: the test shows nothing")
	}
	t.Logf("%d nodes (%d LP), bound %.8f; %d MiB in use before, %d MiB held", free.Stats.Nodes, free.Stats.LPNodes, free.Bound, base>>20, len(held)>>20)
}
