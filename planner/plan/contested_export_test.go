package plan

// DominanceByParcel sets whether a priced run's dominance check works
// parcel by parcel (else by passes over every pair) and returns the
// previous setting.
func DominanceByParcel(v bool) bool {
	old := byParcel
	byParcel = v
	return old
}

// AlwaysPrice sets whether every run under a memory budget that can price
// its pairs prices them, whatever the memory in use, and returns the
// previous setting.
func AlwaysPrice(v bool) bool {
	old := alwaysPrice
	alwaysPrice = v
	return old
}
