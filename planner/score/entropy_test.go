package score_test

import (
	"errors"
	"math"
	"testing"

	"github.com/landplan/landplan/planner/score"
)

func TestEntropyWeights(t *testing.T) {
	// Worked example, L = ln 2/ln 3:
	//   a (benefit) 0, 5, 10 → n = (0, 0.5, 1), p = (0, 1/3, 2/3),
	//     Σ p ln p = −ln 3 + (2/3) ln 2, e = 1 − (2/3)L, 1 − e = (2/3)L;
	//   b (cost) 2, 4, 2 → n = (1, 0, 1), p = (1/2, 0, 1/2),
	//     Σ p ln p = −ln 2, e = L, 1 − e = 1 − L;
	//   c constant → weight 0.
	// w = ((2/3)L, 1 − L, 0)/((2/3)L + 1 − L) ≈ (0.532639, 0.467361, 0).
	l := math.Log(2) / math.Log(3)
	total := 2.0/3*l + 1 - l
	tests := []struct {
		name string
		m    score.Matrix
		want []float64
	}{
		{
			name: "worked 3×3",
			m: matrix(t, []string{"a", "b", "c"}, []score.Direction{score.Benefit, score.Cost, score.Benefit},
				[][]float64{{0, 2, 7}, {5, 4, 7}, {10, 2, 7}}),
			want: []float64{2.0 / 3 * l / total, (1 - l) / total, 0},
		},
		{
			// Two rows, each column with one 0 and one 1 after
			// normalisation: p = (1, 0), e = 0 for both, equal weights.
			name: "two rows",
			m: matrix(t, []string{"a", "b"}, []score.Direction{score.Benefit, score.Cost},
				[][]float64{{1, 100}, {3, 50}}),
			want: []float64{0.5, 0.5},
		},
		{
			name: "all columns constant",
			m: matrix(t, []string{"a", "b", "c"}, []score.Direction{score.Benefit, score.Cost, score.Cost},
				[][]float64{{1, 2, 3}, {1, 2, 3}}),
			want: []float64{1.0 / 3, 1.0 / 3, 1.0 / 3},
		},
		{
			name: "one row",
			m: matrix(t, []string{"a", "b", "c", "d"}, []score.Direction{score.Benefit, score.Cost, score.Cost, score.Benefit},
				[][]float64{{1, 2, 3, 4}}),
			want: []float64{0.25, 0.25, 0.25, 0.25},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := score.EntropyWeights(tc.m)
			if err != nil {
				t.Fatal(err)
			}
			assertSlice(t, "weights", w, tc.want, exact)
		})
	}
}

func TestEntropyWeightsProperties(t *testing.T) {
	// On random matrices the weights are ≥ 0 and sum to 1, and a column
	// made constant gets weight 0.
	for seed := range uint64(20) {
		rows, cols := 2+int(seed)*7, 2+int(seed%8)
		m := randomMatrix(seed, rows, cols)
		for i := range rows {
			m.Values.Set(i, 1, 42)
		}
		w, err := score.EntropyWeights(m)
		if err != nil {
			t.Fatal(err)
		}
		if w[1] != 0 {
			t.Errorf("seed %d: constant column has weight %v", seed, w[1])
		}
		sum := 0.0
		for j, x := range w {
			if !(x >= 0) {
				t.Errorf("seed %d: weight %d is %v", seed, j, x)
			}
			sum += x
		}
		// ≤ 9 terms each ≤ 1: rounding below 1e-15.
		if !near(sum, 1, exact) {
			t.Errorf("seed %d: weights sum to %v", seed, sum)
		}
	}
}

func TestEntropyWeightsErrors(t *testing.T) {
	m := matrix(t, []string{"a", "b"}, []score.Direction{score.Benefit, score.Cost}, [][]float64{{1, 2}, {3, math.Inf(1)}})
	_, err := score.EntropyWeights(m)
	var ie *score.InputError
	if !errors.As(err, &ie) || ie.Criterion != "b" || ie.Row != 1 || ie.Column != 1 {
		t.Fatalf("error %v, want an *InputError at criterion b, row index 1", err)
	}
}
