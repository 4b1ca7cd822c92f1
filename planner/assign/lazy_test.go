package assign_test

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/landplan/landplan/planner/assign"
)

// plainInstance is a generated instance without exclusive groups, forced
// or forbidden pairs: the problem GenerateLazy gives of the same config.
func plainInstance(t *testing.T, cfg assign.InstanceConfig) *assign.Problem {
	t.Helper()
	p, err := assign.GenerateInstance(cfg)
	if err != nil {
		t.Fatal(err)
	}
	p.Exclusive, p.Forced, p.Forbidden = nil, nil, nil
	return p
}

// lazyChosen maps a lazy result's assignment to p's pair indices by
// item and bin (a generated instance has one pair per item and bin),
// failing on a choice p has not.
func lazyChosen(t *testing.T, p *assign.Problem, res *assign.LazyResult) []int {
	t.Helper()
	index := map[[2]int]int{}
	for k, pr := range p.Pairs {
		index[[2]int{pr.Item, pr.Bin}] = k
	}
	var out []int
	sum := 0.0
	for _, c := range res.Chosen {
		if c.Ord < 0 {
			continue
		}
		k, ok := index[[2]int{c.Item, c.Bin}]
		if !ok {
			t.Fatalf("item %d: choice %+v is not a pair of the problem", c.Item, c)
		}
		if pr := p.Pairs[k]; pr.Value != c.Value || pr.Weight != c.Weight {
			t.Fatalf("item %d choice %d: %+v, the problem's pair %+v", c.Item, c.Ord, c, pr)
		}
		out = append(out, k)
		sum += c.Value
	}
	if math.Abs(sum-res.Objective) > 1e-9*math.Max(1, math.Abs(sum)) {
		t.Fatalf("objective %v, its choices sum to %v", res.Objective, sum)
	}
	return out
}

// TestGenerateLazyMatchesInstance checks that the lazy source gives the
// pairs and side terms GenerateInstance holds, each once, numbered 0, 1, …
// per item.
func TestGenerateLazyMatchesInstance(t *testing.T) {
	cfg := assign.InstanceConfig{Bins: 300, Items: 120, Candidates: 40, LandPressure: 2.5, Seed: 7}
	p := plainInstance(t, cfg)
	lp, err := assign.GenerateLazy(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if lp.Items != p.Items || len(lp.Bins) != len(p.Bins) || len(lp.Side) != len(p.Side) {
		t.Fatalf("sizes %d/%d/%d, want %d/%d/%d", lp.Items, len(lp.Bins), len(lp.Side), p.Items, len(p.Bins), len(p.Side))
	}
	for k := range p.Side {
		if lp.Side[k].Capacity != p.Side[k].Capacity {
			t.Errorf("side %d capacity %v, want %v", k, lp.Side[k].Capacity, p.Side[k].Capacity)
		}
	}
	coef := map[[2]int]float64{}
	for c, con := range p.Side {
		for _, tm := range con.Terms {
			coef[[2]int{tm.Pair, c}] = tm.Coef
		}
	}
	index := map[[2]int]int{}
	for k, pr := range p.Pairs {
		index[[2]int{pr.Item, pr.Bin}] = k
	}
	seen := make([]bool, len(p.Pairs))
	for i := 0; i < lp.Items; i++ {
		next := 0
		lp.Source.Pairs(i, func(ord int, pr assign.Pair, side []assign.Term) {
			if ord != next {
				t.Fatalf("item %d: ord %d after %d", i, ord, next-1)
			}
			next++
			k, ok := index[[2]int{pr.Item, pr.Bin}]
			if !ok || pr.Item != i || p.Pairs[k] != pr || seen[k] {
				t.Fatalf("item %d pair %d: %+v is not a pair of the held instance, or given twice", i, ord, pr)
			}
			seen[k] = true
			n := 0
			for _, tm := range side {
				if coef[[2]int{k, tm.Pair}] != tm.Coef {
					t.Fatalf("pair %d side %d coefficient %v, want %v", k, tm.Pair, tm.Coef, coef[[2]int{k, tm.Pair}])
				}
				n++
			}
			for c := range p.Side {
				if _, ok := coef[[2]int{k, c}]; ok {
					n--
				}
			}
			if n != 0 {
				t.Fatalf("pair %d: %d side terms, the held instance %d more", k, len(side), -n)
			}
		})
	}
	for k, ok := range seen {
		if !ok {
			t.Fatalf("the source did not give the instance's pair %d %+v", k, p.Pairs[k])
		}
	}
}

// TestLazyAgainstFullModel solves 24 small instances (50 parcels, 30 proposals, 20 candidates each) at land pressure 2
// and 3 both ways: held in full by Solve (proven to 1e-9) and by
// SolveLazy from a few pairs per item (Keep 2). The lazy run must hold
// fewer pairs than there are, reach the same optimum with its bound
// proving it, and never report a bound below the optimum (the pricing
// bound included); its assignment must be feasible for the whole
// problem. On the first four the optimum is also checked against cbc.
func TestLazyAgainstFullModel(t *testing.T) {
	var eligible int64
	held := 0
	for _, pressure := range []float64{2, 3} {
		for seed := uint64(1); seed <= 12; seed++ {
			t.Run(fmt.Sprintf("pressure %v seed %d", pressure, seed), func(t *testing.T) {
				cfg := assign.InstanceConfig{Bins: 50, Items: 30, Candidates: 20, LandPressure: pressure, Seed: seed}
				p := plainInstance(t, cfg)
				full, err := assign.Solve(context.Background(), p, &assign.Settings{TargetGap: -1, TimeLimit: 20 * time.Second})
				if err != nil {
					t.Fatal(err)
				}
				if full.Status != assign.Optimal {
					t.Fatalf("full model: status %v, gap %v", full.Status, full.Gap)
				}
				opt := full.Objective
				if seed <= 2 {
					if c := cbcOptimum(t, p); math.Abs(c-opt) > 1e-6*math.Abs(c) {
						t.Fatalf("full model's optimum %.6f, cbc's %.6f", opt, c)
					}
				}
				lp, err := assign.GenerateLazy(cfg)
				if err != nil {
					t.Fatal(err)
				}
				res, err := assign.SolveLazy(context.Background(), lp, &assign.LazySettings{
					Settings: assign.Settings{TargetGap: -1, TimeLimit: 20 * time.Second}, Keep: 2})
				if err != nil {
					t.Fatal(err)
				}
				chosen := lazyChosen(t, p, res)
				if err := feasible(p, chosen); err != nil {
					t.Fatal(err)
				}
				const tol = 1e-9
				if res.Bound < opt-tol*math.Abs(opt) || res.PricingBound < opt-tol*math.Abs(opt) {
					t.Errorf("bound %.6f, pricing bound %.6f, below the optimum %.6f", res.Bound, res.PricingBound, opt)
				}
				if math.Abs(res.Objective-opt) > 1e-6*math.Abs(opt) {
					t.Errorf("objective %.6f, the optimum %.6f", res.Objective, opt)
				}
				if res.Status != assign.Optimal || res.BoundMethod != "complete" {
					t.Errorf("status %v, bound %s %.6f (gap %v)", res.Status, res.BoundMethod, res.Bound, res.Gap)
				}
				if res.PairsEligible != int64(len(p.Pairs)) {
					t.Errorf("%d pairs priced per pass, the instance has %d", res.PairsEligible, len(p.Pairs))
				}
				eligible += res.PairsEligible
				held += res.PairsHeld
			})
		}
	}
	if int64(held) >= eligible {
		t.Errorf("held %d of %d pairs: nothing left out", held, eligible)
	}
	t.Logf("held %d of %d eligible pairs", held, eligible)
}

// TestLazyPricingBoundOnly sets MaxHeld below the pairs eligible, so
// that the complete bound is not tried: the bound must then be the
// pricing bound, still above the optimum, the assignment feasible, and
// fewer pairs held than there are.
func TestLazyPricingBoundOnly(t *testing.T) {
	cfg := assign.InstanceConfig{Bins: 60, Items: 40, Candidates: 20, LandPressure: 3, Seed: 5}
	p := plainInstance(t, cfg)
	full, err := assign.Solve(context.Background(), p, &assign.Settings{TargetGap: -1, TimeLimit: 20 * time.Second})
	if err != nil || full.Status != assign.Optimal {
		t.Fatalf("full model: %v %v", err, full)
	}
	res, err := assign.SolveLazy(context.Background(), assign.ProblemSource(p), &assign.LazySettings{
		Settings: assign.Settings{TargetGap: -1, TimeLimit: 10 * time.Second}, Keep: 1, MaxHeld: 45})
	if err != nil {
		t.Fatal(err)
	}
	if err := feasible(p, lazyChosen(t, p, res)); err != nil {
		t.Fatal(err)
	}
	if res.BoundMethod != "pricing" || res.Bound != math.Max(res.PricingBound, res.Objective) {
		t.Errorf("bound %s %v, pricing bound %v", res.BoundMethod, res.Bound, res.PricingBound)
	}
	if res.Bound < full.Objective*(1-1e-9) || res.Objective > full.Objective*(1+1e-9) {
		t.Errorf("objective %v, bound %v, optimum %v", res.Objective, res.Bound, full.Objective)
	}
	if res.PairsHeld >= len(p.Pairs) {
		t.Errorf("held %d of %d pairs", res.PairsHeld, len(p.Pairs))
	}
}

// TestLazyMemoryFallback gives the run a memory budget it is over from
// the start: the knapsack pricing pass lets go of the pairs it gathers
// and bounds each bin by the sum of its positive reduced values, a bound
// still at or above the optimum, with the assignment feasible.
func TestLazyMemoryFallback(t *testing.T) {
	cfg := assign.InstanceConfig{Bins: 60, Items: 40, Candidates: 20, LandPressure: 3, Seed: 5}
	p := plainInstance(t, cfg)
	full, err := assign.Solve(context.Background(), p, &assign.Settings{TargetGap: -1, TimeLimit: 20 * time.Second})
	if err != nil || full.Status != assign.Optimal {
		t.Fatalf("full model: %v %v", err, full)
	}
	res, err := assign.SolveLazy(context.Background(), assign.ProblemSource(p), &assign.LazySettings{
		Settings: assign.Settings{TargetGap: -1, TimeLimit: 10 * time.Second, MaxMemory: 1}, Keep: 1, MaxHeld: 45})
	if err != nil {
		t.Fatal(err)
	}
	if err := feasible(p, lazyChosen(t, p, res)); err != nil {
		t.Fatal(err)
	}
	if res.MemoryFallbacks == 0 {
		t.Fatalf("no knapsack pass let go of its pairs under a budget of 1 byte (%d passes, %d solves)", res.Passes, len(res.Solves))
	}
	if res.Bound < full.Objective*(1-1e-9) || res.Objective > full.Objective*(1+1e-9) {
		t.Errorf("objective %v, bound %v, optimum %v", res.Objective, res.Bound, full.Objective)
	}
}
