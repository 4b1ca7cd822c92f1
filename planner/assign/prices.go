package assign

import "math"

// Prices are multipliers of the bin relaxation (the root's first phase,
// see the package documentation): a price per unit of weight of each bin
// (ρ_b/C_b) and per unit of coefficient of each side constraint (λ_k),
// in objective units. Per unit, not per bin, so that prices carry over
// between problems on the same bins with other capacities left, such as a
// problem and the problems on what an assignment under construction
// leaves of it.
//
// Any non-negative prices give a valid bound; they only change where the
// first phase's subgradient method begins (Settings.StartPrices) and so
// how many iterations it takes to come near the LP bound.
type Prices struct {
	// Bins[b] is bin b's price per unit of weight.
	Bins []float64
	// Side[k] is side constraint k's price per unit of coefficient.
	Side []float64
}

// Max returns the larger of two sets of prices, entry by entry; a nil
// operand gives the other (copied).
func (p *Prices) Max(o *Prices) *Prices {
	if p == nil && o == nil {
		return nil
	}
	if p == nil {
		p, o = o, nil
	}
	out := &Prices{Bins: append([]float64(nil), p.Bins...), Side: append([]float64(nil), p.Side...)}
	if o == nil {
		return out
	}
	for b := range out.Bins {
		if b < len(o.Bins) {
			out.Bins[b] = math.Max(out.Bins[b], o.Bins[b])
		}
	}
	for k := range out.Side {
		if k < len(o.Side) {
			out.Side[k] = math.Max(out.Side[k], o.Side[k])
		}
	}
	return out
}

// warmAlpha is the first phase's initial step factor when it starts from
// given prices: a quarter of the cold start's, so that the first steps,
// aimed at the incumbent, do not throw the start away.
const warmAlpha = 0.25

// warmMinAlpha is where a warm first phase ends (the cold one goes on to
// 0.01): it starts near the LP bound, and the knapsack relaxation,
// started from its multipliers, lowers the bound more than its last
// halvings.
const warmMinAlpha = 0.05

// rootBinOf maps each bin of the root model to the Problem's, through
// one of its pairs (every bin of a restricted model has a pair).
func rootBinOf(p *Problem, m *model) []int {
	of := make([]int, m.nBins)
	for b := range of {
		of[b] = -1
		if m.binStart[b] < m.binStart[b+1] {
			of[b] = p.Pairs[m.orig[m.binPairs[m.binStart[b]]]].Bin
		}
	}
	return of
}

// startPrices turns Settings.StartPrices into the first phase's starting
// multipliers on the root model m: ρ_b = price × the bin's capacity in m,
// λ_k = price × the constraint's scale. It returns nil when no prices
// were given or they do not fit the Problem (wrong lengths, a negative
// or non-finite entry); λ is written into a.
func startPrices(p *Problem, m *model, pr *Prices, a mults) []float64 {
	if pr == nil || len(pr.Bins) != len(p.Bins) || len(pr.Side) != len(p.Side) {
		return nil
	}
	for _, v := range append(append([]float64(nil), pr.Bins...), pr.Side...) {
		if !finite(v) || v < 0 {
			return nil
		}
	}
	rho := make([]float64, m.nBins)
	for b, pb := range rootBinOf(p, m) {
		if pb >= 0 {
			rho[b] = pr.Bins[pb] * m.binCap[b]
		}
	}
	for k, pk := range m.sideParent {
		a.lam[k] = pr.Side[pk] * m.sideScale[k]
	}
	return rho
}

// prices turns the first phase's best multipliers on the root model m
// back into Prices of the Problem p (0 for bins and constraints the
// presolve removed).
func prices(p *Problem, m *model, rho []float64, a mults) *Prices {
	if m == nil || len(rho) != m.nBins || len(a.lam) != m.nSide {
		return nil
	}
	out := &Prices{Bins: make([]float64, len(p.Bins)), Side: make([]float64, len(p.Side))}
	for b, pb := range rootBinOf(p, m) {
		if pb >= 0 && m.binCap[b] > 0 {
			out.Bins[pb] = rho[b] / m.binCap[b]
		}
	}
	for k, pk := range m.sideParent {
		if sc := m.sideScale[k]; sc > 0 {
			out.Side[pk] = a.lam[k] / sc
		}
	}
	return out
}

// warmBins returns the first phase's starting ρ (nil: all zero), with λ
// written into a, and its initial step factor: Settings.StartPrices on a
// top-level run, else the cold start.
func (s *solver) warmBins(root *model, a mults) ([]float64, float64, float64) {
	if s.prob == nil || s.set.StartPrices == nil {
		return nil, 1, 0.01
	}
	rho := startPrices(s.prob, root, s.set.StartPrices, a)
	if rho == nil {
		return nil, 1, 0.01
	}
	return rho, warmAlpha, warmMinAlpha
}
