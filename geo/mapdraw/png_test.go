package mapdraw

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// mustFont loads the default CJK font or fails naming the package to
// install.
func mustFont(t testing.TB) *Font {
	t.Helper()
	f, err := DefaultFont()
	if err != nil {
		t.Fatalf("these tests draw Chinese text with Noto Sans CJK SC: %v", err)
	}
	return f
}

// renderDecoded renders m with RenderPNG and decodes the bytes again, so
// that the tests see what a reader of the file sees.
func renderDecoded(t *testing.T, m *Map) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderPNG(&buf, m, nil); err != nil {
		t.Fatalf("RenderPNG: %v", err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("decoding the PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != m.Width || b.Dy() != m.Height {
		t.Fatalf("PNG is %v, want %d×%d", b, m.Width, m.Height)
	}
	return img
}

func sameRGB(c color.Color, want color.Color) bool {
	r, g, b, _ := c.RGBA()
	wr, wg, wb, _ := want.RGBA()
	return r>>8 == wr>>8 && g>>8 == wg>>8 && b>>8 == wb>>8
}

// TestPNGFeaturesVisible counts the pixels of each fill colour: they must
// cover most of the area of the parcels of that colour and appear nowhere
// but inside those parcels and the legend.
func TestPNGFeaturesVisible(t *testing.T) {
	m := fixtureMap()
	m.Font = mustFont(t)
	img := renderDecoded(t, m)
	L := computeLayout(m, newMeasurer(m.Font))

	type want struct {
		area  float64 // expected pixels: polygon area × K²
		boxes []image.Rectangle
	}
	byColour := map[color.Color]*want{}
	for _, f := range m.Features {
		if f.Fill == nil {
			continue
		}
		w := byColour[f.Fill]
		if w == nil {
			w = &want{}
			byColour[f.Fill] = w
		}
		for _, p := range f.Geometry {
			w.area += planar.Area(p) * L.Tr.K * L.Tr.K
			b := p.Bound()
			x0, y0 := L.Tr.apply(b.Min)
			x1, y1 := L.Tr.apply(b.Max)
			w.boxes = append(w.boxes, image.Rect(int(x0)-1, int(y1)-1, int(x1)+2, int(y0)+2))
		}
	}
	// Only the frame's interior is checked, less the label boxes (their
	// anti-aliased ink over white halos makes every grey): title, legend
	// and note text blend to greys too.
	pixRect := func(r rect) image.Rectangle {
		return image.Rect(int(r.X0), int(r.Y0), int(r.X1)+1, int(r.Y1)+1)
	}
	area := pixRect(L.Frame.inset(2))
	var skip []image.Rectangle
	for _, pl := range L.Labels {
		skip = append(skip, pixRect(pl.Box.inset(-haloRadius(pl.Text.Size)-2)))
	}
	for _, r := range []*rect{&L.North.Box, &L.Scale.Box} {
		skip = append(skip, pixRect(*r))
	}
	for c, w := range byColour {
		n := 0
		for y := area.Min.Y; y < area.Max.Y; y++ {
		pixels:
			for x := area.Min.X; x < area.Max.X; x++ {
				if !sameRGB(img.At(x, y), c) {
					continue
				}
				p := image.Pt(x, y)
				for _, r := range skip {
					if p.In(r) {
						continue pixels
					}
				}
				ok := false
				for _, r := range w.boxes {
					ok = ok || p.In(r)
				}
				if !ok {
					t.Fatalf("fill %v at (%d, %d), outside every parcel of that colour", c, x, y)
				}
				n++
			}
		}
		// Outlines (1 px), label halos and anti-aliased edges take a
		// share of each parcel; the fixture's smallest coloured parcels
		// are about 80 px a side, where that share stays under 15%, so
		// at least 75% of the area must show the pure fill colour.
		if float64(n) < 0.75*w.area || float64(n) > w.area {
			t.Errorf("fill %v covers %d px, want between 75%% and 100%% of the parcels' %.0f px", c, n, w.area)
		}
	}
}

// TestPNGHole checks the non-zero fill leaves the pond in parcel 02 empty
// and fills the land around it.
func TestPNGHole(t *testing.T) {
	m := fixtureMap()
	m.Font = mustFont(t)
	img := renderDecoded(t, m)
	L := computeLayout(m, newMeasurer(m.Font))
	hole := m.Features[2].Geometry[0][1]
	cx, cy := L.Tr.apply(hole.Bound().Center())
	if c := img.At(int(cx), int(cy)); !sameRGB(c, color.White) {
		t.Errorf("centre of the hole is %v, want the white background", c)
	}
	// 20 m inside the parcel's south-east corner: land, no label there.
	ext := m.Features[2].Geometry[0][0].Bound()
	x, y := L.Tr.apply([2]float64{ext.Max[0] - 20, ext.Min[1] + 20})
	if c := img.At(int(x), int(y)); !sameRGB(c, colIdle) {
		t.Errorf("parcel 02 near its corner is %v, want its fill %v", c, colIdle)
	}
}

// darkPixels counts pixels darker than mid-grey in r.
func darkPixels(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if (cr+cg+cb)/3 < 0x8000 {
				n++
			}
		}
	}
	return n
}

// TestPNGChineseText checks that the title is drawn with real CJK glyphs:
// the title band has dark pixels, and "柳州" draws differently from "XX"
// and from characters the font lacks (which draw as the .notdef box).
func TestPNGChineseText(t *testing.T) {
	f := mustFont(t)
	render := func(title string) *image.RGBA {
		m := &Map{Title: title, Width: 400, Height: 200, Font: f}
		img, err := Render(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	band := image.Rect(0, 0, 400, 50)
	liuzhou := render("柳州")
	if n := darkPixels(liuzhou, band); n < 50 {
		t.Fatalf("title band has %d dark pixels, want the glyphs of 柳州", n)
	}
	for _, other := range []string{"XX", "\U000F0000\U000F0001"} {
		img := render(other)
		if bytes.Equal(img.Pix, liuzhou.Pix) {
			t.Errorf("title 柳州 renders the same as %q", other)
		}
	}
}

// TestPNGDeterministic renders twice and compares the bytes.
func TestPNGDeterministic(t *testing.T) {
	m := fixtureMap()
	m.Font = mustFont(t)
	var a, b bytes.Buffer
	if err := RenderPNG(&a, m, nil); err != nil {
		t.Fatal(err)
	}
	if err := RenderPNG(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renders of the same map differ")
	}
}

func TestFontErrors(t *testing.T) {
	t.Run("missing font path", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "none.ttc")
		err := RenderPNG(&bytes.Buffer{}, fixtureMap(), &PNGSettings{FontPath: bad})
		if err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("err = %v, want one naming %s", err, bad)
		}
	})
	t.Run("not a font", func(t *testing.T) {
		_, err := LoadFont("font.go")
		if err == nil || !strings.Contains(err.Error(), "font.go") {
			t.Errorf("err = %v, want one naming font.go", err)
		}
	})
	t.Run("nothing installed", func(t *testing.T) {
		paths, dirs := fontPaths, fontDirs
		defer func() { fontPaths, fontDirs = paths, dirs }()
		fontPaths, fontDirs = []string{filepath.Join(t.TempDir(), "x.ttc")}, []string{t.TempDir()}
		_, err := FindFont()
		if !errors.Is(err, ErrNoFont) || !strings.Contains(err.Error(), FontPackage) {
			t.Errorf("err = %v, want ErrNoFont naming %s", err, FontPackage)
		}
	})
	t.Run("fallback search", func(t *testing.T) {
		real := mustFont(t).Path
		paths, dirs := fontPaths, fontDirs
		defer func() { fontPaths, fontDirs = paths, dirs }()
		fontPaths, fontDirs = nil, []string{filepath.Dir(filepath.Dir(real))}
		got, err := FindFont()
		if err != nil || filepath.Base(got) != filepath.Base(real) {
			t.Errorf("FindFont() = %q, %v; want a file named %s", got, err, filepath.Base(real))
		}
	})
}

// TestFontFace checks that the collection face picked is Simplified
// Chinese and that ideographs measure exactly 1 em, as ApproxTextWidth
// assumes.
func TestFontFace(t *testing.T) {
	f := mustFont(t)
	ms := newMeasurer(f)
	// 26.6 fixed-point advances are exact to 1/64 px.
	const tol = 1.0 / 64
	for _, tc := range []struct {
		name string
		text string
		size float64
	}{
		{"two ideographs", "柳州", 20},
		{"ideographs and punctuation", "工业用地，", 13},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ms.width(tc.text, tc.size, false)
			want := ApproxTextWidth(tc.text, tc.size)
			if d := got - want; d > tol || d < -tol {
				t.Errorf("width(%q, %g) = %g, want %g", tc.text, tc.size, got, want)
			}
		})
	}
	// Latin text: the approximation is within 20% for ordinary labels.
	got, approx := ms.width("GX2025-01", 20, false), ApproxTextWidth("GX2025-01", 20)
	if got < approx*0.8 || got > approx*1.2 {
		t.Errorf("GX2025-01 measures %g px, approximation %g px: more than 20%% apart", got, approx)
	}
}

// TestPNGStroke draws a 10 px outline round a square: the corners, where
// segment rectangles and joint octagons overlap, must be solid ink; the
// inside stays background; a dashed outline inks about on/(on+off) of
// its length.
func TestPNGStroke(t *testing.T) {
	f := mustFont(t)
	for _, tc := range []struct {
		name string
		dash bool
	}{{"solid", false}, {"dashed", true}} {
		t.Run(tc.name, func(t *testing.T) {
			sq := square(0, 0, 100)
			sq.Stroke, sq.StrokeWidth, sq.Dash = color.Black, 10, tc.dash
			m := &Map{Width: 400, Height: 400, Font: f, Features: []Feature{sq}}
			img, err := Render(m, nil)
			if err != nil {
				t.Fatal(err)
			}
			L := computeLayout(m, newMeasurer(f))
			x0, y1 := L.Tr.apply(orb.Point{0, 0})
			x1, y0 := L.Tr.apply(orb.Point{100, 100})
			black := func(x, y float64) bool { return sameRGB(img.At(int(x), int(y)), color.Black) }
			if !tc.dash {
				for _, c := range [][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} {
					// The pixel whose corner is the vertex, and its three
					// neighbours round the vertex.
					for _, d := range [][2]float64{{0, 0}, {-1, 0}, {0, -1}, {-1, -1}} {
						if !black(c[0]+d[0], c[1]+d[1]) {
							t.Errorf("pixel at (%g, %g) by the corner is %v, want ink", c[0]+d[0], c[1]+d[1], img.At(int(c[0]+d[0]), int(c[1]+d[1])))
						}
					}
				}
			}
			if c := img.At(int((x0+x1)/2), int((y0+y1)/2)); !sameRGB(c, color.White) {
				t.Errorf("inside of an unfilled square is %v, want the background", c)
			}
			// Ink along the top edge, away from the corners, over a whole
			// number of dash periods.
			on, off := dashPattern(10)
			period := on + off
			want := 1.0
			if tc.dash {
				want = on / period
			}
			ink, n := 0, 0
			for x := x0 + 10; x < x0+10+math.Floor((x1-x0-20)/period)*period; x++ {
				n++
				if black(x, y0) {
					ink++
				}
			}
			share := float64(ink) / float64(n)
			// Anti-aliased dash ends are not pure ink and pixel rounding
			// moves them: allow 2 px a dash end, 4 px a period.
			if math.Abs(share-want) > 4/period {
				t.Errorf("top edge %.3f inked, want %.3f", share, want)
			}
		})
	}
}

// TestRenderDegenerate renders maps with nothing, or nothing drawable, in
// them without failing.
func TestRenderDegenerate(t *testing.T) {
	f := mustFont(t)
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		m    *Map
	}{
		{"empty", &Map{}},
		{"only furniture", &Map{Title: "标题", ScaleBar: true, NorthArrow: true, Legend: []LegendItem{{Label: "新增"}}}},
		{"one point", &Map{ScaleBar: true, Features: []Feature{{Geometry: orb.MultiPolygon{{{{1, 1}, {1, 1}, {1, 1}, {1, 1}}}}, Fill: color.Black, Label: "点"}}}},
		{"NaN coordinates", &Map{ScaleBar: true, Features: []Feature{
			{Geometry: orb.MultiPolygon{{{{nan, 0}, {1, 0}, {1, 1}, {nan, 0}}}}, Fill: color.Black, Label: "NaN"},
			square(0, 0, 10)}}},
		{"empty geometries", &Map{Features: []Feature{{Geometry: orb.MultiPolygon{{}}, Label: "空"}, {}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.m.Font = f
			if err := RenderPNG(io.Discard, tc.m, nil); err != nil {
				t.Errorf("RenderPNG: %v", err)
			}
			parseSVG(t, renderSVG(t, tc.m))
		})
	}
}
