package mapdraw

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestPole(t *testing.T) {
	sq := [][]pt{{{0, 0}, {100, 0}, {100, 100}, {0, 100}}}
	// An L: a 100×40 bar along the bottom and a 40×100 bar up the left.
	// The widest inscribed circle sits in the corner on the diagonal,
	// at (c, c) touching both outer edges and the inner corner (40, 40):
	// c = √2(40 − c), so c = 40√2/(1+√2).
	ell := [][]pt{{{0, 0}, {100, 0}, {100, 40}, {40, 40}, {40, 100}, {0, 100}}}
	// A square with a square hole in its middle, leaving a 30-px band:
	// the circle in an outer corner touching both outer edges and the
	// hole's corner has r = √2(30 − r), r = 30√2/(1+√2).
	holed := [][]pt{sq[0], {{30, 30}, {30, 70}, {70, 70}, {70, 30}}}
	for _, tc := range []struct {
		name  string
		poly  [][]pt
		wantD float64
	}{
		{"square", sq, 50},
		{"L shape", ell, 40 * math.Sqrt2 / (1 + math.Sqrt2)},
		{"square with hole", holed, 30 * math.Sqrt2 / (1 + math.Sqrt2)},
		{"thin rectangle", [][]pt{{{0, 0}, {200, 0}, {200, 10}, {0, 10}}}, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const precision = 0.5
			p, d := pole(tc.poly, precision)
			// polylabel stops once no cell can beat the best by more than
			// the precision.
			if d < tc.wantD-precision || d > tc.wantD+1e-9 {
				t.Errorf("pole %v at distance %g, want %g", p, d, tc.wantD)
			}
			if got := signedDist(tc.poly, p); math.Abs(got-d) > 1e-9 {
				t.Errorf("reported distance %g, recomputed %g", d, got)
			}
		})
	}
}

func TestRectInside(t *testing.T) {
	holed := [][]pt{{{0, 0}, {100, 0}, {100, 100}, {0, 100}}, {{40, 40}, {40, 60}, {60, 60}, {60, 40}}}
	for _, tc := range []struct {
		name string
		r    rect
		want bool
	}{
		{"in the band", rect{5, 5, 35, 20}, true},
		{"over the hole", rect{30, 30, 70, 70}, false},
		{"around the hole", rect{35, 35, 65, 65}, false},
		{"crossing the outline", rect{90, 10, 110, 20}, false},
		{"outside", rect{110, 10, 120, 20}, false},
		{"inside the hole", rect{45, 45, 55, 55}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := rectInside(holed, tc.r); got != tc.want {
				t.Errorf("rectInside(%v) = %v, want %v", tc.r, got, tc.want)
			}
		})
	}
}

// crowdedMap has labelled parcels that overlap one another — a coarse grid
// of large parcels under a fine grid of small ones — so that many labels
// compete for the same places.
func crowdedMap() *Map {
	m := &Map{Width: 1200, Height: 900, ScaleBar: true, NorthArrow: true}
	for i := 0; i < 6; i++ {
		for j := 0; j < 4; j++ {
			f := square(float64(i)*200, float64(j)*200, 190)
			f.Label = fmt.Sprintf("大地块 %d-%d\n工业用地", i, j)
			f.LabelPriority = 1
			m.Features = append(m.Features, f)
		}
	}
	for i := 0; i < 30; i++ {
		for j := 0; j < 20; j++ {
			f := square(float64(i)*40+5, float64(j)*40+5, 30+float64((i*7+j*3)%25))
			f.Label = fmt.Sprintf("L%02d%02d", i, j)
			f.LabelPriority = float64((i * j) % 5)
			m.Features = append(m.Features, f)
		}
	}
	return m
}

// TestLabelsNoCollision checks every placed label box lies inside its
// feature and the frame, and that no two boxes (nor a box and the north
// arrow or scale bar) intersect.
func TestLabelsNoCollision(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    *Map
		font bool
	}{
		{"fixture, approximate metrics", fixtureMap(), false},
		{"fixture, Noto metrics", fixtureMap(), true},
		{"crowded, approximate metrics", crowdedMap(), false},
		{"crowded, Noto metrics", crowdedMap(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := newMeasurer(nil)
			if tc.font {
				ms = newMeasurer(mustFont(t))
			}
			L := computeLayout(tc.m, ms)
			if len(L.Labels) < 5 {
				t.Fatalf("only %d labels placed", len(L.Labels))
			}
			obstacles := []rect{L.North.Box, L.Scale.Box}
			for i, a := range L.Labels {
				f := tc.m.Features[a.Feature]
				poly := pixelPolygon(f.Geometry[largestPolygon(f.Geometry)], L.Tr)
				if !rectInside(poly, a.Box) {
					t.Errorf("label %q box %v leaves its feature", f.Label, a.Box)
				}
				if !a.Box.within(L.Frame) {
					t.Errorf("label %q box %v leaves the frame", f.Label, a.Box)
				}
				if tb := a.Text.box(); math.Abs(tb.X0-a.Box.X0) > 1e-9 || math.Abs(tb.Y0-a.Box.Y0) > 1e-9 {
					t.Errorf("label %q drawn at %v, placed at %v", f.Label, tb, a.Box)
				}
				for _, o := range obstacles {
					if a.Box.overlaps(o) {
						t.Errorf("label %q box %v overlaps furniture at %v", f.Label, a.Box, o)
					}
				}
				for _, b := range L.Labels[i+1:] {
					if a.Box.overlaps(b.Box) {
						t.Errorf("labels %q %v and %q %v overlap", f.Label, a.Box, tc.m.Features[b.Feature].Label, b.Box)
					}
				}
			}
		})
	}
}

// TestLabelPriority puts two parcels on the same spot: only the label of
// the higher priority is placed, whichever comes first in the slice.
func TestLabelPriority(t *testing.T) {
	for _, tc := range []struct {
		name       string
		prioA      float64
		prioB      float64
		wantPlaced string
	}{
		{"first wins on priority", 2, 1, "A"},
		{"second wins on priority", 1, 2, "B"},
		{"tie keeps slice order", 1, 1, "A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := square(0, 0, 100), square(0, 0, 100)
			a.Label, a.LabelPriority = "A", tc.prioA
			b.Label, b.LabelPriority = "B", tc.prioB
			m := &Map{Width: 600, Height: 600, Features: []Feature{a, b}}
			L := computeLayout(m, newMeasurer(nil))
			if len(L.Labels) != 1 || m.Features[L.Labels[0].Feature].Label != tc.wantPlaced {
				t.Errorf("placed %+v, want only %s", L.Labels, tc.wantPlaced)
			}
		})
	}
}

// TestLabelsSkipWhatDoesNotFit checks the fixture's tiny and narrow parcels
// go unlabelled while the large ones are labelled.
func TestLabelsSkipWhatDoesNotFit(t *testing.T) {
	m := fixtureMap()
	L := computeLayout(m, newMeasurer(nil))
	placed := map[string]bool{}
	for _, pl := range L.Labels {
		placed[m.Features[pl.Feature].Label] = true
	}
	for _, f := range m.Features {
		if f.Label == "" {
			continue
		}
		b := f.Geometry.Bound()
		small := (b.Max[0]-b.Min[0])*L.Tr.K < ApproxTextWidth(f.Label, 11*L.U) ||
			(b.Max[1]-b.Min[1])*L.Tr.K < 20
		if small && placed[f.Label] {
			t.Errorf("label %q placed in a parcel too small for it", f.Label)
		}
		if !small && !placed[f.Label] {
			t.Errorf("label %q not placed in a parcel with room", f.Label)
		}
	}
}

// TestCentroid checks holes pull the centroid away from them.
func TestCentroid(t *testing.T) {
	sq := []pt{{0, 0}, {100, 0}, {100, 100}, {0, 100}}
	for _, tc := range []struct {
		name string
		poly [][]pt
		want pt
	}{
		{"square", [][]pt{sq}, pt{50, 50}},
		{"square wound the other way", [][]pt{{{0, 0}, {0, 100}, {100, 100}, {100, 0}}}, pt{50, 50}},
		// Square minus the 50×100 right half's hole [50,100]×[0,100]
		// leaves [0,50]×[0,100], centroid (25, 50).
		{"hole in the right half", [][]pt{sq, {{50, 0}, {100, 0}, {100, 100}, {50, 100}}}, pt{25, 50}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := centroid(tc.poly)
			if !ok || math.Abs(got.X-tc.want.X) > 1e-9 || math.Abs(got.Y-tc.want.Y) > 1e-9 {
				t.Errorf("centroid = %v, %v; want %v", got, ok, tc.want)
			}
		})
	}
}

// TestLargestPolygon picks the part with the most area net of holes.
func TestLargestPolygon(t *testing.T) {
	big := square(0, 0, 100).Geometry[0]
	holed := append(orb.Polygon{}, big...)
	holed = append(holed, square(1, 1, 98).Geometry[0][0])
	mp := orb.MultiPolygon{holed, square(200, 0, 50).Geometry[0]}
	if got := largestPolygon(mp); got != 1 {
		t.Errorf("largestPolygon = %d, want 1 (the 50 m square beats the 100 m ring with a 98 m hole)", got)
	}
	if got := largestPolygon(nil); got != -1 {
		t.Errorf("largestPolygon(nil) = %d, want -1", got)
	}
}
