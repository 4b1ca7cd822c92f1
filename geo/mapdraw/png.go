package mapdraw

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// PNGSettings tunes PNG output. A nil *PNGSettings means the defaults.
type PNGSettings struct {
	// FontPath is the font file to draw text with when Map.Font is nil;
	// empty means DefaultFont (Noto Sans CJK SC from fonts-noto-cjk).
	FontPath string
	// Compression is the PNG compression level; the zero value is
	// png.DefaultCompression.
	Compression png.CompressionLevel
}

// pngFont resolves the font that measures and draws PNG text.
func pngFont(m *Map, s *PNGSettings) (*Font, error) {
	if m.Font != nil {
		return m.Font, nil
	}
	if s != nil && s.FontPath != "" {
		return LoadFont(s.FontPath)
	}
	return DefaultFont()
}

// Render draws m into a new RGBA image of m's size: anti-aliased fills and
// outlines, text in the font chosen as PNGSettings documents.
func Render(m *Map, s *PNGSettings) (*image.RGBA, error) {
	f, err := pngFont(m, s)
	if err != nil {
		return nil, err
	}
	ms := newMeasurer(f)
	L := computeLayout(m, ms)
	img := image.NewRGBA(image.Rect(0, 0, int(L.W), int(L.H)))
	draw.Draw(img, img.Bounds(), image.NewUniform(L.Background), image.Point{}, draw.Src)
	r := &raster{img: img}

	// Features, clipped to the frame.
	r.clip = image.Rect(int(math.Floor(L.Frame.X0)), int(math.Floor(L.Frame.Y0)),
		int(math.Ceil(L.Frame.X1)), int(math.Ceil(L.Frame.Y1))).Intersect(img.Bounds())
	var rings [][]pt
	for _, lg := range L.Layers {
		for _, fi := range lg.Features {
			f := &m.Features[fi]
			if f.Fill == nil && f.Stroke == nil {
				continue
			}
			rings = rings[:0]
			for _, p := range f.Geometry {
				if len(p) == 0 || !visible(p.Bound(), L.Tr.K) {
					continue
				}
				rings = append(rings, orientedPixelRings(p, L.Tr)...)
			}
			if len(rings) == 0 {
				continue
			}
			r.shape(shape{Rings: rings, Fill: f.Fill, Stroke: f.Stroke, Width: f.strokeWidth(), Dash: f.Dash})
		}
	}
	for _, pl := range L.Labels {
		drawText(img, ms, pl.Text)
	}

	r.clip = img.Bounds()
	for _, g := range furniture(L) {
		for _, sh := range g.Shapes {
			r.shape(sh)
		}
		for _, t := range g.Texts {
			drawText(img, ms, t)
		}
	}
	return img, nil
}

// RenderPNG draws m as Render does and writes it as PNG.
func RenderPNG(w io.Writer, m *Map, s *PNGSettings) error {
	img, err := Render(m, s)
	if err != nil {
		return err
	}
	enc := png.Encoder{}
	if s != nil {
		enc.CompressionLevel = s.Compression
	}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("mapdraw: writing PNG: %w", err)
	}
	return nil
}

// raster draws shapes with one reused rasterizer, each shape into the
// rectangle it covers so that the cost follows its size, not the sheet's.
type raster struct {
	img  *image.RGBA
	clip image.Rectangle
	z    vector.Rasterizer
	src  image.Uniform
	pts  []pt
}

// simplify drops points closer than 0.3 px to the previous kept point,
// which changes no pixel visibly and saves most of the work on dense
// outlines seen from afar.
func (r *raster) simplify(ring []pt) []pt {
	r.pts = r.pts[:0]
	for i, p := range ring {
		if i > 0 {
			q := r.pts[len(r.pts)-1]
			if dx, dy := p.X-q.X, p.Y-q.Y; dx*dx+dy*dy < 0.09 {
				continue
			}
		}
		r.pts = append(r.pts, p)
	}
	return r.pts
}

// area returns the pixel rectangle covering rings grown by pad, clipped.
func (r *raster) area(rings [][]pt, pad float64) image.Rectangle {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, ring := range rings {
		for _, p := range ring {
			minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
			minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
		}
	}
	if minX > maxX {
		return image.Rectangle{}
	}
	return image.Rect(int(math.Floor(minX-pad)), int(math.Floor(minY-pad)),
		int(math.Ceil(maxX+pad)), int(math.Ceil(maxY+pad))).Intersect(r.clip)
}

func (r *raster) shape(sh shape) {
	if sh.Fill != nil {
		r.fill(sh.Rings, sh.Fill)
	}
	if sh.Stroke != nil && sh.Width > 0 {
		r.stroke(sh.Rings, sh.Width, sh.Dash, sh.Stroke)
	}
}

func (r *raster) begin(a image.Rectangle) (ox, oy float64) {
	r.z.Reset(a.Dx(), a.Dy())
	return float64(a.Min.X), float64(a.Min.Y)
}

func (r *raster) finish(a image.Rectangle, c color.Color) {
	r.src.C = c
	r.z.Draw(r.img, a, &r.src, image.Point{})
}

// fill fills rings by the non-zero rule.
func (r *raster) fill(rings [][]pt, c color.Color) {
	a := r.area(rings, 0)
	if a.Empty() {
		return
	}
	ox, oy := r.begin(a)
	for _, ring := range rings {
		ring = r.simplify(ring)
		if len(ring) < 3 {
			continue
		}
		r.z.MoveTo(float32(ring[0].X-ox), float32(ring[0].Y-oy))
		for _, p := range ring[1:] {
			r.z.LineTo(float32(p.X-ox), float32(p.Y-oy))
		}
		r.z.ClosePath()
	}
	r.finish(a, c)
}

// stroke outlines closed rings w px wide: a quadrilateral per segment and,
// for outlines 1.5 px or wider, an octagon at each joint. All pieces wind
// the same way, so where they overlap the rasterizer's clamped coverage
// paints their union once.
func (r *raster) stroke(rings [][]pt, w float64, dash bool, c color.Color) {
	a := r.area(rings, w/2+1)
	if a.Empty() {
		return
	}
	ox, oy := r.begin(a)
	hw := w / 2
	joints := w >= 1.5
	on, off := dashPattern(w)
	for _, ring := range rings {
		ring = r.simplify(ring)
		n := len(ring)
		if n < 2 {
			continue
		}
		// Dash phase carried along the ring: position within on+off.
		phase := 0.0
		for i := 0; i < n; i++ {
			p, q := ring[i], ring[(i+1)%n]
			p.X, p.Y, q.X, q.Y = p.X-ox, p.Y-oy, q.X-ox, q.Y-oy
			dx, dy := q.X-p.X, q.Y-p.Y
			l := math.Hypot(dx, dy)
			if l == 0 {
				continue
			}
			if !dash {
				r.quad(p, q, dx/l*hw, dy/l*hw)
				if joints {
					r.octagon(q, hw)
				}
				continue
			}
			for t := 0.0; t < l; {
				if phase < on {
					step := math.Min(on-phase, l-t)
					a, b := pt{p.X + dx*t/l, p.Y + dy*t/l}, pt{p.X + dx*(t+step)/l, p.Y + dy*(t+step)/l}
					r.quad(a, b, dx/l*hw, dy/l*hw)
					if joints && t+step >= l && phase+step < on {
						r.octagon(b, hw)
					}
					t += step
					phase += step
				} else {
					step := math.Min(on+off-phase, l-t)
					t += step
					phase += step
				}
				if phase >= on+off {
					phase = 0
				}
			}
		}
	}
	r.finish(a, c)
}

// quad adds the rectangle of half-width |(ux, uy)| along segment pq, where
// (ux, uy) is the segment's direction scaled to the half-width.
func (r *raster) quad(p, q pt, ux, uy float64) {
	nx, ny := -uy, ux
	r.z.MoveTo(float32(p.X+nx), float32(p.Y+ny))
	r.z.LineTo(float32(q.X+nx), float32(q.Y+ny))
	r.z.LineTo(float32(q.X-nx), float32(q.Y-ny))
	r.z.LineTo(float32(p.X-nx), float32(p.Y-ny))
	r.z.ClosePath()
}

// octagon adds a regular octagon of circumradius rad around c, wound like
// quad's rectangles (whose shoelace area is negative for every direction),
// so that the overlaps add up instead of cancelling.
func (r *raster) octagon(c pt, rad float64) {
	for i := 0; i < 8; i++ {
		a := -float64(i) * math.Pi / 4
		x, y := float32(c.X+rad*math.Cos(a)), float32(c.Y+rad*math.Sin(a))
		if i == 0 {
			r.z.MoveTo(x, y)
		} else {
			r.z.LineTo(x, y)
		}
	}
	r.z.ClosePath()
}

// drawText draws t's lines with the measurer's faces, behind a white halo
// when t asks for one.
func drawText(img *image.RGBA, ms *measurer, t textItem) {
	face := ms.face(t.Size, t.Bold)
	d := font.Drawer{Dst: img, Face: face}
	for i, line := range t.Lines {
		w := fixedToFloat(d.MeasureString(line))
		x := t.X
		switch t.Anchor {
		case anchorMiddle:
			x -= w / 2
		case anchorEnd:
			x -= w
		}
		y := t.Y + float64(i)*lineAdvance*t.Size
		if t.Halo {
			d.Src = image.White
			rad := haloRadius(t.Size)
			for k := 0; k < 8; k++ {
				a := float64(k) * math.Pi / 4
				d.Dot = fixedPoint(x+rad*math.Cos(a), y+rad*math.Sin(a))
				d.DrawString(line)
			}
		}
		d.Src = image.NewUniform(t.Color)
		d.Dot = fixedPoint(x, y)
		d.DrawString(line)
	}
}

func fixedPoint(x, y float64) fixed.Point26_6 {
	return fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
}
