package assign

import (
	"context"
	"math"
	"testing"
)

func TestEdgeCases(t *testing.T) {
	cases := []struct {
		name   string
		p      *Problem
		obj    float64
		chosen []int
	}{
		{"empty", &Problem{}, 0, nil},
		{"items without pairs", &Problem{Items: 3, Bins: []Bin{{Capacity: 1}}}, 0, nil},
		{"only forced", &Problem{Items: 1, Bins: []Bin{{Capacity: 1}}, Pairs: []Pair{{0, 0, -2.5, 1}}, Forced: []int{0}}, -2.5, []int{0}},
		{"zero capacity, zero weight", &Problem{Items: 2, Bins: []Bin{{Capacity: 0}}, Pairs: []Pair{{0, 0, 2, 0}, {1, 0, 3, 0.1}}}, 2, []int{0}},
		{"negative values left out", &Problem{Items: 2, Bins: []Bin{{Capacity: 5}}, Pairs: []Pair{{0, 0, -1, 1}, {1, 0, 0, 1}}}, 0, nil},
		{"forced and forbidden elsewhere", &Problem{Items: 2, Bins: []Bin{{Capacity: 5}, {Capacity: 5}},
			Pairs:  []Pair{{0, 0, 1, 5}, {1, 0, 9, 1}, {1, 1, 4, 1}},
			Forced: []int{0, 0}, Forbidden: []int{2}}, 1, []int{0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Solve(context.Background(), tc.p, &Settings{TargetGap: -1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != Optimal || res.Objective != tc.obj || len(res.Chosen) != len(tc.chosen) {
				t.Fatalf("status %v objective %v chosen %v; want optimal %v %v", res.Status, res.Objective, res.Chosen, tc.obj, tc.chosen)
			}
			for j := range tc.chosen {
				if res.Chosen[j] != tc.chosen[j] {
					t.Errorf("chosen %v, want %v", res.Chosen, tc.chosen)
				}
			}
			// Bound within the rounding allowance of the objective.
			if res.Bound < res.Objective || res.Bound-res.Objective > 1e-9*math.Max(1, math.Abs(res.Objective)) {
				t.Errorf("bound %v, objective %v", res.Bound, res.Objective)
			}
		})
	}
}

// A bound is only claimed at finite non-negative multipliers.
func TestInvalidMultipliersClaimNoBound(t *testing.T) {
	p := &Problem{Items: 2, Bins: []Bin{{Capacity: 5}}, Pairs: []Pair{{0, 0, 3, 1}, {0, 0, 2, 1}, {1, 0, 1, 1}},
		Side: []Constraint{{Capacity: 1, Terms: []Term{{Pair: 0, Coef: 1}, {Pair: 2, Coef: 1}}}}}
	root, _ := rawModel(p).restrict(nil, nil)
	for _, tc := range []struct {
		name string
		set  func(a mults)
	}{
		{"negative item multiplier", func(a mults) { a.u[0] = -1 }},
		{"NaN side multiplier", func(a mults) { a.lam[0] = math.NaN() }},
		{"infinite item multiplier", func(a mults) { a.u[1] = math.Inf(1) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newMults(root)
			if L := newDual(root, 1).eval(a); math.IsInf(L, 1) {
				t.Fatalf("zero multipliers give no bound")
			}
			tc.set(a)
			if L := newDual(root, 1).eval(a); !math.IsInf(L, 1) {
				t.Errorf("bound %v claimed", L)
			}
			if L := newBinDual(root, 1).eval(make([]float64, root.nBins), a); !math.IsInf(L, 1) {
				t.Errorf("bin-relaxed bound %v claimed", L)
			}
		})
	}
}
