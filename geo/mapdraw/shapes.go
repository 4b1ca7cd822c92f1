package mapdraw

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"
)

// shape is a closed outline drawn by both renderers: rings filled with the
// non-zero rule (holes wind against their exterior) and stroked.
type shape struct {
	Rings  [][]pt
	Fill   color.Color // nil: not filled
	Stroke color.Color // nil: not stroked
	Width  float64     // stroke width in px
	Dash   bool
}

// group is a named set of shapes and texts of the map furniture.
type group struct {
	ID     string
	Shapes []shape
	Texts  []textItem
}

// minFeaturePx is the size in pixels below which a polygon is not drawn:
// smaller than half a pixel both ways it would tint at most one pixel.
const minFeaturePx = 0.5

// visible reports whether a bound in metres is finite and spans at least
// minFeaturePx at scale k in either direction.
func visible(b orb.Bound, k float64) bool {
	if !finite(b) {
		return false
	}
	return (b.Max[0]-b.Min[0])*k >= minFeaturePx || (b.Max[1]-b.Min[1])*k >= minFeaturePx
}

// strokeWidth is a feature's outline width with the default applied.
func (f *Feature) strokeWidth() float64 {
	if f.StrokeWidth > 0 {
		return f.StrokeWidth
	}
	return 1
}

// dashPattern is the on and off lengths of a dashed outline of width w.
func dashPattern(w float64) (on, off float64) {
	w = max(w, 1)
	return 5 * w, 3 * w
}

func rectRing(r rect) []pt {
	return []pt{{r.X0, r.Y0}, {r.X1, r.Y0}, {r.X1, r.Y1}, {r.X0, r.Y1}}
}

// furniture lists the map's frame, north arrow, scale bar, legend, header
// and note in drawing order.
func furniture(L *layout) []group {
	u := L.U
	var gs []group
	gs = append(gs, group{ID: "frame", Shapes: []shape{{
		Rings: [][]pt{rectRing(L.Frame)}, Stroke: frameColor, Width: 1.5 * u}}})
	backing := color.RGBA{0xaa, 0xaa, 0xaa, 0xff}
	if n := L.North; n != nil {
		tip, base := pt{n.CX, n.Top}, n.Bottom
		notch := pt{n.CX, base - 0.3*(base-n.Top)}
		gs = append(gs, group{ID: "north-arrow",
			Shapes: []shape{
				{Rings: [][]pt{rectRing(n.Box)}, Fill: backingColor, Stroke: backing, Width: 0.8 * u},
				{Rings: [][]pt{{tip, {n.CX - n.HalfWidth, base}, notch}}, Fill: inkColor, Stroke: inkColor, Width: u},
				{Rings: [][]pt{{tip, notch, {n.CX + n.HalfWidth, base}}}, Fill: color.White, Stroke: inkColor, Width: u},
			},
			Texts: []textItem{n.Label}})
	}
	if s := L.Scale; s != nil {
		g := group{ID: "scale-bar", Shapes: []shape{
			{Rings: [][]pt{rectRing(s.Box)}, Fill: backingColor, Stroke: backing, Width: 0.8 * u}}}
		seg := s.Length / float64(s.Segments)
		for i := 0; i < s.Segments; i++ {
			var fill color.Color = color.White
			if i%2 == 0 {
				fill = inkColor
			}
			x := s.X + float64(i)*seg
			g.Shapes = append(g.Shapes, shape{Rings: [][]pt{rectRing(rect{x, s.Y, x + seg, s.Y + s.Height})}, Fill: fill})
		}
		g.Shapes = append(g.Shapes, shape{Rings: [][]pt{rectRing(rect{s.X, s.Y, s.X + s.Length, s.Y + s.Height})},
			Stroke: inkColor, Width: 0.8 * u})
		g.Texts = []textItem{s.Zero, s.Label}
		gs = append(gs, g)
	}
	if lg := L.Legend; lg != nil {
		g := group{ID: "legend", Shapes: []shape{
			{Rings: [][]pt{rectRing(lg.Box)}, Fill: color.White, Stroke: frameColor, Width: u}},
			Texts: []textItem{lg.Heading}}
		for _, e := range lg.Entries {
			w := 0.0
			if e.Item.Stroke != nil {
				w = 1.5 * u
			}
			g.Shapes = append(g.Shapes, shape{Rings: [][]pt{rectRing(e.Swatch)},
				Fill: e.Item.Fill, Stroke: e.Item.Stroke, Width: w, Dash: e.Item.Dash})
			g.Texts = append(g.Texts, e.Text)
		}
		gs = append(gs, g)
	}
	var head group
	head.ID = "header"
	for _, t := range []*textItem{L.Title, L.Subtitle} {
		if t != nil {
			head.Texts = append(head.Texts, *t)
		}
	}
	if len(head.Texts) > 0 {
		gs = append(gs, head)
	}
	if L.Note != nil {
		gs = append(gs, group{ID: "note", Texts: []textItem{*L.Note}})
	}
	return gs
}

// haloRadius is how far the white halo of a label reaches beyond its
// glyphs.
func haloRadius(size float64) float64 { return math.Max(0.12*size, 1) }

// orientedPixelRings transforms a polygon to pixels with the exterior wound
// one way and every hole the other, so that the non-zero rule leaves holes
// empty whatever the input winding.
func orientedPixelRings(p orb.Polygon, tr transform) [][]pt {
	rings := pixelPolygon(p, tr)
	for i, r := range rings {
		a := 0.0
		n := len(r)
		for k, j := 0, n-1; k < n; j, k = k, k+1 {
			a += r[j].X*r[k].Y - r[k].X*r[j].Y
		}
		if (a < 0) == (i == 0) {
			for l, h := 0, n-1; l < h; l, h = l+1, h-1 {
				r[l], r[h] = r[h], r[l]
			}
		}
	}
	return rings
}

// finite reports whether every coordinate of b is a finite number.
func finite(b orb.Bound) bool {
	for _, v := range [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
