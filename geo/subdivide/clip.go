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
// target. That area is continuous and non-decreasing in t (piecewise
// quadratic), so a bracketing search converges: regula falsi with the
// Illinois modification, falling back to a bisection step whenever the
// bracket fails to halve. It stops when the area is within 1e-12 relative of
// the target (far inside any tolerance a caller may ask for) or the bracket
// stops shrinking in floating point.
func (g region) solveCut(d orb.Point, target float64) float64 {
	lo, hi := g.extent(d)
	flo, fhi := -target, g.areaBelow(d, hi)-target
	if fhi <= 0 {
		return hi
	}
	side := 0
	for range 200 {
		width := hi - lo
		x := lo + (hi-lo)*(flo/(flo-fhi))
		if !(x > lo && x < hi) {
			x = lo + (hi-lo)/2
		}
		if x <= lo || x >= hi {
			break
		}
		fx := g.areaBelow(d, x) - target
		if math.Abs(fx) <= 1e-12*target {
			return x
		}
		if fx < 0 {
			lo, flo = x, fx
			if side == -1 {
				fhi /= 2
			}
			side = -1
		} else {
			hi, fhi = x, fx
			if side == 1 {
				flo /= 2
			}
			side = 1
		}
		if hi-lo > width/2 {
			// Too slow: bisect once.
			mid := lo + (hi-lo)/2
			if mid <= lo || mid >= hi {
				break
			}
			fm := g.areaBelow(d, mid) - target
			if math.Abs(fm) <= 1e-12*target {
				return mid
			}
			if fm < 0 {
				lo, flo = mid, fm
			} else {
				hi, fhi = mid, fm
			}
			side = 0
		}
	}
	return lo + (hi-lo)/2
}

// cut splits the region along the line d·x = t into the part where d·x ≤ t
// and the rest. Pieces of area at most eps are dropped.
func (g region) cut(d orb.Point, t, eps float64) (below, above region, err error) {
	for _, p := range g {
		b, a, ok := p.splitSimple(d, t)
		if !ok {
			b, a, err = region{p}.cutOverlay(d, t, eps)
			if err != nil {
				return nil, nil, err
			}
		}
		for _, q := range b {
			if q.area() > eps {
				below = append(below, q)
			}
		}
		for _, q := range a {
			if q.area() > eps {
				above = append(above, q)
			}
		}
	}
	return below, above, nil
}

// splitSimple splits the polygon along the line d·x = t without an
// overlay when it can: when no exterior vertex lies on the line (or the
// exterior is convex) and every hole lies strictly on one side of it. It
// reports false otherwise.
func (p poly) splitSimple(d orb.Point, t float64) (below, above region, ok bool) {
	ext := p[0]
	zeros := 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, q := range ext {
		v := dot(d, q) - t
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		if v == 0 {
			zeros++
		}
	}
	switch {
	case hi <= 0:
		return region{p}, nil, true
	case lo >= 0:
		return nil, region{p}, true
	}
	var rb, ra []ring
	if zeros == 0 {
		rb, ra = splitRing(ext, d, t)
	} else if (region{poly{ext}}).convex() {
		b, a := splitConvex(ext, d, t)
		if b != nil {
			rb = []ring{b}
		}
		if a != nil {
			ra = []ring{a}
		}
	} else {
		return nil, nil, false
	}
	for _, r := range rb {
		below = append(below, poly{r})
	}
	for _, r := range ra {
		above = append(above, poly{r})
	}
	for _, h := range p[1:] {
		// The hole vertex farthest from the line decides the side and,
		// by which piece contains it, the piece.
		far, farV := h[0], dot(d, h[0])-t
		hlo, hhi := math.Inf(1), math.Inf(-1)
		for _, q := range h {
			v := dot(d, q) - t
			hlo, hhi = math.Min(hlo, v), math.Max(hhi, v)
			if math.Abs(v) > math.Abs(farV) {
				far, farV = q, v
			}
		}
		side := below
		switch {
		case hhi < 0:
		case hlo > 0:
			side = above
		default:
			return nil, nil, false
		}
		placed := false
		for i := range side {
			if side[i][0].contains(far) {
				side[i] = append(side[i], h)
				placed = true
				break
			}
		}
		if !placed {
			return nil, nil, false
		}
	}
	return below, above, true
}

// splitRing splits a simple counter-clockwise ring with no vertex on the
// line d·x = t into the rings on each side. The crossing points, sorted
// along the line, pair up into the segments of the line inside the ring
// (the line enters and leaves alternately); each piece is traced along the
// ring, jumping across the inside segment at every crossing.
func splitRing(r ring, d orb.Point, t float64) (below, above []ring) {
	m := orb.Point{-d[1], d[0]}
	type node struct {
		p       orb.Point
		v       float64 // d·p − t; 0 for crossings
		partner int     // index of the paired crossing, -1 for vertices
	}
	var nodes []node
	var crossings []int
	n := len(r)
	for i := range r {
		a, b := r[i], r[(i+1)%n]
		da, db := dot(d, a)-t, dot(d, b)-t
		nodes = append(nodes, node{p: a, v: da, partner: -1})
		if (da < 0 && db > 0) || (da > 0 && db < 0) {
			crossings = append(crossings, len(nodes))
			nodes = append(nodes, node{p: crossPoint(a, b, da, db), partner: -1})
		}
	}
	sort.SliceStable(crossings, func(i, j int) bool {
		return dot(m, nodes[crossings[i]].p) < dot(m, nodes[crossings[j]].p)
	})
	for i := 0; i+1 < len(crossings); i += 2 {
		nodes[crossings[i]].partner = crossings[i+1]
		nodes[crossings[i+1]].partner = crossings[i]
	}
	seen := make([]bool, len(nodes))
	for start := range nodes {
		if seen[start] || nodes[start].partner >= 0 || nodes[start].v == 0 {
			continue
		}
		var out ring
		k := start
		for steps := 0; steps <= 2*len(nodes); steps++ {
			seen[k] = true
			out = append(out, nodes[k].p)
			next := (k + 1) % len(nodes)
			if nodes[next].partner >= 0 {
				out = append(out, nodes[next].p)
				next = (nodes[next].partner + 1) % len(nodes)
				// The partner crossing point is emitted as the start of
				// the chain that follows it.
				out = append(out, nodes[(next+len(nodes)-1)%len(nodes)].p)
			}
			if next == start {
				break
			}
			k = next
		}
		out = dedup(out)
		if out == nil {
			continue
		}
		if nodes[start].v < 0 {
			below = append(below, out)
		} else {
			above = append(above, out)
		}
	}
	return below, above
}

// contains reports whether the point is inside the ring (even-odd rule).
func (r ring) contains(q orb.Point) bool {
	in := false
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		if (a[1] > q[1]) != (b[1] > q[1]) {
			x := a[0] + (q[1]-a[1])*(b[0]-a[0])/(b[1]-a[1])
			if q[0] < x {
				in = !in
			}
		}
	}
	return in
}

// splitConvex clips a counter-clockwise ring, convex or crossing the line
// exactly twice, to both sides of the line d·x = t. Each crossing point is computed once and used in both
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
	below, above = fromSF(in, eps), fromSF(out, eps)
	// The overlay can go wrong on near-degenerate input; the exact area
	// below the line and the area of the whole catch that.
	want, whole := g.areaBelow(d, t), g.area()
	if math.Abs(below.area()-want) > 1e-9*whole || math.Abs(below.area()+above.area()-whole) > 1e-9*whole {
		return nil, nil, fmt.Errorf("cutting along %.6g·x %+.6g·y = %.6f: overlay pieces of %.6f and %.6f m², want %.6f and %.6f m²",
			d[0], d[1], t, below.area(), above.area(), want, whole-want)
	}
	return below, above, nil
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
