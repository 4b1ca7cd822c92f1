// Package exporttest builds a small hand-made plan and its parcels for the
// tests of the exports: every lot kind, every parcel status, Chinese
// names and extra input properties, in lon/lat near Liuzhou.
package exporttest

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/area"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// Rect returns the lon/lat rectangle [x0,x1]×[y0,y1], clockwise when cw is
// true (to check that exports fix the winding), counter-clockwise
// otherwise.
func Rect(x0, y0, x1, y1 float64, cw bool) orb.MultiPolygon {
	r := orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	if cw {
		r.Reverse()
	}
	return orb.MultiPolygon{{r}}
}

func parcel(id, zone string, st planner.Status, g orb.MultiPolygon, extra map[string]any) planner.Parcel {
	return planner.Parcel{ID: id, Zone: zone, LandUse: "100101", Status: st, Geometry: g,
		AreaM2: area.EllipsoidArea(g), Extra: extra}
}

func lot(id, parcelID, proposal, kind, mode string, phase int, g orb.MultiPolygon) plan.Lot {
	return plan.Lot{ID: id, Parcel: parcelID, Proposal: proposal, Kind: kind, SupplyMode: mode, Phase: phase,
		Geometry: g, AreaMu: area.EllipsoidArea(g) / planner.SquareMetresPerMu}
}

// withTenure returns a with the tenure t: mode, every part of the term and
// its texts.
func withTenure(a plan.Allocation, t rules.Tenure) plan.Allocation {
	a.SupplyMode, a.TermYears, a.LeaseYears, a.TransferYears = t.Mode, t.TermYears, t.LeaseYears, t.TransferYears
	a.TermText, a.TermTextZH = t.TermText, t.TermTextZH
	return a
}

// Plan returns the fixture plan "plan-1" (scenario "cap7") and its five
// parcels: L001 (new, whole to P01 by flexible-term transfer of 20 years),
// L002 (new, cut: P02 by 50-year transfer and a remainder), L003 (idle,
// freed by recovery from 2026-07-01, phased: P03's phase 1 by lease then
// transfer, 5 + 15 years, in 2026 and a reserved phase 2 by flexible-term
// transfer of 20 years in 2028), L004 (occupied, listed to investigate),
// L005 (reserved public facilities, clockwise input ring). P04 is not
// placed. The totals carry the quota and new land of 2026 and 2027.
//
// Complexity: long but flat: the literal test fixture plan.
func Plan() (*plan.Plan, []planner.Parcel) {
	const zone = "柳州国家高新区"
	x, y, d := 109.40, 24.30, 0.004
	parcels := []planner.Parcel{
		parcel("L001", zone, planner.StatusNew, Rect(x, y, x+d, y+d, false), map[string]any{"landmark": "阳和工业园", "plot_no": 12.0}),
		parcel("L002", zone, planner.StatusNew, Rect(x+1.2*d, y, x+2.2*d, y+d, true), map[string]any{"landmark": "官塘", "status": "extra-status"}),
		parcel("L003", "河西柳州高新区", planner.StatusIdle, Rect(x, y+1.2*d, x+d, y+2.2*d, false), map[string]any{"serviced_road": true}),
		parcel("L004", zone, planner.StatusOccupied, Rect(x+1.2*d, y+1.2*d, x+2.2*d, y+2.2*d, false), nil),
		parcel("L005", zone, planner.StatusReserved, Rect(x+2.4*d, y, x+3.4*d, y+2.2*d, true), nil),
	}
	lots := []plan.Lot{
		lot("L001-1", "L001", "P01", plan.LotWhole, "flexible_term", 0, Rect(x, y, x+d, y+d, false)),
		lot("L002-1", "L002", "P02", plan.LotAllocated, "transfer", 0, Rect(x+1.2*d, y, x+1.8*d, y+d, false)),
		lot("L002-2", "L002", "", plan.LotRemainder, "", 0, Rect(x+1.8*d, y, x+2.2*d, y+d, false)),
		lot("L003-1", "L003", "P03", plan.LotAllocated, "phased", 1, Rect(x, y+1.2*d, x+0.5*d, y+2.2*d, false)),
		lot("L003-2", "L003", "P03", plan.LotReserved, "phased", 2, Rect(x+0.5*d, y+1.2*d, x+d, y+2.2*d, false)),
	}
	reason := func(rule, clause, en, zh string) planner.Reason {
		return planner.Reason{Rule: rule, Clause: clause, Verdict: planner.VerdictPass, Message: en, MessageZH: zh}
	}
	phases := []rules.Phase{
		{Index: 1, AreaMu: lots[3].AreaMu, Now: true, Deadline: "2026-01-01", Year: 2026,
			Tenure: rules.NewTenure(rules.ModeLeaseThenTransfer, 5, 15)},
		{Index: 2, AreaMu: lots[4].AreaMu, Deadline: "2028-06-30", Year: 2028,
			Tenure: rules.NewTenure(rules.ModeFlexibleTerm, 0, 20)},
	}
	phased := phases[0].Tenure
	phased.Mode = rules.ModePhased
	phased.TermText, phased.TermTextZH = rules.PhasedTermText(phases)
	allocs := []plan.Allocation{
		withTenure(plan.Allocation{Proposal: "P01", ProposalName: "柳州新能源电池有限公司", Parcel: "L001", Zone: zone, Lot: "L001-1",
			AreaMu: lots[0].AreaMu, NowMu: lots[0].AreaMu, NewLandMu: lots[0].AreaMu,
			PriceYuan: 3.2e6, FacilityMu: 2.1, DormitoryMu: 1.0, Score: 0.8125, Value: 81.25, StartFrom: "2026-01-01",
			Reasons: []planner.Reason{reason("land_class", "12", "industrial class 1 land fits", "一类工业用地符合"),
				reason("supply.flexible", "12.3", "flexible term 20 years, \"lifecycle\" 18 years", "弹性年期 20 年，产业生命周期 18 年")}},
			rules.NewTenure(rules.ModeFlexibleTerm, 0, 20)),
		withTenure(plan.Allocation{Proposal: "P02", ProposalName: "Liuzhou Gear Works, Ltd.", Parcel: "L002", Zone: zone, Lot: "L002-1",
			AreaMu: lots[1].AreaMu, NowMu: lots[1].AreaMu, NewLandMu: lots[1].AreaMu, Requested: true,
			PriceYuan: 5.5e6, Score: 0.7, Value: 70, StartFrom: "2026-01-01",
			Reasons: []planner.Reason{reason("supply.transfer", "12.3", "50-year transfer", "50年出让")}},
			rules.NewTenure(rules.ModeTransfer, 0, 50)),
		withTenure(plan.Allocation{Proposal: "P03", ProposalName: "智能装备产业园", Parcel: "L003", Zone: "河西柳州高新区", Lot: "L003-1", Stock: true,
			AreaMu: lots[3].AreaMu + lots[4].AreaMu, NowMu: lots[3].AreaMu, StockMu: lots[3].AreaMu, Phases: phases,
			Route: policy.RouteRecovery, FreeFrom: "2026-07-01", StartFrom: "2026-07-01",
			PriceYuan: 2.0e6, Score: 0.66, Value: 66,
			Reasons: []planner.Reason{reason("supply.phased", "12.3", "two phases", "分两期供地")}},
			phased),
	}
	p := &plan.Plan{
		ID: "plan-1", Scenario: "cap7", Created: "2026-01-15T08:00:00Z", AsOf: "2026-01-01",
		InputsSHA256: "1111", PolicySHA256: "2222", ContentSHA256: "3333",
		Overrides: []string{"facility.eligible_zones=[]"},
		Objective: 217.25, Bound: 220, Gap: 0.0125, Status: "gap_reached",
		Allocations: allocs,
		Unallocated: []plan.Unallocated{{Proposal: "P04", Name: "物流仓储中心", Cause: plan.CauseIneligible,
			Reasons: []planner.Reason{{Rule: "land_use", Clause: "12", Verdict: planner.VerdictFail,
				Message: "no storage land in the pool", MessageZH: "地块池中无仓储用地"}}}},
		Lots: lots,
		Investigate: []plan.Investigate{{Parcel: "L004", Zone: zone, Status: planner.StatusOccupied, AreaMu: parcels[3].AreaMu(),
			Reasons: []planner.Reason{{Rule: rules.RuleInefficientUnconf, Clause: "12.2", Verdict: planner.VerdictInfo,
				Message: "plot ratio 0.4 meets the inefficient test; no finding recorded", MessageZH: "容积率 0.4 符合低效认定条件，尚无认定记录"}}}},
		Dominance: plan.DominanceCheck{Pairs: 3, Repaired: 1, Breaks: []plan.DominanceBreak{{Dominant: "P02", Dominated: "P04", Parcel: "L002"}}},
	}
	t := &p.Totals
	t.Projects, t.Rejected = 3, 1
	for _, a := range allocs {
		t.AllocatedMu += a.AreaMu
		t.NewLandMu += a.NewLandMu
		t.StockLandMu += a.StockMu
	}
	t.PhaseReservedMu = lots[4].AreaMu
	t.QuotaMu = 1000
	t.QuotaUsedShare = t.NewLandMu / t.QuotaMu
	t.QuotaByYear = map[string]float64{"2026": 1000, "2027": 1200}
	t.NewLandByYear = map[string]float64{"2026": t.NewLandMu}
	t.BySupplyMode = map[string]plan.ModeTotal{}
	for _, a := range allocs {
		mt := t.BySupplyMode[a.SupplyMode]
		mt.Count++
		mt.AreaMu += a.AreaMu
		t.BySupplyMode[a.SupplyMode] = mt
	}
	return p, parcels
}

// SecondPlan returns "plan-2" (base profile) over the same parcels: P01
// as before, P02 moved to L003 whole by lease then transfer (lease 5 years
// + transfer 15 years, the land purchased into the reserve and free from
// 2026-03-31), P03 not placed, P04 placed on L002 whole by a long lease of
// 20 years. Against Plan: P01
// unchanged, P02 moved, P03 removed, P04 added.
func SecondPlan() *plan.Plan {
	first, parcels := Plan()
	g := func(id string) orb.MultiPolygon {
		for _, p := range parcels {
			if p.ID == id {
				return p.Geometry
			}
		}
		return nil
	}
	lots := []plan.Lot{
		first.Lots[0],
		lot("L002-1", "L002", "P04", plan.LotWhole, "long_lease", 0, g("L002")),
		lot("L003-1", "L003", "P02", plan.LotWhole, "lease_then_transfer", 0, g("L003")),
	}
	allocs := []plan.Allocation{
		first.Allocations[0],
		withTenure(plan.Allocation{Proposal: "P02", ProposalName: "Liuzhou Gear Works, Ltd.", Parcel: "L003", Lot: "L003-1", AreaMu: lots[2].AreaMu,
			Stock: true, Route: policy.RouteAcquisition, FreeFrom: "2026-03-31", StartFrom: "2026-03-31", Score: 0.61, Value: 61},
			rules.NewTenure(rules.ModeLeaseThenTransfer, 5, 15)),
		withTenure(plan.Allocation{Proposal: "P04", ProposalName: "物流仓储中心", Parcel: "L002", Lot: "L002-1", AreaMu: lots[1].AreaMu,
			Score: 0.5, Value: 50}, rules.NewTenure(rules.ModeLongLease, 20, 0)),
	}
	p := &plan.Plan{ID: "plan-2", AsOf: "2026-01-01", Allocations: allocs, Lots: lots,
		Unallocated: []plan.Unallocated{{Proposal: "P03", Name: "智能装备产业园", Cause: plan.CauseOutcompeted}}}
	p.Totals.Projects, p.Totals.Rejected = 3, 1
	for _, a := range allocs {
		p.Totals.AllocatedMu += a.AreaMu
	}
	return p
}

// Synthetic returns a plan over n generated parcels for benchmarks: a grid
// of slightly skewed quadrilaterals about 100 m across near Liuzhou, in
// three zones, the statuses in turn, every other parcel with an extra
// property; every tenth parcel is given whole to a project, the supply
// modes in turn. The same n gives the same plan.
func Synthetic(n int) (*plan.Plan, []planner.Parcel) {
	zones := []string{"柳州国家高新区", "河西柳州高新区", "柳东新区"}
	modes := []string{"flexible_term", "lease_then_transfer", "phased", "long_lease", "transfer"}
	const side, cols = 0.001, 400
	parcels := make([]planner.Parcel, n)
	p := &plan.Plan{ID: "plan-1", Scenario: "bench", AsOf: "2026-01-01"}
	for i := range parcels {
		x := 109.2 + float64(i%cols)*side*1.2
		y := 24.1 + float64(i/cols)*side*1.2
		sk := float64(i%7) * side * 0.05
		g := orb.MultiPolygon{{{{x, y}, {x + side, y + sk}, {x + side + sk, y + side}, {x, y + side}, {x, y}}}}
		var extra map[string]any
		if i%2 == 0 {
			extra = map[string]any{"survey": "2023", "block": float64(i / cols)}
		}
		st := planner.Statuses[i%len(planner.Statuses)]
		parcels[i] = parcel(fmt.Sprintf("B%06d", i), zones[i%3], st, g, extra)
		if i%10 == 0 {
			id := fmt.Sprintf("P%06d", i/10)
			mode := modes[(i/10)%len(modes)]
			l := lot(parcels[i].ID+"-1", parcels[i].ID, id, plan.LotWhole, mode, 0, g)
			p.Lots = append(p.Lots, l)
			p.Allocations = append(p.Allocations, plan.Allocation{Proposal: id, ProposalName: "柳州合成项目" + id,
				Parcel: parcels[i].ID, Zone: parcels[i].Zone, Lot: l.ID, AreaMu: l.AreaMu, NowMu: l.AreaMu, SupplyMode: mode,
				TermYears: 20, Score: 0.5, Value: 50,
				Reasons: []planner.Reason{{Rule: "bench", Clause: "12", Message: "synthetic", MessageZH: "合成"}}})
			p.Totals.Projects++
			p.Totals.AllocatedMu += l.AreaMu
		}
	}
	return p, parcels
}
