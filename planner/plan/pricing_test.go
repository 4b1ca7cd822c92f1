package plan_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// runtimeMemory is the memory the Go runtime holds from the system, as
// the run's budget counts it.
func runtimeMemory() int64 {
	ms := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(ms)
	return int64(ms[0].Value.Uint64()) - int64(ms[1].Value.Uint64())
}

// broadPool is a pool in which most proposals are eligible on most
// parcels: n parcels of 20–70 亩 (every fifth idle stock land), m
// auto-parts proposals of 15–60 亩 that take from 80% of their area, their
// figures per 亩 scaled by 1–3, large ones of 69.5 亩 and one no parcel
// can take, from a fixed seed.
func broadPool(seed uint64, n, m, large int) ([]planner.Parcel, []planner.Proposal) {
	rng := rand.New(rand.NewPCG(seed, 7))
	var xs []planner.Parcel
	for j := range n {
		var mods []func(*planner.Parcel)
		if j%5 == 4 {
			mods = append(mods, stock)
		}
		xs = append(xs, parcel(fmt.Sprintf("P%03d", j), j, 20+50*rng.Float64(), mods...))
	}
	var qs []planner.Proposal
	for i := range large {
		// Large projects that only the largest parcels can take, more of
		// them than such parcels, and one that needs heavier land than
		// the pool has.
		qs = append(qs, proposal(fmt.Sprintf("L%02d", i), 69.5, 1+rng.Float64(), func(q *planner.Proposal) { q.MinAreaMu = 69 }))
	}
	qs = append(qs, proposal("H00", 30, 2, func(q *planner.Proposal) { q.LandClass = 3 }))
	for i := range m {
		area := 15 + 45*rng.Float64()
		rd := 0.01 + 0.05*rng.Float64()
		qs = append(qs, proposal(fmt.Sprintf("Q%03d", i), area, 1+2*rng.Float64(), func(q *planner.Proposal) {
			q.MinAreaMu = 0.8 * area
			q.Jobs = 1 + rng.IntN(400)
			q.RDShare = f(rd)
		}))
	}
	return xs, qs
}

// comparable is a plan's JSON without what depends on how the model was
// held: the solver's record, the marginal values (not computed when the
// pairs are priced), the bound and gap and the reason that states them,
// and the content hash.
func comparable(t *testing.T, p *plan.Plan) string {
	t.Helper()
	c := *p
	c.Solver, c.Marginal, c.Bound, c.Gap, c.Status, c.Stopped, c.ContentSHA256 = plan.Stats{}, nil, 0, 0, "", "", ""
	c.Objective = math.Round(c.Objective*1e6) / 1e6
	c.Reasons = nil
	for _, r := range p.Reasons {
		if r.Rule != plan.RuleObjective {
			c.Reasons = append(c.Reasons, r)
		}
	}
	b, err := json.MarshalIndent(&c, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPricedRunMatchesFull plans a generated pool twice: with a large
// memory budget (every candidate pair held) and with a budget too small
// for the pairs, which the run then prices instead of holding. Both are
// proven optimal; the plans are the same (allocations with their
// explanations, the proposals left out with theirs, lots, totals, the
// 12.4 check), and the priced run records the pairs it held, far fewer
// than the pairs eligible, within the budget.
func TestPricedRunMatchesFull(t *testing.T) {
	// The parcels differ in how well they fit a project (area_fit), so
	// that no two plans tie.
	const areaFit = `score.criteria=["output_per_mu", "tax_per_mu", "jobs_per_mu", "rd_share", "area_fit", "stock"]`
	for _, tc := range []struct {
		seed                uint64
		parcels, proposals  int
		overrides           []string
		wantUnplacedAtLeast int
	}{
		{seed: 21, parcels: 300, proposals: 40, overrides: []string{"score.method=entropy", "score.aggregation=topsis", areaFit}, wantUnplacedAtLeast: 3},
		{seed: 25, parcels: 300, proposals: 40, overrides: []string{"score.method=entropy", areaFit}, wantUnplacedAtLeast: 1},
	} {
		xs, qs := broadPool(tc.seed, tc.parcels, tc.proposals, 8)
		prof, err := plan.ApplyScenario(policy.Default(), plan.Scenario{Name: "pricing", Overrides: tc.overrides})
		if err != nil {
			t.Fatal(err)
		}
		in := plan.Input{Parcels: xs, Proposals: qs, Profile: prof}
		full, err := plan.Run(context.Background(), in, &plan.Settings{TimeLimit: 60 * time.Second, TargetGap: -1, Flips: -1})
		if err != nil {
			t.Fatalf("seed %d, full: %v", tc.seed, err)
		}
		t.Logf("seed %d, full: %d pairs, %d placed, %d left out, status %s, gap %g, %v", tc.seed, full.Solver.Candidates, len(full.Allocations), len(full.Unallocated), full.Status, full.Gap, full.Solver.Elapsed)
		if full.Solver.PairsHeld != 0 || full.Status != "optimal" {
			t.Fatalf("seed %d, full: %d pairs held, status %s; want every pair held, proven optimal", tc.seed, full.Solver.PairsHeld, full.Status)
		}
		// A budget well below what holding the pairs takes (about 1 KiB
		// each while the model is built: at 1 000 bytes a pair above the
		// memory in use these pools are held) above the memory in use now,
		// with room enough for the pricing's own passes not to reach it
		// (they keep to 200 bytes a pair).
		debug.FreeOSMemory()
		budget := runtimeMemory() + int64(full.Solver.Candidates)*400
		old := debug.SetMemoryLimit(budget)
		priced, err := plan.Run(context.Background(), in, &plan.Settings{TimeLimit: 60 * time.Second, TargetGap: -1, MaxMemory: budget, Flips: -1})
		debug.SetMemoryLimit(old)
		if err != nil {
			t.Fatalf("seed %d, budget %d MiB: %v", tc.seed, budget>>20, err)
		}
		t.Logf("seed %d: %d pairs eligible, %d held by pricing; budget %d MiB; objective %.6f (full %.6f), bound %.6f, %s",
			tc.seed, priced.Solver.Candidates, priced.Solver.PairsHeld, budget>>20, priced.Objective, full.Objective, priced.Bound, priced.Solver.BoundMethod)
		if priced.Solver.PairsHeld == 0 || !strings.HasPrefix(priced.Solver.BoundMethod, "pricing") {
			t.Fatalf("seed %d: the run held its pairs (%d held, bound %q) under a budget of %d MiB", tc.seed, priced.Solver.PairsHeld, priced.Solver.BoundMethod, budget>>20)
		}
		if priced.Solver.Candidates != full.Solver.Candidates || priced.Solver.PairsHeld >= priced.Solver.Candidates {
			t.Errorf("seed %d: priced run: %d pairs eligible, %d held; full run %d eligible", tc.seed, priced.Solver.Candidates, priced.Solver.PairsHeld, full.Solver.Candidates)
		}
		if priced.Status != "optimal" || priced.Bound < priced.Objective || math.Abs(priced.Objective-full.Objective) > 1e-9*math.Abs(full.Objective) {
			t.Errorf("seed %d: priced %s, objective %.9f bound %.9f; full %.9f", tc.seed, priced.Status, priced.Objective, priced.Bound, full.Objective)
		}
		if len(full.Unallocated) < tc.wantUnplacedAtLeast {
			t.Errorf("seed %d: %d proposals left out; the instance should be competitive", tc.seed, len(full.Unallocated))
		}
		t.Logf("seed %d: dominance: %d pairs compared, %d breaks, %d repaired", tc.seed, priced.Dominance.Pairs, len(priced.Dominance.Breaks), priced.Dominance.Repaired)
		if a, b := comparable(t, priced), comparable(t, full); a != b {
			if dir := os.Getenv("PRICING_DIFF_DIR"); dir != "" {
				_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("priced-%d.json", tc.seed)), []byte(a), 0o644)
				_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("full-%d.json", tc.seed)), []byte(b), 0o644)
			}
			al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
			for n := 0; n < min(len(al), len(bl)); n++ {
				if al[n] != bl[n] {
					t.Fatalf("seed %d: the plans differ at line %d:\npriced: %s\nfull:   %s", tc.seed, n+1, al[n], bl[n])
				}
			}
			t.Fatalf("seed %d: the plans differ in length: %d and %d lines", tc.seed, len(al), len(bl))
		}
	}
}

// A priced run's dominance check parcel by parcel compares the same
// pairs, and gives the same plan, as the passes over every pair (a solve
// stopped early, as at city scale).
func TestPricedDominanceByParcelMatchesPasses(t *testing.T) {
	xs, qs := broadPool(21, 300, 40, 8)
	in := plan.Input{Parcels: xs, Proposals: qs, Profile: policy.Default()}
	type outcome struct {
		plan, stopped, method            string
		compared, breaks, repaired, held int
		objective                        float64
	}
	// Both runs price their pairs whatever the memory in use (which
	// decides it otherwise), under a budget they do not reach; only what
	// is compared of the first is kept while the second runs.
	defer plan.AlwaysPrice(plan.AlwaysPrice(true))
	run := func() outcome {
		budget := runtimeMemory() + 256<<20
		p, err := plan.Run(context.Background(), in, &plan.Settings{TimeLimit: 60 * time.Second, TargetGap: 0.5, IterationLimit: 3, MaxMemory: budget, Flips: -1})
		if err != nil {
			t.Fatal(err)
		}
		return outcome{comparable(t, p), p.Stopped, p.Solver.BoundMethod, p.Dominance.Pairs, len(p.Dominance.Breaks), p.Dominance.Repaired, p.Solver.PairsHeld, p.Objective}
	}
	byParcel := run()
	plan.DominanceByParcel(false)
	passes := run()
	plan.DominanceByParcel(true)
	t.Logf("%d pairs held by pricing; dominance: %d pairs compared, %d breaks, %d repaired; stopped: %s and %s", byParcel.held, byParcel.compared, byParcel.breaks, byParcel.repaired, byParcel.stopped, passes.stopped)
	if !strings.HasPrefix(byParcel.method, "pricing") || !strings.HasPrefix(passes.method, "pricing") || byParcel.compared == 0 {
		t.Fatalf("the runs should be priced and compare pairs: %q and %q, %d compared", byParcel.method, passes.method, byParcel.compared)
	}
	if byParcel.plan != passes.plan || byParcel.compared != passes.compared || byParcel.repaired != passes.repaired {
		t.Errorf("by parcel and by passes differ: %d and %d pairs compared, %d and %d repaired; objectives %.9f and %.9f, %d and %d pairs held, stopped %s and %s",
			byParcel.compared, passes.compared, byParcel.repaired, passes.repaired, byParcel.objective, passes.objective,
			byParcel.held, passes.held, byParcel.stopped, passes.stopped)
	}
}
