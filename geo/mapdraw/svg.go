package mapdraw

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"
)

// RenderSVG writes m as a standalone SVG document. Coordinates are rounded to
// 0.1 px; text names FontFamily rather than embedding a font; features are
// grouped by layer in <g id="layer-…"> elements; the same Map gives the same
// bytes. Text is measured with m.Font, or with ApproxTextWidth when it is nil.
func RenderSVG(w io.Writer, m *Map) error {
	L := computeLayout(m, newMeasurer(m.Font))
	bw := bufio.NewWriter(w)
	s := &svgWriter{w: bw}
	s.document(m, L)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("mapdraw: writing SVG: %w", err)
	}
	return nil
}

type svgWriter struct {
	w   *bufio.Writer
	num []byte
}

func (s *svgWriter) str(v string) { s.w.WriteString(v) }

// esc writes v escaped for XML text and attribute values.
func (s *svgWriter) esc(v string) {
	// xml.EscapeText fails only when the writer fails, which Flush reports.
	_ = xml.EscapeText(s.w, []byte(v))
}

// f writes v rounded to 0.1.
func (s *svgWriter) f(v float64) { s.w.WriteString(s.fmt(v)) }

// fmt formats v rounded to 0.1, without trailing zeros or "-0".
func (s *svgWriter) fmt(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0
	}
	s.num = strconv.AppendFloat(s.num[:0], v, 'f', -1, 64)
	return string(s.num)
}

// attrF writes ` name="v"`.
func (s *svgWriter) attrF(name string, v float64) {
	s.str(" " + name + `="`)
	s.f(v)
	s.str(`"`)
}

// hexColor returns "#rrggbb" and the opacity of c (non-premultiplied).
func hexColor(c color.Color) (string, float64) {
	r, g, b, a := c.RGBA()
	if a == 0 {
		return "none", 0
	}
	un := func(v uint32) uint32 { return (v * 0xffff / a) >> 8 }
	return fmt.Sprintf("#%02x%02x%02x", min(un(r), 255), min(un(g), 255), min(un(b), 255)), float64(a) / 0xffff
}

// paint writes ` name="#rrggbb"` and, when translucent, ` name-opacity="…"`.
func (s *svgWriter) paint(name string, c color.Color) {
	if c == nil {
		s.str(" " + name + `="none"`)
		return
	}
	h, a := hexColor(c)
	s.str(" " + name + `="` + h + `"`)
	if h != "none" && a < 1 {
		s.str(" " + name + `-opacity="` + strconv.FormatFloat(math.Round(a*1000)/1000, 'f', -1, 64) + `"`)
	}
}

func (s *svgWriter) document(m *Map, L *layout) {
	s.str(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.str(`<svg xmlns="http://www.w3.org/2000/svg"`)
	s.attrF("width", L.W)
	s.attrF("height", L.H)
	s.str(` viewBox="0 0 `)
	s.f(L.W)
	s.str(" ")
	s.f(L.H)
	s.str(`" font-family="` + FontFamily + `">` + "\n")
	if m.Title != "" {
		s.str("<title>")
		s.esc(m.Title)
		s.str("</title>\n")
	}
	s.str(`<rect id="background"`)
	s.attrF("width", L.W)
	s.attrF("height", L.H)
	s.paint("fill", L.Background)
	s.str("/>\n")

	fr := L.Frame
	s.str(`<defs><clipPath id="frame-clip"><rect`)
	s.attrF("x", fr.X0)
	s.attrF("y", fr.Y0)
	s.attrF("width", fr.w())
	s.attrF("height", fr.h())
	s.str("/></clipPath></defs>\n")

	s.str(`<g id="features" clip-path="url(#frame-clip)" fill-rule="nonzero" stroke-linejoin="round">` + "\n")
	for _, lg := range L.Layers {
		s.str(`<g id="` + lg.ID + `" aria-label="`)
		if n, ok := m.LayerNames[lg.Name]; ok {
			s.esc(n)
		} else {
			s.esc(lg.Name)
		}
		s.str(`">` + "\n")
		for _, fi := range lg.Features {
			s.feature(&m.Features[fi], L.Tr)
		}
		s.str("</g>\n")
	}
	s.str("</g>\n")

	s.str(`<g id="labels">` + "\n")
	for _, pl := range L.Labels {
		s.text(pl.Text)
	}
	s.str("</g>\n")

	for _, g := range furniture(L) {
		s.str(`<g id="` + g.ID + `">` + "\n")
		for _, sh := range g.Shapes {
			s.shape(sh)
		}
		for _, t := range g.Texts {
			s.text(t)
		}
		s.str("</g>\n")
	}
	s.str("</svg>\n")
}

// feature writes one feature as a <path>, holes wound against their
// exterior so that the non-zero rule leaves them empty.
func (s *svgWriter) feature(f *Feature, tr transform) {
	if f.Fill == nil && f.Stroke == nil {
		return
	}
	var rings [][]pt
	for _, p := range f.Geometry {
		if len(p) == 0 || !visible(p.Bound(), tr.K) {
			continue
		}
		rings = append(rings, orientedPixelRings(p, tr)...)
	}
	s.path(shape{Rings: rings, Fill: f.Fill, Stroke: f.Stroke, Width: f.strokeWidth(), Dash: f.Dash})
}

// path writes a shape as one <path>, dropping points that round onto the
// previous one and rings left with fewer than three points.
func (s *svgWriter) path(sh shape) {
	var d strings.Builder
	var num []byte
	var q [][2]int64
	for _, r := range sh.Rings {
		// Coordinates in tenths of a pixel, without repeats or the
		// closing copy of the first point.
		q = q[:0]
		for _, p := range r {
			x, y := int64(math.Round(p.X*10)), int64(math.Round(p.Y*10))
			if len(q) > 0 && q[len(q)-1] == [2]int64{x, y} {
				continue
			}
			q = append(q, [2]int64{x, y})
		}
		for len(q) > 1 && q[len(q)-1] == q[0] {
			q = q[:len(q)-1]
		}
		if len(q) < 3 {
			continue
		}
		for n, xy := range q {
			x, y := xy[0], xy[1]
			switch n {
			case 0:
				d.WriteByte('M')
			case 1:
				d.WriteByte('L')
			default:
				d.WriteByte(' ')
			}
			num = strconv.AppendFloat(num[:0], float64(x)/10, 'f', -1, 64)
			d.Write(num)
			d.WriteByte(' ')
			num = strconv.AppendFloat(num[:0], float64(y)/10, 'f', -1, 64)
			d.Write(num)
		}
		d.WriteByte('Z')
	}
	if d.Len() == 0 {
		return
	}
	s.str(`<path d="` + d.String() + `"`)
	s.paint("fill", sh.Fill)
	if sh.Stroke != nil {
		s.paint("stroke", sh.Stroke)
		s.attrF("stroke-width", sh.Width)
		if sh.Dash {
			on, off := dashPattern(sh.Width)
			s.str(` stroke-dasharray="`)
			s.f(on)
			s.str(" ")
			s.f(off)
			s.str(`"`)
		}
	}
	s.str("/>\n")
}

// shape writes a furniture shape.
func (s *svgWriter) shape(sh shape) { s.path(sh) }

// text writes a text item, one <tspan> a line after the first.
func (s *svgWriter) text(t textItem) {
	s.str("<text")
	s.attrF("x", t.X)
	s.attrF("y", t.Y)
	s.attrF("font-size", t.Size)
	if t.Bold {
		s.str(` font-weight="bold"`)
	}
	switch t.Anchor {
	case anchorMiddle:
		s.str(` text-anchor="middle"`)
	case anchorEnd:
		s.str(` text-anchor="end"`)
	}
	s.paint("fill", t.Color)
	if t.Halo {
		s.str(` stroke="#ffffff"`)
		s.attrF("stroke-width", 2*haloRadius(t.Size))
		s.str(` stroke-linejoin="round" paint-order="stroke"`)
	}
	s.str(">")
	for i, l := range t.Lines {
		if i == 0 {
			s.esc(l)
			continue
		}
		s.str("<tspan")
		s.attrF("x", t.X)
		s.attrF("dy", lineAdvance*t.Size)
		s.str(">")
		s.esc(l)
		s.str("</tspan>")
	}
	s.str("</text>\n")
}
