package crs

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestTransformRoundTrip(t *testing.T) {
	mp := orb.MultiPolygon{{
		{{109.40, 24.30}, {109.41, 24.30}, {109.41, 24.31}, {109.40, 24.30}},
		{{109.402, 24.301}, {109.403, 24.302}, {109.404, 24.301}, {109.402, 24.301}},
	}}
	crs := CRS{EPSG: 4545}
	planar := TransformMultiPolygon(mp, crs.FromLonLat)
	if planar[0][0][0] == mp[0][0][0] {
		t.Fatal("the projected copy shares the input's points")
	}
	// (109.4, 24.3) → E 642129.727111 N 2689231.438153 (docs/geodesy.md, "The projection"; PROJ 9.1).
	if p := planar[0][0][0]; math.Abs(p[0]-642129.727111) > 1e-6 || math.Abs(p[1]-2689231.438153) > 1e-6 {
		t.Errorf("projected first point %v", p)
	}
	back := TransformMultiPolygon(planar, crs.ToLonLat)
	for i, ring := range back[0] {
		for j, p := range ring {
			q := mp[0][i][j]
			// 1e-9° is about 0.1 mm: the inverse is exact far below that.
			if math.Abs(p[0]-q[0]) > 1e-9 || math.Abs(p[1]-q[1]) > 1e-9 {
				t.Errorf("ring %d point %d: %v back as %v", i, j, q, p)
			}
		}
	}
	if mp[0][0][0] != (orb.Point{109.40, 24.30}) {
		t.Error("the input was modified")
	}
}
