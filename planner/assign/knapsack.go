package assign

import (
	"math"
	"slices"
)

// knapsack solves 0-1 knapsack problems max Σ r·x, Σ w·x ≤ c by depth-first
// branch and bound with the Dantzig (continuous relaxation) bound, items
// taken in decreasing r/w order (Horowitz–Sahni). It reuses its buffers
// between calls and is not safe for concurrent use.
type knapsack struct {
	order []int32
	cur   []bool
	best  []bool
	ordR  []float64
	ordW  []float64
	nodes int
	limit int
	bestV float64
	abort bool
	// eps absorbs the rounding of the capacity left as items are taken
	// and put back (1e-12 of the capacity: a few ulps per item).
	eps float64
}

// knapsackNodeLimit bounds the search of one knapsack; past it the Dantzig
// bound stands in for the optimum (still a valid upper bound).
const knapsackNodeLimit = 20000

// solve solves the knapsack over the items r[j], w[j] (r > 0, w ≥ 0,
// w ≤ c) and capacity c, searching at most limit nodes. It returns an
// upper bound on the optimum, the value of the best solution found (equal
// to the bound when exact), and sets take[j] for that solution.
//
// With limit 0 it solves the continuous relaxation instead: take[j] marks
// the items taken whole in ratio order, and item frac (−1 if none) is
// taken in part f; ub is then the relaxation's value.
//
// Complexity: the depth-first branch and bound loop is kept in one body for
// speed: it runs for every bin at every node.
func (k *knapsack) solve(r, w []float64, c float64, limit int, take []bool) (ub, lb float64, exact bool, frac int, f float64) {
	frac = -1
	n := len(r)
	k.order = k.order[:0]
	var val, wsum float64
	for j := 0; j < n; j++ {
		take[j] = false
		if w[j] <= 0 {
			take[j] = true
			val += r[j]
			continue
		}
		k.order = append(k.order, int32(j))
		wsum += w[j]
	}
	if wsum <= c {
		for _, j := range k.order {
			take[j] = true
			val += r[j]
		}
		return val, val, true, -1, 0
	}
	slices.SortFunc(k.order, func(a, b int32) int {
		// r[a]/w[a] > r[b]/w[b] first; ties by index.
		x, y := r[a]*w[b], r[b]*w[a]
		switch {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return int(a - b)
	})
	m := len(k.order)
	k.ordR = grow(k.ordR, m)
	k.ordW = grow(k.ordW, m)
	for t, j := range k.order {
		k.ordR[t] = r[j]
		k.ordW[t] = w[j]
	}
	k.cur = growBool(k.cur, m)
	k.best = growBool(k.best, m)
	// Greedy start: take in order while it fits.
	k.bestV = 0
	rem := c
	for t := 0; t < m; t++ {
		k.best[t] = k.ordW[t] <= rem
		if k.best[t] {
			rem -= k.ordW[t]
			k.bestV += k.ordR[t]
		}
	}
	k.eps = 1e-12 * c
	root := k.dantzig(0, c)
	k.abort = false
	if root > k.bestV {
		if limit == 0 {
			// The continuous solution: the items before the break item.
			rem := c
			lb = val
			for t, j := range k.order {
				if k.ordW[t] > rem+k.eps {
					frac, f = int(j), math.Max(0, rem)/k.ordW[t]
					break
				}
				rem -= k.ordW[t]
				lb += k.ordR[t]
				take[j] = true
			}
			return val + root, lb, false, frac, f
		} else {
			k.nodes, k.limit = 0, limit
			clear(k.cur[:m])
			k.dfs(0, c, 0)
		}
	}
	for t, j := range k.order {
		take[j] = k.best[t]
	}
	if k.abort {
		return val + root, val + k.bestV, false, -1, 0
	}
	return val + k.bestV, val + k.bestV, true, -1, 0
}

// dantzig is the continuous relaxation's value over items t… (in ratio
// order) with capacity c.
func (k *knapsack) dantzig(t int, c float64) float64 {
	v := 0.0
	for ; t < len(k.order); t++ {
		if k.ordW[t] <= c+k.eps {
			c -= k.ordW[t]
			v += k.ordR[t]
			continue
		}
		return v + k.ordR[t]*math.Max(0, c+k.eps)/k.ordW[t]
	}
	return v
}

func (k *knapsack) dfs(t int, c, v float64) {
	if k.abort {
		return
	}
	k.nodes++
	if k.nodes > k.limit {
		k.abort = true
		return
	}
	// Take the maximal run of items that fit (the "forward move").
	t0 := t
	for ; t < len(k.order) && k.ordW[t] <= c+k.eps; t++ {
		c -= k.ordW[t]
		v += k.ordR[t]
		k.cur[t] = true
	}
	if v > k.bestV { // the items taken so far, nothing else
		k.bestV = v
		copy(k.best, k.cur)
	}
	if t < len(k.order) && v+k.dantzig(t+1, c) > k.bestV {
		// Item t does not fit: leave it out and go on.
		k.dfs(t+1, c, v)
	}
	// Backtrack the run, trying each taken item left out (last first).
	for s := t - 1; s >= t0 && !k.abort; s-- {
		k.cur[s] = false
		c += k.ordW[s]
		v -= k.ordR[s]
		if v+k.dantzig(s+1, c) > k.bestV {
			k.dfs(s+1, c, v)
		}
	}
	for s := t0; s < t; s++ {
		k.cur[s] = false
	}
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func growBool(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	return s[:n]
}
