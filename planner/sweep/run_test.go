package sweep_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/plan/plantest"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/sweep"
)

// testTimeLimit bounds the solver in tests; the node limit, not the
// clock, ends the sample's runs.
const testTimeLimit = 5 * time.Second

// loadSample reads the embedded sample through planner/ingest.
func loadSample(t testing.TB) ([]planner.Parcel, []planner.Proposal) {
	t.Helper()
	parcels, err := ingest.ReadParcels(bytes.NewReader(sample.ParcelsGeoJSON), ingest.ParcelOptions{File: sample.ParcelsFile})
	if err != nil {
		t.Fatalf("reading the sample: %v", err)
	}
	proposals, err := ingest.ReadProposals(bytes.NewReader(sample.ProposalsCSV), ingest.ProposalOptions{File: sample.ProposalsFile})
	if err != nil {
		t.Fatalf("reading the sample: %v", err)
	}
	return parcels, proposals
}

// TestSweepIdenticalToRuns: each point of a sweep (run in memory against
// a store) is the plan a single run of its scenario makes from the same
// warm start, recording its multipliers as a sweep's points do (as `plan`
// does for a sweep point's scenario), byte for byte.
func TestSweepIdenticalToRuns(t *testing.T) {
	parcels, proposals := loadSample(t)
	base := policy.Default()
	ax, err := sweep.ParseAxis(base, "quota.new_land_mu=0,1200,3000")
	if err != nil {
		t.Fatal(err)
	}
	st := plantest.NewMemStore()
	set := plan.Settings{TimeLimit: testTimeLimit, NodeLimit: 300, Flips: -1}
	res, err := sweep.Run(context.Background(), st, plan.Input{Parcels: parcels, Proposals: proposals, Profile: base}, plan.Scenario{}, []sweep.Axis{ax},
		sweep.Settings{Run: set})
	if err != nil {
		t.Fatal(err)
	}
	var prev *plan.Plan
	for i, r := range res.Rows {
		sc, err := st.Scenario(context.Background(), r.Scenario.Name)
		if err != nil {
			t.Fatal(err)
		}
		prof, err := plan.ApplyScenario(base, sc)
		if err != nil {
			t.Fatal(err)
		}
		s := set
		s.WarmStart, s.RecordDuals = prev, true
		p, err := plan.Run(context.Background(), plan.Input{Parcels: parcels, Proposals: proposals, Profile: prof, Scenario: sc.Name, Overrides: sc.Overrides}, &s)
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := st.Plan(context.Background(), r.Plan)
		if p.ContentSHA256 != stored.ContentSHA256 {
			t.Errorf("point %d (%v): the sweep's plan differs from a run of its scenario", i, r.Set)
		}
		if i > 0 && p.WarmStart != prev.ContentSHA256 {
			t.Errorf("point %d: warm start %q not recorded", i, p.WarmStart)
		}
		if len(stored.RootItemDuals) == 0 {
			t.Errorf("point %d: no multipliers recorded for the next point", i)
		}
		prev = stored
	}
}
