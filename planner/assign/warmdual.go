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

// warmParams tunes the root's knapsack-relaxed ascent from a warm start
// (the bin-relaxed phase skipped): a smaller first step, since the start
// is near the neighbour's optimum, and the primal heuristic more often
// early, since the bound is near its end from the first iteration and the
// incumbent is what a warm point waits for.
func warmParams(ap ascentParams) ascentParams {
	ap.alpha = 0.05
	ap.heurAt = func(it int) bool { return it%20 == 0 || it%100 == 99 }
	return ap
}

// improveStart, on a warm start (Settings.WarmSide set), runs the local
// search from the incumbent SolveFrom started with (a neighbour's plan
// usually leaves room, a larger quota, that moves and insertions fill)
// and offers the result; it reports whether it ran, in which case the
// root's greedy start on the pairs' values is not needed.
func (s *solver) improveStart(root *model, h *primal) bool {
	if len(s.set.WarmSide) == 0 || len(s.incChosen) == 0 {
		return false
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
	return true
}
