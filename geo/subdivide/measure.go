package subdivide

import (
	"math"

	"github.com/paulmach/orb"
)

// frontage is the length of the ring r that runs along the boundary ring b:
// the sum, over pairs of an edge of r and an edge of b, of their overlap
// when both ends of the r edge lie within eps of the b edge's line.
func frontage(r, b ring, eps float64) float64 {
	var s float64
	for i := range r {
		a1, a2 := r[i], r[(i+1)%len(r)]
		for j := range b {
			p, q := b[j], b[(j+1)%len(b)]
			dir := orb.Point{q[0] - p[0], q[1] - p[1]}
			l := norm(dir)
			if l == 0 {
				continue
			}
			dir = orb.Point{dir[0] / l, dir[1] / l}
			w1 := orb.Point{a1[0] - p[0], a1[1] - p[1]}
			w2 := orb.Point{a2[0] - p[0], a2[1] - p[1]}
			if math.Abs(cross(dir, w1)) > eps || math.Abs(cross(dir, w2)) > eps {
				continue
			}
			s1, s2 := dot(dir, w1), dot(dir, w2)
			lo := math.Max(math.Min(s1, s2), 0)
			hi := math.Min(math.Max(s1, s2), l)
			if hi > lo {
				s += hi - lo
			}
		}
	}
	return s
}

// regionFrontage is the length of the exteriors of the region's polygons
// that runs along the boundary ring b.
func (g region) frontage(b ring, eps float64) float64 {
	var s float64
	for _, p := range g {
		s += frontage(p[0], b, eps)
	}
	return s
}

// polsbyPopper is 4πA/P²: 1 for a disc, π/4 ≈ 0.785 for a square,
// πr/(1+r)² for a rectangle of aspect ratio r.
func polsbyPopper(area, perimeter float64) float64 {
	if perimeter <= 0 {
		return 0
	}
	return 4 * math.Pi * area / (perimeter * perimeter)
}
