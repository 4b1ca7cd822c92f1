package rules_test

import (
	"math/rand/v2"
	"testing"

	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// BenchmarkAppendPairs assesses the pairs of 200 proposals on a random
// pool of 10 000 parcels as a planning run's passes do (lean pairs,
// counts per rule). ns/pair is the time per proposal × available parcel,
// ns/eligible per eligible pair made.
func BenchmarkAppendPairs(b *testing.B) {
	p := policy.Default()
	parcels, proposals := randomPool(rand.New(rand.NewPCG(5, 6)), 10000, 200)
	var avail []*rules.ParcelAssessment
	for _, x := range parcels {
		pa := rules.AssessParcel(p, x)
		avail = append(avail, &pa)
	}
	pool := rules.NewLandPool(avail)
	qas := make([]rules.ProposalAssessment, len(proposals))
	for i, q := range proposals {
		qas[i] = rules.AssessProposal(p, q)
	}
	var buf []rules.PairAssessment
	counts := map[string]int{}
	eligible := 0
	b.ResetTimer()
	for b.Loop() {
		eligible = 0
		for i := range qas {
			clear(counts)
			buf = pool.AppendPairs(buf[:0], p, &qas[i], false, counts)
			eligible += len(buf)
		}
	}
	per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(per/float64(pool.Available()*len(qas)), "ns/pair")
	if eligible > 0 {
		b.ReportMetric(per/float64(eligible), "ns/eligible")
	}
	b.ReportMetric(float64(eligible), "eligible")
}
