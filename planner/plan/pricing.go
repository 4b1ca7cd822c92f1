package plan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/rules"
)

// pricingNeeded is solveRun's answer when the candidate pairs would
// exceed the memory budget and the run can price them instead (Run then
// calls runPriced).
type pricingNeeded struct{ limit error }

func (e *pricingNeeded) Error() string { return e.limit.Error() }

// priceOr turns the memory guard's refusal into pricingNeeded when the
// run can be priced; any other error, or a run that cannot, is returned
// as it is (with what pricing would need, for the guard's refusal).
func (b *builder) priceOr(err error, set Settings) error {
	var pe *planner.Error
	if !errors.As(err, &pe) || pe.Kind != planner.KindLimit {
		return err
	}
	why := b.cannotPrice(set)
	if why == "" {
		return &pricingNeeded{limit: err}
	}
	pe.Msg += "; pricing the pairs instead of holding them is not done for " + why
	return pe
}

// cannotPrice says why the run cannot price its pairs ("" when it can):
// pricing covers a one-year plan without signed contracts, forced
// allocations, a previous plan, a warm start or an MPS export.
func (b *builder) cannotPrice(set Settings) string {
	fps, _ := b.prof.ForcedPairs()
	switch {
	case len(b.prof.HorizonYears()) > 1:
		return "a programme of more than one year"
	case len(b.in.Contracts) > 0:
		return "a run with signed contracts"
	case len(fps) > 0:
		return "a run with forced allocations (plan.forced)"
	case b.in.Previous != nil:
		return "a re-plan (--previous)"
	case set.WarmStart != nil:
		return "a warm start"
	case set.ExportMPS != nil:
		return "an MPS export"
	}
	return ""
}

// pricing is the state of a run whose pairs are priced, not held: the
// pairs are made again from the rules whenever they are needed (pairsOf),
// scored from statistics gathered in a streaming pass (scorer), and the
// builder's arrays hold only the pairs the plan reports (the chosen ones
// and their runner-ups).
type pricing struct {
	scorer   *rules.PairScorer
	eligible int64
	// runners are each chosen pair's runner-ups (runnerUps); unallocated
	// the explanation of each proposal left out, by proposal.
	runners     map[int][2]int
	unallocated map[int]Unallocated
	// scratch holds the per-goroutine buffers of pairsOf.
	scratch sync.Pool
	// year is the plan's one year and factor its value factor.
	year, planYear int
	factor         float64
	// ctx stops the passes (eachProposal) when it is done.
	ctx context.Context
	// cache keeps the optimiser's figures of the pairs; nil when they
	// would not fit well within the memory budget.
	cache *pairCache
}

// pairBuf is one proposal's pairs as pairsOf makes them: sorted by parcel
// index, with each one's parcel index.
type pairBuf struct {
	pairs  []rules.PairAssessment
	parcel []int
	at     []int32  // each pair's parcel index, as the pool gives them
	keys   []uint64 // parcel index << 32 | position in tmp
	tmp    []rules.PairAssessment
	counts map[string]int
	side   []assign.Term
}

// pairsOf makes proposal i's eligible pairs into buf, in the order the
// full path holds them (by parcel index), adding the parcels each rule
// excludes to counts (nil: buf's own scratch counts).
func (b *builder) pairsOf(i int, buf *pairBuf, counts map[string]int) {
	if counts == nil {
		if buf.counts == nil {
			buf.counts = map[string]int{}
		}
		clear(buf.counts)
		counts = buf.counts
	}
	// The pool was made from b.pas in parcel order: a pair's position is
	// its parcel's index. Each parcel has one pair of the proposal, so the
	// keys (parcel index, then pair) sort to the full path's order.
	buf.tmp, buf.at = b.pool.AppendPairsAt(buf.tmp[:0], buf.at[:0], b.prof, &b.qas[i], counts)
	buf.keys = buf.keys[:0]
	for k, j := range buf.at {
		buf.keys = append(buf.keys, uint64(j)<<32|uint64(k))
	}
	slices.Sort(buf.keys)
	buf.pairs, buf.parcel = buf.pairs[:0], buf.parcel[:0]
	for _, key := range buf.keys {
		buf.pairs = append(buf.pairs, buf.tmp[uint32(key)])
		buf.parcel = append(buf.parcel, int(key>>32))
	}
}

// pairFigures are what the model needs of one pair.
type pairFigures struct {
	score                rules.PairScore
	value, weight, quota float64
}

// figures computes a pair's score, value, weight and quota use as the
// full path does (assess).
func (b *builder) figures(pr *rules.PairAssessment, i, j int) pairFigures {
	f := pairFigures{score: b.priced.scorer.Score(pr)}
	f.value = b.pairValue(f.score.Score, &b.proposals[i], pr.AllocatedMu) * b.priced.factor
	f.weight = math.Min(pr.AllocatedMu, b.pas[j].AreaMu)
	for _, ch := range pr.Charges {
		if ch.Year == b.priced.planYear {
			f.quota += ch.AreaMu
		}
	}
	return f
}

// sideTerms appends the pair's side-constraint terms (Term.Pair the
// constraint's index), in the order model gives them.
func (b *builder) sideTerms(dst []assign.Term, pr *rules.PairAssessment, j int, quota float64) []assign.Term {
	for s, y := range b.years {
		for _, ch := range pr.Charges {
			if ch.Year == y && ch.AreaMu > 0 {
				dst = append(dst, assign.Term{Pair: s, Coef: ch.AreaMu})
			}
		}
	}
	for s := len(b.years); s < len(b.side); s++ {
		if quota > 0 && ZoneCapConstraint+b.parcels[j].Zone == b.side[s].Name {
			dst = append(dst, assign.Term{Pair: s, Coef: quota})
		}
	}
	return dst
}

// source is the optimiser's source of the run's pairs.
func (pr *pricing) source(b *builder) assign.PairSource { return pairSource{b} }

// pairSource gives each proposal's pairs to the optimiser, made again
// from the rules.
type pairSource struct{ b *builder }

// Pairs gives proposal i's pairs (assign.PairSource): from the cache
// when the run keeps one, made from the rules otherwise (and then kept in
// the cache when there is one).
func (s pairSource) Pairs(i int, fn func(ord int, p assign.Pair, side []assign.Term)) {
	b := s.b
	c := b.priced.cache
	if c != nil && c.done[i] {
		c.each(i, fn)
		return
	}
	buf := b.priced.scratch.Get().(*pairBuf)
	defer b.priced.scratch.Put(buf)
	b.pairsOf(i, buf, nil)
	var e cacheEntry
	for n := range buf.pairs {
		pr, j := &buf.pairs[n], buf.parcel[n]
		f := b.figures(pr, i, j)
		buf.side = b.sideTerms(buf.side[:0], pr, j, f.quota)
		p := assign.Pair{Item: i, Bin: b.bin[j], Value: f.value, Weight: f.weight}
		if c != nil {
			e.add(p, buf.side)
		}
		fn(n, p, buf.side)
	}
	if c != nil {
		c.items[i], c.done[i] = e, true
	}
}

// fillCache makes every proposal's pairs into the cache, on all cores
// (each goroutine its own proposals), unless the run is interrupted.
func (b *builder) fillCache() {
	src := pairSource{b}
	threads := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for t := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := t; i < len(b.proposals) && b.priced.ctx.Err() == nil; i += threads {
				src.Pairs(i, func(int, assign.Pair, []assign.Term) {})
			}
		}()
	}
	wg.Wait()
}

// pairCache keeps the figures the optimiser sees of every pair (about
// 40 bytes a pair) once the first pricing pass has made them, so that
// later passes read them instead of running the rules again. A run keeps
// one only when it fits well within the memory budget (cachePairBytes).
// Each item's entry is written once, by the goroutine that prices it.
type pairCache struct {
	items []cacheEntry
	done  []bool
}

// cacheEntry is one proposal's pairs in the cache.
type cacheEntry struct {
	bin       []int32
	val, w    []float64
	sideStart []int32 // pair n's terms are side[sideStart[n]:sideStart[n+1]]
	side      []assign.Term
}

// cachePairBytes is what the cache takes per pair, with the slack of its
// growing slices.
const cachePairBytes = 48

func (e *cacheEntry) add(p assign.Pair, side []assign.Term) {
	if e.sideStart == nil {
		e.sideStart = []int32{0}
	}
	e.bin = append(e.bin, int32(p.Bin))
	e.val = append(e.val, p.Value)
	e.w = append(e.w, p.Weight)
	e.side = append(e.side, side...)
	e.sideStart = append(e.sideStart, int32(len(e.side)))
}

func (c *pairCache) each(i int, fn func(ord int, p assign.Pair, side []assign.Term)) {
	e := &c.items[i]
	for n := range e.bin {
		fn(n, assign.Pair{Item: i, Bin: int(e.bin[n]), Value: e.val[n], Weight: e.w[n]}, e.side[e.sideStart[n]:e.sideStart[n+1]])
	}
}

// runPriced plans a run whose candidate pairs would exceed the memory
// budget: the pairs are never all held. A streaming pass over every pair
// gathers the scoring's statistics (so that each pair's score is the one
// the full path gives it) and the parcels that have a pair; the
// optimiser prices the pairs (assign.SolveLazy) from a source that makes
// them again from the rules; a last pass explains the plan (runner-ups,
// proposals left out, the 12.4 check). Marginal values are not computed
// and no flips are searched.
func (b *builder) runPriced(ctx context.Context, set Settings, start time.Time, limit error) (*Plan, error) {
	b.dropPairs()
	if used := goMemory(); used >= set.MaxMemory {
		// Even without the pairs the run is at its budget.
		var pe *planner.Error
		if errors.As(limit, &pe) {
			pe.Msg += fmt.Sprintf("; pricing the pairs instead of holding them cannot keep to it either: the run holds %d MiB without them", used>>20)
		}
		return nil, limit
	}
	pr := &pricing{runners: map[int][2]int{}, unallocated: map[int]Unallocated{}}
	pr.scratch.New = func() any { return &pairBuf{} }
	pr.ctx = ctx
	pr.year, pr.planYear = b.prof.HorizonYears()[0], b.prof.PlanYear()
	pr.factor = b.yearFactor(pr.year)
	b.priced = pr
	if err := b.scanPairs(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("plan: the run was interrupted while its pairs were scanned: %w", err)
	}
	b.pricedModel()
	if set.MaxMemory > 0 && pr.eligible*cachePairBytes < (set.MaxMemory-goMemory())/2 {
		pr.cache = &pairCache{items: make([]cacheEntry, len(b.proposals)), done: make([]bool, len(b.proposals))}
		// Filled before the solver's clock starts, as the full path
		// builds its model before it.
		b.fillCache()
	}
	gap := set.TargetGap
	lres, err := assign.SolveLazy(ctx, &assign.LazyProblem{Items: len(b.proposals), Bins: b.modelBins(), Side: b.side, Source: pr.source(b)},
		&assign.LazySettings{Settings: assign.Settings{TimeLimit: set.TimeLimit, TargetGap: gap, IterationLimit: set.IterationLimit,
			NodeLimit: set.NodeLimit, MaxMemory: set.MaxMemory, Progress: set.Progress}})
	if err != nil {
		return nil, fmt.Errorf("plan: solving the allocation model by pricing: %w", err)
	}
	pr.cache = nil
	res := b.pricedResult(lres)
	dc, err := b.pricedDominance(res)
	if err != nil {
		return nil, err
	}
	b.explainPass(res)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("plan: the run was interrupted while its plan was explained: %w", err)
	}
	p, err := b.build(res, set)
	if err != nil {
		return nil, err
	}
	p.Solver.Candidates = int(lres.PairsEligible)
	p.Solver.PairsHeld = max(lres.PairsHeld, 1)
	p.Dominance = dc
	p.Reasons = append(p.Reasons, dominanceReason(dc, b.prof.Objective.Measure))
	if p.ContentSHA256, err = ContentSHA256(p); err != nil {
		return nil, err
	}
	p.Solver.Elapsed = time.Since(start)
	return p, nil
}

// dropPairs lets go of the pairs the full path built before the guard
// stopped it, and assesses every proposal (the build stopped part way).
func (b *builder) dropPairs() {
	b.pairs, b.item, b.parcel, b.scores, b.value, b.weight, b.nowMu, b.quota = nil, nil, nil, nil, nil, nil, nil, nil
	b.base, b.year, b.byParcel, b.pairSides, b.side = nil, nil, nil, nil, nil
	b.scoring = rules.Scoring{}
	debug.FreeOSMemory()
	unavailable := map[string]int{}
	for i := range b.pas {
		if !b.pas[i].Available {
			for _, r := range b.pas[i].Reasons {
				if r.Verdict == planner.VerdictFail {
					unavailable[r.Rule]++
				}
			}
		}
	}
	b.byItem = make([][]int, len(b.proposals))
	for i := range b.proposals {
		b.qas[i] = rules.AssessProposal(b.prof, b.proposals[i])
		b.counts[i] = map[string]int{}
		for r, n := range unavailable {
			b.counts[i][r] = n
		}
	}
}

// scanPairs makes one streaming pass over every pair, in the full path's
// order: the scoring's statistics (one more pass for entropy weights),
// the pairs eligible, the parcels that have a pair (the model's bins) and
// the parcels each rule excludes per proposal.
func (b *builder) scanPairs() error {
	pr := b.priced
	b.bin = make([]int, len(b.parcels))
	for j := range b.bin {
		b.bin[j] = -1
	}
	first := true
	sc, err := rules.ScorePairsStream(b.prof, func(yield func(*rules.PairAssessment)) {
		var counts []map[string]int
		if first {
			counts = b.counts
		}
		b.eachProposal(counts, func(i int, buf *pairBuf) {
			for n := range buf.pairs {
				if first {
					pr.eligible++
					b.bin[buf.parcel[n]] = 0
				}
				yield(&buf.pairs[n])
			}
		})
		first = false
	})
	if err != nil {
		return &planner.Error{Kind: planner.KindInvalid, Msg: "plan: scoring the pairs", Err: err}
	}
	pr.scorer = sc
	b.scoring = sc.Scoring
	return nil
}

// pricedModel numbers the bins (the parcels with a pair, in parcel order,
// as model does) and makes the side constraints without their terms.
func (b *builder) pricedModel() {
	b.binPar = nil
	for j := range b.parcels {
		if b.bin[j] >= 0 {
			b.bin[j] = len(b.binPar)
			b.binPar = append(b.binPar, j)
		}
	}
	b.years = b.prof.QuotaYears()
	b.side = nil
	for _, y := range b.years {
		q, _ := b.prof.QuotaFor(y)
		b.side = append(b.side, assign.Constraint{Name: fmt.Sprintf("%s.%d", QuotaConstraint, y), Capacity: q})
	}
	for _, z := range sortedKeys(b.prof.Quota.ZoneCaps) {
		b.side = append(b.side, assign.Constraint{Name: ZoneCapConstraint + z, Capacity: b.prof.Quota.ZoneCaps[z]})
	}
	b.byParcel = make([][]int, len(b.parcels))
	b.pairSides = &pairTerms{at: []int32{0}}
}

// modelBins are the model's bins.
func (b *builder) modelBins() []assign.Bin {
	bins := make([]assign.Bin, len(b.binPar))
	for n, j := range b.binPar {
		bins[n] = assign.Bin{Name: b.parcels[j].ID, Capacity: b.pas[j].AreaMu}
	}
	return bins
}

// hold appends pair pr of proposal i on parcel j to the builder's arrays
// and returns its index; with keep it counts in the side constraints'
// terms and the parcel's pairs (a chosen pair).
func (b *builder) hold(pr *rules.PairAssessment, i, j int, keep bool) int {
	f := b.figures(pr, i, j)
	k := len(b.pairs)
	b.pairs = append(b.pairs, *pr)
	b.item = append(b.item, i)
	b.parcel = append(b.parcel, j)
	b.scores = append(b.scores, f.score)
	b.value = append(b.value, f.value)
	b.weight = append(b.weight, f.weight)
	b.nowMu = append(b.nowMu, rules.PhaseSplit(b.prof, &b.proposals[i], pr.AllocatedMu)[0].AreaMu)
	b.quota = append(b.quota, f.quota)
	b.base = append(b.base, k)
	b.year = append(b.year, b.priced.year)
	sides := b.sideTerms(nil, pr, j, f.quota)
	if keep {
		for _, t := range sides {
			b.side[t.Pair].Terms = append(b.side[t.Pair].Terms, assign.Term{Pair: k, Coef: t.Coef})
		}
	}
	b.pairSides.add(sides)
	if keep {
		b.byParcel[j] = append(b.byParcel[j], k)
		b.byItem[i] = []int{k}
	}
	return k
}

// unhold drops the pairs from index n on (held for a moment only).
func (b *builder) unhold(n int) {
	b.pairs, b.item, b.parcel, b.scores = b.pairs[:n], b.item[:n], b.parcel[:n], b.scores[:n]
	b.value, b.weight, b.nowMu, b.quota = b.value[:n], b.weight[:n], b.nowMu[:n], b.quota[:n]
	b.base, b.year = b.base[:n], b.year[:n]
	b.pairSides.truncate(n)
}

// pricedResult holds the optimiser's chosen pairs and turns its result
// into the full path's.
func (b *builder) pricedResult(l *assign.LazyResult) *assign.Result {
	res := &assign.Result{Objective: l.Objective, Bound: l.Bound, Gap: l.Gap, Status: l.Status, Stopped: l.Stopped}
	var buf pairBuf
	for _, c := range l.Chosen {
		if c.Ord < 0 {
			continue
		}
		b.pairsOf(c.Item, &buf, nil)
		res.Chosen = append(res.Chosen, b.hold(&buf.pairs[c.Ord], c.Item, buf.parcel[c.Ord], true))
	}
	for _, r := range l.Solves {
		res.Stats.Iterations += r.Stats.Iterations
		res.Stats.Nodes += r.Stats.Nodes
		res.Stats.FixedByReducedCost += r.Stats.FixedByReducedCost
	}
	if n := len(l.Solves); n > 0 {
		last := l.Solves[n-1]
		res.Stats.FreePairs, res.Stats.RootBound = last.Stats.FreePairs, last.Stats.RootBound
	}
	res.Stats.BoundMethod = fmt.Sprintf("pricing (%s bound over all %d candidate pairs; at most %d held): ", l.BoundMethod, l.PairsEligible, l.PairsHeld)
	if n := len(l.Solves); n > 0 {
		res.Stats.BoundMethod += l.Solves[n-1].Stats.BoundMethod
	}
	return res
}

// eachPair calls fn for every pair of every proposal, in the full path's
// order, with the proposal, the parcel and the pair (valid during the
// call).
func (b *builder) eachPair(fn func(i, j int, pr *rules.PairAssessment)) {
	b.eachProposal(nil, func(i int, buf *pairBuf) {
		for n := range buf.pairs {
			fn(i, buf.parcel[n], &buf.pairs[n])
		}
	})
}

// proposalBlock is how many proposals' pairs eachProposal makes at once.
const proposalBlock = 32

// eachProposal calls fn with each proposal's pairs (pairsOf), in proposal
// order, one call at a time; the pairs are made on all cores a block of
// proposals at a time. counts, when not nil, gives each proposal's
// counts of the parcels each rule excludes. It stops early when the
// run's context is done.
func (b *builder) eachProposal(counts []map[string]int, fn func(i int, buf *pairBuf)) {
	threads := max(1, runtime.GOMAXPROCS(0))
	bufs := make([]pairBuf, proposalBlock)
	for lo := 0; lo < len(b.proposals) && b.priced.ctx.Err() == nil; lo += proposalBlock {
		hi := min(lo+proposalBlock, len(b.proposals))
		var wg sync.WaitGroup
		for t := range threads {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := lo + t; i < hi; i += threads {
					var c map[string]int
					if counts != nil {
						c = counts[i]
					}
					b.pairsOf(i, &bufs[i-lo], c)
				}
			}()
		}
		wg.Wait()
		for i := lo; i < hi; i++ {
			fn(i, &bufs[i-lo])
		}
	}
}

// pricedDominance is dominance for priced pairs: the breaks (an
// unplaced proposal dominating a placed one on its parcel) are found
// and, under a measure that keeps the invariant, the first one in
// dominance's order is repaired, round after round, as dominance does.
// Only the parcels with a chosen pair have breaks, and repairs never
// change which parcels those are: dominanceByParcel keeps, per chosen
// pair, the proposals that dominate it, and after a repair assesses that
// one parcel again, so that the rounds cost no pass over every pair.
func (b *builder) pricedDominance(res *assign.Result) (DominanceCheck, error) {
	if !byParcel {
		return b.dominanceByPasses(res)
	}
	return b.dominanceByParcel(res)
}

// dominanceByPasses is pricedDominance by passes over every pair: each
// pass finds the breaks (an unplaced proposal dominating a placed one on
// its parcel, the same year); under a measure that keeps the invariant
// the first break, in dominance's order, is repaired and the pass made
// again.
func (b *builder) dominanceByPasses(res *assign.Result) (DominanceCheck, error) {
	var dc DominanceCheck
	repair := keepsDominance(b.prof.Objective.Measure)
	for round := 0; round < len(b.proposals)+1; round++ {
		placed := make([]int, len(b.proposals))
		for i := range placed {
			placed[i] = -1
		}
		onParcel := map[int][]int{} // parcel → positions in res.Chosen
		for n, k := range res.Chosen {
			placed[b.item[k]] = k
			onParcel[b.parcel[k]] = append(onParcel[b.parcel[k]], n)
		}
		type brk struct {
			pos, order int
			pr         rules.PairAssessment
			i, j       int
		}
		var breaks []brk
		order := 0
		dc.Pairs = 0
		b.eachPair(func(i, j int, pr *rules.PairAssessment) {
			order++
			if placed[i] >= 0 {
				return
			}
			for _, n := range onParcel[j] {
				kb := res.Chosen[n]
				dc.Pairs++
				if Dominates(b.prof, pr, &b.pairs[kb]) {
					breaks = append(breaks, brk{pos: n, order: order, pr: *pr, i: i, j: j})
				}
			}
		})
		sort.SliceStable(breaks, func(x, y int) bool {
			if breaks[x].pos != breaks[y].pos {
				return breaks[x].pos < breaks[y].pos
			}
			return breaks[x].order < breaks[y].order
		})
		if !repair || len(breaks) == 0 {
			for _, br := range breaks {
				kb := res.Chosen[br.pos]
				dc.Breaks = append(dc.Breaks, DominanceBreak{Dominant: b.proposals[br.i].ID, Dominated: b.proposals[b.item[kb]].ID, Parcel: b.parcels[br.j].ID})
			}
			break
		}
		br := breaks[0]
		kb := res.Chosen[br.pos]
		dc.Breaks = append(dc.Breaks, DominanceBreak{Dominant: b.proposals[br.i].ID, Dominated: b.proposals[b.item[kb]].ID, Parcel: b.parcels[br.j].ID})
		dc.Repaired++
		if err := b.swapChosen(res, br.pos, &br.pr, br.i, br.j); err != nil {
			return dc, err
		}
	}
	if dc.Repaired > 0 {
		res.Objective = b.objectiveOf(res.Chosen)
		if res.Bound > 0 {
			res.Gap = max(0, (res.Bound-res.Objective)/res.Bound)
		}
	}
	return dc, nil
}

// swapChosen replaces the chosen pair at position pos with pair pr of
// proposal i on parcel j; the chosen pairs are held again, in proposal
// order.
func (b *builder) swapChosen(res *assign.Result, pos int, pr *rules.PairAssessment, i, j int) error {
	type held struct {
		pr   rules.PairAssessment
		i, j int
	}
	hs := make([]held, 0, len(res.Chosen))
	for n, k := range res.Chosen {
		if n == pos {
			hs = append(hs, held{*pr, i, j})
			continue
		}
		hs = append(hs, held{b.pairs[k], b.item[k], b.parcel[k]})
	}
	sort.SliceStable(hs, func(x, y int) bool { return hs[x].i < hs[y].i })
	b.unhold(0)
	for s := range b.side {
		b.side[s].Terms = nil
	}
	b.byParcel = make([][]int, len(b.parcels))
	b.byItem = make([][]int, len(b.proposals))
	res.Chosen = res.Chosen[:0]
	for _, h := range hs {
		res.Chosen = append(res.Chosen, b.hold(&h.pr, h.i, h.j, true))
	}
	return nil
}

// explainPass makes the last pass over every pair: each chosen pair's
// runner-ups (held beside the chosen pairs) and the explanation of each
// proposal left out (its pairs held for the moment).
func (b *builder) explainPass(res *assign.Result) {
	st := b.state(res.Chosen)
	type best struct {
		pr    rules.PairAssessment
		i, j  int
		value float64
		ok    bool
	}
	rp := make(map[int]*best) // chosen pair → best other parcel of its proposal
	rq := make(map[int]*best) // parcel with a chosen pair → best other project
	for _, k := range res.Chosen {
		rp[k] = &best{}
		if rq[b.parcel[k]] == nil {
			rq[b.parcel[k]] = &best{}
		}
	}
	better := func(x *best, pr *rules.PairAssessment, i, j int) {
		v := b.figures(pr, i, j).value
		if !x.ok || v > x.value {
			*x = best{pr: *pr, i: i, j: j, value: v, ok: true}
		}
	}
	b.eachProposal(nil, func(i int, buf *pairBuf) {
		k := st.placed[i]
		for n := range buf.pairs {
			pr, j := &buf.pairs[n], buf.parcel[n]
			if k >= 0 && j != b.parcel[k] {
				better(rp[k], pr, i, j)
			}
			if x := rq[j]; x != nil && (k < 0 || b.parcel[k] != j) {
				better(x, pr, i, j)
			}
		}
		if k >= 0 {
			return
		}
		from := len(b.pairs)
		b.byItem[i] = b.byItem[i][:0]
		for n := range buf.pairs {
			b.byItem[i] = append(b.byItem[i], b.hold(&buf.pairs[n], i, buf.parcel[n], false))
		}
		b.priced.unallocated[i] = b.unallocated(st, i, res.Status)
		b.unhold(from)
		b.byItem[i] = nil
	})
	for _, k := range res.Chosen {
		r := [2]int{-1, -1}
		if x := rp[k]; x.ok {
			r[0] = b.hold(&x.pr, x.i, x.j, false)
		}
		if x := rq[b.parcel[k]]; x.ok && x.i != b.item[k] {
			r[1] = b.hold(&x.pr, x.i, x.j, false)
		}
		b.priced.runners[k] = r
	}
}

// explainScore is pair k's score with its breakdown and reasons.
func (b *builder) explainScore(k int) rules.PairScore {
	if b.priced != nil {
		return b.priced.scorer.Explain(&b.pairs[k])
	}
	return b.scoring.Explain(b.base[k])
}
