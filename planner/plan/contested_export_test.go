package plan

// HoldContested sets whether a priced run's dominance check may hold the
// pairs on parcels with a chosen pair (else it passes over every pair
// each round) and returns the previous setting.
func HoldContested(v bool) bool {
	old := holdContested
	holdContested = v
	return old
}
