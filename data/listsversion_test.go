package data

import (
	"context"
	"testing"

	"github.com/landplan/landplan/planner/plan"
)

// TestPlansVersion checks that the version changes when a plan or a
// scenario is stored, and only then.
func TestPlansVersion(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	version := func() string {
		t.Helper()
		v, err := db.PlansVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	empty := version()
	if again := version(); again != empty {
		t.Fatalf("the version changed without a store: %q then %q", empty, again)
	}
	if _, err := db.PutPlan(ctx, testPlan()); err != nil {
		t.Fatal(err)
	}
	one := version()
	if one == empty {
		t.Errorf("storing a plan left the version at %q", one)
	}
	if err := db.PutScenario(ctx, plan.Scenario{Name: "wide", Overrides: []string{"quota.new_land_mu=900"}}); err != nil {
		t.Fatal(err)
	}
	if v := version(); v == one {
		t.Errorf("storing a scenario left the version at %q", v)
	}
}
