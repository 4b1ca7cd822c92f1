package assign

import (
	"context"
	"math"
	"slices"
)

// SolveFrom is Solve started from a known assignment: start lists pairs
// (Problem indices), typically the solution of a neighbouring problem in
// a parameter sweep. The pairs that fit are taken as the initial
// incumbent: forced pairs first, then start's pairs by value, highest
// first (ties by index), each kept only when its item is still free,
// it is not forbidden, and its bin, every side constraint and every
// exclusive group still have room; the rest are dropped. That incumbent
// replaces the trivial one when it is worth more. Pairs out of range are
// ignored, so a start taken from another problem never makes the call
// fail; a nil start is Solve.
//
// The start changes only where the search begins: the result is a
// feasible assignment with a proven bound, as from Solve, but when
// several assignments lie within the target gap the one returned may
// differ from Solve's.
func SolveFrom(ctx context.Context, p *Problem, s *Settings, start []int) (*Result, error) {
	return solve(ctx, p, s, start)
}

// feasibleStart returns the assignment SolveFrom starts from and its
// value; a value of −Inf when the forced pairs themselves do not fit (the
// presolve reports that).
//
// Complexity: the warm start's repair passes, one after another.
func feasibleStart(p *Problem, start []int) ([]int, float64) {
	on := make([]bool, len(p.Pairs))
	forbidden := make([]bool, len(p.Pairs))
	for _, q := range p.Forbidden {
		forbidden[q] = true
	}
	itemUsed := make([]bool, p.Items)
	load := make([]float64, len(p.Bins))
	sideUsed := make([]float64, len(p.Side))
	groupUsed := make([]bool, len(p.Exclusive))
	terms, groups := startIndex(p, start)
	var chosen []int
	value := 0.0
	take := func(q int, must bool) bool {
		pr := p.Pairs[q]
		ok := !on[q] && !itemUsed[pr.Item] && (must || !forbidden[q]) &&
			load[pr.Bin]+pr.Weight <= p.Bins[pr.Bin].Capacity+feasTol(p.Bins[pr.Bin].Capacity)
		for _, t := range terms[q] {
			ok = ok && sideUsed[t.k]+t.coef <= p.Side[t.k].Capacity+feasTol(p.Side[t.k].Capacity)
		}
		for _, g := range groups[q] {
			ok = ok && !groupUsed[g]
		}
		if !ok {
			return false
		}
		on[q], itemUsed[pr.Item] = true, true
		load[pr.Bin] += pr.Weight
		for _, t := range terms[q] {
			sideUsed[t.k] += t.coef
		}
		for _, g := range groups[q] {
			groupUsed[g] = true
		}
		chosen = append(chosen, q)
		value += pr.Value
		return true
	}
	for _, q := range p.Forced {
		if !take(q, true) {
			return nil, math.Inf(-1)
		}
	}
	var rest []int
	for _, q := range start {
		if q >= 0 && q < len(p.Pairs) {
			rest = append(rest, q)
		}
	}
	slices.SortFunc(rest, func(a, b int) int {
		if va, vb := p.Pairs[a].Value, p.Pairs[b].Value; va != vb {
			if va > vb {
				return -1
			}
			return 1
		}
		return a - b
	})
	for _, q := range rest {
		if p.Pairs[q].Value > 0 {
			take(q, false)
		}
	}
	slices.Sort(chosen)
	if check(p, chosen, value) != nil {
		return nil, math.Inf(-1)
	}
	return chosen, value
}

// sideTerm is a pair's term in side constraint k.
type sideTerm struct {
	k    int
	coef float64
}

// startIndex returns the side terms and the exclusive groups, by pair, of
// the pairs feasibleStart may take: the forced pairs and the start's only
// (a programme has hundreds of thousands of pairs, most in a quota row).
func startIndex(p *Problem, start []int) (map[int][]sideTerm, map[int][]int) {
	may := make([]bool, len(p.Pairs))
	for _, q := range p.Forced {
		may[q] = true
	}
	for _, q := range start {
		if q >= 0 && q < len(p.Pairs) {
			may[q] = true
		}
	}
	terms := map[int][]sideTerm{}
	for k, c := range p.Side {
		for _, t := range c.Terms {
			if may[t.Pair] {
				terms[t.Pair] = append(terms[t.Pair], sideTerm{k, t.Coef})
			}
		}
	}
	groups := map[int][]int{}
	for g, grp := range p.Exclusive {
		for _, q := range grp {
			if may[q] {
				groups[q] = append(groups[q], g)
			}
		}
	}
	return terms, groups
}

// Duals are the Lagrangian multipliers of the side constraints at the
// root of a run (phase 2 of the dual, see the package documentation) and
// the bound they prove.
//
// For a mixed-integer program a multiplier is not a price: it is the
// slope of a bound. Bound = L(u, λ, μ) is a value of the Lagrangian dual,
// whose only dependence on the side capacities D is the term Σ_k λ_k D_k,
// so for every change δ of capacity k, at the same multipliers,
//
//	optimum(D_k + δ) ≤ Bound + Side[k]·δ
//
// holds for δ ≤ 0 always and for δ > 0 as long as the presolve excluded no
// pair as too large for what the forced pairs leave of the row (it never
// does when no pair's coefficient exceeds the capacity less the forced
// pairs' use). With Objective the value of the plan at D, the true change
// of the optimum per unit, (optimum(D+δ) − optimum(D))/δ, therefore lies at
// most (Bound − Objective)/|δ| away from Side[k] on one side: above it by
// no more than that for δ > 0, below it by no more than that for δ < 0.
// When the root's bound closes the gap (Bound = optimum) and the
// optimum is a concave function of D_k near D, Side[k] is the exact
// marginal value; otherwise it is an estimate with that guarantee.
type Duals struct {
	// Side[k] is λ_k for side constraint k of the Problem, in objective
	// units per unit of the constraint's capacity (0 for a row the
	// presolve found unable to bind).
	Side []float64
	// Items[i] is u_i, the root's multiplier of item i's row (one pair
	// at most), in objective units (0 for an item the presolve removed).
	// With Side it prices a pair left out of the Problem:
	// v_p − u_i − Σ_k Side[k]·a_kp (SolveLazy).
	Items []float64
	// Bound is the Lagrangian bound at those multipliers; it is at least
	// Result.Bound.
	Bound float64
}

// Evaluated reports whether d holds multipliers the root evaluated (a
// finite Bound): a run stopped before its root's second phase did any
// iteration has its starting multipliers, which still price pairs
// validly but bound nothing and are no prices to report. False for nil.
func (d *Duals) Evaluated() bool { return d != nil && !math.IsInf(d.Bound, 0) }

// duals maps the root's side multipliers to the Problem's side
// constraints and units; nil when the run did not reach phase 2.
func (s *solver) duals(nSide, nItems int) *Duals {
	m := s.rootModel
	if m == nil || m.nSide != len(s.rootMult.lam) {
		return nil
	}
	d := &Duals{Side: make([]float64, nSide), Items: make([]float64, nItems), Bound: s.rootL}
	for i, pi := range m.itemParent {
		if i < len(s.rootMult.u) {
			d.Items[pi] = s.rootMult.u[i]
		}
	}
	for k, pk := range m.sideParent {
		if sc := m.sideScale[k]; sc > 0 {
			d.Side[pk] = s.rootMult.lam[k] / sc
		}
	}
	return d
}
