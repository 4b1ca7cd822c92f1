package assign

import (
	"math"
	"slices"
)

// The LP bound with Gomory mixed-integer cuts. A dense bounded-variable
// simplex tableau solves the linear relaxation of a small model (pairs in
// [0, 1]; item, bin, side and group rows), then rounds of Gomory
// mixed-integer cuts are added and the tableau reoptimised by the dual
// simplex. The tableau only guides: every cut is derived from an
// aggregation of the stored rows (original rows and earlier cuts, in
// pair space) recomputed from the tableau's row multipliers, so it is
// valid whatever the tableau's rounding, and the bound returned is
// computed from the row duals by weak duality,
//
//	Σ_i y_i rhs_i + Σ_p max(0, v_p − Σ_i y_i a_ip)   (y ≥ 0),
//
// which is an upper bound on the relaxation for any y ≥ 0.

// Limits of the cut loop.
const (
	// lpMaxEntries bounds the dense tableau (rows × columns, cuts
	// included): models larger than this get no LP bound.
	lpMaxEntries = 6_000_000
	lpCutRounds  = 30
	lpCutsRound  = 15
	lpMaxPivots  = 40_000
	// lpMinGap is the relative gap the Lagrangian root must leave for
	// the LP bound to be computed: on the generator's instances the root
	// gap is about 1e-6 and the cuts do not improve on it.
	lpMinGap = 1e-3
	// lpTryRounds is the number of rounds of cuts after which the loop
	// stops if the bound is still above the Lagrangian one: on the
	// delivery sample it is below after two; on the demo's quota sweep,
	// 3 gave smaller gaps in 5 s than 6 (BENCHMARKS.md §3).
	lpTryRounds = 3
	// lpRoundPivots bounds the dual simplex of one round of cuts.
	lpRoundPivots = 1_000
	lpTol         = 1e-9
)

// lpTab is the dense tableau. Columns: the model's pairs, then one slack
// per row. Row r reads x_basis[r] + Σ_{j nonbasic} t[r][j]·x_j = const;
// beta holds the basic variables' values and obj the negated reduced
// costs (for a maximisation, optimal when obj ≥ 0 at lower bounds and ≤ 0
// at upper bounds).
type lpTab struct {
	np    int // structural columns (pairs)
	t     [][]float64
	obj   []float64
	beta  []float64
	basis []int
	// state[j] is the row of a basic column, stLower or stUpper.
	state  []int
	lb, ub []float64
	isInt  []bool
	// rows in pair space: a·x ≤ rhs; row i's slack is column np+i.
	rows [][]float64
	rhs  []float64
	val  []float64
	// pivots counts pivots and bound flips, up to maxPivots.
	pivots, maxPivots int
	// knap lists the knapsack rows (bins and side rows), whose covers
	// are separated.
	knap []int
	// fixed is the value of the model's pairs fixed to 1.
	fixed float64
	// nOrig is the number of the model's own rows (the cuts follow);
	// col maps a pair column to the model's pair.
	nOrig int
	col   []int32
	nz    []int32 // scratch of pivot
	// flops counts the entries the pivots updated.
	flops int64
	// bins lists the rows of the bins' capacities (model rows, which
	// keep their index when the tableau is compacted).
	bins []int
}

const (
	stLower = -1
	stUpper = -2
)

// newLPTab builds the tableau of m's relaxation with the slack basis.
func newLPTab(m *model) *lpTab {
	np := len(m.pItem)
	lt := &lpTab{np: np, val: append([]float64(nil), m.pVal...)}
	add := func(a []float64, rhs float64, integer bool) {
		if !integer {
			lt.knap = append(lt.knap, len(lt.rows))
		}
		lt.rows = append(lt.rows, a)
		lt.rhs = append(lt.rhs, rhs)
		lt.isInt = append(lt.isInt, integer)
	}
	for i := 0; i < m.nItems; i++ {
		a := make([]float64, np)
		for _, p := range m.itemPairs[m.itemStart[i]:m.itemStart[i+1]] {
			a[p] = 1
		}
		add(a, 1, true)
	}
	for b := 0; b < m.nBins; b++ {
		if m.binStart[b+1]-m.binStart[b] == 0 {
			continue
		}
		a := make([]float64, np)
		sum := 0.0
		for _, p := range m.binPairs[m.binStart[b]:m.binStart[b+1]] {
			a[p] = m.pW[p]
			sum += m.pW[p]
		}
		if sum <= m.binCap[b] {
			continue // never binding
		}
		lt.bins = append(lt.bins, len(lt.rows))
		add(a, m.binCap[b]+feasTol(m.binCap[b]), false)
	}
	sideRows, grpRows := denseSideRows(m)
	for k, a := range sideRows {
		add(a, m.sideCap[k]+feasTol(m.sideCap[k]), false)
	}
	for _, a := range grpRows {
		add(a, 1, true)
	}
	nr := len(lt.rows)
	nc := np + nr
	lt.t = make([][]float64, nr)
	lt.beta = make([]float64, nr)
	lt.basis = make([]int, nr)
	lt.state = make([]int, nc)
	lt.lb = make([]float64, nc)
	lt.ub = make([]float64, nc)
	lt.obj = make([]float64, nc)
	colInt := make([]bool, nc)
	for j := 0; j < np; j++ {
		lt.state[j] = stLower
		lt.ub[j] = 1
		lt.obj[j] = -m.pVal[j]
		colInt[j] = true
	}
	for i := 0; i < nr; i++ {
		row := make([]float64, nc, nc+lpCutsRound*4)
		copy(row, lt.rows[i])
		row[np+i] = 1
		lt.t[i] = row
		lt.beta[i] = lt.rhs[i]
		lt.basis[i] = np + i
		lt.state[np+i] = i
		lt.ub[np+i] = math.Inf(1)
		colInt[np+i] = lt.isInt[i]
	}
	lt.isInt = colInt
	lt.nOrig = nr
	lt.col = iota32(np)
	return lt
}

// denseSideRows returns m's side rows and group rows as dense rows over
// its pairs.
func denseSideRows(m *model) (side, grp [][]float64) {
	np := len(m.pItem)
	side = make([][]float64, m.nSide)
	for k := range side {
		side[k] = make([]float64, np)
	}
	grp = make([][]float64, m.nGroups)
	for g := range grp {
		grp[g] = make([]float64, np)
	}
	for p := 0; p < np; p++ {
		for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
			side[m.sideK[j]][p] += m.sideA[j]
		}
		for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
			grp[m.grpG[j]][p] = 1
		}
	}
	return side, grp
}

// clone copies the tableau; the stored rows are shared (read only).
func (lt *lpTab) clone() *lpTab {
	c := *lt
	c.t = make([][]float64, len(lt.t))
	for i, row := range lt.t {
		c.t[i] = slices.Clone(row)
	}
	c.obj = slices.Clone(lt.obj)
	c.beta = slices.Clone(lt.beta)
	c.basis = slices.Clone(lt.basis)
	c.state = slices.Clone(lt.state)
	c.lb = slices.Clone(lt.lb)
	c.ub = slices.Clone(lt.ub)
	c.rows = slices.Clip(lt.rows)
	c.rhs = slices.Clip(lt.rhs)
	c.isInt = slices.Clip(lt.isInt)
	return &c
}

// cloneInto copies the tableau into dst, reusing its memory when it has
// the same shape, and returns the copy.
func (lt *lpTab) cloneInto(dst *lpTab) *lpTab {
	if dst == nil || len(dst.t) != len(lt.t) || len(dst.obj) != len(lt.obj) {
		return lt.clone()
	}
	t := dst.t
	obj, beta, basis, state, lb, ub := dst.obj, dst.beta, dst.basis, dst.state, dst.lb, dst.ub
	*dst = *lt
	for i, row := range lt.t {
		copy(t[i], row)
	}
	dst.t = t
	copy(obj, lt.obj)
	copy(beta, lt.beta)
	copy(basis, lt.basis)
	copy(state, lt.state)
	copy(lb, lt.lb)
	copy(ub, lt.ub)
	dst.obj, dst.beta, dst.basis, dst.state, dst.lb, dst.ub = obj, beta, basis, state, lb, ub
	return dst
}

// pivot makes column q basic in row r.
func (lt *lpTab) pivot(r, q int) {
	pr := lt.t[r]
	inv := 1 / pr[q]
	// The pivot row's nonzeros, once: each row update touches only them
	// (the same arithmetic as a dense update). The columns fixed while
	// nonbasic are left out: below the root they never enter again, and
	// nothing reads their entries (a node's tableau serves only its own
	// subtree).
	nz := lt.nz[:0]
	for j, v := range pr {
		if v != 0 && (lt.state[j] >= 0 || lt.lb[j] != lt.ub[j]) {
			pr[j] = v * inv
			nz = append(nz, int32(j))
		}
	}
	pr[q] = 1
	lt.nz = nz
	for i, row := range lt.t {
		if i == r {
			continue
		}
		if f := row[q]; f != 0 {
			sparseAxpy(row, pr, nz, -f)
			row[q] = 0
			lt.flops += int64(len(nz))
		}
	}
	if f := lt.obj[q]; f != 0 {
		sparseAxpy(lt.obj, pr, nz, -f)
		lt.obj[q] = 0
	}
	lt.basis[r] = q
	lt.state[q] = r
	lt.pivots++
}

// sparseAxpy adds f·x to y over x's nonzeros nz.
func sparseAxpy(y, x []float64, nz []int32, f float64) {
	for _, j := range nz {
		y[j] += f * x[j]
	}
}

// axpy adds f·x to y.
func axpy(y, x []float64, f float64) {
	x = x[:len(y)]
	for j, v := range x {
		if v != 0 {
			y[j] += f * v
		}
	}
}

// value is column j's current value.
func (lt *lpTab) value(j int) float64 {
	switch s := lt.state[j]; s {
	case stLower:
		return lt.lb[j]
	case stUpper:
		return lt.ub[j]
	default:
		return lt.beta[s]
	}
}

// primal runs the primal simplex from a primal feasible basis; it reports
// whether it reached an optimum.
func (lt *lpTab) primal(stop func() bool) bool {
	degenerate := 0
	for {
		if lt.pivots >= lt.maxPivots || (lt.pivots%64 == 0 && stop()) {
			return false
		}
		q := lt.entering(degenerate > 50)
		if q < 0 {
			return true
		}
		delta := 1.0
		if lt.state[q] == stUpper {
			delta = -1
		}
		t, r, toUpper := lt.primalRatio(q, delta)
		if math.IsInf(t, 1) {
			return false // unbounded: not possible with bounded pairs
		}
		if t < 1e-12 {
			degenerate++
		} else {
			degenerate = 0
		}
		old := lt.value(q)
		lt.move(q, delta*t)
		if r < 0 {
			// A bound flip.
			lt.state[q] = stLower + stUpper - lt.state[q]
			lt.pivots++
			continue
		}
		lt.leave(r, toUpper)
		lt.beta[r] = old + delta*t
		lt.pivot(r, q)
	}
}

// entering chooses the primal simplex's entering column: the largest gain
// (Dantzig's rule), or the first with a gain (Bland's rule) after a run
// of degenerate pivots; −1 at an optimum.
func (lt *lpTab) entering(bland bool) int {
	q, best := -1, 1e-9
	for j, d := range lt.obj {
		var gain float64
		switch lt.state[j] {
		case stLower:
			gain = -d
		case stUpper:
			gain = d
		default:
			continue
		}
		if gain > best {
			q, best = j, gain
			if bland {
				break
			}
		}
	}
	return q
}

// primalRatio is the primal ratio test for column q moving in direction
// delta: the step t, the row leaving (−1: q flips to its other bound) and
// whether the leaving column goes to its upper bound.
func (lt *lpTab) primalRatio(q int, delta float64) (t float64, r int, toUpper bool) {
	t, r = lt.ub[q], -1
	for i, row := range lt.t {
		a := row[q] * delta
		if a > lpTol {
			if lim := math.Max(lt.beta[i], 0) / a; lim < t {
				t, r, toUpper = lim, i, false
			}
		} else if a < -lpTol {
			if u := lt.ub[lt.basis[i]]; !math.IsInf(u, 1) {
				if lim := math.Max(u-lt.beta[i], 0) / -a; lim < t {
					t, r, toUpper = lim, i, true
				}
			}
		}
	}
	return t, r, toUpper
}

// move changes nonbasic column q by d, updating the basic values.
func (lt *lpTab) move(q int, d float64) {
	for i, row := range lt.t {
		lt.beta[i] -= row[q] * d
	}
}

// leave makes row r's basic column nonbasic at its upper or lower bound.
func (lt *lpTab) leave(r int, toUpper bool) {
	if toUpper {
		lt.state[lt.basis[r]] = stUpper
	} else {
		lt.state[lt.basis[r]] = stLower
	}
}

// dual runs the dual simplex from a dual feasible basis; it reports
// whether it reached a primal feasible (hence optimal) basis.
func (lt *lpTab) dual(stop func() bool) bool {
	for {
		if lt.pivots >= lt.maxPivots || (lt.pivots%64 == 0 && stop()) {
			return false
		}
		r, above := lt.leaving()
		if r < 0 {
			return true
		}
		q := lt.dualRatio(r, above)
		if q < 0 {
			return false // the cut rows are infeasible: should not happen
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

// leaving chooses the dual simplex's leaving row, the basic column
// farthest outside its bounds, and whether it is above them; −1 when all
// are within.
func (lt *lpTab) leaving() (r int, above bool) {
	r, worst := -1, 1e-9
	for i, b := range lt.beta {
		u, l := lt.ub[lt.basis[i]], lt.lb[lt.basis[i]]
		tol := 1e-9 * math.Max(1, math.Abs(b))
		if b < l-tol && l-b > worst {
			r, worst, above = i, l-b, false
		} else if b > u+tol && b-u > worst {
			r, worst, above = i, b-u, true
		}
	}
	return r, above
}

// dualRatio is the two-pass (Harris) ratio test of the dual simplex on
// row r: the largest pivot among the columns whose ratio is within a
// small dual tolerance of the smallest; −1 when no column qualifies.
func (lt *lpTab) dualRatio(r int, above bool) int {
	row := lt.t[r]
	eligible := func(j int, a float64) bool {
		s := lt.state[j]
		if s >= 0 || math.Abs(a) < 1e-7 || lt.lb[j] == lt.ub[j] {
			return false
		}
		if above == (a > 0) {
			return s == stLower
		}
		return s == stUpper
	}
	theta := math.Inf(1)
	for j, a := range row {
		if eligible(j, a) {
			theta = math.Min(theta, (math.Abs(lt.obj[j])+1e-9)/math.Abs(a))
		}
	}
	q, piv := -1, 0.0
	for j, a := range row {
		if eligible(j, a) && math.Abs(lt.obj[j])/math.Abs(a) <= theta && math.Abs(a) > piv {
			q, piv = j, math.Abs(a)
		}
	}
	return q
}

// dualInfeasibility is the largest wrong-signed reduced cost.
func (lt *lpTab) dualInfeasibility() float64 {
	di := 0.0
	for j, d := range lt.obj {
		if lt.lb[j] == lt.ub[j] {
			continue
		}
		if lt.state[j] == stLower {
			di = math.Max(di, -d)
		} else if lt.state[j] == stUpper {
			di = math.Max(di, d)
		}
	}
	return di
}

// x is the current basic solution over the pairs.
func (lt *lpTab) x() []float64 {
	x := make([]float64, lt.np)
	for j := range x {
		x[j] = lt.value(j)
	}
	return x
}

// safeBound is the weak-duality bound from the tableau's row duals.
func (lt *lpTab) safeBound() float64 {
	b, _ := lt.boundAt(lt.rowDual)
	return b
}

// gmi derives a Gomory mixed-integer cut from tableau row r, whose basic
// pair has a fractional value: the row is recomputed as the aggregation
// of the stored rows by its slack multipliers, and the cut is returned in
// pair space as a·x ≤ rhs. ok is false when the cut is numerically unsafe.
func (lt *lpTab) gmi(r int) (a []float64, rhs float64, ok bool) {
	np, nr := lt.np, len(lt.rows)
	lam := lt.t[r][np : np+nr]
	// Aggregated row over pairs and slacks: Σ λ_i (a_i·x + s_i) = Σ λ_i rhs_i.
	agg := make([]float64, np)
	b := 0.0
	for i, l := range lam {
		if l == 0 {
			continue
		}
		axpy(agg, lt.rows[i], l)
		b += l * lt.rhs[i]
	}
	// Complement the pairs at their upper bound: x = 1 − x̄.
	comp := make([]bool, np)
	for j := 0; j < np; j++ {
		if lt.state[j] == stUpper {
			comp[j] = true
			b -= agg[j]
			agg[j] = -agg[j]
		}
	}
	f0 := b - math.Floor(b)
	if f0 < 0.01 || f0 > 0.99 {
		return nil, 0, false
	}
	coef := func(v float64, integer bool) float64 {
		if integer {
			f := v - math.Floor(v)
			return math.Min(f/f0, (1-f)/(1-f0))
		}
		if v > 0 {
			return v / f0
		}
		return -v / (1 - f0)
	}
	// Cut Σ g_j x'_j + Σ h_i s_i ≥ 1; back to pair space.
	cut := make([]float64, np)
	lhs := 1.0
	for j := 0; j < np; j++ {
		g := coef(agg[j], true)
		if comp[j] {
			cut[j] = -g
			lhs -= g
		} else {
			cut[j] = g
		}
	}
	for i, l := range lam {
		h := coef(l, lt.isInt[np+i])
		if h == 0 {
			continue
		}
		// s_i = rhs_i − a_i·x
		axpy(cut, lt.rows[i], -h)
		lhs -= h * lt.rhs[i]
	}
	// Σ cut·x ≥ lhs  ⇔  −cut·x ≤ −lhs.
	for j := range cut {
		cut[j] = -cut[j]
	}
	rhs, ok = safeCut(cut, -lhs)
	return cut, rhs, ok
}

// safeCut makes the cut a·x ≤ rhs (0 ≤ x ≤ 1) safe to use: terms below
// 1e-9 of the largest are dropped (a negative one moved to the right-hand
// side, as at x = 1), and the right-hand side is widened by 1e-7 of the
// largest term. ok is false for an empty cut or one whose coefficients
// span more than 1e7.
func safeCut(a []float64, rhs float64) (float64, bool) {
	maxA := 0.0
	for _, v := range a {
		maxA = math.Max(maxA, math.Abs(v))
	}
	if maxA == 0 {
		return 0, false
	}
	minA := math.Inf(1)
	for j, v := range a {
		if math.Abs(v) < 1e-9*maxA {
			if v < 0 {
				rhs -= v
			}
			a[j] = 0
		} else {
			minA = math.Min(minA, math.Abs(v))
		}
	}
	if maxA/minA > 1e7 {
		return 0, false
	}
	return rhs + 1e-7*math.Max(maxA, math.Abs(rhs)), true
}

// addRow adds the cut a·x ≤ rhs to the tableau with its slack basic.
func (lt *lpTab) addRow(a []float64, rhs float64) {
	nc := len(lt.state)
	for i := range lt.t {
		lt.t[i] = append(lt.t[i], 0)
	}
	row := make([]float64, nc+1, nc+1+lpCutsRound*4)
	copy(row, a)
	row[nc] = 1
	v := rhs
	for j := 0; j < lt.np; j++ {
		if a[j] != 0 {
			v -= a[j] * lt.value(j)
		}
	}
	for i, k := range lt.basis {
		if k < lt.np && row[k] != 0 {
			axpy(row, lt.t[i], -row[k])
			row[k] = 0
		}
	}
	lt.t = append(lt.t, row)
	lt.beta = append(lt.beta, v)
	lt.basis = append(lt.basis, nc)
	lt.state = append(lt.state, len(lt.t)-1)
	lt.lb = append(lt.lb, 0)
	lt.ub = append(lt.ub, math.Inf(1))
	lt.obj = append(lt.obj, 0)
	lt.isInt = append(lt.isInt, false)
	lt.rows = append(lt.rows, a)
	lt.rhs = append(lt.rhs, rhs)
}

// lpCutBound returns an upper bound on the best value of m (its fixed
// value included) from the LP relaxation strengthened by rounds of
// Gomory mixed-integer cuts, with the tableau of the last round that ended
// dual feasible (for the nodes); +Inf and nil when m is too large for the
// dense tableau or the simplex does not finish. The rounds stop early
// when lpTryRounds of them leave the bound above target (the bound the
// caller has already), and when stop says so.
func lpCutBound(m *model, target float64, stop func() bool) (float64, *lpTab) {
	np := len(m.pItem)
	nr := m.nItems + m.nBins + m.nSide + m.nGroups
	maxRows := nr + lpCutRounds*lpCutsRound
	if np == 0 || maxRows*(np+maxRows) > lpMaxEntries {
		return math.Inf(1), nil
	}
	lt := newLPTab(m)
	lt.maxPivots = lpMaxPivots
	if !lt.primal(stop) {
		return math.Inf(1), nil
	}
	best := lt.safeBound()
	good := lt.clone()
	stall := 0
	for round := 0; round < lpCutRounds && !stop(); round++ {
		if lt.addCuts() == 0 {
			break
		}
		lt.maxPivots = lt.pivots + lpRoundPivots
		if !lt.dual(stop) || lt.dualInfeasibility() > 1e-7 {
			break
		}
		b := lt.safeBound()
		if b < best-1e-6*math.Max(1, math.Abs(best)) {
			stall = 0
		} else {
			stall++
		}
		if b < best {
			best = b
			good = lt.clone()
		}
		if stall >= 3 || (round+1 >= lpTryRounds && best+m.fixedValue >= target) {
			break
		}
	}
	good.fixed = m.fixedValue
	return best + m.fixedValue, good
}

// addCuts adds up to lpCutsRound Gomory cuts, most fractional rows first,
// that the current solution violates; it returns how many.
func (lt *lpTab) addCuts() int {
	x := lt.x()
	type cand struct {
		r    int
		frac float64
	}
	var cs []cand
	for r, k := range lt.basis {
		if k < lt.np {
			if f := lt.beta[r]; f > 0.01 && f < 0.99 {
				cs = append(cs, cand{r, math.Min(f, 1-f)})
			}
		}
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if a.frac != b.frac {
			if a.frac > b.frac {
				return -1
			}
			return 1
		}
		return a.r - b.r
	})
	added := lt.addCovers(x)
	for _, c := range cs {
		if added >= lpCutsRound {
			break
		}
		a, rhs, ok := lt.gmi(c.r)
		if !ok {
			continue
		}
		viol, norm := -rhs, 0.0
		for j, v := range a {
			viol += v * x[j]
			norm += v * v
		}
		if viol <= 1e-4*math.Sqrt(norm) {
			continue
		}
		lt.addRow(a, rhs)
		added++
	}
	return added
}

// lpRoot lowers the global bound to the LP-with-cuts bound of the base
// model left by root reduced-cost fixing (never below the incumbent),
// when the Lagrangian root leaves a relative gap above lpMinGap, and
// fixes to 0 the pairs whose LP reduced cost shows they cannot lift the
// bound above the incumbent. It returns the model and multipliers the
// branch and bound starts from.
func (s *solver) lpRoot(base *model, a mults) (*model, mults) {
	if s.sub || s.stop() || (s.bound-s.incVal <= lpMinGap*math.Abs(s.bound) && !s.set.lpTreeOnly) {
		return base, a
	}
	b, lt := lpCutBound(base, s.bound, s.stop)
	s.lpBound = b
	s.setBound(math.Max(b, s.incVal))
	if lt == nil {
		return base, a
	}
	zero, n := lt.fixByReducedCost(s.incVal)
	s.lpTab, s.lpModel = lt, base
	for p, z := range zero {
		if z {
			lt.ub[p] = 0
		}
	}
	if n == 0 {
		return base, a
	}
	c, _ := base.restrict(nil, zero)
	if c == nil || len(c.pItem) == 0 {
		return base, a
	}
	s.fixedRoot += n
	a2 := newMults(c)
	a2.mapFrom(c, a)
	return c, a2
}

// fixByReducedCost marks the pairs whose forcing to 1 takes the tableau's
// weak-duality bound to at most inc: with x_p = 1 the bound is the bound
// less max(0, r_p) plus r_p, r_p = v_p − Σ_i y_i a_ip.
func (lt *lpTab) fixByReducedCost(inc float64) ([]bool, int) {
	// At the root every pair lies in [0, 1], so the bound adds each
	// positive reduced cost.
	b, rc := lt.boundAt(lt.rowDual)
	b += lt.fixed
	zero := make([]bool, lt.np)
	n := 0
	for p, r := range rc {
		if r < 0 && b+r <= inc-1e-9*math.Max(1, math.Abs(inc)) {
			zero[p] = true
			n++
		}
	}
	return zero, n
}

// addCovers adds the violated extended cover inequalities of the knapsack
// rows: for a row Σ w_p x_p ≤ c, a set C of weight above c found greedily
// by (1 − x_p)/w_p, the cut Σ_{p ∈ C ∪ E} x_p ≤ |C| − 1, where E holds the
// pairs of the row outside C weighing at least C's heaviest.
func (lt *lpTab) addCovers(x []float64) int {
	added := 0
	var idx []int
	for _, r := range lt.knap {
		row, c := lt.rows[r], lt.rhs[r]
		idx = idx[:0]
		for j, w := range row {
			if w > 0 && x[j] > 1e-9 {
				idx = append(idx, j)
			}
		}
		slices.SortFunc(idx, func(a, b int) int {
			ka, kb := (1-x[a])/row[a], (1-x[b])/row[b]
			if ka != kb {
				if ka < kb {
					return -1
				}
				return 1
			}
			return a - b
		})
		sum, gap, n, wmax := 0.0, 0.0, 0, 0.0
		for _, j := range idx {
			sum += row[j]
			gap += 1 - x[j]
			n++
			wmax = math.Max(wmax, row[j])
			if sum > c*(1+1e-9)+1e-9 {
				break
			}
		}
		if sum <= c*(1+1e-9)+1e-9 || gap >= 1-1e-4 || n < 2 {
			continue
		}
		a := make([]float64, lt.np)
		for _, j := range idx[:n] {
			a[j] = 1
		}
		for j, w := range row {
			if w >= wmax && a[j] == 0 {
				a[j] = 1
			}
		}
		lt.addRow(a, float64(n-1))
		added++
	}
	return added
}
