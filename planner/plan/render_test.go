package plan_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/explain"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

func TestRender(t *testing.T) {
	p := runSample(t)
	tests := []struct {
		name   string
		lang   policy.Lang
		render func(*bytes.Buffer) error
		want   []string
	}{
		{name: "plan en", lang: policy.LangEN, render: func(b *bytes.Buffer) error { return explain.Render(b, p, policy.FormatText, policy.LangEN) },
			want: []string{"Projects placed", "quota", "Supply modes:", "+ " + p.Allocations[0].Proposal + " → " + p.Allocations[0].Parcel, "Not placed", p.ContentSHA256}},
		{name: "plan zh", lang: policy.LangZH, render: func(b *bytes.Buffer) error { return explain.Render(b, p, policy.FormatText, policy.LangZH) },
			want: []string{"安排项目", "新增", "宿舍型保障性租赁住房", "供地方式", "未安排"}},
		{name: "explain one", render: func(b *bytes.Buffer) error {
			return explain.Explain(b, p, p.Allocations[0].Proposal, policy.FormatText, policy.LangEN)
		}, want: []string{rules.RuleAreaFit, rules.RuleScore, rules.RuleSupplyMode, plan.RuleRunnerUp, p.Allocations[0].TermText}},
		{name: "explain unallocated zh", render: func(b *bytes.Buffer) error {
			return explain.Explain(b, p, p.Unallocated[0].Proposal, policy.FormatText, policy.LangZH)
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
	if err := explain.Render(&js, p, policy.FormatJSON, policy.LangEN); err != nil {
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
	err := explain.Explain(&js, p, "NO-SUCH", policy.FormatText, policy.LangEN)
	if planner.KindOf(err) != planner.KindNotFound {
		t.Errorf("unknown proposal: %v", err)
	}
	if err := explain.Render(&js, p, "xml", policy.LangEN); planner.KindOf(err) != planner.KindInvalid {
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
