package rules

import (
	"fmt"

	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/score"
)

// PairScorer scores pairs one at a time, to the scores ScorePairs gives
// them among all the pairs, without holding the pairs: the normalisation
// and the weights come from a streaming pass over them
// (ScorePairsStream).
type PairScorer struct {
	// Scoring is the method, aggregation, criteria, weights and AHP
	// report, as ScorePairs gives them; its Pairs are nil.
	Scoring Scoring
	// Rows is the number of eligible pairs scanned.
	Rows int

	p    *policy.Profile
	cols columns
	st   *score.Stream // nil when no pair was scored
}

// ScorePairsStream prepares the scoring of the pairs pairs yields (always
// the same pairs in the same order, the order ScorePairs would be given
// them), calling it once, twice for entropy weights, for the
// normalisation (package score's NewStream, whose first pass also counts
// the pairs). Ineligible pairs are passed over as ScorePairs
// passes over them. Its errors are ScorePairs'.
func ScorePairsStream(p *policy.Profile, pairs func(yield func(*PairAssessment))) (*PairScorer, error) {
	sc := p.Score
	out := &PairScorer{Scoring: Scoring{Method: sc.Method, Aggregation: sc.Aggregation, Criteria: sc.Criteria}, p: p}
	m, err := criteriaColumns(p)
	if err != nil {
		return nil, err
	}
	out.cols = m
	rows := func(yield func([]float64)) {
		var buf [numCriteria]float64
		pairs(func(pr *PairAssessment) {
			if pr.Eligible {
				yield(out.row(pr, &buf))
			}
		})
	}
	count := func() int {
		n := 0
		rows(func([]float64) { n++ })
		return n
	}
	if len(m.cols) == 0 {
		out.Rows = count()
		return out, nil
	}
	// The rows are counted in NewStream's first pass, not in a pass of
	// their own: no pair is then scored when there is none.
	n, passes := 0, 0
	counted := func(yield func([]float64)) {
		passes++
		first := passes == 1
		rows(func(row []float64) {
			if first {
				n++
			}
			yield(row)
		})
	}
	st, err := score.NewStream(sc.Criteria, m.dirs, counted, &score.Settings{
		Method:      score.WeightMethod(sc.Method),
		Weights:     m.weights,
		Judgement:   sc.Judgement,
		MaxCR:       sc.MaxCR,
		Aggregation: score.Aggregation(sc.Aggregation),
		Benchmarks:  m.benchmarks,
	})
	if passes == 0 {
		n = count()
	}
	out.Rows = n
	if n == 0 {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("rules: scoring %d eligible pairs: %w", n, err)
	}
	out.st = st
	out.Scoring.Weights, out.Scoring.AHP = st.Weights, st.AHP
	return out, nil
}

// row is the pair's row of the decision matrix, in buf.
func (s *PairScorer) row(pr *PairAssessment, buf *[numCriteria]float64) []float64 {
	row := buf[:len(s.cols.cols)]
	for j, c := range s.cols.cols {
		row[j] = pr.values[c]
	}
	return row
}

// Score is the pair's score as ScorePairsLean gives it: no breakdown or
// reasons (an ineligible pair is not scored). It is safe for concurrent
// use.
func (s *PairScorer) Score(pr *PairAssessment) PairScore {
	ps := PairScore{Proposal: pr.Proposal, Parcel: pr.Parcel}
	if s.st == nil || !pr.Eligible {
		return ps
	}
	var buf [numCriteria]float64
	scorePair(s.p, &ps, pr, s.st.Score(s.row(pr, &buf), nil))
	return ps
}

// Explain is the pair's score with its breakdown and reasons, as
// ScorePairs gives it.
func (s *PairScorer) Explain(pr *PairAssessment) PairScore {
	ps := PairScore{Proposal: pr.Proposal, Parcel: pr.Parcel}
	if s.st == nil || !pr.Eligible {
		return ps
	}
	var buf [numCriteria]float64
	row := s.row(pr, &buf)
	contrib := make([]float64, len(row))
	scorePair(s.p, &ps, pr, s.st.Score(row, contrib))
	s.Scoring.explain(&ps, row, contrib, pr.HeavierBy)
	return ps
}
