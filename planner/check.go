package planner

import "fmt"

// CheckData reviews stored parcels and proposals for problems that each
// record passes on its own but a planning run would trip over: missing
// figures the rules need, and requests no parcel can meet. The rule
// pre-check of every proposal is separate (package rules).
func CheckData(parcels []Parcel, proposals []Proposal) []Diagnostic {
	var ds []Diagnostic
	warn := func(kind, id, prop, code, format string, args ...any) {
		ds = append(ds, Diagnostic{Severity: SeverityWarning, Code: code, Location: kind, ID: id, Property: prop, Message: fmt.Sprintf(format, args...)})
	}
	largest := 0.0
	for _, p := range parcels {
		mu := p.AreaMu()
		available := p.Status != StatusReserved && p.Status != StatusOccupied
		if available && mu > largest {
			largest = mu
		}
		if p.AreaM2 <= 0 {
			ds = append(ds, Diagnostic{Severity: SeverityError, Code: "parcel.area_zero", Location: "parcel", ID: p.ID, Property: "geometry", Message: "the parcel has no area"})
		}
		if !available {
			continue
		}
		if p.Zone == "" {
			warn("parcel", p.ID, "zone", "parcel.zone_missing", "no zone: zone rules (the raised facility cap) cannot apply")
		}
		if p.Price == nil {
			warn("parcel", p.ID, "price", "parcel.price_missing", "no benchmark price: the supply price and rent cannot be computed")
		}
		if p.Status == StatusIdle && p.AgreedStart == "" && p.HaltedSince == "" {
			warn("parcel", p.ID, "agreed_start", "parcel.idle_dates_missing", "status idle but neither agreed_start nor halted_since is given: the idle-land rule cannot be confirmed")
		}
		if p.Status == StatusInefficient && p.CurrentPlotRatio == nil && p.CurrentTaxPerMu == nil {
			warn("parcel", p.ID, "current_plot_ratio", "parcel.inefficient_figures_missing", "status inefficient but neither current_plot_ratio nor current_tax_per_mu is given: the inefficient-land rule cannot be confirmed")
		}
	}
	for _, p := range proposals {
		if p.MinAreaMu > largest && len(parcels) > 0 {
			warn("proposal", p.ID, "min_area_mu", "proposal.no_parcel_large_enough", "needs at least %.1f mu but the largest available parcel has %.1f mu", p.MinAreaMu, largest)
		}
		if p.Output == 0 && p.Tax == 0 {
			warn("proposal", p.ID, "output", "proposal.no_output", "neither output nor tax is given: the project scores as producing nothing")
		}
	}
	return ds
}
