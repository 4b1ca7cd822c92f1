package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoDB runs the demo once into a temporary directory and returns the
// directory; its database holds the sample, two scenarios and three plans.
func demoDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errs := run(t, "demo", "--out", dir, "--time-limit", "20s"); code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, errs)
	}
	return dir
}

func TestPlanFlow(t *testing.T) {
	dir := demoDB(t)
	db := filepath.Join(dir, "landplan.gpkg")
	for _, f := range []string{"plan-1.txt", "plan-1.json", "plan-3.json", "compare.txt", "plan-1.png", "plan-1.svg", "plan-1.html", "plan-1-map.gpkg", "plan-1.geojson", "plan-1.csv", "compare-plan-1-plan-2.png"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("demo output %s: %v", f, err)
		}
	}

	// A new run of the base profile with the demo's target gap is the same plan as plan-1: it says so
	// and gives plan-1 back, storing nothing.
	mps := filepath.Join(dir, "model.mps")
	before := fileSHA(t, db)
	code, out, errs := run(t, "plan", "--db", db, "--json", "--time-limit", "20s", "--gap", "0.0001", "--export-mps", mps)
	if code != 0 {
		t.Fatalf("plan: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "the same inputs and policy gave plan-1 again: it is not stored twice") {
		t.Errorf("second run does not say it is plan-1 again: %q", errs)
	}
	if fileSHA(t, db) != before {
		t.Error("the repeated run changed the database")
	}
	var p struct {
		Plan                  string
		InputsSHA256          string `json:"inputs_sha256"`
		PolicySHA256          string `json:"policy_sha256"`
		Objective, Bound, Gap float64
		Totals                struct {
			Projects    int
			NewLandMu   float64 `json:"new_land_mu"`
			QuotaMu     float64 `json:"quota_mu"`
			AllocatedMu float64 `json:"allocated_mu"`
		}
		Allocations []struct {
			Proposal, Parcel string
			SupplyMode       string `json:"supply_mode"`
			Reasons          []struct{ Rule, Clause, Message string }
		}
		Unallocated []struct {
			Proposal, Cause string
			Reasons         []struct{ Rule string }
		}
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("plan --json: %v", err)
	}
	if p.Plan != "plan-1" || len(p.InputsSHA256) != 64 || len(p.PolicySHA256) != 64 {
		t.Errorf("plan header %+v", p)
	}
	if p.Objective > p.Bound+1e-6 || p.Gap < 0 || p.Gap > 0.01 {
		t.Errorf("objective %v bound %v gap %v", p.Objective, p.Bound, p.Gap)
	}
	if p.Totals.NewLandMu > p.Totals.QuotaMu+1e-6 || p.Totals.Projects != len(p.Allocations) || p.Totals.Projects == 0 {
		t.Errorf("totals %+v with %d allocations", p.Totals, len(p.Allocations))
	}
	for _, a := range p.Allocations {
		if a.SupplyMode == "" || len(a.Reasons) == 0 {
			t.Errorf("allocation %s without supply mode or reasons", a.Proposal)
		}
	}
	for _, u := range p.Unallocated {
		if u.Cause == "" || len(u.Reasons) == 0 {
			t.Errorf("unallocated %s without cause or reasons", u.Proposal)
		}
	}
	if b, err := os.ReadFile(mps); err != nil || !strings.Contains(string(b), "quota.new_land") {
		t.Errorf("--export-mps: %v", err)
	}

	code, out, _ = run(t, "plans", "--db", db)
	if code != 0 || !strings.Contains(out, "cap7") || strings.Contains(out, "plan-4") {
		t.Errorf("plans: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "show", "plan-2", "--db", db, "--proposal", p.Allocations[0].Proposal)
	if code != 0 || !strings.Contains(out, p.Allocations[0].Proposal) {
		t.Errorf("show --proposal: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "compare", "plan-1", "plan-2", "plan-3", "--db", db)
	if code != 0 || !strings.Contains(out, "plan-1 → plan-2") {
		t.Errorf("compare: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "compare", "plan-1", "plan-3", "--db", db, "--json")
	if code != 0 || !json.Valid([]byte(out)) {
		t.Errorf("compare --json: exit %d", code)
	}
}

func TestPlanBadInput(t *testing.T) {
	dir := demoDB(t)
	db := filepath.Join(dir, "landplan.gpkg")
	before := fileSHA(t, db)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown scenario", []string{"plan", "--scenario", "nope"}, `scenario "nope" does not exist`},
		{"unknown plan", []string{"show", "plan-99"}, `plan "plan-99" does not exist`},
		{"compare unknown plan", []string{"compare", "plan-1", "plan-77"}, "plan-77"},
		{"scenario unknown key", []string{"scenario", "add", "x", "--set", "facility.caps=0.2"}, "facility.caps"},
		{"scenario out of range", []string{"scenario", "add", "x", "--set", "facility.base_cap=2"}, "facility.base_cap"},
		{"scenario taken", []string{"scenario", "add", "cap7", "--set", "stock.first=true"}, "already stored"},
		{"scenario without overrides", []string{"scenario", "add", "y"}, "--set"},
		{"negative time limit", []string{"plan", "--time-limit", "-1s"}, "time-limit"},
		{"zero time limit", []string{"plan", "--time-limit", "0s"}, "--time-limit"},
		{"negative gap", []string{"plan", "--gap", "-0.01"}, "--gap"},
		{"gap of one", []string{"plan", "--gap", "1"}, "--gap"},
		{"gap not a number", []string{"plan", "--gap", "NaN"}, "--gap"},
		{"gap not a number either", []string{"plan", "--gap", "tiny"}, "-gap"},
		{"bad memory budget", []string{"plan", "--max-memory", "4 parsecs"}, "-max-memory"},
		{"tiny memory budget", []string{"plan", "--max-memory", "1MiB"}, "-max-memory"},
		{"demo gap", []string{"demo", "--out", filepath.Join(dir, "never"), "--gap", "1.5"}, "--gap"},
		{"demo time limit", []string{"demo", "--out", filepath.Join(dir, "never"), "--time-limit", "-3s"}, "--time-limit"},
		{"serve gap", []string{"serve", "--gap", "-1"}, "--gap"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, append(tc.args, "--db", db)...)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tc.want)
			}
		})
	}
	// An interrupted run (Ctrl-C cancels the context) stores nothing.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	if code := Run(ctx, []string{"plan", "--db", db}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("interrupted plan: exit %d, stderr %q", code, errb.String())
	}
	if fileSHA(t, db) != before {
		t.Error("a refused or interrupted command changed the database")
	}
}

// A phase released in a year without a new-land quota is refused with the
// year and the proposal named, exit status 2, and nothing stored.
func TestPlanPhaseInYearWithoutQuota(t *testing.T) {
	dir := demoDB(t)
	db := filepath.Join(dir, "landplan.gpkg")
	if code, _, errs := run(t, "scenario", "add", "far", "--set", "supply.phased.reserve_years=10", "--db", db); code != 0 {
		t.Fatalf("scenario add: exit %d: %s", code, errs)
	}
	before := fileSHA(t, db)
	code, _, errs := run(t, "plan", "--scenario", "far", "--db", db)
	if code != 2 || !strings.Contains(errs, "quota.by_year.2036") || !strings.Contains(errs, "P2025-") || !strings.Contains(errs, "2036") {
		t.Errorf("exit %d, stderr %q; want 2 naming a proposal and quota.by_year.2036", code, errs)
	}
	if fileSHA(t, db) != before {
		t.Error("the refused run changed the database")
	}
}
