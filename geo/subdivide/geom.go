package subdivide

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// ring is a linear ring without its closing point.
type ring []orb.Point

// poly is a polygon: the exterior ring counter-clockwise first, then holes
// clockwise.
type poly []ring

// region is a set of polygons with disjoint interiors.
type region []poly

// openRing copies an orb ring, dropping the closing point and consecutive
// repeated points.
func openRing(r orb.Ring, shift orb.Point) ring {
	out := make(ring, 0, len(r))
	for _, p := range r {
		q := orb.Point{p[0] - shift[0], p[1] - shift[1]}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	return out
}

// closed returns the ring as an orb ring shifted by shift, with the closing
// point appended.
func (r ring) closed(shift orb.Point) orb.Ring {
	out := make(orb.Ring, 0, len(r)+1)
	for _, p := range r {
		out = append(out, orb.Point{p[0] + shift[0], p[1] + shift[1]})
	}
	if len(r) > 0 {
		out = append(out, out[0])
	}
	return out
}

// signedArea is the shoelace area of the ring, positive when
// counter-clockwise. Terms are taken relative to the first vertex.
func (r ring) signedArea() float64 {
	if len(r) < 3 {
		return 0
	}
	o := r[0]
	var s float64
	for i := 1; i+1 < len(r); i++ {
		ax, ay := r[i][0]-o[0], r[i][1]-o[1]
		bx, by := r[i+1][0]-o[0], r[i+1][1]-o[1]
		s += ax*by - ay*bx
	}
	return s / 2
}

// length is the perimeter of the ring.
func (r ring) length() float64 {
	var s float64
	for i := range r {
		j := (i + 1) % len(r)
		s += math.Hypot(r[j][0]-r[i][0], r[j][1]-r[i][1])
	}
	return s
}

func (r ring) reversed() ring {
	out := make(ring, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}

// oriented returns the polygon with its exterior counter-clockwise and its
// holes clockwise.
func (p poly) oriented() poly {
	out := make(poly, len(p))
	for i, r := range p {
		a := r.signedArea()
		if (i == 0 && a < 0) || (i > 0 && a > 0) {
			r = r.reversed()
		}
		out[i] = r
	}
	return out
}

func (p poly) area() float64 {
	if len(p) == 0 {
		return 0
	}
	a := math.Abs(p[0].signedArea())
	for _, h := range p[1:] {
		a -= math.Abs(h.signedArea())
	}
	return a
}

func (p poly) perimeter() float64 {
	var s float64
	for _, r := range p {
		s += r.length()
	}
	return s
}

func (g region) area() float64 {
	var a float64
	for _, p := range g {
		a += p.area()
	}
	return a
}

func (g region) perimeter() float64 {
	var s float64
	for _, p := range g {
		s += p.perimeter()
	}
	return s
}

// extent is the range of d·x over the vertices of the region.
func (g region) extent(d orb.Point) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range g {
		for _, q := range p[0] {
			v := dot(d, q)
			lo = math.Min(lo, v)
			hi = math.Max(hi, v)
		}
	}
	return lo, hi
}

// size is the larger side of the region's axis-aligned bounding box.
func (g region) size() float64 {
	lx, hx := g.extent(orb.Point{1, 0})
	ly, hy := g.extent(orb.Point{0, 1})
	return math.Max(hx-lx, hy-ly)
}

// convex reports whether the region is one polygon without holes whose
// exterior turns one way only (collinear vertices allowed, and turns the
// other way allowed up to rounding of cut vertices).
func (g region) convex() bool {
	if len(g) != 1 || len(g[0]) != 1 {
		return false
	}
	r := g[0][0]
	n := len(r)
	if n < 3 {
		return false
	}
	for i := range r {
		a, b, c := r[i], r[(i+1)%n], r[(i+2)%n]
		e1 := orb.Point{b[0] - a[0], b[1] - a[1]}
		e2 := orb.Point{c[0] - b[0], c[1] - b[1]}
		// 1e-12: far above the relative rounding of an interpolated
		// cut vertex (~1e-16), far below any real reflex turn.
		if cross(e1, e2) < -1e-12*norm(e1)*norm(e2) {
			return false
		}
	}
	return true
}

func dot(a, b orb.Point) float64   { return a[0]*b[0] + a[1]*b[1] }
func cross(a, b orb.Point) float64 { return a[0]*b[1] - a[1]*b[0] }
func norm(a orb.Point) float64     { return math.Hypot(a[0], a[1]) }

// convexHull returns the hull of the points counter-clockwise without
// collinear points (Andrew's monotone chain).
func convexHull(pts []orb.Point) []orb.Point {
	ps := append([]orb.Point(nil), pts...)
	sort.Slice(ps, func(i, j int) bool {
		if ps[i][0] != ps[j][0] {
			return ps[i][0] < ps[j][0]
		}
		return ps[i][1] < ps[j][1]
	})
	if len(ps) < 3 {
		return ps
	}
	turn := func(o, a, b orb.Point) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	h := make([]orb.Point, 0, 2*len(ps))
	for _, p := range ps {
		for len(h) >= 2 && turn(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	lower := len(h) + 1
	for i := len(ps) - 2; i >= 0; i-- {
		p := ps[i]
		for len(h) >= lower && turn(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	return h[:len(h)-1]
}

// rect is a rotated bounding rectangle: u is the unit direction of its long
// side, v = u turned a quarter left; the rectangle spans lenU along u and
// lenV along v.
type rect struct {
	u, v       orb.Point
	lenU, lenV float64
}

func (r rect) area() float64 { return r.lenU * r.lenV }

// aspect is the long side over the short side (+Inf for a degenerate
// rectangle).
func (r rect) aspect() float64 {
	if r.lenV <= 0 {
		return math.Inf(1)
	}
	return r.lenU / r.lenV
}

// minAreaRect returns the minimum-area rectangle enclosing the points. One
// side of that rectangle lies on an edge of the convex hull (Freeman and
// Shapira, 1975), so every hull edge direction is tried; the first of equal
// areas wins. The returned u points along the longer side, with u[0] > 0 or
// u = (0, 1).
func minAreaRect(pts []orb.Point) rect {
	h := convexHull(pts)
	if len(h) < 2 {
		return rect{u: orb.Point{1, 0}, v: orb.Point{0, 1}}
	}
	best := rect{lenU: math.Inf(1), lenV: math.Inf(1)}
	for i := range h {
		j := (i + 1) % len(h)
		e := orb.Point{h[j][0] - h[i][0], h[j][1] - h[i][1]}
		l := norm(e)
		if l == 0 {
			continue
		}
		u := orb.Point{e[0] / l, e[1] / l}
		v := orb.Point{-u[1], u[0]}
		lu, hu := math.Inf(1), math.Inf(-1)
		lv, hv := math.Inf(1), math.Inf(-1)
		for _, p := range h {
			a, b := dot(u, p), dot(v, p)
			lu, hu = math.Min(lu, a), math.Max(hu, a)
			lv, hv = math.Min(lv, b), math.Max(hv, b)
		}
		r := rect{u: u, v: v, lenU: hu - lu, lenV: hv - lv}
		// 1e-12 relative: two hull edges giving the same rectangle
		// (e.g. opposite sides of a rectangle) differ only by rounding.
		if r.area() < best.area()*(1-1e-12) {
			best = r
		}
	}
	if best.lenV > best.lenU {
		best.u, best.lenU, best.lenV = best.v, best.lenV, best.lenU
	}
	if best.u[0] < 0 || (best.u[0] == 0 && best.u[1] < 0) {
		best.u = orb.Point{-best.u[0], -best.u[1]}
	}
	best.v = orb.Point{-best.u[1], best.u[0]}
	return best
}

// checkSpikes reports a vertex lying within eps of the inside of a
// non-adjacent edge of its own ring: a zero-width spike or a ring touching
// itself, which simplefeatures accepts when the touch is off by rounding but
// which no parcel has. Coordinates are reported relative to the local
// origin.
func (g region) checkSpikes(eps float64) error {
	for pi, p := range g {
		for ri, r := range p {
			n := len(r)
			for k, v := range r {
				for j := range r {
					if j == k || (j+1)%n == k {
						continue
					}
					a, b := r[j], r[(j+1)%n]
					if distToSegment(v, a, b) <= eps && math.Hypot(v[0]-a[0], v[1]-a[1]) > eps && math.Hypot(v[0]-b[0], v[1]-b[1]) > eps {
						return fmt.Errorf("polygon %d ring %d: vertex %d touches edge %d (a zero-width spike or a self-touching ring)", pi, ri, k, j)
					}
				}
			}
		}
	}
	return nil
}

// distToSegment is the distance from v to the segment a–b.
func distToSegment(v, a, b orb.Point) float64 {
	ab := orb.Point{b[0] - a[0], b[1] - a[1]}
	av := orb.Point{v[0] - a[0], v[1] - a[1]}
	l2 := dot(ab, ab)
	if l2 == 0 {
		return norm(av)
	}
	t := math.Max(0, math.Min(1, dot(av, ab)/l2))
	return math.Hypot(av[0]-t*ab[0], av[1]-t*ab[1])
}
