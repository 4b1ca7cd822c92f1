package score

import (
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// minMax normalises one column's raw values to [0, 1] by its range.
type minMax struct {
	lo, hi, rng float64 // min, max and their difference, all times scale
	scale       float64 // 1, or 0.5 when max − min overflows float64
	cost        bool
	constant    bool
}

// newMinMax prepares the min–max normalisation of a column with the given
// minimum, maximum and direction.
func newMinMax(lo, hi float64, d Direction) minMax {
	c := minMax{scale: 1, cost: d == Cost, constant: lo == hi}
	if math.IsInf(hi-lo, 0) {
		// Halving is exact for such large values and keeps the range finite.
		c.scale = 0.5
	}
	c.lo, c.hi = lo*c.scale, hi*c.scale
	c.rng = c.hi - c.lo
	return c
}

// at returns the normalised value of x: (x − min)/(max − min) for a
// benefit, (max − x)/(max − min) for a cost, 1 for a constant column. The
// column's extremes map to exactly 0 and 1.
func (c *minMax) at(x float64) float64 {
	switch {
	case c.constant:
		return 1
	case c.cost:
		return (c.hi - x*c.scale) / c.rng
	default:
		return (x*c.scale - c.lo) / c.rng
	}
}

// minMaxColumns prepares the min–max normalisation of every column.
func minMaxColumns(m Matrix, st stats) []minMax {
	cols := make([]minMax, st.cols)
	for j := range cols {
		cols[j] = newMinMax(st.min[j], st.max[j], m.Directions[j])
	}
	return cols
}

// contributionsRaw returns the backing store of c, or an empty one for nil.
func contributionsRaw(c *mat.Dense) blas64.General {
	if c == nil {
		return blas64.General{}
	}
	return c.RawMatrix()
}

// weightedSum writes Σ_j w_j·n_ij into scores and, when contrib is not
// nil, each w_j·n_ij into contrib.
func weightedSum(m Matrix, st stats, w, scores []float64, contrib *mat.Dense) {
	norms := minMaxColumns(m, st)
	raw := m.Values.RawMatrix()
	out := contributionsRaw(contrib)
	for i := range st.rows {
		row := raw.Data[i*raw.Stride : i*raw.Stride+st.cols]
		var dst []float64
		if out.Data != nil {
			dst = out.Data[i*out.Stride : i*out.Stride+st.cols]
		}
		scores[i] = weightedRow(norms, w, row, dst)
	}
}

// weightedRow is one row's weighted sum Σ_j w_j·n_j, each w_j·n_j written
// into dst when it is not nil.
func weightedRow(norms []minMax, w, row, dst []float64) float64 {
	s := 0.0
	for j, x := range row {
		c := w[j] * norms[j].at(x)
		if dst != nil {
			dst[j] = c
		}
		s += c
	}
	// Weights summing to 1 + a few ulp could push a best-on-everything
	// row a few ulp above 1.
	return min(s, 1)
}

// columnNorm returns √(Σ_i x_ij²) for column j, rescaling by the largest
// magnitude when the plain sum of squares overflowed or underflowed (a
// second pass over rows).
func columnNorm(st stats, j int, rows Rows) float64 {
	ss := st.sumSq[j]
	big := math.Max(math.Abs(st.min[j]), math.Abs(st.max[j]))
	if big == 0 {
		return 0
	}
	if !math.IsInf(ss, 0) && ss >= minNormal {
		return math.Sqrt(ss)
	}
	ss = 0
	rows(func(row []float64) {
		t := row[j] / big
		ss += t * t
	})
	return big * math.Sqrt(ss)
}

// minNormal is the smallest positive normal float64; a sum of squares
// below it has lost precision to underflow.
const minNormal = 0x1p-1022

// ideals are TOPSIS's column norms, ideal and anti-ideal.
type ideals struct {
	norm, ideal, anti []float64
}

// topsisIdeals computes the column norms, the ideal and the anti-ideal
// of a matrix scanned into st whose rows rows yields.
func topsisIdeals(st stats, dirs []Direction, w []float64, rows Rows) ideals {
	t := ideals{norm: make([]float64, st.cols), ideal: make([]float64, st.cols), anti: make([]float64, st.cols)}
	for j := range st.cols {
		t.norm[j] = columnNorm(st, j, rows)
		if t.norm[j] == 0 {
			continue // a column of zeros: every v_ij, the ideal and the anti-ideal are 0
		}
		best, worst := w[j]*(st.max[j]/t.norm[j]), w[j]*(st.min[j]/t.norm[j])
		if dirs[j] == Cost {
			best, worst = worst, best
		}
		t.ideal[j], t.anti[j] = best, worst
	}
	return t
}

// topsis writes the TOPSIS closeness of every row into scores and, when
// contrib is not nil, each criterion's share of it (see Result).
func topsis(m Matrix, st stats, w, scores []float64, contrib *mat.Dense) {
	t := topsisIdeals(st, m.Directions, w, matrixRows(m))
	raw := m.Values.RawMatrix()
	out := contributionsRaw(contrib)
	dAnti := make([]float64, st.cols) // (v_ij − v⁻_j)² of the current row
	for i := range st.rows {
		row := raw.Data[i*raw.Stride : i*raw.Stride+st.cols]
		var dst []float64
		if out.Data != nil {
			dst = out.Data[i*out.Stride : i*out.Stride+st.cols]
		}
		scores[i] = t.row(w, row, dAnti, dst)
	}
}

// row is one row's TOPSIS closeness; dAnti is scratch of the row's
// length, and each criterion's share is written into dst when it is not
// nil.
func (t *ideals) row(w, row, dAnti, dst []float64) float64 {
	var plus, minus float64
	for j, x := range row {
		v := 0.0
		if t.norm[j] != 0 {
			v = w[j] * (x / t.norm[j])
		}
		dp, dm := v-t.ideal[j], v-t.anti[j]
		plus += dp * dp
		dAnti[j] = dm * dm
		minus += dAnti[j]
	}
	dPlus, dMinus := math.Sqrt(plus), math.Sqrt(minus)
	c := 1.0
	if dPlus+dMinus > 0 {
		c = dMinus / (dPlus + dMinus)
	}
	switch {
	case dst == nil:
	case minus > 0:
		for j := range dst {
			dst[j] = c * (dAnti[j] / minus)
		}
	case plus == 0:
		copy(dst, w)
	default:
		clear(dst)
	}
	return c
}

// BenchmarkNorm returns the Benchmark aggregation's normalised value of x
// for a criterion with benchmark b (0 for none) and direction d: t/(1+t)
// with t = x/b for a benefit, 1/(1+t) for a cost; x or 1 − x without a
// benchmark. Negative values count as 0.
func BenchmarkNorm(x, b float64, d Direction) float64 {
	x = math.Max(x, 0)
	if b > 0 {
		t := x / b
		if d == Cost {
			return 1 / (1 + t)
		}
		if math.IsInf(t, 1) {
			return 1
		}
		return t / (1 + t)
	}
	x = math.Min(x, 1)
	if d == Cost {
		return 1 - x
	}
	return x
}

// checkBenchmarks checks the benchmarks against m: one per criterion,
// finite and ≥ 0, and a criterion without one holding values in [0, 1].
func checkBenchmarks(m Matrix, st stats, b []float64) error {
	if len(b) != st.cols {
		return inputErr("the benchmark aggregation needs Settings.Benchmarks, one per criterion: %d for %d criteria", len(b), st.cols)
	}
	for j, x := range b {
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0) || x < 0:
			return criterionErr(m, j, -1, "benchmark %v: a benchmark must be finite and ≥ 0", x)
		case x == 0 && (st.min[j] < 0 || st.max[j] > 1):
			return criterionErr(m, j, -1, "no benchmark, but the values range over [%v, %v]: a criterion without a benchmark must lie in [0, 1]", st.min[j], st.max[j])
		}
	}
	return nil
}

// benchmarkSum writes Σ_j w_j·n_ij with n_ij = BenchmarkNorm into scores
// and, when contrib is not nil, each w_j·n_ij into contrib.
func benchmarkSum(m Matrix, st stats, b, w, scores []float64, contrib *mat.Dense) {
	raw := m.Values.RawMatrix()
	out := contributionsRaw(contrib)
	for i := range st.rows {
		row := raw.Data[i*raw.Stride : i*raw.Stride+st.cols]
		var dst []float64
		if out.Data != nil {
			dst = out.Data[i*out.Stride : i*out.Stride+st.cols]
		}
		scores[i] = benchmarkRow(b, w, m.Directions, row, dst)
	}
}

// benchmarkRow is one row's Σ_j w_j·BenchmarkNorm, each term written into
// dst when it is not nil.
func benchmarkRow(b, w []float64, dirs []Direction, row, dst []float64) float64 {
	s := 0.0
	for j, x := range row {
		c := w[j] * BenchmarkNorm(x, b[j], dirs[j])
		if dst != nil {
			dst[j] = c
		}
		s += c
	}
	return min(s, 1)
}
