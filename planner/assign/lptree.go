package assign

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
)

// Branch and bound on the LP relaxation with the root's cuts. When the
// root's LP with cuts was computed (a model small enough for the dense
// tableau, whose Lagrangian root left a gap), a second tree searches on
// it beside the Lagrangian one (solver.bothTrees): every node is its
// parent's tableau with the branch's pairs fixed, reoptimised by the dual
// simplex from the parent's basis, so that the root's Gomory and cover cuts, which mix the bins and
// the yearly quota rows, bound every node. The cuts are valid for the
// whole model (they are aggregations of its rows), so they stay valid at
// every node; none are added below the root. Node bounds are the
// weak-duality bounds of the tableau's row duals (safe whatever the
// tableau's rounding); a node whose dual simplex stops at a row it cannot
// repair is closed only when a Farkas-style bound from that row shows it
// holds nothing above the incumbent.

// lpNodePivots bounds the dual simplex of one node.
const lpNodePivots = 2_000

// Results of the dual simplex at a node.
const (
	lpOptimal = iota
	lpInfeasible
	lpUnfinished
)

// lpNode is an open node of the LP tree: the pairs fixed on the way
// from the root (branching decisions) and its parent's bound.
type lpNode struct {
	fix   []lpFix
	bound float64
	seq   int
	// key and dir name the branch that made the node (key −1 at the
	// root) and mass the LP value it moved, for the pseudocosts.
	key, dir int
	mass     float64
	// snap, when kept, is the parent's tableau after its solve, holding
	// the decisions of fix before index fresh; taken marks a node no
	// longer open.
	snap  *lpTab
	fresh int
	taken bool
}

// lpFix fixes column j to 1 (one) or 0.
type lpFix struct {
	j   int32
	one bool
}

// lpHeap orders open nodes by bound, largest first, then by creation.
type lpHeap []*lpNode

func (q lpHeap) Len() int { return len(q) }
func (q lpHeap) Less(i, j int) bool {
	if q[i].bound != q[j].bound {
		return q[i].bound > q[j].bound
	}
	return q[i].seq < q[j].seq
}
func (q lpHeap) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *lpHeap) Push(x any)   { *q = append(*q, x.(*lpNode)) }
func (q *lpHeap) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

// lpRun is the LP tree in progress: it searches best bound first on the
// LP bound, from the root's tableau (with cuts, for the model's pairs),
// plunging into one child on the parent's tableau; a node taken from the
// open list starts from its parent's tableau when it kept one (see push),
// else from the root's, rebuilt with its decisions. Its
// global bound is the largest of the incumbent, the open nodes' bounds
// and the bounds of the nodes closed within the target gap.
type lpRun struct {
	ls        *lpSearch
	open      lpHeap // best bound first; taken nodes stay until on top
	live      int    // open nodes not yet taken
	recent    []*lpNode
	snaps     int // open nodes holding a tableau
	maxSnaps  int
	seq       int
	prunedMax float64
	cur       *lpNode
	tab       *lpTab
	fresh     int
	gb        float64 // the tree's own global bound
}

// lpSnapBytes bounds the memory of the parents' tableaux kept with open
// nodes, and lpDive is how far below the best open bound (as a share of
// its gap to the incumbent) a node with its parent's tableau may be and
// still be taken first.
const (
	lpSnapBytes = 16 << 20
	lpDive      = 0.3
)

// newLPRun starts the LP tree of base from the root's tableau lt, which
// it takes over; it lowers the global bound by the root's knapsack bound.
func (s *solver) newLPRun(base *model, lt *lpTab) *lpRun {
	s.lpTreeUsed = true
	lt.compact()
	ls := &lpSearch{s: s, root: lt.clone(), h: newPrimal(base), ps: make([]pseudo, lt.np+base.nItems)}
	ls.h.stop = s.stop
	ls.itemCols = make([][]int32, base.nItems)
	for j := 0; j < lt.np; j++ {
		i := base.pItem[lt.col[j]]
		ls.itemCols[i] = append(ls.itemCols[i], int32(j))
	}
	for _, cols := range ls.itemCols {
		slices.SortStableFunc(cols, func(a, b int32) int {
			return cmp.Compare(base.pW[lt.col[a]], base.pW[lt.col[b]])
		})
	}
	ls.binCols = make([][]int32, len(lt.bins))
	ls.inBin = make([]bool, lt.np)
	ls.isBin = make([]bool, len(lt.rows))
	for k, i := range lt.bins {
		ls.isBin[i] = true
		for j, w := range lt.rows[i] {
			if w != 0 {
				ls.binCols[k] = append(ls.binCols[k], int32(j))
				ls.inBin[j] = true
			}
		}
	}
	s.setBound(math.Max(ls.knapBound(lt), s.incVal))
	size := max(1, lt.bytes())
	snapBytes := int64(lpSnapBytes)
	if s.set.MaxMemory > 0 {
		// A sixteenth of the budget at most: from the budget, not from
		// the memory in use now, so that the same settings give the same
		// search (and plan) whatever else the process holds.
		snapBytes = min(snapBytes, s.set.MaxMemory/16)
	}
	return &lpRun{ls: ls, prunedMax: math.Inf(-1), cur: &lpNode{bound: s.bound, key: -1}, tab: lt, gb: s.bound,
		maxSnaps: int(max(2, snapBytes/size))}
}

// top drops the taken nodes from the top of the open list and returns
// the best open node, nil when none is open.
func (r *lpRun) top() *lpNode {
	for r.open.Len() > 0 && r.open[0].taken {
		heap.Pop(&r.open)
	}
	if r.open.Len() == 0 {
		return nil
	}
	return r.open[0]
}

// push adds an open node, keeping its parent's tableau t when it can.
func (r *lpRun) push(n *lpNode, t *lpTab, fresh int) {
	if r.snaps >= r.maxSnaps {
		// The oldest kept tableau goes.
		for len(r.recent) > 0 && r.snaps >= r.maxSnaps {
			if o := r.recent[0]; !o.taken && o.snap != nil {
				o.snap = nil
				r.snaps--
			}
			r.recent = r.recent[1:]
		}
	}
	n.snap, n.fresh = t.clone(), fresh
	r.snaps++
	r.recent = append(r.recent, n)
	heap.Push(&r.open, n)
	r.live++
}

// take marks n as taken and makes it current, on its parent's kept
// tableau or on one rebuilt from the root's.
func (r *lpRun) take(n *lpNode) {
	n.taken = true
	r.live--
	r.cur = n
	if n.snap != nil {
		r.tab, r.fresh = n.snap, n.fresh
		n.snap = nil
		r.snaps--
		return
	}
	r.tab, r.fresh = r.ls.root.clone(), 0
}

// next chooses the open node to take when a plunge ends: the newest one
// holding its parent's tableau (a sibling on the way down, no rebuild)
// when its bound is within lpDive of the best open bound's gap, else the
// best.
func (r *lpRun) next(best *lpNode) *lpNode {
	for len(r.recent) > 0 {
		n := r.recent[len(r.recent)-1]
		if n.taken || n.snap == nil {
			r.recent = r.recent[:len(r.recent)-1]
			continue
		}
		inc := r.ls.s.incVal
		if n.bound >= best.bound-lpDive*(best.bound-inc) {
			return n
		}
		break
	}
	return best
}

// step processes one node; it reports whether the search has ended
// (proven within the target gap, exhausted, or stopped).
//
// Complexity: one node of the tree with its plunging, pruning and
// stopping rules.
func (r *lpRun) step() bool {
	s := r.ls.s
	if s.nodes >= s.set.NodeLimit {
		s.status, s.stopped, s.why = IterationLimit, true, StoppedNodeLimit
		return true
	}
	s.phase = "branch and bound"
	s.nodes++
	s.lpNodes++
	cur := r.cur
	b, br := r.ls.node(r.tab, cur, r.fresh)
	var next *lpNode
	if br != nil {
		d0, d1 := 1-br.first, br.first
		r.seq++
		r.push(&lpNode{fix: append(slices.Clip(cur.fix), br.fix[d0]...), bound: b, seq: r.seq,
			key: br.key, dir: d0, mass: br.mass[d0]}, r.tab, len(cur.fix))
		r.seq++
		next = &lpNode{fix: append(slices.Clip(cur.fix), br.fix[d1]...), bound: b, seq: r.seq,
			key: br.key, dir: d1, mass: br.mass[d1]}
		r.fresh = len(cur.fix)
	} else if b > s.incVal {
		r.prunedMax = math.Max(r.prunedMax, b)
	}
	best := r.top()
	gb := math.Max(s.incVal, r.prunedMax)
	if best != nil {
		gb = math.Max(gb, best.bound)
	}
	if next != nil {
		gb = math.Max(gb, next.bound)
	}
	r.gb = gb
	s.setBound(gb)
	if (next == nil && best == nil) || s.gapOK(s.bound) || s.stop() {
		return true
	}
	if next != nil && next.bound-s.incVal > s.pruneTol(next.bound) {
		r.cur = next
		return false
	}
	if next != nil {
		r.prunedMax = math.Max(r.prunedMax, next.bound)
	}
	if best.bound-s.incVal <= s.pruneTol(best.bound) {
		// Every open node is within the gap.
		for _, n := range r.open {
			if !n.taken {
				r.prunedMax = math.Max(r.prunedMax, n.bound)
			}
		}
		s.setBound(math.Max(s.incVal, r.prunedMax))
		return true
	}
	r.take(r.next(best))
	return false
}

// lpSearch is the state of the LP tree.
type lpSearch struct {
	s    *solver
	root *lpTab // the root's tableau, for rebuilding nodes
	h    *primal
	ps   []pseudo // per branch key: pair columns, then items
	tmp  *lpTab   // scratch tableau of the strong branching
	// itemCols lists each item's pair columns by increasing weight.
	itemCols [][]int32
	// binCols lists each bin row's pair columns (t.bins order); inBin
	// marks the columns in one of them.
	binCols [][]int32
	inBin   []bool
	isBin   []bool // per row
	kp      knapsack
	kr, kw  []float64
	take    []bool
}

// lpBranch is a branching: the decisions of its two children, the LP
// value each moves, and its key for the pseudocosts.
type lpBranch struct {
	key   int
	fix   [2][]lpFix
	mass  [2]float64
	first int // the child to plunge into
}

// pseudo is a column's pseudocosts: the bound's loss per unit of change,
// summed over the observations down (0) and up (1), and their number.
type pseudo struct {
	sum [2]float64
	n   [2]int
}

// Branching limits: a column is strong-branched until it has
// lpReliable observations each way, at most lpStrongCands columns a node,
// each way within lpStrongPivots dual simplex pivots.
// lpFlopsPerWork is the number of tableau entries a pivot updates in the
// time the duals evaluate one pair (measured; see lpTab.work).
const lpFlopsPerWork = 44

const (
	lpReliable     = 2
	lpStrongCands  = 8
	lpStrongPivots = 30
)

// node solves node n on t, which holds the decisions of n.fix before
// index fresh but not the later ones (it applies them), and returns its
// bound (at most the parent's), the column to branch on and its LP value;
// the column is −1 when the node is closed: within the target gap of the
// incumbent, infeasible, integral, or stopped (its bound is then the
// parent's).
func (ls *lpSearch) node(t *lpTab, n *lpNode, fresh int) (float64, *lpBranch) {
	s := ls.s
	for _, f := range n.fix[fresh:] {
		t.fix(int(f.j), b01(f.one))
	}
	f0 := t.flops
	t.maxPivots = t.pivots + lpNodePivots
	st, r := t.dualRun(s.stop)
	s.work += t.work(t.flops - f0)
	if s.stopped {
		return n.bound, nil
	}
	var sb float64
	var rc []float64
	if st == lpInfeasible {
		sb = t.farkasBound(r)
	} else {
		sb, rc = t.boundAt(t.rowDual)
	}
	if n.key >= 0 && st == lpOptimal {
		ls.observe(n.key, n.dir, n.mass, n.bound-(sb+t.fixed))
	}
	b := math.Min(n.bound, sb+t.fixed)
	if b-s.incVal <= s.pruneTol(b) || st == lpInfeasible {
		return b, nil
	}
	b = math.Min(b, ls.knapBound(t))
	if b-s.incVal <= s.pruneTol(b) {
		return b, nil
	}
	x := t.x()
	s.lpRound(ls.h, t, x)
	if b-s.incVal <= s.pruneTol(b) {
		return b, nil
	}
	t.fixByRC(rc, sb+t.fixed, s.incVal)
	return b, ls.branch(t, x, sb+t.fixed)
}

// knapBound is the bound of t's row duals with the bins' capacity rows
// kept as exact 0-1 knapsacks: Σ y_i rhs_i over the other rows, plus each
// bin's best packing of its free pairs' reduced values r = v − yᵀA (the
// pairs fixed to 1 packed first), plus max over the bounds of r_j x_j for
// the pairs in no bin row, plus the fixed value. It holds for any y ≥ 0
// and is at most the LP's weak-duality bound at the same y; −Inf when a
// bin's fixed pairs overfill it.
func (ls *lpSearch) knapBound(t *lpTab) float64 {
	rc := slices.Clone(t.val)
	b := t.fixed
	for i, row := range t.rows {
		if ls.isBin[i] {
			continue
		}
		if yi := t.rowDual(i); yi > 0 {
			b += yi * t.rhs[i]
			axpy(rc, row, -yi)
		}
	}
	for j, r := range rc {
		if !ls.inBin[j] {
			b += math.Max(r*t.ub[j], r*t.lb[j])
		}
	}
	for k, i := range t.bins {
		c := t.rhs[i]
		row := t.rows[i]
		for _, j := range ls.binCols[k] {
			if t.lb[j] == 1 {
				c -= row[j]
				b += rc[j]
			}
		}
		if c < 0 {
			return math.Inf(-1)
		}
		ls.kr, ls.kw = ls.kr[:0], ls.kw[:0]
		for _, j := range ls.binCols[k] {
			if t.lb[j] == 0 && t.ub[j] == 1 && rc[j] > 0 && row[j] <= c {
				ls.kr = append(ls.kr, rc[j])
				ls.kw = append(ls.kw, row[j])
			}
		}
		if len(ls.kr) == 0 {
			continue
		}
		ls.take = growBool(ls.take, len(ls.kr))
		ub, _, _, _, _ := ls.kp.solve(ls.kr, ls.kw, c, knapsackNodeLimit, ls.take)
		b += ub
	}
	return b
}

// work is the solver's work (in pair evaluations of the duals) of
// pivots that updated n entries of the tableau and of the node around
// them (a copy of the tableau), as measured on the demo's models, so that
// the two trees of bothTrees take about the same time.
func (lt *lpTab) work(n int64) int64 {
	return (n + int64(len(lt.t))*int64(len(lt.obj))) / lpFlopsPerWork
}

// bytes is the memory of the tableau's rows.
func (lt *lpTab) bytes() int64 {
	return 8 * int64(len(lt.t)) * int64(len(lt.obj))
}

// b01 is 1 for true, 0 for false.
func b01(one bool) float64 {
	if one {
		return 1
	}
	return 0
}

// observe records that branch key's child dir, moving LP value mass,
// cost the bound loss.
func (ls *lpSearch) observe(key, dir int, mass, loss float64) {
	if mass < 1e-6 {
		return
	}
	ls.ps[key].sum[dir] += math.Max(0, loss) / mass
	ls.ps[key].n[dir]++
}

// branch chooses the branching among the items whose pairs are
// fractional: an item with a single fractional pair, worth x, branches on
// that pair (0 or 1); an item spread over several pairs branches on its
// pairs ordered by weight, split at their LP-weighted mean position (the
// lighter ones or the heavier ones to 0), which moves LP value on both
// sides. The choice is the best product of the expected losses each way
// (reliability branching: pseudocosts, learnt by strong branching until
// reliable). nil when the solution is integral.
//
// Complexity: candidate building and scoring, then strong branching on
// the least known of the best candidates.
func (ls *lpSearch) branch(t *lpTab, x []float64, b float64) *lpBranch {
	var cand []*lpBranch
	for i, cols := range ls.itemCols {
		if br := itemBranch(t, x, i, cols); br != nil {
			cand = append(cand, br)
		}
	}
	if len(cand) == 0 {
		return nil
	}
	var mean [2]float64
	for dir := 0; dir < 2; dir++ {
		sum, n := 0.0, 0
		for _, p := range ls.ps {
			sum += p.sum[dir]
			n += p.n[dir]
		}
		mean[dir] = 1
		if n > 0 {
			mean[dir] = sum / float64(n)
		}
	}
	score := func(br *lpBranch) float64 {
		e := mean
		p := ls.ps[br.key]
		for dir := 0; dir < 2; dir++ {
			if p.n[dir] > 0 {
				e[dir] = p.sum[dir] / float64(p.n[dir])
			}
		}
		return math.Max(br.mass[0]*e[0], 1e-9) * math.Max(br.mass[1]*e[1], 1e-9)
	}
	sc := make([]float64, len(cand))
	for k, br := range cand {
		sc[k] = score(br)
	}
	order := make([]int, len(cand))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(sc[b], sc[a]) })
	strong := 0
	for _, k := range order {
		if strong >= lpStrongCands {
			break
		}
		br := cand[k]
		if p := ls.ps[br.key]; min(p.n[0], p.n[1]) >= lpReliable {
			continue
		}
		strong++
		for dir := 0; dir < 2; dir++ {
			ls.tmp = t.cloneInto(ls.tmp)
			for _, f := range br.fix[dir] {
				ls.tmp.fix(int(f.j), b01(f.one))
			}
			ls.tmp.maxPivots = ls.tmp.pivots + lpStrongPivots
			f0 := ls.tmp.flops
			st, r := ls.tmp.dualRun(ls.s.stop)
			var cb float64
			if st == lpInfeasible {
				cb = ls.tmp.farkasBound(r)
			} else {
				cb, _ = ls.tmp.boundAt(ls.tmp.rowDual)
			}
			ls.s.work += t.work(ls.tmp.flops - f0)
			ls.observe(br.key, dir, br.mass[dir], b-(cb+t.fixed))
		}
		sc[k] = score(br)
	}
	best := 0
	for k := range cand {
		if sc[k] > sc[best] {
			best = k
		}
	}
	return cand[best]
}

// itemBranch is the branching on item i's pair columns cols (by
// increasing weight) at the LP solution x, nil when none is fractional.
// Child 1 keeps the item's largest LP value.
func itemBranch(t *lpTab, x []float64, i int, cols []int32) *lpBranch {
	nf, sum, pos, top := 0, 0.0, 0.0, -1
	for k, j := range cols {
		v := x[j]
		if v > 1e-6 && v < 1-1e-6 {
			nf++
		}
		sum += v
		pos += v * float64(k)
		if top < 0 || v > x[cols[top]] {
			top = k
		}
	}
	if nf == 0 {
		return nil
	}
	if nf == 1 {
		j := cols[top]
		return &lpBranch{key: int(j),
			fix:  [2][]lpFix{{{j, false}}, {{j, true}}},
			mass: [2]float64{x[j], 1 - x[j]}, first: 1}
	}
	// Split after position floor(mean): lighter = cols[:cut].
	cut := int(pos/sum) + 1
	var light, heavy []lpFix
	var ml, mh float64
	for k, j := range cols {
		if t.lb[j] == t.ub[j] {
			continue
		}
		if k < cut {
			light = append(light, lpFix{j, false})
			ml += x[j]
		} else {
			heavy = append(heavy, lpFix{j, false})
			mh += x[j]
		}
	}
	// Child 0 sets the heavy pairs to 0, child 1 the light ones.
	br := &lpBranch{key: t.np + i, fix: [2][]lpFix{heavy, light}, mass: [2]float64{mh, ml}}
	if top >= cut {
		br.first = 0
	} else {
		br.first = 1
	}
	return br
}

// lpRound offers the assignment that takes the node's pairs in decreasing
// order of their LP value, then fills and improves it by local search.
func (s *solver) lpRound(h *primal, t *lpTab, x []float64) {
	m := h.m
	order := make([]int, 0, 64)
	for j, v := range x {
		if v > 1e-6 {
			order = append(order, j)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case x[a] > x[b]:
			return -1
		case x[a] < x[b]:
			return 1
		}
		return a - b
	})
	h.reset()
	for _, j := range order {
		p := t.col[j]
		if h.assign[m.pItem[p]] < 0 && h.fits(p) {
			h.add(p)
		}
	}
	h.localSearch(2)
	s.offer(h)
	// A few neighbourhoods guided by the rounding, within a sixteenth of
	// the search's work.
	if s.root != nil {
		var guide []int32
		for _, q := range h.chosen() {
			guide = append(guide, int32(q))
		}
		s.guidedNeighbourhoods(guide, 16)
	}
}

// fix fixes column j to v, moving it there when it is nonbasic (a basic
// one is moved by the dual simplex).
func (lt *lpTab) fix(j int, v float64) {
	old := lt.value(j)
	lt.lb[j], lt.ub[j] = v, v
	if lt.state[j] < 0 {
		if old != v {
			lt.move(j, v-old)
		}
		lt.state[j] = stLower
	}
}

// rowDual is row i's dual value in the tableau (never negative).
func (lt *lpTab) rowDual(i int) float64 {
	return math.Max(0, lt.obj[lt.np+i])
}

// boundAt is the weak-duality bound Σ_i y_i rhs_i + Σ_j max over the
// column's bounds of r_j x_j, r = v − yᵀA, for the row duals y (negative
// ones taken as 0), with the reduced costs r. It holds for any y.
func (lt *lpTab) boundAt(y func(i int) float64) (float64, []float64) {
	rc := slices.Clone(lt.val)
	b := 0.0
	for i, row := range lt.rows {
		yi := y(i)
		if yi <= 0 {
			continue
		}
		b += yi * lt.rhs[i]
		axpy(rc, row, -yi)
	}
	for j, r := range rc {
		if r > 0 {
			b += r * lt.ub[j]
		} else {
			b += r * lt.lb[j]
		}
	}
	return b, rc
}

// farkasBound bounds a node whose dual simplex found no column to repair
// row r: moving the row duals along the row's slack multipliers keeps the
// weak-duality bound valid and, when the node is infeasible, drives it
// down without limit. It returns the least bound over a range of steps in
// either direction (each valid on its own).
func (lt *lpTab) farkasBound(r int) float64 {
	row := lt.t[r]
	best := math.Inf(1)
	for _, sign := range []float64{1, -1} {
		for theta := 1e-3; theta <= 1e7; theta *= 10 {
			y := func(i int) float64 {
				return lt.obj[lt.np+i] - sign*theta*row[lt.np+i]
			}
			b, _ := lt.boundAt(y)
			best = math.Min(best, b)
		}
	}
	return best
}

// fixByRC fixes the free pairs whose move to their other bound would take
// the node's bound b (from the reduced costs rc) to at most inc.
func (lt *lpTab) fixByRC(rc []float64, b, inc float64) {
	tol := 1e-9 * math.Max(1, math.Abs(inc))
	for j, r := range rc {
		if lt.lb[j] == lt.ub[j] {
			continue
		}
		switch lt.state[j] {
		case stLower:
			if r < 0 && b+r <= inc-tol {
				lt.ub[j] = 0
			}
		case stUpper:
			if r > 0 && b-r <= inc-tol {
				lt.lb[j] = 1
			}
		}
	}
}

// dualRun runs the dual simplex from a dual feasible basis: lpOptimal at
// a primal feasible basis; lpInfeasible when row r has no column to
// enter; lpUnfinished at the pivot limit or a stop.
func (lt *lpTab) dualRun(stop func() bool) (status, r int) {
	for {
		if lt.pivots >= lt.maxPivots || (lt.pivots%64 == 0 && stop()) {
			return lpUnfinished, -1
		}
		r, above := lt.leaving()
		if r < 0 {
			return lpOptimal, -1
		}
		q := lt.dualRatio(r, above)
		if q < 0 {
			return lpInfeasible, r
		}
		bound := lt.lb[lt.basis[r]]
		if above {
			bound = lt.ub[lt.basis[r]]
		}
		d := (lt.beta[r] - bound) / lt.t[r][q]
		old := lt.value(q)
		lt.move(q, d)
		lt.leave(r, above)
		lt.beta[r] = old + d
		lt.pivot(r, q)
	}
}

// compact drops from the tableau the pairs fixed at 0 while nonbasic and
// the cut rows whose slack is basic and positive, so that the nodes copy
// and pivot a smaller tableau. The original rows all stay.
func (lt *lpTab) compact() {
	keepCol, keepRow := lt.compactKeep()
	np, nr := lt.np, len(lt.rows)
	newCol := make([]int, np+nr)
	n, np2 := 0, 0
	for j := range keepCol {
		newCol[j] = -1
		if keepCol[j] {
			newCol[j] = n
			n++
			if j < np {
				np2++
			}
		}
	}
	pick := func(v []float64, upto int) []float64 {
		out := make([]float64, 0, n)
		for j, k := range keepCol[:upto] {
			if k {
				out = append(out, v[j])
			}
		}
		return out
	}
	lt.compactTableau(keepCol, newCol, func(v []float64) []float64 { return pick(v, len(keepCol)) })
	var rows [][]float64
	var rhs []float64
	for i := 0; i < nr; i++ {
		if keepRow[i] {
			rows = append(rows, pick(lt.rows[i], np))
			rhs = append(rhs, lt.rhs[i])
		}
	}
	var col []int32
	for j := 0; j < np; j++ {
		if keepCol[j] {
			col = append(col, lt.col[j])
		}
	}
	isInt := make([]bool, 0, n)
	for j, k := range keepCol {
		if k {
			isInt = append(isInt, lt.isInt[j])
		}
	}
	lt.obj, lt.lb, lt.ub = pick(lt.obj, len(keepCol)), pick(lt.lb, len(keepCol)), pick(lt.ub, len(keepCol))
	lt.val = pick(lt.val, np)
	// The model's rows (bins and knapsack rows among them) come first and
	// all stay, so their indices hold.
	lt.rows, lt.rhs, lt.col, lt.isInt = rows, rhs, col, isInt
	lt.knap = slices.DeleteFunc(lt.knap, func(i int) bool { return !keepRow[i] })
	lt.np = np2
}

// compactKeep says which columns and rows compact keeps.
func (lt *lpTab) compactKeep() (keepCol, keepRow []bool) {
	np, nr := lt.np, len(lt.rows)
	keepCol = make([]bool, np+nr)
	for j := 0; j < np; j++ {
		keepCol[j] = !(lt.state[j] == stLower && lt.ub[j] == 0)
	}
	keepRow = make([]bool, nr)
	for i := 0; i < nr; i++ {
		keepRow[i] = true
		if s := lt.state[np+i]; i >= lt.nOrig && s >= 0 && lt.beta[s] > 1e-7 {
			keepRow[i] = false
		}
		keepCol[np+i] = keepRow[i]
	}
	return keepCol, keepRow
}

// compactTableau keeps the tableau rows whose basic column stays (the
// slack of a dropped cut goes with its row) and, in each, the kept
// columns (pick), renumbering the basis and the basic columns' rows.
func (lt *lpTab) compactTableau(keepCol []bool, newCol []int, pick func([]float64) []float64) {
	var t [][]float64
	var beta []float64
	var basis []int
	newRow := make([]int, len(lt.t))
	for r, row := range lt.t {
		newRow[r] = -1
		k := lt.basis[r]
		if !keepCol[k] {
			continue
		}
		newRow[r] = len(t)
		t = append(t, pick(row))
		beta = append(beta, lt.beta[r])
		basis = append(basis, newCol[k])
	}
	state := make([]int, 0, len(t))
	for j, k := range keepCol {
		if k {
			s := lt.state[j]
			if s >= 0 {
				s = newRow[s]
			}
			state = append(state, s)
		}
	}
	lt.t, lt.beta, lt.basis, lt.state = t, beta, basis, state
}
