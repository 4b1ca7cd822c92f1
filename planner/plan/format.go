package plan

// FormatValue formats an objective value as plans show it: one decimal
// from 100 up, four digits below.
func FormatValue(v float64) string { return fmtValue(v) }
