package assign

import "math"

// LPCutBound returns the LP-with-cuts bound of p's model as built from
// the Problem (no presolve), for the tests.
func LPCutBound(p *Problem) float64 {
	b, _ := lpCutBound(rawModel(p), math.Inf(-1), func() bool { return false })
	return b
}

// LPTreeOnly makes s run the tree on the LP bound alone, from the root's
// LP with cuts computed whatever the root's gap (for the tests).
func LPTreeOnly(s *Settings) { s.lpTreeOnly = true }
