package sample_test

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
	"github.com/peterstace/simplefeatures/geom"
)

// readInstance reads an instance with planner/ingest, failing the test on
// any problem.
func readInstance(t *testing.T, parcels, proposals []byte) ([]planner.Parcel, []planner.Proposal) {
	t.Helper()
	ps, err := ingest.ReadParcels(bytes.NewReader(parcels), ingest.ParcelOptions{File: sample.ParcelsFile})
	if err != nil {
		t.Fatalf("parcels do not read cleanly: %v", err)
	}
	var warnings []planner.Diagnostic
	qs, err := ingest.ReadProposals(bytes.NewReader(proposals), ingest.ProposalOptions{File: sample.ProposalsFile, Warn: func(d planner.Diagnostic) { warnings = append(warnings, d) }})
	if err != nil {
		t.Fatalf("proposals do not read cleanly: %v", err)
	}
	if len(warnings) > 0 {
		t.Errorf("proposals read with warnings: %v", warnings)
	}
	return ps, qs
}

// The idle rule of 闲置土地处置办法 (令第53号) art. 2 and the inefficient-land
// thresholds of the default policy profile (plot ratio below 0.5, tax below
// 5 万元/亩), restated here to check the sample's facts independently of
// the planner's rules.
const (
	developedBelow  = 1.0 / 3
	investedBelow   = 0.25
	inefficientPR   = 0.5
	inefficientTax  = 5.0
	idleYearsNeeded = 1
)

// meetsIdleRule reports whether p is idle land at asOf: not started a year
// after the agreed start, or started with less than a third developed or
// under a quarter invested and halted for a year.
func meetsIdleRule(t *testing.T, p planner.Parcel, asOf time.Time) bool {
	t.Helper()
	date := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatalf("parcel %s: date %q: %v", p.ID, s, err)
		}
		return d
	}
	if p.DevelopedShare == nil || p.InvestedShare == nil || p.AgreedStart == "" {
		return false
	}
	if *p.DevelopedShare == 0 {
		return !asOf.Before(date(p.AgreedStart).AddDate(idleYearsNeeded, 0, 0))
	}
	if p.HaltedSince == "" {
		return false
	}
	slow := *p.DevelopedShare < developedBelow || *p.InvestedShare < investedBelow
	return slow && !asOf.Before(date(p.HaltedSince).AddDate(idleYearsNeeded, 0, 0))
}

func TestSampleReadsCleanly(t *testing.T) {
	ps, qs := readInstance(t, sample.ParcelsGeoJSON, sample.ProposalsCSV)
	if len(ps) != sample.SampleConfig.Parcels || len(qs) != sample.SampleConfig.Proposals {
		t.Fatalf("read %d parcels and %d proposals, want %d and %d", len(ps), len(qs), sample.SampleConfig.Parcels, sample.SampleConfig.Proposals)
	}
	asOf, err := time.Parse(time.DateOnly, sample.AsOf)
	if err != nil {
		t.Fatal(err)
	}

	zones := map[string]int{}
	statuses := map[planner.Status]int{}
	var (
		ordinary, large, idleMeet, idleNot, inefMeet, inefNot, oldCodes, storage, notes int
		holes, lShapes                                                                  int
		available                                                                       float64
	)
	for _, p := range ps {
		zones[p.Zone]++
		statuses[p.Status]++
		if len(p.Geometry[0]) > 1 {
			holes++
		}
		if len(p.Geometry[0][0]) > 5 { // more than a closed quadrilateral
			lShapes++
		}
		mu := p.AreaMu()
		switch {
		case mu >= 10 && mu <= 150:
			ordinary++
		case mu >= 200 && mu <= 600:
			large++
		case mu < 5 || mu > 650:
			t.Errorf("parcel %s has %.1f 亩, outside 5–650", p.ID, mu)
		}
		use, err := planner.ParseLandUse(p.LandUse)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status == planner.StatusReserved {
			if use.Industrial() || use.Storage {
				t.Errorf("reserved parcel %s has industrial or storage use %s", p.ID, p.LandUse)
			}
		} else if !use.Industrial() && !use.Storage {
			t.Errorf("parcel %s (%s) has use %s, neither industrial nor storage", p.ID, p.Status, p.LandUse)
		}
		if use.System == planner.CodeSystemGB50137 {
			oldCodes++
		}
		if use.Storage {
			storage++
		}
		if p.Status == planner.StatusNew || p.Status.IsStock() {
			available += mu
			if p.Price == nil || *p.Price < 150 || *p.Price > 450 {
				t.Errorf("parcel %s price %v outside 150–450 元/m²", p.ID, p.Price)
			}
			if p.MinPlotRatio == nil || p.MaxPlotRatio == nil || *p.MinPlotRatio > *p.MaxPlotRatio {
				t.Errorf("parcel %s plot-ratio limits %v..%v", p.ID, p.MinPlotRatio, p.MaxPlotRatio)
			}
		}
		switch p.Status {
		case planner.StatusIdle:
			if meetsIdleRule(t, p, asOf) {
				idleMeet++
			} else {
				idleNot++
			}
		case planner.StatusInefficient:
			if p.CurrentPlotRatio == nil || p.CurrentTaxPerMu == nil {
				t.Errorf("inefficient parcel %s lacks its current use", p.ID)
			} else if *p.CurrentPlotRatio < inefficientPR || *p.CurrentTaxPerMu < inefficientTax {
				inefMeet++
			} else {
				inefNot++
			}
		}
		if _, ok := p.Extra["road"].(string); !ok {
			t.Errorf("parcel %s has no road property", p.ID)
		}
		if _, ok := p.Extra["note"]; ok {
			notes++
		}
		// Each zone stays on its side of the Gauss-Krüger boundary at 109.5°E.
		b := p.Geometry.Bound()
		switch p.Zone {
		case "柳州国家高新区":
			if b.Min[0] <= 109.5 || math.Abs(b.Center()[0]-109.52) > 0.05 || math.Abs(b.Center()[1]-24.37) > 0.05 {
				t.Errorf("parcel %s of 柳东 lies at %v", p.ID, b)
			}
		case "河西柳州高新区":
			if b.Max[0] >= 109.5 || math.Abs(b.Center()[0]-109.44) > 0.05 || math.Abs(b.Center()[1]-24.33) > 0.05 {
				t.Errorf("parcel %s of 河西 lies at %v", p.ID, b)
			}
		}
	}
	if len(zones) != 2 || zones["柳州国家高新区"] == 0 || zones["河西柳州高新区"] == 0 {
		t.Errorf("zones %v, want both 柳州国家高新区 and 河西柳州高新区", zones)
	}
	for _, s := range planner.Statuses {
		if statuses[s] == 0 {
			t.Errorf("no parcel is %s (statuses %v)", s, statuses)
		}
	}
	if share := float64(statuses[planner.StatusReserved]) / float64(len(ps)); share < 0.05 || share > 0.12 {
		t.Errorf("reserved share %.3f, want about 8%%", share)
	}
	if float64(ordinary) < 0.85*float64(len(ps)) || large < 3 {
		t.Errorf("%d of %d parcels in 10–150 亩 and %d in 200–600 亩; want most and a few", ordinary, len(ps), large)
	}
	if idleMeet == 0 || idleNot == 0 || inefMeet == 0 || inefNot == 0 {
		t.Errorf("idle parcels meeting the rule %d / not %d; inefficient meeting thresholds %d / not %d: want some of each", idleMeet, idleNot, inefMeet, inefNot)
	}
	if holes == 0 || lShapes == 0 {
		t.Errorf("%d parcels with a hole and %d L-shaped: want some of each", holes, lShapes)
	}
	if oldCodes == 0 || storage == 0 || notes == 0 {
		t.Errorf("%d old GB 50137 codes, %d storage parcels, %d notes: want some of each", oldCodes, storage, notes)
	}

	// The listed parcel A-8-1 of 柳土交告字〔2025〕28号: 61 671.73 m².
	i := slices.IndexFunc(ps, func(p planner.Parcel) bool { return p.ID == "HX-A-8-1" })
	if i < 0 {
		t.Fatal("no parcel HX-A-8-1")
	}
	// The generator maps metres to degrees with the radii of curvature of
	// the zone's middle latitude; over the ~2 km from there to row A the
	// east-west scale drifts by tan φ·Δφ ≈ 1.5e-4, and rounding vertices to
	// 1e-7° (1 cm) moves a 250 m edge by 4e-5: 1e-3 covers both.
	if a8 := ps[i]; math.Abs(a8.AreaM2-61671.73)/61671.73 > 1e-3 || *a8.MinPlotRatio != 1.12 || *a8.MaxPlotRatio != 3 || a8.LandUse != "100102" {
		t.Errorf("HX-A-8-1 is %.2f m², plot ratio %v–%v, use %s", a8.AreaM2, *a8.MinPlotRatio, *a8.MaxPlotRatio, a8.LandUse)
	}

	checkProposals(t, qs)
	checkRequests(t, qs)
	demand := 0.0
	for _, q := range qs {
		demand += q.AreaMu
	}
	if r := demand / available; r < 1.5 || r > 2 {
		t.Errorf("proposals ask for %.0f 亩 of %.0f 亩 available new and stock land: ratio %.2f, want 1.5–2", demand, available, r)
	}
}

// minPlotRatio is each industry's minimum plot ratio in the default policy
// profile (2008 control indicators).
var minPlotRatio = map[string]float64{"nev": 0.7, "auto_parts": 0.7, "equipment": 0.7, "ict": 1.0, "green": 0.7,
	"biomed": 0.7, "materials": 0.6, "logistics": 0, "other": 0.7}

func checkProposals(t *testing.T, qs []planner.Proposal) {
	t.Helper()
	count := map[string]int{}
	var belowMin, lowCoverage, over7, over15, multiPhase int
	for _, q := range qs {
		count[q.Industry]++
		if _, ok := minPlotRatio[q.Industry]; !ok {
			t.Errorf("proposal %s has industry %q", q.ID, q.Industry)
		}
		if q.AreaMu < 10 || q.AreaMu > 300 {
			t.Errorf("proposal %s asks for %.1f 亩", q.ID, q.AreaMu)
		}
		if !strings.HasPrefix(q.Name, "柳州") || !strings.HasSuffix(q.Name, "项目") {
			t.Errorf("proposal %s is named %q", q.ID, q.Name)
		}
		per := func(v float64) float64 { return v / q.AreaMu }
		if per(q.Investment) < 149 || per(q.Investment) > 601 || per(q.Output) < 199 || per(q.Output) > 1201 || per(q.Tax) < 9.9 || per(q.Tax) > 80.1 {
			t.Errorf("proposal %s per 亩: investment %.0f, output %.0f, tax %.1f", q.ID, per(q.Investment), per(q.Output), per(q.Tax))
		}
		if q.PlotRatio != nil && *q.PlotRatio < minPlotRatio[q.Industry] {
			belowMin++
		}
		if q.BuildingCoverage != nil && *q.BuildingCoverage < 0.3 {
			lowCoverage++
		}
		if q.FacilityShare != nil && *q.FacilityShare > 0.07 {
			over7++
		}
		if q.FacilityShare != nil && *q.FacilityShare > 0.15 {
			over15++
		}
		if q.Phases > 1 {
			multiPhase++
		}
	}
	type kv struct {
		k string
		n int
	}
	var ranked []kv
	for k, n := range count {
		ranked = append(ranked, kv{k, n})
	}
	sort.Slice(ranked, func(i, j int) bool {
		return ranked[i].n > ranked[j].n || ranked[i].n == ranked[j].n && ranked[i].k < ranked[j].k
	})
	if len(ranked) < 6 || ranked[0].k != "auto_parts" && ranked[0].k != "nev" {
		t.Errorf("industries %v: want many, autos and parts first", ranked)
	}
	if belowMin == 0 || lowCoverage == 0 || over7 == 0 || over15 == 0 || multiPhase == 0 {
		t.Errorf("plot ratio below minimum %d, coverage below 30%% %d, facility above 7%% %d and above 15%% %d, multi-phase %d: want some of each",
			belowMin, lowCoverage, over7, over15, multiPhase)
	}
}

// The limits the sample's requests are checked against, restated from
// docs/policy.md "Supply modes and terms" (自然资发〔2022〕201号) and clause 13.
const (
	longLeaseMinYears = 5
	longLeaseMaxYears = 20
	fullTermYears     = 50   // the ordinary transfer; a flexible term is shorter
	floorAreaCap      = 0.15 // clause 13: facility floor area / total floor area
)

// checkRequests checks the optional columns of the sample's proposals:
// floor areas for a third (40), agreeing with the planned plot ratio, a few
// of them with a facility floor-area share above clause 13's 15% and a few
// with no facility figure; a requested mode for a fifth (24), mostly
// lawful, including a 50-year transfer by a large enterprise, and four a
// bureau would not grant; earliest years after the plan date for six.
func checkRequests(t *testing.T, qs []planner.Proposal) {
	t.Helper()
	var floors, overCap, totalOnly, requests, lawful, unlawful, largeTransfer, flexible20, earliest int
	for _, q := range qs {
		if q.FloorAreaM2 != nil {
			floors++
			// The floor area is the plot ratio times the land area,
			// rounded to the square metre.
			if q.PlotRatio == nil || math.Abs(*q.FloorAreaM2-*q.PlotRatio*q.AreaMu*planner.SquareMetresPerMu) > 0.5 {
				t.Errorf("proposal %s: floor area %v m² does not agree with plot ratio %v on %v 亩", q.ID, *q.FloorAreaM2, q.PlotRatio, q.AreaMu)
			}
			switch f := q.FacilityFloorAreaM2; {
			case f == nil:
				totalOnly++
			case *f/(*q.FloorAreaM2) > floorAreaCap:
				overCap++
			}
		}
		if q.RequestedMode != "" {
			requests++
			term := 0
			if q.RequestedTermYears != nil {
				term = *q.RequestedTermYears
			}
			switch {
			case q.RequestedMode == planner.ModeLongLease && (term < longLeaseMinYears || term > longLeaseMaxYears),
				q.RequestedMode == planner.ModeFlexibleTerm && term >= fullTermYears:
				unlawful++
			default:
				lawful++
			}
			if q.RequestedMode == planner.ModeTransfer && term == fullTermYears && q.HasType("large") {
				largeTransfer++
			}
			if q.RequestedMode == planner.ModeFlexibleTerm && term == 20 {
				flexible20++
			}
		} else if q.RequestedTermYears != nil {
			t.Errorf("proposal %s asks for a term without a mode", q.ID)
		}
		if q.EarliestYear != 0 {
			earliest++
			if q.EarliestYear < 2027 || q.EarliestYear > 2029 {
				t.Errorf("proposal %s: earliest year %d, want 2027–2029 (after the plan date %s)", q.ID, q.EarliestYear, sample.AsOf)
			}
		}
	}
	if floors != 40 || overCap < 3 || overCap > 6 || totalOnly < 2 || totalOnly > 4 {
		t.Errorf("%d proposals with floor areas (want 40), %d above the 15%% facility floor-area cap (want 3–6), %d with the total alone (want 2–4)", floors, overCap, totalOnly)
	}
	if requests != 24 || unlawful != 4 || lawful != 20 || largeTransfer == 0 || flexible20 == 0 {
		t.Errorf("%d requests (want 24): %d lawful, %d not (want 20 and 4), %d 50-year transfers by a large enterprise, %d 20-year flexible terms (want some)",
			requests, lawful, unlawful, largeTransfer, flexible20)
	}
	if earliest != 6 {
		t.Errorf("%d proposals with an earliest year, want 6", earliest)
	}
}

// TestSampleIsUpToDate guards the embedded files against drifting from the
// generator: run `go generate ./data/sample` after changing it.
func TestSampleIsUpToDate(t *testing.T) {
	parcels, proposals, err := sample.Generate(sample.SampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(parcels, sample.ParcelsGeoJSON) || !bytes.Equal(proposals, sample.ProposalsCSV) {
		t.Error("the embedded sample differs from what the generator makes; run go generate ./data/sample")
	}
}

// polygons decodes and validates (simplefeatures checks ring validity) the
// geometry of every feature of a FeatureCollection.
func polygons(t *testing.T, fc []byte) ([]string, []geom.Geometry) {
	t.Helper()
	var doc struct {
		Features []struct {
			Properties struct {
				ID string `json:"id"`
			} `json:"properties"`
			Geometry json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(fc, &doc); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(doc.Features))
	gs := make([]geom.Geometry, len(doc.Features))
	for i, f := range doc.Features {
		g, err := geom.UnmarshalGeoJSON(f.Geometry)
		if err != nil {
			t.Fatalf("parcel %s: invalid geometry: %v", f.Properties.ID, err)
		}
		ids[i], gs[i] = f.Properties.ID, g
	}
	return ids, gs
}

// checkNoOverlap fails when the interiors of two parcels intersect (DE-9IM
// interior/interior not F). Parcels whose envelopes meet are found by a
// sweep along longitude.
func checkNoOverlap(t *testing.T, fc []byte) {
	t.Helper()
	ids, gs := polygons(t, fc)
	type box struct {
		i        int
		min, max geom.XY
	}
	boxes := make([]box, len(gs))
	for i, g := range gs {
		lo, hi, ok := g.Envelope().MinMaxXYs()
		if !ok {
			t.Fatalf("parcel %s has an empty geometry", ids[i])
		}
		boxes[i] = box{i, lo, hi}
	}
	sort.Slice(boxes, func(a, b int) bool { return boxes[a].min.X < boxes[b].min.X })
	pairs := 0
	for a := range boxes {
		for b := a + 1; b < len(boxes) && boxes[b].min.X <= boxes[a].max.X; b++ {
			if boxes[b].min.Y > boxes[a].max.Y || boxes[b].max.Y < boxes[a].min.Y {
				continue
			}
			pairs++
			m, err := geom.Relate(gs[boxes[a].i], gs[boxes[b].i])
			if err != nil {
				t.Fatal(err)
			}
			if m[0] != 'F' {
				t.Errorf("parcels %s and %s overlap (DE-9IM %s)", ids[boxes[a].i], ids[boxes[b].i], m)
			}
		}
	}
	if pairs == 0 {
		t.Error("no two parcels are neighbours; the check proved nothing")
	}
}

func TestSampleParcelsDoNotOverlap(t *testing.T) {
	checkNoOverlap(t, sample.ParcelsGeoJSON)
}

func TestGenerateLargerInstance(t *testing.T) {
	cfg := sample.Config{Seed: 7, Parcels: 1500, Proposals: 400}
	parcels, proposals, err := sample.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ps, qs := readInstance(t, parcels, proposals)
	if len(ps) != cfg.Parcels || len(qs) != cfg.Proposals {
		t.Fatalf("read %d parcels and %d proposals, want %d and %d", len(ps), len(qs), cfg.Parcels, cfg.Proposals)
	}
	statuses := map[planner.Status]int{}
	for _, p := range ps {
		statuses[p.Status]++
	}
	for _, s := range planner.Statuses {
		if statuses[s] == 0 {
			t.Errorf("no parcel is %s", s)
		}
	}
	checkNoOverlap(t, parcels)
}
