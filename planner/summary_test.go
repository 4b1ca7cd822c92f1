package planner

import (
	"math"
	"testing"
)

func TestSummarize(t *testing.T) {
	mu := func(x float64) float64 { return x * SquareMetresPerMu }
	parcels := []Parcel{
		{ID: "B", Zone: "河西柳州高新区", Status: StatusNew, AreaM2: mu(10)},
		{ID: "A", Zone: "柳州国家高新区", Status: StatusIdle, AreaM2: mu(20)},
		{ID: "C", Zone: "柳州国家高新区", Status: StatusNew, AreaM2: mu(30)},
	}
	props := []Proposal{
		{ID: "P1", Industry: "nev", AreaMu: 12, Output: 100, Jobs: 5},
		{ID: "P2", Industry: "auto_parts", AreaMu: 8, Output: 50, Jobs: 3},
		{ID: "P3", Industry: "nev", AreaMu: 20, Output: 10, Jobs: 1},
	}
	s := Summarize(parcels, props)
	if s.Parcels.Count != 3 || math.Abs(s.Parcels.AreaMu-60) > 1e-9 {
		t.Fatalf("parcels %+v", s.Parcels)
	}
	if got := s.ByStatus[StatusNew]; got.Count != 2 || math.Abs(got.AreaMu-40) > 1e-9 {
		t.Errorf("new %+v", got)
	}
	if len(s.Zones) != 2 || s.Zones[0].Zone != "柳州国家高新区" || s.Zones[0].Total.Count != 2 {
		t.Errorf("zones %+v", s.Zones)
	}
	if len(s.Industries) != 2 || s.Industries[0].Industry != "auto_parts" || s.Industries[1].Count != 2 || s.Industries[1].Jobs != 6 {
		t.Errorf("industries %+v", s.Industries)
	}
	if s.Proposals.Count != 3 || s.Proposals.AreaMu != 40 || s.Proposals.Output != 160 {
		t.Errorf("all proposals %+v", s.Proposals)
	}
}
