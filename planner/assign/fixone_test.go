package assign

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestFixToOneKeepsBetterAssignments checks reduced-cost fixing to 1
// against enumeration: at random multipliers and an incumbent value z
// below the optimum, every feasible assignment that leaves out a pair
// fixed to 1 is worth at most solver.excluded (the bound kept for the part
// of the search left out), and when the fixings conflict every feasible
// assignment is. It also checks that the tests do fix pairs.
func TestFixToOneKeepsBetterAssignments(t *testing.T) {
	fixed, conflicts := 0, 0
	for seed := uint64(0); seed < 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 12))
		p := tinyProblem(rng, 12)
		opt, feasible := bruteForce(p)
		if !feasible {
			continue
		}
		forced := make([]int32, len(p.Forced))
		for j, q := range p.Forced {
			forced[j] = int32(q)
		}
		var zero []bool
		if len(p.Forbidden) > 0 {
			zero = make([]bool, len(p.Pairs))
			for _, q := range p.Forbidden {
				zero[q] = true
			}
		}
		m, cf := rawModel(p).restrict(forced, zero)
		if cf != nil || len(m.pItem) == 0 {
			continue
		}
		s := &solver{ctx: context.Background(), set: (&Settings{}).withDefaults(), start: time.Now(),
			deadline: time.Now().Add(time.Minute), bound: math.Inf(1)}
		s.incVal = opt - rng.Float64()*0.3*math.Max(1, math.Abs(opt))
		a := newMults(m)
		for i := range a.u {
			a.u[i] = rng.Float64() * 6
		}
		for k := range a.lam {
			a.lam[k] = rng.Float64() * 2
		}
		for g := range a.mu {
			a.mu[g] = rng.Float64() * 2
		}
		d := newDual(m, 1)
		ones, ok := s.fixToOne(d, d.eval(a))
		fixed += len(ones)
		if !ok {
			conflicts++
		}
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			n := len(p.Pairs)
			for mask := 0; mask < 1<<n; mask++ {
				var chosen []int
				val := 0.0
				on := make([]bool, n)
				for j := 0; j < n; j++ {
					if mask&(1<<j) != 0 {
						chosen = append(chosen, j)
						val += p.Pairs[j].Value
						on[j] = true
					}
				}
				if check(p, chosen, val) != nil {
					continue
				}
				out := !ok
				for _, q := range ones {
					out = out || !on[m.orig[q]]
				}
				if out && (!s.hasExcluded || val > s.excluded+1e-9*math.Max(1, math.Abs(val))) {
					t.Fatalf("assignment %v worth %v leaves out a pair fixed to 1 (%v, ok %v); bound kept %v, incumbent %v",
						chosen, val, ones, ok, s.excluded, s.incVal)
				}
			}
		})
	}
	if fixed < 20 {
		t.Errorf("only %d pairs fixed to 1 over all instances: the test checks too little", fixed)
	}
	t.Logf("%d pairs fixed to 1, %d conflicts", fixed, conflicts)
}
