package compare_test

import (
	"os"

	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// Two plans of two projects: the second moves Q2 to another parcel and
// leaves Q1 out.
func ExampleDiff() {
	a := &plan.Plan{ID: "P1", Allocations: []plan.Allocation{
		{Proposal: "Q1", Parcel: "L1", AreaMu: 10, SupplyMode: rules.ModeTransfer, TermYears: 50},
		{Proposal: "Q2", Parcel: "L2", AreaMu: 20, SupplyMode: rules.ModeFlexibleTerm, TermYears: 20},
	}}
	b := &plan.Plan{ID: "P2", Allocations: []plan.Allocation{
		{Proposal: "Q2", Parcel: "L3", AreaMu: 20, SupplyMode: rules.ModeFlexibleTerm, TermYears: 20},
	}, Unallocated: []plan.Unallocated{{Proposal: "Q1", Cause: plan.CauseQuota}}}
	c := compare.Diff(a, b)
	// Only the changes, without the indicators' table.
	c.Indicators = c.Indicators[:0]
	if err := c.Render(os.Stdout, policy.FormatText, policy.LangEN); err != nil {
		panic(err)
	}
	// Output:
	// indicator                                          P1                 P2                  Δ
	//
	// P1 → P2: 0 to add, 1 to change, 1 to remove
	//   - Q1 ✕ L1 10.00 mu transfer 50 y (quota)
	//   ~ Q2 L2 20.00 mu flexible_term 20 y ⇒ L3 20.00 mu flexible_term 20 y
}
