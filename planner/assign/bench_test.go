package assign

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// benchSizes keep the 10:1 parcels-to-proposals ratio of the
// 100k × 10k target with 100 candidates per proposal, so that the number
// of pairs grows tenfold across them.
var benchSizes = []struct{ bins, items int }{
	{2000, 200}, {5000, 500}, {10000, 1000}, {20000, 2000},
}

// BenchmarkSolve solves generated instances to a 0.5% gap (10 s limit);
// ns/op against pairs shows how the whole run grows.
//
//	go test -run '^$' -bench Solve -benchtime 1x ./planner/assign/
func BenchmarkSolve(b *testing.B) {
	for _, sz := range benchSizes {
		p, err := GenerateInstance(InstanceConfig{Bins: sz.bins, Items: sz.items, Candidates: 100, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("pairs=%d", len(p.Pairs)), func(b *testing.B) {
			b.ReportAllocs()
			var res *Result
			for b.Loop() {
				res, err = Solve(context.Background(), p, &Settings{TargetGap: 0.005, TimeLimit: 10 * time.Second})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(100*res.Gap, "gap%")
			b.ReportMetric(float64(res.Stats.Iterations), "iterations")
		})
	}
}

// BenchmarkLagrangian times one evaluation of the Lagrangian (reduced
// values and a 0-1 knapsack per bin) at multipliers near the root's
// optimum: the kernel whose cost is linear in the number of pairs.
func BenchmarkLagrangian(b *testing.B) {
	for _, sz := range benchSizes {
		p, err := GenerateInstance(InstanceConfig{Bins: sz.bins, Items: sz.items, Candidates: 100, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		root, _ := rawModel(p).restrict(nil, nil)
		s := &solver{ctx: context.Background(), set: (&Settings{TargetGap: 0.01}).withDefaults(),
			start: time.Now(), deadline: time.Now().Add(time.Minute), bound: 1e300}
		d := newDual(root, 2)
		a := newMults(root)
		_, bm := s.ascent(d, newPrimal(root), a, ascentParams{maxIter: 200, alpha: 1, patience: 20, minAlpha: 1e-3,
			heurAt: func(int) bool { return false }})
		b.Run(fmt.Sprintf("pairs=%d", len(p.Pairs)), func(b *testing.B) {
			for b.Loop() {
				d.eval(bm)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(root.pItem)), "ns/pair")
		})
	}
}

// BenchmarkBinDual times one evaluation of the bin-relaxed dual (the
// root's first phase: each item's best priced pair) at the multipliers
// that phase ends with: the kernel a run's first phase repeats hundreds
// of times over every pair.
func BenchmarkBinDual(b *testing.B) {
	for _, sz := range benchSizes {
		p, err := GenerateInstance(InstanceConfig{Bins: sz.bins, Items: sz.items, Candidates: 100, Seed: 1, LandPressure: 2})
		if err != nil {
			b.Fatal(err)
		}
		root, _ := rawModel(p).restrict(nil, nil)
		s := &solver{ctx: context.Background(), set: (&Settings{TargetGap: 1e-9}).withDefaults(),
			start: time.Now(), deadline: time.Now().Add(time.Minute), bound: 1e300}
		e := newBinDual(root, 2)
		_, rho, am := s.ascentBins(e, newPrimal(root), newMults(root), nil, ascentParams{maxIter: 200, alpha: 1, patience: 20,
			minAlpha: 1e-3, heurAt: func(int) bool { return false }})
		b.Run(fmt.Sprintf("pairs=%d", len(root.pItem)), func(b *testing.B) {
			for b.Loop() {
				e.eval(rho, am)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(root.pItem)), "ns/pair")
		})
	}
}
