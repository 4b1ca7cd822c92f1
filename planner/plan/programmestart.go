package plan

import (
	"context"
	"math"
	"time"

	"github.com/landplan/landplan/planner/assign"
)

// programmeStart builds the assignment a programme's solver starts from
// (assign.SolveFrom), year by year: the forced pairs first (signed
// contracts and plan.forced, in whatever year they fall), then the
// planning year's own model — its pairs only, on the land and the quotas
// of every year the forced pairs leave — solved at its root to the run's
// gap (startGapShare), and fixed; then each later year on
// what the earlier years leave, with that year's pairs. Phases charge the later years' quotas as in the
// programme itself, so the union is a feasible programme: the rolling
// plan a bureau would make by planning one year at a time. Last, the
// later years are solved again together on what the planning year leaves
// (laterYears).
//
// The programme's optimiser proves a bound close to the optimum at its
// root but finds good programmes slowly (a multiple knapsack over the
// years' quotas with nearly equal values in each year); a one-year model
// is what it solves well. Each year's model is solved at its root only
// (assign.Settings.NodeLimit 1), so the construction does not depend on
// the machine's speed unless the run's time limit cuts it short. It
// returns the pairs chosen; nil for a one-year plan. The prices of the
// start's models (assign.Result.Prices, the largest of each parcel's and
// each quota's) are kept in b.startPrices: the programme's optimiser
// starts its first phase from them (assign.Settings.StartPrices), as
// the price of a parcel or a year's quota in the programme is near what
// the year that uses it pays.
func (b *builder) programmeStart(ctx context.Context, prob *assign.Problem, set Settings, gap float64) []int {
	years := b.prof.HorizonYears()
	if len(years) < 2 {
		return nil
	}
	chosen, prices := startAndPrices(ctx, prob, b.year, years, assign.Settings{TimeLimit: set.TimeLimit, TargetGap: startGapShare * gap, IterationLimit: set.IterationLimit, MaxMemory: set.MaxMemory})
	b.startPrices = prices
	return chosen
}

// startGapShare is the share of the run's target gap to which each of
// the start's models is solved. On the generated 3000 × 1500 programme of
// BENCHMARKS.md at 5%, a quarter gave a better start (322.9 against
// 321.7) but its planning year's model took 6–7 s instead of 2 s; with
// the optimiser's first phase started from the start's prices, its
// knapsack relaxation proves the whole gap's start within the gap at
// once (bound 338.0), so the whole gap is the faster run (7.7 s against
// 14.9 s in all, one run each, load 1.5–2.7).
const startGapShare = 1.0

// yearByYear is programmeStart on a problem whose pair k starts in year[k]:
// the forced pairs, then each year of years in turn, its pairs solved at
// the root (s.NodeLimit is set to 1) on what the earlier years leave, then
// the years after the first together (laterYears). The
// years' runs share s.TimeLimit; nil when the problem has forbidden pairs
// or ctx is cancelled.
func yearByYear(ctx context.Context, prob *assign.Problem, year []int, years []int, s assign.Settings) []int {
	chosen, _ := startAndPrices(ctx, prob, year, years, s)
	return chosen
}

// startAndPrices is yearByYear, which also returns the prices of the
// start's models (assign.Result.Prices), the largest of each.
func startAndPrices(ctx context.Context, prob *assign.Problem, year []int, years []int, s assign.Settings) ([]int, *assign.Prices) {
	if len(prob.Forbidden) > 0 {
		return nil, nil
	}
	deadline := time.Now().Add(s.TimeLimit)
	s.NodeLimit, s.Progress = 1, nil
	r := newResidual(prob)
	var chosen []int
	for _, k := range prob.Forced {
		r.take(k)
		chosen = append(chosen, k)
	}
	for _, y := range years {
		s.TimeLimit = time.Until(deadline)
		if s.TimeLimit <= 0 || ctx.Err() != nil {
			break
		}
		sub, of := r.subProblem(func(k int) bool { return year[k] == y })
		if len(sub.Pairs) == 0 {
			continue
		}
		res, err := assign.Solve(ctx, sub, &s)
		if err != nil || res.Status == assign.Infeasible {
			break
		}
		r.prices = r.prices.Max(res.Prices)
		for _, q := range res.Chosen {
			if k := of[q]; r.fits(k) {
				r.take(k)
				chosen = append(chosen, k)
			}
		}
	}
	chosen = laterYears(ctx, r, chosen, year, years[0], s, deadline)
	if ctx.Err() != nil {
		return nil, nil
	}
	return chosen, r.prices
}

// laterYears solves the later years of the programme together, the
// planning year's allocations (and the forced pairs) fixed, started from
// the later years' year-by-year allocations (assign.SolveFrom), so that
// it never does worse than they: a later year no longer takes land or a
// quota an even later year would have used better.
func laterYears(ctx context.Context, r *residual, chosen, year []int, y0 int, s assign.Settings, deadline time.Time) []int {
	s.TimeLimit = time.Until(deadline)
	if s.TimeLimit <= 0 || ctx.Err() != nil {
		return chosen
	}
	forced := map[int]bool{}
	for _, k := range r.p.Forced {
		forced[k] = true
	}
	var keep, later []int
	for _, k := range chosen {
		if year[k] > y0 && !forced[k] {
			later = append(later, k)
			r.release(k)
		} else {
			keep = append(keep, k)
		}
	}
	sub, of := r.subProblem(func(k int) bool { return year[k] > y0 })
	at := make(map[int]int, len(of))
	for q, k := range of {
		at[k] = q
	}
	from := make([]int, 0, len(later))
	for _, k := range later {
		from = append(from, at[k])
	}
	res, err := assign.SolveFrom(ctx, sub, &s, from)
	if err != nil || res.Status == assign.Infeasible {
		for _, k := range later {
			r.take(k)
		}
		return chosen
	}
	r.prices = r.prices.Max(res.Prices)
	for _, q := range res.Chosen {
		if k := of[q]; r.fits(k) {
			r.take(k)
			keep = append(keep, k)
		}
	}
	return keep
}

// release takes pair k out again.
func (r *residual) release(k int) {
	pr := r.p.Pairs[k]
	r.placed[pr.Item] = false
	r.bin[pr.Bin] += pr.Weight
	for _, t := range r.terms.of(k) {
		r.side[t.Pair] += t.Coef
	}
	for _, g := range r.groups[k] {
		r.used[g] = false
	}
}

// residual is what an assignment under construction leaves of a
// problem's items, bins and side constraints.
type residual struct {
	p      *assign.Problem
	placed []bool
	bin    []float64
	side   []float64
	used   []bool // exclusive groups
	// terms lists, per pair, its side constraints and coefficients;
	// groups the exclusive groups of the pairs in one.
	terms  *pairTerms
	groups map[int][]int
	// prices are the largest prices of the models solved on it.
	prices *assign.Prices
}

func newResidual(p *assign.Problem) *residual {
	r := &residual{p: p, placed: make([]bool, p.Items), bin: make([]float64, len(p.Bins)), side: make([]float64, len(p.Side))}
	for j, bn := range p.Bins {
		r.bin[j] = bn.Capacity
	}
	r.used, r.groups = make([]bool, len(p.Exclusive)), map[int][]int{}
	for g, grp := range p.Exclusive {
		for _, k := range grp {
			r.groups[k] = append(r.groups[k], g)
		}
	}
	for c, con := range p.Side {
		r.side[c] = con.Capacity
	}
	r.terms = newPairTerms(len(p.Pairs), p.Side)
	return r
}

// slack is the rounding allowance of a capacity c, below the optimiser's
// own feasibility tolerance so that the assignment built passes its check.
func slack(c float64) float64 { return 1e-10 * math.Max(1, math.Abs(c)) }

// fits reports whether pair k's item is free and its bin and side
// constraints have room for it.
func (r *residual) fits(k int) bool {
	pr := r.p.Pairs[k]
	if r.placed[pr.Item] || pr.Weight > r.bin[pr.Bin]+slack(r.p.Bins[pr.Bin].Capacity) {
		return false
	}
	for _, t := range r.terms.of(k) {
		if t.Coef > r.side[t.Pair]+slack(r.p.Side[t.Pair].Capacity) {
			return false
		}
	}
	for _, g := range r.groups[k] {
		if r.used[g] {
			return false
		}
	}
	return true
}

// take places pair k.
func (r *residual) take(k int) {
	pr := r.p.Pairs[k]
	r.placed[pr.Item] = true
	r.bin[pr.Bin] -= pr.Weight
	for _, t := range r.terms.of(k) {
		r.side[t.Pair] -= t.Coef
	}
	for _, g := range r.groups[k] {
		r.used[g] = true
	}
}

// subProblem is the problem on what is left, over the pairs that fit and
// that want admits; of maps its pairs to the problem's.
func (r *residual) subProblem(want func(k int) bool) (*assign.Problem, []int) {
	p := r.p
	sub := &assign.Problem{Items: p.Items, ItemNames: p.ItemNames, Bins: make([]assign.Bin, len(p.Bins)), Side: make([]assign.Constraint, len(p.Side))}
	for j, bn := range p.Bins {
		sub.Bins[j] = assign.Bin{Name: bn.Name, Capacity: max(0, r.bin[j])}
	}
	for c, con := range p.Side {
		sub.Side[c] = assign.Constraint{Name: con.Name, Capacity: max(0, r.side[c])}
	}
	// The pairs first, then each constraint's terms sized and filled.
	var of []int
	nTerms := make([]int, len(p.Side))
	for k, pr := range p.Pairs {
		if pr.Value <= 0 || !want(k) || !r.fits(k) {
			continue
		}
		of = append(of, k)
		for _, t := range r.terms.of(k) {
			nTerms[t.Pair]++
		}
	}
	for c, n := range nTerms {
		sub.Side[c].Terms = make([]assign.Term, 0, n)
	}
	sub.Pairs = make([]assign.Pair, len(of))
	at := map[int]int{}
	for q, k := range of {
		sub.Pairs[q] = p.Pairs[k]
		for _, t := range r.terms.of(k) {
			sub.Side[t.Pair].Terms = append(sub.Side[t.Pair].Terms, assign.Term{Pair: q, Coef: t.Coef})
		}
		if len(r.groups[k]) > 0 {
			at[k] = q
		}
	}
	for g, grp := range p.Exclusive {
		var in []int
		for _, k := range grp {
			if q, ok := at[k]; ok {
				in = append(in, q)
			}
		}
		if len(in) > 1 && !r.used[g] {
			sub.Exclusive = append(sub.Exclusive, in)
		}
	}
	return sub, of
}

// strengthen raises the weights of a programme's model (fullWeights); a
// one-year model keeps its weights.
func (b *builder) strengthen(prob *assign.Problem) {
	if len(b.prof.HorizonYears()) > 1 {
		fullWeights(prob)
	}
}

// fullWeights strengthens a model's weights without changing the
// assignments it allows: a pair that leaves too little of its bin for any
// pair of another item takes, in the model, the whole bin. Whenever it is
// chosen it is its bin's only pair, so the bin's capacity still holds it;
// but the relaxation the optimiser bounds with, in which a parcel's area
// may be shared fractionally, can no longer fill the rest of the parcel
// with fractions of other pairs (a lifted knapsack coefficient). Raising
// several pairs at once stays exact: a raised pair is never chosen with
// another. It returns how many weights it raised.
func fullWeights(prob *assign.Problem) int {
	// The two smallest weights of each bin's pairs of different items.
	type least struct {
		w1, w2 float64
		i1     int
	}
	ls := make([]least, len(prob.Bins))
	for j := range ls {
		ls[j] = least{math.Inf(1), math.Inf(1), -1}
	}
	for _, pr := range prob.Pairs {
		l := &ls[pr.Bin]
		switch w := pr.Weight; {
		case w < l.w1 && pr.Item == l.i1:
			l.w1 = w
		case w < l.w1:
			l.w2, l.w1, l.i1 = l.w1, w, pr.Item
		case w < l.w2 && pr.Item != l.i1:
			l.w2 = w
		}
	}
	n := 0
	for k, pr := range prob.Pairs {
		l, c := ls[pr.Bin], prob.Bins[pr.Bin].Capacity
		other := l.w1
		if pr.Item == l.i1 {
			other = l.w2
		}
		if pr.Weight < c && pr.Weight+other > c+1e-6*math.Max(1, c) {
			prob.Pairs[k].Weight = c
			n++
		}
	}
	return n
}
