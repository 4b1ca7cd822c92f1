package plan_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// runWith plans the sample with the overrides, the solver bounded by a
// node limit so that the run is the same on any machine.
func runWith(t *testing.T, overrides ...string) *plan.Plan {
	t.Helper()
	parcels, proposals := loadSample(t)
	prof, err := plan.ApplyScenario(policy.Default(), plan.Scenario{Name: "fd", Overrides: overrides})
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Run(context.Background(), plan.Input{Parcels: parcels, Proposals: proposals, Profile: prof},
		&plan.Settings{TimeLimit: testTimeLimit, NodeLimit: 300, Flips: -1})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMarginalValuesAgainstFiniteDifferences checks the marginal value of
// the planning year's quota and of a zone cap against plans made with the
// capacity δ 亩 higher and lower: what the dual promises (the best
// objective at C+δ is at most DualBound + PerMu·δ) must hold for the
// plans found there, so the finite differences, widened by the proven
// gap at C, bracket PerMu:
//
//	(obj(C+δ) − DualBound)/δ ≤ PerMu ≤ (DualBound − obj(C−δ))/δ.
func TestMarginalValuesAgainstFiniteDifferences(t *testing.T) {
	const zone = "柳州国家高新区"
	for _, c := range []struct {
		name     string
		base     []string
		key      string
		at, step float64
	}{
		{"quota", nil, "quota.new_land_mu", 1200, 100},
		{"quota-small-step", nil, "quota.new_land_mu", 1200, 30},
		{"zone-cap", []string{"quota.zone_caps." + zone + "=400"}, "quota.zone_caps." + zone, 400, 60},
	} {
		t.Run(c.name, func(t *testing.T) {
			with := func(v float64) []string {
				return append(append([]string{}, c.base...), fmt.Sprintf("%s=%g", c.key, v))
			}
			p := runSample(t, with(c.at)...)
			var mv *plan.MarginalValue
			for i := range p.Marginal {
				if p.Marginal[i].Key == c.key {
					mv = &p.Marginal[i]
				}
			}
			if mv == nil {
				t.Fatalf("no marginal value of %s in %+v", c.key, p.Marginal)
			}
			if !mv.Binding || mv.PerMu <= 0 || !mv.BoundsRaise {
				t.Fatalf("%s at %g: %+v; want a binding row with a price", c.key, c.at, *mv)
			}
			if mv.DualBound < p.Bound-1e-9 || p.Bound < p.Objective-1e-9 {
				t.Fatalf("bounds out of order: objective %g, bound %g, dual bound %g", p.Objective, p.Bound, mv.DualBound)
			}
			up, down := runWith(t, with(c.at+c.step)...), runWith(t, with(c.at-c.step)...)
			lo := (up.Objective - mv.DualBound) / c.step
			hi := (mv.DualBound - down.Objective) / c.step
			t.Logf("%s at %g: per mu %.6g; finite differences up %.6g, down %.6g; bracket [%.6g, %.6g]",
				c.key, c.at, mv.PerMu, (up.Objective-p.Objective)/c.step, (p.Objective-down.Objective)/c.step, lo, hi)
			tol := 1e-9 * mv.DualBound / c.step
			if mv.PerMu < lo-tol || mv.PerMu > hi+tol {
				t.Errorf("%s: per mu %.6g outside [%.6g, %.6g] given by the plans at %g ± %g", c.key, mv.PerMu, lo, hi, c.at, c.step)
			}
			// More of the resource never lowers the best plan: the plans
			// above and below are ordered as their bounds allow.
			if up.Bound < p.Objective-1e-9 || p.Bound < down.Objective-1e-9 {
				t.Errorf("objectives not monotone within their bounds: %g/%g, %g/%g, %g/%g", down.Objective, down.Bound, p.Objective, p.Bound, up.Objective, up.Bound)
			}
		})
	}
}
