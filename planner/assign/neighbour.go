package assign

import (
	"math"
	"slices"
	"time"
)

// Neighbourhood search (RINS-like): the items on which the incumbent and
// a relaxation's solution disagree are freed, a few at a time, with the
// items that share their bins; every other item keeps its incumbent pair
// (or stays unassigned), and the sub-problem left, small, is solved by
// this package's own branch and bound within a node and time limit. A
// better assignment of the sub-problem is a better incumbent of the whole.

// Limits of one neighbourhood. The number of disagreeing items freed
// together adapts: it grows by a quarter after a sub-problem solved to
// optimality within its node limit and shrinks by a quarter after one
// that was not, between neighbourMin and neighbourMax; the items sharing
// their bins are freed with them, up to three times as many items in all.
const (
	neighbourStart = 20
	neighbourMin   = 4
	neighbourMax   = 200
	// neighbourNodes bounds the sub-problem's branch and bound.
	neighbourNodes = 100
)

// neighbourhoods runs at most maxSub RINS sub-problems (0: one per chunk
// of the disagreeing items), within budget units of work (s.work), on m (the root model, whose free pairs include
// every pair of the incumbent that is not fixed) guided by the
// relaxation's solution x (a pair is "chosen" when x[p]). The work is
// bounded by counts, not by time, so that a run that proves its gap is
// deterministic. It returns whether the incumbent improved.
//
// Complexity: the RINS sub-problem loop with its time and node budget in
// one loop.
func (s *solver) neighbourhoods(m *model, x []bool, maxSub int, budget int64) bool {
	if s.sub || len(m.pItem) == 0 {
		return false
	}
	defer func(p string) { s.phase = p }(s.phase)
	s.phase = "neighbourhoods"
	inc := s.incumbentIn(m)
	if inc == nil {
		return false
	}
	// Disagreement: the item's incumbent pair is not the relaxation's
	// only choice.
	cnt := make([]int32, m.nItems)
	for p, on := range x {
		if on {
			cnt[m.pItem[p]]++
		}
	}
	var dis []int32
	for i := int32(0); i < int32(m.nItems); i++ {
		q := inc[i]
		if cnt[i] != 1 || q < 0 || !x[q] {
			if cnt[i] == 0 && q < 0 {
				continue // both leave it out
			}
			dis = append(dis, i)
		}
	}
	if len(dis) == 0 {
		return false
	}
	// Most valuable disagreements first: their best pair's value.
	best := func(i int32) float64 { return m.pVal[m.itemPairs[m.itemStart[i]]] }
	slices.SortStableFunc(dis, func(a, b int32) int {
		switch va, vb := best(a), best(b); {
		case va > vb:
			return -1
		case va < vb:
			return 1
		}
		return 0
	})
	improved := false
	free := make([]bool, m.nItems)
	binMark := make([]bool, m.nBins)
	if s.nbSize == 0 {
		s.nbSize = neighbourStart
	}
	limit := s.nbWork + budget
	for lo, runs := 0, 0; lo < len(dis) && (maxSub == 0 || runs < maxSub); runs++ {
		if s.stop() || s.gapOK(s.bound) || s.nbWork >= limit {
			break
		}
		k := int(s.nbSize)
		chunk := dis[lo:min(len(dis), lo+k)]
		lo += k
		clear(free)
		clear(binMark)
		n := 0
		for _, i := range chunk {
			free[i] = true
			n++
			if q := inc[i]; q >= 0 {
				binMark[m.pBin[q]] = true
			}
			for _, p := range m.itemPairs[m.itemStart[i]:m.itemStart[i+1]] {
				if x[p] {
					binMark[m.pBin[p]] = true
				}
			}
		}
		// Items holding the marked bins in the incumbent are freed too,
		// so that the sub-problem can make room.
		for i := int32(0); i < int32(m.nItems) && n < 3*k; i++ {
			if q := inc[i]; !free[i] && q >= 0 && binMark[m.pBin[q]] {
				free[i] = true
				n++
			}
		}
		if s.solveNeighbourhood(m, inc, free, limit-s.nbWork) {
			improved = true
			inc = s.incumbentIn(m)
		}
	}
	return improved
}

// incumbentIn returns the incumbent as item → pair of m (−1 unassigned),
// or nil when a chosen pair is neither fixed in m nor one of its free
// pairs.
func (s *solver) incumbentIn(m *model) []int32 {
	at := make(map[int32]int32, len(s.incChosen))
	for p, q := range m.orig {
		at[q] = int32(p)
	}
	fixed := make(map[int32]bool, len(m.fixed))
	for _, q := range m.fixed {
		fixed[q] = true
	}
	inc := make([]int32, m.nItems)
	for i := range inc {
		inc[i] = -1
	}
	for _, q := range s.incChosen {
		if fixed[int32(q)] {
			continue
		}
		p, ok := at[int32(q)]
		if !ok {
			return nil
		}
		inc[m.pItem[p]] = p
	}
	return inc
}

// solveNeighbourhood fixes every item outside free to its incumbent pair
// (or to nothing), solves what is left by branch and bound and offers the
// result. It reports whether the incumbent improved.
func (s *solver) solveNeighbourhood(m *model, inc []int32, free []bool, budget int64) bool {
	var ones []int32
	zero := make([]bool, len(m.pItem))
	for i := int32(0); i < int32(m.nItems); i++ {
		if free[i] {
			continue
		}
		if q := inc[i]; q >= 0 {
			ones = append(ones, q)
		}
		for _, p := range m.itemPairs[m.itemStart[i]:m.itemStart[i+1]] {
			if p != inc[i] {
				zero[p] = true
			}
		}
	}
	c, conf := m.restrict(ones, zero)
	if conf != nil || len(c.pItem) == 0 {
		return false
	}
	set := s.set
	set.NodeLimit = neighbourNodes
	set.IterationLimit = 0
	set.TargetGap = 0
	set.Progress = nil
	sub := &solver{
		ctx:      s.ctx,
		set:      set,
		start:    time.Now(),
		deadline: s.deadline,
		bound:    math.Inf(1),
		nPairs:   s.nPairs,
		sub:      true,
		// At most a quarter of what is left of the budget, and at
		// most 2000 iterations over the sub-problem's pairs, so that
		// many neighbourhoods are tried.
		workLimit: max(1, min(budget/4, 2000*int64(len(c.pItem)))),
	}
	// The incumbent's own assignment of the free items is feasible in c.
	h := newPrimal(c)
	at := make(map[int32]int32, len(c.orig))
	for p, q := range c.orig {
		at[q] = int32(p)
	}
	sub.incVal = c.fixedValue
	sub.incChosen = h.chosen()
	for i := int32(0); i < int32(m.nItems); i++ {
		if q := inc[i]; free[i] && q >= 0 {
			if p, ok := at[m.orig[q]]; ok && h.assign[c.pItem[p]] < 0 && h.fits(p) {
				h.add(p)
			}
		}
	}
	sub.offer(h)
	sub.run(c)
	s.iters += sub.iters
	s.nbNodes += sub.nodes
	// Setting a sub-problem up (restricting m, seeding its incumbent) and
	// its heuristics cost more than its duals' work: charge ten passes
	// over m's pairs besides.
	w := sub.work + 10*int64(len(m.pItem))
	s.work += w
	s.nbWork += w
	s.nbRuns++
	if sub.stopped && sub.status == IterationLimit {
		s.nbSize = math.Max(neighbourMin, 0.75*s.nbSize)
	} else if !sub.stopped {
		s.nbSize = math.Min(neighbourMax, 1.25*s.nbSize)
	}
	if sub.incVal > s.incVal+1e-12*math.Max(1, math.Abs(s.incVal)) {
		s.incVal = sub.incVal
		s.incChosen = sub.incChosen
		s.report(false, true)
		return true
	}
	return false
}
