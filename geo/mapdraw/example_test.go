package mapdraw_test

import (
	"bytes"
	"fmt"
	"image/color"
	"log"
	"os"
	"regexp"
	"strings"

	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/paulmach/orb"
)

// rectangle is a parcel in projected metres (EPSG:4545 eastings and
// northings).
func rectangle(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

func sampleMap() *mapdraw.Map {
	newLand := color.RGBA{0xf6, 0xd3, 0x6b, 0xff}
	idle := color.RGBA{0xe8, 0x7e, 0x4a, 0xff}
	edge := color.RGBA{0x55, 0x55, 0x55, 0xff}
	return &mapdraw.Map{
		Title:      "柳州高新区工业用地供应",
		Subtitle:   "方案 A",
		Width:      800,
		Height:     600,
		ScaleBar:   true,
		NorthArrow: true,
		Features: []mapdraw.Feature{
			{Geometry: rectangle(642000, 2689000, 642400, 2689300), Fill: newLand, Stroke: edge,
				Label: "GX2025-01\n新能源电池", LabelPriority: 2, Layer: "parcels"},
			{Geometry: rectangle(642450, 2689000, 642800, 2689300), Fill: idle, Stroke: edge,
				Label: "GX2025-02", LabelPriority: 1, Layer: "parcels"},
		},
		Legend: []mapdraw.LegendItem{
			{Label: "新增工业用地", Fill: newLand, Stroke: edge},
			{Label: "闲置土地", Fill: idle, Stroke: edge},
		},
	}
}

// An SVG needs no font installed: text is measured with ApproxTextWidth and
// the document names the font family.
func ExampleRenderSVG() {
	var buf bytes.Buffer
	if err := mapdraw.RenderSVG(&buf, sampleMap()); err != nil {
		log.Fatal(err)
	}
	svg := buf.String()
	fmt.Println(strings.Contains(svg, `<g id="layer-parcels" aria-label="parcels">`))
	fmt.Println(strings.Contains(svg, `>GX2025-02</text>`))
	fmt.Println("scale bar:", regexp.MustCompile(`>([\d.]+ k?m)</text>`).FindStringSubmatch(svg)[1])
	// Output:
	// true
	// true
	// scale bar: 200 m
}

// Loading the font once and setting Map.Font places the labels of the SVG
// and the PNG identically.
func ExampleRenderPNG() {
	font, err := mapdraw.DefaultFont() // Noto Sans CJK SC, Debian package fonts-noto-cjk
	if err != nil {
		log.Fatal(err)
	}
	m := sampleMap()
	m.Font = font
	f, err := os.Create("plan.png")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := mapdraw.RenderPNG(f, m, nil); err != nil {
		log.Fatal(err)
	}
	var svg bytes.Buffer
	if err := mapdraw.RenderSVG(&svg, m); err != nil {
		log.Fatal(err)
	}
}
