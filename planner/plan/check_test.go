package plan_test

import (
	"math"
	"testing"

	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// TestCheckScoresMatchPlan holds `landplan check` and `landplan plan` to
// one score per pair: every allocation whose parcel check lists among the
// proposal's best shows the same score in both.
func TestCheckScoresMatchPlan(t *testing.T) {
	parcels, proposals := loadSample(t)
	p := runSample(t)
	rep, err := rules.Check(policy.Default(), parcels, proposals)
	if err != nil {
		t.Fatal(err)
	}
	best := map[[2]string]float64{}
	for _, pc := range rep.Proposals {
		for _, c := range pc.Best {
			best[[2]string{pc.Proposal, c.Parcel}] = c.Score
		}
	}
	compared := 0
	for _, a := range p.Allocations {
		s, ok := best[[2]string{a.Proposal, a.Parcel}]
		if !ok {
			continue
		}
		compared++
		if math.Abs(s-a.Score) > 1e-12 {
			t.Errorf("%s on %s: check scores %.6f, the plan %.6f", a.Proposal, a.Parcel, s, a.Score)
		}
	}
	if compared < 5 {
		t.Errorf("only %d allocations compared: check's best parcels should include most chosen ones", compared)
	}
}
