package mapdraw

import (
	"bytes"
	"image/color"
	"strings"
	"testing"
)

// TestChart draws a two-line chart with bands and Chinese labels: the SVG
// holds a band per banded series, a circle per point and the labels; the
// PNG paints the band's colour between a point's value and its bound.
func TestChart(t *testing.T) {
	blue := color.RGBA{0x1f, 0x77, 0xb4, 0xff}
	c := &Chart{Title: "目标值随新增建设用地指标的变化", XLabel: "新增建设用地指标(亩)", YLabel: "目标值", LegendTitle: "存量优先",
		Series: []ChartSeries{
			{Name: "是", Color: blue, Points: []ChartPoint{{X: 0, Y: 10, Band: true, Lo: 10, Hi: 14}, {X: 1000, Y: 20, Band: true, Lo: 20, Hi: 24}}},
			{Name: "否", Color: color.RGBA{0xd6, 0x27, 0x28, 0xff}, Points: []ChartPoint{{X: 0, Y: 8}, {X: 1000, Y: 18}}},
		}}
	var svg bytes.Buffer
	if err := RenderChartSVG(&svg, c); err != nil {
		t.Fatal(err)
	}
	s := svg.String()
	for _, want := range []string{`class="band"`, "目标值随新增建设用地指标的变化", "存量优先", ">是<", ">否<", "0: 10 [10, 14]"} {
		if !strings.Contains(s, want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
	if n := strings.Count(s, "<circle"); n != 4 {
		t.Errorf("%d points drawn, want 4", n)
	}
	if n := strings.Count(s, `class="band"`); n != 1 {
		t.Errorf("%d bands, want 1 (the second series has none)", n)
	}
	img, err := RenderChart(c)
	if err != nil {
		t.Fatal(err)
	}
	// Halfway between value and bound at the first point, a little right
	// of the marker: the band's tint, bluish and not white.
	L := c.layout()
	p := L.px(0, 12)
	r, g, b, _ := img.At(int(p.X)+6, int(p.Y)).RGBA()
	if !(b > r && b < 0xffff && r < 0xf000) {
		t.Errorf("pixel in the band is %x %x %x, want the band's blue tint", r>>8, g>>8, b>>8)
	}
	if ticks, _ := niceTicks(0, 1000, 8); len(ticks) < 4 || ticks[0] != 0 || ticks[len(ticks)-1] != 1000 {
		t.Errorf("ticks %v", ticks)
	}
}
