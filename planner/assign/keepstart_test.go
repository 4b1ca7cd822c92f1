package assign

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKeepStartSolvesToOptimum: with Settings.KeepStart the root builds
// no greedy start of its own, so a poor start (one pair) is the first
// incumbent; the run still proves the brute-force optimum, never returns
// less than the start, and a bound at least the optimum.
func TestKeepStartSolvesToOptimum(t *testing.T) {
	for seed := uint64(0); seed < 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 13))
		p := tinyProblem(rng, 10)
		opt, feasible := bruteForce(p)
		if !feasible || len(p.Pairs) == 0 {
			continue
		}
		start := []int{rng.IntN(len(p.Pairs))}
		_, startVal := feasibleStart(p, start)
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			tol := 1e-9 * math.Max(1, math.Abs(opt))
			res, err := SolveFrom(context.Background(), p, &Settings{TargetGap: -1, KeepStart: true}, start)
			if err != nil {
				t.Fatal(err)
			}
			if err := check(p, res.Chosen, res.Objective); err != nil {
				t.Fatal(err)
			}
			if res.Status != Optimal || math.Abs(res.Objective-opt) > tol {
				t.Fatalf("status %v objective %v, brute force %v", res.Status, res.Objective, opt)
			}
			if res.Objective < startVal-tol || res.Bound < opt-tol {
				t.Fatalf("objective %v below the start %v or bound %v below the optimum %v", res.Objective, startVal, res.Bound, opt)
			}
		})
	}
}

// rootReference is a generated instance (land pressure 2) and its
// solution stopped at the root (one node).
func rootReference(t *testing.T) (*Problem, *Result) {
	t.Helper()
	p, err := GenerateInstance(InstanceConfig{Bins: 200, Items: 60, Candidates: 30, LandPressure: 2, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Solve(context.Background(), p, &Settings{NodeLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return p, ref
}

// TestKeepStartKeepsGoodStart: on a generated instance stopped at the
// root (one node), a good start kept with KeepStart gives a feasible plan
// at least as good as the start and a bound at least the plan's value.
func TestKeepStartKeepsGoodStart(t *testing.T) {
	p, ref := rootReference(t)
	_, startVal := feasibleStart(p, ref.Chosen)
	keep, err := SolveFrom(context.Background(), p, &Settings{NodeLimit: 1, KeepStart: true}, ref.Chosen)
	if err != nil {
		t.Fatal(err)
	}
	if err := check(p, keep.Chosen, keep.Objective); err != nil {
		t.Fatal(err)
	}
	if keep.Objective < startVal-1e-9 || keep.Bound < keep.Objective-1e-9 {
		t.Fatalf("kept start %v, result %v, bound %v", startVal, keep.Objective, keep.Bound)
	}
}

// TestKeepStartStandsOnceGapProven: a kept start well below the optimum,
// whose value the root's bound proves within a wide target gap
// at once, is the result as it is: no heuristic runs to improve on it
// once the gap is proven (before, phase 2's first heuristic did).
func TestKeepStartStandsOnceGapProven(t *testing.T) {
	p, ref := rootReference(t)
	// The start: the reference's more valuable half.
	start := slices.Clone(ref.Chosen)
	slices.SortFunc(start, func(a, b int) int { return cmp.Compare(p.Pairs[b].Value, p.Pairs[a].Value) })
	start = start[:len(start)/2]
	_, startVal := feasibleStart(p, start)
	if startVal >= ref.Objective {
		t.Fatalf("start %v not below the reference %v", startVal, ref.Objective)
	}
	keep, err := SolveFrom(context.Background(), p, &Settings{TargetGap: 0.6, KeepStart: true}, start)
	if err != nil {
		t.Fatal(err)
	}
	if keep.Status != GapReached || keep.Gap > 0.6 {
		t.Fatalf("status %v gap %v, want the 60%% gap proven", keep.Status, keep.Gap)
	}
	if keep.Objective != startVal {
		t.Fatalf("objective %v, want the kept start's %v (reference %v)", keep.Objective, startVal, ref.Objective)
	}
	// Without KeepStart the root's own heuristics improve on it.
	warm, err := SolveFrom(context.Background(), p, &Settings{TargetGap: 0.6}, start)
	if err != nil {
		t.Fatal(err)
	}
	if warm.Objective <= startVal {
		t.Fatalf("without KeepStart: objective %v, not above the start %v", warm.Objective, startVal)
	}
}
