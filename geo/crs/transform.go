package crs

import "github.com/paulmach/orb"

// TransformPolygon returns a copy of poly with every point passed through
// f, e.g. a CRS's FromLonLat to project or ToLonLat to unproject.
func TransformPolygon(poly orb.Polygon, f func(x, y float64) (float64, float64)) orb.Polygon {
	out := make(orb.Polygon, len(poly))
	for i, r := range poly {
		out[i] = make(orb.Ring, len(r))
		for j, pt := range r {
			x, y := f(pt[0], pt[1])
			out[i][j] = orb.Point{x, y}
		}
	}
	return out
}

// TransformMultiPolygon returns a copy of mp with every point passed
// through f.
func TransformMultiPolygon(mp orb.MultiPolygon, f func(x, y float64) (float64, float64)) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = TransformPolygon(poly, f)
	}
	return out
}
