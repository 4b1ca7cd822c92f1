package score_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/landplan/landplan/planner/score"
)

// exact is the tolerance for values worked by hand from a few additions
// and divisions of short decimals: float64 rounding stays below 1e-15, so
// 1e-12 fails on any wrong formula while allowing for rounding.
const exact = 1e-12

// landMatrix is a 3×3 worked example: price (万元/亩, a cost), annual tax
// (万元) and jobs (benefits) for three proposals.
func landMatrix(t *testing.T) score.Matrix {
	return matrix(t,
		[]string{"price", "tax", "jobs"},
		[]score.Direction{score.Cost, score.Benefit, score.Benefit},
		[][]float64{
			{20, 300, 150},
			{15, 500, 100},
			{25, 400, 200},
		})
}

func TestScoreWeightedSumWorked(t *testing.T) {
	// Min–max normalisation by hand:
	//   price (cost, 15…25):  A (25−20)/10 = 0.5, B 1, C 0
	//   tax (benefit, 300…500): A 0, B 1, C 0.5
	//   jobs (benefit, 100…200): A 0.5, B 0, C 1
	// Weights 2:5:3 normalise to 0.2, 0.5, 0.3:
	//   A = 0.2·0.5 + 0.5·0 + 0.3·0.5 = 0.25
	//   B = 0.2·1 + 0.5·1 + 0.3·0 = 0.70
	//   C = 0.2·0 + 0.5·0.5 + 0.3·1 = 0.55
	res, err := score.Score(landMatrix(t), &score.Settings{Weights: []float64{2, 5, 3}})
	if err != nil {
		t.Fatal(err)
	}
	assertSlice(t, "weights", res.Weights, []float64{0.2, 0.5, 0.3}, exact)
	assertSlice(t, "scores", res.Scores, []float64{0.25, 0.70, 0.55}, exact)
	wantContrib := [][]float64{
		{0.1, 0, 0.15},
		{0.2, 0.5, 0},
		{0, 0.25, 0.3},
	}
	for i, want := range wantContrib {
		assertSlice(t, "contributions row", mat.Row(nil, i, res.Contributions), want, exact)
	}
	if res.AHP != nil {
		t.Errorf("AHP report %+v for the explicit method, want nil", res.AHP)
	}
}

func TestScoreTOPSISWorked(t *testing.T) {
	// Worked by hand. Column norms: √(1²+2²+2²+4²) = 5 for both columns, so
	//   r1 = (0.2, 0.4, 0.4, 0.8) (benefit), r2 = (0.8, 0.4, 0.2, 0.4) (cost).
	// Weights 0.6, 0.4: v1 = (0.12, 0.24, 0.24, 0.48), v2 = (0.32, 0.16, 0.08, 0.16).
	// Ideal (0.48, 0.08), anti-ideal (0.12, 0.32).
	//   A: D⁺ = √(0.36² + 0.24²) = √0.1872, D⁻ = 0          → C = 0
	//   B: D⁺ = √(0.24² + 0.08²) = √0.064,  D⁻ = √0.04      → C = 0.2/(0.2 + √0.064) ≈ 0.441518
	//   C: D⁺ = 0.24,                       D⁻ = √0.072     → C = √0.072/(0.24 + √0.072) ≈ 0.527864
	//   D: D⁺ = 0.08,                       D⁻ = √0.1552    → C = √0.1552/(0.08 + √0.1552) ≈ 0.831205
	m := matrix(t, []string{"output", "cost"}, []score.Direction{score.Benefit, score.Cost}, [][]float64{
		{1, 4},
		{2, 2},
		{2, 1},
		{4, 2},
	})
	res, err := score.Score(m, &score.Settings{Weights: []float64{0.6, 0.4}, Aggregation: score.TOPSIS})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{
		0,
		0.2 / (0.2 + math.Sqrt(0.064)),
		math.Sqrt(0.072) / (0.24 + math.Sqrt(0.072)),
		math.Sqrt(0.1552) / (0.08 + math.Sqrt(0.1552)),
	}
	assertSlice(t, "closeness", res.Scores, want, exact)
	// Contributions apportion C by the squared distance from the anti-ideal:
	// B has (0.24−0.12)² = 0.0144 and (0.16−0.32)² = 0.0256 of D⁻² = 0.04.
	assertSlice(t, "contributions of B", mat.Row(nil, 1, res.Contributions),
		[]float64{want[1] * 0.0144 / 0.04, want[1] * 0.0256 / 0.04}, exact)
	assertSlice(t, "contributions of A (at the anti-ideal)", mat.Row(nil, 0, res.Contributions), []float64{0, 0}, 0)
}

func TestScoreDegenerate(t *testing.T) {
	tests := []struct {
		name string
		m    score.Matrix
		agg  score.Aggregation
		w    []float64
		want []float64
	}{
		{
			// A constant column normalises to 1 for every row: it adds its
			// weight (0.5) to every score.
			name: "weighted sum, constant column",
			m: matrix(t, []string{"a", "flat"}, []score.Direction{score.Benefit, score.Cost},
				[][]float64{{1, 7}, {3, 7}, {2, 7}}),
			agg:  score.WeightedSum,
			w:    []float64{1, 1},
			want: []float64{0.5, 1, 0.75},
		},
		{
			name: "weighted sum, one row",
			m:    matrix(t, []string{"a", "b"}, []score.Direction{score.Benefit, score.Cost}, [][]float64{{4, -2}}),
			agg:  score.WeightedSum,
			w:    []float64{1, 3},
			want: []float64{1},
		},
		{
			// Both distances 0: closeness 1 by convention.
			name: "topsis, one row",
			m:    matrix(t, []string{"a", "b"}, []score.Direction{score.Benefit, score.Cost}, [][]float64{{4, -2}}),
			agg:  score.TOPSIS,
			w:    []float64{1, 3},
			want: []float64{1},
		},
		{
			// The zero column normalises to 0 and adds no distance; the
			// other column decides: closeness 0 and 1.
			name: "topsis, column of zeros",
			m: matrix(t, []string{"zero", "b"}, []score.Direction{score.Benefit, score.Benefit},
				[][]float64{{0, 1}, {0, 3}}),
			agg:  score.TOPSIS,
			w:    []float64{1, 1},
			want: []float64{0, 1},
		},
		{
			// Negative values are allowed: vector normalisation keeps their
			// order, and a zero-weight criterion changes nothing.
			name: "topsis, negative values and a zero weight",
			m: matrix(t, []string{"margin", "ignored"}, []score.Direction{score.Benefit, score.Cost},
				[][]float64{{-3, 1}, {0, 5}, {4, 2}}),
			agg: score.TOPSIS,
			w:   []float64{1, 0},
			// D⁻/(D⁺+D⁻) on one axis is (x − min)/(max − min): 0, 3/7, 1.
			want: []float64{0, 3.0 / 7, 1},
		},
		{
			// A range of ±1e308 overflows max − min; the scores must stay
			// finite: (x − min)/(max − min) = 0, 1, 0.5.
			name: "weighted sum, range beyond float64",
			m: matrix(t, []string{"huge"}, []score.Direction{score.Benefit},
				[][]float64{{-1e308}, {1e308}, {0}}),
			agg:  score.WeightedSum,
			w:    []float64{1},
			want: []float64{0, 1, 0.5},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := score.Score(tc.m, &score.Settings{Weights: tc.w, Aggregation: tc.agg})
			if err != nil {
				t.Fatal(err)
			}
			assertSlice(t, "scores", res.Scores, tc.want, exact)
		})
	}
}

// TestScoreProperties checks, on random matrices and weights, that scores
// lie in [0, 1], contributions are ≥ 0 and sum to the score, and the
// best row under every criterion scores 1 with the weighted sum.
func TestScoreProperties(t *testing.T) {
	// Sums of at most 9 terms each ≤ 1: rounding stays below 9·2⁻⁵³ ≈ 1e-15.
	const sumTol = 1e-12
	rng := rand.New(rand.NewPCG(7, 7))
	for _, agg := range []score.Aggregation{score.WeightedSum, score.TOPSIS} {
		for trial := range 40 {
			rows, cols := 1+rng.IntN(30), 1+rng.IntN(9)
			m := randomMatrix(uint64(trial), rows, cols)
			res, err := score.Score(m, &score.Settings{Weights: randomWeights(rng, cols), Aggregation: agg})
			if err != nil {
				t.Fatalf("%s trial %d: %v", agg, trial, err)
			}
			wsum := 0.0
			for _, w := range res.Weights {
				wsum += w
			}
			if !near(wsum, 1, sumTol) {
				t.Errorf("%s trial %d: weights sum to %v", agg, trial, wsum)
			}
			for i, s := range res.Scores {
				if !(s >= 0 && s <= 1) {
					t.Errorf("%s trial %d row %d: score %v outside [0, 1]", agg, trial, i, s)
				}
				sum := 0.0
				for j := range cols {
					c := res.Contributions.At(i, j)
					if c < 0 {
						t.Errorf("%s trial %d row %d: contribution %d is %v < 0", agg, trial, i, j, c)
					}
					sum += c
				}
				if !near(sum, s, sumTol) {
					t.Errorf("%s trial %d row %d: contributions sum to %v, score %v", agg, trial, i, sum, s)
				}
			}
		}
	}
}

// TestScoreMonotone checks that raising a benefit value (or lowering a
// cost value) never lowers that row's weighted-sum score, whatever it does
// to the column's minimum and maximum.
func TestScoreMonotone(t *testing.T) {
	// A row's score can only move by rounding when its own normalised
	// values are unchanged; allow a few ulp of a sum of ≤ 8 terms.
	const slack = 1e-14
	rng := rand.New(rand.NewPCG(11, 3))
	for trial := range 300 {
		rows, cols := 1+rng.IntN(12), 1+rng.IntN(8)
		m := randomMatrix(uint64(1000+trial), rows, cols)
		set := &score.Settings{Weights: randomWeights(rng, cols)}
		before, err := score.Score(m, set)
		if err != nil {
			t.Fatal(err)
		}
		i, j := rng.IntN(rows), rng.IntN(cols)
		step := []float64{0.001, 1, 40, 500}[rng.IntN(4)]
		x := m.Values.At(i, j)
		if m.Directions[j] == score.Cost {
			m.Values.Set(i, j, x-step)
		} else {
			m.Values.Set(i, j, x+step)
		}
		after, err := score.Score(m, set)
		if err != nil {
			t.Fatal(err)
		}
		if after.Scores[i] < before.Scores[i]-slack {
			t.Errorf("trial %d: improving %s of row %d by %v lowered its score from %v to %v",
				trial, m.Criteria[j], i, step, before.Scores[i], after.Scores[i])
		}
	}
}

// TestScoreScaleInvariant checks that multiplying a column by a positive
// constant changes no score: min–max and vector normalisation both divide
// it out. The factors include ones that push the sums of squares past
// float64's range, so the rescaled TOPSIS norm is exercised.
func TestScoreScaleInvariant(t *testing.T) {
	// Values stay normal (2⁻¹⁰⁰⁰·50 ≈ 5e-300), so powers of two scale them
	// exactly (3 rounds each value by ≤ 2⁻⁵³ relative); only the rescaled sum of squares is
	// summed differently: relative error ≤ rows·2⁻⁵³ ≈ 1e-15 per norm.
	const tol = 1e-12
	for _, agg := range []score.Aggregation{score.WeightedSum, score.TOPSIS} {
		for _, factor := range []float64{0x1p-1000, 0x1p-600, 3, 0x1p+520, 0x1p+1000} {
			t.Run(fmt.Sprintf("%s×%g", agg, factor), func(t *testing.T) {
				m := randomMatrix(99, 20, 4)
				set := &score.Settings{Weights: []float64{1, 2, 3, 4}, Aggregation: agg}
				base, err := score.Score(m, set)
				if err != nil {
					t.Fatal(err)
				}
				for i := range 20 {
					m.Values.Set(i, 1, m.Values.At(i, 1)*factor)
				}
				scaled, err := score.Score(m, set)
				if err != nil {
					t.Fatal(err)
				}
				assertSlice(t, "scores after scaling column 2", scaled.Scores, base.Scores, tol)
			})
		}
	}
}

func TestScoreMatrixView(t *testing.T) {
	// A view into a wider matrix has a stride larger than its width; the
	// scores must match those of a compact copy.
	wide := randomMatrix(5, 10, 6)
	view := score.Matrix{
		Criteria:   wide.Criteria[1:4],
		Directions: wide.Directions[1:4],
		Values:     wide.Values.Slice(2, 9, 1, 4).(*mat.Dense),
	}
	compact := view
	compact.Values = mat.DenseCopyOf(view.Values)
	for _, agg := range []score.Aggregation{score.WeightedSum, score.TOPSIS} {
		for _, method := range []score.WeightMethod{score.MethodExplicit, score.MethodEntropy} {
			set := &score.Settings{Method: method, Weights: []float64{1, 2, 3}, Aggregation: agg}
			a, err := score.Score(view, set)
			if err != nil {
				t.Fatal(err)
			}
			b, err := score.Score(compact, set)
			if err != nil {
				t.Fatal(err)
			}
			assertSlice(t, string(agg)+"/"+string(method), a.Scores, b.Scores, 0)
			if !mat.Equal(a.Contributions, b.Contributions) {
				t.Errorf("%s/%s: contributions differ between a view and its copy", agg, method)
			}
		}
	}
}

func TestScoreOmitContributions(t *testing.T) {
	m := randomMatrix(3, 15, 5)
	for _, agg := range []score.Aggregation{score.WeightedSum, score.TOPSIS} {
		full, err := score.Score(m, &score.Settings{Weights: []float64{1, 1, 2, 2, 3}, Aggregation: agg})
		if err != nil {
			t.Fatal(err)
		}
		lean, err := score.Score(m, &score.Settings{Weights: []float64{1, 1, 2, 2, 3}, Aggregation: agg, OmitContributions: true})
		if err != nil {
			t.Fatal(err)
		}
		if lean.Contributions != nil {
			t.Errorf("%s: contributions present with OmitContributions", agg)
		}
		assertSlice(t, string(agg)+" scores", lean.Scores, full.Scores, 0)
	}
}

func TestScoreEntropyMethod(t *testing.T) {
	m := randomMatrix(21, 25, 6)
	want, err := score.EntropyWeights(m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := score.Score(m, &score.Settings{Method: score.MethodEntropy, Weights: []float64{9}})
	if err != nil {
		t.Fatal(err)
	}
	assertSlice(t, "weights", res.Weights, want, 0)
}

func TestScoreAHPMethod(t *testing.T) {
	m := landMatrix(t)
	judgement := [][]float64{{1, 3, 5}, {1.0 / 3, 1, 3}, {1.0 / 5, 1.0 / 3, 1}}
	res, err := score.Score(m, &score.Settings{Method: score.MethodAHP, Judgement: judgement})
	if err != nil {
		t.Fatal(err)
	}
	if res.AHP == nil {
		t.Fatal("no AHP report for the ahp method")
	}
	// Weights from docs/geodesy.md, "Scoring check values" (mat.Eigen, checked there), given to 6 decimals.
	w := []float64{0.636986, 0.258285, 0.104729}
	assertSlice(t, "weights", res.Weights, w, 1e-6)
	// The worked normalised values of TestScoreWeightedSumWorked.
	assertSlice(t, "scores", res.Scores, []float64{
		w[0]*0.5 + w[2]*0.5,
		w[0] + w[1],
		w[1]*0.5 + w[2],
	}, 2e-6) // two weights rounded to 6 decimals: ≤ 2·0.5e-6
}

// cycle4 is a deliberately inconsistent 4×4 judgement matrix: each
// criterion is judged a times as important as the next, and the last a
// times as important as the first. It is circulant with first row
// (1, a, 1, 1/a), so every row sums to 2 + a + 1/a and that is λmax (the
// all-ones vector is a positive eigenvector): CI = (a + 1/a − 2)/3,
// CR = CI/0.90, and the weights are all 0.25.
func cycle4(a float64) [][]float64 {
	return [][]float64{
		{1, a, 1, 1 / a},
		{1 / a, 1, a, 1},
		{1, 1 / a, 1, a},
		{a, 1, 1 / a, 1},
	}
}

func TestScoreAHPInconsistent(t *testing.T) {
	m := matrix(t, []string{"a", "b", "c", "d"},
		[]score.Direction{score.Benefit, score.Benefit, score.Cost, score.Benefit},
		[][]float64{{1, 2, 3, 4}, {4, 3, 2, 1}})
	// a = 2: CI = 0.5/3, CR = 0.5/2.7 = 5/27 ≈ 0.1852.
	wantCR := 5.0 / 27
	tests := []struct {
		name      string
		maxCR     float64
		wantLimit float64
		refused   bool
	}{
		{name: "default limit 0.10", maxCR: 0, wantLimit: 0.10, refused: true},
		{name: "stricter limit", maxCR: 0.05, wantLimit: 0.05, refused: true},
		{name: "limit above the ratio", maxCR: 0.2, refused: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := score.Score(m, &score.Settings{Method: score.MethodAHP, Judgement: cycle4(2), MaxCR: tc.maxCR})
			if !tc.refused {
				if err != nil {
					t.Fatal(err)
				}
				if !near(res.AHP.CR, wantCR, 1e-9) {
					t.Errorf("CR = %v, want %v", res.AHP.CR, wantCR)
				}
				return
			}
			var inc *score.InconsistentError
			if !errors.As(err, &inc) {
				t.Fatalf("error %v, want *InconsistentError", err)
			}
			// λmax comes from an iterative eigensolver: agreement to 1e-9
			// is far tighter than any judgement matters.
			if !near(inc.CR, wantCR, 1e-9) || inc.Limit != tc.wantLimit {
				t.Errorf("error has CR %v limit %v, want %v and %v", inc.CR, inc.Limit, wantCR, tc.wantLimit)
			}
			if !strings.Contains(err.Error(), "0.1852") {
				t.Errorf("message %q does not state the ratio 0.1852", err)
			}
			if !errors.Is(err, score.ErrInvalid) {
				t.Errorf("errors.Is(%v, ErrInvalid) is false", err)
			}
			if res.Scores != nil || res.AHP != nil {
				t.Errorf("refused run returned a result %+v", res)
			}
		})
	}
}

func TestScoreErrors(t *testing.T) {
	good := func() score.Matrix { return landMatrix(t) }
	withValue := func(i, j int, x float64) score.Matrix {
		m := good()
		m.Values.Set(i, j, x)
		return m
	}
	w3 := []float64{1, 1, 1}
	tests := []struct {
		name string
		m    score.Matrix
		s    *score.Settings
		// want are substrings of the message; row and column are the
		// *InputError's 0-based fields (-2 to skip the check).
		want     []string
		row, col int
	}{
		{name: "NaN value", m: withValue(1, 2, math.NaN()), s: &score.Settings{Weights: w3},
			want: []string{`criterion "jobs" (column 3)`, "row 2", "NaN"}, row: 1, col: 2},
		{name: "infinite value", m: withValue(2, 0, math.Inf(-1)), s: &score.Settings{Weights: w3, Aggregation: score.TOPSIS},
			want: []string{`criterion "price"`, "row 3", "-Inf"}, row: 2, col: 0},
		{name: "NaN value under entropy", m: withValue(0, 1, math.NaN()), s: &score.Settings{Method: score.MethodEntropy},
			want: []string{`criterion "tax"`, "row 1"}, row: 0, col: 1},
		{name: "negative weight", m: good(), s: &score.Settings{Weights: []float64{1, -0.5, 1}},
			want: []string{`criterion "tax"`, "weight -0.5"}, row: -1, col: 1},
		{name: "NaN weight", m: good(), s: &score.Settings{Weights: []float64{1, 1, math.NaN()}},
			want: []string{`criterion "jobs"`, "weight NaN"}, row: -1, col: 2},
		{name: "weights all zero", m: good(), s: &score.Settings{Weights: []float64{0, 0, 0}},
			want: []string{"all 3 weights are zero"}, row: -1, col: -1},
		{name: "too few weights", m: good(), s: &score.Settings{Weights: []float64{1, 2}},
			want: []string{"2 weights for 3 criteria"}, row: -1, col: -1},
		{name: "no settings", m: good(), s: nil,
			want: []string{"needs Settings.Weights"}, row: -1, col: -1},
		{name: "names and columns differ", m: func() score.Matrix { m := good(); m.Criteria = m.Criteria[:2]; return m }(),
			s: &score.Settings{Weights: w3}, want: []string{"2 criterion names for 3 matrix columns"}, row: -2, col: -2},
		{name: "directions and criteria differ", m: func() score.Matrix { m := good(); m.Directions = m.Directions[:1]; return m }(),
			s: &score.Settings{Weights: w3}, want: []string{"1 directions for 3 criteria"}, row: -2, col: -2},
		{name: "invalid direction", m: func() score.Matrix { m := good(); m.Directions[1] = 7; return m }(),
			s: &score.Settings{Weights: w3}, want: []string{`criterion "tax"`, "invalid direction 7"}, row: -1, col: 1},
		{name: "duplicate name", m: func() score.Matrix { m := good(); m.Criteria = []string{"price", "tax", "price"}; return m }(),
			s: &score.Settings{Weights: w3}, want: []string{`criterion "price" (column 3)`, "also used by column 1"}, row: -1, col: 2},
		{name: "empty name", m: func() score.Matrix { m := good(); m.Criteria = []string{"price", "", "jobs"}; return m }(),
			s: &score.Settings{Weights: w3}, want: []string{"column 2", "no name"}, row: -1, col: 1},
		{name: "no values", m: score.Matrix{Criteria: []string{"a"}, Directions: []score.Direction{score.Benefit}},
			s: &score.Settings{Weights: []float64{1}}, want: []string{"no values"}, row: -1, col: -1},
		{name: "unknown method", m: good(), s: &score.Settings{Method: "delphi"},
			want: []string{`unknown weight method "delphi"`}, row: -1, col: -1},
		{name: "unknown aggregation", m: good(), s: &score.Settings{Weights: w3, Aggregation: "vikor"},
			want: []string{`unknown aggregation "vikor"`}, row: -1, col: -1},
		{name: "ahp without judgement", m: good(), s: &score.Settings{Method: score.MethodAHP},
			want: []string{"needs Settings.Judgement", "3×3"}, row: -1, col: -1},
		{name: "ahp judgement of the wrong order", m: good(), s: &score.Settings{Method: score.MethodAHP, Judgement: [][]float64{{1, 2}, {0.5, 1}}},
			want: []string{"2 rows for 3 criteria"}, row: -1, col: -1},
		{name: "ahp negative limit", m: good(), s: &score.Settings{Method: score.MethodAHP, MaxCR: -1,
			Judgement: [][]float64{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}}, want: []string{"MaxCR -1"}, row: -1, col: -1},
		{name: "ahp non-reciprocal judgement", m: good(), s: &score.Settings{Method: score.MethodAHP,
			Judgement: [][]float64{{1, 3, 5}, {1.0 / 3, 1, 3}, {1.0 / 5, 3, 1}}},
			want: []string{"judgement[1][2] = 3 and judgement[2][1] = 3 are not reciprocal"}, row: -1, col: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := score.Score(tc.m, tc.s)
			if err == nil {
				t.Fatalf("no error; scores %v", res.Scores)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not contain %q", err, w)
				}
			}
			if !errors.Is(err, score.ErrInvalid) {
				t.Errorf("errors.Is(%v, ErrInvalid) is false", err)
			}
			var ie *score.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T, want *InputError", err)
			}
			if tc.row != -2 && (ie.Row != tc.row || ie.Column != tc.col) {
				t.Errorf("error at row %d column %d, want row %d column %d", ie.Row, ie.Column, tc.row, tc.col)
			}
		})
	}
}

func TestScoreLeavesInputAlone(t *testing.T) {
	m := randomMatrix(8, 10, 4)
	before := mat.DenseCopyOf(m.Values)
	w := []float64{3, 0, 1, 2}
	for _, agg := range []score.Aggregation{score.WeightedSum, score.TOPSIS} {
		if _, err := score.Score(m, &score.Settings{Weights: w, Aggregation: agg}); err != nil {
			t.Fatal(err)
		}
	}
	if !mat.Equal(m.Values, before) {
		t.Error("Score modified the matrix")
	}
	assertSlice(t, "caller's weights", w, []float64{3, 0, 1, 2}, 0)
}

func TestDirectionText(t *testing.T) {
	tests := []struct {
		text    string
		want    score.Direction
		wantErr bool
	}{
		{text: "benefit", want: score.Benefit},
		{text: "cost", want: score.Cost},
		{text: "Cost", wantErr: true},
		{text: "", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			var d score.Direction
			err := d.UnmarshalText([]byte(tc.text))
			if tc.wantErr {
				if !errors.Is(err, score.ErrInvalid) {
					t.Fatalf("error %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil || d != tc.want {
				t.Fatalf("got %v, %v; want %v", d, err, tc.want)
			}
			back, err := d.MarshalText()
			if err != nil || string(back) != tc.text {
				t.Errorf("MarshalText = %q, %v; want %q", back, err, tc.text)
			}
		})
	}
	if _, err := score.Direction(5).MarshalText(); err == nil {
		t.Error("MarshalText of Direction(5) succeeded")
	}
}

func TestBenchmarkAggregation(t *testing.T) {
	type Matrix = score.Matrix
	type Settings = score.Settings
	const Benefit, Cost, Benchmark = score.Benefit, score.Cost, score.Benchmark
	Score, BenchmarkNorm := score.Score, score.BenchmarkNorm
	type Direction = score.Direction
	m := Matrix{
		Criteria:   []string{"tax_per_mu", "strategic", "waste"},
		Directions: []Direction{Benefit, Benefit, Cost},
		Values:     mat.NewDense(3, 3, []float64{20, 1, 0, 40, 0, 10, 0, 1, 5}),
	}
	set := &Settings{Weights: []float64{2, 1, 1}, Aggregation: Benchmark, Benchmarks: []float64{20, 0, 10}}
	res, err := Score(m, set)
	if err != nil {
		t.Fatal(err)
	}
	// Row 0: tax at the benchmark (½), strategic 1, no waste (1/(1+0) = 1):
	// (2·½ + 1 + 1)/4 = 0.75.
	want := []float64{(2*0.5 + 1 + 1) / 4, (2*(2.0/3) + 0 + 0.5) / 4, (0 + 1 + 1/1.5) / 4}
	for i, w := range want {
		if math.Abs(res.Scores[i]-w) > 1e-12 {
			t.Errorf("row %d score %v, want %v", i, res.Scores[i], w)
		}
		sum := 0.0
		for j := range 3 {
			sum += res.Contributions.At(i, j)
		}
		if math.Abs(sum-res.Scores[i]) > 1e-12 {
			t.Errorf("row %d contributions sum to %v, score %v", i, sum, res.Scores[i])
		}
	}
	// A row's score does not depend on the other rows.
	one, err := Score(Matrix{Criteria: m.Criteria, Directions: m.Directions, Values: mat.NewDense(1, 3, []float64{40, 0, 10})}, set)
	if err != nil {
		t.Fatal(err)
	}
	if one.Scores[0] != res.Scores[1] {
		t.Errorf("alone %v, among others %v: the benchmark score depends on other rows", one.Scores[0], res.Scores[1])
	}
	// Strictly increasing in a benefit value, strictly decreasing in a cost.
	for _, x := range []float64{0, 1, 19, 20, 21, 100, 1e6} {
		if BenchmarkNorm(x+1, 20, Benefit) <= BenchmarkNorm(x, 20, Benefit) {
			t.Errorf("benefit not increasing at %v", x)
		}
		if BenchmarkNorm(x+1, 20, Cost) >= BenchmarkNorm(x, 20, Cost) {
			t.Errorf("cost not decreasing at %v", x)
		}
	}
	// A criterion without a benchmark must lie in [0, 1].
	bad := &Settings{Weights: []float64{1, 1, 1}, Aggregation: Benchmark, Benchmarks: []float64{0, 0, 10}}
	if _, err := Score(m, bad); err == nil || !strings.Contains(err.Error(), "tax_per_mu") {
		t.Errorf("tax without a benchmark: err %v, want one naming tax_per_mu", err)
	}
	if _, err := Score(m, &Settings{Weights: []float64{1, 1, 1}, Aggregation: Benchmark}); err == nil {
		t.Error("no benchmarks: want an error")
	}
}
