package score_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/landplan/landplan/planner/score"
)

// matrix builds a score.Matrix from rows of raw values.
func matrix(t testing.TB, names []string, dirs []score.Direction, rows [][]float64) score.Matrix {
	t.Helper()
	var data []float64
	for _, r := range rows {
		if len(r) != len(names) {
			t.Fatalf("test matrix row has %d values for %d criteria", len(r), len(names))
		}
		data = append(data, r...)
	}
	return score.Matrix{Criteria: names, Directions: dirs, Values: mat.NewDense(len(rows), len(names), data)}
}

// randomMatrix returns a rows×cols matrix of values in [-50, 150) with
// random directions, from a fixed seed. Every fourth column takes only
// three distinct values, so ties and repeated extremes occur.
func randomMatrix(seed uint64, rows, cols int) score.Matrix {
	rng := rand.New(rand.NewPCG(seed, 1))
	m := score.Matrix{
		Criteria:   make([]string, cols),
		Directions: make([]score.Direction, cols),
		Values:     mat.NewDense(rows, cols, nil),
	}
	for j := range cols {
		m.Criteria[j] = "c" + string(rune('a'+j%26)) + string(rune('a'+j/26))
		m.Directions[j] = score.Direction(rng.IntN(2))
	}
	for i := range rows {
		for j := range cols {
			x := rng.Float64()*200 - 50
			if j%4 == 3 {
				x = float64(rng.IntN(3))
			}
			m.Values.Set(i, j, x)
		}
	}
	return m
}

// randomWeights returns n weights in [0, 1) with the first one positive.
func randomWeights(rng *rand.Rand, n int) []float64 {
	w := make([]float64, n)
	for j := range w {
		w[j] = rng.Float64()
	}
	w[0] += 0.1
	return w
}

// near reports whether got is within tol of want.
func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// assertSlice fails unless got and want have the same length and agree
// to tol element by element.
func assertSlice(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values %v, want %d %v", what, len(got), got, len(want), want)
	}
	for i := range got {
		if !near(got[i], want[i], tol) {
			t.Errorf("%s[%d] = %.12g, want %.12g (±%g)", what, i, got[i], want[i], tol)
		}
	}
}
