package planner

import "testing"

func TestCheckData(t *testing.T) {
	price := 300.0
	parcels := []Parcel{
		{ID: "A", Zone: "z", Status: StatusNew, AreaM2: 50 * SquareMetresPerMu, Price: &price},
		{ID: "B", Status: StatusIdle, AreaM2: 10 * SquareMetresPerMu},
		{ID: "R", Zone: "z", Status: StatusReserved, AreaM2: 500 * SquareMetresPerMu},
	}
	props := []Proposal{
		{ID: "P1", AreaMu: 40, MinAreaMu: 40, Output: 1},
		{ID: "P2", AreaMu: 80, MinAreaMu: 60, Tax: 1},
		{ID: "P3", AreaMu: 10, MinAreaMu: 10},
	}
	got := map[string]bool{}
	for _, d := range CheckData(parcels, props) {
		got[d.ID+" "+d.Code] = true
	}
	want := []string{
		"B parcel.zone_missing", "B parcel.price_missing", "B parcel.idle_dates_missing",
		"P2 proposal.no_parcel_large_enough", "P3 proposal.no_output",
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing %s", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want exactly %v (the reserved parcel is not available, P1 fits)", got, want)
	}
}
