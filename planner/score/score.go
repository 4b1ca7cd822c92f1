package score

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Direction says whether more of a criterion is better ([Benefit]) or
// less is ([Cost]).
type Direction int

// The directions.
const (
	Benefit Direction = iota // more is better
	Cost                     // less is better
)

// String returns "benefit" or "cost" (or "Direction(n)" for an invalid value).
func (d Direction) String() string {
	switch d {
	case Benefit:
		return "benefit"
	case Cost:
		return "cost"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// MarshalText encodes the direction as "benefit" or "cost", so a policy
// profile can spell it out.
func (d Direction) MarshalText() ([]byte, error) {
	if d != Benefit && d != Cost {
		return nil, fmt.Errorf("score: cannot encode invalid direction %d", int(d))
	}
	return []byte(d.String()), nil
}

// UnmarshalText decodes "benefit" or "cost".
func (d *Direction) UnmarshalText(text []byte) error {
	switch string(text) {
	case "benefit":
		*d = Benefit
	case "cost":
		*d = Cost
	default:
		return fmt.Errorf("%w: direction %q: want \"benefit\" or \"cost\"", ErrInvalid, text)
	}
	return nil
}

// Matrix is a decision matrix: raw criterion values for each alternative.
type Matrix struct {
	// Criteria are the criterion names, one per column; they must be
	// non-empty and distinct.
	Criteria []string
	// Directions hold one Direction per criterion.
	Directions []Direction
	// Values has one row per alternative and one column per criterion,
	// holding raw (unnormalised) finite values. It is read, never written.
	Values *mat.Dense
}

// WeightMethod chooses where the criterion weights come from.
type WeightMethod string

// The weight methods.
const (
	MethodExplicit WeightMethod = "explicit" // Settings.Weights, normalised to sum 1
	MethodEntropy  WeightMethod = "entropy"  // EntropyWeights of the matrix being scored
	MethodAHP      WeightMethod = "ahp"      // AHP of Settings.Judgement
)

// Aggregation chooses how weighted criterion values combine into a score.
type Aggregation string

// The aggregations.
const (
	WeightedSum Aggregation = "weighted_sum" // Σ_j w_j·n_ij on min–max normalised values
	TOPSIS      Aggregation = "topsis"       // closeness to the ideal on vector-normalised values
	// Benchmark is Σ_j w_j·n_ij on values measured against fixed
	// benchmarks (Settings.Benchmarks): a score that depends on the
	// alternative's own values only, never on the other rows.
	Benchmark Aggregation = "benchmark"
)

// DefaultMaxCR is the AHP consistency ratio limit used when Settings.MaxCR
// is 0: judgement matrices with CR ≥ 0.10 are refused (Saaty's rule, as in
// docs/policy.md "Scoring methods").
const DefaultMaxCR = 0.10

// Settings configure Score. A nil *Settings means the zero Settings, whose
// explicit method has no weights and is therefore refused: callers must
// choose weights one way or another.
type Settings struct {
	// Method is where the weights come from; "" means MethodExplicit.
	Method WeightMethod
	// Weights are the explicit weights, one per criterion, finite, ≥ 0 and
	// not all zero; they are normalised to sum 1. Required for
	// MethodExplicit, ignored by the other methods.
	Weights []float64
	// Judgement is the AHP pairwise judgement matrix over the criteria in
	// Matrix order (see AHP). Required for MethodAHP, ignored otherwise.
	Judgement [][]float64
	// MaxCR is the AHP consistency ratio limit: a judgement matrix with
	// CR ≥ MaxCR is refused with an *InconsistentError. 0 means
	// DefaultMaxCR (0.10); it must not be negative.
	MaxCR float64
	// Aggregation combines the weighted criteria; "" means WeightedSum.
	Aggregation Aggregation
	// Benchmarks hold, for the Benchmark aggregation, one benchmark per
	// criterion: b_j > 0 measures the criterion against b_j with
	// diminishing returns (see Score); b_j = 0 takes the value as it is,
	// which must then lie in [0, 1] (a 0/1 flag or a share). Ignored by
	// the other aggregations.
	Benchmarks []float64
	// OmitContributions leaves Result.Contributions nil, saving
	// rows × criteria × 8 bytes when only the scores are wanted.
	OmitContributions bool
}

// AHPReport is the outcome of an AHP judgement matrix.
type AHPReport struct {
	// Weights is the normalised principal eigenvector: positive, sum 1.
	Weights []float64
	// LambdaMax is the principal eigenvalue λmax.
	LambdaMax float64
	// CI is the consistency index (λmax − n)/(n − 1), clamped at 0.
	CI float64
	// CR is the consistency ratio CI/RI (0 for n ≤ 2).
	CR float64
	// RI is Saaty's random index for the matrix order n.
	RI float64
}

// Result is the outcome of Score.
type Result struct {
	// Weights are the criterion weights used, in Matrix order, sum 1.
	Weights []float64
	// Scores hold one score per alternative (matrix row), in [0, 1];
	// higher is better.
	Scores []float64
	// Contributions has the matrix's shape: each criterion's share of each
	// row's score, ≥ 0, each row summing to the row's score (to rounding).
	// For WeightedSum the share is w_j·n_ij. For TOPSIS it is the score
	// apportioned by each criterion's share of the squared distance from
	// the anti-ideal: C_i·(v_ij − v⁻_j)²/(D⁻_i)²; a row at the anti-ideal
	// (score 0) has all shares 0, and a row whose two distances are both 0
	// (score 1) has shares equal to the weights. Nil when
	// Settings.OmitContributions is set.
	Contributions *mat.Dense
	// AHP is the judgement matrix's report when the method is MethodAHP.
	AHP *AHPReport
}

// Score weighs the criteria of m as s says and scores every alternative.
//
// Weighted sum (the default) uses min–max normalisation per criterion:
// benefit n_ij = (x_ij − min_j)/(max_j − min_j), cost
// n_ij = (max_j − x_ij)/(max_j − min_j); a constant column (max = min,
// including a matrix of one row) normalises to 1 for every row, so it
// raises every score alike and changes no ranking. The score is
// Σ_j w_j·n_ij.
//
// Benchmark measures each value against its criterion's fixed benchmark
// b_j: with t = x_ij/b_j, a benefit criterion gives n_ij = t/(1 + t) — 0 at
// nothing, ½ at the benchmark, ⅔ at twice it, approaching 1 — and a cost
// criterion n_ij = 1/(1 + t); a criterion without a benchmark (b_j = 0)
// takes n_ij = x_ij (benefit) or 1 − x_ij (cost), x_ij in [0, 1]. The score
// is Σ_j w_j·n_ij: strictly increasing in every benefit value with a
// positive weight, and independent of the other rows, so that one
// alternative's score never moves when another's values change.
//
// TOPSIS uses vector normalisation r_ij = x_ij/√(Σ_i x_ij²) (a column of
// zeros normalises to 0), weighted values v_ij = w_j·r_ij, the ideal v⁺_j
// (the column's best: max for a benefit, min for a cost) and anti-ideal
// v⁻_j (its worst), Euclidean distances D⁺_i and D⁻_i to them, and the
// closeness C_i = D⁻_i/(D⁺_i + D⁻_i); when both distances are 0 (every
// weighted criterion constant) C_i = 1, matching the weighted sum's
// constant-column convention. Values may be negative.
//
// Errors: an *InputError (naming the criterion and row where there is
// one) for a malformed matrix, a NaN or infinite value, weights of the
// wrong length, negative, non-finite or all zero, an unknown method or
// aggregation, or a malformed judgement matrix; an *InconsistentError when
// the AHP consistency ratio reaches the limit. On error the Result is
// zero.
func Score(m Matrix, s *Settings) (Result, error) {
	set, err := s.withDefaults()
	if err != nil {
		return Result{}, err
	}
	st, err := scan(m)
	if err != nil {
		return Result{}, err
	}
	if set.Aggregation == Benchmark {
		if err := checkBenchmarks(m, st, set.Benchmarks); err != nil {
			return Result{}, err
		}
	}
	var res Result
	switch set.Method {
	case MethodExplicit:
		res.Weights, err = explicitWeights(m, set.Weights)
	case MethodEntropy:
		res.Weights = entropyWeights(m, st, matrixRows(m))
	case MethodAHP:
		res.AHP, err = ahpWeights(m, set)
		if err == nil {
			res.Weights = slices.Clone(res.AHP.Weights)
		}
	default:
		err = inputErr("unknown weight method %q (want %q, %q or %q)", set.Method, MethodExplicit, MethodEntropy, MethodAHP)
	}
	if err != nil {
		return Result{}, err
	}
	res.Scores = make([]float64, st.rows)
	if !set.OmitContributions {
		res.Contributions = mat.NewDense(st.rows, st.cols, nil)
	}
	switch set.Aggregation {
	case WeightedSum:
		weightedSum(m, st, res.Weights, res.Scores, res.Contributions)
	case TOPSIS:
		topsis(m, st, res.Weights, res.Scores, res.Contributions)
	case Benchmark:
		benchmarkSum(m, st, set.Benchmarks, res.Weights, res.Scores, res.Contributions)
	}
	return res, nil
}

// stats are the per-column figures gathered in one pass over a valid matrix.
type stats struct {
	rows, cols int
	min, max   []float64
	sumSq      []float64 // Σ_i x_ij², possibly overflowed or underflowed
}

// scan checks the shape, names, directions and values of m and gathers the
// column minima, maxima and sums of squares.
func scan(m Matrix) (stats, error) {
	if m.Values == nil || m.Values.IsEmpty() {
		return stats{}, inputErr("the matrix has no values (at least one row and one criterion are needed)")
	}
	_, cols := m.Values.Dims()
	if err := checkColumns(m, cols); err != nil {
		return stats{}, err
	}
	st := newStats(cols)
	var err error
	matrixRows(m)(func(row []float64) {
		if err == nil {
			err = st.add(m, row)
		}
	})
	return st, err
}

// checkColumns checks the criterion names and directions of m against
// its cols columns.
func checkColumns(m Matrix, cols int) error {
	if len(m.Criteria) != cols {
		return inputErr("%d criterion names for %d matrix columns", len(m.Criteria), cols)
	}
	if len(m.Directions) != cols {
		return inputErr("%d directions for %d criteria", len(m.Directions), cols)
	}
	seen := make(map[string]int, cols)
	for j, name := range m.Criteria {
		if name == "" {
			return criterionErr(m, j, -1, "the criterion has no name")
		}
		if k, dup := seen[name]; dup {
			return criterionErr(m, j, -1, "the name is also used by column %d", k+1)
		}
		seen[name] = j
		if d := m.Directions[j]; d != Benefit && d != Cost {
			return criterionErr(m, j, -1, "invalid direction %d (want Benefit or Cost)", int(d))
		}
	}
	return nil
}

// newStats returns empty stats of cols columns.
func newStats(cols int) stats {
	return stats{cols: cols, min: make([]float64, cols), max: make([]float64, cols), sumSq: make([]float64, cols)}
}

// add checks one row's values and adds them to the stats (the first row
// sets the minima and maxima).
func (st *stats) add(m Matrix, row []float64) error {
	if st.rows == 0 {
		copy(st.min, row)
		copy(st.max, row)
	}
	for j, x := range row {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return criterionErr(m, j, st.rows, "value is %v (values must be finite)", x)
		}
		if x < st.min[j] {
			st.min[j] = x
		}
		if x > st.max[j] {
			st.max[j] = x
		}
		st.sumSq[j] += x * x
	}
	st.rows++
	return nil
}

// matrixRows yields the rows of m's values in order.
func matrixRows(m Matrix) Rows {
	return func(yield func(row []float64)) {
		raw := m.Values.RawMatrix()
		rows, cols := m.Values.Dims()
		for i := range rows {
			yield(raw.Data[i*raw.Stride : i*raw.Stride+cols])
		}
	}
}

// explicitWeights checks w against m and normalises it to sum 1.
func explicitWeights(m Matrix, w []float64) ([]float64, error) {
	cols := len(m.Criteria)
	if w == nil {
		return nil, inputErr("the explicit weight method needs Settings.Weights, one per criterion (%d)", cols)
	}
	if len(w) != cols {
		return nil, inputErr("%d weights for %d criteria", len(w), cols)
	}
	sum := 0.0
	for j, x := range w {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return nil, criterionErr(m, j, -1, "weight %v: weights must be finite and ≥ 0", x)
		}
		sum += x
	}
	if sum == 0 {
		return nil, inputErr("all %d weights are zero", cols)
	}
	if math.IsInf(sum, 0) {
		return nil, inputErr("the weights sum to more than the largest float64")
	}
	out := make([]float64, cols)
	for j, x := range w {
		out[j] = x / sum
	}
	return out, nil
}

// ahpWeights runs AHP on set.Judgement for the criteria of m and applies
// the consistency limit.
func ahpWeights(m Matrix, set Settings) (*AHPReport, error) {
	limit := set.MaxCR
	if math.IsNaN(limit) || limit < 0 {
		return nil, inputErr("MaxCR %v: the consistency ratio limit must be ≥ 0 (0 means %.2f)", limit, DefaultMaxCR)
	}
	if limit == 0 {
		limit = DefaultMaxCR
	}
	if set.Judgement == nil {
		return nil, inputErr("the ahp weight method needs Settings.Judgement, a %d×%d judgement matrix", len(m.Criteria), len(m.Criteria))
	}
	if len(set.Judgement) != len(m.Criteria) {
		return nil, inputErr("the judgement matrix has %d rows for %d criteria", len(set.Judgement), len(m.Criteria))
	}
	rep, err := AHP(set.Judgement)
	if err != nil {
		return nil, err
	}
	if rep.CR >= limit {
		return nil, &InconsistentError{CR: rep.CR, Limit: limit}
	}
	return &rep, nil
}

// withDefaults is a copy of s (nil for none) with the default method and
// aggregation filled in, or an error for an unknown aggregation.
func (s *Settings) withDefaults() (Settings, error) {
	var set Settings
	if s != nil {
		set = *s
	}
	if set.Method == "" {
		set.Method = MethodExplicit
	}
	if set.Aggregation == "" {
		set.Aggregation = WeightedSum
	}
	if set.Aggregation != WeightedSum && set.Aggregation != TOPSIS && set.Aggregation != Benchmark {
		return Settings{}, inputErr("unknown aggregation %q (want %q, %q or %q)", set.Aggregation, WeightedSum, TOPSIS, Benchmark)
	}
	return set, nil
}
