package assign

import (
	"container/heap"
	"math"
)

// Reduced-cost fixing to 1. At a node whose Lagrangian solution takes
// pair p (x_p = 1 in bin b), the bound of the node with x_p = 0 at the
// same multipliers is at most
//
//	L − UB_b + U_b^{−p},
//
// UB_b the bin's knapsack value in L and U_b^{−p} the Dantzig bound of the
// bin's other pairs of positive reduced value at the bin's full capacity
// (an upper bound on the bin's knapsack without p). When that is within
// the target gap of the incumbent (as a node is pruned), p is fixed to 1
// and the bound of the part left out is kept in solver.excluded, which
// the global bound never goes below (setBound). Without it the search branches on
// such a pair and spends a node on the child x_p = 0, which its first
// evaluation closes. On the 1000 × 300 benchmark the nodes to prove 1e-6
// fell from 9 166 to 1 975 (BENCHMARKS.md §3).

// fixToOne returns the pairs of d's model (last evaluated at bound L) that
// can be fixed to 1, ascending; nil when none. It returns ok = false when
// two of them take the same item, one exclusive group or more than a
// capacity: then every assignment of the model leaves one of them out
// and is worth at most solver.excluded.
func (s *solver) fixToOne(d *dual, L float64) (ones []int32, ok bool) {
	m := d.m
	z := s.incVal
	if math.IsInf(L, 0) || math.IsNaN(L) || L <= z {
		return nil, true
	}
	var cand []int32
	var kp knapsack
	for b := 0; b < m.nBins; b++ {
		seg := m.binPairs[m.binStart[b]:m.binStart[b+1]]
		c := m.binCap[b] + feasTol(m.binCap[b])
		cand = cand[:0]
		for _, p := range seg {
			if d.r[p] > 0 && m.pW[p] <= c {
				cand = append(cand, p)
			}
		}
		first := true
		for _, p := range seg {
			if !d.x[p] || d.r[p] <= 0 {
				continue
			}
			if first {
				kp.sortRatio(cand, d.r, m.pW)
				first = false
			}
			if u := L - d.binUB[b] + kp.dantzigWithout(cand, d.r, m.pW, p, c); u <= z+s.pruneTol(u) {
				ones = append(ones, p)
				if !s.hasExcluded || u > s.excluded {
					s.excluded, s.hasExcluded = u, true
				}
			}
		}
	}
	if len(ones) == 0 {
		return nil, true
	}
	if _, cf := m.restrict(ones, nil); cf != nil {
		return nil, false
	}
	return ones, true
}

// children returns the decisions of a node's two children, from its
// model's relaxation d evaluated at a with value Le (L is the node's
// bound): when pairs can be fixed to 1, a single child with them (second
// has none set); else the branching pair of branchPair fixed to 1 and to
// 0. closed says the node needs no children, with its bound: the
// incumbent when the fixings conflict, L when the relaxation's solution
// is feasible and complete.
func (s *solver) children(d *dual, a mults, Le, L float64) (first, second decisions, bound float64, closed bool) {
	ones, ok := s.fixToOne(d, Le)
	if !ok {
		return decisions{}, decisions{}, s.incVal, true
	}
	if len(ones) > 0 {
		return decisions{ones: ones}, decisions{none: true}, L, false
	}
	p, _ := s.branchPair(d, a, newPrimal(d.m))
	if p < 0 {
		return decisions{}, decisions{}, L, true
	}
	return decisions{ones: []int32{p}}, decisions{zeros: []int32{p}}, L, false
}

// pushChild adds the child c of a node of bound b to the open nodes,
// unless c is none.
func (q *nodeHeap) pushChild(c decisions, mult mults, b float64, seq int) {
	if !c.none {
		heap.Push(q, &bbNode{ones: c.ones, zeros: c.zeros, mult: mult, bound: b, seq: seq})
	}
}
