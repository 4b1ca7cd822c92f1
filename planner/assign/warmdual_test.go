package assign

import (
	"context"
	"math"
	"testing"
)

// TestWarmDualStart: a run started from a neighbouring problem's duals
// (Settings.WarmSide, WarmItems) and plan proves a bound that is still a
// bound (never below what either run found), returns a feasible plan, and
// gets within the target gap in fewer dual iterations than a cold run;
// junk multipliers (negative, NaN, infinite, too few, too many) change
// nothing of that.
func TestWarmDualStart(t *testing.T) {
	p, err := GenerateInstance(InstanceConfig{Bins: 300, Items: 120, Candidates: 30, LandPressure: 2, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Side) == 0 {
		t.Fatal("the instance has no side constraint")
	}
	set := &Settings{NodeLimit: 1, TargetGap: 0.01}
	base, err := Solve(context.Background(), p, set)
	if err != nil {
		t.Fatal(err)
	}
	d := base.Duals
	if d == nil || len(d.Items) != p.Items {
		t.Fatalf("no duals: %+v", d)
	}
	colder, warmer := 0, 0
	for _, f := range []float64{1.05, 1.1, 1.2} {
		q := *p
		q.Side = append([]Constraint{}, p.Side...)
		q.Side[0].Capacity = p.Side[0].Capacity * f
		cold, err := Solve(context.Background(), &q, set)
		if err != nil {
			t.Fatal(err)
		}
		ws := *set
		ws.WarmSide, ws.WarmItems = d.Side, d.Items
		warm, err := SolveFrom(context.Background(), &q, &ws, base.Chosen)
		if err != nil {
			t.Fatal(err)
		}
		if err := check(&q, warm.Chosen, warm.Objective); err != nil {
			t.Fatalf("capacity × %g: the warm run's plan: %v", f, err)
		}
		best := math.Max(cold.Objective, warm.Objective)
		for name, r := range map[string]*Result{"cold": cold, "warm": warm} {
			if r.Bound < best-1e-9*best {
				t.Errorf("capacity × %g: the %s run's bound %g is below a plan worth %g", f, name, r.Bound, best)
			}
		}
		if warm.Gap > set.TargetGap {
			t.Errorf("capacity × %g: the warm run ended at gap %g (%v)", f, warm.Gap, warm.Status)
		}
		t.Logf("capacity × %g: iterations cold %d, warm %d; objective %g / %g, bound %g / %g",
			f, cold.Stats.Iterations, warm.Stats.Iterations, cold.Objective, warm.Objective, cold.Bound, warm.Bound)
		colder += cold.Stats.Iterations
		warmer += warm.Stats.Iterations
	}
	if warmer >= colder {
		t.Errorf("warm runs took %d dual iterations in all, cold ones %d", warmer, colder)
	}

	junk := [][]float64{
		{-1, math.NaN(), math.Inf(1), -math.Inf(1)},
		nil,
		make([]float64, len(p.Side)+p.Items+5),
	}
	junk[2][0] = 1e9
	for n, j := range junk {
		ws := *set
		ws.WarmSide = append(append([]float64{}, j...), 0)
		ws.WarmItems = append([]float64{math.NaN(), -3, math.Inf(1)}, j...)
		r, err := SolveFrom(context.Background(), p, &ws, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := check(p, r.Chosen, r.Objective); err != nil || r.Bound < base.Objective-1e-9*base.Objective {
			t.Errorf("junk start %d: bound %g below the plan %g, or infeasible: %v", n, r.Bound, base.Objective, err)
		}
	}
}
