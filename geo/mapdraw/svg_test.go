package mapdraw

import (
	"bytes"
	"encoding/xml"
	"flag"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func renderSVG(t *testing.T, m *Map) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderSVG(&buf, m); err != nil {
		t.Fatalf("RenderSVG: %v", err)
	}
	return buf.Bytes()
}

// TestSVGGolden compares the fixture's SVG with testdata/fixture.svg
// (measured with ApproxTextWidth, so the bytes do not depend on installed
// fonts). Refresh with `go test ./geo/mapdraw -run SVGGolden -update`.
func TestSVGGolden(t *testing.T) {
	got := renderSVG(t, fixtureMap())
	if !bytes.Equal(got, renderSVG(t, fixtureMap())) {
		t.Fatal("two renders of the same map differ")
	}
	golden := filepath.Join("testdata", "fixture.svg")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("SVG differs from %s (run with -update after checking the change); got:\n%s", golden, got)
	}
}

// svgElement is the subset of an SVG element the tests look at.
type svgElement struct {
	Name  string
	Attrs map[string]string
	Text  string
}

// parseSVG decodes the document with encoding/xml, failing on any
// malformed XML, and returns its elements in document order.
func parseSVG(t *testing.T, doc []byte) []svgElement {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var els []svgElement
	var stack []int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := svgElement{Name: tok.Name.Local, Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.Attrs[a.Name.Local] = a.Value
			}
			els = append(els, e)
			stack = append(stack, len(els)-1)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				els[stack[len(stack)-1]].Text += string(tok)
			}
		}
	}
	return els
}

func TestSVGStructure(t *testing.T) {
	m := fixtureMap()
	m.Title = `规划 <A&B> "引号"`
	m.Features[1].Label = "R&D <园区>"
	m.Features[1].Layer = "地块 parcels"
	els := parseSVG(t, renderSVG(t, m))
	if els[0].Name != "svg" || els[0].Attrs["font-family"] != FontFamily {
		t.Fatalf("root = %v, want <svg> with font-family %q", els[0], FontFamily)
	}
	ids := map[string]int{}
	texts := map[string]bool{}
	number := regexp.MustCompile(`-?\d+(\.\d+)?`)
	for _, e := range els {
		if id := e.Attrs["id"]; id != "" {
			ids[id]++
		}
		if e.Name == "text" || e.Name == "title" {
			texts[e.Text] = true
		}
		if e.Name == "path" {
			for _, n := range number.FindAllString(e.Attrs["d"], -1) {
				if i := strings.IndexByte(n, '.'); i >= 0 && len(n)-i-1 > 1 {
					t.Fatalf("path coordinate %s has more than one decimal", n)
				}
			}
		}
	}
	for _, id := range []string{"background", "features", "labels", "frame", "north-arrow", "scale-bar", "legend", "header", "note",
		"layer-zone", "layer-parcels", "layer-parcels-2"} {
		if ids[id] != 1 {
			t.Errorf("id %q appears %d times, want once", id, ids[id])
		}
	}
	for _, s := range []string{m.Title, "R&D <园区>", "图例", "北", "200 m"} {
		if !texts[s] {
			t.Errorf("no text element reads %q", s)
		}
	}
}

// TestSVGRsvg renders the SVG with librsvg and checks the parcels show.
func TestSVGRsvg(t *testing.T) {
	bin, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Fatalf("rsvg-convert not found (install the Debian package librsvg2-bin): %v", err)
	}
	m := fixtureMap()
	cmd := exec.Command(bin, "--format=png")
	cmd.Stdin = bytes.NewReader(renderSVG(t, m))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rsvg-convert: %v: %s", err, stderr.String())
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("decoding rsvg-convert's PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != m.Width || b.Dy() != m.Height {
		t.Fatalf("rsvg-convert drew %v, want %d×%d", b, m.Width, m.Height)
	}
	L := computeLayout(m, newMeasurer(nil))
	for i, f := range m.Features {
		if f.Fill == nil || len(m.Features[i].Geometry[0]) > 1 {
			continue
		}
		// The pixel 4 m inside each parcel's north-west corner, clear of
		// outlines and labels, shows the parcel's fill.
		b := f.Geometry.Bound()
		x, y := L.Tr.apply([2]float64{b.Min[0] + 4, b.Max[1] - 4})
		if !visible(b, L.Tr.K) || (b.Max[0]-b.Min[0])*L.Tr.K < 12 {
			continue
		}
		if c := img.At(int(x), int(y)); !sameRGB(c, f.Fill) {
			t.Errorf("feature %d: rsvg-convert drew %v at (%.0f, %.0f), want its fill %v", i, c, x, y, f.Fill)
		}
	}
	if n := darkPixels(img, image.Rect(0, 0, m.Width, 60)); n < 100 {
		t.Errorf("title band has %d dark pixels in rsvg-convert's PNG, want the title", n)
	}
}

// TestSVGLabelsMatchPNG checks that with Map.Font set, the SVG's label
// positions are the ones the PNG renderer draws.
func TestSVGLabelsMatchPNG(t *testing.T) {
	m := fixtureMap()
	m.Font = mustFont(t)
	L := computeLayout(m, newMeasurer(m.Font))
	var got []string
	inLabels := false
	for _, e := range parseSVG(t, renderSVG(t, m)) {
		if e.Name == "g" {
			inLabels = e.Attrs["id"] == "labels"
		}
		if inLabels && e.Name == "text" {
			got = append(got, e.Attrs["x"]+","+e.Attrs["y"])
		}
	}
	var want []string
	var s svgWriter
	for _, pl := range L.Labels {
		want = append(want, s.fmt(pl.Text.X)+","+s.fmt(pl.Text.Y))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("SVG labels at %v, PNG layout at %v", got, want)
	}
	if len(want) == 0 {
		t.Error("no labels placed")
	}
}

// TestSVGLang checks the furniture's words follow Map.Lang.
func TestSVGLang(t *testing.T) {
	for _, tc := range []struct {
		name          string
		lang          Lang
		legend, north string
	}{
		{"default is Chinese", "", "图例", "北"},
		{"Chinese", Chinese, "图例", "北"},
		{"English", English, "Legend", "N"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := fixtureMap()
			m.Lang = tc.lang
			texts := map[string]bool{}
			for _, e := range parseSVG(t, renderSVG(t, m)) {
				if e.Name == "text" {
					texts[e.Text] = true
				}
			}
			if !texts[tc.legend] || !texts[tc.north] {
				t.Errorf("want texts %q and %q among %v", tc.legend, tc.north, texts)
			}
		})
	}
}
