package plan_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/plan/plantest"
	"github.com/landplan/landplan/planner/sweep"
)

// placements lists a plan's allocations by proposal: year and value
// (the fixture's parcels are alike, so a project may take any of them
// for the same value; which one is a tie, not a different plan).
func placements(p *plan.Plan) map[string]string {
	out := map[string]string{}
	for _, a := range p.Allocations {
		out[a.Proposal] = fmt.Sprintf("%d/%.9g", a.Year, a.Value)
	}
	return out
}

// A sweep over one year's quota of a two-year programme starts each point
// from the previous point's allocations in their own years, and each point
// is the plan a cold run of its scenario makes: the same projects in the
// same years for the same value.
func TestProgrammeSweepWarmStartByYear(t *testing.T) {
	var xs []planner.Parcel
	var qs []planner.Proposal
	for i := 0; i < 6; i++ {
		xs = append(xs, parcel(fmt.Sprintf("L%d", i+1), i, 50))
		qs = append(qs, proposal(fmt.Sprintf("Q%d", i+1), 40, 1+0.3*float64(i)))
	}
	// 85 mu in 2026: two projects; 2027's quota is swept from two
	// projects to three.
	base := plan.Scenario{Name: "two-years", Overrides: []string{"plan.horizon_end=2027", "quota.new_land_mu=85", "quota.by_year.2027=85"}}
	prof := profile(t)
	ax, err := sweep.ParseAxis(prof, "quota.by_year.2027=85,125")
	if err != nil {
		t.Fatal(err)
	}
	st := plantest.NewMemStore()
	set := plan.Settings{TimeLimit: testTimeLimit, TargetGap: 1e-9, Flips: -1}
	in := plan.Input{Parcels: xs, Proposals: qs, Profile: prof}
	res, err := sweep.Run(context.Background(), st, in, base, []sweep.Axis{ax}, sweep.Settings{Run: set})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 {
		t.Fatalf("%d points, want 2", len(res.Rows))
	}
	var prev *plan.Plan
	for i, r := range res.Rows {
		got, err := st.Plan(context.Background(), r.Plan)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := st.Scenario(context.Background(), r.Scenario.Name)
		if err != nil {
			t.Fatal(err)
		}
		pprof, err := plan.ApplyScenario(prof, sc)
		if err != nil {
			t.Fatal(err)
		}
		pin := plan.Input{Parcels: xs, Proposals: qs, Profile: pprof, Scenario: sc.Name, Overrides: sc.Overrides}
		if len(got.Years) != 2 {
			t.Fatalf("point %d: years %v, want a two-year programme", i, got.Years)
		}
		if i > 0 {
			if got.WarmStart != prev.ContentSHA256 {
				t.Errorf("point %d: warm start %q, want the previous point's plan", i, got.WarmStart)
			}
			// The start is the previous point's allocations, each in
			// its own year.
			years, err := plan.WarmStartYears(pin, prev)
			if err != nil {
				t.Fatal(err)
			}
			if len(years) != len(prev.Allocations) {
				t.Errorf("point %d: the start holds %d of the previous point's %d allocations", i, len(years), len(prev.Allocations))
			}
			lastYears := 0
			for _, a := range prev.Allocations {
				if y, ok := years[a.Proposal]; !ok || y != a.Year {
					t.Errorf("point %d: %s starts in %d (kept %v), the previous point placed it in %d", i, a.Proposal, y, ok, a.Year)
				}
				if a.Year == 2027 {
					lastYears++
				}
			}
			if lastYears == 0 || lastYears == len(prev.Allocations) {
				t.Errorf("previous point: %d of %d allocations in 2027; want both years used", lastYears, len(prev.Allocations))
			}
		}
		// A cold run of the point's scenario makes the same plan.
		s := set
		cold, err := plan.Run(context.Background(), pin, &s)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != "optimal" || cold.Status != "optimal" {
			t.Fatalf("point %d: status %s (sweep), %s (cold run); want both proven", i, got.Status, cold.Status)
		}
		if math.Abs(got.Objective-cold.Objective) > 1e-9*math.Max(1, cold.Objective) {
			t.Errorf("point %d: objective %.9g (sweep), %.9g (cold run)", i, got.Objective, cold.Objective)
		}
		g, c := placements(got), placements(cold)
		if fmt.Sprint(g) != fmt.Sprint(c) {
			t.Errorf("point %d: sweep placed %v, cold run %v", i, g, c)
		}
		prev = got
	}
}
