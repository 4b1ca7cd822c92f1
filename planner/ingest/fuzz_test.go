package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/landplan/landplan/geo/geojson"
	"github.com/landplan/landplan/planner"
)

// checkProposalInvariants fails t when a successful read returned a
// proposal that breaks the rules ReadProposals promises.
func checkProposalInvariants(t *testing.T, ps []planner.Proposal) {
	t.Helper()
	ids := make(map[string]bool, len(ps))
	share := func(name string, v *float64) {
		if v != nil && !(*v >= 0 && *v <= 1) {
			t.Errorf("%s = %v outside 0..1", name, *v)
		}
	}
	for _, p := range ps {
		if p.ID == "" || ids[p.ID] {
			t.Errorf("id %q empty or repeated", p.ID)
		}
		ids[p.ID] = true
		if p.Industry == "" || p.Industry != strings.ToLower(p.Industry) {
			t.Errorf("industry %q empty or not lower-case", p.Industry)
		}
		if !(p.AreaMu > 0) || !(p.MinAreaMu > 0) || p.MinAreaMu > p.AreaMu {
			t.Errorf("areas %v / %v break 0 < min ≤ area", p.MinAreaMu, p.AreaMu)
		}
		if p.Phases < 1 || !(p.Phase1Share > 0 && p.Phase1Share <= 1) || (p.Phases == 1 && p.Phase1Share != 1) {
			t.Errorf("phases %d with phase-1 share %v", p.Phases, p.Phase1Share)
		}
		if p.LandClass < 0 || p.LandClass > 3 {
			t.Errorf("land class %d", p.LandClass)
		}
		if !(p.Investment >= 0) || !(p.Output >= 0) || !(p.Tax >= 0) || p.Jobs < 0 {
			t.Errorf("negative figures in %+v", p)
		}
		share("rd_share", p.RDShare)
		share("building_coverage", p.BuildingCoverage)
		share("facility_share", p.FacilityShare)
		share("dormitory_share", p.DormitoryShare)
		for _, et := range p.EnterpriseTypes {
			if !slices.Contains(planner.EnterpriseTypeNames, et) {
				t.Errorf("enterprise type %q", et)
			}
		}
		if p.RequestedMode != "" && !slices.Contains(planner.SupplyModes, p.RequestedMode) {
			t.Errorf("requested mode %q", p.RequestedMode)
		}
		if p.RequestedTermYears != nil && (*p.RequestedTermYears < 1 || *p.RequestedTermYears > planner.StatutoryMaxTermYears) {
			t.Errorf("requested term %d years outside 1..%d", *p.RequestedTermYears, planner.StatutoryMaxTermYears)
		}
		if p.FloorAreaM2 != nil && !(*p.FloorAreaM2 > 0) {
			t.Errorf("floor area %v", *p.FloorAreaM2)
		}
		if f := p.FacilityFloorAreaM2; f != nil && (p.FloorAreaM2 == nil || !(*f >= 0) || *f > *p.FloorAreaM2) {
			t.Errorf("facility floor area %v with floor area %v", *f, p.FloorAreaM2)
		}
		if p.EarliestYear != 0 && (p.EarliestYear < 2000 || p.EarliestYear > 2100) {
			t.Errorf("earliest year %d", p.EarliestYear)
		}
	}
}

// FuzzReadProposals feeds arbitrary bytes (seeds in
// testdata/fuzz/FuzzReadProposals: CSV in each encoding and an XLSX
// workbook) to ReadProposals: it must never panic, must return either
// proposals that keep its promises or a KindInvalid *planner.Error whose
// diagnostics name the file.
func FuzzReadProposals(f *testing.F) {
	f.Add([]byte("id,industry,area_mu\nP1,nev,10\n"))
	f.Add([]byte(chineseCSV))
	f.Add([]byte("id,industry,area_mu,phases,phase1_share\nP1,nev,10,2,\n"))
	f.Add([]byte("id,industry,area_mu,requested_mode,requested_term_years,floor_area_m2,facility_floor_area_m2,earliest_year\n" +
		"P1,nev,80,transfer,50,64000,8000,2026\nP2,ict,20,弹性年期出让,20年,,,\n"))
	f.Add([]byte("id,industry,area_mu,requested_mode,requested_term_years,floor_area_m2,facility_floor_area_m2,earliest_year\n" +
		"P1,nev,80,lease,60,100,200,1999\nP2,ict,20,,12.5,,50,2026.5\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := ReadProposals(bytes.NewReader(b), ProposalOptions{File: "fuzz.csv"})
		if err != nil {
			var pe *planner.Error
			if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid || len(pe.Diagnostics) == 0 {
				t.Fatalf("error %v (%T) is not an invalid-input *planner.Error with diagnostics", err, err)
			}
			for _, d := range pe.Diagnostics {
				if d.File != "fuzz.csv" || d.Code == "" || d.Message == "" {
					t.Fatalf("diagnostic %#v lacks file, code or message", d)
				}
			}
			return
		}
		if len(ps) == 0 {
			t.Fatal("no error and no proposals")
		}
		checkProposalInvariants(t, ps)
	})
}

// benchmarkCSV returns a proposals CSV of n rows in the sample's layout.
func benchmarkCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,name,industry,land_class,area_mu,min_area_mu,phases,phase1_share,investment,output,tax,jobs,rd_share,plot_ratio,building_coverage,facility_share,dormitory_share,lifecycle_years,enterprise_type,preferred_zone\n")
	inds := []string{"nev", "auto_parts", "equipment", "ict", "green"}
	for i := range n {
		area := 10 + float64(i%290)
		fmt.Fprintf(&b, "P%05d,柳州%d汽车零部件有限公司 年产%d万套底盘件项目,%s,%d,%g,%g,%d,%g,%g,%g,%g,%d,0.0%d,1.%d,0.4%d,0.0%d,0.%d,%d,sme;high_tech,柳州国家高新区\n",
			i, i, i%50+1, inds[i%len(inds)], i%3+1, area, area*0.8, i%3+1, 1/float64(i%3+1), area*300, area*600, area*30, int(area*10),
			i%10, i%10, i%10, i%8, i%10, 10+i%30)
	}
	return b.Bytes()
}

// BenchmarkReadProposals reads a 10 000-row UTF-8 CSV.
func BenchmarkReadProposals(b *testing.B) {
	data := benchmarkCSV(10000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ps, err := ReadProposals(bytes.NewReader(data), ProposalOptions{File: "bench.csv"})
		if err != nil || len(ps) != 10000 {
			b.Fatalf("read %d proposals: %v", len(ps), err)
		}
	}
}

// FuzzParcelsFromFeatures reads arbitrary bytes as a GeoJSON
// FeatureCollection (seeds in testdata/fuzz/FuzzParcelsFromFeatures) and
// converts the features: it must never panic, and parcels it returns must
// have an id, a status, a land use code and a positive area, ids unique.
func FuzzParcelsFromFeatures(f *testing.F) {
	f.Add([]byte(goodCollection))
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, err := geojson.ReadFeatureCollection(bytes.NewReader(b), geojson.ReadOptions{File: "fuzz.geojson"})
		if err != nil {
			return
		}
		ps, err := ParcelsFromFeatures(fs, "fuzz.geojson")
		if err != nil {
			var pe *planner.Error
			if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid || len(pe.Diagnostics) == 0 {
				t.Fatalf("error %v (%T) is not an invalid-input *planner.Error with diagnostics", err, err)
			}
			return
		}
		ids := make(map[string]bool, len(ps))
		for _, p := range ps {
			if p.ID == "" || ids[p.ID] || p.LandUse == "" || p.Status == "" || !(p.AreaM2 > 0) {
				t.Fatalf("parcel %+v breaks the promises", p)
			}
			ids[p.ID] = true
			if _, err := planner.ParseStatus(string(p.Status)); err != nil {
				t.Fatal(err)
			}
		}
	})
}
