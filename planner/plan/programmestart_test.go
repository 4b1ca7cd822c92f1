package plan

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/landplan/landplan/planner/assign"
)

// feasible checks an assignment against the problem with the original
// weights, independently of package assign: each item once, every bin and
// side constraint within its capacity, every exclusive group used at most
// once, every forced pair chosen.
func feasible(p *assign.Problem, chosen []int) string {
	on := map[int]bool{}
	items := map[int]bool{}
	load := make([]float64, len(p.Bins))
	for _, k := range chosen {
		pr := p.Pairs[k]
		if items[pr.Item] {
			return "an item is chosen twice"
		}
		items[pr.Item], on[k] = true, true
		load[pr.Bin] += pr.Weight
	}
	for j, l := range load {
		if l > p.Bins[j].Capacity+1e-9 {
			return "a bin is over its capacity"
		}
	}
	for _, c := range p.Side {
		used := 0.0
		for _, t := range c.Terms {
			if on[t.Pair] {
				used += t.Coef
			}
		}
		if used > c.Capacity+1e-9 {
			return "side constraint " + c.Name + " is over its capacity"
		}
	}
	for _, g := range p.Exclusive {
		n := 0
		for _, k := range g {
			if on[k] {
				n++
			}
		}
		if n > 1 {
			return "an exclusive group is used twice"
		}
	}
	for _, k := range p.Forced {
		if !on[k] {
			return "a forced pair is not chosen"
		}
	}
	return ""
}

// randomProgramme makes a small programme: items with pairs on a few
// bins in each of three years (values discounted by year), a quota row per
// year over the pairs of that year, a forced pair. year gives each pair's
// year.
func randomProgramme(rng *rand.Rand, items, bins int) (*assign.Problem, []int) {
	p := &assign.Problem{Items: items}
	for j := 0; j < bins; j++ {
		p.Bins = append(p.Bins, assign.Bin{Capacity: 20 + 40*rng.Float64()})
	}
	var year []int
	for i := 0; i < items; i++ {
		w := 8 + 30*rng.Float64()
		v := w * (0.5 + rng.Float64())
		for _, j := range rng.Perm(bins)[:2] {
			for y := 0; y < 3; y++ {
				p.Pairs = append(p.Pairs, assign.Pair{Item: i, Bin: j, Weight: w, Value: v * math.Pow(0.98, float64(y))})
				year = append(year, 2026+y)
			}
		}
	}
	for y := 0; y < 3; y++ {
		c := assign.Constraint{Name: "quota", Capacity: 40 + 20*rng.Float64()}
		for k := range p.Pairs {
			if year[k] == 2026+y {
				c.Terms = append(c.Terms, assign.Term{Pair: k, Coef: p.Pairs[k].Weight})
			}
		}
		p.Side = append(p.Side, c)
	}
	// Force the first pair that fits its bin and its year's quota.
	for k, pr := range p.Pairs {
		if pr.Weight <= p.Bins[pr.Bin].Capacity && pr.Weight <= p.Side[year[k]-2026].Capacity {
			p.Forced = []int{k}
			break
		}
	}
	return p, year
}

// The year-by-year start is a feasible programme: forced pairs kept, no
// bin, quota or item used beyond what it allows, each year's pairs placed
// only on what the earlier years left; it never exceeds the proven
// optimum, and it is the same on every run.
func TestYearByYearStart(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 13))
	placed := 0
	for n := 0; n < 20; n++ {
		p, year := randomProgramme(rng, 12, 5)
		s := assign.Settings{TimeLimit: 10 * time.Second, TargetGap: 1e-6}
		got := yearByYear(context.Background(), p, year, []int{2026, 2027, 2028}, s)
		if why := feasible(p, got); why != "" {
			t.Fatalf("instance %d: the start is not feasible: %s", n, why)
		}
		value := 0.0
		years := map[int]bool{}
		for _, k := range got {
			value += p.Pairs[k].Value
			years[year[k]] = true
		}
		placed += len(got)
		opt, err := assign.Solve(context.Background(), p, &assign.Settings{TimeLimit: 10 * time.Second, TargetGap: -1})
		if err != nil {
			t.Fatal(err)
		}
		if value > opt.Bound+1e-9 {
			t.Errorf("instance %d: start %.6f above the proven bound %.6f", n, value, opt.Bound)
		}
		again := yearByYear(context.Background(), p, year, []int{2026, 2027, 2028}, s)
		if len(again) != len(got) {
			t.Fatalf("instance %d: %d pairs, then %d", n, len(got), len(again))
		}
		for i := range got {
			if got[i] != again[i] {
				t.Fatalf("instance %d: the start differs between runs", n)
			}
		}
		if n == 0 && len(years) < 2 {
			t.Errorf("instance 0: the start uses years %v only; the quotas leave room for later years", years)
		}
	}
	if placed == 0 {
		t.Fatal("no instance placed anything")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p, year := randomProgramme(rng, 12, 5)
	if got := yearByYear(ctx, p, year, []int{2026, 2027, 2028}, assign.Settings{TimeLimit: time.Second}); got != nil {
		t.Errorf("a cancelled run returned a start of %d pairs", len(got))
	}
}

// Raising the weights of pairs that leave no room for another item's pair
// keeps exactly the same feasible assignments: every subset of the pairs
// is feasible with the raised weights if and only if it is with the
// original ones.
func TestFullWeightsKeepFeasibleSets(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	raised := 0
	for n := 0; n < 30; n++ {
		p := &assign.Problem{Items: 6}
		for j := 0; j < 2; j++ {
			p.Bins = append(p.Bins, assign.Bin{Capacity: 30 + 20*rng.Float64()})
		}
		for i := 0; i < 6; i++ {
			w := 5 + 35*rng.Float64()
			for j := 0; j < 2; j++ {
				p.Pairs = append(p.Pairs, assign.Pair{Item: i, Bin: j, Weight: w, Value: 1})
			}
		}
		lifted := *p
		lifted.Pairs = append([]assign.Pair(nil), p.Pairs...)
		raised += fullWeights(&lifted)
		for k := range p.Pairs {
			if w, c := lifted.Pairs[k].Weight, p.Bins[p.Pairs[k].Bin].Capacity; w != p.Pairs[k].Weight && (w != c || p.Pairs[k].Weight > c) {
				t.Fatalf("instance %d: pair %d's weight %g became %g", n, k, p.Pairs[k].Weight, lifted.Pairs[k].Weight)
			}
		}
		for set := 0; set < 1<<len(p.Pairs); set++ {
			var chosen []int
			for k := range p.Pairs {
				if set&(1<<k) != 0 {
					chosen = append(chosen, k)
				}
			}
			a, b := feasible(p, chosen) == "", feasible(&lifted, chosen) == ""
			if a != b {
				t.Fatalf("instance %d: pairs %v feasible %v with the original weights, %v with the raised ones", n, chosen, a, b)
			}
		}
	}
	if raised == 0 {
		t.Fatal("no weight was raised: the instances do not test the strengthening")
	}
}

// The start's prices fit the programme (a price per bin and per quota,
// finite, non-negative, some positive where the quotas bind), and a
// programme solved from them to optimality reaches the same optimum as
// one solved cold, with a bound never below it.
func TestStartPrices(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 17))
	positive := 0
	for n := 0; n < 10; n++ {
		p, year := randomProgramme(rng, 12, 5)
		s := assign.Settings{TimeLimit: 10 * time.Second, TargetGap: 1e-6}
		_, pr := startAndPrices(context.Background(), p, year, []int{2026, 2027, 2028}, s)
		if pr == nil || len(pr.Bins) != len(p.Bins) || len(pr.Side) != len(p.Side) {
			t.Fatalf("instance %d: prices %+v for %d bins, %d quotas", n, pr, len(p.Bins), len(p.Side))
		}
		for _, v := range append(append([]float64{}, pr.Bins...), pr.Side...) {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("instance %d: price %v", n, v)
			}
			if v > 0 {
				positive++
			}
		}
		cold, err := assign.Solve(context.Background(), p, &assign.Settings{TimeLimit: 10 * time.Second, TargetGap: -1})
		if err != nil {
			t.Fatal(err)
		}
		warm, err := assign.Solve(context.Background(), p, &assign.Settings{TimeLimit: 10 * time.Second, TargetGap: -1, StartPrices: pr})
		if err != nil {
			t.Fatal(err)
		}
		if warm.Status != assign.Optimal || math.Abs(warm.Objective-cold.Objective) > 1e-9*math.Max(1, cold.Objective) || warm.Bound < cold.Objective-1e-9 {
			t.Fatalf("instance %d: warm %v %.9f (bound %.9f), cold %v %.9f", n, warm.Status, warm.Objective, warm.Bound, cold.Status, cold.Objective)
		}
	}
	if positive == 0 {
		t.Fatal("no positive price in any instance")
	}
}
