package score_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/landplan/landplan/planner/score"
)

// benchCriteria is the width of the benchmark matrices: twelve criteria,
// as many as a full policy profile scores a candidate pair on.
const benchCriteria = 12

// benchMatrices holds random benchmark matrices by row count, built once.
var benchMatrices = struct {
	sync.Mutex
	m map[int]score.Matrix
}{m: map[int]score.Matrix{}}

// benchMatrix returns a rows×12 matrix of random values, alternating
// benefit and cost criteria.
func benchMatrix(rows int) score.Matrix {
	benchMatrices.Lock()
	defer benchMatrices.Unlock()
	if m, ok := benchMatrices.m[rows]; ok {
		return m
	}
	rng := rand.New(rand.NewPCG(uint64(rows), 12))
	data := make([]float64, rows*benchCriteria)
	for i := range data {
		data[i] = rng.Float64() * 1000
	}
	m := score.Matrix{
		Criteria:   make([]string, benchCriteria),
		Directions: make([]score.Direction, benchCriteria),
		Values:     mat.NewDense(rows, benchCriteria, data),
	}
	for j := range benchCriteria {
		m.Criteria[j] = fmt.Sprintf("criterion%02d", j)
		m.Directions[j] = score.Direction(j % 2)
	}
	benchMatrices.m[rows] = m
	return m
}

// BenchmarkScore scores up to a million candidate pairs on 12 criteria;
// ns/row staying flat across sizes shows the cost is linear in the rows.
func BenchmarkScore(b *testing.B) {
	weights := []float64{5, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1}
	cases := []struct {
		name string
		rows int
		set  score.Settings
	}{
		{"weighted_sum/rows=10k", 10_000, score.Settings{Weights: weights}},
		{"weighted_sum/rows=100k", 100_000, score.Settings{Weights: weights}},
		{"weighted_sum/rows=1M", 1_000_000, score.Settings{Weights: weights}},
		{"weighted_sum/rows=1M/omit_contributions", 1_000_000, score.Settings{Weights: weights, OmitContributions: true}},
		{"topsis/rows=1M", 1_000_000, score.Settings{Weights: weights, Aggregation: score.TOPSIS}},
		{"topsis/rows=1M/omit_contributions", 1_000_000, score.Settings{Weights: weights, Aggregation: score.TOPSIS, OmitContributions: true}},
		{"entropy+weighted_sum/rows=1M", 1_000_000, score.Settings{Method: score.MethodEntropy}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			m := benchMatrix(tc.rows)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := score.Score(m, &tc.set); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*tc.rows), "ns/row")
		})
	}
}
