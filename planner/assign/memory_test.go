package assign_test

import (
	"context"
	"math"
	"testing"

	"github.com/landplan/landplan/planner/assign"
)

// A memory budget the run reaches ends it like a limit: a feasible
// assignment, a valid bound and the reason "memory limit".
func TestMemoryLimit(t *testing.T) {
	p := smallInstance(t, 1, 11)
	opt := cbcOptimum(t, p)
	res, err := assign.Solve(context.Background(), p, &assign.Settings{MaxMemory: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stopped != assign.StoppedMemoryLimit || res.Status != assign.IterationLimit {
		t.Fatalf("stopped by %v with status %v, want memory limit and iteration limit", res.Stopped, res.Status)
	}
	if err := feasible(p, res.Chosen); err != nil {
		t.Fatal(err)
	}
	if res.Bound < opt-1e-9*math.Abs(opt) || res.Objective > opt+1e-9*math.Abs(opt) {
		t.Errorf("objective %v, bound %v, cbc's optimum %v", res.Objective, res.Bound, opt)
	}
	// No budget: the same instance is proven optimal.
	full, err := assign.Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if full.Stopped == assign.StoppedMemoryLimit || math.Abs(full.Objective-opt) > 1e-6*math.Abs(opt) {
		t.Errorf("without a budget: stopped by %v at %v, cbc %v", full.Stopped, full.Objective, opt)
	}
}

// The node limit 1 solves the root only, to its end: the root's bound is
// proven and finite.
func TestNodeLimitRootOnly(t *testing.T) {
	p := smallInstance(t, 1, 11)
	res, err := assign.Solve(context.Background(), p, &assign.Settings{NodeLimit: 1, TargetGap: -1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stopped != assign.StoppedNodeLimit || res.Stats.Nodes != 1 || math.IsInf(res.Bound, 0) || math.IsInf(res.Stats.RootBound, 0) ||
		res.Stats.RootBound < res.Bound || res.Stats.Iterations < 50 {
		t.Errorf("stopped by %v after %d nodes, %d iterations; bound %v, root bound %v", res.Stopped, res.Stats.Nodes, res.Stats.Iterations, res.Bound, res.Stats.RootBound)
	}
}
