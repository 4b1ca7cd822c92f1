package area

import (
	"math"

	"github.com/landplan/landplan/geo/crs"
	"github.com/paulmach/orb"
)

// Authalic constants of the CGCS2000 ellipsoid.
var (
	ellE2 = (2 - 1/crs.InverseFlattening) / crs.InverseFlattening // e²
	ellE  = math.Sqrt(ellE2)
	// ellHalfB2 is b²/2, b the semi-minor axis.
	ellHalfB2 = crs.SemiMajorAxis * crs.SemiMajorAxis * (1 - ellE2) / 2
)

// authalicQ is q(φ) = sinφ/(1−e²sin²φ) + ln((1+e sinφ)/(1−e sinφ))/(2e);
// (b²/2)·q(φ) is the area between the equator and latitude φ per radian of
// longitude on the ellipsoid.
func authalicQ(latDeg float64) float64 {
	s := math.Sin(latDeg * math.Pi / 180)
	es := ellE * s
	return s/(1-es*es) + math.Atanh(es)/ellE
}

// EllipsoidArea returns the area in square metres on the CGCS2000
// ellipsoid of a longitude/latitude multipolygon, holes subtracted, as
// land surveys compute it. Each ring is mapped to the cylindrical
// equal-area projection x = λ (radians), y = (b²/2)·q(φ) and its area
// taken by the shoelace formula there, which is exact for edges straight
// in that projection; for parcel-sized edges the difference from geodesic
// edges is far below a square metre. Ring orientation does not matter:
// exterior rings add and holes subtract their absolute areas.
func EllipsoidArea(mp orb.MultiPolygon) float64 {
	return sumRings(mp, ringAuthalicArea)
}

// sumRings adds the absolute areas of exterior rings and subtracts those
// of holes, each ring's area given by ringArea.
func sumRings(mp orb.MultiPolygon, ringArea func(orb.Ring) float64) float64 {
	total := 0.0
	for _, poly := range mp {
		for i, ring := range poly {
			a := math.Abs(ringArea(ring))
			if i == 0 {
				total += a
			} else {
				total -= a
			}
		}
	}
	return total
}

// ringAuthalicArea is the signed ellipsoid area of a ring (positive when
// counter-clockwise). Coordinates are taken relative to the first vertex
// so that the products stay small and keep their precision.
func ringAuthalicArea(r orb.Ring) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	x0 := r[0][0]
	y0 := authalicQ(r[0][1])
	const rad = math.Pi / 180
	sum := 0.0
	px, py := 0.0, 0.0 // vertex 0 relative to itself
	// A closed ring's last vertex repeats the first: it and the wrap back
	// to the first lie at (0, 0) relative to it and add nothing to the sum
	// (but the sign of a zero, which callers drop with math.Abs).
	last := n
	if r[n-1] == r[0] {
		last = n - 2
	}
	for i := 1; i <= last; i++ {
		p := r[i%n]
		x := math.Remainder(p[0]-x0, 360) * rad
		y := authalicQ(p[1]) - y0
		sum += px*y - x*py
		px, py = x, y
	}
	if last < n {
		sum += px*0 - 0*py // the edge back to vertex 0, as below for open rings
	}
	return sum / 2 * ellHalfB2
}

// PlanarArea returns the area of a multipolygon in projected coordinates
// (square units of the coordinates, m² for the Gauss-Krüger systems),
// holes subtracted, by the shoelace formula.
func PlanarArea(mp orb.MultiPolygon) float64 {
	return sumRings(mp, RingSignedArea)
}

// RingSignedArea is the signed shoelace area of a ring in the units of its
// coordinates (positive when counter-clockwise), relative to the first
// vertex for precision.
func RingSignedArea(r orb.Ring) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	o := r[0]
	sum := 0.0
	px, py := 0.0, 0.0
	for i := 1; i <= n; i++ {
		p := r[i%n]
		x, y := p[0]-o[0], p[1]-o[1]
		sum += px*y - x*py
		px, py = x, y
	}
	return sum / 2
}
