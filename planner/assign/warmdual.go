package assign

import "math"

// warmSide starts the root's multipliers a from Settings.WarmSide and
// Settings.WarmItems (objective units per unit of each Problem side
// constraint and item row, as Duals gives them), scaled to the model's
// rows. It reports whether the item multipliers were given too: the root
// then skips the bin-relaxed phase. Any multipliers ≥ 0 give a valid
// bound, so a start from another problem (a neighbouring point of a
// parameter sweep) changes only how fast the dual ascent gets there.
func (s *solver) warmSide(m *model, a mults) bool {
	w := s.set.WarmSide
	if len(w) == 0 {
		return false
	}
	for k, pk := range m.sideParent {
		if int(pk) < len(w) && w[pk] > 0 && !math.IsInf(w[pk], 1) {
			a.lam[k] = w[pk] * m.sideScale[k]
		}
	}
	wu := s.set.WarmItems
	if len(wu) == 0 {
		return false
	}
	for i, pi := range m.itemParent {
		if int(pi) < len(wu) && wu[pi] > 0 && !math.IsInf(wu[pi], 1) {
			a.u[i] = wu[pi]
		}
	}
	return true
}

// firstIncumbent offers the root's first heuristic assignment: on a warm
// start (Settings.WarmSide set) the local search from the incumbent
// SolveFrom started with (a neighbour's plan usually leaves room, a
// larger quota, that moves and insertions fill); otherwise the greedy
// assignment by the pairs' values, then the local search. With
// Settings.KeepStart and a feasible start, none: the start stands.
func (s *solver) firstIncumbent(root *model, h *primal) {
	if s.keptStart() {
		return
	}
	if len(s.set.WarmSide) == 0 || len(s.incChosen) == 0 {
		h.greedy(root.pVal)
		h.localSearch(20)
		s.offer(h)
		return
	}
	at := make(map[int32]int32, len(root.orig))
	for p, q := range root.orig {
		at[q] = int32(p)
	}
	h.reset()
	for _, q := range s.incChosen {
		if p, ok := at[int32(q)]; ok && h.assign[root.pItem[p]] < 0 && h.fits(p) {
			h.add(p)
		}
	}
	h.localSearch(20)
	s.offer(h)
}

// rootStart returns the multipliers and the parameters of the root's
// knapsack-relaxed ascent (phase 2). From a warm start (warm: warmSide
// set the item multipliers too) the multipliers are a's and the
// primal heuristic runs more often early (and not once the gap is
// proven), since the bound is near its end from the first iteration and
// the incumbent is what a warm point waits for. Otherwise phase 1 runs first: the bin-relaxed dual from a, whose
// multipliers it turns into the knapsack relaxation's.
func (s *solver) rootStart(root *model, d *dual, h *primal, a mults, warm bool) (mults, ascentParams) {
	ap := ascentParams{
		maxIter:  math.MaxInt,
		alpha:    0.25,
		patience: 20,
		minAlpha: 1e-3,
		global:   true,
		passes:   3,
	}
	if warm {
		ap.heurAt = func(it int) bool { return (it%20 == 0 || it%100 == 99) && !s.gapOK(s.bound) }
		return a, ap
	}
	// A kept start stands once the bound proves the gap with it.
	standing := func() bool { return s.keptStart() && s.gapOK(s.bound) }
	ap.heurAt = func(it int) bool { return (it == 0 || it%100 == 99) && !standing() }
	e := newBinDual(root, s.set.Threads)
	rho0, alpha1, minAlpha1 := s.warmBins(root, a)
	_, rho, am := s.ascentBins(e, h, a, rho0, ascentParams{
		maxIter:  math.MaxInt,
		alpha:    alpha1,
		patience: 20,
		minAlpha: minAlpha1,
		heurAt:   func(it int) bool { return (it == 20 || it%100 == 99) && !standing() },
		global:   true,
		passes:   3,
	})
	s.phase1.m, s.phase1.rho, s.phase1.a = root, rho, am
	return e.toItemMults(rho, am, d), ap
}

// polishRoot reports whether the root goes on, after its dual ascent,
// with the heuristic at the best multipliers and the neighbourhoods: not
// when a limit stopped the run, nor when the bound L is already within
// the target gap of a warm start's incumbent or of a start kept as it is
// (Settings.KeepStart: the start stands).
func (s *solver) polishRoot(warm bool, L float64) bool {
	return !s.stop() && !((warm || s.keptStart()) && s.gapOK(L))
}

// keptStart reports whether the incumbent is SolveFrom's start, kept as
// it is (Settings.KeepStart).
func (s *solver) keptStart() bool { return s.set.KeepStart && s.fromStart }
