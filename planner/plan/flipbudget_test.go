package plan_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// TestFlipsOverMemoryBudget checks that a verifying re-solve that would
// exceed the run's memory budget leaves its proposal without a flip and
// says so, and does not fail the run: the plan itself was made within the
// budget.
func TestFlipsOverMemoryBudget(t *testing.T) {
	parcels, proposals := loadSample(t)
	in := plan.Input{Parcels: parcels, Proposals: proposals, Profile: policy.Default()}
	set := &plan.Settings{TimeLimit: time.Minute, TargetGap: 1e-4, Flips: 4}
	full, err := plan.Run(context.Background(), in, set)
	if err != nil {
		t.Fatal(err)
	}
	over, err := plan.RunFlipsOverBudget(context.Background(), in, set)
	if err != nil {
		t.Fatalf("flips over the memory budget failed the run: %v", err)
	}
	verified, said := 0, 0
	for _, u := range full.Unallocated {
		if u.Flip != nil {
			verified++
		}
	}
	for _, u := range over.Unallocated {
		if u.Flip != nil {
			t.Errorf("%s has a flip verified over the memory budget: %s", u.Proposal, u.Flip.Text)
		}
		for _, r := range u.Reasons {
			if r.Rule == plan.RuleFlip {
				if !strings.Contains(r.Message, "would exceed the run's memory budget (--max-memory): no change verified") ||
					!strings.Contains(r.MessageZH, "内存预算") {
					t.Errorf("%s: flip reason %q / %q", u.Proposal, r.Message, r.MessageZH)
				}
				said++
			}
		}
	}
	if verified == 0 || said == 0 {
		t.Fatalf("%d flips verified within the budget, %d proposals told the re-solve was over it: the test shows nothing", verified, said)
	}
	t.Logf("%d flips verified without a budget; over it, %d proposals told why none was", verified, said)
}
