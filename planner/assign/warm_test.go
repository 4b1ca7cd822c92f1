package assign

import (
	"context"
	"testing"
)

// TestSolveFrom: a start with pairs out of range, infeasible together or
// from another problem is cut down to an assignment that fits; the result
// is feasible, at least as good as what was kept of the start, and the
// side multipliers bound the optimum at other capacities as Duals says.
func TestSolveFrom(t *testing.T) {
	p, err := GenerateInstance(InstanceConfig{Bins: 200, Items: 60, Candidates: 30, LandPressure: 2, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Side) == 0 {
		t.Fatal("the instance has no side constraint")
	}
	set := &Settings{NodeLimit: 50}
	base, err := Solve(context.Background(), p, set)
	if err != nil {
		t.Fatal(err)
	}
	// Every pair, some twice, and indices out of range: far from feasible.
	start := []int{-1, len(p.Pairs), len(p.Pairs) + 7}
	for q := range p.Pairs {
		start = append(start, q, q)
	}
	kept, v := feasibleStart(p, start)
	if err := check(p, kept, v); err != nil || len(kept) == 0 {
		t.Fatalf("the kept start is not a feasible assignment (%d pairs): %v", len(kept), err)
	}
	res, err := SolveFrom(context.Background(), p, set, start)
	if err != nil {
		t.Fatal(err)
	}
	if err := check(p, res.Chosen, res.Objective); err != nil || res.Objective < v-1e-9 {
		t.Fatalf("SolveFrom: objective %g below its start %g, or infeasible: %v", res.Objective, v, err)
	}
	// From the optimum's own plan the search starts at the optimum.
	again, err := SolveFrom(context.Background(), p, set, base.Chosen)
	if err != nil || again.Objective < base.Objective-1e-9 {
		t.Fatalf("SolveFrom its own solution: %v, objective %g < %g", err, again.Objective, base.Objective)
	}

	d := base.Duals
	if d == nil || len(d.Side) != len(p.Side) || d.Bound < base.Bound-1e-9 {
		t.Fatalf("duals %+v for bound %g", d, base.Bound)
	}
	for k, c := range p.Side {
		for _, f := range []float64{0.8, 0.9, 1.1, 1.25} {
			q := *p
			q.Side = append([]Constraint{}, p.Side...)
			q.Side[k].Capacity = c.Capacity * f
			r, err := Solve(context.Background(), &q, set)
			if err != nil {
				t.Fatal(err)
			}
			delta := q.Side[k].Capacity - c.Capacity
			if lim := d.Bound + d.Side[k]*delta; r.Objective > lim+1e-9*lim {
				t.Errorf("side %d × %g: objective %g above the dual's promise %g (λ %g)", k, f, r.Objective, lim, d.Side[k])
			}
		}
	}
}
