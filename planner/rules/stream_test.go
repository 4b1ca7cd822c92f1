package rules_test

import (
	"math/rand/v2"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// ScorePairsStream asks for the pairs once per pass of the normalisation
// (one; two for entropy weights), counting them in the first, and
// scores no pair of a pool without eligible pairs.
func TestScorePairsStreamPasses(t *testing.T) {
	parcels, proposals := randomPool(rand.New(rand.NewPCG(9, 10)), 300, 40)
	for _, c := range []struct {
		method string
		passes int
	}{{"explicit", 1}, {"ahp", 1}, {"entropy", 2}} {
		p := profile(t, "score.method", c.method, "score.aggregation", "weighted_sum")
		pairs := leanPairs(p, parcels, proposals)
		calls := 0
		sc, err := rules.ScorePairsStream(p, func(yield func(*rules.PairAssessment)) {
			calls++
			for k := range pairs {
				yield(&pairs[k])
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if calls != c.passes || sc.Rows != len(pairs) || len(pairs) == 0 {
			t.Errorf("%s: %d passes (want %d), %d rows of %d pairs", c.method, calls, c.passes, sc.Rows, len(pairs))
		}
		full, err := rules.ScorePairs(p, pairs)
		if err != nil {
			t.Fatal(err)
		}
		for k := range pairs {
			if got := sc.Score(&pairs[k]); got.Score != full.Pairs[k].Score {
				t.Fatalf("%s: pair %d scored %v streamed, %v together", c.method, k, got.Score, full.Pairs[k].Score)
			}
		}
	}
	p := profile(t)
	sc, err := rules.ScorePairsStream(p, func(func(*rules.PairAssessment)) {})
	if err != nil || sc.Rows != 0 || sc.Score(&rules.PairAssessment{Eligible: true}).Scored {
		t.Errorf("no pairs: %+v, %v", sc, err)
	}
}

// leanPairs are the lean eligible pairs of every proposal on the pool.
func leanPairs(p *policy.Profile, parcels []planner.Parcel, proposals []planner.Proposal) []rules.PairAssessment {
	var avail []*rules.ParcelAssessment
	for _, x := range parcels {
		pa := rules.AssessParcel(p, x)
		avail = append(avail, &pa)
	}
	pool := rules.NewLandPool(avail)
	var pairs []rules.PairAssessment
	for _, q := range proposals {
		qa := rules.AssessProposal(p, q)
		pairs = pool.AppendPairs(pairs, p, &qa, false, map[string]int{})
	}
	return pairs
}
