package assign

import (
	"math"
	"sync"
)

// binDual evaluates the other classical Lagrangian relaxation of the
// model: the item rows are kept and the bin rows, side rows and groups are
// relaxed with multipliers (ρ, λ, μ) ≥ 0. Each item then takes its pair of
// greatest positive
//
//	s_p = v_p − ρ_b w_p/C_b − Σ_k λ_k a_kp − Σ_{g∋p} μ_g
//
// (bin rows are scaled by their capacity), and
//
//	L_B(ρ, λ, μ) = Σ_i max(0, max_p s_p) + Σ_b ρ_b + Σ_k λ_k D_k + Σ_g μ_g + fixed.
//
// Its subproblem has the integrality property, so its best value is the
// LP bound; but when bins are plentiful few ρ_b are ever positive, and the
// subgradient method converges in far fewer iterations than on the item
// multipliers of the knapsack relaxation (dual). Its multipliers then
// start that relaxation (see toItemMults), which is at least as strong.
type binDual struct {
	m       *model
	threads int
	inv     []float64 // 1/C_b, 0 for a bin of capacity 0 (never relaxed)
	best    []float64 // per item: max(0, max s_p)
	arg     []int32   // per item: its pair, −1
	cb      [][]float64
	ca      [][]int32
	// When every pair has at most maxPadded side terms, padK and padA
	// hold each pair's terms in pad slots (pair p's in p·pad …), unused
	// slots pointing at a multiplier kept at 0 (index m.nSide of lamx),
	// so that the scan runs the same number of steps for every pair.
	pad  int
	padK []int32
	padA []float64
	lamx []float64
}

// maxPadded is the most side terms per pair the padded layout takes.
const maxPadded = 2

func newBinDual(m *model, threads int) *binDual {
	e := &binDual{m: m, threads: evalThreads(m, threads)}
	e.inv = make([]float64, m.nBins)
	for b, c := range m.binCap {
		if c > 0 {
			e.inv[b] = 1 / c
		}
	}
	e.best = make([]float64, m.nItems)
	e.arg = make([]int32, m.nItems)
	e.cb = make([][]float64, e.threads)
	e.ca = make([][]int32, e.threads)
	for t := range e.cb {
		e.cb[t] = make([]float64, m.nItems)
		e.ca[t] = make([]int32, m.nItems)
	}
	e.padTerms()
	return e
}

// padTerms builds the padded side terms when no pair has more than
// maxPadded of them.
func (e *binDual) padTerms() {
	m := e.m
	np := len(m.pItem)
	for p := 0; p < np; p++ {
		e.pad = max(e.pad, int(m.sideStart[p+1]-m.sideStart[p]))
	}
	if e.pad == 0 || e.pad > maxPadded {
		e.pad = 0
		return
	}
	e.padK = make([]int32, np*e.pad)
	e.padA = make([]float64, np*e.pad)
	for p := 0; p < np; p++ {
		for t := 0; t < e.pad; t++ {
			q := p*e.pad + t
			if j := m.sideStart[p] + int32(t); j < m.sideStart[p+1] {
				e.padK[q], e.padA[q] = m.sideK[j], m.sideA[j]
			} else {
				e.padK[q] = int32(m.nSide)
			}
		}
	}
	e.lamx = make([]float64, m.nSide+1)
}

// score returns s_p.
func (e *binDual) score(rho []float64, a mults, p int) float64 {
	m := e.m
	s := m.pVal[p] - rho[m.pBin[p]]*m.pW[p]*e.inv[m.pBin[p]]
	for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
		s -= a.lam[m.sideK[j]] * m.sideA[j]
	}
	for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
		s -= a.mu[m.grpG[j]]
	}
	return s
}

// eval computes L_B and each item's choice. Pairs are scanned in storage
// order in contiguous blocks, one per goroutine, each keeping its own best
// per item; the blocks are merged in order with ties to the lower pair
// index, so the result does not depend on the number of goroutines.
func (e *binDual) eval(rho []float64, a mults) float64 {
	m := e.m
	if !a.valid() || !(mults{u: rho}).valid() {
		return math.Inf(1) // no bound is claimed from invalid multipliers
	}
	if e.pad > 0 {
		copy(e.lamx, a.lam) // lamx[m.nSide] stays 0
	}
	np := len(m.pItem)
	per := (np + e.threads - 1) / e.threads
	var wg sync.WaitGroup
	for t := 0; t < e.threads; t++ {
		lo, hi := t*per, min(np, (t+1)*per)
		best, arg := e.cb[t], e.ca[t]
		for i := range best {
			best[i], arg[i] = 0, -1
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.scan(rho, a, lo, hi, best, arg)
		}()
	}
	wg.Wait()
	copy(e.best, e.cb[0])
	copy(e.arg, e.ca[0])
	for t := 1; t < e.threads; t++ {
		for i, s := range e.cb[t] {
			if s > e.best[i] { // a later block wins only when strictly better
				e.best[i], e.arg[i] = s, e.ca[t][i]
			}
		}
	}
	L, mag := m.fixedValue, math.Abs(m.fixedValue)
	for _, s := range e.best {
		L += s
		mag += s
	}
	for _, r := range rho {
		L += r
		mag += r
	}
	return a.closeBound(m, L, mag)
}

// scan keeps in best and arg each item's best positive s_p over the pairs
// lo..hi−1, scanned in order (ties to the lower pair). The pairs of a bin
// share its price, read once per run of them; a pair's s_p is computed
// as score computes it, term for term.
func (e *binDual) scan(rho []float64, a mults, lo, hi int, best []float64, arg []int32) {
	m := e.m
	pVal, pW, pBin, pItem := m.pVal[:hi], m.pW[:hi], m.pBin[:hi], m.pItem[:hi]
	sideStart, sideK, sideA, lam := m.sideStart, m.sideK, m.sideA, a.lam
	padK, padA, lamx := e.padK, e.padA, e.lamx
	groups := m.nGroups > 0
	cur, r, iv := int32(-1), 0.0, 0.0
	for p := lo; p < hi; p++ {
		if b := pBin[p]; b != cur {
			cur, r, iv = b, rho[b], e.inv[b]
		}
		s := pVal[p] - r*pW[p]*iv
		switch e.pad {
		case 1:
			s -= lamx[padK[p]] * padA[p]
		case 2:
			s -= lamx[padK[2*p]] * padA[2*p]
			s -= lamx[padK[2*p+1]] * padA[2*p+1]
		default:
			for j := sideStart[p]; j < sideStart[p+1]; j++ {
				s -= lam[sideK[j]] * sideA[j]
			}
		}
		if groups {
			for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
				s -= a.mu[m.grpG[j]]
			}
		}
		if s > 0 {
			i := pItem[p]
			if s > best[i] || (s == best[i] && arg[i] >= 0 && int32(p) < arg[i]) {
				best[i], arg[i] = s, int32(p)
			}
		}
	}
}

// subgradient writes the projected subgradient at the last evaluated point
// into g, laid out [bins | side | groups], and returns its squared norm.
func (e *binDual) subgradient(rho []float64, a mults, g []float64) float64 {
	e.rawSubgradient(g)
	return e.project(rho, a, g)
}

// rawSubgradient writes the subgradient at the last evaluated point into
// g, laid out [bins | side | groups], without projection.
func (e *binDual) rawSubgradient(g []float64) {
	m := e.m
	nb, ns := m.nBins, m.nSide
	for b := 0; b < nb; b++ {
		g[b] = 0
		if e.inv[b] > 0 {
			g[b] = 1
		}
	}
	for k := 0; k < ns; k++ {
		g[nb+k] = m.sideCap[k]
	}
	for q := 0; q < m.nGroups; q++ {
		g[nb+ns+q] = 1
	}
	for _, p := range e.arg {
		if p < 0 {
			continue
		}
		b := m.pBin[p]
		g[b] -= m.pW[p] * e.inv[b]
		for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
			g[nb+int(m.sideK[j])] -= m.sideA[j]
		}
		for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
			g[nb+ns+int(m.grpG[j])]--
		}
	}
}

// project zeroes the components of g that would push a multiplier at 0
// below 0 and returns the squared norm of the rest.
func (e *binDual) project(rho []float64, a mults, g []float64) float64 {
	nb, ns := e.m.nBins, e.m.nSide
	norm := 0.0
	for j, v := range g {
		var cur float64
		switch {
		case j < nb:
			cur = rho[j]
		case j < nb+ns:
			cur = a.lam[j-nb]
		default:
			cur = a.mu[j-nb-ns]
		}
		if v > 0 && cur <= 0 {
			g[j] = 0
			continue
		}
		norm += v * v
	}
	return norm
}

// step moves the multipliers by −t·g and projects onto ≥ 0.
func (e *binDual) step(rho []float64, a mults, g []float64, t float64) {
	nb, ns := e.m.nBins, e.m.nSide
	for j, v := range g {
		if v == 0 {
			continue
		}
		switch {
		case j < nb:
			rho[j] = math.Max(0, rho[j]-t*v)
		case j < nb+ns:
			a.lam[j-nb] = math.Max(0, a.lam[j-nb]-t*v)
		default:
			a.mu[j-nb-ns] = math.Max(0, a.mu[j-nb-ns]-t*v)
		}
	}
}

// toItemMults turns multipliers of this relaxation into multipliers of the
// knapsack relaxation: λ and μ as they are, u_i = max(0, max_p s_p). Then
// every reduced value r_p = s_p + ρ_b w_p/C_b − u_i ≤ ρ_b w_p/C_b, so each
// bin's knapsack is worth at most ρ_b and L(u, λ, μ) ≤ L_B(ρ, λ, μ).
func (e *binDual) toItemMults(rho []float64, a mults, d *dual) mults {
	e.eval(rho, a)
	out := a.clone()
	for i := range out.u {
		out.u[i] = 0
		if d.multi[i] {
			out.u[i] = e.best[i]
		}
	}
	return out
}

// ascentBins maximises L_B by the projected subgradient method with Polyak
// steps, from ρ = rho0 (nil: 0) and the given λ, μ; it returns the best
// value and its multipliers. It runs the greedy heuristic on the priced values
// v_p − Σ λ a − Σ μ at the iterations heurAt selects.
func (s *solver) ascentBins(e *binDual, h *primal, a mults, rho0 []float64, ap ascentParams) (float64, []float64, mults) {
	m := e.m
	rho := make([]float64, m.nBins)
	copy(rho, rho0)
	g := make([]float64, m.nBins+m.nSide+m.nGroups)
	score := make([]float64, len(m.pItem))
	zero := make([]float64, m.nBins)
	best, bestRho, bestMult := math.Inf(1), rho, a
	alpha, since := ap.alpha, 0
	for it := 0; it < ap.maxIter; it++ {
		if s.stop() {
			break
		}
		L := e.eval(rho, a)
		s.iters++
		s.work += int64(len(m.pItem))
		if L < best {
			if L < best-1e-6*math.Abs(best) {
				since = 0
			} else {
				since++
			}
			best = L
			bestRho = append(bestRho[:0:0], rho...)
			bestMult = a.clone()
			if ap.global {
				s.setBound(best)
			}
		} else {
			since++
		}
		if ap.heurAt(it) {
			for p := range score {
				score[p] = e.score(zero, a, p)
			}
			h.greedy(score)
			h.localSearch(ap.passes)
			s.offer(h)
		}
		if best-s.incVal <= s.pruneTol(best) {
			break
		}
		norm := e.subgradient(rho, a, g)
		if norm == 0 {
			break
		}
		t := alpha * math.Max(L-s.incVal, 1e-9*math.Abs(L)) / norm
		e.step(rho, a, g, t)
		if since >= ap.patience {
			alpha /= 2
			since = 0
			if alpha < ap.minAlpha {
				break
			}
		}
	}
	return best, bestRho, bestMult
}
