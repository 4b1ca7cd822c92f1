package assign

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"runtime/metrics"
	"slices"
	"time"
)

// Solve maximises the problem's objective. It returns an error only for a
// malformed problem (wrapping ErrInvalid) or an internal failure of a
// self-check; an infeasible problem is a Result with Status Infeasible.
// A cancelled ctx ends the run like the time limit.
//
// For the same problem and settings the Result is the same, except
// Stats.Elapsed, whenever the run ends by proving the target gap or by an
// iteration or node limit; a run ended by the time limit depends on how
// far it got.
func Solve(ctx context.Context, p *Problem, s *Settings) (*Result, error) {
	return solve(ctx, p, s, nil)
}

// solve is Solve from an initial assignment (SolveFrom); nil for none.
func solve(ctx context.Context, p *Problem, s *Settings, from []int) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	set := s.withDefaults()
	start := time.Now()
	root, conf := presolve(p)
	if conf != nil {
		return &Result{
			Status:     Infeasible,
			Stopped:    StoppedInfeasible,
			Infeasible: conf.describe(p),
			Stats: Stats{
				Elapsed:     time.Since(start),
				BoundMethod: "presolve: the forced pairs violate a constraint",
				Nodes:       0,
				Pairs:       len(p.Pairs),
			},
		}, nil
	}
	sv := &solver{
		ctx:      ctx,
		set:      set,
		start:    start,
		deadline: start.Add(set.TimeLimit),
		bound:    math.Inf(1),
		lpBound:  math.Inf(1),
		nPairs:   len(p.Pairs),
		prob:     p,
	}
	sv.incVal = root.fixedValue
	sv.incChosen = newPrimal(root).chosen()
	if from != nil {
		if ch, v := feasibleStart(p, from); v > sv.incVal {
			sv.incVal, sv.incChosen = v, ch
			sv.fromStart = true
		}
	}
	sv.run(root)
	return sv.result(p, root)
}

// presolve builds the problem's model with its forbidden pairs left out
// and its forced pairs fixed, or reports the constraint they violate.
func presolve(p *Problem) (*model, *conflict) {
	var zero []bool
	if len(p.Forbidden) > 0 {
		zero = make([]bool, len(p.Pairs))
		for _, q := range p.Forbidden {
			zero[q] = true
		}
	}
	forced := make([]int32, len(p.Forced))
	for j, q := range p.Forced {
		forced[j] = int32(q)
	}
	return rawModel(p).restrict(forced, zero)
}

// result is the finished search's Result: its incumbent, checked
// against the problem, its bound, gap, status, statistics and duals.
func (sv *solver) result(p *Problem, root *model) (*Result, error) {
	start := sv.start
	res := &Result{
		Chosen:    sv.incChosen,
		Objective: sv.incVal,
		Bound:     math.Max(sv.bound, sv.incVal),
		Status:    sv.status,
		Stats: Stats{
			Iterations:         sv.iters,
			Nodes:              sv.nodes,
			LPNodes:            sv.lpNodes,
			BoundMethod:        sv.method(),
			RootBound:          math.Min(sv.rootBound, math.Max(sv.bound, sv.incVal)),
			LPBound:            sv.lpBound,
			Pairs:              len(p.Pairs),
			FreePairs:          len(root.pItem),
			FixedByReducedCost: sv.fixedRoot,
			Neighbourhoods:     sv.nbRuns,
			NeighbourhoodNodes: sv.nbNodes,
		},
		Duals:  sv.duals(len(p.Side), p.Items),
		Prices: prices(p, sv.phase1.m, sv.phase1.rho, sv.phase1.a),
	}
	if err := check(p, res.Chosen, res.Objective); err != nil {
		return nil, fmt.Errorf("assign: internal error: the incumbent fails its check: %w", err)
	}
	res.Gap = relGap(res.Objective, res.Bound)
	if res.Status == GapReached && res.Gap <= optimalGap {
		res.Status = Optimal
	}
	switch {
	case sv.stopped:
		res.Stopped = sv.why
	case res.Status == Optimal:
		res.Stopped = StoppedOptimal
	case res.Status == GapReached:
		res.Stopped = StoppedTargetGap
	default:
		res.Stopped = StoppedNodeLimit
	}
	res.Stats.Elapsed = time.Since(start)
	sv.report(true, false)
	return res, nil
}

// optimalGap is the gap below which a result is called optimal: values are
// summed in double precision, so gaps under ~1e-12 are rounding noise; 1e-9
// leaves room.
const optimalGap = 1e-9

func relGap(obj, bound float64) float64 {
	d := bound - obj
	if d <= 0 {
		return 0
	}
	return d / math.Max(math.Abs(bound), 1e-300)
}

// check verifies an assignment against the Problem itself (not the
// presolved model): every constraint within feasTol, forced pairs chosen,
// forbidden ones not, and the objective equal to the value of the pairs.
func check(p *Problem, chosen []int, obj float64) error {
	on := make([]bool, len(p.Pairs))
	items := make([]int, p.Items)
	load := make([]float64, len(p.Bins))
	val := 0.0
	for _, q := range chosen {
		on[q] = true
		pr := p.Pairs[q]
		items[pr.Item]++
		if items[pr.Item] > 1 {
			return fmt.Errorf("%s is assigned twice", p.itemWhere(pr.Item))
		}
		load[pr.Bin] += pr.Weight
		val += pr.Value
	}
	for b, l := range load {
		// The knapsacks allow feasTol plus a rounding allowance of 1e-12.
		if c := p.Bins[b].Capacity; l > c+2*feasTol(c) {
			return fmt.Errorf("%s holds %g, more than its capacity %g", p.binWhere(b), l, c)
		}
	}
	for k, c := range p.Side {
		s := 0.0
		for _, t := range c.Terms {
			if on[t.Pair] {
				s += t.Coef
			}
		}
		// The model checks side rows scaled by their mean coefficient, so
		// its slack in these units is at most 1e-9·max(1, capacity, largest
		// coefficient).
		maxc := 0.0
		for _, t := range c.Terms {
			maxc = math.Max(maxc, t.Coef)
		}
		if s > c.Capacity+2e-9*math.Max(1, math.Max(c.Capacity, maxc)) {
			return fmt.Errorf("%s: %g used, more than its capacity %g", p.sideWhere(k), s, c.Capacity)
		}
	}
	for g, grp := range p.Exclusive {
		n := 0
		for _, q := range grp {
			if on[q] {
				n++
			}
		}
		if n > 1 {
			return fmt.Errorf("exclusive group %d: %d pairs chosen", g, n)
		}
	}
	for _, q := range p.Forced {
		if !on[q] {
			return fmt.Errorf("forced %s is not chosen", p.pairWhere(q))
		}
	}
	for _, q := range p.Forbidden {
		if on[q] {
			return fmt.Errorf("forbidden %s is chosen", p.pairWhere(q))
		}
	}
	if math.Abs(val-obj) > 1e-9*math.Max(1, math.Abs(val)) {
		return fmt.Errorf("objective %g differs from the value of the pairs %g", obj, val)
	}
	return nil
}

// solver is the state of one run.
type solver struct {
	ctx      context.Context
	set      Settings
	start    time.Time
	deadline time.Time

	incVal    float64 // incumbent value
	incChosen []int
	fromStart bool    // the incumbent is SolveFrom's start
	bound     float64 // best proven global bound
	rootBound float64
	lpBound   float64 // the root's LP bound with cuts (+Inf: none)
	// lpTab is the root's tableau with cuts for the model lpModel, when
	// lpRoot computed it; lpTreeUsed marks a branch and bound on it.
	lpTab      *lpTab
	lpModel    *model
	lpTreeUsed bool
	lpNodes    int
	fixedRoot  int

	iters, nodes int
	nPairs       int     // in the Problem
	baseOf       []int32 // Problem pair → base model pair, −1 if absent
	status       Status
	stopped      bool
	why          StopReason // when stopped
	lastReport   time.Time
	memSampled   time.Time // last sample of the memory budget
	reported     bool
	usedBnB      bool
	// sub marks the solver of a neighbourhood's sub-problem, which runs
	// no neighbourhoods of its own.
	sub bool
	// pending is the node heuristic running beside the search, if any
	// (asyncheur.go).
	pending *heurTask
	// nbSize is the number of disagreeing items a neighbourhood frees
	// (adapted as sub-problems are solved or not); nbRuns counts the
	// sub-problems solved.
	nbSize  float64
	nbRuns  int
	nbNodes int // nodes of the sub-problems
	// excluded is the largest bound of the parts of the search left out
	// by fixing pairs to 1 within the target gap (fixone.go), when
	// hasExcluded; the global bound never goes below it.
	excluded    float64
	hasExcluded bool
	// work counts pair evaluations of the duals (iterations times the
	// pairs of the model iterated on), a deterministic measure of effort;
	// nbWork is the part spent in sub-problems, and workLimit, when
	// positive, stops a sub-problem's solver.
	work, nbWork, workLimit int64
	// root is the presolved root model and rootOf maps a Problem pair to
	// its index there (−1: fixed or dropped); guide holds the Problem
	// pairs of the last node's relaxed solution, fixed pairs included,
	// for the neighbourhoods run during the branch and bound.
	root   *model
	rootOf []int32
	guide  []int32
	phase  string // for Progress
	// rootMult and rootL are phase 2's best multipliers at the root and
	// the Lagrangian bound they give (see Duals).
	rootModel *model
	rootMult  mults
	rootL     float64
	// prob is the Problem of a top-level run (nil in a sub-problem's
	// solver); phase1 holds the root's first phase's best multipliers
	// (Result.Prices).
	prob   *Problem
	phase1 struct {
		m   *model
		rho []float64
		a   mults
	}
}

func (s *solver) method() string {
	m := "Lagrangian relaxation of the item, side-constraint and exclusive-group rows " +
		"(projected subgradient and volume algorithm), exact 0-1 knapsack per bin " +
		"(Dantzig bound where the search is cut off)"
	if !math.IsInf(s.lpBound, 1) {
		m += "; at the root also the LP relaxation with Gomory mixed-integer and knapsack cover cuts"
	}
	if s.usedBnB {
		m += "; branch and bound on pairs with that bound at every node"
	}
	if s.lpTreeUsed {
		m += ", side by side with branch and bound on the LP bound with the root's cuts kept " +
			"(dual simplex from the parent's basis), the lower of the two bounds"
	}
	return m
}

// stop reports whether a limit ends the run, setting the status.
func (s *solver) stop() bool {
	if s.stopped {
		return true
	}
	switch {
	case s.ctx.Err() != nil:
		s.status, s.stopped, s.why = TimeLimit, true, StoppedInterrupted
	case time.Now().After(s.deadline):
		s.status, s.stopped, s.why = TimeLimit, true, StoppedTimeLimit
	case s.set.IterationLimit > 0 && s.iters >= s.set.IterationLimit:
		s.status, s.stopped, s.why = IterationLimit, true, StoppedIterationLimit
	case s.nodes > s.set.NodeLimit || (s.workLimit > 0 && s.work >= s.workLimit):
		s.status, s.stopped, s.why = IterationLimit, true, StoppedNodeLimit
	case s.set.MaxMemory > 0 && s.overMemory():
		s.status, s.stopped, s.why = IterationLimit, true, StoppedMemoryLimit
	}
	return s.stopped
}

// overMemory reports whether the process's Go memory has reached
// Settings.MaxMemory, sampling it at most every 50 ms.
func (s *solver) overMemory() bool {
	now := time.Now()
	if now.Sub(s.memSampled) < 50*time.Millisecond {
		return false
	}
	s.memSampled = now
	return MemoryInUse() >= s.set.MaxMemory
}

// MemoryInUse is the memory a run's data holds, as the optimiser's own
// memory checks count it: what the Go runtime holds from the system, with
// the heap's objects counted as the live heap of the last collection and
// its free spans left out, so that garbage not yet collected does not
// count.
func MemoryInUse() int64 {
	ms := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(ms)
	v := func(i int) int64 { return int64(ms[i].Value.Uint64()) }
	return v(0) - v(1) - v(2) - v(3) + min(v(4), v(3))
}

// gapOK reports whether the incumbent is within the target gap of the bound b.
func (s *solver) gapOK(b float64) bool {
	return b-s.incVal <= math.Max(s.set.TargetGap*math.Abs(b), optimalGap*math.Max(1, math.Abs(b)))
}

// offer records h's assignment as the incumbent when it is better.
func (s *solver) offer(h *primal) {
	if v := h.m.fixedValue + h.value; s.better(v) {
		s.offerChosen(v, h.chosen())
	}
}

// better reports whether an assignment of value v improves the incumbent.
func (s *solver) better(v float64) bool {
	return v > s.incVal+1e-12*math.Max(1, math.Abs(s.incVal))
}

// offerChosen records the assignment chosen (Problem pairs) of value v as
// the incumbent when it is better.
func (s *solver) offerChosen(v float64, chosen []int) {
	if s.better(v) {
		s.incVal = v
		s.incChosen = chosen
		s.report(false, true)
	}
}

// setBound records a proven global bound.
func (s *solver) setBound(b float64) {
	if s.hasExcluded {
		b = math.Max(b, s.excluded)
	}
	if b < s.bound {
		s.bound = b
		s.report(false, false)
	}
}

// report calls Settings.Progress: always when done or when inc (a new
// incumbent), else at most every 200 ms.
func (s *solver) report(done, inc bool) {
	if s.set.Progress == nil {
		return
	}
	now := time.Now()
	if !done && !inc && s.reported && now.Sub(s.lastReport) < 200*time.Millisecond {
		return
	}
	s.lastReport, s.reported = now, true
	b := math.Max(s.bound, s.incVal)
	s.set.Progress(Progress{
		Elapsed:    now.Sub(s.start),
		Objective:  s.incVal,
		Bound:      b,
		Gap:        relGap(s.incVal, b),
		Iterations: s.iters,
		Nodes:      s.nodes,
		Phase:      s.phase,
		Done:       done,
	})
}

// ascentParams tune one run of the subgradient method.
type ascentParams struct {
	maxIter  int
	alpha    float64 // initial Polyak factor
	patience int     // iterations without improvement before halving alpha
	minAlpha float64
	heurAt   func(it int) bool // when to run the primal heuristic
	global   bool              // the model is the root: its bound is global
	// lpUntil: the knapsacks use their continuous bound (cheap, LP
	// strength) until alpha falls below lpUntil, exact search after.
	lpUntil float64
	lpOnly  bool // never switch to exact knapsacks
	passes  int  // local-search passes of each heuristic run
	// async: the heuristic runs beside the ascent (asyncheur.go).
	async bool
}

// ascent maximises the Lagrangian dual of d's model from a (changed in
// place) and returns the best bound found with its multipliers.
func (s *solver) ascent(d *dual, h *primal, a mults, ap ascentParams) (float64, mults) {
	m := d.m
	ni, ns := m.nItems, m.nSide
	g := make([]float64, ni+ns+m.nGroups)
	score := make([]float64, len(m.pItem))
	best, bestMult := math.Inf(1), a
	alpha, since := ap.alpha, 0
	if ap.lpOnly || (ap.lpUntil > 0 && alpha >= ap.lpUntil) {
		d.kpLimit = 0
	}
	defer func() { d.kpLimit = knapsackNodeLimit }()
	for it := 0; it < ap.maxIter; it++ {
		if s.stop() {
			break
		}
		L := d.eval(a)
		s.iters++
		s.work += int64(len(m.pItem))
		if L < best {
			if L < best-1e-6*math.Abs(best) {
				since = 0
			} else {
				since++
			}
			best, bestMult = L, a.clone()
			if ap.global {
				s.setBound(best)
			}
		} else {
			since++
		}
		if ap.heurAt(it) {
			s.ascentHeuristic(d, h, a, score, ap)
		}
		if best-s.incVal <= s.pruneTol(best) {
			break
		}
		norm := d.subgradient(a, g)
		if norm == 0 && d.kpLimit == 0 {
			// The LP bound is reached: go on with exact knapsacks.
			if ap.lpOnly {
				break
			}
			d.kpLimit = knapsackNodeLimit
			continue
		}
		if norm == 0 {
			// The subproblem's solution satisfies the relaxed rows with
			// complementary slackness: it is optimal for the model.
			s.offerSubproblem(d, h)
			break
		}
		t := alpha * math.Max(L-s.incVal, 1e-9*math.Abs(L)) / norm
		a.step(ni, ns, g, t)
		if since >= ap.patience {
			alpha /= 2
			since = 0
			if d.kpLimit == 0 && alpha < ap.lpUntil && !ap.lpOnly {
				d.kpLimit = knapsackNodeLimit
			}
			if alpha < ap.minAlpha {
				break
			}
		}
	}
	return best, bestMult
}

// pruneTol is how far above the incumbent a bound b may be and still count
// as reached: the target gap (or the rounding allowance).
func (s *solver) pruneTol(b float64) float64 {
	return math.Max(s.set.TargetGap*math.Abs(b), optimalGap*math.Max(1, math.Abs(b)))
}

// offerSubproblem offers the Lagrangian subproblem's solution d.x as an
// assignment (built on h, once no heuristic uses it).
func (s *solver) offerSubproblem(d *dual, h *primal) {
	s.await(s.pending)
	h.reset()
	for p, on := range d.x {
		if on {
			h.add(int32(p))
		}
	}
	s.offer(h)
}

// ascentHeuristic runs the heuristic at an ascent's iteration: beside the
// ascent when ap.async and the model has asyncMinPairs pairs or more (the
// one started before is waited for first), else in turn.
func (s *solver) ascentHeuristic(d *dual, h *primal, a mults, score []float64, ap ascentParams) {
	if !ap.async || len(d.m.pItem) < asyncMinPairs {
		s.heuristic(d, h, a, score, ap.passes)
		return
	}
	s.await(s.pending)
	s.pending = s.startHeuristic(d, h, a, ap.passes)
}

// heuristic builds an assignment from the current multipliers: greedy on
// priced scores, then local search; and offers it.
func (s *solver) heuristic(d *dual, h *primal, a mults, score []float64, passes int) {
	d.pricedScores(a, score)
	h.greedy(score)
	h.localSearch(passes)
	s.offer(h)
	h.repair(d.x, d.r, score)
	h.localSearch(passes)
	s.offer(h)
}

// bbNode is an open node of the branch and bound: the decisions taken on
// the way to it, as pairs of the base model (the root after reduced-cost
// fixing) fixed to 1 or to 0, with its parent's bound and multipliers
// (indexed as the base model's rows).
type bbNode struct {
	ones, zeros []int32
	mult        mults
	bound       float64
	seq         int
}

type nodeHeap []*bbNode

func (q nodeHeap) Len() int { return len(q) }
func (q nodeHeap) Less(i, j int) bool {
	if q[i].bound != q[j].bound {
		return q[i].bound > q[j].bound
	}
	return q[i].seq < q[j].seq
}
func (q nodeHeap) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *nodeHeap) Push(x any)   { *q = append(*q, x.(*bbNode)) }
func (q *nodeHeap) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

// run solves the presolved root model: dual ascent and heuristics at the
// root, reduced-cost fixing, then best-bound branch and bound with
// plunging.
func (s *solver) run(root *model) {
	s.status = GapReached
	s.phase = "root"
	d := newDual(root, s.set.Threads)
	h := newPrimal(root)
	h.stop = s.stop
	a := newMults(root)
	warm := s.warmSide(root, a)
	s.setBound(trivialBound(root))
	s.firstIncumbent(root, h)
	s.nodes++
	// Phase 1: the bin-relaxed dual (LP strength, few active
	// multipliers); phase 2: the knapsack relaxation from its multipliers.
	a, ap2 := s.rootStart(root, d, h, a, warm)
	L, bm := s.ascent(d, h, a, ap2)
	s.rootModel, s.rootMult, s.rootL = root, bm.clone(), L
	if s.polishRoot(warm, L) {
		d.eval(bm)
		s.heuristic(d, h, bm, make([]float64, len(root.pItem)), 20)
		if !s.gapOK(L) && !s.sub {
			s.root = root
			s.rootOf = modelIndex(root, s.nPairs)
			// At most as much work as the root's dual took.
			s.neighbourhoods(root, d.x, 0, s.work)
		}
	}
	// Phase 3: the volume algorithm from the best multipliers, which
	// lowers the global bound further. The branch and bound goes on from
	// phase 2's multipliers all the same: warm-started from phase 3's, it
	// took twice the nodes to prove the 1000 × 300 instances.
	if !s.stop() && !s.gapOK(L) {
		s.phase = "root"
		L3, _ := s.volumeItems(d, h, bm.clone(), ascentParams{
			maxIter:  math.MaxInt,
			alpha:    0.1,
			minAlpha: 1e-3,
			heurAt:   func(it int) bool { return it%100 == 99 },
			global:   true,
			passes:   3,
		})
		s.rootBound = math.Min(L, L3)
		d.eval(bm)
	} else {
		s.rootBound = L
	}
	s.setBound(L)
	if s.gapOK(s.bound) || s.stop() {
		s.finish()
		return
	}
	base, a2, L2, zero := s.fixReducedCost(root, bm, L)
	for _, z := range zero {
		if z {
			s.fixedRoot++
		}
	}
	if base == nil {
		s.setBound(math.Max(s.incVal, L2))
		s.finish()
		return
	}
	s.setBound(L2)
	base, a2 = s.lpRoot(base, a2)
	s.usedBnB = true
	s.baseOf = modelIndex(base, s.nPairs)
	if s.lpTab != nil && !s.stop() && !s.gapOK(s.bound) && s.lpTreeFits(s.lpTab) {
		s.bothTrees(base, a2, L2, s.lpTab)
	} else {
		s.branchAndBound(base, a2, L2)
	}
	s.finish()
}

// trivialBound is a bound before any iteration: the model's fixed value
// plus each item's best pair value, summed (raised by a relative 1e-12
// against rounding).
func trivialBound(m *model) float64 {
	t := m.fixedValue
	for i := 0; i < m.nItems; i++ {
		best := 0.0
		for _, p := range m.itemPairs[m.itemStart[i]:m.itemStart[i+1]] {
			best = math.Max(best, m.pVal[p])
		}
		t += best
	}
	return t + 1e-12*math.Abs(t)
}

// modelIndex maps each of the problem's nPairs pairs to its index in the
// model m, or -1 for a pair m does not hold.
func modelIndex(m *model, nPairs int) []int32 {
	of := make([]int32, nPairs)
	for q := range of {
		of[q] = -1
	}
	for p, q := range m.orig {
		of[q] = int32(p)
	}
	return of
}

// branchAndBound searches the base model best bound first, plunging into
// the child that fixes the branching pair to 1. The global bound is the
// largest of the incumbent, the bounds of open nodes and the bounds of
// nodes closed within the target gap.
func (s *solver) branchAndBound(base *model, a mults, bound float64) {
	t := s.newLagTree(base, a, bound)
	for !t.step() {
	}
}

// lagTree is the branch and bound on the Lagrangian bound in progress.
type lagTree struct {
	s         *solver
	base      *model
	open      nodeHeap
	seq       int
	prunedMax float64
	cur       *bbNode
	lastNb    int
	gb        float64 // the tree's own global bound
}

// newLagTree starts the Lagrangian tree of base at multipliers a.
func (s *solver) newLagTree(base *model, a mults, bound float64) *lagTree {
	return &lagTree{s: s, base: base, prunedMax: math.Inf(-1), cur: &bbNode{mult: a, bound: bound}, lastNb: s.nodes, gb: bound}
}

// step processes one node; it reports whether the search has ended
// (proven within the target gap, exhausted, or stopped).
func (t *lagTree) step() bool {
	s := t.s
	s.phase = "branch and bound"
	// While the sub-problems have taken less than an eighth of the
	// work of the search itself, a few neighbourhoods guided by the last
	// node's relaxed solution (at most once a node).
	if s.nodes > t.lastNb && len(s.guide) > 0 && s.guidedNeighbourhoods(s.guide, 8) {
		t.lastNb = s.nodes
	}
	if s.nodes >= s.set.NodeLimit {
		// cur's bound is in the global bound already (as the last
		// child or the open node popped).
		s.status, s.stopped, s.why = IterationLimit, true, StoppedNodeLimit
		return true
	}
	var child *bbNode
	m, ma := s.nodeModel(t.base, t.cur)
	if m != nil {
		b, first, second, mult, closed := s.processNode(m, ma, t.cur)
		if closed {
			if b > s.incVal {
				t.prunedMax = math.Max(t.prunedMax, b)
			}
		} else {
			t.seq++
			t.open.pushChild(second, mult, b, t.seq)
			t.seq++
			child = &bbNode{ones: first.ones, zeros: first.zeros, mult: mult, bound: b, seq: t.seq}
		}
	}
	gb := math.Max(s.incVal, t.prunedMax)
	if t.open.Len() > 0 {
		gb = math.Max(gb, t.open[0].bound)
	}
	if child != nil {
		gb = math.Max(gb, child.bound)
	}
	t.gb = gb
	s.setBound(gb)
	if (child == nil && t.open.Len() == 0) || s.gapOK(s.bound) || s.stop() {
		return true
	}
	if child == nil || child.bound-s.incVal <= s.pruneTol(child.bound) {
		if child != nil {
			t.prunedMax = math.Max(t.prunedMax, child.bound)
		}
		child = heap.Pop(&t.open).(*bbNode)
		if child.bound-s.incVal <= s.pruneTol(child.bound) {
			// Every open node is within the gap.
			t.prunedMax = math.Max(t.prunedMax, child.bound)
			for t.open.Len() > 0 {
				t.prunedMax = math.Max(t.prunedMax, heap.Pop(&t.open).(*bbNode).bound)
			}
			s.setBound(math.Max(s.incVal, t.prunedMax))
			return true
		}
	}
	t.cur = child
	return false
}

// lpTreeTurn is how many times the work of the other tree's turn the
// leading tree takes in bothTrees (see lpTreeLead). (On the demo's model
// at a 1400 亩 quota the Lagrangian tree proves the plan and the LP tree's
// turns only slow it; at 1300 亩 only the LP tree moves the bound;
// BENCHMARKS.md §3.)
const lpTreeTurn = 4

// lpTreeLead is the share of the Lagrangian tree's gap by which the LP
// tree's own bound must be lower for it to take the longer turns.
const lpTreeLead = 0.1

// guidedNeighbourhoods runs a few neighbourhoods of the incumbent guided
// by the assignment guide (Problem pairs), while the sub-problems have
// taken less than a share-th of the work of the search itself; it reports
// whether it ran them.
func (s *solver) guidedNeighbourhoods(guide []int32, share int64) bool {
	if s.root == nil || s.nbWork >= (s.work-s.nbWork)/share {
		return false
	}
	x := make([]bool, len(s.root.pItem))
	for _, q := range guide {
		if p := s.rootOf[q]; p >= 0 {
			x[p] = true
		}
	}
	s.neighbourhoods(s.root, x, 4, (s.work-s.nbWork)/share-s.nbWork)
	return true
}

// lpTreeFits reports whether the LP tree's tableaux fit the memory
// budget: eight copies of the root's tableau in a quarter of it (always,
// without a budget). It reads the budget, not the memory in use, so that
// the same settings choose the same search whatever else the process
// holds; the budget's own check (Settings.MaxMemory) still stops the run.
func (s *solver) lpTreeFits(lt *lpTab) bool {
	if s.set.MaxMemory <= 0 {
		return true
	}
	return 8*lt.bytes() <= s.set.MaxMemory/4
}

// bothTrees runs the Lagrangian tree and the LP tree side by side, in
// turns (see lpTreeTurn), until either ends: each tree's global
// bound is valid, so the run's bound is the lower of the two, and each
// prunes with the incumbent either finds. Neither tree is best on every
// model: the Lagrangian one keeps each parcel's knapsack exact, the LP one
// the root's cuts across the parcels and the yearly quotas.
func (s *solver) bothTrees(base *model, a mults, bound float64, lt *lpTab) {
	lag := s.newLagTree(base, a, bound)
	lp := s.newLPRun(s.lpModel, lt)
	if s.gapOK(s.bound) || s.stop() {
		return
	}
	if s.set.lpTreeOnly {
		for !lp.step() {
		}
		return
	}
	// A tree that ends without a proof (a node it could not close) leaves
	// the search to the other.
	unproven := func() bool { return !s.gapOK(s.bound) && !s.stopped }
	for {
		w := s.work
		if lp.step() {
			if unproven() {
				for !lag.step() {
				}
			}
			return
		}
		// The LP tree works lpTreeTurn times as long as the other while
		// its own bound is lower by a tenth of the Lagrangian tree's gap,
		// else the Lagrangian tree does.
		spent := s.work - w
		if lag.gb-lp.gb > lpTreeLead*(lag.gb-s.incVal) {
			spent /= lpTreeTurn
		} else {
			spent *= lpTreeTurn
		}
		for w = s.work; s.work-w <= spent; {
			if lag.step() {
				if unproven() {
					for !lp.step() {
					}
				}
				return
			}
		}
	}
}

func (s *solver) finish() {
	s.await(s.pending)
	if s.stopped {
		return
	}
	if !s.gapOK(s.bound) {
		s.status = IterationLimit
	}
}

// nodeModel builds a node's model from the base model and its decisions,
// with the multipliers carried over; nil when the decisions are
// infeasible together.
func (s *solver) nodeModel(base *model, n *bbNode) (*model, mults) {
	var zero []bool
	if len(n.zeros) > 0 {
		zero = make([]bool, len(base.pItem))
		for _, p := range n.zeros {
			zero[p] = true
		}
	}
	c, conf := base.restrict(n.ones, zero)
	if conf != nil {
		return nil, mults{}
	}
	a := newMults(c)
	a.mapFrom(c, n.mult)
	return c, a
}

// baseIndex returns the base model's index of the Problem pair q.
func (s *solver) baseIndex(q int32) int32 {
	i := s.baseOf[q]
	if i < 0 {
		panic(fmt.Sprintf("assign: pair %d is not in the base model", q))
	}
	return i
}

// processNode runs the dual ascent and the heuristic on node n's model m,
// fixes pairs by reduced cost, and chooses a branching pair. It returns the
// node's bound and whether the node is closed; when it is not, the
// decisions for its children (the node's own plus the fixings, as base
// pairs), its multipliers in the base's indexing, and the pair to branch
// on.
func (s *solver) processNode(m *model, a mults, n *bbNode) (bound float64, first, second decisions, mult mults, closed bool) {
	s.nodes++
	d := newDual(m, s.set.Threads)
	h := newPrimal(m)
	h.stop = s.stop
	L, bm := s.ascent(d, h, a, ascentParams{
		maxIter:  80,
		alpha:    0.5,
		patience: 8,
		minAlpha: 0.01,
		heurAt:   func(it int) bool { return it == 0 || it%20 == 19 },
		passes:   5,
		async:    true,
	})
	L = math.Min(L, n.bound)
	if s.stopped || L-s.incVal <= s.pruneTol(L) {
		return L, decisions{}, decisions{}, mults{}, true
	}
	m2, a2, L2, zero := s.fixReducedCost(m, bm, L)
	L = math.Min(L, L2)
	if m2 == nil || L-s.incVal <= s.pruneTol(L) {
		return L, decisions{}, decisions{}, mults{}, true
	}
	d2 := newDual(m2, s.set.Threads)
	L2e := d2.eval(a2)
	if s.root != nil {
		s.guide = append(s.guide[:0], m2.fixed...)
		for p, on := range d2.x {
			if on {
				s.guide = append(s.guide, m2.orig[p])
			}
		}
	}
	c1, c2, cb, closed := s.children(d2, a2, L2e, L)
	if closed {
		return cb, decisions{}, decisions{}, mults{}, true
	}
	ones := append([]int32(nil), n.ones...)
	zeros := append([]int32(nil), n.zeros...)
	for q, z := range zero {
		if z {
			zeros = append(zeros, s.baseIndex(m.orig[q]))
		}
	}
	child := func(c decisions) decisions {
		o := slices.Clip(ones)
		z := slices.Clip(zeros)
		for _, p := range c.ones {
			o = append(o, s.baseIndex(m2.orig[p]))
		}
		for _, p := range c.zeros {
			z = append(z, s.baseIndex(m2.orig[p]))
		}
		return decisions{ones: o, zeros: z, none: c.none}
	}
	first, second = child(c1), child(c2)
	// Multipliers of m2 in the base's indexing: m2 → m → base.
	// (When nothing was fixed, m2 is m and its parent maps lead to the
	// base directly.)
	up := func(parent []int32, pi int32) int32 {
		if m2 == m {
			return pi
		}
		return parent[pi]
	}
	mult = n.mult.clone()
	for i, pi := range m2.itemParent {
		mult.u[up(m.itemParent, pi)] = a2.u[i]
	}
	for k, pk := range m2.sideParent {
		mult.lam[up(m.sideParent, pk)] = a2.lam[k]
	}
	for g, pg := range m2.groupParent {
		mult.mu[up(m.groupParent, pg)] = a2.mu[g]
	}
	return L, first, second, mult, false
}

// decisions are the pairs a branch fixes to 1 and to 0.
type decisions struct {
	ones, zeros []int32
	none        bool // no such child
}

// fixReducedCost fixes to 0 every pair p whose forcing to 1 cannot lift
// the Lagrangian bound above the incumbent: the bound with x_p = 1 is at
// most L − UB_b + r_p + U_b(c_b − w_p), U_b the Dantzig bound of the bin's
// other positive pairs. It returns the restricted model (nil when no pair
// is left and the model is closed), the multipliers carried over, its
// Lagrangian bound there, and the pairs fixed (nil when none).
func (s *solver) fixReducedCost(m *model, a mults, L float64) (*model, mults, float64, []bool) {
	d := newDual(m, s.set.Threads)
	L = math.Min(L, d.eval(a))
	z := s.incVal
	zero := make([]bool, len(m.pItem))
	nfix := 0
	var cand []int32
	var kp knapsack
	for b := 0; b < m.nBins; b++ {
		c := m.binCap[b] + feasTol(m.binCap[b])
		cand = cand[:0]
		for _, p := range m.binPairs[m.binStart[b]:m.binStart[b+1]] {
			if d.r[p] > 0 && m.pW[p] <= c {
				cand = append(cand, p)
			}
		}
		kp.sortRatio(cand, d.r, m.pW)
		for _, p := range m.binPairs[m.binStart[b]:m.binStart[b+1]] {
			if d.x[p] {
				continue
			}
			rp := d.r[p]
			if L+rp <= z { // L − UB_b + r_p + U_b(c − w_p) ≤ L + r_p
				zero[p] = true
				nfix++
				continue
			}
			if rp <= 0 {
				continue
			}
			u := kp.dantzigWithout(cand, d.r, m.pW, p, c-m.pW[p])
			if L-d.binUB[b]+rp+u <= z {
				zero[p] = true
				nfix++
			}
		}
	}
	if nfix == 0 {
		return m, a, L, nil
	}
	c, _ := m.restrict(nil, zero)
	if c == nil || len(c.pItem) == 0 {
		if c != nil {
			s.offer(newPrimal(c))
		}
		return nil, mults{}, L, zero
	}
	a2 := newMults(c)
	a2.mapFrom(c, a)
	d2 := newDual(c, s.set.Threads)
	L2 := d2.eval(a2)
	return c, a2, math.Min(L, L2), zero
}

// branchPair chooses the pair to branch on from the subproblem's solution
// d.x: a pair of an item assigned more than once, else a pair in a
// violated side constraint or group; when d.x is feasible it is offered as
// an incumbent, and the branch is on the best pair of an item whose row is
// priced but empty. It returns −1 when the node is solved.
//
// Complexity: the branching rules in their order of preference, each a few
// lines.
func (s *solver) branchPair(d *dual, a mults, h *primal) (int32, bool) {
	m := d.m
	cnt := make([]int32, m.nItems)
	for p, on := range d.x {
		if on {
			cnt[m.pItem[p]]++
		}
	}
	best, bestR := int32(-1), math.Inf(-1)
	for p, on := range d.x {
		if on && cnt[m.pItem[p]] >= 2 && d.r[p] > bestR {
			best, bestR = int32(p), d.r[p]
		}
	}
	if best >= 0 {
		return best, true
	}
	side := make([]float64, m.nSide)
	grp := make([]int32, m.nGroups)
	for p, on := range d.x {
		if !on {
			continue
		}
		for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
			side[m.sideK[j]] += m.sideA[j]
		}
		for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
			grp[m.grpG[j]]++
		}
	}
	worst, wk := 0.0, -1
	for k, v := range side {
		if over := v - m.sideCap[k]; over > feasTol(m.sideCap[k]) && over > worst {
			worst, wk = over, k
		}
	}
	if wk >= 0 {
		bestA := 0.0
		for p, on := range d.x {
			if a := m.coef(int32(p), int32(wk)); on && a > bestA {
				best, bestA = int32(p), a
			}
		}
		return best, false
	}
	for p, on := range d.x {
		if !on {
			continue
		}
		for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
			if grp[m.grpG[j]] >= 2 && d.r[p] > bestR {
				best, bestR = int32(p), d.r[p]
			}
		}
	}
	if best >= 0 {
		return best, true
	}
	// d.x is feasible.
	h.reset()
	for p, on := range d.x {
		if on {
			h.add(int32(p))
		}
	}
	s.offer(h)
	// Priced rows left slack: an item with u_i > 0 and no pair, or a side
	// row with λ_k > 0 and room. Branch on the best pair touching one.
	for p, on := range d.x {
		if on {
			continue
		}
		i := m.pItem[p]
		slack := d.multi[i] && a.u[i] > 0 && cnt[i] == 0
		for j := m.sideStart[p]; j < m.sideStart[p+1] && !slack; j++ {
			k := m.sideK[j]
			slack = a.lam[k] > 0 && side[k] < m.sideCap[k]-feasTol(m.sideCap[k])
		}
		if slack && d.r[p] > bestR {
			best, bestR = int32(p), d.r[p]
		}
	}
	if best < 0 {
		// Fall back to the best pair left out, if any.
		for p, on := range d.x {
			if !on && d.r[p] > bestR {
				best, bestR = int32(p), d.r[p]
			}
		}
	}
	return best, true
}

// sortRatio sorts the pairs in cand by decreasing r/w (ties by index).
func (k *knapsack) sortRatio(cand []int32, r, w []float64) {
	slices.SortFunc(cand, func(a, b int32) int {
		x, y := r[a]*w[b], r[b]*w[a]
		switch {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return int(a - b)
	})
}

// dantzigWithout is the continuous knapsack bound over cand (sorted by
// ratio) without pair skip, capacity c.
func (k *knapsack) dantzigWithout(cand []int32, r, w []float64, skip int32, c float64) float64 {
	if c < 0 {
		return math.Inf(-1)
	}
	v := 0.0
	for _, p := range cand {
		if p == skip {
			continue
		}
		if w[p] <= c {
			c -= w[p]
			v += r[p]
			continue
		}
		return v + r[p]*c/w[p]
	}
	return v
}
