package score_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/landplan/landplan/planner/score"
)

// rowsOf yields the rows of m's values, as a caller that does not hold
// them would compute them again.
func rowsOf(m score.Matrix) score.Rows {
	return func(yield func([]float64)) {
		r, c := m.Values.Dims()
		row := make([]float64, c)
		for i := range r {
			mat.Row(row, i, m.Values)
			yield(row)
		}
	}
}

// TestStreamMatchesScore scores random matrices both ways, every method
// and aggregation: the streamed scores and contributions are Score's,
// bit for bit.
func TestStreamMatchesScore(t *testing.T) {
	for seed := uint64(1); seed <= 12; seed++ {
		m := randomMatrix(seed, 5+int(seed)*37, 1+int(seed)%6)
		_, cols := m.Values.Dims()
		ws := make([]float64, cols)
		judge := make([][]float64, cols)
		bench := make([]float64, cols)
		for j := range ws {
			ws[j] = float64(j + 1)
			judge[j] = make([]float64, cols)
			for k := range judge[j] {
				judge[j][k] = 1
			}
			bench[j] = 50 + float64(j)
		}
		for _, set := range []score.Settings{
			{Method: score.MethodExplicit, Weights: ws},
			{Method: score.MethodEntropy},
			{Method: score.MethodAHP, Judgement: judge},
			{Method: score.MethodEntropy, Aggregation: score.TOPSIS},
			{Method: score.MethodExplicit, Weights: ws, Aggregation: score.TOPSIS},
			{Method: score.MethodEntropy, Aggregation: score.Benchmark, Benchmarks: bench},
		} {
			name := fmt.Sprintf("seed %d %s %s", seed, set.Method, set.Aggregation)
			want, err := score.Score(m, &set)
			if err != nil {
				t.Fatalf("%s: Score: %v", name, err)
			}
			s, err := score.NewStream(m.Criteria, m.Directions, rowsOf(m), &set)
			if err != nil {
				t.Fatalf("%s: NewStream: %v", name, err)
			}
			for j, w := range want.Weights {
				if s.Weights[j] != w {
					t.Fatalf("%s: weight %d = %v, Score gives %v", name, j, s.Weights[j], w)
				}
			}
			contrib := make([]float64, cols)
			i := 0
			rowsOf(m)(func(row []float64) {
				if got := s.Score(row, contrib); got != want.Scores[i] {
					t.Fatalf("%s: row %d scores %v, Score gives %v", name, i, got, want.Scores[i])
				}
				for j := range contrib {
					if contrib[j] != want.Contributions.At(i, j) {
						t.Fatalf("%s: row %d contribution %d = %v, Score gives %v", name, i, j, contrib[j], want.Contributions.At(i, j))
					}
				}
				i++
			})
			if s.Rows != i {
				t.Fatalf("%s: %d rows scanned, %d given", name, s.Rows, i)
			}
		}
	}
}

// TestStreamErrors: a value that is not finite is refused naming its
// criterion and row, and no rows at all is refused.
func TestStreamErrors(t *testing.T) {
	m := matrix(t, []string{"out", "tax"}, []score.Direction{score.Benefit, score.Benefit}, [][]float64{{1, 2}, {3, math.NaN()}})
	_, err := score.NewStream(m.Criteria, m.Directions, rowsOf(m), &score.Settings{Method: score.MethodEntropy})
	var ie *score.InputError
	if !errors.As(err, &ie) || ie.Criterion != "tax" || ie.Row != 1 {
		t.Fatalf("NaN value: got %v, want an InputError naming tax, row 2", err)
	}
	_, err = score.NewStream(m.Criteria, m.Directions, func(func([]float64)) {}, &score.Settings{Method: score.MethodEntropy})
	if !errors.Is(err, score.ErrInvalid) {
		t.Fatalf("no rows: got %v, want ErrInvalid", err)
	}
}
