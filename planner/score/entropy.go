package score

import "math"

// EntropyWeights returns the entropy weights of m's criteria, sum 1.
//
// Each column is min–max normalised as in Score (benefit
// (x − min)/(max − min), cost (max − x)/(max − min)); then
// p_ij = n_ij/Σ_i n_ij, e_j = −(1/ln m)·Σ_i p_ij·ln p_ij with 0·ln 0 = 0,
// and w_j = (1 − e_j)/Σ_k (1 − e_k), m being the number of rows.
//
// A constant column carries no information and gets weight 0 (its
// entropy is taken as exactly 1). When every column is constant — always
// the case for a single row — no column is preferred and the weights are
// equal, 1/n each.
//
// Errors are *InputError values, as for Score.
func EntropyWeights(m Matrix) ([]float64, error) {
	st, err := scan(m)
	if err != nil {
		return nil, err
	}
	return entropyWeights(m, st, matrixRows(m)), nil
}

// entropyWeights computes the entropy weights of a matrix already
// scanned, whose rows rows yields.
//
// With s_j = Σ_i n_ij and Σ_i p_ij = 1 the entropy needs one pass:
// Σ_i p_ij·ln p_ij = (Σ_i n_ij·ln n_ij)/s_j − ln s_j.
func entropyWeights(m Matrix, st stats, rows Rows) []float64 {
	norms := minMaxColumns(m, st)
	w := make([]float64, st.cols)
	if st.rows > 1 {
		sum := make([]float64, st.cols)
		sumNLogN := make([]float64, st.cols)
		rows(func(row []float64) {
			for j, x := range row {
				if norms[j].constant {
					continue
				}
				n := norms[j].at(x)
				sum[j] += n
				if n > 0 {
					sumNLogN[j] += n * math.Log(n)
				}
			}
		})
		lnRows := math.Log(float64(st.rows))
		for j := range w {
			if norms[j].constant {
				continue // e_j = 1: weight 0
			}
			// A non-constant column has a 1 among its normalised values,
			// so sum[j] ≥ 1 and the logarithm is defined.
			e := (math.Log(sum[j]) - sumNLogN[j]/sum[j]) / lnRows
			w[j] = max(0, 1-e) // rounding can put e a few ulp above 1
		}
	}
	total := 0.0
	for _, d := range w {
		total += d
	}
	if total == 0 {
		for j := range w {
			w[j] = 1 / float64(st.cols)
		}
		return w
	}
	for j := range w {
		w[j] /= total
	}
	return w
}
