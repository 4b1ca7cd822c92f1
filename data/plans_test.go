package data

import (
	"context"
	"encoding/json"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// testPlan is a small plan with two allocations on one subdivided parcel.
func testPlan() *plan.Plan {
	return &plan.Plan{
		Scenario: "cap7", InputsSHA256: strings.Repeat("a", 64), PolicySHA256: strings.Repeat("b", 64),
		ContentSHA256: strings.Repeat("c", 64), Overrides: []string{"facility.eligible_zones=[]"},
		Objective: 80, Bound: 80.5, Gap: 0.5 / 80.5, Status: "gap_reached",
		Totals: plan.Totals{Projects: 2, AllocatedMu: 30, NewLandMu: 30, QuotaMu: 100, QuotaUsedShare: 0.3},
		Allocations: []plan.Allocation{
			{Proposal: "P1", ProposalName: "柳州甲汽车零部件有限公司", Parcel: "HX-1", Zone: "河西柳州高新区", Lot: "HX-1-1",
				AreaMu: 20, NowMu: 20, NewLandMu: 20, SupplyMode: "flexible_term", TermYears: 30, PriceYuan: 1e6, Score: 0.9, Value: 18,
				Reasons: []planner.Reason{{Rule: "area.fit", Clause: "12", Verdict: planner.VerdictPass, Message: "fits", MessageZH: "适合"}}},
			{Proposal: "P2", Parcel: "HX-1", Lot: "HX-1-2", AreaMu: 10, NowMu: 10, NewLandMu: 10, SupplyMode: "transfer", TermYears: 50, Score: 0.8, Value: 8},
		},
		Unallocated: []plan.Unallocated{{Proposal: "P3", Cause: plan.CauseIneligible}},
		Lots: []plan.Lot{
			{ID: "HX-1-1", Parcel: "HX-1", Proposal: "P1", Kind: plan.LotAllocated, AreaMu: 20, Geometry: square(109.43, 24.33, 0.001), SupplyMode: "flexible_term"},
			{ID: "HX-1-2", Parcel: "HX-1", Proposal: "P2", Kind: plan.LotAllocated, AreaMu: 10, Geometry: square(109.431, 24.33, 0.001)},
			{ID: "HX-1-3", Parcel: "HX-1", Kind: plan.LotRemainder, AreaMu: 5, Geometry: square(109.432, 24.33, 0.0005)},
		},
	}
}

func TestPlanStore(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	if _, err := db.Plan(ctx, "plan-1"); planner.KindOf(err) != planner.KindNotFound {
		t.Fatalf("missing plan: %v", err)
	}
	p := testPlan()
	id, err := db.PutPlan(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if id != "plan-1" || p.ID != "" || p.Created != "" {
		t.Fatalf("id %q; the caller's plan changed: %q %q", id, p.ID, p.Created)
	}
	id2, err := db.PutPlan(ctx, testPlan())
	if err != nil || id2 != "plan-2" {
		t.Fatalf("second plan: %q %v", id2, err)
	}
	got, err := db.Plan(ctx, "1")
	if err != nil {
		t.Fatal(err)
	}
	want := *testPlan()
	want.ID, want.Created = "plan-1", "2024-03-15T08:30:00.123Z"
	wj, _ := json.Marshal(&want)
	gj, _ := json.Marshal(got)
	if string(wj) != string(gj) {
		t.Errorf("round trip\n got %s\nwant %s", gj, wj)
	}
	sums, err := db.Plans(ctx)
	if err != nil || len(sums) != 2 {
		t.Fatalf("plans %v %v", sums, err)
	}
	if s := sums[0]; !reflect.DeepEqual(s, want.Summary()) {
		t.Errorf("summary %+v, want %+v", s, want.Summary())
	}
	if _, err := db.Plan(ctx, "plan-9"); planner.KindOf(err) != planner.KindNotFound || !strings.Contains(err.Error(), "plan-1, plan-2") {
		t.Errorf("missing plan: %v", err)
	}

	// Stored plans cannot be changed or deleted, whatever the client.
	raw := rawDB(t, db.Path())
	for _, q := range []string{
		`UPDATE plans SET objective = 0`,
		`DELETE FROM plans`,
		`UPDATE allocations SET parcel = 'X'`,
		`DELETE FROM allocations WHERE proposal = 'P1'`,
		`UPDATE lots SET area_mu = 1`,
		`DELETE FROM lots`,
	} {
		if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v", q, err)
		}
	}
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM lots WHERE plan_id = 'plan-1'`).Scan(&n); err != nil || n != 3 {
		t.Errorf("lots of plan-1: %d %v", n, err)
	}
}

func TestScenarioStore(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	sc := plan.Scenario{Name: "cap7", Overrides: []string{"facility.eligible_zones=[]", "quota.new_land_mu=800"}}
	if err := db.PutScenario(ctx, sc); err != nil {
		t.Fatal(err)
	}
	if err := db.PutScenario(ctx, sc); planner.KindOf(err) != planner.KindConflict {
		t.Errorf("second put: %v", err)
	}
	if err := db.PutScenario(ctx, plan.Scenario{Name: "bad name"}); planner.KindOf(err) != planner.KindInvalid {
		t.Errorf("bad name: %v", err)
	}
	got, err := db.Scenario(ctx, "cap7")
	if err != nil || !reflect.DeepEqual(got.Overrides, sc.Overrides) || got.Created == "" {
		t.Errorf("scenario %+v %v", got, err)
	}
	if _, err := db.Scenario(ctx, "none"); planner.KindOf(err) != planner.KindNotFound || !strings.Contains(err.Error(), "cap7") {
		t.Errorf("missing scenario: %v", err)
	}
}

// TestPlanLayersGDAL checks that a database holding a plan is still a
// valid GeoPackage and that GDAL reads the lots layer.
func TestPlanLayersGDAL(t *testing.T) {
	validator := validatorPath(t)
	requireTool(t, "ogrinfo", "gdal-bin")
	db := openTest(t)
	if _, err := db.PutPlan(context.Background(), testPlan()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, err := exec.Command("python3", validator, "-k", "--extra", "--warning-as-error", db.Path()).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		t.Fatalf("validate_gpkg.py: %v\n%s", err, out)
	}
	info := runTool(t, "ogrinfo", "-ro", "-al", "-so", db.Path(), "lots")
	for _, w := range []string{"Feature Count: 3", "Multi Polygon", "supply_mode: String", "proposal_name: String"} {
		if !strings.Contains(info, w) {
			t.Errorf("ogrinfo lots lacks %q:\n%s", w, info)
		}
	}
	feat := runTool(t, "ogrinfo", "-ro", "-al", "-q", "-where", "lot_id = 'HX-1-1'", db.Path(), "lots")
	if !strings.Contains(feat, "柳州甲汽车零部件有限公司") {
		t.Errorf("ogrinfo lot HX-1-1:\n%s", feat)
	}
}
