package synth

import (
	"bytes"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestGenerateDeterministic(t *testing.T) {
	base := Config{Seed: 11, Parcels: 300, Proposals: 60}
	p1, q1, err := Generate(base)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                     string
		cfg                      Config
		sameParcels, sameRequest bool
	}{
		{"same config", base, true, true},
		{"other seed", Config{Seed: 12, Parcels: 300, Proposals: 60}, false, false},
		// Proposals come from their own random stream: the parcels stay.
		{"more proposals", Config{Seed: 11, Parcels: 300, Proposals: 90}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p2, q2, err := Generate(tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := bytes.Equal(p1, p2); got != tc.sameParcels {
				t.Errorf("parcels equal = %v, want %v", got, tc.sameParcels)
			}
			if got := bytes.Equal(q1, q2); got != tc.sameRequest {
				t.Errorf("proposals equal = %v, want %v", got, tc.sameRequest)
			}
		})
	}
}

func TestGenerateCounts(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"smallest", Config{Seed: 1, Parcels: 2, Proposals: 1}},
		{"odd sizes", Config{Seed: 3, Parcels: 77, Proposals: 13}},
		{"sample size", Config{Seed: 2022, Parcels: 320, Proposals: 120}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, q, err := Generate(tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if n := bytes.Count(p, []byte(`{"type":"Feature",`)); n != tc.cfg.Parcels {
				t.Errorf("%d features, want %d", n, tc.cfg.Parcels)
			}
			if n := bytes.Count(q, []byte("\n")) - 1; n != tc.cfg.Proposals {
				t.Errorf("%d proposal rows, want %d", n, tc.cfg.Proposals)
			}
			for _, z := range zones {
				if !bytes.Contains(p, []byte(`"zone":"`+z.Name+`"`)) {
					t.Errorf("no parcel in %s", z.Name)
				}
			}
		})
	}
}

func TestWriteRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"one parcel", Config{Parcels: 1, Proposals: 5}, "1 parcels"},
		{"too many parcels", Config{Parcels: MaxParcels + 1, Proposals: 5}, "parcels"},
		{"no proposals", Config{Parcels: 10, Proposals: 0}, "0 proposals"},
		{"negative proposals", Config{Parcels: 10, Proposals: -3}, "-3 proposals"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Write(tc.cfg, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestProposalAreasReachTheTotal(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		total     float64
		wantRatio float64 // sum / total reached
	}{
		{"reachable", 120, 10000, 1},
		{"too small a total: every area at 10", 50, 100, 500.0 / 100},
		{"too large a total: every area at 300", 10, 1e6, 3000 / 1e6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			areas := proposalAreas(newRNG(5), tc.n, tc.total)
			sum := 0.0
			for _, a := range areas {
				if a < 10 || a > 300 {
					t.Errorf("area %v outside 10–300", a)
				}
				sum += a
			}
			// Areas are rounded to 0.1 亩, so the sum can miss the
			// target by 0.05 亩 an area.
			if got := sum / tc.total; got < tc.wantRatio-0.05*float64(tc.n)/tc.total || got > tc.wantRatio+0.05*float64(tc.n)/tc.total+1e-9 {
				t.Errorf("sum %v of target %v: ratio %v, want %v", sum, tc.total, got, tc.wantRatio)
			}
		})
	}
}

// TestAddRequestsShares checks that the optional columns go to the fixed
// shares of the proposals at any size, that floor areas agree with the
// plot ratio and facility floor areas stay within the total, and that
// nothing makeProposals drew is changed.
func TestAddRequestsShares(t *testing.T) {
	for _, n := range []int{1, 2, 13, 120, 1000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			ps := makeProposals(newRNG(3), n, 60*float64(n))
			before := slices.Clone(ps)
			addRequests(rand.New(rand.NewPCG(3, streamRequests)), ps)
			var floors, facilities, requests, years int
			for i, p := range ps {
				q := p
				q.mode, q.term, q.earliestYear = "", 0, 0
				q.floorArea, q.facilityFloor, q.hasFloorArea, q.hasFacilityFloor = 0, 0, false, false
				if q != before[i] {
					t.Fatalf("proposal %s changed: %+v, was %+v", p.id, p, before[i])
				}
				if p.hasFloorArea {
					floors++
					if math.Abs(p.floorArea-p.plotRatio*p.area*muM2) > 0.5 || !(p.floorArea > 0) {
						t.Errorf("proposal %s: floor area %v, plot ratio %v, area %v 亩", p.id, p.floorArea, p.plotRatio, p.area)
					}
				}
				if p.hasFacilityFloor {
					facilities++
					if !p.hasFloorArea || p.facilityFloor < 0 || p.facilityFloor > p.floorArea {
						t.Errorf("proposal %s: facility floor area %v of %v", p.id, p.facilityFloor, p.floorArea)
					}
				}
				if p.mode != "" {
					requests++
				}
				if p.term < 0 || p.term > 50 || p.term > 0 && p.mode == "" {
					t.Errorf("proposal %s: mode %q, term %d", p.id, p.mode, p.term)
				}
				if p.earliestYear != 0 {
					years++
				}
			}
			round := func(share float64) int { return int(math.Round(share * float64(n))) }
			if floors != round(floorAreaShare) || requests != round(requestShare) || years != round(earliestYearShare) {
				t.Errorf("%d floor areas, %d requests, %d earliest years; want %d, %d, %d",
					floors, requests, years, round(floorAreaShare), round(requestShare), round(earliestYearShare))
			}
		})
	}
}

func TestNames(t *testing.T) {
	letterCases := map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"}
	for r, want := range letterCases {
		if got := letters(r); got != want {
			t.Errorf("letters(%d) = %q, want %q", r, got, want)
		}
	}
	numeralCases := map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 35: "三十五", 99: "九十九", 100: "100"}
	for n, want := range numeralCases {
		if got := numeral(n); got != want {
			t.Errorf("numeral(%d) = %q, want %q", n, got, want)
		}
	}
}

// BenchmarkGenerateLarge makes the benchmark instance of 100 000 parcels
// and 10 000 proposals.
func BenchmarkGenerateLarge(b *testing.B) {
	cfg := Config{Seed: 1, Parcels: 100_000, Proposals: 10_000}
	for b.Loop() {
		if err := Write(cfg, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
