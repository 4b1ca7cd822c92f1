package rules_test

import (
	"slices"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

func f(x float64) *float64 { return &x }
func bp(b bool) *bool      { return &b }

// mu converts 亩 to m².
func mu(x float64) float64 { return x * planner.SquareMetresPerMu }

// parcel returns an available new class-2 industrial parcel of area 亩 in
// the national zone.
func parcel(id string, area float64, mods ...func(*planner.Parcel)) planner.Parcel {
	x := planner.Parcel{ID: id, Zone: "柳州国家高新区", LandUse: "100102", Status: planner.StatusNew, AreaM2: mu(area), Price: f(236), Serviced: bp(true)}
	for _, m := range mods {
		m(&x)
	}
	return x
}

// idleLand makes a parcel idle land that the 令第53号 test confirms: not
// started four years after its agreed start, so that it may be taken back
// and is free within the default profile's window.
func idleLand(x *planner.Parcel) { x.Status, x.AgreedStart = planner.StatusIdle, "2022-06-01" }

// inefficientLand makes a parcel inefficient land that the test confirms
// (current tax per 亩 2, below the default 5).
func inefficientLand(x *planner.Parcel) {
	x.Status, x.CurrentTaxPerMu = planner.StatusInefficient, f(2)
}

// proposal returns an auto-parts proposal of area 亩 that meets the
// default standard-land thresholds (investment 300, output 500, tax 25
// 万元/亩).
func proposal(id string, area float64, mods ...func(*planner.Proposal)) planner.Proposal {
	q := planner.Proposal{ID: id, Industry: "auto_parts", LandClass: 2, AreaMu: area, MinAreaMu: area, Phases: 1, Phase1Share: 1,
		Investment: 300 * area, Output: 500 * area, Tax: 25 * area, Jobs: int(2 * area), PlotRatio: f(1.2), BuildingCoverage: f(0.45)}
	for _, m := range mods {
		m(&q)
	}
	return q
}

// profile returns the default profile with overrides applied.
func profile(t testing.TB, kv ...string) *policy.Profile {
	t.Helper()
	var os []policy.Override
	for i := 0; i+1 < len(kv); i += 2 {
		os = append(os, policy.Override{Key: kv[i], Value: kv[i+1]})
	}
	p, err := policy.Default().Apply(os)
	if err != nil {
		t.Fatalf("profile: %v", err)
	}
	return p
}

func hasRule(rs []planner.Reason, rule string, v planner.Verdict) bool {
	return slices.ContainsFunc(rs, func(r planner.Reason) bool { return r.Rule == rule && r.Verdict == v })
}

func ruleReason(rs []planner.Reason, rule string) (planner.Reason, bool) {
	for _, r := range rs {
		if r.Rule == rule {
			return r, true
		}
	}
	return planner.Reason{}, false
}
