package plan

// DominanceByParcel sets whether a priced run's dominance check works
// parcel by parcel (else by passes over every pair) and returns the
// previous setting.
func DominanceByParcel(v bool) bool {
	old := byParcel
	byParcel = v
	return old
}
