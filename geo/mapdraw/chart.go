package mapdraw

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
)

// Chart is a line chart of figures against a numeric value, for a
// parameter sweep: one line per series, each point optionally with a band
// [Lo, Hi] (a proven range) drawn behind the line. It is drawn with the
// maps' fonts and rasteriser, so that Chinese labels come out in Noto Sans
// CJK in SVG and PNG alike.
type Chart struct {
	// Title, XLabel and YLabel are the chart's texts.
	Title, XLabel, YLabel string
	// Width and Height are the sheet's size in px; 0 means 800 × 480.
	Width, Height float64
	// LegendTitle heads the legend (the setting the lines stand for);
	// "\n" breaks it into lines.
	LegendTitle string
	// Series are the lines, drawn in order.
	Series []ChartSeries
	// Font draws PNG text; nil means DefaultFont.
	Font *Font
}

// ChartSeries is one line of a Chart.
type ChartSeries struct {
	// Name labels the line in the legend ("" for none).
	Name string
	// Color is the line's colour; the band is drawn in it, translucent.
	Color color.RGBA
	// Points are the line's points, in the order drawn.
	Points []ChartPoint
}

// ChartPoint is one point of a series; Band says Lo and Hi are set.
type ChartPoint struct {
	X, Y   float64
	Band   bool
	Lo, Hi float64
}

// chartLayout is the chart's geometry: the plot frame and the data
// ranges mapped onto it.
type chartLayout struct {
	W, H                   float64
	frame                  rect
	x0, x1, y0, y1         float64
	xTicks, yTicks         []float64
	xDecimals, yDecimals   int
	titleSize, labelSize   float64
	legendX, legendY, rowH float64
}

func (c *Chart) layout() *chartLayout {
	L := &chartLayout{W: c.Width, H: c.Height, titleSize: 18, labelSize: 13}
	if L.W <= 0 {
		L.W = 800
	}
	if L.H <= 0 {
		L.H = 480
	}
	L.x0, L.x1, L.y0, L.y1 = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		for _, p := range s.Points {
			L.x0, L.x1 = math.Min(L.x0, p.X), math.Max(L.x1, p.X)
			L.y0, L.y1 = math.Min(L.y0, p.Y), math.Max(L.y1, p.Y)
			if p.Band {
				L.y0, L.y1 = math.Min(L.y0, p.Lo), math.Max(L.y1, p.Hi)
			}
		}
	}
	if math.IsInf(L.x0, 0) {
		L.x0, L.x1, L.y0, L.y1 = 0, 1, 0, 1
	}
	if L.x1 == L.x0 {
		L.x0, L.x1 = L.x0-1, L.x1+1
	}
	if L.y1 == L.y0 {
		d := math.Max(1, math.Abs(L.y0)*0.1)
		L.y0, L.y1 = L.y0-d, L.y1+d
	}
	L.xTicks, L.xDecimals = niceTicks(L.x0, L.x1, 8)
	L.yTicks, L.yDecimals = niceTicks(L.y0, L.y1, 6)
	pad := 0.05 * (L.y1 - L.y0)
	L.y0, L.y1 = L.y0-pad, L.y1+pad
	pad = 0.03 * (L.x1 - L.x0)
	L.x0, L.x1 = L.x0-pad, L.x1+pad
	legendRows := 0
	for _, s := range c.Series {
		if s.Name != "" {
			legendRows++
		}
	}
	right := 24.0
	if legendRows > 0 {
		right = 180
	}
	L.frame = rect{X0: 90, Y0: 66, X1: L.W - right, Y1: L.H - 64}
	L.legendX, L.legendY, L.rowH = L.frame.X1+16, L.frame.Y0+8, 20
	if c.LegendTitle != "" && legendRows > 0 {
		L.legendY += float64(len(strings.Split(c.LegendTitle, "\n"))) * 16
	}
	return L
}

// niceTicks returns tick values at a step of 1, 2 or 5 × 10^k covering
// [lo, hi] with at most about n ticks, and the decimals they need.
func niceTicks(lo, hi float64, n int) ([]float64, int) {
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, f := range []float64{1, 2, 5, 10} {
		if f*mag >= raw {
			step = f * mag
			break
		}
	}
	dec := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	var out []float64
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi+step*1e-9; v += step {
		t := math.Round(v/step) * step
		if t == 0 {
			t = 0 // no "-0"
		}
		out = append(out, t)
	}
	return out, dec
}

func (L *chartLayout) px(x, y float64) pt {
	f := L.frame
	return pt{f.X0 + (x-L.x0)/(L.x1-L.x0)*f.w(), f.Y1 - (y-L.y0)/(L.y1-L.y0)*f.h()}
}

// chartText lists the chart's texts: title, axis labels, tick labels and
// legend entries.
func (c *Chart) texts(L *chartLayout, ms *measurer) []textItem {
	grey := color.RGBA{60, 60, 60, 255}
	var out []textItem
	add := func(s string, x, y, size float64, bold bool, a anchor) {
		t := newText(ms, s, size, bold, grey)
		t.X, t.Y, t.Anchor = x, y, a
		out = append(out, t)
	}
	add(c.Title, L.W/2, 28, L.titleSize, true, anchorMiddle)
	add(c.XLabel, (L.frame.X0+L.frame.X1)/2, L.H-18, L.labelSize, false, anchorMiddle)
	add(c.YLabel, L.frame.X0, L.frame.Y0-10, L.labelSize, false, anchorStart)
	for _, x := range L.xTicks {
		p := L.px(x, L.y0)
		add(strconv.FormatFloat(x, 'f', L.xDecimals, 64), p.X, L.frame.Y1+20, 12, false, anchorMiddle)
	}
	for _, y := range L.yTicks {
		p := L.px(L.x0, y)
		add(strconv.FormatFloat(y, 'f', L.yDecimals, 64), L.frame.X0-8, p.Y+4, 12, false, anchorEnd)
	}
	if c.LegendTitle != "" && L.legendY > L.frame.Y0+8 {
		for i, line := range strings.Split(c.LegendTitle, "\n") {
			add(line, L.legendX, L.frame.Y0+12+float64(i)*16, 12, true, anchorStart)
		}
	}
	row := 0
	for _, s := range c.Series {
		if s.Name == "" {
			continue
		}
		add(s.Name, L.legendX+26, L.legendY+float64(row)*L.rowH+4, 12, false, anchorStart)
		row++
	}
	return out
}

// RenderChartSVG writes the chart as a standalone SVG document.
func RenderChartSVG(w io.Writer, c *Chart) error {
	L := c.layout()
	ms := newMeasurer(nil)
	bw := bufio.NewWriter(w)
	s := &svgWriter{w: bw}
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s">`+"\n",
		s.fmt(L.W), s.fmt(L.H), s.fmt(L.W), s.fmt(L.H), FontFamily)
	fmt.Fprintf(bw, `<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", s.fmt(L.W), s.fmt(L.H))
	line := func(a, b pt, stroke string, width float64) {
		fmt.Fprintf(bw, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"/>`+"\n",
			s.fmt(a.X), s.fmt(a.Y), s.fmt(b.X), s.fmt(b.Y), stroke, s.fmt(width))
	}
	for _, y := range L.yTicks {
		p := L.px(L.x0, y)
		line(pt{L.frame.X0, p.Y}, pt{L.frame.X1, p.Y}, "#e0e0e0", 1)
	}
	fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#888888"/>`+"\n",
		s.fmt(L.frame.X0), s.fmt(L.frame.Y0), s.fmt(L.frame.w()), s.fmt(L.frame.h()))
	for _, se := range c.Series {
		hex, _ := hexColor(se.Color)
		if band := bandPolygon(L, se.Points); len(band) > 0 {
			fmt.Fprintf(bw, `<path class="band" d="%s" fill="%s" fill-opacity="0.25" stroke="%s" stroke-opacity="0.5" stroke-width="0.8"/>`+"\n", pathData(s, band), hex, hex)
		}
		var pts []string
		for _, p := range se.Points {
			q := L.px(p.X, p.Y)
			pts = append(pts, s.fmt(q.X)+","+s.fmt(q.Y))
		}
		fmt.Fprintf(bw, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", hex, strings.Join(pts, " "))
		for _, p := range se.Points {
			q := L.px(p.X, p.Y)
			fmt.Fprintf(bw, `<circle cx="%s" cy="%s" r="3.5" fill="%s"><title>%s</title></circle>`+"\n", s.fmt(q.X), s.fmt(q.Y), hex, pointTitle(p))
		}
	}
	row := 0
	for _, se := range c.Series {
		if se.Name == "" {
			continue
		}
		hex, _ := hexColor(se.Color)
		y := L.legendY + float64(row)*L.rowH
		line(pt{L.legendX, y}, pt{L.legendX + 20, y}, hex, 3)
		row++
	}
	for _, t := range c.texts(L, ms) {
		s.text(t)
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

func pointTitle(p ChartPoint) string {
	t := strconv.FormatFloat(p.X, 'g', 8, 64) + ": " + strconv.FormatFloat(p.Y, 'g', 8, 64)
	if p.Band {
		t += " [" + strconv.FormatFloat(p.Lo, 'g', 8, 64) + ", " + strconv.FormatFloat(p.Hi, 'g', 8, 64) + "]"
	}
	return t
}

// bandPolygon is the band of a series as one ring: the upper edge left to
// right, the lower edge back; empty when no point has a band.
func bandPolygon(L *chartLayout, ps []ChartPoint) []pt {
	var up, lo []pt
	for _, p := range ps {
		if !p.Band {
			continue
		}
		// A band thinner than a pixel is still drawn a pixel wide, so that
		// a point proven to 1e-4 shows as proven, not as missing.
		a, b := L.px(p.X, p.Hi), L.px(p.X, p.Lo)
		if b.Y-a.Y < 1 {
			m := (a.Y + b.Y) / 2
			a.Y, b.Y = m-0.5, m+0.5
		}
		up, lo = append(up, a), append(lo, b)
	}
	if len(up) == 0 {
		return nil
	}
	if len(up) == 1 {
		return []pt{{up[0].X - 4, up[0].Y}, {up[0].X + 4, up[0].Y}, {lo[0].X + 4, lo[0].Y}, {lo[0].X - 4, lo[0].Y}}
	}
	ring := append([]pt{}, up...)
	for i := len(lo) - 1; i >= 0; i-- {
		ring = append(ring, lo[i])
	}
	return ring
}

func pathData(s *svgWriter, ring []pt) string {
	var b strings.Builder
	for i, p := range ring {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString(" L")
		}
		b.WriteString(s.fmt(p.X) + " " + s.fmt(p.Y))
	}
	b.WriteString(" Z")
	return b.String()
}

// RenderChart draws the chart into a new RGBA image.
func RenderChart(c *Chart) (*image.RGBA, error) {
	f := c.Font
	if f == nil {
		var err error
		if f, err = DefaultFont(); err != nil {
			return nil, err
		}
	}
	ms := newMeasurer(f)
	L := c.layout()
	img := image.NewRGBA(image.Rect(0, 0, int(L.W), int(L.H)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	r := &raster{img: img, clip: img.Bounds()}
	segment := func(a, b pt, w float64, col color.Color) {
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			return
		}
		area := r.area([][]pt{{a, b}}, w/2+1)
		if area.Empty() {
			return
		}
		ox, oy := r.begin(area)
		a.X, a.Y, b.X, b.Y = a.X-ox, a.Y-oy, b.X-ox, b.Y-oy
		r.quad(a, b, dx/l*w/2, dy/l*w/2)
		r.finish(area, col)
	}
	for _, y := range L.yTicks {
		p := L.px(L.x0, y)
		segment(pt{L.frame.X0, p.Y}, pt{L.frame.X1, p.Y}, 1, color.RGBA{224, 224, 224, 255})
	}
	r.stroke([][]pt{rectRing(L.frame)}, 1, false, color.RGBA{136, 136, 136, 255})
	for _, se := range c.Series {
		if band := bandPolygon(L, se.Points); len(band) > 0 {
			fill := color.RGBA{se.Color.R / 4, se.Color.G / 4, se.Color.B / 4, 64}
			r.fill([][]pt{band}, fill)
		}
		for i := 1; i < len(se.Points); i++ {
			segment(L.px(se.Points[i-1].X, se.Points[i-1].Y), L.px(se.Points[i].X, se.Points[i].Y), 2, se.Color)
		}
		for _, p := range se.Points {
			q := L.px(p.X, p.Y)
			area := r.area([][]pt{{q}}, 5)
			ox, oy := r.begin(area)
			r.octagon(pt{q.X - ox, q.Y - oy}, 3.5)
			r.finish(area, se.Color)
		}
	}
	row := 0
	for _, se := range c.Series {
		if se.Name == "" {
			continue
		}
		y := L.legendY + float64(row)*L.rowH
		segment(pt{L.legendX, y}, pt{L.legendX + 20, y}, 3, se.Color)
		row++
	}
	for _, t := range c.texts(L, ms) {
		drawText(img, ms, t)
	}
	return img, nil
}

// RenderChartPNG draws the chart as RenderChart does and writes it as PNG.
func RenderChartPNG(w io.Writer, c *Chart) error {
	img, err := RenderChart(c)
	if err != nil {
		return err
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("mapdraw: writing PNG: %w", err)
	}
	return nil
}
