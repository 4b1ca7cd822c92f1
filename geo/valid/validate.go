package valid

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/geo/area"
	"github.com/landplan/landplan/geo/crs"
	"github.com/paulmach/orb"
)

// Problem codes for geometry, stable for machine use.
const (
	CodeGeometryMissing       = "geometry.missing"
	CodeGeometryNotObject     = "geometry.not_object"
	CodeGeometryWrongType     = "geometry.wrong_type"
	CodeGeometryNoCoordinates = "geometry.no_coordinates"
	CodeGeometryBadNesting    = "geometry.bad_coordinates"
	CodeGeometryEmpty         = "geometry.empty"
	CodeNotFinite             = "geometry.not_finite"
	CodeRingTooShort          = "geometry.ring_too_short"
	CodeRingNotClosed         = "geometry.ring_not_closed"
	CodeRingDegenerate        = "geometry.ring_degenerate"
	CodeSelfIntersection      = "geometry.self_intersection"
	CodeHoleCrossesShell      = "geometry.hole_crosses_shell"
	CodeHoleOutsideShell      = "geometry.hole_outside_shell"
	CodeHolesOverlap          = "geometry.holes_overlap"
	CodePolygonsOverlap       = "geometry.polygons_overlap"
	CodeLonLatOutOfRange      = "geometry.lonlat_out_of_range"
	CodeLonLatSwapped         = "geometry.lonlat_swapped"
	CodeLooksProjected        = "geometry.looks_projected"
	CodeImplausibleForCRS     = "geometry.implausible_for_crs"
)

// smallRingEdges is the edge count up to which intersections are found by
// testing every pair; above it a sweep over x is used.
const smallRingEdges = 64

// NormalizeGeometry checks a Polygon or MultiPolygon in crs and returns it
// as a lon/lat MultiPolygon with RFC 7946 winding and consecutive
// duplicate positions removed. When anything is wrong it returns nil and
// the problems, each with Property "geometry" and with Feature and ID left
// for the caller to fill. g itself is not modified.
//
// It reports: a nil or non-polygonal geometry, empty geometries,
// coordinates that are not finite, rings with fewer than 4 positions,
// rings not closed, rings with fewer than 3 distinct corners, rings that
// cross, touch or run back over themselves, holes crossing or outside
// their exterior ring, overlapping holes, overlapping polygons, and
// coordinates implausible for crs (longitude/latitude out of range or
// swapped, metres given without a CRS, coordinates outside the CRS zone).
func NormalizeGeometry(g orb.Geometry, crs crs.CRS) (orb.MultiPolygon, []geo.Problem) {
	var mp orb.MultiPolygon
	switch g := g.(type) {
	case nil:
		return nil, []geo.Problem{geomProblem(CodeGeometryMissing, "feature has no geometry")}
	case orb.Polygon:
		mp = orb.MultiPolygon{g.Clone()}
	case orb.MultiPolygon:
		mp = g.Clone()
	default:
		return nil, []geo.Problem{geomProblem(CodeGeometryWrongType,
			fmt.Sprintf("geometry is a %s; want Polygon or MultiPolygon", g.GeoJSONType()))}
	}
	var v Validator
	return v.Normalize(mp, crs)
}

func geomProblem(code, msg string) geo.Problem {
	return geo.Problem{Property: "geometry", Code: code, Message: msg}
}

// Orient gives mp RFC 7946 winding: exterior rings counter-clockwise,
// holes clockwise. It reverses rings in place and returns mp.
func Orient(mp orb.MultiPolygon) orb.MultiPolygon {
	for _, poly := range mp {
		for i, ring := range poly {
			a := area.RingSignedArea(ring)
			if (i == 0 && a < 0) || (i > 0 && a > 0) {
				ring.Reverse()
			}
		}
	}
	return mp
}

// Validator checks geometries as NormalizeGeometry does, keeping its
// scratch space across calls; the zero value is ready to use. A Validator
// is not safe for concurrent use.
type Validator struct {
	edges    []edge
	order    []int
	active   []int
	problems []geo.Problem
	reported map[[2]int]bool
	// pairTests counts edge pairs examined, for tests of scaling.
	pairTests int
}

// edge is one ring edge p→q, labelled with its polygon and ring.
type edge struct {
	poly, ring int // ring 0 is the exterior
	ringID     int // index of the ring across the geometry
	i          int // edge index within the ring
	n          int // edge count of the ring
	p, q       orb.Point
	minX, maxX float64
	minY, maxY float64
}

func (v *Validator) add(code, msg string) {
	v.problems = append(v.problems, geomProblem(code, msg))
}

// ringName names a ring for messages, numbering as a person counts.
func ringName(mp orb.MultiPolygon, poly, ring int) string {
	var s string
	if ring == 0 {
		s = "exterior ring"
	} else {
		s = "hole " + strconv.Itoa(ring)
	}
	if len(mp) > 1 {
		s += " of polygon " + strconv.Itoa(poly+1)
	}
	return s
}

// fmtPoint formats a position for messages: degrees to 7 decimals (1 cm),
// metres to 3 decimals.
func fmtPoint(p orb.Point, projected bool) string {
	return "(" + fmtCoord(p[0], projected) + ", " + fmtCoord(p[1], projected) + ")"
}

func fmtCoord(x float64, projected bool) string {
	if projected || math.Abs(x) > 1000 {
		return strconv.FormatFloat(x, 'f', 3, 64)
	}
	s := strconv.FormatFloat(x, 'f', 7, 64)
	// Trim trailing zeros for exact inputs such as 109.4.
	for len(s) > 1 && s[len(s)-1] == '0' && s[len(s)-2] != '.' {
		s = s[:len(s)-1]
	}
	return s
}

// Normalize checks mp in place (it owns mp's memory) and converts it to
// oriented lon/lat, as NormalizeGeometry does.
func (v *Validator) Normalize(mp orb.MultiPolygon, crs crs.CRS) (orb.MultiPolygon, []geo.Problem) {
	v.problems = v.problems[:0]
	projected := crs.Projected()
	if len(mp) == 0 {
		v.add(CodeGeometryEmpty, "geometry has no polygons")
		return nil, v.result()
	}
	for pi, poly := range mp {
		if len(poly) == 0 {
			if len(mp) > 1 {
				v.add(CodeGeometryEmpty, fmt.Sprintf("polygon %d has no rings", pi+1))
			} else {
				v.add(CodeGeometryEmpty, "polygon has no rings")
			}
			continue
		}
		for ri, ring := range poly {
			v.checkRingShape(mp, pi, ri, ring, projected)
		}
	}
	if len(v.problems) > 0 {
		return nil, v.result()
	}
	if v.checkPlausible(mp, crs); len(v.problems) > 0 {
		return nil, v.result()
	}
	for pi, poly := range mp {
		for ri, ring := range poly {
			ring = dedupRing(ring)
			poly[ri] = ring
			if len(ring) < 4 {
				v.add(CodeRingDegenerate, fmt.Sprintf("%s has fewer than 3 distinct corners", ringName(mp, pi, ri)))
			}
		}
	}
	if len(v.problems) > 0 {
		return nil, v.result()
	}
	v.checkTopology(mp, projected)
	if len(v.problems) > 0 {
		return nil, v.result()
	}
	if projected {
		for _, poly := range mp {
			for _, ring := range poly {
				for k, p := range ring {
					ring[k][0], ring[k][1] = crs.ToLonLat(p[0], p[1])
				}
			}
		}
	}
	return Orient(mp), nil
}

func (v *Validator) result() []geo.Problem {
	out := make([]geo.Problem, len(v.problems))
	copy(out, v.problems)
	return out
}

// checkRingShape reports non-finite coordinates, short rings and
// unclosed rings.
func (v *Validator) checkRingShape(mp orb.MultiPolygon, pi, ri int, ring orb.Ring, projected bool) {
	name := ringName(mp, pi, ri)
	for k, p := range ring {
		if !isFinite(p[0]) || !isFinite(p[1]) {
			v.add(CodeNotFinite, fmt.Sprintf("%s: position %d has a coordinate that is not a finite number: [%v, %v]", name, k+1, p[0], p[1]))
			return
		}
	}
	if len(ring) < 4 {
		v.add(CodeRingTooShort, fmt.Sprintf("%s has %d positions; a ring needs at least 4, the first repeated as the last", name, len(ring)))
		return
	}
	if ring[0] != ring[len(ring)-1] {
		v.add(CodeRingNotClosed, fmt.Sprintf("%s is not closed: it starts at %s and ends at %s", name,
			fmtPoint(ring[0], projected), fmtPoint(ring[len(ring)-1], projected)))
	}
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// dedupRing removes consecutive duplicate positions in place.
func dedupRing(r orb.Ring) orb.Ring {
	out := r[:1]
	for _, p := range r[1:] {
		if p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	return out
}

// Plausibility windows.
const (
	// zoneHalfWidth is how far from the false easting an easting may lie:
	// a 3-degree zone is ±167 km wide at the equator; 500 km leaves room
	// for data that strays from its zone without accepting other systems.
	zoneHalfWidth = 500000.0
	// maxNorthing is the northing of latitude ~90°N, rounded up.
	maxNorthing = 10000000.0
	// metresThreshold: coordinates beyond it in both axes cannot be
	// degrees and are taken for metres.
	metresThreshold = 1000.0
)

// checkPlausible reports coordinates implausible for crs, once per
// geometry with the first offending position.
func (v *Validator) checkPlausible(mp orb.MultiPolygon, crs crs.CRS) {
	for _, poly := range mp {
		for _, ring := range poly {
			for _, p := range ring {
				var code, msg string
				if crs.Projected() {
					code, msg = implausibleProjected(p, crs)
				} else {
					code, msg = implausibleLonLat(p)
				}
				if code != "" {
					v.add(code, msg)
					return
				}
			}
		}
	}
}

func implausibleLonLat(p orb.Point) (code, msg string) {
	x, y := p[0], p[1]
	if math.Abs(x) <= 180 && math.Abs(y) <= 90 {
		return "", ""
	}
	at := "position " + fmtPoint(p, false)
	switch {
	case math.Abs(x) > metresThreshold && math.Abs(y) > metresThreshold:
		suggest := "EPSG:4545"
		switch {
		case x >= 36e6 && x < 37e6:
			suggest = "EPSG:4524"
		case x >= 37e6 && x < 38e6:
			suggest = "EPSG:4525"
		}
		return CodeLooksProjected, fmt.Sprintf("coordinates look projected (metres); name the CRS, e.g. --crs %s (first %s)", suggest, fmtPoint(p, true))
	case math.Abs(x) <= 90 && math.Abs(y) > 90 && math.Abs(y) <= 180:
		return CodeLonLatSwapped, fmt.Sprintf("latitude %v is out of range [-90, 90] at %s: are longitude and latitude swapped? GeoJSON puts longitude first", y, at)
	case math.Abs(x) > 180:
		return CodeLonLatOutOfRange, fmt.Sprintf("longitude %v is out of range [-180, 180] at %s", x, at)
	default:
		return CodeLonLatOutOfRange, fmt.Sprintf("latitude %v is out of range [-90, 90] at %s", y, at)
	}
}

func implausibleProjected(p orb.Point, crs crs.CRS) (code, msg string) {
	falseEasting := crs.FalseEasting()
	x, y := p[0], p[1]
	eastingOK := func(e float64) bool { return math.Abs(e-falseEasting) <= zoneHalfWidth }
	northingOK := func(n float64) bool { return n >= 0 && n <= maxNorthing }
	if math.Abs(x) <= 180 && math.Abs(y) <= 90 {
		// Within 180 m of the central meridian's false origin and 90 m of
		// the equator: degrees, not metres.
		return CodeImplausibleForCRS, fmt.Sprintf("position %s looks like longitude/latitude degrees, not %s metres; leave out the CRS for lon/lat data", fmtPoint(p, false), crs)
	}
	if eastingOK(x) && northingOK(y) {
		return "", ""
	}
	at := fmtPoint(p, true)
	switch {
	case eastingOK(y) && northingOK(x):
		return CodeImplausibleForCRS, fmt.Sprintf("position %s is not plausible for %s: are easting and northing swapped? %s lists northing first, GeoJSON wants easting first", at, crs, crs)
	case falseEasting == 500000 && x >= 36e6 && x < 38e6 && northingOK(y):
		prefixed := 4524
		if x >= 37e6 {
			prefixed = 4525
		}
		return CodeImplausibleForCRS, fmt.Sprintf("easting %.3f at %s carries a zone number prefix; use --crs EPSG:%d", x, at, prefixed)
	case falseEasting > 1e6 && math.Abs(x-500000) <= zoneHalfWidth && northingOK(y):
		plain := 4545
		if crs.EPSG == 4525 {
			plain = 4546
		}
		return CodeImplausibleForCRS, fmt.Sprintf("easting %.3f at %s lacks the zone number prefix %s expects; use --crs EPSG:%d", x, at, crs, plain)
	}
	return CodeImplausibleForCRS, fmt.Sprintf("position %s is not plausible for %s: easting should lie within %.0f km of %.0f and northing between 0 and %.0f",
		at, crs, zoneHalfWidth/1000, falseEasting, maxNorthing)
}

// Kinds of contact between two segments.
const (
	contactNone    = iota
	contactTouch   // meet at a single point that is an endpoint of one of them
	contactCross   // cross at a point interior to both
	contactOverlap // collinear and sharing a stretch of positive length
)

// orient returns the sign of the turn a→b→c: positive when
// counter-clockwise. Coordinates are taken relative to a, which keeps the
// products precise for projected coordinates with large offsets.
func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// onSegment reports whether c, collinear with a–b, lies within its box.
func onSegment(a, b, c orb.Point) bool {
	return math.Min(a[0], b[0]) <= c[0] && c[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= c[1] && c[1] <= math.Max(a[1], b[1])
}

// contact classifies how segments a1–a2 and b1–b2 meet and returns a
// point of contact.
func contact(a1, a2, b1, b2 orb.Point) (int, orb.Point) {
	d1 := sign(orient(b1, b2, a1))
	d2 := sign(orient(b1, b2, a2))
	d3 := sign(orient(a1, a2, b1))
	d4 := sign(orient(a1, a2, b2))
	if d1*d2 < 0 && d3*d4 < 0 {
		// Proper crossing: intersection point by parameter along a.
		den := (a2[0]-a1[0])*(b2[1]-b1[1]) - (a2[1]-a1[1])*(b2[0]-b1[0])
		t := ((b1[0]-a1[0])*(b2[1]-b1[1]) - (b1[1]-a1[1])*(b2[0]-b1[0])) / den
		return contactCross, orb.Point{a1[0] + t*(a2[0]-a1[0]), a1[1] + t*(a2[1]-a1[1])}
	}
	if d1 == 0 && d2 == 0 && d3 == 0 && d4 == 0 {
		return collinearContact(a1, a2, b1, b2)
	}
	switch {
	case d1 == 0 && onSegment(b1, b2, a1):
		return contactTouch, a1
	case d2 == 0 && onSegment(b1, b2, a2):
		return contactTouch, a2
	case d3 == 0 && onSegment(a1, a2, b1):
		return contactTouch, b1
	case d4 == 0 && onSegment(a1, a2, b2):
		return contactTouch, b2
	}
	return contactNone, orb.Point{}
}

// collinearContact classifies how collinear segments a1–a2 and b1–b2
// meet, projecting them on the longer axis and comparing intervals.
func collinearContact(a1, a2, b1, b2 orb.Point) (int, orb.Point) {
	ax := 0
	if math.Abs(a2[1]-a1[1])+math.Abs(b2[1]-b1[1]) > math.Abs(a2[0]-a1[0])+math.Abs(b2[0]-b1[0]) {
		ax = 1
	}
	alo, ahi := math.Min(a1[ax], a2[ax]), math.Max(a1[ax], a2[ax])
	blo, bhi := math.Min(b1[ax], b2[ax]), math.Max(b1[ax], b2[ax])
	lo, hi := math.Max(alo, blo), math.Min(ahi, bhi)
	switch {
	case lo < hi:
		for _, p := range []orb.Point{a1, a2, b1, b2} {
			if p[ax] == lo {
				return contactOverlap, p
			}
		}
	case lo == hi:
		for _, p := range []orb.Point{a1, a2} {
			if p[ax] == lo {
				return contactTouch, p
			}
		}
	}
	return contactNone, orb.Point{}
}

// checkTopology reports self-intersections, holes crossing or outside
// their shells, overlapping holes and overlapping polygons.
func (v *Validator) checkTopology(mp orb.MultiPolygon, projected bool) {
	v.prepareEdges(mp)
	if len(v.edges) <= smallRingEdges {
		v.pairwise(mp, projected)
	} else {
		v.sweep(mp, projected)
	}
	if len(v.problems) > 0 {
		return
	}
	v.checkContainment(mp)
}

// prepareEdges lists the edges of every ring of mp.
func (v *Validator) prepareEdges(mp orb.MultiPolygon) {
	v.edges = v.edges[:0]
	ringID := 0
	for pi, poly := range mp {
		for ri, ring := range poly {
			n := len(ring) - 1
			for i := 0; i < n; i++ {
				p, q := ring[i], ring[i+1]
				v.edges = append(v.edges, edge{
					poly: pi, ring: ri, ringID: ringID, i: i, n: n, p: p, q: q,
					minX: math.Min(p[0], q[0]), maxX: math.Max(p[0], q[0]),
					minY: math.Min(p[1], q[1]), maxY: math.Max(p[1], q[1]),
				})
			}
			ringID++
		}
	}
	if v.reported == nil {
		v.reported = make(map[[2]int]bool)
	}
	clear(v.reported)
}

// pairwise tests every pair of edges: O(n²), fastest for small rings.
func (v *Validator) pairwise(mp orb.MultiPolygon, projected bool) {
	for i := range v.edges {
		for j := i + 1; j < len(v.edges); j++ {
			v.testPair(mp, &v.edges[i], &v.edges[j], projected)
		}
	}
}

// sweep tests the pairs of edges whose x-ranges overlap, in order of
// their left ends: near O(n log n) for parcel outlines.
func (v *Validator) sweep(mp orb.MultiPolygon, projected bool) {
	v.order = v.order[:0]
	for i := range v.edges {
		v.order = append(v.order, i)
	}
	edges := v.edges
	sort.Slice(v.order, func(a, b int) bool { return edges[v.order[a]].minX < edges[v.order[b]].minX })
	v.active = v.active[:0]
	for _, i := range v.order {
		e := &edges[i]
		keep := v.active[:0]
		for _, j := range v.active {
			if edges[j].maxX >= e.minX {
				keep = append(keep, j)
			}
		}
		v.active = keep
		for _, j := range v.active {
			v.testPair(mp, &edges[j], e, projected)
		}
		v.active = append(v.active, i)
	}
}

// testPair classifies the contact between two edges and reports a
// problem, at most one per pair of rings.
func (v *Validator) testPair(mp orb.MultiPolygon, a, b *edge, projected bool) {
	v.pairTests++
	if a.maxY < b.minY || b.maxY < a.minY || a.maxX < b.minX || b.maxX < a.minX {
		return
	}
	lo, hi := a.ringID, b.ringID
	if lo > hi {
		lo, hi = hi, lo
	}
	key := [2]int{lo, hi}
	if v.reported[key] {
		return
	}
	switch {
	case a.ringID != b.ringID:
		v.testRings(mp, a, b, key, projected)
	case adjacent(a, b):
		v.testSpike(mp, a, b, key, projected)
	default:
		v.testSelf(mp, a, b, key, projected)
	}
}

// adjacent reports whether edges a and b of one ring follow each other.
func adjacent(a, b *edge) bool {
	d := b.i - a.i
	if d < 0 {
		d = -d
	}
	return d == 1 || d == a.n-1
}

// testSpike tests adjacent edges a and b of one ring: they share a vertex
// and are at fault only if the ring turns back on itself along the same
// line (a spike).
func (v *Validator) testSpike(mp orb.MultiPolygon, a, b *edge, key [2]int, projected bool) {
	first, second := a, b
	if (a.i+1)%a.n != b.i {
		first, second = b, a
	}
	prev, mid, next := first.p, first.q, second.q
	if orient(prev, mid, next) == 0 &&
		(prev[0]-mid[0])*(next[0]-mid[0])+(prev[1]-mid[1])*(next[1]-mid[1]) > 0 {
		v.reported[key] = true
		v.add(CodeSelfIntersection, fmt.Sprintf("%s runs back over itself at %s", ringName(mp, a.poly, a.ring), fmtPoint(mid, projected)))
	}
}

// testSelf tests non-adjacent edges a and b of one ring.
func (v *Validator) testSelf(mp orb.MultiPolygon, a, b *edge, key [2]int, projected bool) {
	kind, p := contact(a.p, a.q, b.p, b.q)
	name := ringName(mp, a.poly, a.ring)
	switch kind {
	case contactCross:
		v.add(CodeSelfIntersection, fmt.Sprintf("%s crosses itself at %s", name, fmtPoint(p, projected)))
	case contactTouch:
		v.add(CodeSelfIntersection, fmt.Sprintf("%s touches itself at %s", name, fmtPoint(p, projected)))
	case contactOverlap:
		v.add(CodeSelfIntersection, fmt.Sprintf("%s runs back over itself at %s", name, fmtPoint(p, projected)))
	default:
		return
	}
	v.reported[key] = true
}

// testRings tests edges a and b of different rings: a hole crossing its
// shell or another hole, or polygons overlapping.
func (v *Validator) testRings(mp orb.MultiPolygon, a, b *edge, key [2]int, projected bool) {
	kind, p := contact(a.p, a.q, b.p, b.q)
	if kind != contactCross && kind != contactOverlap {
		return
	}
	v.reported[key] = true
	first, second := a, b
	if first.ringID > second.ringID {
		first, second = second, first
	}
	verb := "crosses"
	if kind == contactOverlap {
		verb = "overlaps"
	}
	switch {
	case first.poly != second.poly && kind == contactCross:
		v.add(CodePolygonsOverlap, fmt.Sprintf("polygons %d and %d overlap: their boundaries cross at %s",
			first.poly+1, second.poly+1, fmtPoint(p, projected)))
	case first.poly != second.poly:
		v.add(CodePolygonsOverlap, fmt.Sprintf("polygons %d and %d share a stretch of boundary at %s; merge them into one polygon",
			first.poly+1, second.poly+1, fmtPoint(p, projected)))
	case first.ring == 0:
		v.add(CodeHoleCrossesShell, fmt.Sprintf("%s %s the exterior ring at %s", ringName(mp, second.poly, second.ring), verb, fmtPoint(p, projected)))
	default:
		v.add(CodeHolesOverlap, fmt.Sprintf("%s %s %s at %s", ringName(mp, second.poly, second.ring), verb, ringName(mp, first.poly, first.ring), fmtPoint(p, projected)))
	}
}

// pointInRing returns +1 when p lies inside ring, -1 outside, 0 on its
// boundary (crossing-number test with exact boundary detection).
func pointInRing(p orb.Point, ring orb.Ring) int {
	inside := false
	for i := 0; i+1 < len(ring); i++ {
		a, b := ring[i], ring[i+1]
		if orient(a, b, p) == 0 && onSegment(a, b, p) {
			return 0
		}
		if (a[1] > p[1]) != (b[1] > p[1]) {
			x := a[0] + (p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1])
			if p[0] < x {
				inside = !inside
			}
		}
	}
	if inside {
		return 1
	}
	return -1
}

// ringSide returns whether ring a lies inside (+1) or outside (-1) ring b,
// judged by the first vertex of a not on b's boundary; 0 when every
// vertex is on it. The rings are known not to cross.
func ringSide(a, b orb.Ring) int {
	for _, p := range a[:len(a)-1] {
		if s := pointInRing(p, b); s != 0 {
			return s
		}
	}
	return 0
}

func overlapBounds(a, b orb.Bound) bool {
	return a.Min[0] <= b.Max[0] && b.Min[0] <= a.Max[0] && a.Min[1] <= b.Max[1] && b.Min[1] <= a.Max[1]
}

// checkContainment reports holes outside their shell, holes inside other
// holes and polygons inside other polygons; boundaries are known not to
// cross.
func (v *Validator) checkContainment(mp orb.MultiPolygon) {
	for pi, poly := range mp {
		shell := poly[0]
		for hi := 1; hi < len(poly); hi++ {
			if ringSide(poly[hi], shell) < 0 {
				v.add(CodeHoleOutsideShell, fmt.Sprintf("%s lies outside the exterior ring", ringName(mp, pi, hi)))
			}
		}
		for hi := 1; hi < len(poly); hi++ {
			bi := poly[hi].Bound()
			for hj := hi + 1; hj < len(poly); hj++ {
				if !overlapBounds(bi, poly[hj].Bound()) {
					continue
				}
				if ringSide(poly[hj], poly[hi]) > 0 || ringSide(poly[hi], poly[hj]) > 0 {
					v.add(CodeHolesOverlap, fmt.Sprintf("%s and hole %d overlap: one lies inside the other", ringName(mp, pi, hi), hj))
				}
			}
		}
	}
	if len(mp) < 2 {
		return
	}
	bounds := make([]orb.Bound, len(mp))
	for i, poly := range mp {
		bounds[i] = poly[0].Bound()
	}
	for i := range mp {
		for j := i + 1; j < len(mp); j++ {
			if !overlapBounds(bounds[i], bounds[j]) {
				continue
			}
			if polygonInside(mp[i], mp[j]) || polygonInside(mp[j], mp[i]) {
				v.add(CodePolygonsOverlap, fmt.Sprintf("polygons %d and %d overlap: one lies inside the other", i+1, j+1))
			}
		}
	}
}

// polygonInside reports whether a's exterior lies inside b's area (inside
// b's exterior and not within one of b's holes).
func polygonInside(a, b orb.Polygon) bool {
	if ringSide(a[0], b[0]) <= 0 {
		return false
	}
	for _, h := range b[1:] {
		if ringSide(a[0], h) > 0 {
			return false
		}
	}
	return true
}
