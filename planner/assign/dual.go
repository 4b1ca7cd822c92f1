package assign

import (
	"math"
	"sync"
)

// mults are Lagrange multipliers of a model: u for the item rows
// (Σ x ≤ 1 over an item's pairs), lam for the side rows (scaled), mu for
// the exclusive groups. All are non-negative.
type mults struct {
	u, lam, mu []float64
}

func newMults(m *model) mults {
	return mults{
		u:   make([]float64, m.nItems),
		lam: make([]float64, m.nSide),
		mu:  make([]float64, m.nGroups),
	}
}

func (a mults) clone() mults {
	return mults{
		u:   append([]float64(nil), a.u...),
		lam: append([]float64(nil), a.lam...),
		mu:  append([]float64(nil), a.mu...),
	}
}

// mapFrom carries a parent model's multipliers over to the child c.
func (a mults) mapFrom(c *model, parent mults) {
	for i, pi := range c.itemParent {
		a.u[i] = parent.u[pi]
	}
	for k, pk := range c.sideParent {
		a.lam[k] = parent.lam[pk]
	}
	for g, pg := range c.groupParent {
		a.mu[g] = parent.mu[pg]
	}
}

// dual evaluates the Lagrangian relaxation of a model in which the item
// rows, the side rows and the exclusive groups are relaxed with
// multipliers (u, λ, μ) ≥ 0. What is left separates into one 0-1 knapsack
// per bin over the reduced values
//
//	r_p = v_p − u_i(p) − Σ_k λ_k a_kp − Σ_{g∋p} μ_g,
//
// and
//
//	L(u, λ, μ) = Σ_b KP_b(r) + Σ_i u_i + Σ_k λ_k D_k + Σ_g μ_g + fixed
//
// is an upper bound on the model's optimum for every (u, λ, μ) ≥ 0, as
// long as KP_b is an upper bound on bin b's knapsack optimum (weak
// duality).
type dual struct {
	m       *model
	threads int
	multi   []bool // item has at least two pairs (its row is relaxed)
	// kpLimit is the node limit of each bin's knapsack search; 0 uses
	// the continuous (Dantzig) bound, which makes L the LP bound's
	// Lagrangian, cheaper to evaluate.
	kpLimit int

	r     []float64 // reduced values
	x     []bool    // the subproblem's solution
	binUB []float64
	exact []bool
	// With continuous knapsacks, bin b's break pair fracP[b] (−1 if none)
	// is taken in part fracV[b].
	fracP []int32
	fracV []float64
	ws    []*dualWorker
	// cut[t]..cut[t+1] are the bins of worker t: blocks of about equal
	// numbers of pairs.
	cut []int
}

// minPairsPerThread is the fewest pairs a model has per goroutine of its
// evaluation: below it, starting and waiting for a goroutine costs more
// than its share of the work saves (BENCHMARKS.md §3).
const minPairsPerThread = 16384

type dualWorker struct {
	kp   knapsack
	idx  []int32
	r, w []float64
	take []bool
}

func newDual(m *model, threads int) *dual {
	d := &dual{
		m:       m,
		threads: evalThreads(m, threads),
		multi:   make([]bool, m.nItems),
		r:       make([]float64, len(m.pItem)),
		x:       make([]bool, len(m.pItem)),
		binUB:   make([]float64, m.nBins),
		exact:   make([]bool, m.nBins),
		fracP:   make([]int32, m.nBins),
		fracV:   make([]float64, m.nBins),
		kpLimit: knapsackNodeLimit,
	}
	for i := 0; i < m.nItems; i++ {
		d.multi[i] = m.itemStart[i+1]-m.itemStart[i] >= 2
	}
	d.ws = make([]*dualWorker, d.threads)
	for t := range d.ws {
		d.ws[t] = &dualWorker{}
	}
	d.cut = pairBlocks(m, d.threads)
	return d
}

// evalThreads is the number of goroutines an evaluation of m's
// relaxations uses: at most threads, one per minPairsPerThread pairs, and
// one for a model of fewer than 64 bins.
func evalThreads(m *model, threads int) int {
	if m.nBins < 64 {
		return 1
	}
	return max(1, min(threads, len(m.pItem)/minPairsPerThread))
}

// pricedScores writes into score each pair's priced value: its reduced
// value at the last evaluation plus its item's multiplier where the item
// row is relaxed (the value less the side rows' and groups' prices).
func (d *dual) pricedScores(a mults, score []float64) {
	m := d.m
	for p := range score {
		score[p] = d.r[p]
		if i := m.pItem[p]; d.multi[i] {
			score[p] += a.u[i]
		}
	}
}

// pairBlocks splits m's bins into n contiguous blocks of about equal
// numbers of pairs and returns their boundaries (n+1 bin indices).
func pairBlocks(m *model, n int) []int {
	cut := make([]int, n+1)
	np := int(m.binStart[m.nBins])
	b := 0
	for t := 1; t < n; t++ {
		for b < m.nBins && int(m.binStart[b]) < t*np/n {
			b++
		}
		cut[t] = b
	}
	cut[n] = m.nBins
	return cut
}

// reduced computes r_p for pair p.
func (d *dual) reduced(a mults, p int) float64 {
	m := d.m
	r := m.pVal[p]
	if d.multi[m.pItem[p]] {
		r -= a.u[m.pItem[p]]
	}
	for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
		r -= a.lam[m.sideK[j]] * m.sideA[j]
	}
	for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
		r -= a.mu[m.grpG[j]]
	}
	return r
}

// eval computes L(a), the subproblem's solution d.x and reduced values
// d.r. Bins are split into contiguous blocks of about equal numbers of
// pairs, one per goroutine, the last on the caller's; every bin
// is solved the same way whatever the block, and the sum is taken in bin
// order, so the result does not depend on the number of goroutines.
func (d *dual) eval(a mults) float64 {
	m := d.m
	if !a.valid() {
		return math.Inf(1) // no bound is claimed from invalid multipliers
	}
	var wg sync.WaitGroup
	for t := 0; t < d.threads-1; t++ {
		if d.cut[t] < d.cut[t+1] {
			wg.Add(1)
			go func(w *dualWorker, lo, hi int) {
				defer wg.Done()
				d.evalBins(w, a, lo, hi)
			}(d.ws[t], d.cut[t], d.cut[t+1])
		}
	}
	// The last block on this goroutine.
	d.evalBins(d.ws[d.threads-1], a, d.cut[d.threads-1], d.cut[d.threads])
	wg.Wait()
	L, mag := m.fixedValue, math.Abs(m.fixedValue)
	for _, v := range d.binUB {
		L += v
		mag += v
	}
	for i, u := range a.u {
		if d.multi[i] {
			L += u
			mag += u
		}
	}
	return a.closeBound(m, L, mag)
}

// closeBound adds to a Lagrangian value L (with mag, the sum of the
// magnitudes of its terms so far) the side-row and group terms of the
// multipliers and the rounding allowance, and returns the bound; NaN
// claims no bound.
func (a mults) closeBound(m *model, L, mag float64) float64 {
	for k, l := range a.lam {
		L += l * m.sideCap[k]
		mag += l * m.sideCap[k]
	}
	for _, mu := range a.mu {
		L += mu
		mag += mu
	}
	// Allowance for rounding in the sums above (each term is exact to
	// a few ulps; 1e-12 of the magnitude covers ~4500 ulps).
	L += 1e-12 * mag
	if math.IsNaN(L) {
		return math.Inf(1)
	}
	return L
}

// valid reports whether all multipliers are finite and non-negative: the
// condition under which L is a bound (dual feasibility).
func (a mults) valid() bool {
	for _, s := range [][]float64{a.u, a.lam, a.mu} {
		for _, v := range s {
			if !(v >= 0) || math.IsInf(v, 1) {
				return false
			}
		}
	}
	return true
}

func (d *dual) evalBins(w *dualWorker, a mults, lo, hi int) {
	m := d.m
	for b := lo; b < hi; b++ {
		w.idx, w.r, w.w = w.idx[:0], w.r[:0], w.w[:0]
		c := m.binCap[b] + feasTol(m.binCap[b])
		for _, p := range m.binPairs[m.binStart[b]:m.binStart[b+1]] {
			rp := d.reduced(a, int(p))
			d.r[p] = rp
			d.x[p] = false
			if rp > 0 && m.pW[p] <= c {
				w.idx = append(w.idx, p)
				w.r = append(w.r, rp)
				w.w = append(w.w, m.pW[p])
			}
		}
		d.fracP[b] = -1
		if len(w.idx) == 0 {
			d.binUB[b], d.exact[b] = 0, true
			continue
		}
		w.take = growBool(w.take, len(w.idx))
		ub, _, ex, fj, fv := w.kp.solve(w.r, w.w, c, d.kpLimit, w.take)
		d.binUB[b], d.exact[b] = ub, ex
		if fj >= 0 {
			d.fracP[b], d.fracV[b] = w.idx[fj], fv
		}
		for j, p := range w.idx {
			d.x[p] = w.take[j]
		}
	}
}

// subgradient writes into g the subgradient of L at the last evaluated
// point, in the layout [items | side | groups], projected so that a
// multiplier at 0 with a positive component is not pushed below 0, and
// returns its squared norm.
func (d *dual) subgradient(a mults, g []float64) float64 {
	d.rawSubgradient(g)
	return d.project(a, g)
}

// rawSubgradient writes into g the subgradient of L at the last evaluated
// point, in the layout [items | side | groups], without projection.
func (d *dual) rawSubgradient(g []float64) {
	m := d.m
	clear(g)
	ni, ns := m.nItems, m.nSide
	for i := 0; i < ni; i++ {
		if d.multi[i] {
			g[i] = 1
		}
	}
	for k := 0; k < ns; k++ {
		g[ni+k] = m.sideCap[k]
	}
	for q := 0; q < m.nGroups; q++ {
		g[ni+ns+q] = 1
	}
	use := func(p int, f float64) {
		if i := m.pItem[p]; d.multi[i] {
			g[i] -= f
		}
		for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
			g[ni+int(m.sideK[j])] -= f * m.sideA[j]
		}
		for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
			g[ni+ns+int(m.grpG[j])] -= f
		}
	}
	for p, on := range d.x {
		if on {
			use(p, 1)
		}
	}
	for b, p := range d.fracP {
		if p >= 0 {
			use(int(p), d.fracV[b])
		}
	}
}

// project zeroes the components of g that would push a multiplier at 0
// below 0 and returns the squared norm of the rest.
func (d *dual) project(a mults, g []float64) float64 {
	ni, ns := d.m.nItems, d.m.nSide
	norm := 0.0
	for j, v := range g {
		if v > 0 && a.at(ni, ns, j) <= 0 {
			g[j] = 0
			continue
		}
		norm += v * v
	}
	return norm
}

func (a mults) at(ni, ns, j int) float64 {
	switch {
	case j < ni:
		return a.u[j]
	case j < ni+ns:
		return a.lam[j-ni]
	}
	return a.mu[j-ni-ns]
}

// step moves a by −t·dir and projects onto a ≥ 0.
func (a mults) step(ni, ns int, dir []float64, t float64) {
	for j, v := range dir {
		if v == 0 {
			continue
		}
		switch {
		case j < ni:
			a.u[j] = math.Max(0, a.u[j]-t*v)
		case j < ni+ns:
			a.lam[j-ni] = math.Max(0, a.lam[j-ni]-t*v)
		default:
			a.mu[j-ni-ns] = math.Max(0, a.mu[j-ni-ns]-t*v)
		}
	}
}
