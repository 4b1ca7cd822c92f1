package subdivide

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// crossPoint is where the edge a→b crosses the line d·x = t, given
// da = d·a − t and db = d·b − t of opposite signs.
func crossPoint(a, b orb.Point, da, db float64) orb.Point {
	r := da / (da - db)
	return orb.Point{a[0] + (b[0]-a[0])*r, a[1] + (b[1]-a[1])*r}
}

// clipArea is the signed area of the ring clipped to the half-plane
// d·x ≤ t. Sutherland–Hodgman clipping of a non-convex ring may leave
// zero-width bridges along the line, but those add no area, so the result is
// exact for any simple ring.
func clipArea(r ring, d orb.Point, t float64) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	o := r[0]
	var s float64
	var first, prev orb.Point
	have := false
	emit := func(p orb.Point) {
		q := orb.Point{p[0] - o[0], p[1] - o[1]}
		if have {
			s += cross(prev, q)
		} else {
			first, have = q, true
		}
		prev = q
	}
	for i := 0; i < n; i++ {
		a, b := r[i], r[(i+1)%n]
		da, db := dot(d, a)-t, dot(d, b)-t
		if da <= 0 {
			emit(a)
		}
		if (da < 0 && db > 0) || (da > 0 && db < 0) {
			emit(crossPoint(a, b, da, db))
		}
	}
	if have {
		s += cross(prev, first)
	}
	return s / 2
}

// areaBelow is the area of the region's part where d·x ≤ t.
func (g region) areaBelow(d orb.Point, t float64) float64 {
	var a float64
	for _, p := range g {
		for i, r := range p {
			c := math.Abs(clipArea(r, d, t))
			if i == 0 {
				a += c
			} else {
				a -= c
			}
		}
	}
	return a
}

// solveCut finds t such that the part of the region where d·x ≤ t has area
// target, by bisection over the region's extent along d. The area is
// continuous and non-decreasing in t; bisection runs until the bracket stops
// shrinking in floating point or the area is within 1e-12 relative of the
// target (far inside any tolerance a caller may ask for).
func (g region) solveCut(d orb.Point, target float64) float64 {
	lo, hi := g.extent(d)
	for range 200 {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		a := g.areaBelow(d, mid)
		if math.Abs(a-target) <= 1e-12*target {
			return mid
		}
		if a < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2
}

// cut splits the region along the line d·x = t into the part where d·x ≤ t
// and the rest. Pieces of area at most eps are dropped.
func (g region) cut(d orb.Point, t, eps float64) (below, above region, err error) {
	if g.convex() {
		b, a := splitConvex(g[0][0], d, t)
		if b != nil && b.signedArea() > eps {
			below = region{poly{b}}
		}
		if a != nil && a.signedArea() > eps {
			above = region{poly{a}}
		}
		return below, above, nil
	}
	return g.cutOverlay(d, t, eps)
}

// splitConvex clips a counter-clockwise convex ring to both sides of the
// line d·x = t. Each crossing point is computed once and used in both
// pieces, so they share their cut edge exactly.
func splitConvex(r ring, d orb.Point, t float64) (below, above ring) {
	n := len(r)
	for i := range r {
		a, b := r[i], r[(i+1)%n]
		da, db := dot(d, a)-t, dot(d, b)-t
		if da <= 0 {
			below = append(below, a)
		}
		if da >= 0 {
			above = append(above, a)
		}
		if (da < 0 && db > 0) || (da > 0 && db < 0) {
			p := crossPoint(a, b, da, db)
			below = append(below, p)
			above = append(above, p)
		}
	}
	return dedup(below), dedup(above)
}

// dedup drops repeated consecutive points (cyclically); it returns nil when
// fewer than three points remain.
func dedup(r ring) ring {
	out := r[:0:0]
	for _, p := range r {
		if len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		out = append(out, p)
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	if len(out) < 3 {
		return nil
	}
	return out
}

// cutOverlay splits a region that is not convex (or has holes) with
// simplefeatures' overlay: the intersection with, and the difference from,
// a rectangle standing for the half-plane d·x ≤ t.
func (g region) cutOverlay(d orb.Point, t, eps float64) (below, above region, err error) {
	m := orb.Point{-d[1], d[0]}
	dlo, dhi := g.extent(d)
	mlo, mhi := g.extent(m)
	pad := (dhi - dlo) + (mhi - mlo) + 1
	at := func(a, b float64) orb.Point { return orb.Point{a*d[0] + b*m[0], a*d[1] + b*m[1]} }
	half := poly{ring{
		at(dlo-pad, mlo-pad), at(t, mlo-pad), at(t, mhi+pad), at(dlo-pad, mhi+pad),
	}}.oriented()
	gg := g.toSF().AsGeometry()
	hh := region{half}.toSF().AsGeometry()
	in, err := geom.Intersection(gg, hh)
	if err != nil {
		return nil, nil, fmt.Errorf("cutting along %.6g·x %+.6g·y = %.6f: %w", d[0], d[1], t, err)
	}
	out, err := geom.Difference(gg, hh)
	if err != nil {
		return nil, nil, fmt.Errorf("cutting along %.6g·x %+.6g·y = %.6f: %w", d[0], d[1], t, err)
	}
	return fromSF(in, eps), fromSF(out, eps), nil
}

// toSF converts the region to a simplefeatures MultiPolygon.
func (g region) toSF() geom.MultiPolygon {
	ps := make([]geom.Polygon, 0, len(g))
	for _, p := range g {
		ps = append(ps, p.toSF())
	}
	return geom.NewMultiPolygon(ps)
}

func (p poly) toSF() geom.Polygon {
	rings := make([]geom.LineString, 0, len(p))
	for _, r := range p {
		c := make([]float64, 0, 2*len(r)+2)
		for _, q := range r {
			c = append(c, q[0], q[1])
		}
		if len(r) > 0 {
			c = append(c, r[0][0], r[0][1])
		}
		rings = append(rings, geom.NewLineString(geom.NewSequence(c, geom.DimXY)))
	}
	return geom.NewPolygon(rings)
}

// fromSF collects the polygons of an overlay result (ignoring any lines or
// points) in canonical form: rings oriented, each starting at its least
// vertex, holes and polygons sorted by their first vertex. Polygons of area
// at most eps are dropped.
func fromSF(g geom.Geometry, eps float64) region {
	var out region
	var add func(geom.Geometry)
	add = func(g geom.Geometry) {
		switch g.Type() {
		case geom.TypePolygon:
			sp := g.MustAsPolygon()
			if sp.IsEmpty() {
				return
			}
			ext := fromSeq(sp.ExteriorRing().Coordinates())
			if ext == nil {
				return
			}
			p := poly{ext}
			for i := 0; i < sp.NumInteriorRings(); i++ {
				if h := fromSeq(sp.InteriorRingN(i).Coordinates()); h != nil {
					p = append(p, h)
				}
			}
			p = p.oriented()
			if p.area() <= eps {
				return
			}
			for i := range p {
				p[i] = p[i].canonical()
			}
			holes := p[1:]
			sort.Slice(holes, func(i, j int) bool { return less(holes[i][0], holes[j][0]) })
			out = append(out, p)
		case geom.TypeMultiPolygon:
			mp := g.MustAsMultiPolygon()
			for i := 0; i < mp.NumPolygons(); i++ {
				add(mp.PolygonN(i).AsGeometry())
			}
		case geom.TypeGeometryCollection:
			gc := g.MustAsGeometryCollection()
			for i := 0; i < gc.NumGeometries(); i++ {
				add(gc.GeometryN(i))
			}
		}
	}
	add(g)
	sort.Slice(out, func(i, j int) bool { return less(out[i][0][0], out[j][0][0]) })
	return out
}

func fromSeq(s geom.Sequence) ring {
	r := make(ring, 0, s.Length())
	for i := 0; i < s.Length(); i++ {
		xy := s.GetXY(i)
		r = append(r, orb.Point{xy.X, xy.Y})
	}
	return dedup(r)
}

// canonical rotates the ring to start at its least vertex.
func (r ring) canonical() ring {
	k := 0
	for i := range r {
		if less(r[i], r[k]) {
			k = i
		}
	}
	return append(append(ring{}, r[k:]...), r[:k]...)
}

func less(a, b orb.Point) bool {
	if a[0] != b[0] {
		return a[0] < b[0]
	}
	return a[1] < b[1]
}
