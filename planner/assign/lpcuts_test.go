package assign_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/landplan/landplan/planner/assign"
)

// TestLPCutBoundAgainstCBC checks on 24 small instances on which our branch
// and bound branches (land pressure 2 and 3) that the LP bound with
// Gomory and cover cuts, on the whole model and as Solve computes it after
// root fixing, is never below cbc's proven optimum.
func TestLPCutBoundAgainstCBC(t *testing.T) {
	n := 0
	for _, pressure := range []float64{2, 3} {
		for seed := uint64(1); seed <= 12; seed++ {
			t.Run(fmt.Sprintf("pressure %v seed %d", pressure, seed), func(t *testing.T) {
				p := smallInstance(t, pressure, seed)
				opt := cbcOptimum(t, p)
				tol := 1e-9 * math.Max(1, math.Abs(opt))
				b := assign.LPCutBound(p)
				if math.IsInf(b, 0) || math.IsNaN(b) {
					t.Fatalf("no LP bound: %v", b)
				}
				if b < opt-tol {
					t.Errorf("LP bound %.9f below cbc's optimum %.9f", b, opt)
				}
				res, err := assign.Solve(context.Background(), p, nil)
				if err != nil {
					t.Fatal(err)
				}
				if res.Stats.LPBound < opt-tol || res.Bound < opt-tol {
					t.Errorf("root LP bound %.9f, bound %.9f, cbc's optimum %.9f", res.Stats.LPBound, res.Bound, opt)
				}
				t.Logf("optimum %.6f, LP bound %.6f (whole model), %.6f (after root fixing), Lagrangian root %.6f",
					opt, b, res.Stats.LPBound, res.Stats.RootBound)
				n++
			})
		}
	}
	if n < 20 {
		t.Errorf("only %d instances checked", n)
	}
}
