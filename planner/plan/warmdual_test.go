package plan_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// TestWarmDualsRecorded: a plan made without a warm start records no
// multipliers of the proposals' rows; one warm-started from it does
// (positive ones, by proposal id); and a run warm-started from that plan
// makes the same plan whether it is handed the plan in memory or read back
// from its JSON (as `plan --warm-start` reads it from the database).
func TestWarmDualsRecorded(t *testing.T) {
	parcels, proposals := loadSample(t)
	run := func(quota string, from *plan.Plan) *plan.Plan {
		t.Helper()
		ov := []string{"quota.new_land_mu=" + quota}
		prof, err := plan.ApplyScenario(policy.Default(), plan.Scenario{Name: "q" + quota, Overrides: ov})
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Run(context.Background(), plan.Input{Parcels: parcels, Proposals: proposals, Profile: prof, Scenario: "q" + quota, Overrides: ov},
			&plan.Settings{TimeLimit: testTimeLimit, NodeLimit: 200, Flips: -1, WarmStart: from})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := run("1200", nil)
	if len(first.RootItemDuals) != 0 || first.WarmStart != "" {
		t.Fatalf("a cold plan records %d proposal multipliers, warm start %q", len(first.RootItemDuals), first.WarmStart)
	}
	second := run("1300", first)
	if len(second.RootItemDuals) == 0 {
		t.Fatal("a warm-started plan records no proposal multipliers")
	}
	ids := map[string]bool{}
	for _, q := range proposals {
		ids[q.ID] = true
	}
	for id, u := range second.RootItemDuals {
		if !ids[id] || !(u > 0) {
			t.Errorf("recorded multiplier %q = %g: not a proposal's positive multiplier", id, u)
		}
	}
	b, err := json.Marshal(second)
	if err != nil {
		t.Fatal(err)
	}
	var read plan.Plan
	if err := json.Unmarshal(b, &read); err != nil {
		t.Fatal(err)
	}
	a, c := run("1400", second), run("1400", &read)
	if a.ContentSHA256 != c.ContentSHA256 {
		t.Errorf("the run from the plan in memory (%s) differs from the run from its JSON (%s)", a.ContentSHA256, c.ContentSHA256)
	}
	if a.WarmStart != second.ContentSHA256 || len(a.RootItemDuals) == 0 {
		t.Errorf("the third plan records warm start %q (want %q) and %d multipliers", a.WarmStart, second.ContentSHA256, len(a.RootItemDuals))
	}
}
