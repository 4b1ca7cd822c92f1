package score

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// MaxAHPOrder is the largest judgement matrix AHP accepts: the random
// index RI, and so the consistency ratio, is tabulated up to n = 11.
const MaxAHPOrder = 11

// randomIndex holds Saaty's random consistency index RI for matrix orders
// n = 1…11 (docs/policy.md "Scoring methods"); index n−1.
var randomIndex = [MaxAHPOrder]float64{0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51}

// JudgementTolerance is the relative tolerance of the judgement-matrix
// checks: a diagonal entry d is accepted when |d − 1| ≤ it, a pair when
// |a_ij·a_ji − 1| ≤ it, and the 1–9 scale is widened by it at both ends.
// 0.005 accepts reciprocals written to three decimal places: rounding
// 1/a to three decimals moves it by at most 0.0005, and a ≤ 9 scales that
// to a product error of at most 0.0045 (e.g. 7 and 0.143, 9 and 0.111).
const JudgementTolerance = 0.005

// AHP derives criterion weights from a pairwise judgement matrix.
//
// judgement[i][j] says how much more important criterion i is than
// criterion j on Saaty's 1–9 scale (1 equal, 3 moderate, 5 strong,
// 7 very strong, 9 extreme), with judgement[j][i] = 1/judgement[i][j] and
// ones on the diagonal. The matrix must be square, of order 1 to
// MaxAHPOrder, with finite positive entries within [1/9, 9]; the diagonal
// and reciprocity are checked to JudgementTolerance. Errors are
// *InputError values naming the cell.
//
// The weights are the principal right eigenvector (mat.Eigen; the
// eigenvalue with the largest real part, its eigenvector's real parts)
// normalised to sum 1; λmax is that eigenvalue, CI = (λmax − n)/(n − 1)
// (clamped at 0 against rounding), CR = CI/RI. A matrix of order 1 or 2
// is consistent by construction: its CI and CR are 0.
//
// AHP reports CR but does not judge it; Score refuses CR ≥ Settings.MaxCR.
func AHP(judgement [][]float64) (AHPReport, error) {
	n := len(judgement)
	if n == 0 {
		return AHPReport{}, inputErr("the judgement matrix is empty")
	}
	if n > MaxAHPOrder {
		return AHPReport{}, inputErr("the judgement matrix has order %d; the random index RI is tabulated only up to %d", n, MaxAHPOrder)
	}
	a := mat.NewDense(n, n, nil)
	for i, row := range judgement {
		if len(row) != n {
			return AHPReport{}, inputErr("judgement row %d has %d entries; the matrix must be %d×%d", i+1, len(row), n, n)
		}
		for j, x := range row {
			if err := checkJudgement(i, j, x); err != nil {
				return AHPReport{}, err
			}
			a.Set(i, j, x)
		}
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			x, y := judgement[i][j], judgement[j][i]
			if p := x * y; math.Abs(p-1) > JudgementTolerance {
				return AHPReport{}, inputErr("judgement[%d][%d] = %g and judgement[%d][%d] = %g are not reciprocal (product %.4g, want 1 within %g)", i, j, x, j, i, y, p, JudgementTolerance)
			}
		}
	}
	rep := AHPReport{RI: randomIndex[n-1]}
	if n == 1 {
		rep.Weights = []float64{1}
		rep.LambdaMax = judgement[0][0]
		return rep, nil
	}
	var eig mat.Eigen
	if !eig.Factorize(a, mat.EigenRight) {
		return AHPReport{}, fmt.Errorf("score: AHP: the eigendecomposition of the %d×%d judgement matrix did not converge", n, n)
	}
	values := eig.Values(nil)
	k := 0
	for i, v := range values {
		if real(v) > real(values[k]) {
			k = i
		}
	}
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	w := make([]float64, n)
	sum := 0.0
	for i := range w {
		w[i] = real(vecs.At(i, k))
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum // also fixes the eigenvector's arbitrary sign
		if !(w[i] > 0) {
			// Perron–Frobenius: a positive matrix has a positive principal
			// eigenvector, so this is a numerical failure, not bad input.
			return AHPReport{}, fmt.Errorf("score: AHP: principal eigenvector of the %d×%d judgement matrix has a non-positive entry %g at %d", n, n, w[i], i)
		}
	}
	rep.Weights = w
	rep.LambdaMax = real(values[k])
	if n > 2 {
		rep.CI = max(0, (rep.LambdaMax-float64(n))/float64(n-1))
		rep.CR = rep.CI / rep.RI
	}
	return rep, nil
}

// checkJudgement checks one entry of a judgement matrix for finiteness,
// positivity, the 1–9 scale and (on the diagonal) equality to 1.
func checkJudgement(i, j int, x float64) error {
	const lo, hi = (1.0 / 9) * (1 - JudgementTolerance), 9 * (1 + JudgementTolerance)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0) || x <= 0:
		return inputErr("judgement[%d][%d] = %g: entries must be positive and finite", i, j, x)
	case i == j && math.Abs(x-1) > JudgementTolerance:
		return inputErr("judgement[%d][%d] = %g: the diagonal must be 1", i, j, x)
	case x < lo || x > hi:
		return inputErr("judgement[%d][%d] = %g: outside Saaty's 1–9 scale (1/9 to 9)", i, j, x)
	}
	return nil
}
