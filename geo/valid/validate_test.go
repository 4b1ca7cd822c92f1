package valid

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/landplan/landplan/geo/area"
	"github.com/landplan/landplan/geo/crs"
	"github.com/paulmach/orb"
)

func TestNormalizeGeometry(t *testing.T) {
	ccw := orb.Ring{{109.40, 24.30}, {109.41, 24.30}, {109.41, 24.31}, {109.40, 24.31}, {109.40, 24.30}}
	cw := ccw.Clone()
	cw.Reverse()
	e0, n0 := crs.CRS{EPSG: 4545}.FromLonLat(109.40, 24.30)
	gk := orb.Ring{{e0, n0}, {e0 + 100, n0}, {e0 + 100, n0 + 100}, {e0, n0 + 100}, {e0, n0}}
	tests := []struct {
		name     string
		g        orb.Geometry
		crs      crs.CRS
		wantCode string
		want     orb.MultiPolygon
	}{
		{"polygon wrapped and oriented", orb.Polygon{cw}, crs.CRS{}, "", orb.MultiPolygon{{ccw}}},
		{"multipolygon kept", orb.MultiPolygon{{ccw}}, crs.CRS{}, "", orb.MultiPolygon{{ccw}}},
		{"nil", nil, crs.CRS{}, CodeGeometryMissing, nil},
		{"line string", orb.LineString{{1, 2}, {3, 4}}, crs.CRS{}, CodeGeometryWrongType, nil},
		{"empty multipolygon", orb.MultiPolygon{}, crs.CRS{}, CodeGeometryEmpty, nil},
		{"polygon without rings", orb.Polygon{}, crs.CRS{}, CodeGeometryEmpty, nil},
		{"NaN coordinate", orb.Polygon{{{109.4, 24.3}, {math.NaN(), 24.3}, {109.5, 24.4}, {109.4, 24.3}}}, crs.CRS{}, CodeNotFinite, nil},
		{"infinite coordinate", orb.Polygon{{{109.4, 24.3}, {109.5, math.Inf(1)}, {109.5, 24.4}, {109.4, 24.3}}}, crs.CRS{}, CodeNotFinite, nil},
		{"only duplicates", orb.Polygon{{{109.4, 24.3}, {109.5, 24.3}, {109.5, 24.3}, {109.4, 24.3}}}, crs.CRS{}, CodeRingDegenerate, nil},
		{"projected converted", orb.Polygon{gk}, crs.CRS{EPSG: 4545}, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := cloneGeometry(tc.g)
			mp, problems := NormalizeGeometry(tc.g, tc.crs)
			if !reflect.DeepEqual(before, tc.g) && !hasNaN(tc.g) {
				t.Errorf("input modified: %v, was %v", tc.g, before)
			}
			if tc.wantCode != "" {
				if len(problems) != 1 || problems[0].Code != tc.wantCode || problems[0].Property != "geometry" || mp != nil {
					t.Fatalf("got %v, %+v; want one %s problem", mp, problems, tc.wantCode)
				}
				return
			}
			if len(problems) > 0 {
				t.Fatalf("problems %+v", problems)
			}
			checkWinding(t, mp)
			if tc.want != nil && !reflect.DeepEqual(mp, tc.want) {
				t.Fatalf("got %v, want %v", mp, tc.want)
			}
			if tc.crs.Projected() {
				// The corner converts back to where it was projected from,
				// to the round-trip accuracy of the series (nanometres,
				// 1e-11 degrees).
				if c := mp[0][0][0]; math.Abs(c[0]-109.40) > 1e-11 || math.Abs(c[1]-24.30) > 1e-11 {
					t.Fatalf("first corner %v, want (109.4, 24.3)", c)
				}
				// The 100 m square keeps its area to the GK scale error.
				if a := area.EllipsoidArea(mp); math.Abs(a-10000) > 10 {
					t.Fatalf("area %.2f m², want about 10000", a)
				}
			}
		})
	}
}

func cloneGeometry(g orb.Geometry) orb.Geometry {
	if g == nil {
		return nil
	}
	return orb.Clone(g)
}

func hasNaN(g orb.Geometry) bool {
	p, ok := g.(orb.Polygon)
	if !ok {
		return false
	}
	for _, r := range p {
		for _, q := range r {
			if math.IsNaN(q[0]) || math.IsNaN(q[1]) {
				return true
			}
		}
	}
	return false
}

func TestOrient(t *testing.T) {
	ccw := orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}
	cwHole := orb.Ring{{2, 2}, {2, 4}, {4, 4}, {4, 2}, {2, 2}}
	rev := func(r orb.Ring) orb.Ring { c := r.Clone(); c.Reverse(); return c }
	tests := []struct {
		name string
		in   orb.MultiPolygon
	}{
		{"already oriented", orb.MultiPolygon{{ccw, cwHole}}},
		{"both reversed", orb.MultiPolygon{{rev(ccw), rev(cwHole)}}},
		{"exterior reversed", orb.MultiPolygon{{rev(ccw), cwHole}}},
		{"two polygons", orb.MultiPolygon{{rev(ccw)}, {ccw}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Orient(tc.in)
			for _, p := range out {
				if !reflect.DeepEqual(p[0], ccw) {
					t.Errorf("exterior %v, want %v", p[0], ccw)
				}
				for _, h := range p[1:] {
					if !reflect.DeepEqual(h, cwHole) {
						t.Errorf("hole %v, want %v", h, cwHole)
					}
				}
			}
		})
	}
}

// TestSweepMatchesPairwise checks on random rings that the sweep used for
// large rings finds a problem exactly when testing every pair does.
func TestSweepMatchesPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	found := 0
	for trial := 0; trial < 300; trial++ {
		n := 5 + rng.IntN(120)
		ring := make(orb.Ring, 0, n+1)
		// A star-shaped ring (simple) with occasional vertex swaps that
		// make it cross itself.
		for i := 0; i < n; i++ {
			a := 2 * math.Pi * float64(i) / float64(n)
			r := 0.5 + rng.Float64()
			ring = append(ring, orb.Point{r * math.Cos(a), r * math.Sin(a)})
		}
		if rng.IntN(2) == 0 {
			i := rng.IntN(n - 1)
			ring[i], ring[i+1] = ring[i+1], ring[i]
		}
		ring = append(ring, ring[0])
		mp := orb.MultiPolygon{{ring}}
		var a, b Validator
		a.prepareEdges(mp)
		a.pairwise(mp, true)
		b.prepareEdges(mp)
		b.sweep(mp, true)
		if len(a.problems) != len(b.problems) {
			t.Fatalf("trial %d (%d vertices): pairwise %+v, sweep %+v", trial, n, a.problems, b.problems)
		}
		found += len(a.problems)
	}
	if found == 0 {
		t.Fatal("no random ring crossed itself: the test exercises nothing")
	}
}

// TestValidationScales checks that a 20 000-vertex ring is validated
// with a number of edge-pair tests near linear in its size, where testing
// every pair would take 2·10⁸.
func TestValidationScales(t *testing.T) {
	const n = 20000
	ring := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		ring = append(ring, orb.Point{109.45 + 0.01*math.Cos(a), 24.35 + 0.01*math.Sin(a)})
	}
	ring = append(ring, ring[0])
	var v Validator
	if _, problems := v.Normalize(orb.MultiPolygon{{ring}}, crs.CRS{}); len(problems) > 0 {
		t.Fatal(problems)
	}
	// A circle's x-sweep keeps about √n edges active near its left and
	// right ends and a few elsewhere: tens of tests per edge.
	if v.pairTests > 100*n {
		t.Fatalf("%d edge-pair tests for %d edges", v.pairTests, n)
	}
	t.Logf("%d edge-pair tests for %d edges", v.pairTests, n)
}

func TestProblemMessagesNameRings(t *testing.T) {
	sq := func(x, y float64) orb.Ring {
		return orb.Ring{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}
	}
	bow := orb.Ring{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}
	_, problems := NormalizeGeometry(orb.MultiPolygon{{sq(10, 10)}, {sq(0, 0), sq(0.2, 0.2).Clone()}, {bow}}, crs.CRS{})
	if len(problems) == 0 {
		t.Fatal("no problems")
	}
	msg := problems[0].Message
	if !strings.Contains(msg, "of polygon") {
		t.Fatalf("message %q does not say which polygon", msg)
	}
}

// checkWinding asserts RFC 7946 winding.
func checkWinding(t *testing.T, mp orb.MultiPolygon) {
	t.Helper()
	for _, p := range mp {
		for i, r := range p {
			a := area.RingSignedArea(r)
			if (i == 0 && a <= 0) || (i > 0 && a >= 0) {
				t.Errorf("ring %d has signed area %g: wrong winding", i, a)
			}
		}
	}
}
