package assign

import "math"

// volumeItems minimises the knapsack relaxation's L (dual) by the volume
// algorithm (Barahona and Anbil, 2000): a subgradient method whose
// direction is an exponentially weighted average ḡ of the subgradients
// met so far, taken from the best point found (the centre), not from the
// last trial point. (A subgradient is affine in the subproblem's
// solution, so ḡ is the subgradient of the same average of the
// solutions, an approximate solution of the primal relaxation.) The
// average damps the zig-zag of plain subgradient steps.
//
// Steps are t = f·(L̂ − target)/‖ḡ‖² from the centre, with L̂ the centre's
// value and target the incumbent; f grows by 10% after an improving
// ("green") step, to at most 2, and shrinks by a third after 20 steps in a
// row that do not improve ("red"). The averaging weight is the α in
// [αmax/10, αmax] that minimises ‖α g + (1−α) ḡ‖, and αmax halves whenever
// 100 steps improve L̂ by less than 1e-5 relative. The run ends when f
// falls below ap.minAlpha, the bound reaches the incumbent, or a limit
// stops the solver. It returns the best bound and its multipliers. A trial
// point whose own subgradient is zero after projection has a subproblem
// solution that is feasible and complementary: it is offered as the
// incumbent and the run ends.
//
// Complexity: the volume algorithm's loop with its step-size rules.
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
		s.work += int64(len(m.pItem))
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
