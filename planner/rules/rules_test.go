package rules_test

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

func TestK(t *testing.T) {
	// docs/policy.md "Supply modes and terms" gives K at r = 6% to three decimals, so the tolerance is
	// half a unit in the third decimal.
	const tol = 0.0005
	for _, tc := range []struct {
		m    int
		r    float64
		want float64
	}{
		{10, 0.06, 0.467}, {20, 0.06, 0.728}, {30, 0.06, 0.873}, {40, 0.06, 0.955},
		{50, 0.06, 1}, {50, 0.04, 1}, {0, 0.06, 0},
		{25, 0, 0.5}, // r = 0: the limit m/50
	} {
		if got := rules.K(tc.m, tc.r); math.Abs(got-tc.want) > tol {
			t.Errorf("K(%d, %v) = %.5f, want %.3f", tc.m, tc.r, got, tc.want)
		}
	}
	// K rises with the term and, for m < 50, falls as r falls.
	for m := 1; m < 50; m++ {
		if !(rules.K(m, 0.06) > rules.K(m-1, 0.06)) || !(rules.K(m, 0.04) < rules.K(m, 0.06)) {
			t.Fatalf("K not monotone at m = %d", m)
		}
	}
}

func TestParcelAvailability(t *testing.T) {
	p := policy.Default()
	tests := []struct {
		name      string
		x         planner.Parcel
		available bool
		stock     bool
		fail      string
	}{
		{"new industrial", parcel("A", 50), true, false, ""},
		{"old code M2", parcel("A", 50, func(x *planner.Parcel) { x.LandUse = "M2" }), true, false, ""},
		{"storage", parcel("A", 50, func(x *planner.Parcel) { x.LandUse = "1101" }), true, false, ""},
		{"idle stock", parcel("A", 50, idleLand), true, true, ""},
		{"reserved never allocated", parcel("A", 50, func(x *planner.Parcel) { x.Status = planner.StatusReserved }), false, false, rules.RuleReserved},
		{"occupied", parcel("A", 50, func(x *planner.Parcel) { x.Status = planner.StatusOccupied }), false, false, rules.RuleOccupied},
		{"park land", parcel("A", 50, func(x *planner.Parcel) { x.LandUse = "1401" }), false, false, rules.RuleLandUseIndustrial},
		{"bad code", parcel("A", 50, func(x *planner.Parcel) { x.LandUse = "X9" }), false, false, rules.RuleLandUseCode},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := rules.AssessParcel(p, tc.x)
			if a.Available != tc.available || a.Stock != tc.stock {
				t.Errorf("available %v stock %v, want %v %v", a.Available, a.Stock, tc.available, tc.stock)
			}
			if tc.fail != "" && !hasRule(a.Reasons, tc.fail, planner.VerdictFail) {
				t.Errorf("no failing %s reason in %+v", tc.fail, a.Reasons)
			}
			if tc.stock && !hasRule(a.Reasons, rules.RuleStock, planner.VerdictInfo) {
				t.Error("stock land without its quota reason")
			}
			for _, r := range a.Reasons {
				if r.Message == "" || r.MessageZH == "" || r.Clause == "" {
					t.Errorf("reason %+v lacks a message or clause", r)
				}
			}
		})
	}
}

func TestIdle(t *testing.T) {
	p := policy.Default() // plan.as_of = 2026-12-31
	area := 30.0
	tests := []struct {
		name                       string
		mod                        func(*planner.Parcel)
		rule, since, fee, recovery string
		disposal                   string
		noPrice                    bool
	}{
		{name: "not started 1.5 years: fee", mod: func(x *planner.Parcel) { x.AgreedStart = "2025-06-01" },
			rule: rules.RuleIdleNotStarted, since: "2026-06-01", fee: "2026-06-01", recovery: "2027-06-01", disposal: rules.DisposalIdleFee},
		{name: "not started exactly one year", mod: func(x *planner.Parcel) { x.AgreedStart = "2025-12-31" },
			rule: rules.RuleIdleNotStarted, since: "2026-12-31", fee: "2026-12-31", recovery: "2027-12-31", disposal: rules.DisposalIdleFee},
		{name: "not started a day short of a year", mod: func(x *planner.Parcel) { x.AgreedStart = "2026-01-01" }},
		{name: "not started 2.8 years: recovery", mod: func(x *planner.Parcel) { x.AgreedStart = "2024-03-01" },
			rule: rules.RuleIdleNotStarted, since: "2025-03-01", fee: "2025-03-01", recovery: "2026-03-01", disposal: rules.DisposalRecovery},
		{name: "started, developed 20%, halted 14 months", mod: func(x *planner.Parcel) {
			x.AgreedStart, x.DevelopedShare, x.InvestedShare, x.HaltedSince = "2023-01-01", f(0.2), f(0.5), "2025-10-01"
		}, rule: rules.RuleIdleHalted, since: "2026-10-01", fee: "2026-10-01", recovery: "2027-10-01", disposal: rules.DisposalIdleFee},
		{name: "developed half but invested 20%, halted 2 years", mod: func(x *planner.Parcel) {
			x.DevelopedShare, x.InvestedShare, x.HaltedSince = f(0.5), f(0.2), "2024-12-01"
		}, rule: rules.RuleIdleHalted, since: "2025-12-01", fee: "2025-12-01", recovery: "2026-12-01", disposal: rules.DisposalRecovery},
		{name: "developed half, invested half: not idle however long halted", mod: func(x *planner.Parcel) {
			x.DevelopedShare, x.InvestedShare, x.HaltedSince = f(0.5), f(0.5), "2020-01-01"
		}},
		{name: "started and going: not idle", mod: func(x *planner.Parcel) { x.AgreedStart, x.DevelopedShare = "2020-01-01", f(0.1) }},
		{name: "no price: no fee amount", mod: func(x *planner.Parcel) { x.AgreedStart, x.Price = "2025-06-01", nil },
			rule: rules.RuleIdleNotStarted, since: "2026-06-01", fee: "2026-06-01", recovery: "2027-06-01", disposal: rules.DisposalIdleFee, noPrice: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := parcel("I", area, func(x *planner.Parcel) { x.Status = planner.StatusOccupied }, tc.mod)
			a := rules.AssessParcel(p, x)
			if tc.rule == "" {
				if a.Idle != nil {
					t.Fatalf("idle finding %+v, want none", a.Idle)
				}
				return
			}
			got := a.Idle
			if got == nil {
				t.Fatal("no idle finding")
			}
			if got.Rule != tc.rule || got.Since != tc.since || got.FeeDue != tc.fee || got.RecoveryDue != tc.recovery || got.Disposal != tc.disposal {
				t.Errorf("finding %+v, want rule %s since %s fee %s recovery %s disposal %s", got, tc.rule, tc.since, tc.fee, tc.recovery, tc.disposal)
			}
			if tc.noPrice {
				if got.FeeYuan != nil {
					t.Errorf("fee %v without a price", *got.FeeYuan)
				}
			} else {
				// 20% of 236 元/m² over 30 亩 = 20 000 m²: 944 000 元.
				if got.FeeYuan == nil || math.Abs(*got.FeeYuan-944000) > 1e-6 {
					t.Errorf("fee %v, want 944000", got.FeeYuan)
				}
			}
			if r, ok := ruleReason(a.Reasons, tc.rule); !ok || !strings.Contains(r.Message, tc.since) || !strings.Contains(r.MessageZH, tc.recovery) {
				t.Errorf("reason %+v does not give the dates", r)
			}
		})
	}
	t.Run("declared idle without the data", func(t *testing.T) {
		a := rules.AssessParcel(p, parcel("I", 10, func(x *planner.Parcel) { x.Status = planner.StatusIdle }))
		if a.Idle != nil || !hasRule(a.Reasons, rules.RuleIdleUnconfirmed, planner.VerdictInfo) || a.Available || !a.Investigate ||
			!hasRule(a.Reasons, rules.RuleStockUnconfirmed, planner.VerdictFail) {
			t.Errorf("idle %+v, available %v, investigate %v, reasons %+v", a.Idle, a.Available, a.Investigate, a.Reasons)
		}
	})
}

func TestInefficient(t *testing.T) {
	p := policy.Default() // plot_ratio_below 0.5, tax_per_mu_below 5
	tests := []struct {
		name  string
		mod   func(*planner.Parcel)
		rules []string
	}{
		{"low plot ratio", func(x *planner.Parcel) { x.CurrentPlotRatio = f(0.3) }, []string{rules.RuleInefficientPlot}},
		{"low tax", func(x *planner.Parcel) { x.CurrentTaxPerMu = f(3) }, []string{rules.RuleInefficientTax}},
		{"both", func(x *planner.Parcel) { x.CurrentPlotRatio, x.CurrentTaxPerMu = f(0.2), f(1) }, []string{rules.RuleInefficientPlot, rules.RuleInefficientTax}},
		{"at the thresholds", func(x *planner.Parcel) { x.CurrentPlotRatio, x.CurrentTaxPerMu = f(0.5), f(5) }, nil},
		{"no figures", func(x *planner.Parcel) {}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := rules.AssessParcel(p, parcel("E", 20, func(x *planner.Parcel) { x.Status = planner.StatusOccupied }, tc.mod))
			var got []string
			for _, fi := range a.Inefficient {
				got = append(got, fi.Rule)
				if !hasRule(a.Reasons, fi.Rule, planner.VerdictInfo) {
					t.Errorf("no reason for %s", fi.Rule)
				}
			}
			if !slices.Equal(got, tc.rules) {
				t.Errorf("findings %v, want %v", got, tc.rules)
			}
		})
	}
	t.Run("thresholds from the profile", func(t *testing.T) {
		p := profile(t, "stock.inefficient.plot_ratio_below", "0.8")
		a := rules.AssessParcel(p, parcel("E", 20, func(x *planner.Parcel) { x.CurrentPlotRatio = f(0.6) }))
		if len(a.Inefficient) != 1 || a.Inefficient[0].Threshold != 0.8 {
			t.Errorf("findings %+v", a.Inefficient)
		}
	})
	t.Run("declared inefficient without the figures", func(t *testing.T) {
		a := rules.AssessParcel(p, parcel("E", 20, func(x *planner.Parcel) { x.Status = planner.StatusInefficient }))
		if !hasRule(a.Reasons, rules.RuleInefficientUnconf, planner.VerdictInfo) || a.Available || !a.Investigate {
			t.Errorf("available %v, investigate %v, reasons %+v", a.Available, a.Investigate, a.Reasons)
		}
	})
}

func TestAssessProposal(t *testing.T) {
	tests := []struct {
		name     string
		profile  []string
		mod      func(*planner.Proposal)
		eligible bool
		fail     []string
		info     []string
	}{
		{name: "meets everything", mod: func(*planner.Proposal) {}, eligible: true},
		{name: "unknown industry", mod: func(q *planner.Proposal) { q.Industry = "casino" }, fail: []string{rules.RuleIndustry}},
		// auto_parts minimum plot ratio 0.7 (2008 table, 37 transport equipment).
		{name: "plot ratio below the industry minimum", mod: func(q *planner.Proposal) { q.PlotRatio = f(0.6) }, fail: []string{rules.RulePlotRatioIndustry}},
		{name: "plot ratio not given", mod: func(q *planner.Proposal) { q.PlotRatio = nil }, eligible: true, info: []string{rules.RulePlotRatioIndustry}},
		{name: "ict needs 1.0", mod: func(q *planner.Proposal) { q.Industry, q.PlotRatio = "ict", f(0.9) }, fail: []string{rules.RulePlotRatioIndustry}},
		{name: "building coverage below 30%", mod: func(q *planner.Proposal) { q.BuildingCoverage = f(0.29) }, fail: []string{rules.RuleBuildingCoverage}},
		{name: "building coverage exactly 30%", mod: func(q *planner.Proposal) { q.BuildingCoverage = f(0.3) }, eligible: true},
		{name: "facility floor area within 15% (clause 13)", mod: func(q *planner.Proposal) { q.FloorAreaM2, q.FacilityFloorAreaM2 = f(20000), f(3000) }, eligible: true},
		{name: "facility floor area over 15%, trimmed by contract", mod: func(q *planner.Proposal) { q.FloorAreaM2, q.FacilityFloorAreaM2 = f(20000), f(4000) }, eligible: true,
			info: []string{rules.RuleFacilityFloorArea}},
		{name: "facility floor area over 15%, rejected", profile: []string{"facility.over_cap", "reject"}, mod: func(q *planner.Proposal) { q.FloorAreaM2, q.FacilityFloorAreaM2 = f(20000), f(4000) },
			fail: []string{rules.RuleFacilityFloorArea}},
		{name: "no floor-area data: not checked", mod: func(*planner.Proposal) {}, eligible: true, info: []string{rules.RuleFacilityFloorArea}},
		{name: "strategic industry and prospect type", mod: func(q *planner.Proposal) { q.Industry, q.EnterpriseTypes = "nev", []string{"large", "gazelle"} }, eligible: true,
			info: []string{rules.RuleProspectStrategic, rules.RuleProspectEnterprise}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := rules.AssessProposal(profile(t, tc.profile...), proposal("P", 40, tc.mod))
			if a.Eligible != tc.eligible {
				t.Errorf("eligible %v, want %v; reasons %+v", a.Eligible, tc.eligible, a.Reasons)
			}
			for _, r := range tc.fail {
				if !hasRule(a.Reasons, r, planner.VerdictFail) {
					t.Errorf("no failing %s", r)
				}
			}
			for _, r := range tc.info {
				if !hasRule(a.Reasons, r, planner.VerdictInfo) {
					t.Errorf("no info %s", r)
				}
			}
		})
	}
	a := rules.AssessProposal(policy.Default(), proposal("P", 40, func(q *planner.Proposal) { q.Industry, q.EnterpriseTypes = "nev", []string{"large", "gazelle"} }))
	if !a.Strategic || !slices.Equal(a.ProspectTypes, []string{"gazelle"}) || a.TaxPerMu != 25 {
		t.Errorf("strategic %v prospects %v tax/mu %v", a.Strategic, a.ProspectTypes, a.TaxPerMu)
	}
}

func pair(p *policy.Profile, x planner.Parcel, q planner.Proposal) rules.PairAssessment {
	pa := rules.AssessParcel(p, x)
	qa := rules.AssessProposal(p, q)
	return rules.AssessPair(p, &pa, &qa)
}

// TestFacility holds the clause-text cases of 12.7 and clause 13.
func TestFacility(t *testing.T) {
	const area = 100.0
	national, other := "柳州国家高新区", "鹿寨经济开发区"
	tests := []struct {
		name        string
		profile     []string
		zone        string
		share, dorm float64 // facility share of project land; dormitory share of the facility land
		eligible    bool
		failRule    string
		wantShare   float64
		wantDormMu  float64
		infoRule    string
	}{
		{name: "7% anywhere passes", zone: other, share: 0.07, eligible: true, wantShare: 0.07},
		{name: "10% in an eligible zone with the increase in dormitories passes", zone: national, share: 0.10, dorm: 0.3, eligible: true, wantShare: 0.10, wantDormMu: 3},
		{name: "10% in a non-eligible zone fails (reject)", profile: []string{"facility.over_cap", "reject"}, zone: other, share: 0.10, dorm: 0.3, failRule: rules.RuleFacilityCap},
		{name: "10% in a non-eligible zone is trimmed to 7% (trim)", zone: other, share: 0.10, dorm: 0.3, eligible: true, wantShare: 0.07, wantDormMu: 3, infoRule: rules.RuleFacilityCap},
		{name: "10% in a zone the scenario removed fails", profile: []string{"facility.eligible_zones", "[]", "facility.over_cap", "reject"}, zone: national, share: 0.10, dorm: 0.3, failRule: rules.RuleFacilityCap},
		{name: "15% with only 30% of the increase as dormitories fails", profile: []string{"facility.over_cap", "reject"}, zone: national, share: 0.15, dorm: 0.3 * 0.08 / 0.15, failRule: rules.RuleFacilityDormitory},
		// trim: dormitory land 2.4% must be ≥ half the increase, so the share is cut to 7% + 2.4%/0.5 = 11.8%.
		{name: "15% with 30% dormitories is trimmed to 11.8%", zone: national, share: 0.15, dorm: 0.3 * 0.08 / 0.15, eligible: true, wantShare: 0.118, wantDormMu: 2.4, infoRule: rules.RuleFacilityDormitory},
		{name: "15% with the whole increase as dormitories passes", zone: national, share: 0.15, dorm: 0.08 / 0.15, eligible: true, wantShare: 0.15, wantDormMu: 8},
		{name: "15% with exactly half the increase as dormitories passes", zone: national, share: 0.15, dorm: 0.04 / 0.15, eligible: true, wantShare: 0.15, wantDormMu: 4},
		{name: "16% over the raised cap fails (reject)", profile: []string{"facility.over_cap", "reject"}, zone: national, share: 0.16, dorm: 1, failRule: rules.RuleFacilityCap},
		{name: "the dormitory threshold is a profile setting", profile: []string{"facility.dormitory_mainly", "0.25", "facility.over_cap", "reject"}, zone: national, share: 0.15, dorm: 0.3 * 0.08 / 0.15, eligible: true, wantShare: 0.15, wantDormMu: 2.4},
		{name: "raised cap switched off by the scenario", profile: []string{"facility.raised_cap", "0.07", "facility.over_cap", "reject"}, zone: national, share: 0.10, dorm: 0.3, failRule: rules.RuleFacilityCap},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := profile(t, tc.profile...)
			x := parcel("L", area, func(x *planner.Parcel) { x.Zone = tc.zone })
			q := proposal("P", area, func(q *planner.Proposal) { q.FacilityShare, q.DormitoryShare = f(tc.share), f(tc.dorm) })
			r := pair(p, x, q)
			if r.Eligible != tc.eligible {
				t.Fatalf("eligible %v, want %v; failed %v; reasons %+v", r.Eligible, tc.eligible, r.Failed, r.Reasons)
			}
			if tc.failRule != "" {
				if !slices.Contains(r.Failed, tc.failRule) || !hasRule(r.Reasons, tc.failRule, planner.VerdictFail) {
					t.Errorf("failed %v, want %s", r.Failed, tc.failRule)
				}
				return
			}
			// Shares are products of decimal inputs: 1e-9 covers their
			// float rounding.
			if math.Abs(r.FacilityShare-tc.wantShare) > 1e-9 || math.Abs(r.FacilityMu-tc.wantShare*area) > 1e-7 {
				t.Errorf("facility %.6f (%.4f mu), want %.6f", r.FacilityShare, r.FacilityMu, tc.wantShare)
			}
			if math.Abs(r.DormitoryMu-tc.wantDormMu) > 1e-7 {
				t.Errorf("dormitory %.4f mu, want %.4f", r.DormitoryMu, tc.wantDormMu)
			}
			if math.Abs(r.FacilityTrimmedMu-(tc.share-tc.wantShare)*area) > 1e-7 {
				t.Errorf("trimmed %.4f mu, want %.4f", r.FacilityTrimmedMu, (tc.share-tc.wantShare)*area)
			}
			if tc.infoRule != "" {
				rr, ok := ruleReason(r.Reasons, tc.infoRule)
				if !ok || rr.Verdict != planner.VerdictInfo || !strings.Contains(rr.Message, "trimmed") || !strings.Contains(rr.MessageZH, "核减") {
					t.Errorf("trim reason %+v", rr)
				}
			}
		})
	}
}

func TestAssessPair(t *testing.T) {
	tests := []struct {
		name      string
		profile   []string
		x         planner.Parcel
		q         planner.Proposal
		eligible  bool
		fail      string
		allocated float64
		heavier   int
	}{
		{name: "fits", x: parcel("L", 60), q: proposal("P", 50), eligible: true, allocated: 50},
		{name: "reserved parcel carries its rule", x: parcel("L", 60, func(x *planner.Parcel) { x.Status = planner.StatusReserved }), q: proposal("P", 50), fail: rules.RuleReserved, allocated: 50},
		{name: "ineligible proposal carries its rule", x: parcel("L", 60), q: proposal("P", 50, func(q *planner.Proposal) { q.Industry = "casino" }), fail: rules.RuleIndustry, allocated: 50},
		{name: "too small", x: parcel("L", 40), q: proposal("P", 50), fail: rules.RuleAreaFit, allocated: 40},
		{name: "between min and area: whole parcel", x: parcel("L", 45), q: proposal("P", 50, func(q *planner.Proposal) { q.MinAreaMu = 40 }), eligible: true, allocated: 45},
		{name: "lighter land than needed", x: parcel("L", 60, func(x *planner.Parcel) { x.LandUse = "100101" }), q: proposal("P", 50), fail: rules.RuleLandClass, allocated: 50},
		{name: "heavier land allowed, scored down", x: parcel("L", 60, func(x *planner.Parcel) { x.LandUse = "M3" }), q: proposal("P", 50), eligible: true, allocated: 50, heavier: 1},
		{name: "same class only", profile: []string{"planned_use.compatibility", "same"}, x: parcel("L", 60, func(x *planner.Parcel) { x.LandUse = "100103" }), q: proposal("P", 50), fail: rules.RuleLandClass, allocated: 50},
		{name: "unclassed industrial land", x: parcel("L", 60, func(x *planner.Parcel) { x.LandUse = "1001" }), q: proposal("P", 50), eligible: true, allocated: 50},
		{name: "storage land refused to manufacturing", x: parcel("L", 60, func(x *planner.Parcel) { x.LandUse = "1101" }), q: proposal("P", 50), fail: rules.RuleLandUseStorage, allocated: 50},
		{name: "storage land for logistics", x: parcel("L", 60, func(x *planner.Parcel) { x.LandUse = "W1" }), q: proposal("P", 50, func(q *planner.Proposal) { q.Industry, q.LandClass, q.PlotRatio = "logistics", 0, f(0.8) }), eligible: true, allocated: 50},
		{name: "project plot ratio above the parcel's max", x: parcel("L", 60, func(x *planner.Parcel) { x.MinPlotRatio, x.MaxPlotRatio = f(0.8), f(1.1) }), q: proposal("P", 50), fail: rules.RulePlotRatioParcel, allocated: 50},
		{name: "project plot ratio below the parcel's min", x: parcel("L", 60, func(x *planner.Parcel) { x.MinPlotRatio = f(1.5) }), q: proposal("P", 50), fail: rules.RulePlotRatioParcel, allocated: 50},
		{name: "parcel max below the industry minimum", x: parcel("L", 60, func(x *planner.Parcel) { x.MaxPlotRatio = f(0.6) }), q: proposal("P", 50, func(q *planner.Proposal) { q.PlotRatio = nil }), fail: rules.RulePlotRatioParcel, allocated: 50},
		{name: "new land over the whole quota", profile: []string{"quota.new_land_mu", "30"}, x: parcel("L", 60), q: proposal("P", 50), fail: rules.RuleQuota, allocated: 50},
		{name: "stock land does not use the quota", profile: []string{"quota.new_land_mu", "30"}, x: parcel("L", 60, inefficientLand), q: proposal("P", 50), eligible: true, allocated: 50},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := pair(profile(t, tc.profile...), tc.x, tc.q)
			if r.Eligible != tc.eligible {
				t.Fatalf("eligible %v, want %v; failed %v", r.Eligible, tc.eligible, r.Failed)
			}
			if tc.fail != "" && (!slices.Contains(r.Failed, tc.fail) || !hasRule(r.Reasons, tc.fail, planner.VerdictFail)) {
				t.Errorf("failed %v, want %s with its reason", r.Failed, tc.fail)
			}
			if math.Abs(r.AllocatedMu-tc.allocated) > 1e-9 || r.HeavierBy != tc.heavier {
				t.Errorf("allocated %.4f heavier %d, want %.4f %d", r.AllocatedMu, r.HeavierBy, tc.allocated, tc.heavier)
			}
			if r.Eligible && r.NewLandMu+r.StockMu != r.AllocatedMu {
				t.Errorf("new %.2f + stock %.2f != allocated %.2f", r.NewLandMu, r.StockMu, r.AllocatedMu)
			}
		})
	}
	t.Run("criteria values", func(t *testing.T) {
		p := policy.Default()
		x := parcel("L", 80, idleLand, func(x *planner.Parcel) { x.Zone = "河西柳州高新区" })
		q := proposal("P", 50, func(q *planner.Proposal) {
			q.Industry, q.RDShare, q.PreferredZone = "nev", f(0.05), "柳州国家高新区"
		})
		r := pair(p, x, q)
		want := map[string]float64{"output_per_mu": 500, "tax_per_mu": 25, "investment_per_mu": 300, "jobs_per_mu": 2, "rd_share": 0.05,
			"strategic": 1, "prospect": 0, "area_fit": 50.0 / 80, "waste": 30, "stock": 1, "preferred_zone": 0, "serviced": 1}
		for k, w := range want {
			// Areas come through m² and back (× and ÷ 10000/15): 1e-9
			// relative covers that rounding.
			if got := r.Criteria[k]; math.Abs(got-w) > 1e-9*math.Max(1, w) {
				t.Errorf("%s = %v, want %v", k, got, w)
			}
		}
		if len(r.Criteria) != len(policy.Criteria()) {
			t.Errorf("%d criteria, want %d", len(r.Criteria), len(policy.Criteria()))
		}
	})
}

func TestSupply(t *testing.T) {
	p := policy.Default()
	const area = 30.0 // 20 000 m²
	price50 := 236.0 * mu(area)
	tests := []struct {
		name      string
		profile   []string
		mod       func(*planner.Proposal)
		mode      string
		term      int
		lease     int
		wantK     float64
		wantPrice float64
		wantRent  float64
	}{
		{name: "lifecycle 18 → flexible 20 years", mod: func(q *planner.Proposal) { q.LifecycleYears = f(18) },
			mode: rules.ModeFlexibleTerm, term: 20, wantK: rules.K(20, 0.06), wantPrice: price50 * rules.K(20, 0.06)},
		{name: "industry lifecycle 20 → flexible 20", mod: func(q *planner.Proposal) {},
			mode: rules.ModeFlexibleTerm, term: 20, wantK: rules.K(20, 0.06), wantPrice: price50 * rules.K(20, 0.06)},
		{name: "lifecycle 46 → 50-year transfer", mod: func(q *planner.Proposal) { q.LifecycleYears = f(46) },
			mode: rules.ModeTransfer, term: 50, wantK: 1, wantPrice: price50},
		{name: "startup → lease then transfer", mod: func(q *planner.Proposal) { q.EnterpriseTypes = []string{"startup"}; q.LifecycleYears = f(12) },
			mode: rules.ModeLeaseThenTransfer, term: 20, lease: 5, wantK: rules.K(15, 0.06), wantRent: 0.02 * price50,
			wantPrice: price50*rules.K(15, 0.06) - 5*0.02*price50},
		{name: "lease then transfer without rent deduction", profile: []string{"supply.lease_then_transfer.deduct_rent", "false"}, mod: func(q *planner.Proposal) { q.EnterpriseTypes = []string{"sme"}; q.LifecycleYears = f(12) },
			mode: rules.ModeLeaseThenTransfer, term: 20, lease: 5, wantK: rules.K(15, 0.06), wantRent: 0.02 * price50, wantPrice: price50 * rules.K(15, 0.06)},
		{name: "uncertain project below non-binding standard → lease then transfer",
			profile: []string{"standard_land.binding", "false", "industries.auto_parts.min_tax_per_mu", "20", "industries.auto_parts.threshold_source", "test listing"}, mod: func(q *planner.Proposal) { q.Tax = 5 * q.AreaMu },
			mode: rules.ModeLeaseThenTransfer, term: 25, lease: 5, wantK: rules.K(20, 0.06), wantRent: 0.02 * price50, wantPrice: price50*rules.K(20, 0.06) - 5*0.02*price50},
		{name: "logistics → long lease", mod: func(q *planner.Proposal) { q.Industry, q.LifecycleYears, q.LandClass = "logistics", f(12), 0 },
			mode: rules.ModeLongLease, term: 12, wantRent: 0.02 * price50},
		{name: "capitalisation rate from the profile", profile: []string{"supply.capitalisation_rate", "0.04"}, mod: func(q *planner.Proposal) { q.LifecycleYears = f(30) },
			mode: rules.ModeFlexibleTerm, term: 30, wantK: rules.K(30, 0.04), wantPrice: price50 * rules.K(30, 0.04)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pp := profile(t, tc.profile...)
			d := rules.Supply(pp, pair(pp, parcel("L", area), proposal("P", area, tc.mod)))
			if d.Mode != tc.mode || d.TermYears != tc.term || d.LeaseYears != tc.lease {
				t.Fatalf("mode %s term %d lease %d, want %s %d %d; reasons %+v", d.Mode, d.TermYears, d.LeaseYears, tc.mode, tc.term, tc.lease, d.Reasons)
			}
			if tc.mode == rules.ModeLeaseThenTransfer && (d.TransferYears != tc.term-tc.lease || !strings.Contains(d.TermTextZH, fmt.Sprintf("租赁 %d 年 + 出让 %d 年", tc.lease, tc.term-tc.lease))) {
				t.Errorf("transfer %d, text %q: want every part of the term", d.TransferYears, d.TermTextZH)
			}
			// Money in 元 from products of a few decimals: 1e-6 元.
			if math.Abs(d.K-tc.wantK) > 1e-12 || math.Abs(d.PriceYuan-tc.wantPrice) > 1e-6 || math.Abs(d.AnnualRentYuan-tc.wantRent) > 1e-6 {
				t.Errorf("K %.6f price %.2f rent %.2f, want %.6f %.2f %.2f", d.K, d.PriceYuan, d.AnnualRentYuan, tc.wantK, tc.wantPrice, tc.wantRent)
			}
			if !hasRule(d.Reasons, rules.RuleSupplyMode, planner.VerdictInfo) || !hasRule(d.Reasons, rules.RuleSupplyPrice, planner.VerdictInfo) {
				t.Errorf("reasons %+v lack mode and price", d.Reasons)
			}
			assertFigures(t, pp, pair(pp, parcel("L", area), proposal("P", area, tc.mod)), d)
		})
	}
	t.Run("phased", func(t *testing.T) {
		q := proposal("P", 60, func(q *planner.Proposal) { q.Phases, q.Phase1Share = 3, 0.5 })
		d := rules.Supply(p, pair(p, parcel("L", 60), q))
		if d.Mode != rules.ModePhased || len(d.Phases) != 3 {
			t.Fatalf("mode %s phases %+v", d.Mode, d.Phases)
		}
		want := []rules.Phase{{Index: 1, AreaMu: 30, Now: true, Deadline: "2026-12-31", Year: 2026}, {Index: 2, AreaMu: 15, Deadline: "2028-12-31", Year: 2028}, {Index: 3, AreaMu: 15, Deadline: "2030-12-31", Year: 2030}}
		for i, w := range want {
			g := d.Phases[i]
			if g.Index != w.Index || g.Now != w.Now || g.Deadline != w.Deadline || g.Year != w.Year || math.Abs(g.AreaMu-w.AreaMu) > 1e-9 {
				t.Errorf("phase %d = %+v, want %+v", i+1, g, w)
			}
			// Each phase has its own tenure (12.3: 分期供地 does not replace it).
			if g.Mode != rules.ModeFlexibleTerm || g.TermYears != 20 || g.TermTextZH != "弹性年期出让 20 年" {
				t.Errorf("phase %d tenure %+v", i+1, g.Tenure)
			}
		}
		if !strings.Contains(d.TermTextZH, "三期 弹性年期出让 20 年(2030 年") {
			t.Errorf("phased text %q does not name every phase", d.TermTextZH)
		}
		// Each phase is charged to the year it is released.
		pr := pair(p, parcel("L", 60), q)
		if len(pr.Charges) != 3 || pr.Charges[1] != (rules.YearCharge{Year: 2028, AreaMu: 15}) {
			t.Errorf("charges %+v", pr.Charges)
		}
		// Phase 1 is priced now: 30 亩 at 20 years.
		if math.Abs(d.PriceYuan-236*mu(30)*rules.K(20, 0.06)) > 1e-6 {
			t.Errorf("price %.2f", d.PriceYuan)
		}
		assertFigures(t, p, pair(p, parcel("L", 60), q), d)
	})
	t.Run("phased supply switched off", func(t *testing.T) {
		pp := profile(t, "supply.phased.enabled", "false")
		d := rules.Supply(pp, pair(pp, parcel("L", 60), proposal("P", 60, func(q *planner.Proposal) { q.Phases = 2 })))
		if d.Mode != rules.ModeFlexibleTerm {
			t.Errorf("mode %s", d.Mode)
		}
	})
	t.Run("no price", func(t *testing.T) {
		d := rules.Supply(p, pair(p, parcel("L", 30, func(x *planner.Parcel) { x.Price = nil }), proposal("P", 30)))
		if d.PriceKnown || d.PriceYuan != 0 {
			t.Errorf("price %v known %v", d.PriceYuan, d.PriceKnown)
		}
		assertFigures(t, p, pair(p, parcel("L", 30, func(x *planner.Parcel) { x.Price = nil }), proposal("P", 30)), d)
	})
}

// assertFigures checks that SupplyFigures gives Supply's decision d for
// the pair, every field but the reasons, and no reasons.
func assertFigures(t *testing.T, p *policy.Profile, pr rules.PairAssessment, d rules.SupplyDecision) {
	t.Helper()
	g := rules.SupplyFigures(p, pr)
	if g.Reasons != nil {
		t.Errorf("SupplyFigures gave reasons %+v", g.Reasons)
	}
	d.Reasons = nil
	if !reflect.DeepEqual(g, d) {
		t.Errorf("SupplyFigures = %+v, Supply without reasons = %+v", g, d)
	}
}

func TestRequestedTenure(t *testing.T) {
	term := func(n int) *int { return &n }
	tests := []struct {
		name      string
		mode      string
		term      *int
		mod       func(*planner.Proposal)
		want      string // the term text
		requested bool
	}{
		{name: "50-year transfer as asked", mode: rules.ModeTransfer, want: "出让 50 年", requested: true},
		{name: "transfer of 30 years is a flexible-term transfer", mode: rules.ModeTransfer, term: term(30), want: "弹性年期出让 30 年", requested: true},
		{name: "flexible term as asked", mode: rules.ModeFlexibleTerm, term: term(25), want: "弹性年期出让 25 年", requested: true},
		{name: "a term alone of 50 years", term: term(50), want: "出让 50 年", requested: true},
		{name: "lease then transfer of 20 years in all", mode: rules.ModeLeaseThenTransfer, term: term(20), want: "先租后让(租赁 5 年 + 出让 15 年)", requested: true},
		{name: "long lease of 15 years", mode: rules.ModeLongLease, term: term(15), want: "长期租赁 15 年", requested: true},
		{name: "long lease of 30 years is not granted", mode: rules.ModeLongLease, term: term(30), want: "弹性年期出让 20 年"},
		{name: "lease then transfer of 5 years leaves no transfer", mode: rules.ModeLeaseThenTransfer, term: term(5), want: "弹性年期出让 20 年"},
		{name: "a term above 50 years is not granted", mode: rules.ModeTransfer, term: term(60), want: "弹性年期出让 20 年"},
		{name: "an SME asking for a transfer gets it", mode: rules.ModeTransfer, mod: func(q *planner.Proposal) { q.EnterpriseTypes = []string{"sme"} }, want: "出让 50 年", requested: true},
		{name: "phased asked for a one-phase project", mode: rules.ModePhased, want: "弹性年期出让 20 年"},
	}
	p := policy.Default()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := proposal("P", 30, func(q *planner.Proposal) {
				q.RequestedMode, q.RequestedTermYears = tc.mode, tc.term
				if tc.mod != nil {
					tc.mod(q)
				}
			})
			d := rules.Supply(p, pair(p, parcel("L", 30), q))
			if d.TermTextZH != tc.want || d.Requested != tc.requested {
				t.Errorf("%q requested %v, want %q %v; reasons %+v", d.TermTextZH, d.Requested, tc.want, tc.requested, d.Reasons)
			}
			r, ok := ruleReason(d.Reasons, rules.RuleSupplyRequest)
			if !ok || (tc.requested == strings.Contains(r.MessageZH, "不予采纳")) {
				t.Errorf("request reason %+v", r)
			}
			assertFigures(t, p, pair(p, parcel("L", 30), q), d)
		})
	}
}

func TestStandardLandPerIndustryAndZone(t *testing.T) {
	p := profile(t, "industries.auto_parts.min_tax_per_mu", "20", "industries.auto_parts.threshold_source", "auto listing",
		"industries.auto_parts.zones.河西柳州高新区.min_tax_per_mu", "30", "industries.auto_parts.zones.河西柳州高新区.source", "hexi listing")
	// 25 万元/亩 of tax over the 40 亩 requested: passes 20, fails 30.
	q := proposal("P", 40, func(q *planner.Proposal) { q.Tax = 25 * 40; q.MinAreaMu = 32 })
	national := pair(p, parcel("L", 50), q)
	hexi := pair(p, parcel("L", 50, func(x *planner.Parcel) { x.Zone = "河西柳州高新区" }), q)
	if !national.Eligible || !hasRule(national.Reasons, rules.RuleStandardTax, planner.VerdictPass) {
		t.Errorf("national zone: eligible %v, reasons %+v", national.Eligible, national.Reasons)
	}
	if hexi.Eligible || !hasRule(hexi.Reasons, rules.RuleStandardTax, planner.VerdictFail) {
		t.Errorf("河西: eligible %v, want the zone's threshold 30 to fail", hexi.Eligible)
	}
	if r, _ := ruleReason(hexi.Reasons, rules.RuleStandardTax); !strings.Contains(r.Message, "hexi listing") {
		t.Errorf("reason %q does not name its source", r.Message)
	}
	// Per 亩 of the land planned there: the whole 32-亩 parcel gives 31.25.
	small := pair(p, parcel("S", 32, func(x *planner.Parcel) { x.Zone = "河西柳州高新区" }), q)
	if !small.Eligible || math.Abs(small.PerMu.Tax-1000.0/32) > 1e-9 {
		t.Errorf("32 亩 parcel: eligible %v, tax per mu %v, want 31.25 (over the land planned)", small.Eligible, small.PerMu.Tax)
	}
	// Other industries have no threshold in the default profile.
	logi := pair(p, parcel("W", 50, func(x *planner.Parcel) { x.LandUse = "1101" }), proposal("Q", 40, func(q *planner.Proposal) { q.Industry, q.Tax, q.LandClass = "logistics", 1, 0 }))
	if !logi.Eligible {
		t.Errorf("logistics with 0.025 万元/亩 of tax: %v, want no threshold", logi.Failed)
	}
}

func TestStockLandDisposal(t *testing.T) {
	p := policy.Default() // as_of 2026-12-31, recovery 6 months, acquisition 9, window 12
	tests := []struct {
		name      string
		mod       func(*planner.Parcel)
		available bool
		route     string
		free      string
		fail      string
	}{
		{name: "idle past recovery", mod: idleLand, available: true, route: policy.RouteRecovery, free: "2027-07-01"},
		{name: "idle, recovery due in 2027", mod: func(x *planner.Parcel) { x.Status, x.AgreedStart = planner.StatusIdle, "2025-06-01" }, available: true, route: policy.RouteRecovery, free: "2027-12-01"},
		{name: "inside its contract (start 2026)", mod: func(x *planner.Parcel) { x.Status, x.AgreedStart = planner.StatusIdle, "2026-03-01" }, fail: rules.RuleStockUnconfirmed},
		{name: "recovery too late for this plan", mod: func(x *planner.Parcel) {
			x.Status, x.HaltedSince, x.DevelopedShare = planner.StatusIdle, "2025-10-01", f(0.2)
		}, fail: rules.RuleStockNotFree, route: policy.RouteRecovery, free: "2028-04-01"},
		{name: "inefficient by tax", mod: inefficientLand, available: true, route: policy.RouteAcquisition, free: "2027-10-01"},
		{name: "inefficient in name only", mod: func(x *planner.Parcel) { x.Status = planner.StatusInefficient }, fail: rules.RuleStockUnconfirmed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := rules.AssessParcel(p, parcel("L", 30, tc.mod))
			if a.Available != tc.available {
				t.Fatalf("available %v, want %v; reasons %+v", a.Available, tc.available, a.Reasons)
			}
			if tc.fail != "" && !hasRule(a.Reasons, tc.fail, planner.VerdictFail) {
				t.Errorf("no failing %s in %+v", tc.fail, a.Reasons)
			}
			if tc.route != "" && (a.Disposal == nil || a.Disposal.Route != tc.route || a.Disposal.FreeFrom != tc.free) {
				t.Errorf("disposal %+v, want %s from %s", a.Disposal, tc.route, tc.free)
			}
			if tc.available {
				d := rules.Supply(p, pair(p, parcel("L", 30, tc.mod), proposal("P", 30)))
				if d.Disposal == nil || d.Disposal.FreeFrom != tc.free {
					t.Errorf("supply disposal %+v", d.Disposal)
				}
			}
		})
	}
	// Land still inside its holder's contract says so.
	in := rules.AssessParcel(p, parcel("C", 30, func(x *planner.Parcel) { x.Status, x.AgreedStart = planner.StatusIdle, "2026-03-01" }))
	if r, _ := ruleReason(in.Reasons, rules.RuleIdleUnconfirmed); !strings.Contains(r.Message, "2027-03-01") || !strings.Contains(r.MessageZH, "仍在原用地合同期内") {
		t.Errorf("inside its contract: %+v", r)
	}
	// Land in use whose figures meet a test is a candidate, not supply.
	a := rules.AssessParcel(p, parcel("O", 30, func(x *planner.Parcel) { x.Status, x.CurrentTaxPerMu = planner.StatusOccupied, f(1) }))
	if a.Available || !a.Investigate {
		t.Errorf("occupied under-used land: available %v investigate %v", a.Available, a.Investigate)
	}
}

func TestPerMuOneDefinition(t *testing.T) {
	q := proposal("P", 40, func(q *planner.Proposal) { q.MinAreaMu = 30 })
	p := policy.Default()
	pr := pair(p, parcel("L", 35), q) // the whole 35-亩 parcel
	qa := rules.AssessProposal(p, q)
	if pr.AllocatedMu != 35 || pr.PerMu != rules.PerMu(q, 35) || pr.Values()["tax_per_mu"] != rules.PerMu(q, 35).Tax {
		t.Errorf("pair per mu %+v, criteria %v: want PerMu over the 35 亩 planned", pr.PerMu, pr.Values()["tax_per_mu"])
	}
	if qa.TaxPerMu != rules.PerMu(q, 40).Tax {
		t.Errorf("proposal tax per mu %v, want over the 40 亩 requested", qa.TaxPerMu)
	}
}
