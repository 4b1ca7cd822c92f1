package plan_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/geo/area"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// testTimeLimit bounds the solver in tests; the sample solves to the
// target gap well within it (the tests check the status).
const testTimeLimit = 5 * time.Second

// testGap is the target gap of the shared sample runs: the tests check
// what a plan holds, not how far the proof goes (TestStopped runs the
// default).
const testGap = 1e-4

var (
	sampleOnce      sync.Once
	sampleParcels   []planner.Parcel
	sampleProposals []planner.Proposal
	sampleErr       error
)

// loadSample reads the embedded sample through planner/ingest.
func loadSample(t testing.TB) ([]planner.Parcel, []planner.Proposal) {
	t.Helper()
	sampleOnce.Do(func() {
		sampleParcels, sampleErr = ingest.ReadParcels(bytes.NewReader(sample.ParcelsGeoJSON), ingest.ParcelOptions{File: sample.ParcelsFile})
		if sampleErr != nil {
			return
		}
		sampleProposals, sampleErr = ingest.ReadProposals(bytes.NewReader(sample.ProposalsCSV), ingest.ProposalOptions{File: sample.ProposalsFile})
	})
	if sampleErr != nil {
		t.Fatalf("reading the sample: %v", sampleErr)
	}
	return sampleParcels, sampleProposals
}

var (
	runsMu sync.Mutex
	runs   = map[string]*plan.Plan{}
)

// runSample plans the sample under the profile with the overrides; runs
// are shared between tests (which must not change the plan).
func runSample(t testing.TB, overrides ...string) *plan.Plan {
	t.Helper()
	key := strings.Join(overrides, "\n")
	runsMu.Lock()
	defer runsMu.Unlock()
	if p, ok := runs[key]; ok {
		return p
	}
	parcels, proposals := loadSample(t)
	prof, err := plan.ApplyScenario(policy.Default(), plan.Scenario{Name: "test", Overrides: overrides})
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Run(context.Background(), plan.Input{Parcels: parcels, Proposals: proposals, Profile: prof, Scenario: "test", Overrides: overrides},
		&plan.Settings{TimeLimit: testTimeLimit, TargetGap: testGap, Flips: -1})
	if err != nil {
		t.Fatalf("run with %v: %v", overrides, err)
	}
	runs[key] = p
	return p
}

func f(x float64) *float64 { return &x }
func bp(b bool) *bool      { return &b }

// rect returns a rectangle (width:height 2:1) centred at the lon/lat
// given, built in its Gauss-Krüger zone and converted to lon/lat, whose
// ellipsoid area is areaMu 亩 (to 1e-9: the plane is rescaled once by the
// ratio of the areas, which varies by far less than that over a parcel),
// with that ellipsoid area in m².
func rect(lon, lat, areaMu float64) (orb.MultiPolygon, float64) {
	crs := plan.ZoneCRS(orb.MultiPolygon{{{{lon, lat}}}})
	cx, cy := crs.FromLonLat(lon, lat)
	build := func(m2 float64) orb.MultiPolygon {
		h := math.Sqrt(m2 / 2)
		w := 2 * h
		var ring orb.Ring
		for _, d := range [][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}} {
			x, y := crs.ToLonLat(cx+d[0]*w/2, cy+d[1]*h/2)
			ring = append(ring, orb.Point{x, y})
		}
		return orb.MultiPolygon{{ring}}
	}
	want := areaMu * planner.SquareMetresPerMu
	mp := build(want)
	mp = build(want * want / area.EllipsoidArea(mp))
	return mp, area.EllipsoidArea(mp)
}

// parcel returns an available new class-2 industrial parcel of about
// area 亩 in the national zone, the n-th of a row of parcels 1 km apart.
func parcel(id string, n int, area float64, mods ...func(*planner.Parcel)) planner.Parcel {
	g, m2 := rect(109.40+0.01*float64(n), 24.30, area)
	x := planner.Parcel{ID: id, Zone: "柳州国家高新区", LandUse: "100102", Status: planner.StatusNew, Geometry: g, AreaM2: m2, Price: f(236), Serviced: bp(true)}
	for _, m := range mods {
		m(&x)
	}
	return x
}

// proposal returns an auto-parts proposal of area 亩 that meets the
// default standard-land thresholds, its output, tax and investment per 亩
// scaled by k (k ≥ 1).
func proposal(id string, area, k float64, mods ...func(*planner.Proposal)) planner.Proposal {
	q := planner.Proposal{ID: id, Name: "project " + id, Industry: "auto_parts", LandClass: 2, AreaMu: area, MinAreaMu: area, Phases: 1, Phase1Share: 1,
		Investment: 300 * k * area, Output: 500 * k * area, Tax: 25 * k * area, Jobs: int(2 * area), PlotRatio: f(1.2), BuildingCoverage: f(0.45)}
	for _, m := range mods {
		m(&q)
	}
	return q
}

// stock makes a parcel idle land the 令第53号 test confirms (not started
// four years after the agreed date), free within the default window.
func stock(x *planner.Parcel) { x.Status, x.AgreedStart = planner.StatusIdle, "2022-06-01" }

// profile returns the default profile with key=value overrides.
func profile(t testing.TB, overrides ...string) *policy.Profile {
	t.Helper()
	p, err := plan.ApplyScenario(policy.Default(), plan.Scenario{Name: "fixture", Overrides: overrides})
	if err != nil {
		t.Fatalf("profile: %v", err)
	}
	return p
}

// runFixture plans a hand-made fixture.
func runFixture(t testing.TB, xs []planner.Parcel, qs []planner.Proposal, prof *policy.Profile, s *plan.Settings) (*plan.Plan, error) {
	t.Helper()
	if s == nil {
		s = &plan.Settings{}
	}
	if s.TimeLimit == 0 {
		s.TimeLimit = testTimeLimit
	}
	if s.TargetGap == 0 {
		s.TargetGap = testGap
	}
	return plan.Run(context.Background(), plan.Input{Parcels: xs, Proposals: qs, Profile: prof}, s)
}

func allocationOf(p *plan.Plan, proposal string) (plan.Allocation, bool) {
	for _, a := range p.Allocations {
		if a.Proposal == proposal {
			return a, true
		}
	}
	return plan.Allocation{}, false
}

func unallocatedOf(p *plan.Plan, proposal string) (plan.Unallocated, bool) {
	for _, u := range p.Unallocated {
		if u.Proposal == proposal {
			return u, true
		}
	}
	return plan.Unallocated{}, false
}

// cbcOptimum solves an exported model with cbc (coinor-cbc) and returns
// the objective it prints and whether it proved it optimal. A missing cbc
// fails the test, naming the package.
func cbcOptimum(t testing.TB, mps []byte) (float64, bool) {
	t.Helper()
	cbc, err := exec.LookPath("cbc")
	if err != nil {
		t.Fatalf("cbc not found (install the Debian package coinor-cbc): %v", err)
	}
	file := filepath.Join(t.TempDir(), "model.mps")
	if err := os.WriteFile(file, mps, 0o644); err != nil {
		t.Fatal(err)
	}
	// cbc 2.10 ignores OBJSENSE MAX in MPS: ask for -max (package assign's
	// documentation).
	out, err := exec.Command(cbc, file, "-max", "-solve", "-quit").CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("cbc: %v", err)
	}
	m := reCBCObjective.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no objective in cbc's output:\n%s", out)
	}
	v, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatalf("cbc's objective %q: %v", m[1], err)
	}
	return v, bytes.Contains(out, []byte("Optimal solution found"))
}
