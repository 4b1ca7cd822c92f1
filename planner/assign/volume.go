package assign

import "math"

// volumeBins minimises L_B (binDual) by the volume algorithm (Barahona and
// Anbil, 2000): a subgradient method whose direction is an exponentially
// weighted average ḡ of the subgradients met so far, taken from the best
// point found (the centre), not from the last trial point. Since a
// subgradient is affine in the subproblem's solution, ḡ is the subgradient
// of the same average x̄ of the solutions, which approximates an optimal
// solution of the LP relaxation (primal recovery, kept in xbar for the
// rounding heuristics). The average damps the zig-zag of plain
// subgradient steps on the many bin rows that a crowded instance prices.
//
// Steps are t = f·(L̂ − target)/‖ḡ‖² from the centre, with L̂ the centre's
// value and target the incumbent; f grows by 10% after an improving
// ("green") step and shrinks by a third after 20 steps in a row that do
// not improve ("red"). The averaging weight is the α in [αmax/10, αmax]
// that minimises ‖α g + (1−α) ḡ‖, and αmax halves whenever 100 steps
// improve L̂ by less than 1e-5 relative. The run ends when f falls below
// ap.minAlpha, the bound reaches the incumbent, or a limit stops the
// solver.
func (s *solver) volumeBins(e *binDual, h *primal, a mults, ap ascentParams) (float64, []float64, mults, []float64) {
	m := e.m
	nb, ns := m.nBins, m.nSide
	n := nb + ns + m.nGroups
	rho := make([]float64, nb)
	g := make([]float64, n)
	gbar := make([]float64, n)
	dir := make([]float64, n)
	score := make([]float64, len(m.pItem))
	zero := make([]float64, nb)
	// x̄ = xscale·xs, so that the average decays in O(1) per step.
	xs := make([]float64, len(m.pItem))
	xscale := 1.0

	cRho, cA := append([]float64(nil), rho...), a.clone()
	Lc := math.Inf(1)
	f := ap.alpha
	alphaMax := 0.1
	reds := 0
	windowStart := math.Inf(1)
	for it := 0; it < ap.maxIter; it++ {
		if s.stop() {
			break
		}
		L := e.eval(rho, a)
		s.iters++
		e.rawSubgradient(g)
		alpha := 1.0
		if it > 0 {
			// α minimising ‖α g + (1−α) ḡ‖² = ‖ḡ + α(g − ḡ)‖².
			num, den := 0.0, 0.0
			for j := range g {
				d := g[j] - gbar[j]
				num -= gbar[j] * d
				den += d * d
			}
			alpha = alphaMax
			if den > 0 {
				alpha = math.Min(alphaMax, math.Max(alphaMax/10, num/den))
			}
		}
		for j := range g {
			gbar[j] = alpha*g[j] + (1-alpha)*gbar[j]
		}
		if alpha >= 1 {
			clear(xs)
			xscale = 1
		} else {
			xscale *= 1 - alpha
			if xscale < 1e-200 {
				for p := range xs {
					xs[p] *= xscale
				}
				xscale = 1
			}
		}
		for _, p := range e.arg {
			if p >= 0 {
				xs[p] += alpha / xscale
			}
		}

		if L < Lc {
			if L < Lc-1e-6*math.Abs(Lc) {
				f = math.Min(2, 1.1*f)
			}
			Lc = L
			copy(cRho, rho)
			cA = a.clone()
			reds = 0
			if ap.global {
				s.setBound(Lc)
			}
		} else {
			reds++
			if reds >= 20 {
				f *= 0.66
				reds = 0
			}
		}
		if it%100 == 0 {
			if windowStart-Lc < 1e-5*math.Abs(Lc) && it > 0 {
				alphaMax = math.Max(alphaMax/2, 1e-4)
			}
			windowStart = Lc
		}
		if ap.heurAt(it) {
			for p := range score {
				score[p] = e.score(zero, a, p)
			}
			h.greedy(score)
			h.localSearch(ap.passes)
			s.offer(h)
		}
		if Lc-s.incVal <= s.pruneTol(Lc) || f < ap.minAlpha {
			break
		}
		copy(dir, gbar)
		norm := e.project(cRho, cA, dir)
		if norm == 0 {
			break
		}
		t := f * math.Max(Lc-s.incVal, 1e-9*math.Abs(Lc)) / norm
		copy(rho, cRho)
		a = cA.clone()
		e.step(rho, a, dir, t)
	}
	for p := range xs {
		xs[p] *= xscale
	}
	return Lc, cRho, cA, xs
}

// volumeItems minimises the knapsack relaxation's L (dual) by the volume
// algorithm, with the rules of volumeBins; it returns the best bound and
// its multipliers. A trial point whose own subgradient is zero after
// projection has a subproblem solution that is feasible and
// complementary: it is offered as the incumbent and the run ends.
func (s *solver) volumeItems(d *dual, h *primal, a mults, ap ascentParams) (float64, mults) {
	m := d.m
	ni, ns := m.nItems, m.nSide
	n := ni + ns + m.nGroups
	g := make([]float64, n)
	gbar := make([]float64, n)
	dir := make([]float64, n)
	score := make([]float64, len(m.pItem))
	c := a.clone()
	Lc := math.Inf(1)
	f := ap.alpha
	alphaMax := 0.1
	reds := 0
	windowStart := math.Inf(1)
	for it := 0; it < ap.maxIter; it++ {
		if s.stop() {
			break
		}
		L := d.eval(a)
		s.iters++
		d.rawSubgradient(g)
		alpha := 1.0
		if it > 0 {
			num, den := 0.0, 0.0
			for j := range g {
				dj := g[j] - gbar[j]
				num -= gbar[j] * dj
				den += dj * dj
			}
			alpha = alphaMax
			if den > 0 {
				alpha = math.Min(alphaMax, math.Max(alphaMax/10, num/den))
			}
		}
		for j := range g {
			gbar[j] = alpha*g[j] + (1-alpha)*gbar[j]
		}
		if L < Lc {
			if L < Lc-1e-6*math.Abs(Lc) {
				f = math.Min(2, 1.1*f)
			}
			Lc = L
			c = a.clone()
			reds = 0
			if ap.global {
				s.setBound(Lc)
			}
		} else {
			reds++
			if reds >= 20 {
				f *= 0.66
				reds = 0
			}
		}
		if it%100 == 0 {
			if windowStart-Lc < 1e-5*math.Abs(Lc) && it > 0 {
				alphaMax = math.Max(alphaMax/2, 1e-4)
			}
			windowStart = Lc
		}
		if ap.heurAt(it) {
			s.heuristic(d, h, a, score, ap.passes)
		}
		if Lc-s.incVal <= s.pruneTol(Lc) || f < ap.minAlpha {
			break
		}
		if d.project(a, g) == 0 && d.kpLimit != 0 {
			h.reset()
			for p, on := range d.x {
				if on {
					h.add(int32(p))
				}
			}
			s.offer(h)
			break
		}
		copy(dir, gbar)
		norm := d.project(c, dir)
		if norm == 0 {
			break
		}
		t := f * math.Max(Lc-s.incVal, 1e-9*math.Abs(Lc)) / norm
		a = c.clone()
		a.step(ni, ns, dir, t)
	}
	return Lc, c
}
