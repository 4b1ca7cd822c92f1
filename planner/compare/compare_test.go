package compare_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// handPlan builds a plan from allocations "proposal parcel area mode".
func handPlan(id string, allocs ...plan.Allocation) *plan.Plan {
	p := &plan.Plan{ID: id, Totals: plan.Totals{BySupplyMode: map[string]plan.ModeTotal{}}}
	for _, a := range allocs {
		p.Allocations = append(p.Allocations, a)
		p.Totals.Projects++
		p.Totals.AllocatedMu += a.AreaMu
		m := p.Totals.BySupplyMode[a.SupplyMode]
		m.Count++
		m.AreaMu += a.AreaMu
		p.Totals.BySupplyMode[a.SupplyMode] = m
	}
	return p
}

func alloc(q, x string, area float64, mode string) plan.Allocation {
	return plan.Allocation{Proposal: q, Parcel: x, AreaMu: area, SupplyMode: mode, TermYears: 20}
}

func TestDiff(t *testing.T) {
	a := handPlan("P1",
		alloc("Q1", "L1", 10, rules.ModeFlexibleTerm),
		alloc("Q2", "L2", 20, rules.ModeFlexibleTerm),
		alloc("Q3", "L3", 30, rules.ModeTransfer),
		alloc("Q4", "L4", 40, rules.ModeTransfer))
	b := handPlan("P2",
		alloc("Q1", "L1", 10, rules.ModeFlexibleTerm),      // unchanged
		alloc("Q2", "L5", 20, rules.ModeFlexibleTerm),      // other parcel
		alloc("Q3", "L3", 30, rules.ModeLeaseThenTransfer), // other mode
		alloc("Q5", "L4", 15, rules.ModeLeaseThenTransfer)) // added; Q4 removed
	b.Unallocated = []plan.Unallocated{{Proposal: "Q4", Cause: plan.CauseQuota}}
	c := compare.Diff(a, b)
	if len(c.Plans) != 2 || c.Plans[0].Label != "P1" || len(c.Changes) != 1 {
		t.Fatalf("plans %v, %d change sets", c.Plans, len(c.Changes))
	}
	cs := c.Changes[0]
	var got []string
	for _, ch := range cs.Changes {
		got = append(got, ch.Action+" "+ch.Proposal)
	}
	want := []string{"~ Q2", "~ Q3", "- Q4", "+ Q5"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("changes %v, want %v", got, want)
	}
	if cs.Summary != "1 to add, 2 to change, 1 to remove" || cs.Add != 1 || cs.Change != 2 || cs.Remove != 1 {
		t.Errorf("summary %q (%d/%d/%d)", cs.Summary, cs.Add, cs.Change, cs.Remove)
	}
	if cs.Changes[2].Cause != plan.CauseQuota || cs.Changes[1].From.SupplyMode != rules.ModeTransfer || cs.Changes[1].To.SupplyMode != rules.ModeLeaseThenTransfer {
		t.Errorf("changes %+v", cs.Changes)
	}
	ind := map[string]compare.Indicator{}
	for _, x := range c.Indicators {
		ind[x.Key] = x
	}
	// 100 mu against 75 mu: Δ −25; transfer 2 → 0, lease-then-transfer 0 → 2.
	for key, wantDelta := range map[string]float64{"allocated_mu": -25, "projects": 0, "supply.transfer.count": -2, "supply.lease_then_transfer.count": 2, "supply.lease_then_transfer.area_mu": 45} {
		x, ok := ind[key]
		if !ok || len(x.Deltas) != 2 || x.Deltas[0] != 0 || x.Deltas[1] != wantDelta {
			t.Errorf("indicator %s: %+v, want Δ %v", key, x, wantDelta)
		}
	}
	var text bytes.Buffer
	if err := c.Render(&text, policy.FormatText, policy.LangEN); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"P1 → P2: 1 to add, 2 to change, 1 to remove", "+ Q5 → L4 15.00 mu lease_then_transfer 20 y", "- Q4 ✕ L4 40.00 mu transfer 20 y (quota)", "~ Q2 L2 20.00 mu flexible_term 20 y ⇒ L5", "-25"} {
		if !strings.Contains(text.String(), w) {
			t.Errorf("text lacks %q:\n%s", w, text.String())
		}
	}
	var zh bytes.Buffer
	if err := c.Render(&zh, policy.FormatText, policy.LangZH); err != nil || !strings.Contains(zh.String(), "新增 1 项,变更 2 项,移除 1 项") || !strings.Contains(zh.String(), "先租后让") {
		t.Errorf("zh text (%v):\n%s", err, zh.String())
	}
	var js bytes.Buffer
	if err := c.Render(&js, policy.FormatJSON, policy.LangEN); err != nil {
		t.Fatal(err)
	}
	var back compare.Comparison
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Changes[0].Summary != cs.Summary {
		t.Errorf("JSON round trip: %v", err)
	}
	if same := compare.Diff(a, a).Changes[0]; same.Summary != "no changes" || len(same.Changes) != 0 {
		t.Errorf("a plan against itself: %+v", same)
	}
}

// TestDiffTerm checks that a placement shows its term with every part, so
// that a move from a flexible-term transfer to a lease then transfer of
// the same whole term, or to another lease part, is a change.
func TestDiffTerm(t *testing.T) {
	tenure := func(a plan.Allocation, tn rules.Tenure) plan.Allocation {
		a.SupplyMode, a.TermYears, a.LeaseYears, a.TransferYears, a.TermText, a.TermTextZH = tn.Mode, tn.TermYears, tn.LeaseYears, tn.TransferYears, tn.TermText, tn.TermTextZH
		return a
	}
	flex := rules.NewTenure(rules.ModeFlexibleTerm, 0, 20)
	ltt := rules.NewTenure(rules.ModeLeaseThenTransfer, 5, 15)
	ltt2 := rules.NewTenure(rules.ModeLeaseThenTransfer, 3, 17)
	a := handPlan("P1", tenure(alloc("Q1", "L1", 10, ""), flex), tenure(alloc("Q2", "L2", 10, ""), ltt), tenure(alloc("Q3", "L3", 10, ""), ltt))
	b := handPlan("P2", tenure(alloc("Q1", "L1", 10, ""), ltt), tenure(alloc("Q2", "L2", 10, ""), ltt2), tenure(alloc("Q3", "L3", 10, ""), ltt))
	cs := compare.Diff(a, b).Changes[0]
	if len(cs.Changes) != 2 || cs.Changes[0].Proposal != "Q1" || cs.Changes[1].Proposal != "Q2" {
		t.Fatalf("changes %+v, want Q1 and Q2 (same whole term, other parts)", cs.Changes)
	}
	from, to := cs.Changes[0].From, cs.Changes[0].To
	if from.TermYears != 20 || to.TermYears != 20 || to.LeaseYears != 5 || to.TransferYears != 15 {
		t.Errorf("Q1 placements %+v → %+v", from, to)
	}
	for _, tc := range []struct {
		p    *compare.Placement
		zh   bool
		want string
	}{
		{from, true, "弹性年期出让 20 年"},
		{to, true, "先租后让(租赁 5 年 + 出让 15 年)"},
		{to, false, "lease then transfer (lease 5 years + transfer 15 years)"},
		{cs.Changes[1].To, true, "先租后让(租赁 3 年 + 出让 17 年)"},
		// A plan stored before term texts: the mode and the years.
		{&compare.Placement{SupplyMode: rules.ModeTransfer, TermYears: 50}, false, "transfer 50 y"},
		{&compare.Placement{SupplyMode: rules.ModeTransfer, TermYears: 50}, true, "出让 50 年"},
	} {
		if got := tc.p.Term(tc.zh); got != tc.want {
			t.Errorf("Term(%v) of %+v = %q, want %q", tc.zh, tc.p, got, tc.want)
		}
	}
	var js bytes.Buffer
	if err := compare.Diff(a, b).Render(&js, policy.FormatJSON, policy.LangEN); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"lease_years": 5`) || !strings.Contains(js.String(), `"term_text_zh": "先租后让(租赁 5 年 + 出让 15 年)"`) {
		t.Errorf("JSON lacks the term's parts:\n%s", js.String())
	}
}
