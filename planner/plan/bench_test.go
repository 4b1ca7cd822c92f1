package plan_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/planner/ingest"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// BenchmarkRunSample plans the embedded sample (320 parcels, 120
// proposals) end to end: rules, scoring, solve, explanations, lots; with
// the default search of verified flips (each a whole re-solve) and
// without.
func BenchmarkRunSample(b *testing.B) {
	parcels, proposals := loadSample(b)
	in := plan.Input{Parcels: parcels, Proposals: proposals, Profile: policy.Default()}
	for _, bc := range []struct {
		name  string
		flips int
	}{{"flips", 0}, {"noflips", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := plan.Run(context.Background(), in, &plan.Settings{TimeLimit: time.Minute, TargetGap: 1e-4, Flips: bc.flips}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRunGenerated plans a generated instance ten times the sample,
// the solver given 10 s (the gap it reaches is reported).
func BenchmarkRunGenerated(b *testing.B) {
	gj, csv, err := sample.Generate(sample.Config{Seed: 7, Parcels: 3200, Proposals: 1200})
	if err != nil {
		b.Fatal(err)
	}
	parcels, err := ingest.ReadParcels(bytes.NewReader(gj), ingest.ParcelOptions{File: "generated.geojson"})
	if err != nil {
		b.Fatal(err)
	}
	proposals, err := ingest.ReadProposals(bytes.NewReader(csv), ingest.ProposalOptions{File: "generated.csv"})
	if err != nil {
		b.Fatal(err)
	}
	in := plan.Input{Parcels: parcels, Proposals: proposals, Profile: policy.Default()}
	for b.Loop() {
		p, err := plan.Run(context.Background(), in, &plan.Settings{TimeLimit: 10 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(p.Gap, "gap")
		b.ReportMetric(float64(p.Solver.Candidates), "pairs")
	}
}
