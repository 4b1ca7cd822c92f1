package score_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner/score"
)

func TestAHPWorked(t *testing.T) {
	tests := []struct {
		name      string
		judgement [][]float64
		weights   []float64
		lambda    float64
		cr        float64
		ri        float64
		tol       float64
	}{
		{
			// docs/geodesy.md, "Scoring check values": values given to 6 decimals, hence ±5e-7.
			name:      "geodesy.md 3×3",
			judgement: [][]float64{{1, 3, 5}, {1.0 / 3, 1, 3}, {1.0 / 5, 1.0 / 3, 1}},
			weights:   []float64{0.636986, 0.258285, 0.104729},
			lambda:    3.038511,
			cr:        0.033199,
			ri:        0.58,
			tol:       5e-7,
		},
		{
			// a_ij = w_i/w_j for w = (0.5, 0.25, 0.125, 0.125) is perfectly
			// consistent: λmax = n, CR = 0, and w comes back. The
			// eigensolver is accurate to a few ulp of the matrix norm.
			name: "consistent 4×4",
			judgement: [][]float64{
				{1, 2, 4, 4},
				{0.5, 1, 2, 2},
				{0.25, 0.5, 1, 1},
				{0.25, 0.5, 1, 1},
			},
			weights: []float64{0.5, 0.25, 0.125, 0.125},
			lambda:  4,
			cr:      0,
			ri:      0.90,
			tol:     1e-12,
		},
		{
			// See cycle4: λmax = 2 + 3 + 1/3, CI = (4/3)/3, CR = CI/0.90.
			name:      "cyclic 4×4",
			judgement: cycle4(3),
			weights:   []float64{0.25, 0.25, 0.25, 0.25},
			lambda:    2 + 3 + 1.0/3,
			cr:        (4.0 / 9) / 0.90,
			ri:        0.90,
			tol:       1e-12,
		},
		{
			// Order 2: the eigenvector of [[1,3],[1/3,1]] is (3, 1), λ = 2;
			// consistent by construction.
			name:      "order 2",
			judgement: [][]float64{{1, 3}, {1.0 / 3, 1}},
			weights:   []float64{0.75, 0.25},
			lambda:    2,
			cr:        0,
			ri:        0,
			tol:       1e-12,
		},
		{
			name:      "order 1",
			judgement: [][]float64{{1}},
			weights:   []float64{1},
			lambda:    1,
			tol:       0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := score.AHP(tc.judgement)
			if err != nil {
				t.Fatal(err)
			}
			assertSlice(t, "weights", rep.Weights, tc.weights, tc.tol)
			if !near(rep.LambdaMax, tc.lambda, tc.tol) {
				t.Errorf("λmax = %.9g, want %.9g", rep.LambdaMax, tc.lambda)
			}
			if !near(rep.CR, tc.cr, tc.tol) {
				t.Errorf("CR = %.9g, want %.9g", rep.CR, tc.cr)
			}
			if rep.RI != tc.ri {
				t.Errorf("RI = %v, want %v", rep.RI, tc.ri)
			}
			if n := float64(len(tc.judgement)); n > 2 {
				want := max(0, (rep.LambdaMax-n)/(n-1))
				if rep.CI != want || !near(rep.CR, rep.CI/rep.RI, 0) {
					t.Errorf("CI = %v, CR = %v; want CI = max(0, (λmax − n)/(n − 1)) = %v and CR = CI/RI", rep.CI, rep.CR, want)
				}
			}
		})
	}
}

// TestAHPAgainstPowerIteration compares the eigensolver with power
// iteration, an independent method that converges to the principal
// eigenpair of any positive matrix (Perron–Frobenius), on random
// reciprocal judgement matrices.
func TestAHPAgainstPowerIteration(t *testing.T) {
	// Power iteration is run until successive weight vectors agree to
	// 1e-14; both methods then agree to well within 1e-9.
	const tol = 1e-9
	scale := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 6, 1.0 / 7, 1.0 / 8, 1.0 / 9}
	rng := rand.New(rand.NewPCG(2022, 12))
	for trial := range 30 {
		n := 3 + rng.IntN(score.MaxAHPOrder-2)
		a := make([][]float64, n)
		for i := range a {
			a[i] = make([]float64, n)
			a[i][i] = 1
		}
		for i := range n {
			for j := i + 1; j < n; j++ {
				x := scale[rng.IntN(len(scale))]
				a[i][j], a[j][i] = x, 1/x
			}
		}
		rep, err := score.AHP(a)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		w, lambda := powerIteration(a)
		assertSlice(t, "weights", rep.Weights, w, tol)
		if !near(rep.LambdaMax, lambda, tol*lambda) {
			t.Errorf("trial %d: λmax = %v, power iteration %v", trial, rep.LambdaMax, lambda)
		}
		wantCR := max(0, (lambda-float64(n))/float64(n-1)) / rep.RI
		if !near(rep.CR, wantCR, tol*lambda) {
			t.Errorf("trial %d: CR = %v, want %v", trial, rep.CR, wantCR)
		}
	}
}

// powerIteration returns the principal eigenvector of a positive matrix,
// normalised to sum 1, and its eigenvalue.
func powerIteration(a [][]float64) ([]float64, float64) {
	n := len(a)
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / float64(n)
	}
	next := make([]float64, n)
	lambda := 0.0
	for range 10000 {
		sum := 0.0
		for i := range n {
			next[i] = 0
			for j := range n {
				next[i] += a[i][j] * w[j]
			}
			sum += next[i]
		}
		// With Σw = 1, Σ(Aw) → λ·Σw = λ.
		lambda = sum
		diff := 0.0
		for i := range n {
			next[i] /= sum
			diff = max(diff, math.Abs(next[i]-w[i]))
		}
		w, next = next, w
		if diff < 1e-14 {
			break
		}
	}
	return w, lambda
}

func TestAHPErrors(t *testing.T) {
	tests := []struct {
		name      string
		judgement [][]float64
		want      string
	}{
		{name: "empty", judgement: nil, want: "empty"},
		{name: "not square", judgement: [][]float64{{1, 2, 3}, {0.5, 1}, {1.0 / 3, 1, 1}}, want: "judgement row 2 has 2 entries; the matrix must be 3×3"},
		{name: "zero entry", judgement: [][]float64{{1, 0}, {1, 1}}, want: "judgement[0][1] = 0: entries must be positive"},
		{name: "negative entry", judgement: [][]float64{{1, 2}, {-0.5, 1}}, want: "judgement[1][0] = -0.5: entries must be positive"},
		{name: "NaN entry", judgement: [][]float64{{1, math.NaN()}, {1, 1}}, want: "judgement[0][1] = NaN"},
		{name: "diagonal not 1", judgement: [][]float64{{1, 2}, {0.5, 2}}, want: "judgement[1][1] = 2: the diagonal must be 1"},
		{name: "beyond the 1–9 scale", judgement: [][]float64{{1, 12}, {1.0 / 12, 1}}, want: "judgement[0][1] = 12: outside Saaty's 1–9 scale"},
		{name: "not reciprocal", judgement: [][]float64{{1, 3, 5}, {1.0 / 3, 1, 3}, {0.25, 1.0 / 3, 1}},
			want: "judgement[0][2] = 5 and judgement[2][0] = 0.25 are not reciprocal (product 1.25"},
		{name: "order beyond the RI table", judgement: ones(12), want: "order 12; the random index RI is tabulated only up to 11"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := score.AHP(tc.judgement)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("message %q does not contain %q", err, tc.want)
			}
			if !errors.Is(err, score.ErrInvalid) {
				t.Errorf("errors.Is(%v, ErrInvalid) is false", err)
			}
		})
	}
}

func TestAHPRoundedReciprocals(t *testing.T) {
	// Reciprocals written to three decimals are accepted (JudgementTolerance);
	// to one decimal they are not.
	ok := [][]float64{{1, 7, 9}, {0.143, 1, 3}, {0.111, 0.333, 1}}
	if _, err := score.AHP(ok); err != nil {
		t.Errorf("three-decimal reciprocals refused: %v", err)
	}
	bad := [][]float64{{1, 7, 9}, {0.1, 1, 3}, {0.111, 0.333, 1}}
	if _, err := score.AHP(bad); err == nil {
		t.Error("7 and 0.1 accepted as reciprocals")
	}
}

// ones returns an n×n judgement matrix of equal importance.
func ones(n int) [][]float64 {
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
		for j := range a[i] {
			a[i][j] = 1
		}
	}
	return a
}

func TestAHPRandomIndex(t *testing.T) {
	// Saaty's RI for n = 1…11 as listed in docs/policy.md "Scoring methods".
	// Equal judgements give equal weights, λmax = n and CR = 0.
	want := []float64{0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51}
	for n := 1; n <= score.MaxAHPOrder; n++ {
		rep, err := score.AHP(ones(n))
		if err != nil {
			t.Fatalf("order %d: %v", n, err)
		}
		if rep.RI != want[n-1] {
			t.Errorf("order %d: RI = %v, want %v", n, rep.RI, want[n-1])
		}
		// The eigensolver on an all-ones matrix is exact to a few ulp of n.
		if !near(rep.LambdaMax, float64(n), 1e-12) || rep.CR > 1e-12 {
			t.Errorf("order %d: λmax = %v, CR = %v; want %d and 0", n, rep.LambdaMax, rep.CR, n)
		}
		for i, w := range rep.Weights {
			if !near(w, 1/float64(n), 1e-12) {
				t.Errorf("order %d: weight %d = %v, want 1/%d", n, i, w, n)
			}
		}
	}
}
