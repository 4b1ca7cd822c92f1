package plan_test

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"

	"github.com/landplan/landplan/geo/area"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// areaTol is the tolerance of sums of areas and money in 亩 or 万元: the
// plan sums the same float64 figures the test sums, in another order, so
// they agree to rounding (~1e-12 relative); 1e-6 leaves room.
const areaTol = 1e-6

func near(a, b float64) bool {
	return math.Abs(a-b) <= areaTol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// checkPlan checks a plan against its inputs and its own totals: every
// proposal at most once, parcel areas, the quota, only eligible pairs on
// available parcels, objective ≤ bound and the gap as reported, totals as
// the sums of the allocations.
func checkPlan(t *testing.T, p *plan.Plan, parcels []planner.Parcel, proposals []planner.Proposal, prof *policy.Profile) {
	t.Helper()
	xs := map[string]planner.Parcel{}
	for _, x := range parcels {
		xs[x.ID] = x
	}
	qs := map[string]planner.Proposal{}
	for _, q := range proposals {
		qs[q.ID] = q
	}
	seen := map[string]bool{}
	load := map[string]float64{}
	var newLand, obj, output, tax, facility, dorm, area float64
	for _, a := range p.Allocations {
		if seen[a.Proposal] {
			t.Errorf("%s placed twice", a.Proposal)
		}
		seen[a.Proposal] = true
		x, q := xs[a.Parcel], qs[a.Proposal]
		pa := rules.AssessParcel(prof, x)
		qa := rules.AssessProposal(prof, q)
		if !pa.Available || x.Status == planner.StatusReserved || x.Status == planner.StatusOccupied {
			t.Errorf("%s placed on %s, status %s, not available", a.Proposal, a.Parcel, x.Status)
		}
		if pr := rules.AssessPair(prof, &pa, &qa); !pr.Eligible {
			t.Errorf("%s on %s: the rules do not allow it (%v)", a.Proposal, a.Parcel, pr.Failed)
		}
		load[a.Parcel] += math.Min(a.AreaMu, x.AreaMu())
		newLand += a.NewLandMu
		if a.Stock != x.Status.IsStock() || (a.Stock && a.NewLandMu != 0) {
			t.Errorf("%s on %s: stock %v, new land %.2f for status %s", a.Proposal, a.Parcel, a.Stock, a.NewLandMu, x.Status)
		}
		obj += a.Value
		output += q.Output
		tax += q.Tax
		facility += a.FacilityMu
		dorm += a.DormitoryMu
		area += a.AreaMu
	}
	for _, u := range p.Unallocated {
		if seen[u.Proposal] {
			t.Errorf("%s both placed and unallocated", u.Proposal)
		}
		seen[u.Proposal] = true
	}
	if len(seen) != len(proposals) {
		t.Errorf("%d proposals accounted for, want %d", len(seen), len(proposals))
	}
	for id, l := range load {
		if l > xs[id].AreaMu()*(1+1e-9) {
			t.Errorf("parcel %s: %.4f mu placed on %.4f mu", id, l, xs[id].AreaMu())
		}
	}
	if newLand > prof.Quota.NewLandMu*(1+1e-9) {
		t.Errorf("new land %.4f mu over the quota %.4f", newLand, prof.Quota.NewLandMu)
	}
	if p.Objective > p.Bound*(1+1e-12) {
		t.Errorf("objective %v above the bound %v", p.Objective, p.Bound)
	}
	if g := (p.Bound - p.Objective) / p.Bound; p.Bound != 0 && !near(g, p.Gap) || p.Bound == 0 && p.Gap != 0 {
		t.Errorf("gap %v, (bound − objective)/bound = %v", p.Gap, g)
	}
	tt := p.Totals
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"objective", p.Objective, obj}, {"new_land_mu", tt.NewLandMu, newLand}, {"output", tt.Output, output}, {"tax", tt.Tax, tax},
		{"facility_mu", tt.FacilityMu, facility}, {"dormitory_mu", tt.DormitoryMu, dorm}, {"allocated_mu", tt.AllocatedMu, area},
		{"projects", float64(tt.Projects), float64(len(p.Allocations))}, {"rejected", float64(tt.Rejected), float64(len(p.Unallocated))},
		{"quota_used_share", tt.QuotaUsedShare, newLand / prof.Quota.NewLandMu},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, sum of the allocations %v", c.name, c.got, c.want)
		}
	}
	modes := 0
	for _, m := range tt.BySupplyMode {
		modes += m.Count
	}
	if modes != len(p.Allocations) {
		t.Errorf("by_supply_mode counts %d allocations of %d", modes, len(p.Allocations))
	}
}

// checkLots checks that each parcel's lots tile it: each valid, the
// allocated and reserved ones within 0.5% of their areas, the lots' areas
// summing to the parcel's.
func checkLots(t *testing.T, p *plan.Plan, parcels []planner.Parcel) {
	t.Helper()
	xs := map[string]planner.Parcel{}
	for _, x := range parcels {
		xs[x.ID] = x
	}
	byParcel := map[string][]plan.Lot{}
	ids := map[string]bool{}
	for _, l := range p.Lots {
		byParcel[l.Parcel] = append(byParcel[l.Parcel], l)
		if ids[l.ID] {
			t.Errorf("lot id %s twice", l.ID)
		}
		ids[l.ID] = true
		if !strings.HasPrefix(l.ID, l.Parcel+"-") {
			t.Errorf("lot %s of parcel %s", l.ID, l.Parcel)
		}
		if err := geom.NewMultiPolygon(toSF(l.Geometry)).Validate(); err != nil {
			t.Errorf("lot %s: not a valid multipolygon: %v", l.ID, err)
		}
		if got := area.EllipsoidArea(l.Geometry) / planner.SquareMetresPerMu; !near(got, l.AreaMu) {
			t.Errorf("lot %s: area_mu %.4f, geometry %.4f", l.ID, l.AreaMu, got)
		}
	}
	for _, a := range p.Allocations {
		if !ids[a.Lot] {
			t.Errorf("%s: lot %q not in the plan", a.Proposal, a.Lot)
		}
		for _, l := range byParcel[a.Parcel] {
			want := a.NowMu
			switch {
			case l.Proposal != a.Proposal:
				continue
			case l.Kind == plan.LotWhole:
				want = xs[a.Parcel].AreaMu()
			case l.Kind == plan.LotReserved:
				want = a.Phases[l.Phase-1].AreaMu
			}
			// 0.5%: the lot tolerance of the plan (docs/geodesy.md, "Areas": within 0.5%).
			if math.Abs(l.AreaMu-want) > plan.LotTolerance*want {
				t.Errorf("lot %s (%s, %s): %.4f mu, want %.4f within 0.5%%", l.ID, l.Kind, a.Proposal, l.AreaMu, want)
			}
		}
	}
	for id, ls := range byParcel {
		sum := 0.0
		for _, l := range ls {
			sum += l.AreaMu
		}
		// The lots tile the parcel: their areas add up to it, to the
		// rounding of converting vertices (far below 0.01%).
		if whole := xs[id].AreaMu(); math.Abs(sum-whole) > 1e-4*whole {
			t.Errorf("parcel %s: lots sum to %.4f mu of %.4f", id, sum, whole)
		}
	}
}

func toSF(mp orb.MultiPolygon) []geom.Polygon {
	var out []geom.Polygon
	for _, poly := range mp {
		var rings []geom.LineString
		for _, r := range poly {
			var cs []float64
			for _, pt := range r {
				cs = append(cs, pt[0], pt[1])
			}
			rings = append(rings, geom.NewLineString(geom.NewSequence(cs, geom.DimXY)))
		}
		out = append(out, geom.NewPolygon(rings))
	}
	return out
}

func TestSamplePlan(t *testing.T) {
	parcels, proposals := loadSample(t)
	p := runSample(t)
	if p.Status != "optimal" && p.Status != "gap_reached" {
		t.Fatalf("status %s: the sample should solve to the target gap within %v", p.Status, testTimeLimit)
	}
	if p.Gap > testGap {
		t.Errorf("gap %v over the target %v", p.Gap, testGap)
	}
	checkPlan(t, p, parcels, proposals, policy.Default())
	checkLots(t, p, parcels)
	if p.Totals.Projects == 0 || p.Totals.StockLandMu == 0 || p.Totals.PhaseReservedMu == 0 {
		t.Errorf("the sample should place projects on new and stock land with phases: %+v", p.Totals)
	}
	if p.InputsSHA256 != plan.InputsSHA256(parcels, proposals) || p.PolicySHA256 != policy.Default().SHA256() {
		t.Error("input or policy hash differs from a recomputation")
	}
	if sum, _ := plan.ContentSHA256(p); sum != p.ContentSHA256 {
		t.Errorf("content sha256 %s, recomputed %s", p.ContentSHA256, sum)
	}
	for _, a := range p.Allocations {
		if len(a.Breakdown) == 0 || a.TermText == "" || a.TermTextZH == "" || a.Lot == "" || a.StartFrom == "" {
			t.Errorf("%s: explanation incomplete: breakdown %d, term %q/%q, lot %q, start %q", a.Proposal, len(a.Breakdown), a.TermText, a.TermTextZH, a.Lot, a.StartFrom)
		}
		for _, rule := range []string{rules.RuleAreaFit, rules.RuleScore, plan.RuleRunnerUp} {
			if !slices.ContainsFunc(a.Reasons, func(r planner.Reason) bool { return r.Rule == rule && r.MessageZH != "" }) {
				t.Errorf("%s: no %s reason", a.Proposal, rule)
			}
		}
		// The tenure comes from the profile's rule or the enterprise's own
		// request (12.3), and says which.
		if !slices.ContainsFunc(a.Reasons, func(r planner.Reason) bool {
			return r.Rule == rules.RuleSupplyMode || r.Rule == rules.RuleSupplyRequest && a.Requested
		}) {
			t.Errorf("%s: no supply.mode or granted supply.request reason", a.Proposal)
		}
		if a.RunnerUp.Parcel != "" && a.RunnerUp.ParcelValue > a.Value && a.RunnerUp.Parcel == a.Parcel {
			t.Errorf("%s: runner-up parcel is its own", a.Proposal)
		}
	}
	for _, u := range p.Unallocated {
		if len(u.Reasons) == 0 || u.Cause == "" {
			t.Errorf("%s: no cause", u.Proposal)
		}
		if u.Cause == plan.CauseIneligible && u.EligibleParcels != 0 || u.Cause != plan.CauseIneligible && u.EligibleParcels == 0 {
			t.Errorf("%s: cause %s with %d eligible parcels", u.Proposal, u.Cause, u.EligibleParcels)
		}
	}
}

// The same inputs and policy give the same plan, byte for byte, whatever
// the order of the inputs.
func TestDeterministic(t *testing.T) {
	parcels, proposals := loadSample(t)
	// Flips included: their re-solves end on a node limit, not the clock.
	a, err := runFixture(t, parcels, proposals, profile(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	rev := slices.Clone(parcels)
	slices.Reverse(rev)
	qrev := slices.Clone(proposals)
	slices.Reverse(qrev)
	b, err := runFixture(t, rev, qrev, profile(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(a.Unallocated, func(u plan.Unallocated) bool { return u.Flip != nil }) {
		t.Error("the sample plan has no verified flip")
	}
	b.Scenario, b.Overrides = a.Scenario, a.Overrides
	sum, _ := plan.ContentSHA256(b)
	b.ContentSHA256 = sum
	ja, _ := plan.Canonical(a)
	jb, _ := plan.Canonical(b)
	if !bytes.Equal(ja, jb) {
		t.Fatalf("two runs differ:\n%s", firstDiff(ja, jb))
	}
	if a.ContentSHA256 != b.ContentSHA256 || a.InputsSHA256 != b.InputsSHA256 {
		t.Error("hashes differ")
	}
}

func firstDiff(a, b []byte) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	lo := max(0, n-80)
	return string(a[lo:min(len(a), n+80)]) + "\nvs\n" + string(b[lo:min(len(b), n+80)])
}

// Scenarios move the plan in the expected direction.
func TestScenarios(t *testing.T) {
	parcels, proposals := loadSample(t)
	base := runSample(t)
	tests := []struct {
		name      string
		overrides []string
		check     func(t *testing.T, p *plan.Plan)
	}{
		{
			name:      "7% facility cap everywhere",
			overrides: []string{"facility.raised_cap=0.07"},
			check: func(t *testing.T, p *plan.Plan) {
				for _, a := range p.Allocations {
					if a.FacilityMu > 0.07*a.AreaMu*(1+1e-9) {
						t.Errorf("%s: facility %.3f mu over 7%% of %.3f", a.Proposal, a.FacilityMu, a.AreaMu)
					}
				}
				// Projects that used the raised cap in the base plan are
				// trimmed to 7% where they are placed again.
				raised, trimmed := 0, 0
				for _, b := range base.Allocations {
					if b.FacilityMu <= 0.07*b.AreaMu*(1+1e-9) {
						continue
					}
					raised++
					if a, ok := allocationOf(p, b.Proposal); ok && a.FacilityMu < b.FacilityMu {
						trimmed++
					}
				}
				if raised == 0 || trimmed == 0 {
					t.Errorf("%d base allocations above 7%%, %d trimmed: the sample should exercise the raised cap", raised, trimmed)
				}
			},
		},
		{
			name:      "half the quota",
			overrides: []string{"quota.new_land_mu=600"},
			check: func(t *testing.T, p *plan.Plan) {
				if p.Totals.NewLandMu > 600*(1+1e-9) || p.Totals.NewLandMu >= base.Totals.NewLandMu {
					t.Errorf("new land %.2f mu (base %.2f): want ≤ 600 and less", p.Totals.NewLandMu, base.Totals.NewLandMu)
				}
				// A tighter constraint cannot raise the optimum: the
				// objective stays within the base plan's proven bound.
				if p.Objective > base.Bound {
					t.Errorf("objective %v above the base bound %v", p.Objective, base.Bound)
				}
				if slices.ContainsFunc(p.Unallocated, func(u plan.Unallocated) bool { return u.Cause == plan.CauseQuota }) == false &&
					!slices.ContainsFunc(p.Unallocated, func(u plan.Unallocated) bool { return u.Cause == plan.CauseOutcompeted }) {
					t.Error("no proposal left out by the quota or outcompeted")
				}
			},
		},
		{
			name:      "stock first",
			overrides: []string{"stock.first=true", "stock.first_bonus=0.3"},
			check: func(t *testing.T, p *plan.Plan) {
				if p.Totals.StockLandMu < base.Totals.StockLandMu {
					t.Errorf("stock land %.2f mu, base %.2f: want no less", p.Totals.StockLandMu, base.Totals.StockLandMu)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := runSample(t, tc.overrides...)
			checkPlan(t, p, parcels, proposals, profile(t, tc.overrides...))
			if p.PolicySHA256 == base.PolicySHA256 || !slices.Equal(p.Overrides, tc.overrides) {
				t.Errorf("policy hash unchanged or overrides %v not recorded", p.Overrides)
			}
			tc.check(t, p)
		})
	}
}

func TestCauses(t *testing.T) {
	tests := []struct {
		name      string
		parcels   []planner.Parcel
		proposals []planner.Proposal
		overrides []string
		check     func(t *testing.T, p *plan.Plan)
	}{
		{
			name:      "quota exhausted",
			parcels:   []planner.Parcel{parcel("L1", 0, 40), parcel("L2", 1, 40)},
			proposals: []planner.Proposal{proposal("A", 30, 2), proposal("B", 25, 1)},
			overrides: []string{"quota.new_land_mu=35"},
			check: func(t *testing.T, p *plan.Plan) {
				if _, ok := allocationOf(p, "A"); !ok {
					t.Fatal("A, the better project, is not placed")
				}
				u, ok := unallocatedOf(p, "B")
				if !ok || u.Cause != plan.CauseQuota {
					t.Fatalf("B: %+v, want cause quota", u)
				}
				// 35 − 30 = 5 mu left; B needs 25.
				if !strings.Contains(u.Reasons[0].Message, "5.00 mu left") || !strings.Contains(u.Reasons[0].Message, "25.00 mu") {
					t.Errorf("B: %s", u.Reasons[0].Message)
				}
			},
		},
		{
			name:      "outcompeted",
			parcels:   []planner.Parcel{parcel("L1", 0, 40, stock)},
			proposals: []planner.Proposal{proposal("A", 30, 2), proposal("B", 30, 1)},
			check: func(t *testing.T, p *plan.Plan) {
				a, ok := allocationOf(p, "A")
				if !ok || a.Parcel != "L1" {
					t.Fatalf("A not on L1: %+v", p.Allocations)
				}
				u, ok := unallocatedOf(p, "B")
				if !ok || u.Cause != plan.CauseOutcompeted || len(u.Competitors) != 1 || u.Competitors[0].Proposal != "A" || u.Competitors[0].Parcel != "L1" {
					t.Fatalf("B: %+v, want outcompeted by A on L1", u)
				}
				if u.Competitors[0].Value <= u.Competitors[0].WantedValue {
					t.Errorf("competitor value %v not above B's %v", u.Competitors[0].Value, u.Competitors[0].WantedValue)
				}
				if a.RunnerUp.Proposal != "B" {
					t.Errorf("A: runner-up %+v", a.RunnerUp)
				}
			},
		},
		{
			name:      "ineligible",
			parcels:   []planner.Parcel{parcel("L1", 0, 40), parcel("L2", 1, 10), parcel("R1", 2, 40, func(x *planner.Parcel) { x.Status = planner.StatusReserved })},
			proposals: []planner.Proposal{proposal("A", 30, 1), proposal("X", 30, 1, func(q *planner.Proposal) { q.Industry = "mining" }), proposal("Y", 50, 1)},
			check: func(t *testing.T, p *plan.Plan) {
				x, _ := unallocatedOf(p, "X")
				if x.Cause != plan.CauseIneligible || !hasRule(x.Reasons, rules.RuleIndustry) {
					t.Errorf("X: %+v, want ineligible by industry.known", x)
				}
				y, _ := unallocatedOf(p, "Y")
				if y.Cause != plan.CauseIneligible || !hasRuleMsg(y.Reasons, rules.RuleAreaFit, "excludes 2 parcel") || !hasRuleMsg(y.Reasons, rules.RuleReserved, "excludes 1 parcel") {
					t.Errorf("Y: %+v, want area.fit excluding 2 parcels and the reserved one", y.Reasons)
				}
				for _, a := range p.Allocations {
					if a.Parcel == "R1" {
						t.Error("reserved parcel allocated")
					}
				}
			},
		},
		{
			name:      "nothing eligible",
			parcels:   []planner.Parcel{parcel("L1", 0, 10)},
			proposals: []planner.Proposal{proposal("A", 30, 1)},
			check: func(t *testing.T, p *plan.Plan) {
				if len(p.Allocations) != 0 || len(p.Lots) != 0 || p.Objective != 0 || p.Bound != 0 || p.Unallocated[0].Cause != plan.CauseIneligible {
					t.Errorf("plan %+v", p)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prof := profile(t, tc.overrides...)
			p, err := runFixture(t, tc.parcels, tc.proposals, prof, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, p, tc.parcels, tc.proposals, prof)
			checkLots(t, p, tc.parcels)
			tc.check(t, p)
		})
	}
}

func hasRule(rs []planner.Reason, rule string) bool {
	return slices.ContainsFunc(rs, func(r planner.Reason) bool { return r.Rule == rule })
}

func hasRuleMsg(rs []planner.Reason, rule, msg string) bool {
	return slices.ContainsFunc(rs, func(r planner.Reason) bool { return r.Rule == rule && strings.Contains(r.Message, msg) })
}

// Lots: two projects and a phased one share a parcel; a project given a
// parcel whole gets it as one lot.
func TestLots(t *testing.T) {
	xs := []planner.Parcel{parcel("L1", 0, 100), parcel("L2", 1, 20)}
	qs := []planner.Proposal{
		proposal("A", 30, 2),
		proposal("B", 20, 2),
		proposal("C", 40, 2, func(q *planner.Proposal) { q.Phases, q.Phase1Share = 2, 0.5 }),
		proposal("D", 20, 1.5),
	}
	prof := profile(t)
	p, err := runFixture(t, xs, qs, prof, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, p, xs, qs, prof)
	checkLots(t, p, xs)
	kinds := map[string][]string{}
	for _, l := range p.Lots {
		kinds[l.Parcel] = append(kinds[l.Parcel], l.Kind)
	}
	// L2 fits one 20 亩 project exactly: it gets the parcel whole; L1
	// carries the other three, C's later phase and the remainder.
	if !slices.Equal(kinds["L2"], []string{plan.LotWhole}) {
		t.Errorf("L2 lots %v, want one whole lot", kinds["L2"])
	}
	want := []string{plan.LotAllocated, plan.LotAllocated, plan.LotAllocated, plan.LotRemainder, plan.LotReserved}
	if got := slices.Sorted(slices.Values(kinds["L1"])); !slices.Equal(got, want) {
		t.Errorf("L1 lots %v, want %v", got, want)
	}
	c, _ := allocationOf(p, "C")
	if c.Parcel != "L1" || len(c.Phases) != 2 || c.NowMu != 20 || c.AreaMu != 40 {
		t.Errorf("C: %+v, want 20 亩 now and 20 reserved on L1", c)
	}
	for _, l := range p.Lots {
		if l.Kind == plan.LotReserved && (l.Proposal != "C" || l.Phase != 2) {
			t.Errorf("reserved lot %+v, want C's phase 2", l)
		}
	}
}

func TestForcedAndInfeasible(t *testing.T) {
	xs := []planner.Parcel{parcel("L1", 0, 40), parcel("L2", 1, 40), parcel("L3", 2, 20)}
	qs := []planner.Proposal{proposal("A", 30, 2), proposal("B", 25, 1), proposal("C", 15, 1)}
	tests := []struct {
		name      string
		overrides []string
		kind      planner.ErrorKind
		want      []string // substrings of the error; nil = success
		check     func(t *testing.T, p *plan.Plan)
	}{
		{name: "forced pair kept", overrides: []string{"plan.forced=B@L3"}, kind: planner.KindInvalid, want: []string{"B@L3", "area.fit"}},
		{name: "forced pairs over a parcel", overrides: []string{"plan.forced=A@L1,C@L1"}, kind: planner.KindInfeasible, want: []string{"parcel L1", "plan.forced"}},
		{name: "forced pairs over the quota", overrides: []string{"quota.new_land_mu=40", "plan.forced=A@L1,B@L2"}, kind: planner.KindInfeasible, want: []string{"quota.new_land", "40.00 mu"}},
		{name: "unknown parcel", overrides: []string{"plan.forced=A@L9"}, kind: planner.KindInvalid, want: []string{"L9", "no such parcel"}},
		{
			name: "forced pair made", overrides: []string{"plan.forced=C@L1"},
			check: func(t *testing.T, p *plan.Plan) {
				c, ok := allocationOf(p, "C")
				if !ok || c.Parcel != "L1" || !hasRule(c.Reasons, plan.RuleForced) {
					t.Errorf("C: %+v", c)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prof := profile(t, tc.overrides...)
			p, err := runFixture(t, xs, qs, prof, nil)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				checkPlan(t, p, xs, qs, prof)
				tc.check(t, p)
				return
			}
			if err == nil {
				t.Fatalf("no error, want %v", tc.want)
			}
			if planner.KindOf(err) != tc.kind {
				t.Errorf("kind %v, want %v: %v", planner.KindOf(err), tc.kind, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	xs := []planner.Parcel{parcel("L1", 0, 40)}
	qs := []planner.Proposal{proposal("A", 30, 2)}
	tests := []struct {
		name     string
		parcels  []planner.Parcel
		scenario plan.Scenario
		kind     planner.ErrorKind
		want     []string
	}{
		{name: "unknown scenario key", scenario: plan.Scenario{Name: "s1", Overrides: []string{"facility.raised_cp=0.07"}}, kind: planner.KindInvalid,
			want: []string{`scenario "s1"`, "facility.raised_cp", `"facility.raised_cap"`}},
		{name: "override without value", scenario: plan.Scenario{Name: "s2", Overrides: []string{"quota.new_land_mu"}}, kind: planner.KindInvalid, want: []string{"KEY=VALUE"}},
		{name: "value out of range", scenario: plan.Scenario{Name: "s3", Overrides: []string{"quota.new_land_mu=-5"}}, kind: planner.KindInvalid, want: []string{"quota.new_land_mu", "out of range"}},
		{name: "bad measure", scenario: plan.Scenario{Name: "s4", Overrides: []string{"objective.measure=area"}}, kind: planner.KindInvalid, want: []string{"objective.measure"}},
		{name: "bad scenario name", scenario: plan.Scenario{Name: "two words"}, kind: planner.KindInvalid, want: []string{"scenario name"}},
		{name: "duplicate parcel", parcels: []planner.Parcel{xs[0], xs[0]}, scenario: plan.Scenario{Name: "ok"}, kind: planner.KindInvalid, want: []string{"L1", "given twice"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prof, err := plan.ApplyScenario(policy.Default(), tc.scenario)
			if err == nil {
				ps := tc.parcels
				if ps == nil {
					ps = xs
				}
				_, err = runFixture(t, ps, qs, prof, nil)
			}
			if err == nil || planner.KindOf(err) != tc.kind {
				t.Fatalf("error %v (kind %v), want kind %v", err, planner.KindOf(err), tc.kind)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// Each measure gives a plan whose objective is the sum of the values the
// measure defines.
func TestMeasures(t *testing.T) {
	xs := []planner.Parcel{parcel("L1", 0, 40), parcel("L2", 1, 40, stock)}
	qs := []planner.Proposal{proposal("A", 30, 2), proposal("B", 10, 3), proposal("C", 35, 1.2)}
	for _, m := range []string{policy.MeasureScoreArea, policy.MeasureScore, policy.MeasureOutput, policy.MeasureTax} {
		t.Run(m, func(t *testing.T) {
			prof := profile(t, "objective.measure="+m)
			p, err := runFixture(t, xs, qs, prof, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, p, xs, qs, prof)
			for _, a := range p.Allocations {
				var want float64
				switch m {
				case policy.MeasureScoreArea:
					want = a.Score * a.AreaMu
				case policy.MeasureScore:
					want = a.Score
				case policy.MeasureOutput:
					want = a.Output * (1 + 0.01*a.Score) // the documented tie-break weight
				case policy.MeasureTax:
					want = a.Tax * (1 + 0.01*a.Score)
				}
				if !near(a.Value, want) {
					t.Errorf("%s: value %v, want %v", a.Proposal, a.Value, want)
				}
			}
			if p.Measure != m || p.ObjectiveDef == "" || p.ObjectiveDefZH == "" {
				t.Errorf("measure %q, definition %q / %q", p.Measure, p.ObjectiveDef, p.ObjectiveDefZH)
			}
		})
	}
}
