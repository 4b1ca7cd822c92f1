package subdivide_test

import (
	"math"
	"testing"

	"github.com/landplan/landplan/geo/subdivide"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/peterstace/simplefeatures/geom"
)

// The checks below measure results with simplefeatures and orb/planar, not
// with the package's own code, after moving everything to a local origin
// (the parcel's first vertex) so that Gauss-Krüger-sized coordinates do not
// lose precision in the area sums.

const (
	// areaReq is the requirement: each lot within 0.5% of its target.
	areaReq = 0.005
	// tileTol bounds, relative to max(parcel area, L²) with L the parcel's
	// extent, the overlap between lots and the area by which lots plus
	// remainder differ from the parcel. Areas of polygons L across are
	// exact to about 1e-16·L² and cut vertices to about 1e-16·L, so gaps
	// and overlaps are ~1e-15 of that; 1e-9 leaves room for simplefeatures'
	// node snapping (512 ulp). L² rather than the area alone matters only
	// for needle-thin parcels.
	tileTol = 1e-9
	// onLine is the distance (m) within which a point counts as on the
	// parcel boundary: far above cut-vertex rounding (~1e-13 m), far below
	// any real feature of a parcel.
	onLine = 1e-6
	// step is the length (m) of the pieces lot edges are sampled in when
	// measuring frontage independently.
	step = 0.5
)

func shift(p orb.Polygon, o orb.Point) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = make(orb.Ring, len(r))
		for j, q := range r {
			out[i][j] = orb.Point{q[0] - o[0], q[1] - o[1]}
		}
	}
	return out
}

func toSF(p orb.Polygon) geom.Polygon {
	rings := make([]geom.LineString, len(p))
	for i, r := range p {
		c := make([]float64, 0, 2*len(r))
		for _, q := range r {
			c = append(c, q[0], q[1])
		}
		rings[i] = geom.NewLineString(geom.NewSequence(c, geom.DimXY))
	}
	return geom.NewPolygon(rings)
}

func mpToSF(mp orb.MultiPolygon) geom.MultiPolygon {
	ps := make([]geom.Polygon, len(mp))
	for i, p := range mp {
		ps[i] = toSF(p)
	}
	return geom.NewMultiPolygon(ps)
}

// sampledFrontage is a lower bound on the length of the lot's exterior that
// lies on the ring: lot edges are cut into pieces of at most step metres and
// a piece counts when both ends and its midpoint are within onLine of the
// ring. At most two pieces per stretch of frontage are missed.
func sampledFrontage(lot orb.Ring, boundary orb.Ring) float64 {
	ls := orb.LineString(boundary)
	on := func(p orb.Point) bool { return planar.DistanceFrom(ls, p) <= onLine }
	var s float64
	for i := 0; i+1 < len(lot); i++ {
		a, b := lot[i], lot[i+1]
		l := planar.Distance(a, b)
		n := int(math.Ceil(l / step))
		for k := range n {
			t0, t1 := float64(k)/float64(n), float64(k+1)/float64(n)
			p0 := orb.Point{a[0] + (b[0]-a[0])*t0, a[1] + (b[1]-a[1])*t0}
			p1 := orb.Point{a[0] + (b[0]-a[0])*t1, a[1] + (b[1]-a[1])*t1}
			m := orb.Point{(p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2}
			if on(p0) && on(p1) && on(m) {
				s += l / float64(n)
			}
		}
	}
	return s
}

// checkSplit asserts every requirement of a subdivision: lots of the target
// areas, valid, one polygon each, compact, with frontage; no overlaps; lots
// and remainder tiling the parcel.
//
// With overlay set, overlaps and containment are also measured as areas
// with simplefeatures' overlay. The fuzz test leaves it unset: on
// needle-thin fuzzed parcels the overlay itself can return wrong pieces, and
// the point-grid coverage check stands in for it.
func checkSplit(t *testing.T, parcel orb.Polygon, areas []float64, s subdivide.Settings, res subdivide.Result, ppFloor float64, overlay bool) {
	t.Helper()
	if s.MinFrontage == 0 {
		s.MinFrontage = subdivide.DefaultMinFrontage
	}
	if s.Tolerance == 0 {
		s.Tolerance = subdivide.DefaultTolerance
	}
	o := parcel[0][0]
	sfParcel := toSF(shift(parcel, o))
	parcelArea := sfParcel.Area()
	lo, hi, _ := sfParcel.Envelope().MinMaxXYs()
	ext := math.Max(hi.X-lo.X, hi.Y-lo.Y)
	scale := math.Max(parcelArea, ext*ext)
	if len(res.Lots) != len(areas) || len(res.Stats.Lots) != len(areas) {
		t.Fatalf("got %d lots and %d lot stats for %d areas", len(res.Lots), len(res.Stats.Lots), len(areas))
	}
	if d := math.Abs(res.Stats.ParcelArea - parcelArea); d > tileTol*scale {
		t.Errorf("Stats.ParcelArea = %.6f, simplefeatures says %.6f", res.Stats.ParcelArea, parcelArea)
	}
	all := make([]geom.Geometry, 0, len(areas)+1)
	var sum float64
	for i, lot := range res.Lots {
		st := res.Stats.Lots[i]
		sp := toSF(shift(lot, o))
		if err := sp.Validate(); err != nil {
			t.Errorf("lot %d is not a valid polygon: %v", i, err)
			continue
		}
		if !sp.IsCCW() {
			t.Errorf("lot %d: exterior is not counter-clockwise or a hole is not clockwise", i)
		}
		a := sp.Area()
		sum += a
		if rel := math.Abs(a-areas[i]) / areas[i]; rel > areaReq || rel > s.Tolerance {
			t.Errorf("lot %d: area %.3f m², target %.3f m² (%.4f%% off)", i, a, areas[i], 100*rel)
		}
		if math.Abs(st.Area-a) > tileTol*scale || st.Target != areas[i] {
			t.Errorf("lot %d: Stats area %.6f target %.3f, measured %.6f target %.3f", i, st.Area, st.Target, a, areas[i])
		}
		perim := sp.Boundary().Length()
		pp := 4 * math.Pi * a / (perim * perim)
		if pp < ppFloor {
			t.Errorf("lot %d: Polsby–Popper %.3f below the floor %.2f", i, pp, ppFloor)
		}
		if math.Abs(pp-st.PolsbyPopper) > 1e-9 {
			t.Errorf("lot %d: Stats Polsby–Popper %.9f, measured %.9f", i, st.PolsbyPopper, pp)
		}
		if st.Rectangularity <= 0 || st.Rectangularity > 1+1e-9 || st.Aspect < 1 {
			t.Errorf("lot %d: rectangularity %.6f, aspect %.6f out of range", i, st.Rectangularity, st.Aspect)
		}
		f := sampledFrontage(shift(lot, o)[0], shift(parcel, o)[0])
		if f < s.MinFrontage {
			t.Errorf("lot %d: frontage %.2f m (sampled) below %.2f m", i, f, s.MinFrontage)
		}
		// The sample misses at most two pieces per stretch; a lot edge
		// holds at most one stretch.
		if f > st.Frontage+onLine || st.Frontage-f > 2*step*float64(len(lot[0])) {
			t.Errorf("lot %d: Stats frontage %.3f m, sampled %.3f m", i, st.Frontage, f)
		}
		all = append(all, sp.AsGeometry())
	}
	if overlay {
		for i := range all {
			for j := i + 1; j < len(all); j++ {
				x, err := geom.Intersection(all[i], all[j])
				if err != nil {
					t.Fatalf("intersecting lots %d and %d: %v", i, j, err)
				}
				if a := x.Area(); a > tileTol*scale {
					t.Errorf("lots %d and %d overlap over %.6g m²", i, j, a)
				}
			}
		}
	}
	rem := mpToSF(shiftMulti(res.Remainder, o))
	if err := rem.Validate(); err != nil {
		t.Errorf("remainder is not a valid multipolygon: %v", err)
	}
	if math.Abs(rem.Area()-res.Stats.RemainderArea) > tileTol*scale {
		t.Errorf("Stats.RemainderArea %.6f, measured %.6f", res.Stats.RemainderArea, rem.Area())
	}
	if d := math.Abs(sum + rem.Area() - parcelArea); d > tileTol*scale {
		t.Errorf("lots (%.6f m²) plus remainder (%.6f m²) differ from the parcel (%.6f m²) by %.3g m²", sum, rem.Area(), parcelArea, d)
	}
	pieces := make([]orb.Polygon, 0, len(res.Lots)+len(res.Remainder))
	for _, l := range res.Lots {
		pieces = append(pieces, shift(l, o))
	}
	for _, r := range res.Remainder {
		pieces = append(pieces, shift(r, o))
	}
	checkCoverage(t, shift(parcel, o), pieces)
	if !overlay {
		return
	}
	// Lots and remainder inside the parcel, not overlapping, with areas
	// summing to the parcel's: then their union is the parcel, up to the
	// tolerance. (Overlaying all pieces at once to compare the union is
	// less robust: T-junctions along shared cut lines can make
	// simplefeatures' union fail on near-degenerate slivers.)
	for i, g := range append(all, rem.AsGeometry()) {
		x, err := geom.Difference(g, sfParcel.AsGeometry())
		if err != nil {
			t.Fatalf("piece %d minus the parcel: %v", i, err)
		}
		if a := x.Area(); a > tileTol*scale {
			t.Errorf("piece %d (lot, or the remainder if last) lies %.6g m² outside the parcel", i, a)
		}
	}
}

// checkCoverage tests a 32 × 32 grid of points over the parcel's bounding
// box: each point inside the parcel must lie in exactly one piece, each
// point outside in none. Points within onLine·100 of any boundary are
// skipped, as their side is a matter of rounding.
func checkCoverage(t *testing.T, parcel orb.Polygon, pieces []orb.Polygon) {
	t.Helper()
	const n = 32
	b := parcel.Bound()
	for i := range n {
		for j := range n {
			// Offsets of 0.5 plus an irrational part keep the grid off
			// cut lines placed at round positions.
			p := orb.Point{
				b.Min[0] + (float64(i)+0.5+0.1*math.Sqrt2)/n*(b.Max[0]-b.Min[0]),
				b.Min[1] + (float64(j)+0.5+0.1*math.Sqrt(3))/n*(b.Max[1]-b.Min[1]),
			}
			if planar.DistanceFrom(parcel, p) <= 100*onLine {
				continue
			}
			near := false
			count := 0
			for _, q := range pieces {
				if planar.DistanceFrom(q, p) <= 100*onLine {
					near = true
					break
				}
				if planar.PolygonContains(q, p) {
					count++
				}
			}
			if near {
				continue
			}
			want := 0
			if planar.PolygonContains(parcel, p) {
				want = 1
			}
			if count != want {
				t.Errorf("point %v lies in %d pieces, want %d", p, count, want)
				return
			}
		}
	}
}

func shiftMulti(mp orb.MultiPolygon, o orb.Point) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		out[i] = shift(p, o)
	}
	return out
}
