package assign

import (
	"math"
	"slices"
)

// primal is a feasible assignment of a model with its residual capacities,
// built greedily and improved by local search.
type primal struct {
	m       *model
	assign  []int32 // item → pair, −1 when unassigned
	binRes  []float64
	sideRes []float64
	binTol  []float64 // feasTol of each bin's capacity
	sideTol []float64
	grpUsed []bool
	// stop, when set, is polled between local-search moves.
	stop  func() bool
	value float64 // Σ v over assigned pairs (without the model's fixed value)

	pack []fitEntry // m.fitEntries(), nil on a small model

	// scratch
	order   []int32
	members [][]int32 // per side constraint: assigned pairs, least value per unit first
	dens    []float64
}

// sortBy sorts ps in increasing order of key (key[t] belongs to ps[t]),
// stably.
func sortBy(ps []int32, key []float64) {
	idx := make([]int, len(ps))
	for t := range idx {
		idx[t] = t
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case key[a] < key[b]:
			return -1
		case key[a] > key[b]:
			return 1
		}
		return 0
	})
	tmp := make([]int32, len(ps))
	for t, j := range idx {
		tmp[t] = ps[j]
	}
	copy(ps, tmp)
}

func newPrimal(m *model) *primal {
	h := &primal{m: m}
	if len(m.pItem) >= packMinPairs {
		h.pack = m.fitEntries()
	}
	h.assign = make([]int32, m.nItems)
	h.binRes = make([]float64, m.nBins)
	h.sideRes = make([]float64, m.nSide)
	h.binTol = make([]float64, m.nBins)
	h.sideTol = make([]float64, m.nSide)
	for b, c := range m.binCap {
		h.binTol[b] = feasTol(c)
	}
	for k, c := range m.sideCap {
		h.sideTol[k] = feasTol(c)
	}
	h.grpUsed = make([]bool, m.nGroups)
	h.reset()
	return h
}

func (h *primal) reset() {
	for i := range h.assign {
		h.assign[i] = -1
	}
	copy(h.binRes, h.m.binCap)
	copy(h.sideRes, h.m.sideCap)
	clear(h.grpUsed)
	h.value = 0
}

// fits reports whether pair p fits the residual capacities and groups
// (the caller sees to the item).
func (h *primal) fits(p int32) bool {
	m := h.m
	b := m.pBin[p]
	if m.pW[p] > h.binRes[b]+h.binTol[b] {
		return false
	}
	for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
		k := m.sideK[j]
		if m.sideA[j] > h.sideRes[k]+h.sideTol[k] {
			return false
		}
	}
	for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
		if h.grpUsed[m.grpG[j]] {
			return false
		}
	}
	return true
}

func (h *primal) add(p int32) {
	m := h.m
	h.assign[m.pItem[p]] = p
	h.binRes[m.pBin[p]] -= m.pW[p]
	for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
		h.sideRes[m.sideK[j]] -= m.sideA[j]
	}
	for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
		h.grpUsed[m.grpG[j]] = true
	}
	h.value += m.pVal[p]
}

func (h *primal) remove(p int32) {
	m := h.m
	h.assign[m.pItem[p]] = -1
	h.binRes[m.pBin[p]] += m.pW[p]
	for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
		h.sideRes[m.sideK[j]] += m.sideA[j]
	}
	for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
		h.grpUsed[m.grpG[j]] = false
	}
	h.value -= m.pVal[p]
}

// bestFit returns the fitting pair of item i of greatest value above min,
// or −1.
func (h *primal) bestFit(i int32, min float64) int32 {
	m := h.m
	if h.pack == nil {
		for _, p := range m.itemPairs[m.itemStart[i]:m.itemStart[i+1]] {
			if m.pVal[p] <= min {
				break
			}
			if h.fits(p) {
				return p
			}
		}
		return -1
	}
	for _, e := range h.pack[m.itemStart[i]:m.itemStart[i+1]] {
		if e.val <= min {
			break
		}
		if e.w > h.binRes[e.bin]+h.binTol[e.bin] {
			continue
		}
		if e.k >= 0 && e.a > h.sideRes[e.k]+h.sideTol[e.k] {
			continue
		}
		if e.k2 >= 0 && e.a2 > h.sideRes[e.k2]+h.sideTol[e.k2] {
			continue
		}
		if !e.complex || h.fits(e.p) {
			return e.p
		}
	}
	return -1
}

// class returns the first side constraint of pair p, or −1: pairs of one
// class compete for the same resource (new land in one zone, say).
func (m *model) class(p int32) int32 {
	if m.sideStart[p] < m.sideStart[p+1] {
		return m.sideK[m.sideStart[p]]
	}
	return -1
}

// greedy builds an assignment from priced scores s_p (the Lagrangian
// value v_p less the priced use of the side rows and groups). Items are
// taken in decreasing order of regret, the difference between their best
// score and their best score in another class (a pair using other side
// constraints), so that the items that lose most without their favourite
// resource get it first; each takes its fitting pair of best positive
// score. Items left over then take their fitting pair of best value.
func (h *primal) greedy(score []float64) {
	m := h.m
	h.reset()
	regret := make([]float64, m.nItems)
	h.order = h.order[:0]
	for i := 0; i < m.nItems; i++ {
		seg := m.itemPairs[m.itemStart[i]:m.itemStart[i+1]]
		if len(seg) == 0 {
			continue
		}
		best := seg[0]
		for _, p := range seg {
			if score[p] > score[best] {
				best = p
			}
		}
		alt := 0.0
		cb := m.class(best)
		for _, p := range seg {
			if m.class(p) != cb && score[p] > alt {
				alt = score[p]
			}
		}
		regret[i] = score[best] - alt
		h.order = append(h.order, int32(i))
	}
	slices.SortStableFunc(h.order, func(a, b int32) int {
		switch {
		case regret[a] > regret[b]:
			return -1
		case regret[a] < regret[b]:
			return 1
		}
		return 0
	})
	for _, i := range h.order {
		bp, bs := int32(-1), 0.0
		for _, p := range m.itemPairs[m.itemStart[i]:m.itemStart[i+1]] {
			if score[p] > bs && h.fits(p) {
				bp, bs = p, score[p]
			}
		}
		if bp >= 0 {
			h.add(bp)
		}
	}
	for _, i := range h.order {
		if h.assign[i] < 0 {
			if p := h.bestFit(i, 0); p >= 0 {
				h.add(p)
			}
		}
	}
}

// repair builds an assignment from the Lagrangian subproblem's solution x:
// each item keeps its chosen pair of best reduced value r, in decreasing
// order of r, when it fits; then greedy completion by score and value.
func (h *primal) repair(x []bool, r, score []float64) {
	m := h.m
	h.reset()
	h.order = h.order[:0]
	for p, on := range x {
		if on {
			h.order = append(h.order, int32(p))
		}
	}
	slices.SortStableFunc(h.order, func(a, b int32) int {
		switch {
		case r[a] > r[b]:
			return -1
		case r[a] < r[b]:
			return 1
		}
		return int(a - b)
	})
	for _, p := range h.order {
		if h.assign[m.pItem[p]] < 0 && h.fits(p) {
			h.add(p)
		}
	}
	for i := int32(0); i < int32(m.nItems); i++ {
		if h.assign[i] >= 0 {
			continue
		}
		bp, bs := int32(-1), 0.0
		for _, p := range m.itemPairs[m.itemStart[i]:m.itemStart[i+1]] {
			if score[p] > bs && h.fits(p) {
				bp, bs = p, score[p]
			}
		}
		if bp < 0 {
			bp = h.bestFit(i, 0)
		}
		if bp >= 0 {
			h.add(bp)
		}
	}
}

// improveEps is the least gain a local-search move must make, relative to
// the assignment's value, so that rounding cannot make it cycle.
const improveEps = 1e-12

// localSearch improves the assignment until no move gains: moving an
// item to a better pair that fits (or inserting an unassigned one), and
// ejection swaps, in which an item takes a better pair that does not fit
// by ejecting one assigned item that blocks it (in the same bin, in a
// binding side constraint or an exclusive group), the ejected item then
// going to its best fitting pair, if any. Items and pairs are visited in
// index order; the best move of an item is committed.
func (h *primal) localSearch(maxPasses int) {
	m := h.m
	for pass := 0; pass < maxPasses; pass++ {
		improved := false
		eps := improveEps * math.Max(1, math.Abs(h.value))
		// Shifts and insertions.
		for i := int32(0); i < int32(m.nItems); i++ {
			cur := h.assign[i]
			curV := 0.0
			if cur >= 0 {
				curV = m.pVal[cur]
				h.remove(cur)
			}
			q := h.bestFit(i, curV+eps)
			switch {
			case q >= 0:
				h.add(q)
				improved = true
			case cur >= 0:
				h.add(cur)
			}
		}
		// Ejection swaps.
		h.sortMembers()
		for j := int32(0); j < int32(m.nItems); j++ {
			if h.ejectSwap(j, eps) {
				improved = true
			}
			if j%64 == 63 && h.stop != nil && h.stop() {
				return
			}
		}
		if !improved {
			return
		}
	}
}

// sortMembers lists, per side constraint, the assigned pairs in
// increasing order of value per unit of the constraint (the cheapest to
// eject first).
func (h *primal) sortMembers() {
	m := h.m
	if cap(h.members) < m.nSide {
		h.members = make([][]int32, m.nSide)
	}
	h.members = h.members[:m.nSide]
	for k := range h.members {
		h.members[k] = h.members[k][:0]
	}
	for _, p := range h.assign {
		if p < 0 {
			continue
		}
		for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
			k := m.sideK[j]
			h.members[k] = append(h.members[k], p)
		}
	}
	for k := range h.members {
		dens := h.dens[:0]
		for _, p := range h.members[k] {
			dens = append(dens, m.pVal[p]/math.Max(m.coef(p, int32(k)), 1e-300))
		}
		h.dens = dens
		sortBy(h.members[k], dens)
	}
}

// ejectCandidates bounds the number of members of one side constraint
// tried for ejection per blocked pair, and ejectPairs the number of an
// item's pairs (those of greatest value above its current one) tried.
const (
	ejectCandidates = 12
	ejectPairs      = 6
)

// ejectSwap tries to move item j (assigned or not) to a better pair q
// that does not fit, by ejecting one assigned pair p that blocks q and
// re-inserting p's item at its best fitting pair; it commits the move of
// greatest gain, if any gains more than eps.
//
// Complexity: the eject-and-reinsert move with its feasibility tests, kept
// together as one move.
func (h *primal) ejectSwap(j int32, eps float64) bool {
	m := h.m
	cur := h.assign[j]
	curV := 0.0
	if cur >= 0 {
		curV = m.pVal[cur]
		h.remove(cur)
	}
	bestGain, bq, bp, br := eps, int32(-1), int32(-1), int32(-1)
	try := func(q, p int32) {
		h.remove(p)
		if h.fits(q) {
			h.add(q)
			// Only a re-insertion worth more than need makes the move
			// the best so far: look no lower (the item's pairs are
			// sorted by value, so the scan stops there).
			gain := m.pVal[q] - curV - m.pVal[p]
			r := h.bestFit(m.pItem[p], math.Max(0, bestGain-gain))
			if r >= 0 {
				gain += m.pVal[r]
			}
			if gain > bestGain {
				bestGain, bq, bp, br = gain, q, p, r
			}
			h.remove(q)
		}
		h.add(p)
	}
	// The item's most valuable pairs above its current value.
	top := m.itemPairs[m.itemStart[j]:m.itemStart[j+1]]
	top = top[:min(len(top), ejectPairs)]
	for _, q := range top {
		if m.pVal[q]-curV <= bestGain {
			continue
		}
		b := m.pBin[q]
		for _, p := range m.binPairs[m.binStart[b]:m.binStart[b+1]] {
			if h.assign[m.pItem[p]] == p {
				try(q, p)
			}
		}
		for t := m.sideStart[q]; t < m.sideStart[q+1]; t++ {
			k := m.sideK[t]
			if m.sideA[t] <= h.sideRes[k]+h.sideTol[k] {
				continue // not blocking
			}
			n := 0
			for _, p := range h.members[k] {
				if n == ejectCandidates {
					break
				}
				if h.assign[m.pItem[p]] != p || m.pBin[p] == b {
					continue
				}
				n++
				try(q, p)
			}
		}
		for t := m.grpStart[q]; t < m.grpStart[q+1]; t++ {
			g := m.grpG[t]
			if !h.grpUsed[g] {
				continue
			}
			for _, p := range h.assign {
				if p >= 0 && m.inGroup(p, g) {
					try(q, p)
				}
			}
		}
	}
	if bq < 0 {
		if cur >= 0 {
			h.add(cur)
		}
		return false
	}
	h.remove(bp)
	h.add(bq)
	if br >= 0 {
		h.add(br)
	}
	return true
}

func (m *model) inGroup(p, g int32) bool {
	for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
		if m.grpG[j] == g {
			return true
		}
	}
	return false
}

// chosen returns the Problem indices of the model's fixed pairs and the
// assigned pairs, ascending.
func (h *primal) chosen() []int {
	m := h.m
	out := make([]int, 0, len(m.fixed)+len(h.assign))
	for _, p := range m.fixed {
		out = append(out, int(p))
	}
	for _, p := range h.assign {
		if p >= 0 {
			out = append(out, int(m.orig[p]))
		}
	}
	slices.Sort(out)
	return out
}
