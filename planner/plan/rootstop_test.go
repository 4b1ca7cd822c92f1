package plan_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// TestStoppedBeforeTheRootDual checks that a run stopped before its
// root's dual gave a bound (here by an iteration limit of 1: the first
// phase takes it) is still a plan: stored with its finite bound, and no
// marginal values where the multipliers were never evaluated.
func TestStoppedBeforeTheRootDual(t *testing.T) {
	parcels, proposals := loadSample(t)
	in := plan.Input{Parcels: parcels, Proposals: proposals, Profile: policy.Default()}
	p, err := plan.Run(context.Background(), in, &plan.Settings{TimeLimit: time.Minute, IterationLimit: 1, Flips: -1})
	if err != nil {
		t.Fatalf("a run stopped at the root: %v", err)
	}
	if p.Stopped != plan.StoppedIterationLimit || math.IsInf(p.Bound, 0) || math.IsNaN(p.Bound) || p.Bound < p.Objective {
		t.Errorf("stopped %q, objective %v, bound %v", p.Stopped, p.Objective, p.Bound)
	}
	for _, m := range p.Marginal {
		if math.IsInf(m.DualBound, 0) || math.IsInf(m.PerMu, 0) {
			t.Errorf("marginal value of %s from multipliers never evaluated: %+v", m.Constraint, m)
		}
	}
	if p.ContentSHA256 == "" {
		t.Errorf("the plan has no content hash")
	}
}
