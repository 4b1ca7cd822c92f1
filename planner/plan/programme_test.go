package plan_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// withNewProposals returns the sample's proposals and n new ones,
// generated (data/sample/synth, seed 8) under ids N…, that compete for the
// land the plan gave.
func withNewProposals(t testing.TB, proposals []planner.Proposal, n int) []planner.Proposal {
	t.Helper()
	_, csv, err := sample.Generate(sample.Config{Seed: 8, Parcels: 2, Proposals: n})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := ingest.ReadProposals(bytes.NewReader(csv), ingest.ProposalOptions{File: "new.csv"})
	if err != nil {
		t.Fatal(err)
	}
	out := append([]planner.Proposal{}, proposals...)
	for _, q := range qs {
		q.ID = "N" + q.ID
		out = append(out, q)
	}
	return out
}

// checkQuotas fails when any year's new land exceeds its quota.
func checkQuotas(t *testing.T, what string, p *plan.Plan) {
	t.Helper()
	for y, used := range p.Totals.NewLandByYear {
		if q := p.Totals.QuotaByYear[y]; used > q+1e-6 {
			t.Errorf("%s: %s new land %.4f mu exceeds the quota %.4f mu", what, y, used, q)
		}
	}
}

// checkContractsKept fails unless every contract is an allocation of p,
// on its parcel in its year, marked signed.
func checkContractsKept(t *testing.T, what string, p *plan.Plan, cs []plan.Contract) {
	t.Helper()
	for _, c := range cs {
		a, ok := allocationOf(p, c.Proposal)
		if !ok || a.Parcel != c.Parcel || !a.Signed || (c.Year != 0 && a.Year != c.Year) {
			t.Errorf("%s: contract %s@%s (%d) not kept: placed %v on %q in %d, signed %v", what, c.Proposal, c.Parcel, c.Year, ok, a.Parcel, a.Year, a.Signed)
		}
	}
	if p.Contracts != len(cs) {
		t.Errorf("%s: plan counts %d contracts, want %d", what, p.Contracts, len(cs))
	}
}

// Signed contracts survive every re-plan: new proposals that outbid them,
// a quota cut to less than they hold with the rest, a multi-year
// programme, a re-plan from the previous plan; no year's quota is exceeded.
func TestContractsSurviveReplans(t *testing.T) {
	parcels, proposals := loadSample(t)
	first := runSample(t)
	var ids []string
	for i, a := range first.Allocations {
		if i%4 == 0 {
			ids = append(ids, a.Proposal)
		}
	}
	cs, err := plan.ContractsFrom(first, ids, parcels, "2026-11-30")
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.CheckContracts(parcels, proposals, nil, cs); err != nil {
		t.Fatal(err)
	}
	signedNew := 0.0
	for _, c := range cs {
		a, _ := allocationOf(first, c.Proposal)
		signedNew += a.NewLandMu
	}
	more := withNewProposals(t, proposals, len(proposals)/10)
	for _, tc := range []struct {
		name      string
		proposals []planner.Proposal
		overrides []string
		previous  *plan.Plan
		gap       float64
	}{
		{"as before", proposals, nil, nil, 0},
		{"10% new proposals", more, nil, nil, 0},
		{"quota cut to the contracts' new land", more, []string{"quota.new_land_mu=" + strconv.FormatFloat(signedNew+1, 'f', 2, 64)}, nil, 0},
		{"re-plan from the previous plan", more, nil, first, 0},
		{"five-year programme", more, []string{"plan.horizon_end=2030"}, first, 0.01},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prof := profile(t, tc.overrides...)
			p, err := plan.Run(context.Background(), plan.Input{Parcels: parcels, Proposals: tc.proposals, Profile: prof, Contracts: cs, Previous: tc.previous},
				&plan.Settings{TimeLimit: testTimeLimit, Flips: -1, TargetGap: tc.gap})
			if err != nil {
				t.Fatal(err)
			}
			checkContractsKept(t, tc.name, p, cs)
			checkQuotas(t, tc.name, p)
		})
	}
}

// replanGap is the target gap of the re-plans compared: one the solver
// proves in seconds on the sample with new proposals, on a shared machine.
const replanGap = 2e-3

// The churn-minimal re-plan has the value of an unconstrained re-plan
// within the target gap, and moves no more of the previous plan's
// allocations; every allocation it moves is listed with why, and nothing
// else.
func TestChurnMinimalReplan(t *testing.T) {
	parcels, proposals := loadSample(t)
	prev := runSample(t)
	prev.ID = "plan-1"
	more := withNewProposals(t, proposals, len(proposals)/10)
	run := func(previous *plan.Plan) *plan.Plan {
		p, err := plan.Run(context.Background(), plan.Input{Parcels: parcels, Proposals: more, Profile: policy.Default(), Previous: previous},
			&plan.Settings{TimeLimit: 3 * time.Minute, Flips: -1, TargetGap: replanGap})
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != "gap_reached" && p.Status != "optimal" {
			t.Fatalf("re-plan stopped by %s at gap %.4f%%: the comparison needs the gap proven", p.Status, 100*p.Gap)
		}
		return p
	}
	free, minimal := run(nil), run(prev)
	if minimal.Previous != "plan-1" {
		t.Errorf("previous %q, want plan-1", minimal.Previous)
	}
	best := max(free.Bound, minimal.Bound)
	if loss := (free.Objective - minimal.Objective) / best; loss > replanGap {
		t.Errorf("churn-minimal value %.6f vs unconstrained %.6f (bound %.6f): %.6f%% lower, more than the %.4f%% gap",
			minimal.Objective, free.Objective, best, 100*loss, 100*replanGap)
	}
	if g := (best - minimal.Objective) / best; g > replanGap+1e-9 {
		t.Errorf("churn-minimal plan %.6f%% from the best bound %.6f, more than the gap", 100*g, best)
	}
	moved := func(p *plan.Plan) map[string]bool {
		out := map[string]bool{}
		for _, a := range prev.Allocations {
			b, ok := allocationOf(p, a.Proposal)
			if !ok || b.Parcel != a.Parcel || b.Year != a.Year {
				out[a.Proposal] = true
			}
		}
		return out
	}
	mFree, mMin := moved(free), moved(minimal)
	if len(mMin) > len(mFree) {
		t.Errorf("churn-minimal re-plan moves %d allocations, the unconstrained one %d", len(mMin), len(mFree))
	}
	listed := map[string]bool{}
	for _, m := range minimal.Moves {
		listed[m.Proposal] = true
		if !mMin[m.Proposal] || m.Why == "" || m.WhyZH == "" {
			t.Errorf("move %+v: not a move, or without why", m)
		}
	}
	for id := range mMin {
		if !listed[id] {
			t.Errorf("%s moved but is not listed in Moves", id)
		}
	}
	if minimal.Kept+len(minimal.Moves) != len(prev.Allocations) {
		t.Errorf("kept %d + moved %d ≠ the previous plan's %d allocations", minimal.Kept, len(minimal.Moves), len(prev.Allocations))
	}
	t.Logf("unconstrained re-plan moves %d of %d, churn-minimal %d; values %.6f, %.6f", len(mFree), len(prev.Allocations), len(mMin), free.Objective, minimal.Objective)
}

// A programme decides each allocation's year: never before the proposal's
// earliest year, phases in later years against those years' quotas, no
// year over its quota; a horizon year without a quota is refused.
func TestProgrammeYears(t *testing.T) {
	xs := []planner.Parcel{parcel("L1", 0, 50), parcel("L2", 1, 50), parcel("L3", 2, 50)}
	qs := []planner.Proposal{
		proposal("A", 40, 2),
		proposal("B", 40, 2),
		proposal("C", 40, 2, func(q *planner.Proposal) { q.EarliestYear = 2028 }),
	}
	// 45 mu a year: one project a year.
	prof := profile(t, "plan.horizon_end=2028", "quota.new_land_mu=45", "quota.by_year.2027=45", "quota.by_year.2028=45")
	p, err := runFixture(t, xs, qs, prof, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Allocations) != 3 || len(p.Years) != 3 {
		t.Fatalf("%d allocations over years %v, want 3 over 2026–2028", len(p.Allocations), p.Years)
	}
	years := map[int]string{}
	for _, a := range p.Allocations {
		if prev, dup := years[a.Year]; dup {
			t.Errorf("%s and %s both in %d", prev, a.Proposal, a.Year)
		}
		years[a.Year] = a.Proposal
		if a.Proposal == "C" && a.Year != 2028 {
			t.Errorf("C placed in %d, before its earliest year 2028", a.Year)
		}
	}
	checkQuotas(t, "programme", p)
	// The solver started from the year-by-year programme and returned
	// one worth at least as much.
	if st := p.Solver.StartObjective; st <= 0 || st > p.Objective+1e-9 {
		t.Errorf("start objective %g, plan objective %g: want a start in (0, objective]", st, p.Objective)
	}
	if p.Totals.ProjectsByYear["2027"] != 1 || p.Totals.NewLandByYear["2027"] != 40 {
		t.Errorf("projects by year %v, new land by year %v", p.Totals.ProjectsByYear, p.Totals.NewLandByYear)
	}
	// A phased project starting in 2027 charges its phase 2 to 2029.
	qs = []planner.Proposal{proposal("P", 40, 2, func(q *planner.Proposal) { q.Phases, q.Phase1Share, q.EarliestYear = 2, 0.5, 2027 })}
	p, err = runFixture(t, xs[:1], qs, profile(t, "plan.horizon_end=2028", "quota.by_year.2027=45", "quota.by_year.2028=45", "quota.by_year.2029=45"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, ok := allocationOf(p, "P")
	if !ok || a.Year != 2027 || len(a.Phases) != 2 || a.Phases[1].Year != 2029 || p.Totals.NewLandByYear["2029"] != 20 {
		t.Errorf("P: placed %v in %d, phases %+v, new land by year %v; want 2027 with phase 2 in 2029", ok, a.Year, a.Phases, p.Totals.NewLandByYear)
	}
	// A horizon year without a quota.
	bad := profile(t)
	bad.Plan.HorizonEnd = 2031
	_, err = runFixture(t, xs, qs, bad, nil)
	var pe *planner.Error
	if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid {
		t.Fatalf("horizon to 2031 without its quota: err %v, want invalid input", err)
	}
	found := false
	for _, d := range pe.Diagnostics {
		found = found || (d.Property == "quota.by_year.2031" && strings.Contains(d.Message, "2031"))
	}
	if !found {
		t.Errorf("diagnostics %+v do not name quota.by_year.2031", pe.Diagnostics)
	}
}

// A programme's year copies of a (proposal, parcel) pair share that
// pair's assessment: its model has more pairs than the one-year run's,
// over the one-year run's assessments.
func TestProgrammeCopiesShareAssessments(t *testing.T) {
	xs := []planner.Parcel{parcel("L1", 0, 50), parcel("L2", 1, 50), parcel("L3", 2, 50)}
	qs := []planner.Proposal{proposal("A", 40, 2), proposal("B", 40, 2), proposal("C", 30, 2)}
	one, err := runFixture(t, xs, qs, profile(t, "quota.new_land_mu=45"), nil)
	if err != nil {
		t.Fatal(err)
	}
	prof := profile(t, "plan.horizon_end=2028", "quota.new_land_mu=45", "quota.by_year.2027=45", "quota.by_year.2028=45")
	pairs, assessments, err := plan.ProgrammeSharing(plan.Input{Parcels: xs, Proposals: qs, Profile: prof})
	if err != nil {
		t.Fatal(err)
	}
	if assessments != one.Solver.Candidates || pairs <= assessments {
		t.Fatalf("programme: %d model pairs over %d assessments; want more pairs than the one-year run's %d assessments, and those only", pairs, assessments, one.Solver.Candidates)
	}
}

// Each bad contract is refused with a diagnostic naming its row and the
// conflict.
func TestCheckContractsRefuses(t *testing.T) {
	xs := []planner.Parcel{parcel("L1", 0, 50), parcel("L2", 1, 50), parcel("R1", 2, 50, func(x *planner.Parcel) { x.Status = planner.StatusReserved })}
	qs := []planner.Proposal{proposal("A", 30, 2), proposal("B", 30, 2), proposal("C", 10, 2)}
	recut := xs[1]
	recut.Geometry, recut.AreaM2 = rect(109.41, 24.30, 45)
	row := func(n int, q, x string) plan.Contract {
		return plan.Contract{Proposal: q, Parcel: x, Source: "signed.csv", Row: n}
	}
	stored := []plan.Contract{{Proposal: "A", Parcel: "L1", AreaMu: 30, Source: "adopt", Plan: "plan-1"}}
	for _, tc := range []struct {
		name     string
		parcels  []planner.Parcel
		c        plan.Contract
		property string
		want     string
		wantZH   string
	}{
		{"unknown proposal", xs, row(2, "Z", "L2"), "proposal", "unknown proposal Z", "signed.csv 第 2 行(Z@L2) Z@L2:字段 \"proposal\":未知项目 Z"},
		{"parcel gone", xs, row(3, "B", "L9"), "parcel", "parcel L9 no longer exists", "第 3 行(B@L9) B@L9:字段 \"parcel\":地块 L9 已不在供地池中"},
		{"re-cut (shape)", []planner.Parcel{xs[0], recut, xs[2]}, plan.Contract{Proposal: "B", Parcel: "L2", ParcelShape: plan.ParcelShapeSHA256(xs[1]), Source: "adopt", Plan: "plan-1"}, "parcel", "re-cut", "合同 B@L2(采纳自 plan-1) B@L2:字段 \"parcel\":地块 L2 在合同记录后已重新分割"},
		{"re-cut (area)", xs, plan.Contract{Proposal: "B", Parcel: "L2", ParcelAreaMu: 60, Source: "signed.csv", Row: 4}, "parcel_area_mu", "re-cut", "地块 L2 已重新分割:合同记其面积 60.00 亩"},
		{"reserved land", xs, row(5, "B", "R1"), "parcel", "reserved for public facilities", "地块 R1 为公共设施与基础设施预留用地"},
		{"same land", xs, plan.Contract{Proposal: "B", Parcel: "L1", AreaMu: 30, Source: "signed.csv", Row: 6}, "parcel", "two contracts on the same land", "同一土地上有两份合同:地块 L1(50.00 亩)已有 合同 A@L1(采纳自 plan-1)(30.00 亩);再容纳 30.00 亩放不下"},
		{"proposal twice", xs, row(7, "A", "L2"), "proposal", "already under contract", "项目 A 已签合同(合同 A@L1(采纳自 plan-1)):每个项目只能有一份合同"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := plan.CheckContracts(tc.parcels, qs, stored, []plan.Contract{tc.c})
			var pe *planner.Error
			if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid || len(pe.Diagnostics) != 1 {
				t.Fatalf("err %v, want one invalid-input diagnostic", err)
			}
			d := pe.Diagnostics[0]
			if d.Location != tc.c.Where() || d.Property != tc.property || !strings.Contains(d.Message, tc.want) {
				t.Errorf("diagnostic %+v, want at %q, property %s, saying %q", d, tc.c.Where(), tc.property, tc.want)
			}
			// Under --lang zh: the same place and conflict, in Chinese.
			zh, ok := planner.TextZH(err)
			if !ok || !strings.HasPrefix(zh, "合同未予接受(1 处问题)") || !strings.Contains(zh, tc.wantZH) {
				t.Errorf("Chinese form %q (%v), want it to say %q", zh, ok, tc.wantZH)
			}
			for _, w := range []string{"row", "contract", "mu", "parcel "} {
				if strings.Contains(strings.ReplaceAll(zh, fmt.Sprintf("%q", tc.property), ""), w) {
					t.Errorf("Chinese form %q has the English %q", zh, w)
				}
			}
		})
	}
	// Two projects sharing a parcel that holds both are not a conflict.
	if err := plan.CheckContracts(xs, qs, stored, []plan.Contract{{Proposal: "C", Parcel: "L1", AreaMu: 10, Source: "adopt"}}); err != nil {
		t.Errorf("C beside A on L1 (40 of 50 mu): %v", err)
	}
	// A run refuses a contract on a parcel gone since it was stored.
	_, err := plan.Run(context.Background(), plan.Input{Parcels: xs[:1], Proposals: qs, Profile: policy.Default(), Contracts: []plan.Contract{row(2, "B", "L2")}}, &plan.Settings{Flips: -1})
	var pe *planner.Error
	if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid || !strings.Contains(pe.Error()+fmt.Sprint(pe.Diagnostics), "L2 no longer exists") {
		t.Errorf("run with a contract on a removed parcel: %v", err)
	}
}
