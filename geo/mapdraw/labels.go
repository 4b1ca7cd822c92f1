package mapdraw

import (
	"container/heap"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"
)

// pt is a point in sheet pixels.
type pt struct{ X, Y float64 }

// pixelPolygon transforms a polygon's rings to sheet pixels.
func pixelPolygon(p orb.Polygon, tr transform) [][]pt {
	out := make([][]pt, 0, len(p))
	for _, r := range p {
		ring := make([]pt, len(r))
		for i, q := range r {
			ring[i].X, ring[i].Y = tr.apply(q)
		}
		out = append(out, ring)
	}
	return out
}

// largestPolygon is the polygon of mp with the largest area (exterior minus
// holes), or -1 when mp has none.
func largestPolygon(mp orb.MultiPolygon) int {
	best, bestA := -1, -1.0
	for i, p := range mp {
		if len(p) == 0 || len(p[0]) < 3 {
			continue
		}
		a := math.Abs(ringArea(p[0]))
		for _, h := range p[1:] {
			a -= math.Abs(ringArea(h))
		}
		if a > bestA {
			best, bestA = i, a
		}
	}
	return best
}

// ringArea is the signed shoelace area of a ring (positive counter-clockwise
// with y up).
func ringArea(r orb.Ring) float64 {
	s := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i][0]*r[j][1] - r[j][0]*r[i][1]
	}
	return s / 2
}

// inside reports whether (x, y) is inside the polygon (even-odd over all
// rings, so holes are outside).
func inside(poly [][]pt, x, y float64) bool {
	in := false
	for _, r := range poly {
		n := len(r)
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			a, b := r[i], r[j]
			if (a.Y > y) != (b.Y > y) && x < (b.X-a.X)*(y-a.Y)/(b.Y-a.Y)+a.X {
				in = !in
			}
		}
	}
	return in
}

// segDist2 is the squared distance from p to segment ab.
func segDist2(p, a, b pt) float64 {
	x, y := a.X, a.Y
	dx, dy := b.X-x, b.Y-y
	if dx != 0 || dy != 0 {
		t := ((p.X-x)*dx + (p.Y-y)*dy) / (dx*dx + dy*dy)
		if t > 1 {
			x, y = b.X, b.Y
		} else if t > 0 {
			x += dx * t
			y += dy * t
		}
	}
	dx, dy = p.X-x, p.Y-y
	return dx*dx + dy*dy
}

// signedDist is the distance from p to the polygon's outline, positive
// inside and negative outside.
func signedDist(poly [][]pt, p pt) float64 {
	d2 := math.Inf(1)
	for _, r := range poly {
		n := len(r)
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			d2 = math.Min(d2, segDist2(p, r[i], r[j]))
		}
	}
	d := math.Sqrt(d2)
	if !inside(poly, p.X, p.Y) {
		d = -d
	}
	return d
}

// cell is a square of the pole-of-inaccessibility search.
type cell struct {
	c   pt
	h   float64 // half size
	d   float64 // signed distance of the centre to the outline
	max float64 // upper bound of the distance anywhere in the cell
}

func newCell(poly [][]pt, x, y, h float64) cell {
	d := signedDist(poly, pt{x, y})
	return cell{c: pt{x, y}, h: h, d: d, max: d + h*math.Sqrt2}
}

type cellQueue []cell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].max > q[j].max }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(cell)) }
func (q *cellQueue) Pop() any          { o := *q; c := o[len(o)-1]; *q = o[:len(o)-1]; return c }

// maxPoleCells bounds the work of one pole search.
const maxPoleCells = 4000

// pole finds the pole of inaccessibility of a polygon in pixels — the
// interior point farthest from the outline — to within precision px, by
// quadtree search with a priority queue (Agafonkin's polylabel). It returns
// the point and its distance to the outline.
func pole(poly [][]pt, precision float64) (pt, float64) {
	ext := poly[0]
	minX, minY, maxX, maxY := ext[0].X, ext[0].Y, ext[0].X, ext[0].Y
	for _, p := range ext[1:] {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	w, h := maxX-minX, maxY-minY
	size := math.Min(w, h)
	if size == 0 {
		return pt{minX, minY}, 0
	}
	half := size / 2
	q := &cellQueue{}
	for x := minX; x < maxX; x += size {
		for y := minY; y < maxY; y += size {
			*q = append(*q, newCell(poly, x+half, y+half, half))
		}
	}
	heap.Init(q)
	best := newCell(poly, (minX+maxX)/2, (minY+maxY)/2, 0)
	if c, ok := centroid(poly); ok {
		if cc := newCell(poly, c.X, c.Y, 0); cc.d > best.d {
			best = cc
		}
	}
	for n := 0; q.Len() > 0 && n < maxPoleCells; n++ {
		c := heap.Pop(q).(cell)
		if c.d > best.d {
			best = c
		}
		if c.max-best.d <= precision {
			continue
		}
		hh := c.h / 2
		for _, o := range [4]pt{{-hh, -hh}, {hh, -hh}, {-hh, hh}, {hh, hh}} {
			heap.Push(q, newCell(poly, c.c.X+o.X, c.c.Y+o.Y, hh))
		}
	}
	return best.c, best.d
}

// centroid is the area centroid of the polygon (holes subtract), false for
// a polygon without area.
func centroid(poly [][]pt) (pt, bool) {
	var a, cx, cy float64
	for i, r := range poly {
		var ra, rx, ry float64
		n := len(r)
		for k, j := 0, n-1; k < n; j, k = k, k+1 {
			f := r[j].X*r[k].Y - r[k].X*r[j].Y
			ra += f
			rx += (r[j].X + r[k].X) * f
			ry += (r[j].Y + r[k].Y) * f
		}
		// Orient the exterior positive and holes negative.
		sign := 1.0
		if (ra < 0) == (i == 0) {
			sign = -1
		}
		a += sign * ra
		cx += sign * rx
		cy += sign * ry
	}
	if a == 0 {
		return pt{}, false
	}
	return pt{cx / (3 * a), cy / (3 * a)}, true
}

// segHitsRect reports whether segment ab meets rectangle r (Liang–Barsky).
func segHitsRect(a, b pt, r rect) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, pq := range [4][2]float64{{-dx, a.X - r.X0}, {dx, r.X1 - a.X}, {-dy, a.Y - r.Y0}, {dy, r.Y1 - a.Y}} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return false
			}
			t0 = math.Max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = math.Min(t1, t)
		}
	}
	return true
}

// rectInside reports whether r lies wholly inside the polygon: its centre is
// inside and no edge of any ring touches it.
func rectInside(poly [][]pt, r rect) bool {
	if !inside(poly, (r.X0+r.X1)/2, (r.Y0+r.Y1)/2) {
		return false
	}
	for _, ring := range poly {
		n := len(ring)
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			if segHitsRect(ring[j], ring[i], r) {
				return false
			}
		}
	}
	return true
}

// boxIndex is a uniform grid of placed rectangles for overlap queries.
type boxIndex struct {
	cell  float64
	boxes []rect
	grid  map[[2]int32][]int32
}

func newBoxIndex(cell float64) *boxIndex {
	return &boxIndex{cell: cell, grid: map[[2]int32][]int32{}}
}

func (bi *boxIndex) span(r rect) (x0, y0, x1, y1 int32) {
	return int32(math.Floor(r.X0 / bi.cell)), int32(math.Floor(r.Y0 / bi.cell)),
		int32(math.Floor(r.X1 / bi.cell)), int32(math.Floor(r.Y1 / bi.cell))
}

func (bi *boxIndex) hits(r rect) bool {
	x0, y0, x1, y1 := bi.span(r)
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			for _, i := range bi.grid[[2]int32{x, y}] {
				if bi.boxes[i].overlaps(r) {
					return true
				}
			}
		}
	}
	return false
}

func (bi *boxIndex) add(r rect) {
	i := int32(len(bi.boxes))
	bi.boxes = append(bi.boxes, r)
	x0, y0, x1, y1 := bi.span(r)
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			k := [2]int32{x, y}
			bi.grid[k] = append(bi.grid[k], i)
		}
	}
}

// labelColor is the ink of feature labels, drawn over a white halo.
var labelColor = inkColor

// placeLabels places feature labels in order of priority. A label is placed
// at the first candidate point — the pole of inaccessibility of the
// feature's largest polygon, its centroid when inside, then points around
// the pole — where its box lies inside that polygon and inside the frame and
// clears every label placed before it and the north arrow and scale bar.
// Labels that fit nowhere are left out.
func placeLabels(m *Map, L *layout, ms *measurer) []placedLabel {
	if !L.HasData {
		return nil
	}
	lp := labelPlacer{L: L, ms: ms, size: m.LabelSize, gap: 3 * L.U, idx: newBoxIndex(64 * L.U), frame: L.Frame.inset(2 * L.U)}
	if lp.size <= 0 {
		lp.size = 11 * L.U
	}
	if L.North != nil {
		lp.idx.add(L.North.Box)
	}
	if L.Scale != nil {
		lp.idx.add(L.Scale.Box)
	}
	var out []placedLabel
	for _, fi := range labelOrder(m) {
		if l, ok := lp.place(m.Features[fi], fi); ok {
			out = append(out, l)
		}
	}
	return out
}

// labelOrder returns the indexes of the labelled features, highest
// priority first, in feature order among equals.
func labelOrder(m *Map) []int {
	order := make([]int, 0, len(m.Features))
	for i, f := range m.Features {
		if f.Label != "" {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		return m.Features[order[a]].LabelPriority > m.Features[order[b]].LabelPriority
	})
	return order
}

// labelPlacer places the labels of one map: the layout, the text size, the
// clearance between labels, the boxes taken so far and the frame labels
// stay within.
type labelPlacer struct {
	L     *layout
	ms    *measurer
	size  float64
	gap   float64
	idx   *boxIndex
	frame rect
}

// place places the label of feature f (index fi) at its first candidate
// point that fits, taking its box; false when none fits.
func (lp *labelPlacer) place(f Feature, fi int) (placedLabel, bool) {
	L, size := lp.L, lp.size
	pi := largestPolygon(f.Geometry)
	if pi < 0 || !finite(f.Geometry[pi].Bound()) {
		return placedLabel{}, false
	}
	// Cheap rejections first: the polygon's pixel bound cannot hold
	// the label's height, then its measured width.
	b := f.Geometry[pi].Bound()
	bh := textBlockHeight(strings.Count(f.Label, "\n")+1, size)
	if (b.Max[1]-b.Min[1])*L.Tr.K < bh {
		return placedLabel{}, false
	}
	t := newText(lp.ms, f.Label, size, false, labelColor)
	t.Anchor, t.Halo = anchorMiddle, true
	bw := t.Width
	if (b.Max[0]-b.Min[0])*L.Tr.K < bw {
		return placedLabel{}, false
	}
	poly := pixelPolygon(f.Geometry[pi], L.Tr)
	pp, d := pole(poly, 0.5)
	// The largest inscribed circle must at least hold the box's
	// shorter side.
	if 2*d < math.Min(bw, bh) {
		return placedLabel{}, false
	}
	cands := []pt{pp}
	if c, ok := centroid(poly); ok && inside(poly, c.X, c.Y) && (c.X != pp.X || c.Y != pp.Y) {
		cands = append(cands, c)
	}
	dx, dy := bw*0.3, bh*0.6
	cands = append(cands, pt{pp.X, pp.Y - dy}, pt{pp.X, pp.Y + dy}, pt{pp.X - dx, pp.Y}, pt{pp.X + dx, pp.Y})
	for _, c := range cands {
		box := rect{c.X - bw/2, c.Y - bh/2, c.X + bw/2, c.Y + bh/2}
		padded := box.inset(-lp.gap)
		if !box.within(lp.frame) || lp.idx.hits(padded) || !rectInside(poly, box) {
			continue
		}
		lp.idx.add(padded)
		t.X = c.X
		t.Y = box.Y0 + emAscent*size
		return placedLabel{Feature: fi, Box: box, Text: t}, true
	}
	return placedLabel{}, false
}
