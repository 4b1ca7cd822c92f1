package score

import "slices"

// Rows yields the rows of a decision matrix, one call of yield per row:
// always the same rows in the same order. The row slice is read during
// the call only.
type Rows func(yield func(row []float64))

// Stream is Score for a matrix whose rows are not held: NewStream gathers
// the weights and the normalisation in passes over the rows, and Score
// then scores any one row on its own, to the very score Score gives that
// row of the whole matrix (the same sums, in the same order).
type Stream struct {
	// Weights are the criterion weights used, sum 1; AHP the judgement
	// matrix's report for MethodAHP.
	Weights []float64
	AHP     *AHPReport
	// Rows is the number of rows scanned.
	Rows int

	agg   Aggregation
	dirs  []Direction
	norms []minMax  // WeightedSum
	bench []float64 // Benchmark
	top   ideals    // TOPSIS
}

// NewStream prepares the scoring of the matrix of the given criteria and
// directions whose rows rows yields, as Score would score it with s: a
// pass gathers the columns' minima, maxima and sums of squares (checking
// every value), a second one the entropy sums for MethodEntropy, and a
// third one only for TOPSIS on a column whose sum of squares overflowed.
// Its errors are Score's, rows numbered as rows yields them.
func NewStream(criteria []string, dirs []Direction, rows Rows, s *Settings) (*Stream, error) {
	set, err := s.withDefaults()
	if err != nil {
		return nil, err
	}
	m := Matrix{Criteria: criteria, Directions: dirs}
	if len(criteria) == 0 {
		return nil, inputErr("the matrix has no values (at least one row and one criterion are needed)")
	}
	if err := checkColumns(m, len(criteria)); err != nil {
		return nil, err
	}
	st := newStats(len(criteria))
	rows(func(row []float64) {
		if err == nil {
			err = st.add(m, row)
		}
	})
	if err != nil {
		return nil, err
	}
	if st.rows == 0 {
		return nil, inputErr("the matrix has no values (at least one row and one criterion are needed)")
	}
	if set.Aggregation == Benchmark {
		if err := checkBenchmarks(m, st, set.Benchmarks); err != nil {
			return nil, err
		}
	}
	out := &Stream{Rows: st.rows, agg: set.Aggregation, dirs: slices.Clone(dirs)}
	if out.Weights, out.AHP, err = weights(m, st, rows, set); err != nil {
		return nil, err
	}
	switch set.Aggregation {
	case WeightedSum:
		out.norms = minMaxColumns(m, st)
	case TOPSIS:
		out.top = topsisIdeals(st, dirs, out.Weights, rows)
	case Benchmark:
		out.bench = slices.Clone(set.Benchmarks)
	}
	return out, nil
}

// weights are the criterion weights of set.Method for the matrix scanned
// into st whose rows rows yields, as Score computes them.
func weights(m Matrix, st stats, rows Rows, set Settings) ([]float64, *AHPReport, error) {
	switch set.Method {
	case MethodExplicit:
		w, err := explicitWeights(m, set.Weights)
		return w, nil, err
	case MethodEntropy:
		return entropyWeights(m, st, rows), nil, nil
	case MethodAHP:
		rep, err := ahpWeights(m, set)
		if err != nil {
			return nil, nil, err
		}
		return slices.Clone(rep.Weights), rep, nil
	}
	return nil, nil, inputErr("unknown weight method %q (want %q, %q or %q)", set.Method, MethodExplicit, MethodEntropy, MethodAHP)
}

// Score returns the score of one row (one value per criterion) and, when
// contrib is not nil (of the row's length), writes each criterion's share
// of it into contrib, as Result.Contributions holds them. It is safe for
// concurrent use.
func (s *Stream) Score(row, contrib []float64) float64 {
	switch s.agg {
	case TOPSIS:
		var buf [16]float64
		var dAnti []float64
		if len(row) <= len(buf) {
			dAnti = buf[:len(row)]
		} else {
			dAnti = make([]float64, len(row))
		}
		return s.top.row(s.Weights, row, dAnti, contrib)
	case Benchmark:
		return benchmarkRow(s.bench, s.Weights, s.dirs, row, contrib)
	}
	return weightedRow(s.norms, s.Weights, row, contrib)
}
