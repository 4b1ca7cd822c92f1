package assign

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// PairSource enumerates the candidate pairs of a LazyProblem, item by
// item, without holding them: SolveLazy asks for an item's pairs once per
// pricing pass and keeps only the few it needs.
type PairSource interface {
	// Pairs calls fn for every candidate pair of item i, always in the
	// same order; ord numbers the pair within the item's list (0, 1, …).
	// p.Item is i. side lists the pair's side-constraint coefficients
	// (Term.Pair is the index of the side constraint); it is valid only
	// during the call. SolveLazy calls it from several goroutines at
	// once (Settings.Threads), for different items.
	Pairs(i int, fn func(ord int, p Pair, side []Term))
}

// LazyProblem is a Problem whose pairs are not held but enumerated by
// Source. Its side constraints give their names and capacities; their
// terms come from Source. It has no forced, forbidden or exclusive pairs.
type LazyProblem struct {
	// Items is the number of items; Bins the bins with their capacities.
	Items int
	Bins  []Bin
	// Side are the side constraints; their Terms are ignored.
	Side []Constraint
	// Source enumerates the pairs.
	Source PairSource
}

// LazySettings control SolveLazy: the solver's settings for the whole
// run (the time limit and memory budget cover all of it) and how many
// pairs it may hold.
type LazySettings struct {
	Settings
	// Keep is the number of pairs of best priced value per item added
	// by a pricing pass; 0 means 8.
	Keep int
	// MaxHeld is the most pairs eligible for which the run tries the
	// complete bound (see SolveLazy), which may hold all of them; 0 means
	// 4 000 000 (about 1.5 GiB with the solver's model of them). Above
	// it the bound is the pricing bound, and the pairs held are at most
	// Keep per item and pass beside the first solve's.
	MaxHeld int
	// Rounds bounds the bin relaxation's pricing rounds before the first
	// solve; 0 means 1.
	Rounds int
}

// LazyChoice is one pair of a LazyResult's assignment.
type LazyChoice struct {
	// Item and Ord identify the pair as Source numbers it.
	Item, Ord int
	// Bin, Value and Weight are the pair's.
	Bin           int
	Value, Weight float64
}

// LazyResult is the outcome of SolveLazy.
type LazyResult struct {
	// Chosen is the best assignment found, by item; feasible for the
	// whole problem.
	Chosen []LazyChoice
	// Objective is its value; Bound a proven upper bound on the optimum
	// of the whole problem (every pair Source gives, held or not); Gap
	// (Bound − Objective)/|Bound|.
	Objective, Bound, Gap float64
	// Status and Stopped are the last restricted solve's, except that
	// Status is Optimal or GapReached when Bound proves it.
	Status  Status
	Stopped StopReason
	// BoundMethod says how Bound was proven: "pricing" (the Lagrangian
	// bound over every pair at the best multipliers found) or "complete"
	// (every pair that could improve the incumbent was held, and the
	// solver's bound over the held pairs stands for the whole problem).
	BoundMethod string
	// PricingBound is the best Lagrangian bound over every pair.
	PricingBound float64
	// PairsEligible counts the pairs Source gives; PairsHeld the most
	// pairs held at once; Passes the pricing passes over all pairs;
	// Rounds the pricing rounds before the first solve.
	PairsEligible int64
	PairsHeld     int
	// KnapsackPairs is the most pairs of positive reduced value a
	// knapsack pass gathered (they are held for the pass only).
	KnapsackPairs int
	// MemoryFallbacks counts the knapsack passes that reached
	// Settings.MaxMemory and let go of those pairs, bounding each bin's
	// knapsack by the sum of its pairs' positive reduced values instead.
	MemoryFallbacks int
	Passes          int
	Rounds          int
	// Solves are the restricted solves' results, in order.
	Solves []*Result
	// Elapsed is the wall time of the run.
	Elapsed time.Duration
}

// SolveLazy solves a problem whose pairs are too many to hold, by
// pricing. It holds, per item, the pairs of best value, then repeats:
// the bin-relaxation dual (see the package documentation: the item rows
// kept, the bin and side rows priced by multipliers ρ, λ ≥ 0) is
// minimised over the held pairs by projected subgradient steps, and one
// pass over every pair the source gives prices each pair,
// s_p = v_p − ρ_b w_p − Σ_k λ_k a_kp, computes
//
//	L(ρ, λ) = Σ_i max(0, max_{p ∈ P(i)} s_p) + Σ_b ρ_b C_b + Σ_k λ_k D_k
//
// over all pairs (a bound on the whole problem's optimum for any ρ, λ ≥
// 0, held or not) and adds the pairs whose s_p beats the best held pair of
// their item; until a pass adds none (the bound over the held pairs is
// then the bound over all of them) or Rounds. The held pairs are solved
// as a Problem by Solve; its assignment is feasible for the whole
// problem, of value z.
//
// Then one more pass holds every pair that could be in an assignment
// better than z: with x_p = 1 the bound is at most
// L − max(0, max_{P(i)} s) + s_p, so a pair for which that is ≤ z is in no
// better assignment and is left out. The held pairs (z's among them) are
// solved again from z. When all such pairs fit in MaxHeld, every
// assignment better than z uses held pairs only, so the optimum is at
// most max(z, the restricted solve's bound), and the result's bound is the
// least of that and L ("complete"); otherwise it is L ("pricing").
//
// Errors: a problem whose sizes, indices or numbers are out of range
// (*InputError, wrapping ErrInvalid).
func SolveLazy(ctx context.Context, lp *LazyProblem, s *LazySettings) (*LazyResult, error) {
	start := time.Now()
	set := s.withDefaults()
	base := set.Settings.withDefaults()
	deadline := start.Add(base.TimeLimit)
	z := &lazyRun{lp: lp, set: set, base: base, deadline: deadline, binBound: math.Inf(1), knapBound: math.Inf(1)}
	if err := z.validate(); err != nil {
		return nil, err
	}
	z.rho, z.lam = make([]float64, len(lp.Bins)), make([]float64, len(lp.Side))
	res := &LazyResult{PricingBound: math.Inf(1)}
	z.res = res

	// Round 0: the best pairs by value (all multipliers 0).
	z.price(nil, -1)
	z.rounds(ctx, deadline, set.Rounds)
	best, zval, err := z.restricted(ctx)
	if err != nil {
		return nil, err
	}
	if !proven(res.PricingBound, zval, base.TargetGap) && res.PairsEligible <= int64(set.MaxHeld) && ctx.Err() == nil && time.Until(deadline) > 5*z.passTime {
		if best, zval, err = z.complete(ctx, best, zval); err != nil {
			return nil, err
		}
	}
	z.finish(best, zval)
	res.Elapsed = time.Since(start)
	return res, nil
}

// withDefaults fills in LazySettings' defaults.
func (s *LazySettings) withDefaults() LazySettings {
	var set LazySettings
	if s != nil {
		set = *s
	}
	if set.Keep <= 0 {
		set.Keep = 8
	}
	if set.MaxHeld <= 0 {
		set.MaxHeld = 4_000_000
	}
	if set.Rounds <= 0 {
		set.Rounds = 1
	}
	return set
}

// restricted runs the restricted solves, each priced over all pairs by
// the knapsack relaxation at its root multipliers, adding the pairs of
// positive reduced value, until the bound proves the gap, no pair is
// added, or the time left is about a pass: each solve has a third of the
// time left (less, down to a quarter, when a pass would not fit after
// it). It returns the best assignment and its value.
func (z *lazyRun) restricted(ctx context.Context) ([]LazyChoice, float64, error) {
	var best []LazyChoice
	zval := 0.0
	for {
		// A third of the time left (at most the time left less one and
		// a half passes), so that the pricing that follows can add the
		// pairs the solve's multipliers show missing and solve again.
		left := time.Until(z.deadline)
		limit := max(min(left-3*z.passTime/2, left/3), left/4)
		r, err := z.solve(ctx, z.set.Settings, limit, best)
		if err != nil {
			return nil, 0, err
		}
		if best == nil || r.Objective > zval {
			best, zval = z.choices(r), r.Objective
		}
		if r.Duals == nil || len(r.Duals.Items) != z.lp.Items || ctx.Err() != nil || time.Until(z.deadline) < z.passTime {
			return best, zval, nil
		}
		if z.priceKnap(r.Duals.Items, r.Duals.Side) == 0 || proven(z.res.PricingBound, zval, z.base.TargetGap) || time.Until(z.deadline) < 2*z.passTime {
			return best, zval, nil
		}
	}
}

// complete tries the complete bound: a few more rounds of the bin
// relaxation aimed at the incumbent's value, then every pair that could
// be in an assignment worth more than T = z/(1 − g/2) held (so that the
// bound max(T, the solve's bound) can still prove the target gap g) and
// solved from the incumbent. It returns the best assignment and value.
func (z *lazyRun) complete(ctx context.Context, best []LazyChoice, zval float64) ([]LazyChoice, float64, error) {
	z.target = zval
	z.rounds(ctx, z.deadline, 3)
	T := zval
	if g := z.base.TargetGap; g > 0 && zval > 0 {
		T = zval / (1 - g/2)
	}
	copy(z.rho, z.bestRho)
	copy(z.lam, z.bestLam)
	z.price(best, T)
	second, err := z.solve(ctx, z.set.Settings, time.Until(z.deadline), best)
	if err != nil {
		return nil, 0, err
	}
	if second.Objective > zval {
		best, zval = z.choices(second), second.Objective
	}
	if b := math.Max(T, second.Bound); b < z.res.PricingBound {
		z.res.Bound, z.res.BoundMethod = b, "complete"
	}
	return best, zval, nil
}

// finish sets the result's assignment, bound, gap and status.
func (z *lazyRun) finish(best []LazyChoice, zval float64) {
	res := z.res
	if res.BoundMethod == "" {
		res.Bound, res.BoundMethod = res.PricingBound, "pricing"
	}
	res.Chosen, res.Objective = best, zval
	res.Bound = math.Max(res.Bound, res.Objective)
	if res.Bound != 0 {
		res.Gap = math.Max(0, (res.Bound-res.Objective)/math.Abs(res.Bound))
	}
	last := res.Solves[len(res.Solves)-1]
	res.Status, res.Stopped = last.Status, last.Stopped
	switch {
	case res.Gap <= 1e-9:
		res.Status, res.Stopped = Optimal, StoppedOptimal
	case res.Gap <= z.base.TargetGap:
		res.Status, res.Stopped = GapReached, StoppedTargetGap
	case res.Status == Optimal || res.Status == GapReached:
		// Proven over the held pairs only.
		res.Status, res.Stopped = IterationLimit, StoppedIterationLimit
	}
}

// proven says whether the bound proves the value within the gap g.
func proven(bound, value, g float64) bool {
	return bound-value <= g*math.Abs(bound)
}

// rounds runs up to n pricing rounds: subgradient steps over the held
// pairs, then a pass over all pairs; it stops early once a pass adds no
// pair and the bound over all pairs moved by less than 1e-4 of it.
func (z *lazyRun) rounds(ctx context.Context, deadline time.Time, n int) {
	for r := 0; r < n && ctx.Err() == nil && time.Now().Before(deadline); r++ {
		z.res.Rounds++
		was := z.binBound
		z.subgradient(300)
		added := z.price(nil, -1)
		if added == 0 && was-z.binBound <= 1e-4*math.Abs(was) {
			break
		}
		copy(z.rho, z.bestRho)
		copy(z.lam, z.bestLam)
	}
}

// lazyRun is the state of one SolveLazy run: the multipliers, the held
// pairs (grouped by item, in the source's order) and the best bound.
type lazyRun struct {
	lp       *LazyProblem
	set      LazySettings
	base     Settings // set.Settings with its defaults
	deadline time.Time
	res      *LazyResult

	rho, lam         []float64 // current multipliers: bins, side rows
	bestRho, bestLam []float64 // those of the best pricing bound
	bestItem         []float64 // per item, max(0, best priced value) at them
	binBound         float64   // the best bin-relaxation bound, at them

	held heldPairs
	// passTime is the last pass's time over all pairs (a source that
	// keeps what its first pass made makes the later passes far
	// shorter).
	passTime time.Duration
	// target is the value of the best assignment known, which aims the
	// subgradient steps (0 before the first solve).
	target float64
	// knapU, knapLam are the item and side multipliers of the best
	// knapsack pricing bound, knapBound (+Inf before the first).
	knapU, knapLam []float64
	knapBound      float64
}

// heldPairs are the pairs held, in the compact form the pricing uses:
// item i's pairs are start[i] … start[i+1]−1, ascending by ord.
type heldPairs struct {
	start     []int
	ord       []int32
	bin       []int32
	val, w    []float64
	sideStart []int32 // pair p's coefficients are sideStart[p] … sideStart[p+1]−1
	sideRow   []int32
	sideCoef  []float64
}

func (h *heldPairs) n() int { return len(h.ord) }

// validate checks sizes and numbers as Problem.Validate does.
func (z *lazyRun) validate() error {
	lp := z.lp
	switch {
	case lp == nil || lp.Source == nil:
		return &InputError{Where: "problem", Msg: "has no pair source"}
	case lp.Items < 0:
		return &InputError{Where: "problem", Msg: fmt.Sprintf("negative number of items %d", lp.Items)}
	}
	for b, bin := range lp.Bins {
		if !finite(bin.Capacity) || bin.Capacity < 0 {
			return &InputError{Where: fmt.Sprintf("bin %d", b), Msg: fmt.Sprintf("capacity %v is not finite and non-negative", bin.Capacity)}
		}
	}
	for k, c := range lp.Side {
		if !finite(c.Capacity) || c.Capacity < 0 {
			return &InputError{Where: fmt.Sprintf("side constraint %d", k), Msg: fmt.Sprintf("capacity %v is not finite and non-negative", c.Capacity)}
		}
	}
	return nil
}

// pairBuf is one item's pairs during a pass.
type pairBuf struct {
	ord       []int32
	bin       []int32
	val, w, s []float64
	sideStart []int32
	sideRow   []int32
	sideCoef  []float64
	idx, add  []int
}

func (pb *pairBuf) reset() {
	pb.ord, pb.bin, pb.val, pb.w, pb.s = pb.ord[:0], pb.bin[:0], pb.val[:0], pb.w[:0], pb.s[:0]
	pb.sideStart, pb.sideRow, pb.sideCoef = pb.sideStart[:0], pb.sideRow[:0], pb.sideCoef[:0]
}

// price makes one pass over every pair at the current multipliers: it
// computes the bound L over all pairs (recording the best) and rebuilds
// the held pairs. With z < 0 (zval −1 and keep nil) it keeps the held
// pairs and adds, per item, up to Keep pairs whose priced value beats the
// best held pair's and is positive; it returns how many it added. With a
// value z ≥ 0 it holds the pairs keep names (one per item, by ord; −1
// none) and every pair that could be in an assignment worth more than z
// (see SolveLazy), using the bound of this pass; it returns the pairs
// held, or −1 when they were more than MaxHeld and only the best were
// kept.
func (z *lazyRun) price(keep []LazyChoice, zval float64) int {
	lp := z.lp
	old := z.held
	z.res.Passes++
	defer z.timePass(time.Now())
	bound := 0.0
	for b, r := range z.rho {
		bound += r * lp.Bins[b].Capacity
	}
	for k, l := range z.lam {
		bound += l * lp.Side[k].Capacity
	}
	itemBest := make([]float64, lp.Items)
	// The relevance test needs the bound and the items' best values
	// first: with zval ≥ 0 they are this pass's multipliers' (the best,
	// set by the caller), from the pass that found them.
	relevant := zval >= 0
	var threshold float64
	if relevant {
		threshold = zval + 1e-9*math.Max(1, math.Abs(zval))
	}
	priced := func(i int, p Pair, side []Term) float64 {
		s := p.Value - z.rho[p.Bin]*p.Weight
		for _, t := range side {
			s -= z.lam[t.Pair] * t.Coef
		}
		return s
	}
	nh, segs := z.pass(priced, func(i int, pb *pairBuf, seg *segment) {
		best := 0.0
		for _, s := range pb.s {
			best = math.Max(best, s)
		}
		itemBest[i] = best
		seg.sum += best

		if relevant {
			z.holdRelevant(i, pb, keep, threshold)
		} else {
			z.holdImproving(i, pb, &old)
		}
	})
	for _, seg := range segs {
		bound += seg.sum
	}
	z.res.PricingBound = math.Min(z.res.PricingBound, bound)
	if bound < z.binBound {
		z.binBound = bound
		z.bestRho = slices.Clone(z.rho)
		z.bestLam = slices.Clone(z.lam)
		z.bestItem = itemBest
	}
	added := nh.n() - old.n()
	z.held = nh
	z.res.PairsHeld = max(z.res.PairsHeld, nh.n())
	if relevant {
		return nh.n()
	}
	return added
}

// holdImproving chooses the pairs of item i to hold in a pricing pass:
// those held before (old), and up to Keep of the best others whose priced
// value beats the best held pair's (or 0).
func (z *lazyRun) holdImproving(i int, pb *pairBuf, old *heldPairs) {
	heldFrom, heldTo := 0, 0
	if old.start != nil {
		heldFrom, heldTo = old.start[i], old.start[i+1]
	}
	bestHeld := 0.0
	pb.add = pb.add[:0]
	at := heldFrom
	for n := range pb.ord {
		if at < heldTo && old.ord[at] == pb.ord[n] {
			pb.idx = append(pb.idx, n)
			bestHeld = math.Max(bestHeld, pb.s[n])
			at++
		} else {
			pb.add = append(pb.add, n)
		}
	}
	tol := 1e-12 * math.Max(1, math.Abs(bestHeld))
	add := pb.add[:0]
	for _, n := range pb.add {
		if pb.s[n] > bestHeld+tol {
			add = append(add, n)
		}
	}
	pb.idx = append(pb.idx, topBy(add, pb.s, z.set.Keep)...)
	slices.Sort(pb.idx)
}

// holdRelevant chooses the pairs of item i to hold for the complete
// bound: the incumbent's (keep) and those that both relaxations leave
// able to beat threshold: L − max(0, best_i) + s_p > threshold, L the best
// bin-relaxation bound, and L_K + r_p > threshold, L_K the best knapsack
// bound and r_p the pair's reduced value at its multipliers (with x_p = 1
// a bin's knapsack is worth at most r_p more, so every assignment using p
// is worth at most L_K + r_p).
func (z *lazyRun) holdRelevant(i int, pb *pairBuf, keep []LazyChoice, threshold float64) {
	kept := -1
	if keep != nil {
		kept = keep[i].Ord
	}
	knap := !math.IsInf(z.knapBound, 1)
	for n := range pb.ord {
		if int(pb.ord[n]) == kept {
			pb.idx = append(pb.idx, n)
			continue
		}
		if z.binBound-z.bestItem[i]+pb.s[n] <= threshold {
			continue
		}
		if knap {
			r := pb.val[n] - z.knapU[i]
			for t := pb.sideStart[n]; t < pb.sideStart[n+1]; t++ {
				r -= z.knapLam[pb.sideRow[t]] * pb.sideCoef[t]
			}
			if z.knapBound+r <= threshold {
				continue
			}
		}
		pb.idx = append(pb.idx, n)
	}
}

// segment is one goroutine's share of a pass: the pairs it holds of its
// block of items (start relative to the block), the pairs of positive
// reduced value it gathered, its part of the bound and its pairs.
type segment struct {
	lo, hi int
	held   heldPairs
	pos    []knapPair
	// binPos sums, per bin, the positive reduced values of the pairs
	// that fit it (a knapsack pass that had to let go of pos bounds
	// each bin's knapsack by it); items counts the items done.
	binPos   []float64
	items    int
	sum      float64
	eligible int64
}

// pass makes one pass over every pair, the items shared among
// Settings.Threads goroutines in fixed contiguous blocks: for each item it
// gathers the pairs with their priced values (priced) and lets decide
// choose the pairs to hold (pb.idx, ascending) and account for the item
// in its segment. It returns the pairs held, in item order, and the
// segments in block order, so that the caller's sums over them do not
// depend on scheduling. Source.Pairs is called from several goroutines at
// once, for different items.
func (z *lazyRun) pass(priced func(i int, p Pair, side []Term) float64, decide func(i int, pb *pairBuf, seg *segment)) (heldPairs, []segment) {
	lp := z.lp
	threads := max(1, min(z.set.Threads, lp.Items))
	if z.set.Threads <= 0 {
		threads = max(1, min(DefaultThreads, lp.Items))
	}
	segs := make([]segment, threads)
	var wg sync.WaitGroup
	for t := range segs {
		seg := &segs[t]
		seg.lo, seg.hi = lp.Items*t/threads, lp.Items*(t+1)/threads
		wg.Add(1)
		go func() {
			defer wg.Done()
			pb := &pairBuf{}
			seg.held.start = make([]int, 1, seg.hi-seg.lo+1)
			seg.held.sideStart = []int32{0}
			for i := seg.lo; i < seg.hi; i++ {
				pb.reset()
				lp.Source.Pairs(i, func(ord int, p Pair, side []Term) {
					pb.sideStart = append(pb.sideStart, int32(len(pb.sideRow)))
					for _, t := range side {
						pb.sideRow = append(pb.sideRow, int32(t.Pair))
						pb.sideCoef = append(pb.sideCoef, t.Coef)
					}
					pb.ord = append(pb.ord, int32(ord))
					pb.bin = append(pb.bin, int32(p.Bin))
					pb.val = append(pb.val, p.Value)
					pb.w = append(pb.w, p.Weight)
					pb.s = append(pb.s, priced(i, p, side))
				})
				pb.sideStart = append(pb.sideStart, int32(len(pb.sideRow)))
				seg.eligible += int64(len(pb.ord))
				pb.idx = pb.idx[:0]
				decide(i, pb, seg)
				seg.held.appendFrom(pb)
				seg.held.start = append(seg.held.start, seg.held.n())
			}
		}()
	}
	wg.Wait()
	var nh heldPairs
	nh.start = make([]int, lp.Items+1)
	nh.sideStart = []int32{0}
	var eligible int64
	for t := range segs {
		seg := &segs[t]
		off, soff := nh.n(), int32(len(nh.sideRow))
		for j := 1; j < len(seg.held.start); j++ {
			nh.start[seg.lo+j] = off + seg.held.start[j]
		}
		nh.ord = append(nh.ord, seg.held.ord...)
		nh.bin = append(nh.bin, seg.held.bin...)
		nh.val = append(nh.val, seg.held.val...)
		nh.w = append(nh.w, seg.held.w...)
		nh.sideRow = append(nh.sideRow, seg.held.sideRow...)
		nh.sideCoef = append(nh.sideCoef, seg.held.sideCoef...)
		for _, x := range seg.held.sideStart[1:] {
			nh.sideStart = append(nh.sideStart, soff+x)
		}
		eligible += seg.eligible
		seg.held = heldPairs{}
	}
	z.res.PairsEligible = eligible
	return nh, segs
}

// appendFrom appends the pairs pb.idx names.
func (h *heldPairs) appendFrom(pb *pairBuf) {
	for _, n := range pb.idx {
		h.ord = append(h.ord, pb.ord[n])
		h.bin = append(h.bin, pb.bin[n])
		h.val = append(h.val, pb.val[n])
		h.w = append(h.w, pb.w[n])
		for t := pb.sideStart[n]; t < pb.sideStart[n+1]; t++ {
			h.sideRow = append(h.sideRow, pb.sideRow[t])
			h.sideCoef = append(h.sideCoef, pb.sideCoef[t])
		}
		h.sideStart = append(h.sideStart, int32(len(h.sideRow)))
	}
}

// topBy returns the (at most) k of idx with the largest s, ties to the
// earlier.
func topBy(idx []int, s []float64, k int) []int {
	if len(idx) <= k {
		return idx
	}
	sort.SliceStable(idx, func(a, b int) bool { return s[idx[a]] > s[idx[b]] })
	return idx[:k]
}

// subgradient minimises the bound over the held pairs by iters projected
// subgradient steps from the current multipliers (Polyak steps aimed at
// a greedy assignment's value or the target, the factor halved after 20
// steps without progress), leaving the best multipliers found as the
// current ones.
func (z *lazyRun) subgradient(iters int) {
	lp := z.lp
	gb := make([]float64, len(lp.Bins))
	gs := make([]float64, len(lp.Side))
	bestL := math.Inf(1)
	bestRho, bestLam := slices.Clone(z.rho), slices.Clone(z.lam)
	theta, stall := 1.0, 0
	target := math.Max(z.target, z.greedy())
	for it := 0; it < iters; it++ {
		L := z.binEval(gb, gs)
		if math.IsInf(bestL, 1) || L < bestL-1e-9*math.Abs(bestL) {
			bestL, stall = L, 0
			copy(bestRho, z.rho)
			copy(bestLam, z.lam)
		} else if stall++; stall >= 20 {
			theta, stall = theta/2, 0
		}
		if it%50 == 49 {
			target = math.Max(target, z.greedy())
		}
		if !z.binStep(gb, gs, theta, L, target) {
			break
		}
	}
	copy(z.rho, bestRho)
	copy(z.lam, bestLam)
}

// binEval is the bin relaxation's bound over the held pairs at the
// current multipliers; it sets gb and gs to its subgradient (capacity
// less the use of each bin and side row).
func (z *lazyRun) binEval(gb, gs []float64) float64 {
	lp, h := z.lp, &z.held
	L := 0.0
	for b, r := range z.rho {
		L += r * lp.Bins[b].Capacity
		gb[b] = lp.Bins[b].Capacity
	}
	for k, l := range z.lam {
		L += l * lp.Side[k].Capacity
		gs[k] = lp.Side[k].Capacity
	}
	for i := 0; i < lp.Items; i++ {
		bp, bs := -1, 0.0
		for p := h.start[i]; p < h.start[i+1]; p++ {
			if s := z.priced(p); s > bs {
				bp, bs = p, s
			}
		}
		if bp < 0 {
			continue
		}
		L += bs
		gb[h.bin[bp]] -= h.w[bp]
		for t := h.sideStart[bp]; t < h.sideStart[bp+1]; t++ {
			gs[h.sideRow[t]] -= h.sideCoef[t]
		}
	}
	return L
}

// binStep takes the projected subgradient step of factor theta from the
// bound L towards target; false when there is no step to take.
func (z *lazyRun) binStep(gb, gs []float64, theta, L, target float64) bool {
	norm := 0.0
	for b, g := range gb {
		if g < 0 || z.rho[b] > 0 {
			norm += g * g
		}
	}
	for k, g := range gs {
		if g < 0 || z.lam[k] > 0 {
			norm += g * g
		}
	}
	if norm == 0 || theta < 1e-6 {
		return false
	}
	step := theta * math.Max(L-target, 1e-6*math.Abs(L)) / norm
	for b, g := range gb {
		z.rho[b] = math.Max(0, z.rho[b]-step*g)
	}
	for k, g := range gs {
		z.lam[k] = math.Max(0, z.lam[k]-step*g)
	}
	return true
}

// priced is held pair p's priced value at the current multipliers.
func (z *lazyRun) priced(p int) float64 {
	h := &z.held
	s := h.val[p] - z.rho[h.bin[p]]*h.w[p]
	for t := h.sideStart[p]; t < h.sideStart[p+1]; t++ {
		s -= z.lam[h.sideRow[t]] * h.sideCoef[t]
	}
	return s
}

// greedy is the value of a feasible assignment of held pairs: items by
// their best priced value, each taking its pair of best priced value
// that fits.
func (z *lazyRun) greedy() float64 {
	lp, h := z.lp, &z.held
	type cand struct {
		item int
		s    float64
	}
	cs := make([]cand, 0, lp.Items)
	for i := 0; i < lp.Items; i++ {
		bs := 0.0
		for p := h.start[i]; p < h.start[i+1]; p++ {
			bs = math.Max(bs, z.priced(p))
		}
		if bs > 0 {
			cs = append(cs, cand{i, bs})
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].s > cs[b].s })
	left := make([]float64, len(lp.Bins))
	for b := range left {
		left[b] = lp.Bins[b].Capacity
	}
	side := make([]float64, len(lp.Side))
	for k := range side {
		side[k] = lp.Side[k].Capacity
	}
	total := 0.0
	for _, c := range cs {
		bp, bs := -1, 0.0
		for p := h.start[c.item]; p < h.start[c.item+1]; p++ {
			if s := z.priced(p); s > bs && h.val[p] > 0 && h.w[p] <= left[h.bin[p]] && z.sideFits(p, side) {
				bp, bs = p, s
			}
		}
		if bp < 0 {
			continue
		}
		left[h.bin[bp]] -= h.w[bp]
		for t := h.sideStart[bp]; t < h.sideStart[bp+1]; t++ {
			side[h.sideRow[t]] -= h.sideCoef[t]
		}
		total += h.val[bp]
	}
	return total
}

func (z *lazyRun) sideFits(p int, left []float64) bool {
	h := &z.held
	for t := h.sideStart[p]; t < h.sideStart[p+1]; t++ {
		if h.sideCoef[t] > left[h.sideRow[t]] {
			return false
		}
	}
	return true
}

// solve solves the held pairs as a Problem with the caller's settings
// within limit, starting from the assignment from (nil: none).
func (z *lazyRun) solve(ctx context.Context, base Settings, limit time.Duration, from []LazyChoice) (*Result, error) {
	lp, h := z.lp, &z.held
	p := &Problem{Items: lp.Items, Bins: lp.Bins, Pairs: make([]Pair, h.n()), Side: make([]Constraint, len(lp.Side))}
	for k, c := range lp.Side {
		p.Side[k] = Constraint{Name: c.Name, Capacity: c.Capacity}
	}
	var start []int
	for i := 0; i < lp.Items; i++ {
		for q := h.start[i]; q < h.start[i+1]; q++ {
			p.Pairs[q] = Pair{Item: i, Bin: int(h.bin[q]), Value: h.val[q], Weight: h.w[q]}
			for t := h.sideStart[q]; t < h.sideStart[q+1]; t++ {
				k := h.sideRow[t]
				p.Side[k].Terms = append(p.Side[k].Terms, Term{Pair: q, Coef: h.sideCoef[t]})
			}
			if from != nil && from[i].Ord == int(h.ord[q]) {
				start = append(start, q)
			}
		}
	}
	set := base
	set.TimeLimit = max(limit, time.Millisecond)
	res, err := SolveFrom(ctx, p, &set, start)
	if err != nil {
		return nil, err
	}
	if res.Status == Infeasible {
		return nil, errors.New("assign: lazy: the restricted problem is infeasible, which a packing problem without forced pairs cannot be")
	}
	z.res.Solves = append(z.res.Solves, res)
	return res, nil
}

// choices maps a restricted solve's assignment to the source's pairs,
// by item (Ord −1 for an item left out).
func (z *lazyRun) choices(r *Result) []LazyChoice {
	h := &z.held
	out := make([]LazyChoice, z.lp.Items)
	for i := range out {
		out[i] = LazyChoice{Item: i, Ord: -1, Bin: -1}
	}
	for _, q := range r.Chosen {
		i := sort.Search(z.lp.Items, func(i int) bool { return h.start[i+1] > q })
		out[i] = LazyChoice{Item: i, Ord: int(h.ord[q]), Bin: int(h.bin[q]), Value: h.val[q], Weight: h.w[q]}
	}
	return out
}

// timePass records the duration of a pass that started at t0.
func (z *lazyRun) timePass(t0 time.Time) {
	z.passTime = time.Since(t0)
}

// knapPair is a pair of positive reduced value in a knapsack pass.
type knapPair struct {
	bin  int32
	r, w float64
}

// priceKnap makes one pass over every pair at the item and side
// multipliers u, lam of a restricted solve's root (Duals): it computes the
// knapsack relaxation's bound over all pairs,
//
//	L(u, λ) = Σ_b KP_b(r) + Σ_i u_i + Σ_k λ_k D_k,  r_p = v_p − u_i − Σ_k λ_k a_kp,
//
// in which a pair of r_p ≤ 0 or too heavy for its bin takes no part, so
// that only the pairs of positive r_p are gathered (by bin) and each bin's
// 0-1 knapsack solved over them (its Dantzig bound where the search
// exceeds its node limit); it records the bound when it is the best, and
// adds to the held pairs, per item, up to Keep pairs of positive r_p not
// held yet, best first. It returns how many it added.
func (z *lazyRun) priceKnap(u, lam []float64) int {
	lp := z.lp
	old := z.held
	z.res.Passes++
	defer z.timePass(time.Now())
	constant := 0.0
	for _, x := range u {
		constant += x
	}
	for k, l := range lam {
		constant += l * lp.Side[k].Capacity
	}
	priced := func(i int, p Pair, side []Term) float64 {
		r := p.Value - u[i]
		for _, t := range side {
			r -= lam[t.Pair] * t.Coef
		}
		return r
	}
	// The pairs of positive reduced value gathered for the knapsacks are
	// the pass's one store that grows with the pairs: when the memory
	// budget is reached they are let go, and each bin's knapsack is
	// bounded by the sum of its positive reduced values instead.
	var over atomic.Bool
	nh, segs := z.pass(priced, func(i int, pb *pairBuf, seg *segment) {
		z.gatherPositive(i, pb, seg, &old, &over)
	})
	if over.Load() {
		return z.knapFallback(segs, constant, nh, old, u, lam)
	}
	var pos []knapPair
	for t := range segs {
		pos = append(pos, segs[t].pos...)
		segs[t].pos = nil
	}
	sum := z.knapsacks(pos, constant)
	z.res.KnapsackPairs = max(z.res.KnapsackPairs, len(pos))
	if sum < z.res.PricingBound {
		z.res.PricingBound = sum
	}
	if sum < z.knapBound {
		z.knapBound, z.knapU, z.knapLam = sum, slices.Clone(u), slices.Clone(lam)
	}
	added := nh.n() - old.n()
	z.held = nh
	z.res.PairsHeld = max(z.res.PairsHeld, nh.n())
	return added
}

// gatherPositive is a knapsack pass's work on item i: it keeps the pairs
// held before (old), gathers the pairs of positive reduced value that fit
// their bin (into seg.pos, unless the pass is over the memory budget,
// sampled every 64 items, and into seg.binPos's sums) and adds up to Keep
// of them not held yet, best first.
func (z *lazyRun) gatherPositive(i int, pb *pairBuf, seg *segment, old *heldPairs, over *atomic.Bool) {
	lp := z.lp
	if seg.items++; z.base.MaxMemory > 0 && seg.items%64 == 1 && !over.Load() && MemoryInUse() >= z.base.MaxMemory {
		over.Store(true)
	}
	if over.Load() && seg.pos != nil {
		seg.pos = nil
	}
	pb.add = pb.add[:0]
	at, to := old.start[i], old.start[i+1]
	for n := range pb.ord {
		isHeld := at < to && old.ord[at] == pb.ord[n]
		if isHeld {
			at++
			pb.idx = append(pb.idx, n)
		}
		c := lp.Bins[pb.bin[n]].Capacity
		if pb.s[n] <= 0 || pb.w[n] > c+feasTol(c) {
			continue
		}
		if seg.binPos == nil {
			seg.binPos = make([]float64, len(lp.Bins))
		}
		seg.binPos[pb.bin[n]] += pb.s[n]
		if !over.Load() {
			seg.pos = append(seg.pos, knapPair{bin: pb.bin[n], r: pb.s[n], w: pb.w[n]})
		}
		if !isHeld {
			pb.add = append(pb.add, n)
		}
	}
	pb.idx = append(pb.idx, topBy(pb.add, pb.s, z.set.Keep)...)
	slices.Sort(pb.idx)
}

// knapsacks is constant plus each bin's 0-1 knapsack over the pairs of
// positive reduced value gathered (its Dantzig bound where the search
// exceeds its node limit), with the package's rounding allowance.
func (z *lazyRun) knapsacks(pos []knapPair, constant float64) float64 {
	slices.SortStableFunc(pos, func(a, b knapPair) int { return int(a.bin - b.bin) })
	var ks knapsack
	var r, w []float64
	var take []bool
	sum, mag := constant, math.Abs(constant)
	for a := 0; a < len(pos); {
		b := a
		for b < len(pos) && pos[b].bin == pos[a].bin {
			b++
		}
		r, w = r[:0], w[:0]
		for _, q := range pos[a:b] {
			r = append(r, q.r)
			w = append(w, q.w)
			mag += q.r
		}
		take = growBool(take, len(r))
		c := z.lp.Bins[pos[a].bin].Capacity
		ub, _, _, _, _ := ks.solve(r, w, c+feasTol(c), knapsackNodeLimit, take)
		sum += ub
		a = b
	}
	return sum + 1e-12*mag
}

// knapFallback ends a knapsack pass that reached the memory budget: each
// bin's knapsack is bounded by the sum of the positive reduced values of
// its pairs (summed in block order), a weaker bound than the knapsack's
// but as valid. It records the bound and the held pairs as priceKnap does
// and returns how many pairs were added.
func (z *lazyRun) knapFallback(segs []segment, constant float64, nh, old heldPairs, u, lam []float64) int {
	z.res.MemoryFallbacks++
	sum, mag := constant, math.Abs(constant)
	for b := range z.lp.Bins {
		s := 0.0
		for t := range segs {
			if segs[t].binPos != nil {
				s += segs[t].binPos[b]
			}
		}
		sum += s
		mag += s
	}
	sum += 1e-12 * mag
	if sum < z.res.PricingBound {
		z.res.PricingBound = sum
	}
	if sum < z.knapBound {
		z.knapBound, z.knapU, z.knapLam = sum, slices.Clone(u), slices.Clone(lam)
	}
	added := nh.n() - old.n()
	z.held = nh
	z.res.PairsHeld = max(z.res.PairsHeld, nh.n())
	return added
}
