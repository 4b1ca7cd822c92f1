package export

import "math"

// round rounds x to n decimals, so that exported numbers do not carry the
// noise digits of floating-point sums.
func round(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	r := math.Round(x*p) / p
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return x
	}
	return r
}
