package assign_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/planner/assign"
)

// cbcOptimum writes p as MPS, has cbc prove its optimum and returns it.
// The test fails, naming the Debian package, when cbc is missing.
func cbcOptimum(t *testing.T, p *assign.Problem) float64 {
	t.Helper()
	cbc := needTool(t, "cbc", "coinor-cbc")
	file := filepath.Join(t.TempDir(), "model.mps")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := assign.WriteMPS(f, p); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	// cbc 2.10 ignores OBJSENSE MAX: -max sets the sense.
	out, err := exec.Command(cbc, file, "-max", "-solve", "-quit").CombinedOutput()
	if err != nil {
		t.Fatalf("cbc: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Result - Optimal solution found") {
		t.Fatalf("cbc did not prove optimality:\n%s", out)
	}
	m := regexp.MustCompile(`Objective value:\s+(\S+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no objective in cbc output:\n%s", out)
	}
	v, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// feasible checks chosen against p from the definitions, independently
// of the package's own check, with the feasibility tolerance documented
// there (1e-9 relative, doubled for rounding).
func feasible(p *assign.Problem, chosen []int) error {
	on := make([]bool, len(p.Pairs))
	items := make([]int, p.Items)
	load := make([]float64, len(p.Bins))
	for _, q := range chosen {
		if on[q] {
			return fmt.Errorf("pair %d chosen twice", q)
		}
		on[q] = true
		pr := p.Pairs[q]
		if items[pr.Item]++; items[pr.Item] > 1 {
			return fmt.Errorf("item %d assigned twice", pr.Item)
		}
		load[pr.Bin] += pr.Weight
	}
	tol := func(c float64) float64 { return 2e-9 * math.Max(1, c) }
	for b, l := range load {
		if l > p.Bins[b].Capacity+tol(p.Bins[b].Capacity) {
			return fmt.Errorf("bin %d: load %v over capacity %v", b, l, p.Bins[b].Capacity)
		}
	}
	for k, c := range p.Side {
		s, maxc := 0.0, 0.0
		for _, tm := range c.Terms {
			maxc = math.Max(maxc, tm.Coef)
			if on[tm.Pair] {
				s += tm.Coef
			}
		}
		if s > c.Capacity+tol(math.Max(c.Capacity, maxc)) {
			return fmt.Errorf("side %d: %v over capacity %v", k, s, c.Capacity)
		}
	}
	for g, grp := range p.Exclusive {
		n := 0
		for _, q := range grp {
			if on[q] {
				n++
			}
		}
		if n > 1 {
			return fmt.Errorf("group %d: %d pairs", g, n)
		}
	}
	for _, q := range p.Forced {
		if !on[q] {
			return fmt.Errorf("forced pair %d not chosen", q)
		}
	}
	for _, q := range p.Forbidden {
		if on[q] {
			return fmt.Errorf("forbidden pair %d chosen", q)
		}
	}
	return nil
}

// smallInstance is a generated instance of 30 proposals on 40 parcels
// (12 candidates each, about 350 pairs) with exclusive groups, forced and
// forbidden pairs, at the given land pressure: small enough for cbc to
// prove in a fraction of a second, and large enough that our branch and
// bound must branch to prove it.
func smallInstance(t *testing.T, pressure float64, seed uint64) *assign.Problem {
	t.Helper()
	p, err := assign.GenerateInstance(assign.InstanceConfig{Bins: 40, Items: 30, Candidates: 12,
		LandPressure: pressure, Seed: seed, ExclusiveShare: 0.1, ForcedShare: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOptimalAgainstCBC solves 24 small instances at land pressure 2 and 3 with the default
// settings (target gap 1e-6) and checks the objective against cbc's proven
// optimum, and that our branch and bound branched on every one (a root
// proof would not test it). Tolerance: the default target gap, 1e-6
// relative, which BENCHMARKS.md quotes as proven optimality; cbc proves to
// its default integrality tolerance, and values have two decimals, so two
// distinct assignments differ by far more.
func TestOptimalAgainstCBC(t *testing.T) {
	n := 0
	// (At pressure 0 and 1 some of these instances take cbc up to 25 s,
	// or us up to 3 s; BENCHMARKS.md lists two.)
	for _, pressure := range []float64{2, 3} {
		for seed := uint64(1); seed <= 12; seed++ {
			t.Run(fmt.Sprintf("pressure %v seed %d", pressure, seed), func(t *testing.T) {
				p := smallInstance(t, pressure, seed)
				res, err := assign.Solve(context.Background(), p, nil)
				if err != nil {
					t.Fatal(err)
				}
				if res.Stats.Nodes < 2 {
					t.Errorf("solved at the root (%d nodes): the instance does not test branching", res.Stats.Nodes)
				}
				if res.Status != assign.Optimal && res.Status != assign.GapReached {
					t.Fatalf("status %v (%v), gap %v", res.Status, res.Stopped, res.Gap)
				}
				if err := feasible(p, res.Chosen); err != nil {
					t.Fatal(err)
				}
				opt := cbcOptimum(t, p)
				const tol = 1e-6 // the default target gap, the proof BENCHMARKS.md claims
				if res.Objective < opt-tol*math.Abs(opt) || res.Objective > opt+1e-9*math.Abs(opt) {
					t.Errorf("objective %.6f, cbc's optimum %.6f", res.Objective, opt)
				}
				if res.Bound < opt-1e-9*math.Abs(opt) {
					t.Errorf("bound %.6f below cbc's optimum %.6f", res.Bound, opt)
				}
				n++
			})
		}
	}
	if n < 20 {
		t.Errorf("only %d instances checked", n)
	}
}

// TestCancelMidSolve cancels the run from the progress callback once the
// branch and bound has started (so after the first incumbent) and checks
// that the run ends at once with a feasible assignment, a bound no lower
// than cbc's optimum, and the reason "interrupted".
func TestCancelMidSolve(t *testing.T) {
	p := smallInstance(t, 1, 11) // about 20 000 nodes to prove
	opt := cbcOptimum(t, p)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen []assign.Progress
	res, err := assign.Solve(ctx, p, &assign.Settings{Progress: func(pr assign.Progress) {
		seen = append(seen, pr)
		if pr.Phase == "branch and bound" && pr.Objective > 0 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stopped != assign.StoppedInterrupted || res.Status != assign.TimeLimit {
		t.Fatalf("stopped by %v with status %v, want interrupted and time limit", res.Stopped, res.Status)
	}
	if err := feasible(p, res.Chosen); err != nil {
		t.Fatal(err)
	}
	if len(res.Chosen) == 0 || res.Objective <= 0 {
		t.Errorf("no incumbent: %v", res.Objective)
	}
	if res.Bound < opt-1e-9*math.Abs(opt) || res.Objective > opt+1e-9*math.Abs(opt) {
		t.Errorf("objective %v, bound %v, cbc's optimum %v", res.Objective, res.Bound, opt)
	}
	if res.Gap <= 1e-6 {
		t.Errorf("gap %v: the run was not cut short", res.Gap)
	}
	// The progress reports: incumbent up, bound down, the last one done.
	for j := 1; j < len(seen); j++ {
		if seen[j].Objective < seen[j-1].Objective || seen[j].Bound > seen[j-1].Bound {
			t.Errorf("report %d: %v after %v", j, seen[j], seen[j-1])
		}
	}
	if last := seen[len(seen)-1]; !last.Done || last.Objective != res.Objective || last.Bound != res.Bound {
		t.Errorf("last report %+v, result %v %v", last, res.Objective, res.Bound)
	}
}

// TestDeliverySample solves the embedded Liuzhou sample as a planning run
// exports it under the "delivery" objective (each placed project worth
// its score, whatever its land; testdata/sample-delivery.mps: 120 items,
// 143 bins, 961 pairs, one new-land quota row per year). cbc proves the
// optimum 26.86184393 (`cbc sample-delivery.mps -max -solve`, 0.6 s of CPU,
// 258 nodes). We do not prove it yet: the Lagrangian bound at the root,
// 26.996, keeps each parcel's knapsack but not the quota row's; the LP
// relaxation with Gomory mixed-integer and cover cuts at the root (after
// reduced-cost fixing) brings it to 26.935, below the Lagrangian bound
// but above cbc's root with its cuts (26.927), and branching on pairs
// barely moves either on this model, whose projects are worth the same
// on every parcel. The test holds what is true today so that a change
// that breaks it is seen: a feasible plan worth at most the optimum and
// within 0.25% of it, and an LP root bound and a final bound no lower
// than the optimum and within 0.3% of it, after 300 nodes
// (deterministic).
func TestDeliverySample(t *testing.T) {
	p, err := readMPS("testdata/sample-delivery.mps")
	if err != nil {
		t.Fatal(err)
	}
	const opt = 26.86184393 // cbc 2.10.8, printed to 8 decimals
	res, err := assign.Solve(context.Background(), p, &assign.Settings{NodeLimit: 300, TimeLimit: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if err := feasible(p, res.Chosen); err != nil {
		t.Fatal(err)
	}
	if res.Objective > opt+1e-8 || res.Objective < opt*(1-0.0025) {
		t.Errorf("objective %.8f, cbc's optimum %.8f", res.Objective, opt)
	}
	if res.Bound < opt-1e-8 || res.Bound > opt*(1+0.003) {
		t.Errorf("bound %.8f, cbc's optimum %.8f", res.Bound, opt)
	}
	// The Lagrangian root bound alone is 0.5% above the optimum.
	if res.Stats.LPBound < opt-1e-8 || res.Stats.LPBound > opt*(1+0.003) {
		t.Errorf("LP root bound %.8f, cbc's optimum %.8f", res.Stats.LPBound, opt)
	}
	t.Logf("objective %.8f, bound %.8f (LP root %.8f), gap %.4f%%, %v, %d nodes",
		res.Objective, res.Bound, res.Stats.LPBound, 100*res.Gap, res.Stopped, res.Stats.Nodes)
}
