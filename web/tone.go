package web

import "strings"

// indicatorSense says which way an indicator of the comparison is better:
// +1 when more is better (projects placed, output, tax, jobs, the
// objective), -1 when less is better (projects not placed, the gap), 0
// when a change is neither good nor bad in itself (land, quota, supply
// modes, the bound).
func indicatorSense(key string) int {
	switch key {
	case "projects", "output", "tax", "investment", "jobs", "output_per_mu", "tax_per_mu", "objective", "revenue_yuan", "reserved_mu":
		return +1
	case "rejected", "gap":
		return -1
	}
	return 0
}

// toneOf is the class that colours a difference by its meaning: "better"
// (green), "worse" (red) or "" (no colour) for a neutral indicator or a
// change too small to show (deltaText prints it as 0).
func toneOf(key, unit string, d float64) string {
	sense := indicatorSense(key)
	switch {
	case sense == 0 || d > -1e-9 && d < 1e-9 || strings.HasPrefix(deltaText(unit, d), "0"):
		return ""
	case (d > 0) == (sense > 0):
		return "better"
	}
	return "worse"
}
