package plan_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
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
	c := plan.Diff(a, b)
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
	ind := map[string]plan.Indicator{}
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
	var back plan.Comparison
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Changes[0].Summary != cs.Summary {
		t.Errorf("JSON round trip: %v", err)
	}
	if same := plan.Diff(a, a).Changes[0]; same.Summary != "no changes" || len(same.Changes) != 0 {
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
	cs := plan.Diff(a, b).Changes[0]
	if len(cs.Changes) != 2 || cs.Changes[0].Proposal != "Q1" || cs.Changes[1].Proposal != "Q2" {
		t.Fatalf("changes %+v, want Q1 and Q2 (same whole term, other parts)", cs.Changes)
	}
	from, to := cs.Changes[0].From, cs.Changes[0].To
	if from.TermYears != 20 || to.TermYears != 20 || to.LeaseYears != 5 || to.TransferYears != 15 {
		t.Errorf("Q1 placements %+v → %+v", from, to)
	}
	for _, tc := range []struct {
		p    *plan.Placement
		zh   bool
		want string
	}{
		{from, true, "弹性年期出让 20 年"},
		{to, true, "先租后让(租赁 5 年 + 出让 15 年)"},
		{to, false, "lease then transfer (lease 5 years + transfer 15 years)"},
		{cs.Changes[1].To, true, "先租后让(租赁 3 年 + 出让 17 年)"},
		// A plan stored before term texts: the mode and the years.
		{&plan.Placement{SupplyMode: rules.ModeTransfer, TermYears: 50}, false, "transfer 50 y"},
		{&plan.Placement{SupplyMode: rules.ModeTransfer, TermYears: 50}, true, "出让 50 年"},
	} {
		if got := tc.p.Term(tc.zh); got != tc.want {
			t.Errorf("Term(%v) of %+v = %q, want %q", tc.zh, tc.p, got, tc.want)
		}
	}
	var js bytes.Buffer
	if err := plan.Diff(a, b).Render(&js, policy.FormatJSON, policy.LangEN); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"lease_years": 5`) || !strings.Contains(js.String(), `"term_text_zh": "先租后让(租赁 5 年 + 出让 15 年)"`) {
		t.Errorf("JSON lacks the term's parts:\n%s", js.String())
	}
}

func TestRender(t *testing.T) {
	p := runSample(t)
	tests := []struct {
		name   string
		lang   policy.Lang
		render func(*bytes.Buffer) error
		want   []string
	}{
		{name: "plan en", lang: policy.LangEN, render: func(b *bytes.Buffer) error { return p.Render(b, policy.FormatText, policy.LangEN) },
			want: []string{"Projects placed", "quota", "Supply modes:", "+ " + p.Allocations[0].Proposal + " → " + p.Allocations[0].Parcel, "Not placed", p.ContentSHA256}},
		{name: "plan zh", lang: policy.LangZH, render: func(b *bytes.Buffer) error { return p.Render(b, policy.FormatText, policy.LangZH) },
			want: []string{"安排项目", "新增", "宿舍型保障性租赁住房", "供地方式", "未安排"}},
		{name: "explain one", render: func(b *bytes.Buffer) error {
			return p.Explain(b, p.Allocations[0].Proposal, policy.FormatText, policy.LangEN)
		}, want: []string{rules.RuleAreaFit, rules.RuleScore, rules.RuleSupplyMode, plan.RuleRunnerUp, p.Allocations[0].TermText}},
		{name: "explain unallocated zh", render: func(b *bytes.Buffer) error {
			return p.Explain(b, p.Unallocated[0].Proposal, policy.FormatText, policy.LangZH)
		}, want: []string{"- " + p.Unallocated[0].Proposal, p.Unallocated[0].Reasons[0].MessageZH}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.render(&b); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("output lacks %q", w)
				}
			}
		})
	}
	var js bytes.Buffer
	if err := p.Render(&js, policy.FormatJSON, policy.LangEN); err != nil {
		t.Fatal(err)
	}
	var back plan.Plan
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	// The field names of docs/product.md, "The plan".
	var raw map[string]any
	_ = json.Unmarshal(js.Bytes(), &raw)
	for _, k := range []string{"plan", "scenario", "created", "inputs_sha256", "policy_sha256", "objective", "bound", "gap", "totals", "allocations", "unallocated", "reasons"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if sum, _ := plan.ContentSHA256(&back); sum != p.ContentSHA256 {
		t.Errorf("the decoded plan hashes to %s, not %s", sum, p.ContentSHA256)
	}
	err := p.Explain(&js, "NO-SUCH", policy.FormatText, policy.LangEN)
	if planner.KindOf(err) != planner.KindNotFound {
		t.Errorf("unknown proposal: %v", err)
	}
	if err := p.Render(&js, "xml", policy.LangEN); planner.KindOf(err) != planner.KindInvalid {
		t.Errorf("unknown format: %v", err)
	}
}

func TestIdentical(t *testing.T) {
	p := runSample(t)
	stored := []plan.PlanSummary{{ID: "1", ContentSHA256: "other"}, {ID: "2", ContentSHA256: p.ContentSHA256}}
	if id, ok := plan.Identical(stored, p); !ok || id != "2" {
		t.Errorf("Identical = %q %v, want plan 2", id, ok)
	}
	if _, ok := plan.Identical(stored[:1], p); ok {
		t.Error("identical to a plan of other content")
	}
	s := p.Summary()
	if s.Projects != p.Totals.Projects || s.ContentSHA256 != p.ContentSHA256 || s.AllocatedMu != p.Totals.AllocatedMu {
		t.Errorf("summary %+v", s)
	}
}

// A zone cap binds the new land supplied in its zone.
func TestZoneCap(t *testing.T) {
	hx := func(x *planner.Parcel) { x.Zone = "河西柳州高新区" }
	xs := []planner.Parcel{parcel("L1", 0, 40), parcel("L2", 1, 40), parcel("H1", 2, 40, hx)}
	qs := []planner.Proposal{proposal("A", 30, 2), proposal("B", 30, 1.5), proposal("C", 30, 1)}
	prof := profile(t, "quota.zone_caps.柳州国家高新区=35")
	p, err := runFixture(t, xs, qs, prof, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, p, xs, qs, prof)
	inZone := 0.0
	for _, a := range p.Allocations {
		if a.Zone == "柳州国家高新区" {
			inZone += a.NewLandMu
		}
	}
	if inZone > 35 || p.Totals.Projects != 2 {
		t.Errorf("%.2f mu of new land in the capped zone, %d projects: want ≤ 35 and 2", inZone, p.Totals.Projects)
	}
	if !hasRuleMsg(p.Reasons, rules.RuleQuota, "quota.zone_caps.柳州国家高新区") {
		t.Errorf("no plan reason for the zone cap: %v", p.Reasons)
	}
}

var reCBCObjective = regexp.MustCompile(`Objective value:\s+(-?[0-9.eE+-]+)`)

// The exported model is the one solved: cbc (coinor-cbc) solves it to the
// plan's objective.
func TestExportMPSWithCBC(t *testing.T) {
	xs := []planner.Parcel{parcel("L1", 0, 60), parcel("L2", 1, 40, stock), parcel("L3", 2, 35)}
	qs := []planner.Proposal{proposal("A", 30, 2), proposal("B", 25, 1.5), proposal("C", 20, 1.2), proposal("D", 35, 1.1),
		proposal("E", 30, 1.8, func(q *planner.Proposal) { q.Phases, q.Phase1Share = 2, 0.5 })}
	prof := profile(t, "quota.new_land_mu=70")
	var mps bytes.Buffer
	p, err := runFixture(t, xs, qs, prof, &plan.Settings{ExportMPS: &mps, TargetGap: -1})
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != "optimal" {
		t.Fatalf("status %s, want optimal on a 5-proposal instance", p.Status)
	}
	if !strings.Contains(mps.String(), "quota.new_land") || !strings.Contains(mps.String(), "OBJSENSE") {
		t.Fatalf("MPS lacks the quota row or the sense:\n%s", mps.String())
	}
	got, _ := cbcOptimum(t, mps.Bytes())
	// cbc prints 8 significant digits; its default integrality and
	// optimality tolerances are ~1e-7 relative.
	if diff := got - p.Objective; diff > 1e-6*p.Objective || -diff > 1e-6*p.Objective {
		t.Errorf("cbc objective %v, plan %v", got, p.Objective)
	}
}
