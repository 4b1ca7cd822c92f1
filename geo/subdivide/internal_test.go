package subdivide

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// comb is a non-convex ring with three teeth pointing up (counter-clockwise):
// a horizontal line through the teeth crosses it six times.
var comb = ring{
	{0, 0}, {100, 0}, {100, 60}, {85, 60}, {85, 20}, {65, 20}, {65, 60},
	{35, 60}, {35, 20}, {15, 20}, {15, 60}, {0, 60},
}

// TestCut cuts polygons along lines and compares each side's area with the
// area simplefeatures computes for the intersection with a half-plane.
func TestCut(t *testing.T) {
	square := ring{{0, 0}, {100, 0}, {100, 100}, {0, 100}}
	hole := ring{{40, 40}, {40, 60}, {60, 60}, {60, 40}}
	s2 := math.Sqrt(0.5)
	tests := []struct {
		name             string
		p                poly
		d                orb.Point
		t                float64
		nBelow, nAbove   int
		wantOverlayAvoid bool
	}{
		{"comb across its teeth", poly{comb}, orb.Point{0, 1}, 40, 1, 3, true},
		{"comb below its teeth", poly{comb}, orb.Point{0, 1}, 10, 1, 1, true},
		{"comb through tooth tops", poly{comb}, orb.Point{0, 1}, 60, 1, 0, true},
		{"comb diagonally", poly{comb}, orb.Point{s2, s2}, 50, 1, 2, true},
		{"comb through a reflex vertex", poly{comb}, orb.Point{0, 1}, 20, 1, 3, false},
		{"square with a hole, line missing the hole", poly{square, hole}, orb.Point{1, 0}, 25, 1, 1, true},
		{"square with a hole, line through the hole", poly{square, hole}, orb.Point{1, 0}, 50, 1, 1, false},
		{"square, line through corners", poly{square}, orb.Point{s2, s2}, 100 * s2, 1, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.p.oriented()
			g := region{p}
			below, above, err := g.cut(tc.d, tc.t, 1e-9)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, ok := p.splitSimple(tc.d, tc.t); ok != tc.wantOverlayAvoid {
				t.Errorf("split without overlay: %v, want %v", ok, tc.wantOverlayAvoid)
			}
			if len(below) != tc.nBelow || len(above) != tc.nAbove {
				t.Errorf("got %d pieces below and %d above, want %d and %d", len(below), len(above), tc.nBelow, tc.nAbove)
			}
			half := region{poly{ring{
				{tc.d[0]*(tc.t-1000) + tc.d[1]*1000, tc.d[1]*(tc.t-1000) - tc.d[0]*1000},
				{tc.d[0]*tc.t + tc.d[1]*1000, tc.d[1]*tc.t - tc.d[0]*1000},
				{tc.d[0]*tc.t - tc.d[1]*1000, tc.d[1]*tc.t + tc.d[0]*1000},
				{tc.d[0]*(tc.t-1000) - tc.d[1]*1000, tc.d[1]*(tc.t-1000) + tc.d[0]*1000},
			}.orientedRing()}}
			want, err := geom.Intersection(g.toSF().AsGeometry(), half.toSF().AsGeometry())
			if err != nil {
				t.Fatal(err)
			}
			// 1e-9 m² on a 100 m polygon: both sides are sums of exact
			// shoelace terms up to rounding (~1e-12 m²).
			if math.Abs(below.area()-want.Area()) > 1e-9 {
				t.Errorf("area below %.12f, simplefeatures %.12f", below.area(), want.Area())
			}
			if math.Abs(g.areaBelow(tc.d, tc.t)-want.Area()) > 1e-9 {
				t.Errorf("areaBelow %.12f, simplefeatures %.12f", g.areaBelow(tc.d, tc.t), want.Area())
			}
			if math.Abs(below.area()+above.area()-g.area()) > 1e-9 {
				t.Errorf("pieces sum to %.12f, polygon %.12f", below.area()+above.area(), g.area())
			}
			for _, side := range []region{below, above} {
				for _, q := range side {
					if err := q.toSF().Validate(); err != nil {
						t.Errorf("piece %v is invalid: %v", q, err)
					}
				}
			}
		})
	}
}

func (r ring) orientedRing() ring { return poly{r}.oriented()[0] }

func TestMinAreaRect(t *testing.T) {
	tests := []struct {
		name       string
		pts        []orb.Point
		lenU, lenV float64
		u          orb.Point
	}{
		{"axis-aligned rectangle", []orb.Point{{0, 0}, {40, 0}, {40, 10}, {0, 10}}, 40, 10, orb.Point{1, 0}},
		{"upright rectangle", []orb.Point{{0, 0}, {10, 0}, {10, 40}, {0, 40}}, 40, 10, orb.Point{0, 1}},
		{"rectangle turned 30°", []orb.Point{{0, 0}, {40 * math.Sqrt(3) / 2, 20}, {40*math.Sqrt(3)/2 - 5, 20 + 5*math.Sqrt(3)}, {-5, 5 * math.Sqrt(3)}},
			40, 10, orb.Point{math.Sqrt(3) / 2, 0.5}},
		// 40 × 30 along the legs and 50 × 24 along the hypotenuse have equal
		// areas: the first hull edge (along x) wins.
		{"right triangle", []orb.Point{{0, 0}, {30, 0}, {0, 40}}, 40, 30, orb.Point{0, 1}},
		{"parallelogram", []orb.Point{{0, 0}, {40, 0}, {50, 10}, {10, 10}}, 50, 10, orb.Point{1, 0}},
		{"points inside do not matter", []orb.Point{{0, 0}, {40, 0}, {20, 5}, {40, 10}, {0, 10}, {1, 1}}, 40, 10, orb.Point{1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := minAreaRect(tc.pts)
			// 1e-9: exact geometry, rounding only.
			if math.Abs(r.lenU-tc.lenU) > 1e-9 || math.Abs(r.lenV-tc.lenV) > 1e-9 {
				t.Errorf("rectangle %.9f × %.9f, want %g × %g", r.lenU, r.lenV, tc.lenU, tc.lenV)
			}
			if math.Abs(r.u[0]-tc.u[0]) > 1e-9 || math.Abs(r.u[1]-tc.u[1]) > 1e-9 {
				t.Errorf("long axis %v, want %v", r.u, tc.u)
			}
		})
	}
}
