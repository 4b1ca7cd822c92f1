package plan

import (
	"slices"

	"github.com/landplan/landplan/planner/assign"
)

// pairTerms lists the side-constraint terms of each pair, pair after
// pair (Term.Pair is the constraint): those of pair k are
// t[at[k]:at[k+1]], in the order of the constraints.
type pairTerms struct {
	at []int32
	t  []assign.Term
}

// newPairTerms indexes by pair the terms of the constraints side, whose
// terms name n pairs.
func newPairTerms(n int, side []assign.Constraint) *pairTerms {
	pt := &pairTerms{at: make([]int32, n+1)}
	for _, con := range side {
		for _, t := range con.Terms {
			pt.at[t.Pair+1]++
		}
	}
	for k := range n {
		pt.at[k+1] += pt.at[k]
	}
	pt.t = make([]assign.Term, pt.at[n])
	next := slices.Clone(pt.at[:n])
	for c, con := range side {
		for _, t := range con.Terms {
			pt.t[next[t.Pair]] = assign.Term{Pair: c, Coef: t.Coef}
			next[t.Pair]++
		}
	}
	return pt
}

// of is pair k's terms.
func (pt *pairTerms) of(k int) []assign.Term { return pt.t[pt.at[k]:pt.at[k+1]] }

// add appends the terms of the next pair.
func (pt *pairTerms) add(terms []assign.Term) {
	pt.t = append(pt.t, terms...)
	pt.at = append(pt.at, int32(len(pt.t)))
}

// truncate keeps the terms of the first n pairs.
func (pt *pairTerms) truncate(n int) {
	pt.t, pt.at = pt.t[:pt.at[n]], pt.at[:n+1]
}
