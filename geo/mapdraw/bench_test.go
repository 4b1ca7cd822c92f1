package mapdraw

import (
	"fmt"
	"image/color"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// syntheticMap is a grid of n parcels, 60 m apart with 10 m roads between
// them, each a slightly irregular pentagon with a label, in five status
// colours; the seed fixes the shapes.
func syntheticMap(n, width int) *Map {
	cols := 1
	for cols*cols < n*3/2 {
		cols++
	}
	rng := rand.New(rand.NewPCG(1, 2))
	fills := []color.Color{colNew, colIdle, colLowUse, colOccupied, colReserved}
	m := &Map{Title: "合成地块压力测试", Subtitle: fmt.Sprintf("%d 宗地块", n),
		Width: width, Height: width * 707 / 1000, ScaleBar: true, NorthArrow: true}
	m.Features = make([]Feature, n)
	for i := range m.Features {
		x0, y0 := 500000+float64(i%cols)*60, 2680000+float64(i/cols)*60
		j := func() float64 { return rng.Float64() * 6 }
		ring := orb.Ring{{x0 + j(), y0 + j()}, {x0 + 50 - j(), y0 + j()}, {x0 + 50 - j(), y0 + 50 - j()},
			{x0 + 25, y0 + 50 + j()}, {x0 + j(), y0 + 50 - j()}, {x0 + j(), y0 + j()}}
		ring[len(ring)-1] = ring[0]
		m.Features[i] = Feature{Geometry: orb.MultiPolygon{{ring}}, Fill: fills[i%len(fills)],
			Stroke: colEdge, Label: fmt.Sprintf("P%06d", i), LabelPriority: rng.Float64(), Layer: "parcels"}
	}
	for i, c := range fills {
		m.Legend = append(m.Legend, LegendItem{Label: fmt.Sprintf("类别 %d", i+1), Fill: c, Stroke: colEdge})
	}
	return m
}

// BenchmarkRenderPNG100k renders 100 000 parcels on a 4000 px wide sheet and
// encodes the PNG (target: under 10 s an operation).
func BenchmarkRenderPNG100k(b *testing.B) {
	m := syntheticMap(100000, 4000)
	f, err := DefaultFont()
	if err != nil {
		b.Fatal(err)
	}
	m.Font = f
	b.ResetTimer()
	for b.Loop() {
		if err := RenderPNG(io.Discard, m, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSVG100k writes the same map as SVG.
func BenchmarkRenderSVG100k(b *testing.B) {
	m := syntheticMap(100000, 4000)
	b.ResetTimer()
	for b.Loop() {
		if err := RenderSVG(io.Discard, m); err != nil {
			b.Fatal(err)
		}
	}
}
