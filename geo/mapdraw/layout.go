package mapdraw

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// rect is an axis-aligned rectangle in sheet pixels, y down.
type rect struct{ X0, Y0, X1, Y1 float64 }

func (r rect) w() float64 { return r.X1 - r.X0 }
func (r rect) h() float64 { return r.Y1 - r.Y0 }

// overlaps reports whether r and o share interior area.
func (r rect) overlaps(o rect) bool {
	return r.X0 < o.X1 && o.X0 < r.X1 && r.Y0 < o.Y1 && o.Y0 < r.Y1
}

// within reports whether r lies inside o.
func (r rect) within(o rect) bool {
	return r.X0 >= o.X0 && r.X1 <= o.X1 && r.Y0 >= o.Y0 && r.Y1 <= o.Y1
}

func (r rect) inset(d float64) rect { return rect{r.X0 + d, r.Y0 + d, r.X1 - d, r.Y1 - d} }

// anchor is the horizontal alignment of a text item at its X.
type anchor int

const (
	anchorStart anchor = iota
	anchorMiddle
	anchorEnd
)

// textItem is a block of text positioned on the sheet.
type textItem struct {
	Lines  []string
	X      float64 // alignment point
	Y      float64 // baseline of the first line
	Size   float64 // font size in px
	Bold   bool
	Anchor anchor
	Color  color.Color
	Halo   bool    // white outline behind the glyphs
	Width  float64 // widest line, as measured
}

// box is the text's em box: each line spans emAscent above and emDescent
// below its baseline.
func (t textItem) box() rect {
	x0 := t.X
	switch t.Anchor {
	case anchorMiddle:
		x0 -= t.Width / 2
	case anchorEnd:
		x0 -= t.Width
	}
	return rect{x0, t.Y - emAscent*t.Size, x0 + t.Width,
		t.Y + float64(len(t.Lines)-1)*lineAdvance*t.Size + emDescent*t.Size}
}

// textBlockHeight is the em-box height of n lines at size px.
func textBlockHeight(n int, size float64) float64 {
	return (emAscent+emDescent)*size + float64(n-1)*lineAdvance*size
}

func newText(ms *measurer, s string, size float64, bold bool, c color.Color) textItem {
	t := textItem{Lines: strings.Split(s, "\n"), Size: size, Bold: bold, Color: c}
	for _, l := range t.Lines {
		t.Width = math.Max(t.Width, ms.width(l, size, bold))
	}
	return t
}

// transform maps planar metres to sheet pixels: px = OX + x·K, py = OY − y·K.
type transform struct{ K, OX, OY float64 }

func (t transform) apply(p orb.Point) (float64, float64) {
	return t.OX + p[0]*t.K, t.OY - p[1]*t.K
}

// layerGroup is the features of one layer, in drawing order.
type layerGroup struct {
	Name     string
	ID       string // XML id, unique in the document
	Features []int
}

type legendEntry struct {
	Item   LegendItem
	Swatch rect
	Text   textItem
}

type legendLayout struct {
	Box     rect
	Heading textItem
	Entries []legendEntry
}

type scaleBarLayout struct {
	Box         rect
	X, Y        float64 // top left of the bar
	Length      float64 // px
	Height      float64 // px
	Metres      float64
	Segments    int
	Zero, Label textItem
}

type northLayout struct {
	Box       rect
	CX        float64
	Top       float64 // arrow tip
	Bottom    float64 // arrow base
	HalfWidth float64
	Label     textItem
}

// placedLabel is a feature label that found a place.
type placedLabel struct {
	Feature int
	Box     rect
	Text    textItem
}

// layout is everything both renderers draw, positioned in sheet pixels.
type layout struct {
	W, H       float64
	U          float64 // furniture scale: 1 when the longer side is 1200 px
	Background color.Color
	Title      *textItem
	Subtitle   *textItem
	Note       *textItem
	Frame      rect
	Tr         transform
	HasData    bool
	Layers     []layerGroup
	Legend     *legendLayout
	Scale      *scaleBarLayout
	North      *northLayout
	Labels     []placedLabel
}

// Colours of the map furniture.
var (
	inkColor     = color.RGBA{0x22, 0x22, 0x22, 0xff}
	subtleColor  = color.RGBA{0x55, 0x55, 0x55, 0xff}
	frameColor   = color.RGBA{0x44, 0x44, 0x44, 0xff}
	backingColor = color.NRGBA{0xff, 0xff, 0xff, 0xe0} // white at 88%
)

// sheetSize returns the sheet size with defaults applied.
func sheetSize(m *Map) (float64, float64) {
	w, h := m.Width, m.Height
	if w <= 0 {
		w = DefaultWidth
	}
	if h <= 0 {
		h = DefaultHeight
	}
	return float64(w), float64(h)
}

// computeLayout positions every element of m, measuring text with ms.
func computeLayout(m *Map, ms *measurer) *layout {
	W, H := sheetSize(m)
	// Furniture scales with the sheet's longer side, so a portrait sheet
	// looks like the landscape one turned; a very elongated sheet is held
	// back by its shorter side.
	u := math.Max(math.Min(math.Max(W, H)/1200, math.Min(W, H)/500), 0.5)
	L := &layout{W: W, H: H, U: u, Background: m.Background}
	if L.Background == nil {
		L.Background = color.White
	}
	margin := 24 * u

	// Header.
	y := margin
	if m.Title != "" {
		t := newText(ms, m.Title, 26*u, true, inkColor)
		t.X, t.Anchor = W/2, anchorMiddle
		t.Y = y + emAscent*t.Size
		y += textBlockHeight(len(t.Lines), t.Size) + 6*u
		L.Title = &t
	}
	if m.Subtitle != "" {
		t := newText(ms, m.Subtitle, 15*u, false, subtleColor)
		t.X, t.Anchor = W/2, anchorMiddle
		t.Y = y + emAscent*t.Size
		y += textBlockHeight(len(t.Lines), t.Size) + 4*u
		L.Subtitle = &t
	}
	if L.Title != nil || L.Subtitle != nil {
		y += 8 * u
	}

	// Footer.
	yb := H - margin
	if m.Note != "" {
		t := newText(ms, m.Note, 11*u, false, subtleColor)
		t.X = margin
		yb -= textBlockHeight(len(t.Lines), t.Size)
		t.Y = yb + emAscent*t.Size
		yb -= 6 * u
		L.Note = &t
	}

	frame := rect{margin, y, W - margin, yb}
	if len(m.Legend) > 0 {
		frame = layoutLegend(L, m, ms, frame, margin)
	}
	L.Frame = frame

	// Fit the data into the frame.
	inner := frame.inset(16 * u)
	b, ok := dataBound(m.Features)
	L.HasData = ok
	if ok {
		bw, bh := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
		k := math.Inf(1)
		if bw > 0 {
			k = inner.w() / bw
		}
		if bh > 0 {
			k = math.Min(k, inner.h()/bh)
		}
		if math.IsInf(k, 1) || k <= 0 {
			k = 1
		}
		cx, cy := (b.Min[0]+b.Max[0])/2, (b.Min[1]+b.Max[1])/2
		L.Tr = transform{K: k, OX: (inner.X0+inner.X1)/2 - cx*k, OY: (inner.Y0+inner.Y1)/2 + cy*k}
	}

	L.Layers = groupLayers(m.Features)
	if m.NorthArrow {
		L.North = layoutNorth(ms, frame, u, m.Lang)
	}
	if m.ScaleBar && ok {
		L.Scale = layoutScaleBar(ms, frame, u, L.Tr.K)
	}
	L.Labels = placeLabels(m, L, ms)
	return L
}

// layoutLegend places the legend box — in a panel at the right of a
// landscape sheet, below the frame on a portrait one — and returns the frame
// shrunk to leave room for it.
func layoutLegend(L *layout, m *Map, ms *measurer, frame rect, margin float64) rect {
	u := L.U
	const gapU, padU, rowU, swU, swHU, textU, headU = 16, 12, 24, 30, 16, 13, 15
	pad, rowH, gap := padU*u, rowU*u, gapU*u
	head := "图例"
	if m.Lang == English {
		head = "Legend"
	}
	lg := &legendLayout{Heading: newText(ms, head, headU*u, true, inkColor)}
	colW := 0.0
	texts := make([]textItem, len(m.Legend))
	for i, it := range m.Legend {
		texts[i] = newText(ms, it.Label, textU*u, false, inkColor)
		colW = math.Max(colW, swU*u+8*u+texts[i].Width)
	}
	colW = math.Max(colW, lg.Heading.Width)
	headH := textBlockHeight(1, lg.Heading.Size) + 10*u
	n := len(m.Legend)
	var rows, cols int
	if L.W >= L.H {
		avail := frame.h() - 2*pad - headH
		rows = max(1, int(avail/rowH))
		cols = (n + rows - 1) / rows
		rows = (n + cols - 1) / cols
	} else {
		avail := frame.w() - 2*pad + gap
		cols = max(1, min(n, int(avail/(colW+gap))))
		rows = (n + cols - 1) / cols
	}
	bw := 2*pad + float64(cols)*colW + float64(cols-1)*gap
	bh := 2*pad + headH + float64(rows)*rowH - (rowH - swHU*u - 2*u)
	if L.W >= L.H {
		lg.Box = rect{frame.X1 - bw, frame.Y1 - bh, frame.X1, frame.Y1}
		frame.X1 = lg.Box.X0 - gap
	} else {
		lg.Box = rect{frame.X0, frame.Y1 - bh, frame.X0 + bw, frame.Y1}
		frame.Y1 = lg.Box.Y0 - gap
	}
	lg.Heading.X = lg.Box.X0 + pad
	lg.Heading.Y = lg.Box.Y0 + pad + emAscent*lg.Heading.Size
	top := lg.Box.Y0 + pad + headH
	for i, it := range m.Legend {
		c, r := i/rows, i%rows
		x := lg.Box.X0 + pad + float64(c)*(colW+gap)
		sy := top + float64(r)*rowH
		sw := rect{x, sy, x + swU*u, sy + swHU*u}
		t := texts[i]
		t.X = sw.X1 + 8*u
		// Centre the text's em box on the swatch.
		t.Y = (sw.Y0+sw.Y1)/2 - textBlockHeight(len(t.Lines), t.Size)/2 + emAscent*t.Size
		lg.Entries = append(lg.Entries, legendEntry{Item: it, Swatch: sw, Text: t})
	}
	L.Legend = lg
	return frame
}

// layoutNorth places the north arrow in the top right corner of the frame.
func layoutNorth(ms *measurer, frame rect, u float64, lang Lang) *northLayout {
	letter := "北"
	if lang == English {
		letter = "N"
	}
	pad := 8 * u
	n := &northLayout{HalfWidth: 12 * u, Label: newText(ms, letter, 17*u, true, inkColor)}
	w := math.Max(2*n.HalfWidth, n.Label.Width) + 2*pad
	n.Box = rect{X1: frame.X1 - 12*u, Y0: frame.Y0 + 12*u}
	n.Box.X0 = n.Box.X1 - w
	n.CX = (n.Box.X0 + n.Box.X1) / 2
	n.Label.X, n.Label.Anchor = n.CX, anchorMiddle
	n.Label.Y = n.Box.Y0 + pad + emAscent*n.Label.Size
	n.Top = n.Label.Y + emDescent*n.Label.Size + 4*u
	n.Bottom = n.Top + 44*u
	n.Box.Y1 = n.Bottom + pad
	return n
}

// niceMetres returns the round length (1, 2 or 5 × 10ⁿ m) nearest to m on
// a logarithmic scale.
func niceMetres(m float64) float64 {
	if !(m > 0) || math.IsInf(m, 0) {
		return 0
	}
	e := math.Floor(math.Log10(m))
	best, bestD := 0.0, math.Inf(1)
	for _, k := range []float64{e - 1, e, e + 1} {
		for _, d := range []float64{1, 2, 5} {
			c := d * math.Pow(10, k)
			if dd := math.Abs(math.Log(c / m)); dd < bestD {
				best, bestD = c, dd
			}
		}
	}
	return best
}

// formatMetres labels a scale-bar length: "500 m", "1 km", "2.5 km".
func formatMetres(m float64) string {
	if m >= 1000 {
		return strconv.FormatFloat(m/1000, 'f', -1, 64) + " km"
	}
	return strconv.FormatFloat(m, 'f', -1, 64) + " m"
}

// layoutScaleBar places a scale bar about a fifth of the frame wide, of a
// round length in metres, in the bottom left corner of the frame.
func layoutScaleBar(ms *measurer, frame rect, u, k float64) *scaleBarLayout {
	metres := niceMetres(frame.w() / 5 / k)
	if metres == 0 {
		return nil
	}
	s := &scaleBarLayout{Metres: metres, Length: metres * k, Height: 6 * u}
	switch mant := metres / math.Pow(10, math.Floor(math.Log10(metres)+1e-9)); {
	case mant < 1.5:
		s.Segments = 5 // 1, 10, 100 … : fifths
	case mant < 3:
		s.Segments = 4 // 2, 20, 200 … : quarters
	default:
		s.Segments = 5 // 5, 50, 500 … : fifths
	}
	size := 12 * u
	s.Zero = newText(ms, "0", size, false, inkColor)
	s.Label = newText(ms, formatMetres(metres), size, false, inkColor)
	pad := 8 * u
	s.Zero.Anchor, s.Label.Anchor = anchorMiddle, anchorMiddle
	h := pad + s.Height + 4*u + textBlockHeight(1, size) + pad
	s.Box = rect{X0: frame.X0 + 12*u, Y1: frame.Y1 - 12*u}
	s.Box.Y0 = s.Box.Y1 - h
	s.X = s.Box.X0 + pad + s.Zero.Width/2
	s.Y = s.Box.Y0 + pad
	s.Box.X1 = s.X + s.Length + s.Label.Width/2 + pad
	s.Zero.X, s.Label.X = s.X, s.X+s.Length
	s.Zero.Y = s.Y + s.Height + 4*u + emAscent*size
	s.Label.Y = s.Zero.Y
	return s
}

// dataBound is the bound of every non-empty polygon with finite
// coordinates.
func dataBound(fs []Feature) (orb.Bound, bool) {
	var b orb.Bound
	ok := false
	for _, f := range fs {
		for _, p := range f.Geometry {
			if len(p) == 0 || len(p[0]) == 0 {
				continue
			}
			pb := p.Bound()
			if !finite(pb) {
				continue
			}
			if !ok {
				b, ok = pb, true
			} else {
				b = b.Union(pb)
			}
		}
	}
	return b, ok
}

// groupLayers groups feature indexes by layer, layers in order of first
// appearance, with unique XML ids derived from the names.
func groupLayers(fs []Feature) []layerGroup {
	var groups []layerGroup
	at := map[string]int{}
	used := map[string]bool{}
	for i, f := range fs {
		g, ok := at[f.Layer]
		if !ok {
			id := "layer-" + slug(f.Layer)
			if used[id] {
				for n := 2; ; n++ {
					c := id + "-" + strconv.Itoa(n)
					if !used[c] {
						id = c
						break
					}
				}
			}
			used[id] = true
			g = len(groups)
			at[f.Layer] = g
			groups = append(groups, layerGroup{Name: f.Layer, ID: id})
		}
		groups[g].Features = append(groups[g].Features, i)
	}
	return groups
}

// slug keeps ASCII letters, digits, '-' and '_' of a layer name and turns
// runs of anything else into one '-'; a name with nothing left is "unnamed".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r < 0x80 && (r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "unnamed"
	}
	return out
}
