package plan_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
	"github.com/landplan/landplan/planner/plan"
)

var (
	programmeGap   = flag.Float64("programme.gap", 0.05, "target gap of BenchmarkProgramme's runs")
	programmeLimit = flag.Duration("programme.limit", 10*time.Minute, "time limit of each of BenchmarkProgramme's runs")
	programmeOnly  = flag.String("programme.only", "", `run only the one-year plan ("one") or only the five-year programme ("five"), to time each as a whole process`)
)

// generated returns a generated instance, its proposals' ids prefixed.
func generated(b *testing.B, seed uint64, parcels, proposals int, prefix string) ([]planner.Parcel, []planner.Proposal) {
	gj, csv, err := sample.Generate(sample.Config{Seed: seed, Parcels: parcels, Proposals: proposals})
	if err != nil {
		b.Fatal(err)
	}
	xs, err := ingest.ReadParcels(bytes.NewReader(gj), ingest.ParcelOptions{File: "generated.geojson"})
	if err != nil {
		b.Fatal(err)
	}
	qs, err := ingest.ReadProposals(bytes.NewReader(csv), ingest.ProposalOptions{File: "generated.csv"})
	if err != nil {
		b.Fatal(err)
	}
	for i := range qs {
		qs[i].ID = prefix + qs[i].ID
	}
	return xs, qs
}

// BenchmarkProgramme measures the multi-year programme on 3000 parcels ×
// 1500 proposals against the one-year run at the same target gap
// (-programme.gap), then a re-plan after 10% new proposals with the
// programme's first-year allocations signed: the contracts kept, and the
// moves of the churn-minimal re-plan against an unconstrained one. Run it
// alone, once: go test -run '^$' -bench BenchmarkProgramme -benchtime 1x
// ./planner/plan/ (minutes). -programme.only one (or five) runs only the
// one-year plan (or only the programme), so that a timing tool can set
// the two processes side by side.
func BenchmarkProgramme(b *testing.B) {
	parcels, proposals := generated(b, 7, 3000, 1500, "")
	set := &plan.Settings{TimeLimit: *programmeLimit, TargetGap: *programmeGap, Flips: -1}
	run := func(in plan.Input, what string) (*plan.Plan, time.Duration) {
		start := time.Now()
		p, err := plan.Run(context.Background(), in, set)
		if err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		b.Logf("%s: %.1f s, objective %.4f, bound %.4f (root %.4f), gap %.4f%% (%s), year-by-year start %.4f, %d projects, %d pairs",
			what, d.Seconds(), p.Objective, p.Bound, p.Solver.RootBound, 100*p.Gap, p.Status, p.Solver.StartObjective, p.Totals.Projects, p.Solver.Candidates)
		return p, d
	}
	for b.Loop() {
		switch *programmeOnly {
		case "one":
			run(plan.Input{Parcels: parcels, Proposals: proposals, Profile: profile(b)}, "one year")
			continue
		case "five":
			run(plan.Input{Parcels: parcels, Proposals: proposals, Profile: profile(b, "plan.horizon_end=2030")}, "five years 2026-2030")
			continue
		}
		_, one := run(plan.Input{Parcels: parcels, Proposals: proposals, Profile: profile(b)}, "one year")
		five, d5 := run(plan.Input{Parcels: parcels, Proposals: proposals, Profile: profile(b, "plan.horizon_end=2030")}, "five years 2026-2030")
		b.ReportMetric(one.Seconds(), "one-year-s")
		b.ReportMetric(d5.Seconds(), "five-year-s")
		b.ReportMetric(d5.Seconds()/one.Seconds(), "ratio")
		b.Logf("five-year / one-year time: %.2f", d5.Seconds()/one.Seconds())
		for y, used := range five.Totals.NewLandByYear {
			if used > five.Totals.QuotaByYear[y]+1e-6 {
				b.Errorf("%s: new land %.2f over the quota %.2f", y, used, five.Totals.QuotaByYear[y])
			}
		}

		// Sign the first year, add 10% new proposals, re-plan.
		five.ID = "plan-five"
		var first []string
		for _, a := range five.Allocations {
			if a.Year == 2026 {
				first = append(first, a.Proposal)
			}
		}
		cs, err := plan.ContractsFrom(five, first, parcels, "2026-12-31")
		if err != nil {
			b.Fatal(err)
		}
		_, extra := generated(b, 8, 3000, 150, "N")
		more := append(append([]planner.Proposal{}, proposals...), extra...)
		in := plan.Input{Parcels: parcels, Proposals: more, Profile: profile(b, "plan.horizon_end=2030"), Contracts: cs}
		free, _ := run(in, "re-plan, unconstrained")
		in.Previous = five
		minimal, _ := run(in, "re-plan, churn-minimal")
		kept := 0
		for _, c := range cs {
			if a, ok := allocationOf(minimal, c.Proposal); ok && a.Signed && a.Parcel == c.Parcel && a.Year == c.Year {
				kept++
			}
		}
		tentative := len(five.Allocations) - len(cs)
		moves := func(p *plan.Plan) int {
			n := 0
			for _, a := range five.Allocations {
				if a.Year == 2026 {
					continue
				}
				if x, ok := allocationOf(p, a.Proposal); !ok || x.Parcel != a.Parcel || x.Year != a.Year {
					n++
				}
			}
			return n
		}
		b.ReportMetric(float64(kept)/float64(len(cs)), "contracts-kept")
		b.ReportMetric(float64(moves(minimal)), "moves-churn-minimal")
		b.ReportMetric(float64(moves(free)), "moves-unconstrained")
		b.Logf("contracts kept %d of %d; tentative allocations %d: churn-minimal moves %d (listed %d), unconstrained %d; values %.4f vs %.4f (%s)",
			kept, len(cs), tentative, moves(minimal), len(minimal.Moves), moves(free), minimal.Objective, free.Objective,
			fmt.Sprintf("%.4f%%", 100*(free.Objective-minimal.Objective)/free.Objective))
		if kept != len(cs) {
			b.Errorf("kept %d of %d contracts", kept, len(cs))
		}
	}
}
