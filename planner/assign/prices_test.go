package assign

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestStartPricesKeepBoundsValid: from any non-negative start prices —
// random, far too high, or another problem's — the root-only bound still
// lies above the brute-force optimum and the assignment is feasible; run
// to the end, the result is the optimum.
func TestStartPricesKeepBoundsValid(t *testing.T) {
	for seed := uint64(0); seed < 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		p := tinyProblem(rng, 10)
		opt, feasible := bruteForce(p)
		if !feasible {
			continue
		}
		pr := &Prices{Bins: make([]float64, len(p.Bins)), Side: make([]float64, len(p.Side))}
		scale := []float64{0.1, 1, 100}[seed%3]
		for b := range pr.Bins {
			pr.Bins[b] = scale * rng.Float64()
		}
		for k := range pr.Side {
			pr.Side[k] = scale * rng.Float64()
		}
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			tol := 1e-9 * math.Max(1, math.Abs(opt))
			root, err := Solve(context.Background(), p, &Settings{TargetGap: -1, NodeLimit: 1, StartPrices: pr})
			if err != nil {
				t.Fatal(err)
			}
			if root.Bound < opt-tol || root.Stats.RootBound < opt-tol {
				t.Fatalf("root bound %v (root %v) below the optimum %v", root.Bound, root.Stats.RootBound, opt)
			}
			if err := check(p, root.Chosen, root.Objective); err != nil {
				t.Fatal(err)
			}
			full, err := Solve(context.Background(), p, &Settings{TargetGap: -1, StartPrices: pr})
			if err != nil {
				t.Fatal(err)
			}
			if full.Status != Optimal || math.Abs(full.Objective-opt) > tol {
				t.Fatalf("status %v objective %v, brute force %v", full.Status, full.Objective, opt)
			}
		})
	}
}

// TestPricesRoundTrip: Result.Prices holds one finite non-negative price
// per bin and side constraint, some positive on a contested instance, and
// turning them back into the root's multipliers gives the first phase's
// multipliers again (bins and constraints the presolve kept).
func TestPricesRoundTrip(t *testing.T) {
	p, err := GenerateInstance(InstanceConfig{Bins: 200, Items: 60, Candidates: 30, LandPressure: 2, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Solve(context.Background(), p, &Settings{NodeLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	pr := res.Prices
	if pr == nil || len(pr.Bins) != len(p.Bins) || len(pr.Side) != len(p.Side) {
		t.Fatalf("prices %+v for %d bins and %d side constraints", pr, len(p.Bins), len(p.Side))
	}
	positive := 0
	for _, v := range append(append([]float64{}, pr.Bins...), pr.Side...) {
		if !finite(v) || v < 0 {
			t.Fatalf("price %v", v)
		}
		if v > 0 {
			positive++
		}
	}
	if positive == 0 {
		t.Fatal("no positive price on a contested instance")
	}
	// The same presolve gives the same root model; its first phase's
	// multipliers come back from the prices.
	raw := rawModel(p)
	root, conf := raw.restrict(nil, nil)
	if conf != nil {
		t.Fatal(conf)
	}
	a := newMults(root)
	rho := startPrices(p, root, pr, a)
	if rho == nil {
		t.Fatal("prices of the problem itself refused")
	}
	back := prices(p, root, rho, a)
	for b := range pr.Bins {
		if math.Abs(back.Bins[b]-pr.Bins[b]) > 1e-12*math.Max(1, pr.Bins[b]) {
			t.Fatalf("bin %d: %v back as %v", b, pr.Bins[b], back.Bins[b])
		}
	}
	for k := range pr.Side {
		if math.Abs(back.Side[k]-pr.Side[k]) > 1e-12*math.Max(1, pr.Side[k]) {
			t.Fatalf("side %d: %v back as %v", k, pr.Side[k], back.Side[k])
		}
	}
	// Prices that do not fit the problem are ignored: the run is the cold one.
	cold, err := Solve(context.Background(), p, &Settings{NodeLimit: 1, IterationLimit: 300})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []*Prices{
		{Bins: pr.Bins[1:], Side: pr.Side},
		{Bins: pr.Bins, Side: append([]float64{-1}, pr.Side[1:]...)},
		{Bins: append([]float64{math.NaN()}, pr.Bins[1:]...), Side: pr.Side},
	} {
		r, err := Solve(context.Background(), p, &Settings{NodeLimit: 1, IterationLimit: 300, StartPrices: bad})
		if err != nil {
			t.Fatal(err)
		}
		if r.Objective != cold.Objective || r.Bound != cold.Bound || r.Stats.Iterations != cold.Stats.Iterations {
			t.Fatalf("with unfitting prices: objective %v bound %v iterations %d; cold %v %v %d",
				r.Objective, r.Bound, r.Stats.Iterations, cold.Objective, cold.Bound, cold.Stats.Iterations)
		}
	}
}

// TestPricesMax takes the larger price entry by entry.
func TestPricesMax(t *testing.T) {
	a := &Prices{Bins: []float64{1, 0, 3}, Side: []float64{0.5}}
	b := &Prices{Bins: []float64{0, 2, 1}, Side: []float64{0.25}}
	m := a.Max(b)
	if fmt.Sprint(m.Bins, m.Side) != "[1 2 3] [0.5]" {
		t.Fatalf("max %v %v", m.Bins, m.Side)
	}
	if c := (*Prices)(nil).Max(b); fmt.Sprint(c.Bins) != "[0 2 1]" || &c.Bins[0] == &b.Bins[0] {
		t.Fatalf("nil max: %v (a copy expected)", c.Bins)
	}
	if (*Prices)(nil).Max(nil) != nil {
		t.Fatal("nil max nil is not nil")
	}
}
